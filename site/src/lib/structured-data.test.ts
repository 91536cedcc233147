import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { agencyData, jsonLd, legalDocumentData } from './structured-data';
import type { Agency, LegalDocument } from './cms';

const HOSTILE = `</script><script>alert(1)</script><!--<script>--> & \u2028\u2029 "quoted" </SCRIPT >`;
const site = new URL('https://laocai.gov.vn/');

describe('jsonLd', () => {
  it('cannot end its <script> element whatever the content holds, and parses back unchanged', () => {
    const data = { '@type': 'NewsArticle', headline: HOSTILE, description: [HOSTILE] };
    const text = jsonLd(data);
    expect(text).not.toMatch(/<\/script|<!--|<script/i);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ '@context': 'https://schema.org', ...data });
    // as an HTML parser reads the page: one script element, its text the whole JSON
    const dom = parseDocument(`<script type="application/ld+json">${text}</script><p>after</p>`);
    const scripts = dom.children.filter((n) => 'name' in n && n.name === 'script');
    expect(scripts).toHaveLength(1);
  });
});

describe('schema.org objects', () => {
  it('an agency: GovernmentOrganization with contact and parent, empty fields left out', () => {
    const agency = {
      name: `Sở ${HOSTILE}`,
      shortName: null,
      slug: 'so-tu-phap',
      contact: { address: '1 Hoàng Liên', phone: '0214 3840 000', fax: null, email: '', website: 'javascript:alert(1)' },
      parent: { name: 'UBND tỉnh', slug: 'ubnd-tinh' },
    } as unknown as Agency;
    const d = agencyData(agency, site);
    expect(d['@type']).toBe('GovernmentOrganization');
    expect(d.url).toBe('https://laocai.gov.vn/co-quan/so-tu-phap/');
    expect(d).not.toHaveProperty('email');
    expect(d).not.toHaveProperty('alternateName');
    expect(d).not.toHaveProperty('sameAs'); // only http(s) addresses
    expect(d.parentOrganization).toMatchObject({ '@type': 'GovernmentOrganization', name: 'UBND tỉnh' });
    expect(jsonLd(d)).not.toContain('</script');
  });

  it('a legal document: Legislation with its number, dates and legal force', () => {
    const doc = {
      documentNumber: '07/2006/QĐ-UBND',
      slug: '07-2006-qd-ubnd',
      issuingBody: 'UBND tỉnh Lào Cai',
      signer: null,
      issuedDate: '2006-03-01',
      effectiveDate: '2006-03-11',
      validityStatus: 'partiallyExpired',
      abstract: 'Về việc…',
      updatedAt: '2026-01-01T00:00:00.000Z',
    } as unknown as LegalDocument;
    const d = legalDocumentData(doc, site, 'Quyết định 07/2006/QĐ-UBND');
    expect(d).toMatchObject({
      '@type': 'Legislation',
      legislationIdentifier: '07/2006/QĐ-UBND',
      legislationType: 'Quyết định',
      legislationDate: '2006-03-01',
      legislationLegalForce: 'https://schema.org/PartiallyInForce',
    });
    expect(legalDocumentData({ ...doc, validityStatus: 'unknown' }, site, 'x')).not.toHaveProperty('legislationLegalForce');
  });
});
