/**
 * schema.org structured data (JSON-LD) of the public pages (issue 13, point 6): an agency's
 * sub-site is a `GovernmentOrganization`, a news item a `NewsArticle`, a legal document a
 * `Legislation`, an administrative procedure a `GovernmentService`. Every object is built from
 * published CMS data only, the same fields the page shows; `jsonLd` serialises it so that no text
 * in it can end the `<script type="application/ld+json">` element it sits in.
 */
import { routes, type ValidityStatus } from '@cong/shared';
import type { Agency, Article, LegalDocument, Procedure } from './cms';

/** One schema.org object (with its `@type`), JSON-serialisable. */
export type StructuredData = { '@type': string } & Record<string, unknown>;

const PROVINCE = { '@type': 'AdministrativeArea', name: 'Tỉnh Lào Cai' } as const;
const PUBLISHER = { '@type': 'GovernmentOrganization', name: 'Ủy ban nhân dân tỉnh Lào Cai' } as const;

/** schema.org's LegalForceStatus of each validity status; an unknown validity is left out. */
const LEGAL_FORCE: Partial<Record<ValidityStatus, string>> = {
  inForce: 'https://schema.org/InForce',
  partiallyExpired: 'https://schema.org/PartiallyInForce',
  expired: 'https://schema.org/NotInForce',
  notYetEffective: 'https://schema.org/NotInForce',
};

/** Drops keys whose value is null, undefined, '' or an empty array (schema.org validators flag empty values). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/**
 * The text of a `<script type="application/ld+json">` element holding `data` (with the schema.org
 * `@context`): JSON with `<`, `>`, `&` and the line separators U+2028/U+2029 written as `\u` escapes,
 * so neither `</script>` nor `<!--` (which changes how the HTML parser ends a script) can appear,
 * whatever the content. The escapes are plain JSON: the data parses back unchanged.
 *
 * @param data one object or several (a page about several things); never null
 */
export function jsonLd(data: StructuredData | StructuredData[]): string {
  const withContext = Array.isArray(data) ? { '@context': 'https://schema.org', '@graph': data } : { '@context': 'https://schema.org', ...data };
  return JSON.stringify(withContext).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An absolute URL of a site path on `site`. */
const abs = (site: URL | undefined, path: string) => new URL(path, site ?? 'http://127.0.0.1:4321/').href;

/** An agency (its sub-site's home): `GovernmentOrganization` with its contact and parent agency. */
export function agencyData(agency: Agency, site: URL | undefined): StructuredData {
  const c = agency.contact;
  return {
    '@type': 'GovernmentOrganization',
    ...compact({
      name: agency.name,
      alternateName: agency.shortName,
      url: abs(site, routes.agency(agency.slug)),
      address: c?.address ? { '@type': 'PostalAddress', streetAddress: c.address, addressRegion: 'Lào Cai', addressCountry: 'VN' } : null,
      telephone: c?.phone,
      faxNumber: c?.fax,
      email: c?.email,
      sameAs: c?.website && /^https?:\/\//i.test(c.website) ? c.website : null,
      parentOrganization: agency.parent
        ? { '@type': 'GovernmentOrganization', name: agency.parent.name, url: abs(site, routes.agency(agency.parent.slug)) }
        : null,
      areaServed: PROVINCE,
    }),
  };
}

/** A news item or announcement: `NewsArticle`, dates as ISO 8601 instants (UTC). */
export function articleData(a: Article, site: URL | undefined, image: string | null): StructuredData {
  return {
    '@type': 'NewsArticle',
    ...compact({
      headline: a.title,
      description: a.summary,
      url: abs(site, routes.article(a.slug)),
      mainEntityOfPage: abs(site, routes.article(a.slug)),
      inLanguage: a.language || 'vi',
      datePublished: a.firstPublishedAt ?? a.publishedAt,
      dateModified: a.updatedAt,
      image,
      author: a.author ? { '@type': 'Person', name: a.author } : a.agency ? { '@type': 'GovernmentOrganization', name: a.agency.name } : PUBLISHER,
      publisher: PUBLISHER,
      sourceOrganization: a.agency ? { '@type': 'GovernmentOrganization', name: a.agency.name, url: abs(site, routes.agency(a.agency.slug)) } : null,
    }),
  };
}

/**
 * A legal document: `Legislation` with its number (`legislationIdentifier`), issuing body
 * (`legislationPassedBy`), dates (`YYYY-MM-DD`) and whether it is in force.
 *
 * @param name the document's display name ("Quyết định 07/2006/QĐ-UBND")
 */
export function legalDocumentData(d: LegalDocument, site: URL | undefined, name: string): StructuredData {
  return {
    '@type': 'Legislation',
    ...compact({
      name,
      legislationIdentifier: d.documentNumber,
      legislationType: name.slice(0, name.length - d.documentNumber.length).trim() || null,
      abstract: d.abstract,
      url: abs(site, routes.legalDocument(d.slug)),
      legislationDate: d.issuedDate,
      legislationDateVersion: d.effectiveDate,
      legislationPassedBy: d.issuingBody ? { '@type': 'GovernmentOrganization', name: d.issuingBody } : null,
      legislationResponsible: d.signer ? { '@type': 'Person', name: d.signer } : null,
      legislationJurisdiction: PROVINCE,
      legislationLegalForce: LEGAL_FORCE[d.validityStatus] ?? null,
      inLanguage: 'vi',
      dateModified: d.updatedAt,
    }),
  };
}

/** An administrative procedure: `GovernmentService`, provided by its agency, with its field as `serviceType`. */
export function procedureData(p: Procedure, site: URL | undefined): StructuredData {
  return {
    '@type': 'GovernmentService',
    ...compact({
      name: p.name,
      identifier: p.procedureCode,
      serviceType: p.field,
      url: abs(site, routes.procedure(p.slug)),
      provider: p.agency
        ? { '@type': 'GovernmentOrganization', name: p.agency.name, url: abs(site, routes.agency(p.agency.slug)) }
        : p.executingAgency
          ? { '@type': 'GovernmentOrganization', name: p.executingAgency }
          : null,
      serviceOperator: PUBLISHER,
      areaServed: PROVINCE,
    }),
  };
}
