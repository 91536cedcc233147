/**
 * The editorial workflow of the portal, as pure rules: who may do what to which item, in which
 * state, and the state that follows. The CMS enforces these rules on every write path (document
 * service middleware, cms/src/workflow/) and asks them which buttons to show; nothing here touches
 * a database.
 *
 * Shaped after GOV.UK Whitehall's `lib/whitehall/authority/rules/edition_rules.rb`:
 * - a closed list of actions ({@link WORKFLOW_ACTIONS}); {@link decide} throws on any other;
 * - access limits (ownership, each unit works only in its own sub-site) are checked first;
 * - then each action is decided in exactly one place ({@link RULES});
 * - the approver is not the submitter (Whitehall: `submitted_by != actor`).
 *
 * Sources of the rules, Decision 07/2006/QĐ-UBND (see data/decision/REQUIREMENTS.md):
 * - the head of each supplying unit answers for its content → every step is recorded;
 * - each unit's editorial team, led by a team lead, supplies its unit's information →
 *   agency editors write drafts, the team lead submits them;
 * - a unit's accounts reach only its own sub-site → ownership;
 * - the portal's editorial board edits, publishes and answers for what is published →
 *   only the board approves, returns, publishes, schedules and withdraws;
 * - the editorial council decides e-service registrations and reads everything.
 *
 * States (DESIGN.md "Workflow"): draft → inReview → approved → (scheduled →) published → withdrawn;
 * inReview → returned (reason required) → draft. Editing published content makes a new draft
 * that must be reviewed again while the published version keeps serving.
 */
import { EDITORIAL_STATE_LABELS, EDITORIAL_STATES, type EditorialState } from './domain.js';
import { CONTENT_TYPES, type ContentKind } from './content-types.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Kinds of content under the workflow: every public content type's one name (the registry, content-types.ts). */
export const WORKFLOW_CONTENT_KINDS = CONTENT_TYPES.map((t) => t.kind) as readonly ContentKind[];
export type WorkflowContentKind = ContentKind;

/** Kinds that belong to one agency through their `agency` relation (an agency's sub-site content). */
export const AGENCY_SCOPED_KINDS: readonly WorkflowContentKind[] = CONTENT_TYPES.filter((t) => t.owner === 'agency').map((t) => t.kind);

/**
 * Roles of the workflow. The first five are Strapi admin roles created by the CMS bootstrap;
 * `integration` is any content-API caller (API token, users-permissions user); `system` is
 * server-internal code with no HTTP request (seed import, scheduled publishing).
 */
export const WORKFLOW_ROLES = ['agencyEditor', 'agencyTeamLead', 'editorialBoard', 'editorialCouncil', 'itCentre', 'integration', 'system'] as const;
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];

/** Vietnamese names of the roles (docs/glossary.md). */
export const WORKFLOW_ROLE_LABELS: Record<WorkflowRole, string> = {
  agencyEditor: 'Biên tập viên đơn vị',
  agencyTeamLead: 'Tổ trưởng tổ biên tập đơn vị',
  editorialBoard: 'Ban biên tập cổng',
  editorialCouncil: 'Hội đồng biên tập',
  itCentre: 'Trung tâm CNTT',
  integration: 'Ứng dụng tích hợp (API)',
  system: 'Hệ thống',
};

