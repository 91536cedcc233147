/** The investment projects document (`api::investment-project.investment-project`), one page at a time. */
import type { InvestmentProjectStatus } from '@cong/shared';
import { PAGE_ARGS, pageVars, type GqlEntry, type GqlRef, type PageVariables, type TypedQuery } from './common';

/** `api::investment-project.investment-project`. `capitalVnd` is a GraphQL `Long`. */
export interface GqlInvestmentProject extends GqlEntry {
  name: string;
  slug: string;
  agency: GqlRef | null;
  sector: string | null;
  location: string | null;
  capitalVnd: number | string | null;
  /** Markdown */
  description: string | null;
  projectStatus: InvestmentProjectStatus | null;
}

/** Investment projects, one page. */
export const INVESTMENT_PROJECTS_QUERY: TypedQuery<{ investmentProjects: GqlInvestmentProject[] }, PageVariables> = /* GraphQL */ `
  query SiteInvestmentProjects(${pageVars('InvestmentProjectFiltersInput')}) {
    investmentProjects(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      name slug
      agency { documentId }
      sector location capitalVnd description projectStatus
    }
  }
`;
