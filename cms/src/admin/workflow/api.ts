/**
 * The workflow's admin API (cms/src/workflow/routes.ts) as RTK Query endpoints on the admin's
 * store. The item query provides the content-manager's own "Document" tags, so it refetches
 * when the editor saves; a transition invalidates them, so the edit view, the list view and the
 * workflow panel all refetch after a step.
 */
import { adminApi } from '@strapi/strapi/admin';

export interface WorkflowActionInfo {
  action: string;
  label: string;
  needsReason: boolean;
  needsDate: boolean;
  /** forward: the agency to forward a question to */
  needsAgency?: boolean;
}

export interface WorkflowHistoryEntry {
  id: number;
  action: string;
  actionLabel: string;
  from: string | null;
  fromLabel: string | null;
  to: string | null;
  toLabel: string | null;
  reason: string | null;
  scheduledFor: string | null;
  actorName: string;
  actorRoles: string[];
  channel: string;
  at: string;
  detail: Record<string, unknown> | null;
}

export interface WorkflowItem {
  uid: string;
  documentId: string;
  title: string | null;
  agency: { documentId: string; name: string | null } | null;
  state: string | null;
  stateLabel: string | null;
  hasPublishedVersion: boolean;
  submittedBy: { id: string; name: string | null } | null;
  scheduledFor: string | null;
  lastReason: { action: string; reason: string; actorName: string; at: string } | null;
  actor: { id: string; name: string | null; roles: string[]; roleLabels: string[]; agencyId: string | null };
  actions: WorkflowActionInfo[];
  /** agencies a question may be forwarded to (when the user may forward it) */
  forwardTargets?: { documentId: string; name: string }[];
  /** what the item waits for when this user has no step to take */
  hint: string | null;
  refused: { action: string; label: string; message: string }[];
  history: WorkflowHistoryEntry[];
}

interface ItemArgs {
  model: string;
  documentId: string;
  collectionType?: string;
}

const documentTags = ({ model, documentId, collectionType }: ItemArgs) => [
  { type: 'Document' as const, id: collectionType === 'single-types' ? model : `${model}_${documentId}` },
  { type: 'Document' as const, id: `${model}_${documentId}` },
  { type: 'Document' as const, id: `${model}_LIST` },
  { type: 'Document' as const, id: `${model}_ALL_ITEMS` },
];

const workflowApi = adminApi.enhanceEndpoints({ addTagTypes: ['Document'] }).injectEndpoints({
  endpoints: (builder) => ({
    getWorkflowItem: builder.query<WorkflowItem, ItemArgs>({
      query: ({ model, documentId }) => ({ url: `/cong-workflow/items/${model}/${documentId}`, method: 'GET' }),
      transformResponse: (res: { data: WorkflowItem }) => res.data,
      providesTags: (_r, _e, args) => documentTags(args).slice(0, 2),
    }),
    performWorkflowTransition: builder.mutation<WorkflowItem, ItemArgs & { action: string; reason?: string; publishAt?: string; toAgency?: string }>({
      query: ({ model, documentId, action, reason, publishAt, toAgency }) => ({
        url: `/cong-workflow/items/${model}/${documentId}/transitions`,
        method: 'POST',
        data: { action, reason, publishAt, toAgency },
      }),
      transformResponse: (res: { data: WorkflowItem }) => res.data,
      invalidatesTags: (_r, _e, args) => documentTags(args),
    }),
  }),
  overrideExisting: true,
});

export const { useGetWorkflowItemQuery, usePerformWorkflowTransitionMutation } = workflowApi;

/** The message of an RTK Query error from the Strapi API. */
export function errorText(error: unknown): string {
  const e = error as { message?: string; data?: { error?: { message?: string } } } | undefined;
  return e?.message || e?.data?.error?.message || 'Có lỗi xảy ra, vui lòng thử lại.';
}
