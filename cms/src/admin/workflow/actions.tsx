/**
 * Document actions in the edit view (content-manager `addDocumentAction`): one button per
 * workflow step — Trình duyệt, Duyệt, Trả lại (with a reason), Đăng ngay, Hẹn giờ đăng (with a
 * date-time), Huỷ hẹn giờ, Gỡ bài (with a reason), Sửa lại, and for citizens' questions Chuyển
 * cơ quan khác (an agency and a reason) and Từ chối câu hỏi (a reason). Each shows only when the server says
 * the current user may take that step on this item (GET /cong-workflow/items/…), and is disabled
 * while the form has unsaved changes. The server decides again when the button is used.
 */
import * as React from 'react';
import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useForm, useNotification } from '@strapi/strapi/admin';
import type { DocumentActionComponent, DocumentActionDescription, DocumentActionProps } from '@strapi/content-manager/strapi-admin';
import { errorText, useGetWorkflowItemQuery, usePerformWorkflowTransitionMutation, type WorkflowActionInfo } from './api';
import { isWorkflowModel } from './labels';

type Step = 'submit' | 'approve' | 'return' | 'publish' | 'schedule' | 'unschedule' | 'withdraw' | 'revise' | 'forward' | 'reject';

const CONFIRM: Record<Step, { title: string; body: string; done: string; variant: DocumentActionDescription['variant'] }> = {
  submit: {
    title: 'Trình duyệt',
    body: 'Trình nội dung này lên Ban biên tập cổng để duyệt? Sau khi trình, đơn vị không sửa được cho đến khi được trả lại.',
    done: 'Đã trình duyệt.',
    variant: 'default',
  },
  approve: {
    title: 'Duyệt',
    body: 'Duyệt nội dung này? Sau khi duyệt, Ban biên tập có thể đăng ngay hoặc hẹn giờ đăng.',
    done: 'Đã duyệt.',
    variant: 'success',
  },
  return: { title: 'Trả lại', body: '', done: 'Đã trả lại cho đơn vị.', variant: 'danger-light' },
  publish: { title: 'Đăng ngay', body: 'Đăng nội dung này lên cổng ngay bây giờ?', done: 'Đã đăng lên cổng.', variant: 'success' },
  schedule: { title: 'Hẹn giờ đăng', body: '', done: 'Đã hẹn giờ đăng.', variant: 'secondary' },
  unschedule: { title: 'Huỷ hẹn giờ', body: 'Huỷ lịch đăng? Nội dung trở về trạng thái "Đã duyệt".', done: 'Đã huỷ hẹn giờ.', variant: 'tertiary' },
  withdraw: { title: 'Gỡ bài', body: '', done: 'Đã gỡ bài khỏi cổng.', variant: 'danger' },
  revise: { title: 'Sửa lại', body: 'Đưa nội dung về bản nháp để sửa lại?', done: 'Đã đưa về bản nháp.', variant: 'secondary' },
  forward: { title: 'Chuyển cơ quan khác', body: '', done: 'Đã chuyển câu hỏi sang cơ quan khác.', variant: 'secondary' },
  reject: { title: 'Từ chối câu hỏi', body: '', done: 'Đã từ chối câu hỏi.', variant: 'danger-light' },
};

/** The label of the reason field of each step that needs one. */
const REASON_LABEL: Partial<Record<Step, string>> = {
  return: 'Lý do trả lại',
  withdraw: 'Lý do gỡ bài',
  forward: 'Lý do chuyển',
  reject: 'Lý do từ chối (thư rác, không thuộc phạm vi…)',
};

/** Reads the form's "modified" flag; outside a form (list view) there is none. */
function useModified(): boolean {
  try {
    return useForm('WorkflowAction', (s: { modified: boolean }) => s.modified);
  } catch {
    return false;
  }
}

interface InputModalProps {
  step: Step;
  info: WorkflowActionInfo;
  onClose: () => void;
  run: (input: { reason?: string; publishAt?: string; toAgency?: string }) => Promise<boolean>;
  /** forward: where the question may go */
  targets: { documentId: string; name: string }[];
}

/** Vietnam time "YYYY-MM-DDTHH:mm" (a datetime-local value) → ISO date-time with +07:00. */
export const vietnamLocalToIso = (local: string) => `${local}:00+07:00`;

