/** The online public services document (`api::e-service.e-service`), one page at a time. */
import type { EServiceStatus, ServiceLevel } from '@cong/shared';
import { PAGE_ARGS, pageVars, type GqlEntry, type GqlRef, type PageVariables, type TypedQuery } from './common';

/** `api::e-service.e-service`. */
export interface GqlEService extends GqlEntry {
  name: string;
  code: string | null;
  slug: string;
  agency: GqlRef | null;
  procedure: GqlRef | null;
  serviceLevel: ServiceLevel | null;
  url: string | null;
  registrationStatus: EServiceStatus;
  description: string | null;
}

/** Online public services, one page. */
export const E_SERVICES_QUERY: TypedQuery<{ eServices: GqlEService[] }, PageVariables> = /* GraphQL */ `
  query SiteEServices(${pageVars('EServiceFiltersInput')}) {
    eServices(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      name code slug
      agency { documentId }
      procedure { documentId }
      serviceLevel url registrationStatus description
    }
  }
`;
