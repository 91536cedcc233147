/**
 * The editorial state in the list view (hook `Admin/CM/pages/ListView/inject-column-in-table`):
 * the `editorialState` column, when the list shows it (bootstrap/admin-labels.ts puts it in every
 * public type's list), is rendered as a coloured Vietnamese badge; on a workflow type whose list
 * does not show it, the column is added.
 */
import * as React from 'react';
import { StateBadge } from './panel';

interface Header {
  name: string;
  label: unknown;
  attribute?: unknown;
  searchable?: boolean;
  sortable?: boolean;
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
}

interface HookArgs {
  displayedHeaders: Header[];
  layout: { options?: { draftAndPublish?: boolean }; [k: string]: unknown };
}

const cellFormatter = (row: Record<string, unknown>) => <StateBadge state={row.editorialState as string | null} />;

export function injectStateColumn({ displayedHeaders, layout }: HookArgs): HookArgs {
  if (!layout?.options?.draftAndPublish) return { displayedHeaders, layout };
  const has = displayedHeaders.some((h) => h.name === 'editorialState');
  const headers = has
    ? displayedHeaders.map((h) => (h.name === 'editorialState' ? { ...h, cellFormatter } : h))
    : [
        ...displayedHeaders,
        {
          name: 'editorialState',
          label: { id: 'cong.workflow.list.state', defaultMessage: 'Trạng thái biên tập' },
          attribute: { type: 'enumeration' },
          searchable: false,
          sortable: true,
          cellFormatter,
        },
      ];
  return { displayedHeaders: headers, layout };
}