function InputModal({ step, info, onClose, run, targets }: InputModalProps) {
  const [reason, setReason] = React.useState('');
  const [toAgency, setToAgency] = React.useState('');
  const [when, setWhen] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const submit = async () => {
    if (info.needsReason && !reason.trim()) return setError(`Cần nhập ${(REASON_LABEL[step] ?? 'lý do').toLowerCase()}.`);
    if (info.needsDate && !when) return setError('Cần chọn ngày giờ đăng.');
    if (info.needsAgency && !toAgency) return setError('Cần chọn cơ quan, đơn vị nhận câu hỏi.');
    setBusy(true);
    const ok = await run({
      reason: info.needsReason ? reason.trim() : undefined,
      publishAt: info.needsDate ? vietnamLocalToIso(when) : undefined,
      toAgency: info.needsAgency ? toAgency : undefined,
    });
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {info.needsAgency ? (
            <Field.Root name="toAgency" required hint="Câu hỏi chuyển sang hàng chờ của cơ quan này; người hỏi được báo.">
              <Field.Label>Chuyển đến cơ quan, đơn vị</Field.Label>
              <SingleSelect value={toAgency} onChange={(v: string | number) => setToAgency(String(v))} placeholder="Chọn cơ quan, đơn vị">
                {targets.map((t) => (
                  <SingleSelectOption key={t.documentId} value={t.documentId}>
                    {t.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
          ) : null}
          {info.needsReason ? (
            <Field.Root
              name="reason"
              error={error ?? undefined}
              required
              hint={
                step === 'reject' || step === 'forward'
                  ? 'Lý do được lưu vào nhật ký biên tập và người hỏi xem được khi tra cứu.'
                  : 'Lý do được lưu vào nhật ký biên tập và hiển thị cho đơn vị.'
              }
            >
              <Field.Label>{REASON_LABEL[step] ?? 'Lý do'}</Field.Label>
              <Textarea name="reason" value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          ) : null}
          {info.needsDate ? (
            <Field.Root name="publishAt" error={error ?? undefined} required hint="Giờ Việt Nam (UTC+7). Nội dung được đăng tự động vào thời điểm này.">
              <Field.Label>Thời điểm đăng</Field.Label>
              <TextInput type="datetime-local" name="publishAt" value={when} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setWhen(e.target.value)} />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          ) : null}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          Huỷ
        </Button>
        <Button variant={step === 'withdraw' || step === 'reject' ? 'danger' : 'default'} loading={busy} onClick={submit}>
          {CONFIRM[step].title}
        </Button>
      </Modal.Footer>
    </>
  );
}

function makeAction(step: Step): DocumentActionComponent {
  const Action = ({ model, documentId, collectionType }: DocumentActionProps): DocumentActionDescription | null => {
    const enabled = isWorkflowModel(model) && !!documentId;
    const { data } = useGetWorkflowItemQuery({ model, documentId: documentId ?? '', collectionType }, { skip: !enabled });
    const [perform, { isLoading }] = usePerformWorkflowTransitionMutation();
    const { toggleNotification } = useNotification();
    const modified = useModified();
    const info = data?.actions.find((a) => a.action === step);
    if (!enabled || !info) return null;

    const run = async (input: { reason?: string; publishAt?: string; toAgency?: string } = {}): Promise<boolean> => {
      const res = await perform({ model, documentId: documentId!, collectionType, action: step, ...input });
      if ('error' in res && res.error) {
        toggleNotification({ type: 'danger', message: errorText(res.error) });
        return false;
      }
      toggleNotification({ type: 'success', message: CONFIRM[step].done });
      // a forwarded question leaves this agency's queue: back to the list
      if (step === 'forward' && 'data' in res && (res.data as { movedOut?: boolean } | undefined)?.movedOut) {
        window.location.assign(`${window.location.pathname.replace(/\/[^/]+$/, '')}`);
      }
      return true;
    };

    const c = CONFIRM[step];
    const base = {
      label: info.label,
      variant: c.variant,
      disabled: modified || isLoading,
      position: 'panel' as const,
    };
    if (info.needsReason || info.needsDate || info.needsAgency) {
      return {
        ...base,
        dialog: {
          type: 'modal',
          title: c.title,
          content: ({ onClose }: { onClose: () => void }) => (
            <InputModal step={step} info={info} onClose={onClose} run={run} targets={data?.forwardTargets ?? []} />
          ),
        },
      } as DocumentActionDescription;
    }
    return {
      ...base,
      dialog: {
        type: 'dialog',
        title: c.title,
        content: <Typography>{c.body}</Typography>,
        confirmLabel: c.title,
        onConfirm: async () => {
          await run();
        },
      },
    } as DocumentActionDescription;
  };
  (Action as { type?: string }).type = `cong-workflow-${step}`;
  (Action as DocumentActionComponent).position = 'panel';
  return Action as DocumentActionComponent;
}

/** In the order they appear; the first one available becomes the visible button beside "Lưu". */
export const WORKFLOW_ACTIONS: DocumentActionComponent[] = (
  ['submit', 'approve', 'publish', 'schedule', 'return', 'unschedule', 'withdraw', 'revise', 'forward', 'reject'] as Step[]
).map(makeAction);
