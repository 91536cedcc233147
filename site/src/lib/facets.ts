/**
 * The no-JavaScript filters of the portal's lists: every value of every facet of the legal
 * documents (type, issuing body, year, validity status, field) and every procedure field gets a
 * static page of its own (`routes.legalDocumentFacet`, `routes.procedureField`), and the list
 * pages link to them with counts. Pure functions over the loaded {@link SiteData} lists.
 */
import {
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  LEGAL_DOCUMENT_FACETS,
  LEGAL_DOCUMENT_FACET_FIELDS,
  LEGAL_DOCUMENT_FACET_LABELS,
  OTHER_FIELD_VALUE,
  VALIDITY_STATUSES,
  VALIDITY_STATUS_LABELS,
  legalDocumentFacetValue,
  procedureFieldValue,
  routes,
  type DocumentType,
  type LegalDocumentFacet,
  type ValidityStatus,
} from '@cong/shared';
import { compareVi, type LegalDocument, type Procedure } from './cms';

/** One value of a facet: its page, its label and the items it lists (in list order). */
export interface FacetValue<T> {
  /** URL value (last path segment) */
  value: string;
  /** what users read, e.g. "Quyết định", "2006", "Ủy ban nhân dân tỉnh Lào Cai" */
  label: string;
  href: string;
  items: T[];
}

/** One facet with its values (only values that list at least one item). */
export interface Facet<T> {
  facet: LegalDocumentFacet;
  label: string;
  values: FacetValue<T>[];
}

/**
 * The raw value of a document for a facet: its field in {@link LEGAL_DOCUMENT_FACET_FIELDS},
 * except validity, which is the status on the build day (`currentValidity`).
 */
export function legalDocumentFacetRaw(d: LegalDocument, facet: LegalDocumentFacet): string | null {
  return facet === 'validity' ? d.currentValidity : d[LEGAL_DOCUMENT_FACET_FIELDS[facet]];
}

function labelOf(d: LegalDocument, facet: LegalDocumentFacet, value: string): string {
  switch (facet) {
    case 'type':
      return DOCUMENT_TYPE_LABELS[d.documentType as DocumentType] ?? d.documentType;
    case 'validity':
      return VALIDITY_STATUS_LABELS[d.currentValidity as ValidityStatus] ?? d.currentValidity;
    case 'year':
      return value;
    case 'issuingBody':
      return d.issuingBody.trim();
    case 'field':
      return (d.field ?? '').trim();
  }
}

/** Display order of a facet's values: enum order for type and validity, newest year first, else Vietnamese collation. */
function orderValues<T>(facet: LegalDocumentFacet, values: FacetValue<T>[]): FacetValue<T>[] {
  const enumOrder = (list: readonly string[], f: (v: string) => string | null) => {
    const index = new Map(list.map((x, i) => [f(x), i]));
    return (a: FacetValue<T>, b: FacetValue<T>) => (index.get(a.value) ?? 99) - (index.get(b.value) ?? 99);
  };
  switch (facet) {
    case 'type':
      return values.sort(enumOrder(DOCUMENT_TYPES, (t) => legalDocumentFacetValue('type', t)));
    case 'validity':
      return values.sort(enumOrder(VALIDITY_STATUSES, (v) => legalDocumentFacetValue('validity', v)));
    case 'year':
      return values.sort((a, b) => b.value.localeCompare(a.value));
    default:
      return values.sort((a, b) => compareVi(a.label, b.label));
  }
}

/**
 * The facets of a list of legal documents (given newest first; every facet page keeps that
 * order). A document without a value for a facet (no field, no valid issue date) is on no page
 * of that facet. Values whose texts differ only in case or tone marks share one page (the slug),
 * labelled with the first text seen.
 */
export function legalDocumentFacets(documents: readonly LegalDocument[]): Facet<LegalDocument>[] {
  return LEGAL_DOCUMENT_FACETS.map((facet) => {
    const byValue = new Map<string, FacetValue<LegalDocument>>();
    for (const d of documents) {
      const value = legalDocumentFacetValue(facet, legalDocumentFacetRaw(d, facet));
      if (!value) continue;
      let entry = byValue.get(value);
      if (!entry) {
        entry = { value, label: labelOf(d, facet, value), href: routes.legalDocumentFacet(facet, value), items: [] };
        byValue.set(value, entry);
      }
      entry.items.push(d);
    }
    return { facet, label: LEGAL_DOCUMENT_FACET_LABELS[facet], values: orderValues(facet, [...byValue.values()]) };
  });
}

/** Label of the procedures without a field. */
export const OTHER_FIELD_LABEL = 'Lĩnh vực khác';

/**
 * Procedures grouped by field (lĩnh vực), each group with its page: fields in Vietnamese
 * order, "Lĩnh vực khác" (no field) last; procedures keep their order (by name).
 */
export function procedureFields(procedures: readonly Procedure[]): FacetValue<Procedure>[] {
  const byValue = new Map<string, FacetValue<Procedure>>();
  for (const p of procedures) {
    const value = procedureFieldValue(p.field);
    let entry = byValue.get(value);
    if (!entry) {
      const label = value === OTHER_FIELD_VALUE ? OTHER_FIELD_LABEL : (p.field ?? '').trim();
      entry = { value, label, href: routes.procedureField(value), items: [] };
      byValue.set(value, entry);
    }
    entry.items.push(p);
  }
  return [...byValue.values()].sort((a, b) => (a.value === OTHER_FIELD_VALUE ? 1 : b.value === OTHER_FIELD_VALUE ? -1 : compareVi(a.label, b.label)));
}