/** The closed list of actions. {@link decide} throws on anything else. */
export const WORKFLOW_ACTIONS = [
  'read',
  'create',
  'edit',
  'delete',
  'discard',
  'submit',
  'revise',
  'return',
  'approve',
  'publish',
  'schedule',
  'unschedule',
  'withdraw',
  'decideRegistration',
  'forward',
  'reject',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** The actions that are state transitions an editor triggers with a button (in display order). */
export const TRANSITION_ACTIONS = [
  'submit',
  'approve',
  'return',
  'publish',
  'schedule',
  'unschedule',
  'withdraw',
  'revise',
  'forward',
  'reject',
] as const satisfies readonly WorkflowAction[];
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** Vietnamese labels of the actions (buttons in the admin panel, history entries). */
export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  read: 'Xem',
  create: 'Tạo mới',
  edit: 'Sửa nội dung',
  delete: 'Xoá',
  discard: 'Huỷ các thay đổi chưa đăng',
  submit: 'Trình duyệt',
  revise: 'Sửa lại (đưa về bản nháp)',
  return: 'Trả lại',
  approve: 'Duyệt',
  publish: 'Đăng ngay',
  schedule: 'Hẹn giờ đăng',
  unschedule: 'Huỷ hẹn giờ',
  withdraw: 'Gỡ bài',
  decideRegistration: 'Quyết định đăng ký dịch vụ công',
  forward: 'Chuyển cơ quan khác',
  reject: 'Từ chối câu hỏi',
};

/**
 * The path a workflow step came through, recorded with each transition
 * (`workflow-transition.channel`): the admin panel, the content API (REST), GraphQL, the system
 * itself (seed, migrations) or the scheduler (scheduled publishing).
 */
export const WORKFLOW_CHANNELS = ['adminPanel', 'contentApi', 'graphql', 'system', 'scheduler'] as const;
export type WorkflowChannel = (typeof WORKFLOW_CHANNELS)[number];
/** Vietnamese labels of the channels (the admin panel's transition history and its filters). */
export const WORKFLOW_CHANNEL_LABELS: Record<WorkflowChannel, string> = {
  adminPanel: 'Trang quản trị',
  contentApi: 'API nội dung (REST)',
  graphql: 'API GraphQL',
  system: 'Hệ thống',
  scheduler: 'Hẹn giờ tự động',
};

/** Who is acting. `id` is stable across requests ("admin:12", "system", "token:3"). */
export interface WorkflowActor {
  id: string;
  roles: readonly WorkflowRole[];
  /** documentId of the agency the account is linked to (agency roles), or null. */
  agencyId?: string | null;
  /** display name, for messages and the audit log */
  name?: string;
}

/** What the rules need to know about the item acted on. */
export interface WorkflowItem {
  kind: WorkflowContentKind;
  /**
   * documentId of the owning agency: the `agency` relation for sub-site content, the item itself
   * for an agency record, null for portal-wide content (province profile, homepage, portal news).
   */
  agencyId: string | null;
  /** editorial state of the current draft; null for an item being created */
  state: EditorialState | null;
  /** true while a published version is being served */
  hasPublishedVersion: boolean;
  /** actor id of whoever last submitted the item for review, or null */
  submittedBy: string | null;
  /** display name of the submitter, for messages */
  submittedByName?: string | null;
}

/** Why an action was refused. */
export type DenialReason = 'noRole' | 'noAgency' | 'ownership' | 'role' | 'kind' | 'state' | 'submitter';

export type Decision =
  | { allowed: true; reason?: undefined; message?: undefined }
  | { allowed: false; reason: DenialReason; /** Vietnamese, says what is missing */ message: string };

