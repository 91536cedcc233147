/** The agencies document (`api::agency.agency`), one page at a time. */
import type { AgencyKind, UpdateSchedule } from '@cong/shared';
import {
  CONTACT_FIELDS,
  MEDIA_FIELDS,
  PAGE_ARGS,
  pageVars,
  type GqlContact,
  type GqlEntry,
  type GqlMedia,
  type GqlRef,
  type PageVariables,
  type TypedQuery,
} from './common';

/** `api::agency.agency`. */
export interface GqlAgency extends GqlEntry {
  name: string;
  shortName: string | null;
  slug: string;
  kind: AgencyKind;
  parent: GqlRef | null;
  contact: GqlContact | null;
  leader: string | null;
  updateSchedule: UpdateSchedule;
  pilotEService: boolean | null;
  adminUnitCode: string | null;
  introduction: string | null;
  organisationStructure: string | null;
  orgChart: GqlMedia | null;
  functionsAndDuties: string | null;
  developmentPlanning: string | null;
  naturalSocialConditions: string | null;
  socioEconomicOrientation: string | null;
  /** districts: `{ code, name, type, dataDate, counts, units: [{ code, name, type }] }` (seed import shape) */
  adminUnits: unknown;
  sortOrder: number | null;
}

/** Agencies, one page. */
export const AGENCIES_QUERY: TypedQuery<{ agencies: GqlAgency[] }, PageVariables> = /* GraphQL */ `
  query SiteAgencies(${pageVars('AgencyFiltersInput')}) {
    agencies(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      name shortName slug kind
      parent { documentId }
      contact { ${CONTACT_FIELDS} }
      leader updateSchedule pilotEService adminUnitCode
      introduction organisationStructure
      orgChart { ${MEDIA_FIELDS} }
      functionsAndDuties developmentPlanning naturalSocialConditions socioEconomicOrientation
      adminUnits sortOrder
    }
  }
`;
