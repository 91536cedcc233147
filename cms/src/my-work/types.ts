/**
 * The answer of GET /cong-my-work ("Việc của tôi", issue 11 item 6, ADR 0017): one home for the shape
 * the server computes (./index.ts) and the admin homepage widget renders
 * (src/admin/my-work/MyWorkWidget.tsx). Types only, so the admin bundle imports nothing of the server.
 * Dates: ISO 8601 instants (UTC); `today` is a calendar day in Asia/Ho_Chi_Minh.
 */
import type { EditorialState, UpdateSchedule, UpdateWeekDay } from '@cong/shared';

export interface MyWorkItem {
  uid: string;
  documentId: string;
  kindLabel: string;
  title: string;
  agencyName: string | null;
  state: EditorialState;
  stateLabel: string;
  updatedAt: string;
  /** admin-panel path (relative to /admin) of the edit view */
  path: string;
  /** the reason of the latest return (returned items) */
  reason?: string | null;
}

export interface MyWorkGroup<T> {
  items: T[];
  /** how many there are (items holds at most MY_WORK_LIMIT) */
  total: number;
}

export interface MyWorkQuestion {
  documentId: string;
  subject: string;
  agencyName: string | null;
  dueAt: string;
  overdue: boolean;
  path: string;
}

export interface MyWork {
  /** Vietnam calendar day the answer was computed for */
  today: string;
  roleLabels: string[];
  agency: { documentId: string; name: string } | null;
  /** all agencies (board, council, IT centre) or the account's own */
  scope: 'all' | 'agency' | 'none';
  returned: MyWorkGroup<MyWorkItem>;
  /** null when the role reviews nothing (agency editor, council, IT centre) */
  waiting: (MyWorkGroup<MyWorkItem> & { label: string }) | null;
  /** null while questions have no due date (the questions module not installed) */
  questions: { overdue: MyWorkGroup<MyWorkQuestion>; dueThisWeek: MyWorkGroup<MyWorkQuestion> } | null;
  /** the account's agency's update week, null without an agency */
  schedule: { schedule: UpdateSchedule; label: string; days: UpdateWeekDay[] } | null;
}