/** Thrown by {@link decide} for an action outside {@link WORKFLOW_ACTIONS}. */
export class UnknownWorkflowActionError extends Error {
  constructor(action: unknown) {
    super(`Unknown workflow action: ${String(action)} (known: ${WORKFLOW_ACTIONS.join(', ')})`);
    this.name = 'UnknownWorkflowActionError';
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenialReason, message: string): Decision => ({ allowed: false, reason, message });

/** Roles that reach every agency's content (ownership does not limit them). */
const PORTAL_WIDE_ROLES: readonly WorkflowRole[] = ['editorialBoard', 'editorialCouncil', 'itCentre', 'system'];
const AGENCY_ROLES: readonly WorkflowRole[] = ['agencyEditor', 'agencyTeamLead'];

const has = (actor: WorkflowActor, role: WorkflowRole) => actor.roles.includes(role);
const hasAny = (actor: WorkflowActor, roles: readonly WorkflowRole[]) => roles.some((r) => actor.roles.includes(r));
const isAgencyScoped = (kind: WorkflowContentKind) => AGENCY_SCOPED_KINDS.includes(kind);

/** `"Bản nháp", "Trả lại"` */
const stateList = (states: readonly EditorialState[]) => states.map((s) => `"${EDITORIAL_STATE_LABELS[s]}"`).join(', ');
const stateName = (state: EditorialState | null) => (state ? `"${EDITORIAL_STATE_LABELS[state]}"` : '"chưa tạo"');

function needState(action: WorkflowAction, item: WorkflowItem, allowed: readonly EditorialState[]): Decision {
  if (item.state && allowed.includes(item.state)) return ALLOW;
  return deny(
    'state',
    `Không thể "${WORKFLOW_ACTION_LABELS[action]}" khi nội dung đang ở trạng thái ${stateName(item.state)}: cần trạng thái ${stateList(allowed)}.`,
  );
}

function notSubmitter(action: WorkflowAction, actor: WorkflowActor, item: WorkflowItem): Decision {
  if (!item.submittedBy || item.submittedBy !== actor.id) return ALLOW;
  const who = item.submittedByName || actor.name || 'Anh/chị';
  return deny(
    'submitter',
    `Người "${WORKFLOW_ACTION_LABELS[action]}" phải khác người trình duyệt: ${who} đã trình duyệt nội dung này, cần một thành viên khác của Ban biên tập (nguyên tắc hai người, GOV.UK Whitehall).`,
  );
}

const onlyBoard = (action: WorkflowAction) =>
  deny('role', `Chỉ Ban biên tập cổng được "${WORKFLOW_ACTION_LABELS[action]}" (R-3.5: Ban biên tập chịu trách nhiệm về thông tin đã đăng).`);

// ---------------------------------------------------------------------------------------------
// States
// ---------------------------------------------------------------------------------------------

/**
 * States in which an agency editor, team lead or the IT centre may change the content: the
 * draft, a returned draft, and published or withdrawn content (which then becomes a new draft).
 * While the item is with the board (in review, approved, scheduled) only the board edits it.
 */
export const AGENCY_EDITABLE_STATES: readonly EditorialState[] = ['draft', 'returned', 'published', 'withdrawn'];

/** States an agency editor or team lead may delete in (never-published drafts only). */
export const AGENCY_DELETABLE_STATES: readonly EditorialState[] = ['draft', 'returned'];

/** What a transition needs from the actor besides permission (checked by {@link validateTransitionInput}). */
export type TransitionNeed =
  /** a reason, kept in the log and shown to the agency (return, withdraw) */
  | 'reason'
  /** a future date-time to publish at (schedule) */
  | 'publishAt'
  /** the agency to forward a question to (forward) */
  | 'agency';

/** One action of the workflow as a transition. */
export interface TransitionSpec {
  /**
   * the states the action starts from: a list, `'any'` (every state), `'published'` (while a
   * published version is served, whatever the draft's state) or `'none'` (the item does not exist yet)
   */
  readonly from: readonly EditorialState[] | 'any' | 'published' | 'none';
  /**
   * the state after: a state, `'same'` (unchanged), `'gone'` (deleted), or `'edit'` (the edit
   * rule of {@link stateAfter}: back to draft, except while the board holds the item)
   */
  readonly to: EditorialState | 'same' | 'gone' | 'edit';
  /** what the actor must supply */
  readonly needs: readonly TransitionNeed[];
}

/**
 * THE transition table (issue 10, item 2; DESIGN.md "Workflow"; GOV.UK Whitehall's
 * `edition/workflow.rb`): for every action, where it starts, where it ends and what it needs.
 * Who may take it is decided by {@link RULES}; the rules, {@link stateAfter},
 * {@link validateTransitionInput}, the CMS's document-service middleware and workflow service, and
 * the admin panel's buttons all read this table — no state list is written anywhere else.
 */
export const TRANSITIONS = {
  read: { from: 'any', to: 'same', needs: [] },
  create: { from: 'none', to: 'draft', needs: [] },
  edit: { from: 'any', to: 'edit', needs: [] },
  delete: { from: 'any', to: 'gone', needs: [] },
  discard: { from: 'published', to: 'published', needs: [] },
  submit: { from: ['draft'], to: 'inReview', needs: [] },
  revise: { from: ['returned', 'withdrawn'], to: 'draft', needs: [] },
  return: { from: ['inReview'], to: 'returned', needs: ['reason'] },
  approve: { from: ['inReview'], to: 'approved', needs: [] },
  publish: { from: ['approved', 'scheduled'], to: 'published', needs: [] },
  schedule: { from: ['approved'], to: 'scheduled', needs: ['publishAt'] },
  unschedule: { from: ['scheduled'], to: 'approved', needs: [] },
  withdraw: { from: 'published', to: 'withdrawn', needs: ['reason'] },
  decideRegistration: { from: 'any', to: 'same', needs: [] },
  // a citizen's question (issue 11): another agency answers it, or it is refused (spam, out of
  // scope); the editorial state stays, the answer status and its reason change (cms/src/questions)
  forward: { from: ['draft', 'returned'], to: 'same', needs: ['reason', 'agency'] },
  reject: { from: ['draft', 'returned'], to: 'same', needs: ['reason'] },
} as const satisfies Record<WorkflowAction, TransitionSpec>;

const spec = (action: WorkflowAction): TransitionSpec => (TRANSITIONS as Record<WorkflowAction, TransitionSpec>)[action];

/** Why an action that needs a served published version cannot start without one. */
const NOT_PUBLISHED: Partial<Record<WorkflowAction, string>> = {
  discard: 'Nội dung chưa từng được đăng: không có bản đã đăng để quay về.',
  withdraw: 'Nội dung chưa được đăng: không có gì để gỡ.',
};

/** Whether `item` is where `action` may start ({@link TRANSITIONS} `from`). */
function needStart(action: WorkflowAction, item: WorkflowItem): Decision {
  const from = spec(action).from;
  if (from === 'any' || from === 'none') return ALLOW;
  if (from === 'published') {
    return item.hasPublishedVersion ? ALLOW : deny('state', NOT_PUBLISHED[action] ?? 'Nội dung chưa được đăng.');
  }
  return needState(action, item, from);
}

/**
 * What an item in each state is waiting for, shown in the admin panel when the user has no step
 * to take: `mayEdit` when the user may still edit it, `other` otherwise.
 */
export const WAITING_HINTS: Record<EditorialState, { mayEdit?: string; other: string }> = {
  draft: {
    mayEdit: 'Khi soạn xong, Tổ trưởng tổ biên tập của đơn vị trình duyệt bản nháp lên Ban biên tập (R-3.1).',
    other: 'Bản nháp đang do đơn vị soạn.',
  },
  inReview: { other: 'Đang chờ Ban biên tập cổng duyệt (R-3.5).' },
  approved: { other: 'Đã được duyệt, chờ Ban biên tập đăng hoặc hẹn giờ đăng.' },
  scheduled: { other: 'Đã hẹn giờ: hệ thống tự đăng vào thời điểm đã hẹn.' },
  returned: { other: 'Đã trả lại cho đơn vị để sửa.' },
  published: { mayEdit: 'Đang hiển thị trên cổng. Sửa và lưu sẽ tạo bản nháp mới cần duyệt lại.', other: 'Đang hiển thị trên cổng.' },
  withdrawn: { other: 'Đã gỡ khỏi cổng.' },
};

/** The states in which the board holds an item (an agency account cannot change it). */
export const BOARD_HELD_STATES: readonly EditorialState[] = EDITORIAL_STATES.filter((s) => !AGENCY_EDITABLE_STATES.includes(s));

/** Whether `action` needs `need` (a reason, a date). */
export function transitionNeeds(action: WorkflowAction, need: TransitionNeed): boolean {
  return ((TRANSITIONS as Record<WorkflowAction, TransitionSpec>)[action]?.needs ?? []).includes(need);
}

// ---------------------------------------------------------------------------------------------
// Access limits (checked first)
// ---------------------------------------------------------------------------------------------

/**
 * Ownership, checked before any action rule (R-3.3: each unit works only in its own sub-site).
 * The board, the council and the IT centre reach every agency; agency editors and team leads
 * reach only items whose owning agency is their own; content-API callers (`integration`) have no
 * agency and are limited by the action rules instead.
 */
export function checkAccess(actor: WorkflowActor, item: WorkflowItem): Decision {
  if (hasAny(actor, PORTAL_WIDE_ROLES)) return ALLOW;
  if (hasAny(actor, AGENCY_ROLES)) {
    if (!actor.agencyId) {
      return deny('noAgency', 'Tài khoản chưa được gắn với cơ quan, đơn vị nào: đề nghị Trung tâm CNTT gắn tài khoản với đơn vị (R-3.3).');
    }
    if (item.agencyId !== actor.agencyId) {
      return deny(
        'ownership',
        item.agencyId
          ? 'Nội dung này thuộc cơ quan, đơn vị khác: mỗi đơn vị chỉ cập nhật chuyên trang của mình (R-3.3).'
          : 'Nội dung này là thông tin chung của cổng (không thuộc đơn vị nào): chỉ Ban biên tập cổng cập nhật (R-2.4, R-3.3).',
      );
    }
    return ALLOW;
  }
  if (has(actor, 'integration')) return ALLOW;
  return deny(
    'noRole',
    'Tài khoản chưa được giao vai trò biên tập (Biên tập viên, Tổ trưởng, Ban biên tập, Hội đồng biên tập): đề nghị Trung tâm CNTT phân quyền.',
  );
}

// ---------------------------------------------------------------------------------------------
// The rules: one entry per action
// ---------------------------------------------------------------------------------------------

type Rule = (actor: WorkflowActor, item: WorkflowItem) => Decision;

/** May this actor write this kind at all as an agency-side author (not the board)? */
function agencySideAuthor(actor: WorkflowActor, kind: WorkflowContentKind): boolean {
  if (hasAny(actor, AGENCY_ROLES) && (isAgencyScoped(kind) || kind === 'agency')) return true;
  return has(actor, 'itCentre') && kind === 'agency';
}

/**
 * Each action decided in one place. Ownership has already been checked by {@link checkAccess}.
 */
export const RULES: Readonly<Record<WorkflowAction, Rule>> = {
  /** Reading: every editorial role (within its agency for agency roles); the content API reads what Strapi lets it. */
  read: () => ALLOW,

  /**
   * Creating a draft (R-3.1): agency editors and team leads create their agency's sub-site content;
   * the board creates anything (R-2.4, R-3.5); the IT centre creates agency records; content-API
   * callers may create drafts of sub-site content (e.g. citizens' questions). Agency records and
   * the portal-wide single types are not created by agencies.
   */
  create: (actor, item) => {
    if (has(actor, 'editorialBoard')) return ALLOW;
    if (hasAny(actor, AGENCY_ROLES) && isAgencyScoped(item.kind)) return ALLOW;
    if (has(actor, 'itCentre') && item.kind === 'agency') return ALLOW;
    if (has(actor, 'integration') && isAgencyScoped(item.kind)) return ALLOW;
    if (hasAny(actor, AGENCY_ROLES) || has(actor, 'itCentre')) {
      return deny('kind', 'Loại nội dung này do Ban biên tập cổng tạo (thông tin chung của cổng) hoặc Trung tâm CNTT tạo (hồ sơ cơ quan, đơn vị).');
    }
    return deny('role', 'Hội đồng biên tập chỉ đọc và thẩm định nội dung, không tạo nội dung (R-3.6).');
  },

  /**
   * Editing: the board edits anything in any state. Agency editors, team leads (their own
   * sub-site content and agency record) and the IT centre (agency records) edit drafts, returned
   * drafts, and published or withdrawn content — which becomes a new draft to review; while the
   * item is with the board (in review, approved, scheduled) they cannot change it.
   */
  edit: (actor, item) => {
    if (has(actor, 'editorialBoard')) return ALLOW;
    if (!agencySideAuthor(actor, item.kind)) {
      if (has(actor, 'editorialCouncil')) {
        return deny('role', 'Hội đồng biên tập chỉ đọc, thẩm định và quyết định đăng ký dịch vụ công, không sửa nội dung (R-3.6).');
      }
      if (has(actor, 'integration')) {
        return deny(
          'role',
          'Ứng dụng tích hợp qua API chỉ được tạo bản nháp; việc sửa nội dung phải do tài khoản biên tập thực hiện trên trang quản trị (R-1.3).',
        );
      }
      return deny('kind', 'Loại nội dung này chỉ Ban biên tập cổng được sửa.');
    }
    const s = needState('edit', item, AGENCY_EDITABLE_STATES);
    if (!s.allowed) {
      return deny('state', `${s.message} Nội dung đang do Ban biên tập xử lý; đề nghị Ban biên tập trả lại nếu cần sửa.`);
    }
    return ALLOW;
  },

  /**
   * Deleting: never while a published version is served (withdraw it first, with a reason).
   * Agency editors and team leads delete their never-published drafts; the IT centre deletes
   * unpublished agency records; the board deletes any unpublished item.
   */
  delete: (actor, item) => {
    const published = item.hasPublishedVersion ? deny('state', 'Nội dung đang được đăng: cần "Gỡ bài" (có lý do) trước khi xoá.') : ALLOW;
    if (has(actor, 'editorialBoard')) return published;
    if (hasAny(actor, AGENCY_ROLES) && isAgencyScoped(item.kind)) {
      if (!published.allowed) return published;
      return needState('delete', item, AGENCY_DELETABLE_STATES);
    }
    if (has(actor, 'itCentre') && item.kind === 'agency') return published;
    return deny('role', 'Tài khoản không có quyền xoá loại nội dung này.');
  },

  /** Discarding unpublished changes (back to the published version): whoever may edit, when a published version exists. */
  discard: (actor, item) => {
    const s = needStart('discard', item);
    return s.allowed ? RULES.edit(actor, item) : s;
  },

  /**
   * Submitting for review (R-3.1: the team lead, a leader of the unit, answers for what the unit
   * supplies): the agency's team lead, the board (its own drafts) and the IT centre (agency
   * records). Agency editors cannot submit. Only from a draft.
   */
  submit: (actor, item) => {
    const mayRole =
      has(actor, 'editorialBoard') ||
      (has(actor, 'agencyTeamLead') && (isAgencyScoped(item.kind) || item.kind === 'agency')) ||
      (has(actor, 'itCentre') && item.kind === 'agency');
    if (!mayRole) {
      return deny('role', 'Chỉ Tổ trưởng tổ biên tập của đơn vị (hoặc Ban biên tập cổng) được trình duyệt (R-3.1).');
    }
    return needStart('submit', item);
  },

  /** Taking a returned (or withdrawn) item back to draft to fix it: whoever may edit it. */
  revise: (actor, item) => {
    const e = RULES.edit(actor, item);
    if (!e.allowed) return e;
    return needStart('revise', item);
  },

  /** Returning a submission to its agency (reason required, see {@link validateTransitionInput}): the board. */
  return: (actor, item) => {
    if (!has(actor, 'editorialBoard')) return onlyBoard('return');
    return needStart('return', item);
  },

  /** Approving: the board, from review, and never the submitter (GOV.UK Whitehall). */
  approve: (actor, item) => {
    if (!has(actor, 'editorialBoard')) return onlyBoard('approve');
    const s = needStart('approve', item);
    return s.allowed ? notSubmitter('approve', actor, item) : s;
  },

  /**
   * Publishing now: the board, approved (or scheduled) content only, and not by the
   * submitter (Whitehall: publish needs `submitted_by != actor`).
   */
  publish: (actor, item) => {
    if (!has(actor, 'editorialBoard')) return onlyBoard('publish');
    const s = needStart('publish', item);
    return s.allowed ? notSubmitter('publish', actor, item) : s;
  },

  /** Scheduling publication at a date-time (see {@link validateTransitionInput}): as publishing, from approved. */
  schedule: (actor, item) => {
    if (!has(actor, 'editorialBoard')) return onlyBoard('schedule');
    const s = needStart('schedule', item);
    return s.allowed ? notSubmitter('schedule', actor, item) : s;
  },

  /** Cancelling a schedule (back to approved): the board. */
  unschedule: (actor, item) => {
    if (!has(actor, 'editorialBoard')) return onlyBoard('unschedule');
    return needStart('unschedule', item);
  },

  /** Withdrawing published content (reason required): the board, while a published version is served. */
  withdraw: (actor, item) => {
    if (!has(actor, 'editorialBoard')) return onlyBoard('withdraw');
    return needStart('withdraw', item);
  },

  /**
   * Forwarding a citizen's question to the agency that should answer it (reason required, kept in
   * the log; issue 11 item 2): the owning agency's editors and team lead (ownership checked
   * first, R-3.3) and the board, while the question is a draft (not yet submitted).
   */
  forward: (actor, item) => questionQueueStep('forward', actor, item),

  /** Rejecting a citizen's question (spam, out of scope; reason required, shown to the asker): as forwarding. */
  reject: (actor, item) => questionQueueStep('reject', actor, item),

  /** Deciding an e-service registration (R-2.3: units register pilot e-services with the Editorial Council). */
  decideRegistration: (actor, item) => {
    if (item.kind !== 'eService') return deny('kind', 'Chỉ dịch vụ công trực tuyến có trạng thái đăng ký.');
    if (!has(actor, 'editorialCouncil')) {
      return deny('role', 'Chỉ Hội đồng biên tập quyết định việc đăng ký dịch vụ công trực tuyến (R-2.3).');
    }
    return ALLOW;
  },
};

function questionQueueStep(action: 'forward' | 'reject', actor: WorkflowActor, item: WorkflowItem): Decision {
  if (item.kind !== 'question') return deny('kind', `Chỉ câu hỏi của công dân mới "${WORKFLOW_ACTION_LABELS[action]}" được.`);
  if (!has(actor, 'editorialBoard') && !hasAny(actor, AGENCY_ROLES)) {
    return deny('role', `Chỉ biên tập viên, tổ trưởng của cơ quan nhận câu hỏi (hoặc Ban biên tập cổng) được "${WORKFLOW_ACTION_LABELS[action]}".`);
  }
  return needStart(action, item);
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/** True when `value` is one of {@link WORKFLOW_ACTIONS}. */
export function isWorkflowAction(value: unknown): value is WorkflowAction {
  return typeof value === 'string' && (WORKFLOW_ACTIONS as readonly string[]).includes(value);
}

/**
 * Decides whether `actor` may do `action` to `item`.
 * Order: unknown action → throw; the `system` actor (server code with no HTTP request: seed,
 * scheduled publishing) → allowed; ownership ({@link checkAccess}, R-3.3) → the action's rule
 * ({@link RULES}).
 *
 * @returns `{ allowed: true }` or `{ allowed: false, reason, message }` with a Vietnamese message
 *   that says what is missing.
 * @throws {UnknownWorkflowActionError} when `action` is not in {@link WORKFLOW_ACTIONS}.
 */
export function decide(actor: WorkflowActor, action: WorkflowAction, item: WorkflowItem): Decision {
  if (!isWorkflowAction(action)) throw new UnknownWorkflowActionError(action);
  if (has(actor, 'system')) return ALLOW;
  const access = checkAccess(actor, item);
  if (!access.allowed) return access;
  return RULES[action](actor, item);
}

/**
 * `decide(...).allowed`.
 * @throws {UnknownWorkflowActionError} when `action` is unknown.
 */
export function can(actor: WorkflowActor, action: WorkflowAction, item: WorkflowItem): boolean {
  return decide(actor, action, item).allowed;
}

/** The transition buttons `actor` may use on `item`, in display order. */
export function availableTransitions(actor: WorkflowActor, item: WorkflowItem): TransitionAction[] {
  return TRANSITION_ACTIONS.filter((a) => can(actor, a, item));
}

/**
 * The editorial state after `action`, assuming it is allowed:
 * create → draft; edit → draft from draft/returned/published/withdrawn (a new draft of published
 * content must be reviewed again), unchanged in review/approved/scheduled — except that an edit
 * of approved or scheduled content by its own submitter sends it back to review (the approval
 * covered someone else's text); discard → published; submit → inReview; revise → draft;
 * return → returned; approve → approved; publish → published; schedule → scheduled;
 * unschedule → approved; withdraw → withdrawn; read, decideRegistration → unchanged;
 * delete → null (gone).
 *
 * @throws {UnknownWorkflowActionError} when `action` is unknown.
 */
export function stateAfter(actor: WorkflowActor, action: WorkflowAction, item: WorkflowItem): EditorialState | null {
  if (!isWorkflowAction(action)) throw new UnknownWorkflowActionError(action);
  const to = spec(action).to;
  if (to === 'same') return item.state;
  if (to === 'gone') return null;
  if (to === 'edit') {
    const s = item.state ?? 'draft';
    // while the board holds the item an edit keeps its state, except that an edit of approved or
    // scheduled content by its own submitter sends it back to review (the approval covered
    // someone else's text); otherwise the edit is a new draft to review
    if (s === 'inReview') return 'inReview';
    if (s === 'approved' || s === 'scheduled') return item.submittedBy && item.submittedBy === actor.id ? 'inReview' : s;
    return 'draft';
  }
  return to;
}

/** Longest reason kept (characters). */
export const MAX_REASON_LENGTH = 2000;

/** Input that some transitions need besides permission. */
export interface TransitionInput {
  /** why an item is returned or withdrawn */
  reason?: string | null;
  /** ISO 8601 date-time to publish at (schedule) */
  publishAt?: string | null;
  /** documentId of the agency a question is forwarded to (forward) */
  toAgency?: string | null;
  /** the current time (defaults to now) */
  now?: Date;
}

/**
 * Checks what a transition needs besides permission: a reason to return (DESIGN.md: "inReview →
 * returned (reason required)") or withdraw ("a withdrawal needs a reason"), and for scheduling a
 * valid date-time in the future.
 *
 * @returns null when the input is complete, otherwise a Vietnamese message saying what is missing.
 * @throws {UnknownWorkflowActionError} when `action` is unknown.
 */
export function validateTransitionInput(action: WorkflowAction, input: TransitionInput = {}): string | null {
  if (!isWorkflowAction(action)) throw new UnknownWorkflowActionError(action);
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (transitionNeeds(action, 'reason')) {
    const what = WORKFLOW_ACTION_LABELS[action].toLowerCase();
    if (!reason) return `Cần nhập lý do ${what}.`;
    if (reason.length > MAX_REASON_LENGTH) return `Lý do ${what} dài quá ${MAX_REASON_LENGTH} ký tự.`;
  }
  if (transitionNeeds(action, 'publishAt')) {
    const raw = input.publishAt;
    const at = typeof raw === 'string' && raw.trim() ? new Date(raw) : null;
    if (!at || Number.isNaN(at.getTime())) return 'Cần chọn ngày giờ đăng (hẹn giờ đăng).';
    const now = input.now ?? new Date();
    if (at.getTime() <= now.getTime()) return 'Thời điểm hẹn giờ đăng phải ở tương lai.';
  }
  if (transitionNeeds(action, 'agency') && !(typeof input.toAgency === 'string' && input.toAgency.trim())) {
    return 'Cần chọn cơ quan, đơn vị nhận câu hỏi được chuyển.';
  }
  return null;
}

/** True when `value` is one of the editorial states. */
export function isEditorialState(value: unknown): value is EditorialState {
  return typeof value === 'string' && (EDITORIAL_STATES as readonly string[]).includes(value);
}
