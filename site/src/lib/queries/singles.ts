/** The single types document: province profile and homepage, in one query. */
import { CONTACT_FIELDS, RELATIONS, type GqlContact, type GqlEntry, type GqlRef, type TypedQuery } from './common';

/** `api::province-profile.province-profile` (single type, R-2.4). */
export interface GqlProvinceProfile extends GqlEntry {
  name: string;
  overview: string | null;
  naturalConditions: string | null;
  economy: string | null;
  areaKm2: number | null;
  population: number | null;
  adminUnits: unknown;
  adminUnitsDate: string | null;
  contact: GqlContact | null;
}

/** `api::homepage.homepage` (single type). */
export interface GqlHomepage extends GqlEntry {
  welcome: string | null;
  featuredArticles: GqlRef[];
  featuredDocuments: GqlRef[];
  /** e.g. `['documents', 'procedures', 'news', 'agencies', 'questions']` */
  sectionOrder: unknown;
  hotline: string | null;
}

/** The two single types: province profile and homepage (null when not published). */
export const SINGLES_QUERY: TypedQuery<{ provinceProfile: GqlProvinceProfile | null; homepage: GqlHomepage | null }, Record<string, never>> = /* GraphQL */ `
  query SiteSingles {
    provinceProfile {
      documentId updatedAt publishedAt
      name overview naturalConditions economy areaKm2 population adminUnits adminUnitsDate
      contact { ${CONTACT_FIELDS} }
    }
    homepage {
      documentId updatedAt publishedAt
      welcome
      featuredArticles(${RELATIONS}) { documentId }
      featuredDocuments(${RELATIONS}) { documentId }
      sectionOrder hotline
    }
  }
`;
