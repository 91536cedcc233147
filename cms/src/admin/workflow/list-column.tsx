/**
 * The editorial state in the list view (hook `Admin/CM/pages/ListView/inject-column-in-table`):
 * the `editorialState` column, when the list shows it (bootstrap/admin-labels.ts puts it in every
 * public type's list), is rendered as a coloured Vietnamese badge; on a workflow type whose list
 * does not show it, the column is added.
 */
import * as React from 'react';
import { Badge, Flex, Typography } from '@strapi/design-system';
import { formatDateTime, isOverdue } from '@cong/shared';
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

/**
 * A citizen's question's due date (issue 11), Vietnam time, with a "Quá hạn" badge while it is
 * past due and neither answered nor rejected.
 */
const dueFormatter = (row: Record<string, unknown>) => {
  const due = row.dueAt as string | null | undefined;
  if (!due) return <Typography textColor="neutral500">—</Typography>;
  const open = row.answerStatus !== 'answered' && row.answerStatus !== 'rejected';
  return (
    <Flex gap={2}>
      <Typography>{formatDateTime(due)}</Typography>
      {open && isOverdue(due) ? (
        <Badge backgroundColor="danger100" textColor="danger700">
          Quá hạn
        </Badge>
      ) : null}
    </Flex>
  );
};

export function injectStateColumn({ displayedHeaders, layout }: HookArgs): HookArgs {
  displayedHeaders = displayedHeaders.map((h) => (h.name === 'dueAt' ? { ...h, cellFormatter: dueFormatter } : h));
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
