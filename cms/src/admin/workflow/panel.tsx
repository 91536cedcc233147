/**
 * Side panel of the edit view (content-manager `addEditViewSidePanel`): "Quy trình biên tập" —
 * the item's editorial state, who submitted it, when it is scheduled, the last reason it was
 * returned or withdrawn, what the current user can do next (or why not), and the history of
 * every step (who, when, from → to, reason), from the audit log.
 */
import * as React from 'react';
import { Box, Divider, Flex, Status, Typography } from '@strapi/design-system';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useGetWorkflowItemQuery, type WorkflowHistoryEntry, type WorkflowItem } from './api';
import { AGENCY_EDITABLE_STATES, BOARD_HELD_STATES, TRANSITIONS } from '@cong/shared';
import { STATE_LABELS, STATE_VARIANTS, formatDateTime, isWorkflowModel, type StateKey } from './labels';

const PUBLISHED = TRANSITIONS.publish.to;
/** Where the last return/withdraw reason is still worth showing: back with the agency, not published. */
const REASON_SHOWN_STATES = AGENCY_EDITABLE_STATES.filter((s) => s !== PUBLISHED);

export function StateBadge({ state }: { state: string | null | undefined }) {
  if (!state || !(state in STATE_LABELS)) return <Typography textColor="neutral500">—</Typography>;
  const key = state as StateKey;
  return (
    <Status variant={STATE_VARIANTS[key]} size="S" data-editorial-state={key}>
      <Typography tag="span" variant="omega" fontWeight="bold">
        {STATE_LABELS[key]}
      </Typography>
    </Status>
  );
}

function HistoryEntry({ h }: { h: WorkflowHistoryEntry }) {
  const move = h.from && h.to && h.from !== h.to ? `${h.fromLabel} → ${h.toLabel}` : h.to && !h.from ? `→ ${h.toLabel}` : null;
  return (
    <Box tag="li" paddingBottom={3} data-workflow-history-entry={h.action}>
      <Typography variant="pi" textColor="neutral600" tag="div">
        {formatDateTime(h.at)}
      </Typography>
      <Typography variant="omega" fontWeight="semiBold" tag="div">
        {h.actionLabel}
        {move ? ` (${move})` : ''}
      </Typography>
      <Typography variant="pi" tag="div">
        {h.actorName}
        {h.actorRoles.length ? ` — ${h.actorRoles.join(', ')}` : ''}
      </Typography>
      {h.scheduledFor && h.action === 'schedule' ? (
        <Typography variant="pi" tag="div">
          Hẹn đăng lúc {formatDateTime(h.scheduledFor)}
        </Typography>
      ) : null}
      {h.reason ? (
        <Typography variant="pi" tag="div" textColor="danger600">
          Lý do: {h.reason}
        </Typography>
      ) : null}
    </Box>
  );
}

function PanelContent({ item }: { item: WorkflowItem }) {
  const history = [...item.history].reverse();
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="cong-workflow-panel">
      <Flex gap={2} wrap="wrap">
        <Typography variant="sigma" textColor="neutral600">
          Trạng thái:
        </Typography>
        <StateBadge state={item.state} />
      </Flex>
      {item.hasPublishedVersion && item.state !== PUBLISHED ? (
        <Typography variant="pi" textColor="neutral600">
          Bản đã đăng vẫn hiển thị trên cổng cho đến khi bản sửa này được duyệt và đăng.
        </Typography>
      ) : null}
      {item.submittedBy && (BOARD_HELD_STATES as readonly string[]).includes(item.state ?? '') ? (
        <Typography variant="pi">Người trình duyệt: {item.submittedBy.name}</Typography>
      ) : null}
      {item.scheduledFor ? <Typography variant="pi">Hẹn đăng lúc: {formatDateTime(item.scheduledFor)}</Typography> : null}
      {item.lastReason && (REASON_SHOWN_STATES as readonly string[]).includes(item.state ?? '') ? (
        <Box background="danger100" padding={2} hasRadius>
          <Typography variant="pi" textColor="danger700" tag="div">
            {item.lastReason.action === 'return' ? 'Lý do trả lại' : 'Lý do gỡ bài'} ({item.lastReason.actorName}, {formatDateTime(item.lastReason.at)}):
          </Typography>
          <Typography variant="omega" tag="div" data-testid="cong-workflow-last-reason">
            {item.lastReason.reason}
          </Typography>
        </Box>
      ) : null}
      <Typography variant="pi" textColor="neutral600">
        {item.actions.length
          ? `Anh/chị có thể: ${item.actions.map((a) => a.label).join(', ')} (các nút ở khung "Mục nội dung"; bước ít dùng nằm trong nút ⋯).`
          : (item.hint ?? 'Anh/chị không có bước nào cần làm với nội dung này ở trạng thái hiện tại.')}
      </Typography>
      {item.refused.map((r) => (
        <Typography key={r.action} variant="pi" textColor="warning700">
          {r.label}: {r.message}
        </Typography>
      ))}
      <Divider />
      <Typography variant="sigma" textColor="neutral600">
        Lịch sử
      </Typography>
      {history.length ? (
        <Box tag="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {history.map((h) => (
            <HistoryEntry key={h.id} h={h} />
          ))}
        </Box>
      ) : (
        <Typography variant="pi">Chưa có bước nào.</Typography>
      )}
    </Flex>
  );
}

export const WorkflowPanel: PanelComponent = ({ model, documentId, collectionType }: PanelComponentProps) => {
  const enabled = isWorkflowModel(model) && !!documentId;
  const { data, error } = useGetWorkflowItemQuery({ model, documentId: documentId ?? '', collectionType }, { skip: !enabled });
  if (!enabled) return null;
  return {
    title: 'Quy trình biên tập',
    content: data ? <PanelContent item={data} /> : <Typography variant="pi">{error ? 'Không tải được quy trình biên tập.' : 'Đang tải…'}</Typography>,
  };
};
