/** The administrative procedures document (`api::administrative-procedure.administrative-procedure`), one page at a time. */
import type { ProcedureLevel, ProcessingTimeUnit, SubmissionMethod } from '@cong/shared';
import {
  COMPONENTS,
  MEDIA_FIELDS,
  PAGE_ARGS,
  pageVars,
  RELATIONS,
  type GqlEntry,
  type GqlMedia,
  type GqlRef,
  type PageVariables,
  type TypedQuery,
} from './common';

/** `procedure.step` component. */
export interface GqlProcedureStep {
  order: number;
  description: string;
}
/** `procedure.submission-method` component. */
export interface GqlSubmissionMethod {
  method: SubmissionMethod;
  description: string | null;
}
/** `procedure.dossier-component` component. */
export interface GqlDossierComponent {
  name: string;
  originals: number | null;
  copies: number | null;
  formTemplate: GqlMedia | null;
  formTemplateName: string | null;
  note: string | null;
}
/** `procedure.processing-time` component. */
export interface GqlProcessingTime {
  value: number | null;
  unit: ProcessingTimeUnit | null;
  text: string | null;
}
/** `procedure.fee` component. `amountVnd` is a GraphQL `Long` (number or string). */
export interface GqlFee {
  description: string;
  amountVnd: number | string | null;
  note: string | null;
}

/** `api::administrative-procedure.administrative-procedure`. */
export interface GqlProcedure extends GqlEntry {
  procedureCode: string | null;
  name: string;
  slug: string;
  field: string | null;
  level: ProcedureLevel | null;
  executingAgency: string | null;
  agency: GqlRef | null;
  steps: GqlProcedureStep[] | null;
  stepsText: string | null;
  submissionMethods: GqlSubmissionMethod[] | null;
  dossierComponents: GqlDossierComponent[] | null;
  dossierQuantity: string | null;
  processingTime: GqlProcessingTime | null;
  applicants: string | null;
  result: string | null;
  fees: GqlFee[] | null;
  feesText: string | null;
  requirements: string | null;
  legalBasis: GqlRef[];
  legalBasisText: string | null;
  sourceUrl: string | null;
}

/** Administrative procedures, one page. */
export const PROCEDURES_QUERY: TypedQuery<{ administrativeProcedures: GqlProcedure[] }, PageVariables> = /* GraphQL */ `
  query SiteProcedures(${pageVars('AdministrativeProcedureFiltersInput')}) {
    administrativeProcedures(${PAGE_ARGS}) {
      documentId updatedAt publishedAt
      procedureCode name slug field level executingAgency
      agency { documentId }
      steps(${COMPONENTS}) { order description }
      stepsText
      submissionMethods(${COMPONENTS}) { method description }
      dossierComponents(${COMPONENTS}) {
        name originals copies
        formTemplate { ${MEDIA_FIELDS} }
        formTemplateName note
      }
      dossierQuantity
      processingTime { value unit text }
      applicants result
      fees(${COMPONENTS}) { description amountVnd note }
      feesText requirements
      legalBasis(${RELATIONS}) { documentId }
      legalBasisText sourceUrl
    }
  }
`;
