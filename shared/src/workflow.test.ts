import { describe, expect, it } from 'vitest';
import {
  availableTransitions,
  BOARD_HELD_STATES,
  can,
  checkAccess,
  decide,
  RULES,
  stateAfter,
  TRANSITION_ACTIONS,
  TRANSITIONS,
  transitionNeeds,
  UnknownWorkflowActionError,
  validateTransitionInput,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_ACTIONS,
  WORKFLOW_ROLE_LABELS,
  WORKFLOW_ROLES,
  type WorkflowActor,
  type WorkflowItem,
  type WorkflowAction,
} from './workflow.js';
import { EDITORIAL_STATES, type EditorialState } from './domain.js';

const A = 'agency-a';
const B = 'agency-b';
const editorA: WorkflowActor = { id: 'admin:1', roles: ['agencyEditor'], agencyId: A, name: 'Biên tập A' };
const leadA: WorkflowActor = { id: 'admin:2', roles: ['agencyTeamLead'], agencyId: A, name: 'Tổ trưởng A' };
const board1: WorkflowActor = { id: 'admin:3', roles: ['editorialBoard'], name: 'Ban biên tập 1' };
const board2: WorkflowActor = { id: 'admin:4', roles: ['editorialBoard'], name: 'Ban biên tập 2' };
const council: WorkflowActor = { id: 'admin:5', roles: ['editorialCouncil'] };
const itCentre: WorkflowActor = { id: 'admin:6', roles: ['itCentre'] };
const api: WorkflowActor = { id: 'token:1', roles: ['integration'] };
const system: WorkflowActor = { id: 'system', roles: ['system'] };
const nobody: WorkflowActor = { id: 'admin:9', roles: [] };
const unlinkedEditor: WorkflowActor = { id: 'admin:10', roles: ['agencyEditor'], agencyId: null };

const item = (over: Partial<WorkflowItem> = {}): WorkflowItem => ({
  kind: 'article',
  agencyId: A,
  state: 'draft',
  hasPublishedVersion: false,
  submittedBy: null,
  ...over,
});

describe('vocabulary', () => {
  it('labels every role and action in Vietnamese', () => {
    for (const r of WORKFLOW_ROLES) expect(WORKFLOW_ROLE_LABELS[r]).toMatch(/\S/);
    for (const a of WORKFLOW_ACTIONS) expect(WORKFLOW_ACTION_LABELS[a]).toMatch(/\S/);
    expect(WORKFLOW_ACTION_LABELS.submit).toBe('Trình duyệt');
    expect(WORKFLOW_ACTION_LABELS.withdraw).toBe('Gỡ bài');
  });

  it('has one rule per action, and the transitions are actions', () => {
    expect(Object.keys(RULES).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
    for (const t of TRANSITION_ACTIONS) expect(WORKFLOW_ACTIONS).toContain(t);
  });
});

describe('decide: the closed list of actions', () => {
  it('throws on an unknown action, even for the system', () => {
    expect(() => decide(board1, 'frobnicate' as any, item())).toThrow(UnknownWorkflowActionError);
    expect(() => decide(system, 'publishNow' as any, item())).toThrow(/Unknown workflow action: publishNow/);
    expect(() => can(board1, undefined as any, item())).toThrow(UnknownWorkflowActionError);
    expect(() => stateAfter(board1, 'x' as any, item())).toThrow(UnknownWorkflowActionError);
    expect(() => validateTransitionInput('x' as any, {})).toThrow(UnknownWorkflowActionError);
  });

  it('lets the system actor (seed, scheduled publishing) do anything', () => {
    for (const a of WORKFLOW_ACTIONS) expect(can(system, a, item({ state: null, agencyId: null }))).toBe(true);
  });
});

describe('checkAccess (ownership first, R-3.3)', () => {
  it('keeps agency roles inside their own agency', () => {
    expect(checkAccess(editorA, item({ agencyId: A })).allowed).toBe(true);
    expect(checkAccess(editorA, item({ agencyId: B }))).toMatchObject({
      allowed: false,
      reason: 'ownership',
      message: expect.stringContaining('cơ quan, đơn vị khác'),
    });
    expect(checkAccess(leadA, item({ agencyId: null }))).toMatchObject({
      allowed: false,
      reason: 'ownership',
      message: expect.stringContaining('thông tin chung'),
    });
  });

  it('refuses an agency role with no linked agency, saying so', () => {
    expect(checkAccess(unlinkedEditor, item())).toMatchObject({
      allowed: false,
      reason: 'noAgency',
      message: expect.stringContaining('chưa được gắn với cơ quan'),
    });
  });

  it('refuses an account with no editorial role', () => {
    expect(checkAccess(nobody, item())).toMatchObject({ allowed: false, reason: 'noRole' });
  });

  it('lets the board, the council and the IT centre reach every agency', () => {
    for (const a of [board1, council, itCentre]) expect(checkAccess(a, item({ agencyId: B })).allowed).toBe(true);
  });

  it('is checked before the action rule: another agency is refused for ownership, whatever the action', () => {
    for (const a of WORKFLOW_ACTIONS) {
      expect(decide(leadA, a, item({ agencyId: B })).allowed === false && (decide(leadA, a, item({ agencyId: B })) as any).reason).toBe('ownership');
    }
  });
});

describe('rule: read', () => {
  it('lets every editorial role read what it can reach', () => {
    for (const a of [editorA, leadA, board1, council, itCentre, api]) expect(can(a, 'read', item())).toBe(true);
    expect(can(editorA, 'read', item({ agencyId: B }))).toBe(false);
  });
});

describe('rule: create', () => {
  const fresh = (over: Partial<WorkflowItem> = {}) => item({ state: null, ...over });
  it('agency editors and team leads create their own sub-site content (R-3.1)', () => {
    expect(can(editorA, 'create', fresh())).toBe(true);
    expect(can(leadA, 'create', fresh({ kind: 'legalDocument' }))).toBe(true);
    expect(can(editorA, 'create', fresh({ agencyId: B }))).toBe(false);
  });
  it('agency roles do not create agency records or portal-wide content', () => {
    expect(decide(editorA, 'create', fresh({ kind: 'provinceProfile', agencyId: A }))).toMatchObject({ allowed: false, reason: 'kind' });
    expect(decide(editorA, 'create', fresh({ kind: 'agency', agencyId: A }))).toMatchObject({ allowed: false, reason: 'kind' });
  });
  it('the board creates anything; the IT centre creates agency records only', () => {
    expect(can(board1, 'create', fresh({ kind: 'homepage', agencyId: null }))).toBe(true);
    expect(can(itCentre, 'create', fresh({ kind: 'agency', agencyId: null }))).toBe(true);
    expect(can(itCentre, 'create', fresh())).toBe(false);
  });
  it('the council does not create; content-API callers create sub-site drafts only', () => {
    expect(decide(council, 'create', fresh())).toMatchObject({ allowed: false, reason: 'role' });
    expect(can(api, 'create', fresh({ kind: 'question' }))).toBe(true);
    expect(can(api, 'create', fresh({ kind: 'agency', agencyId: null }))).toBe(false);
  });
});

describe('rule: edit', () => {
  it('agency roles edit drafts, returned drafts, published and withdrawn content of their agency', () => {
    for (const state of ['draft', 'returned', 'published', 'withdrawn'] as const) {
      expect(can(editorA, 'edit', item({ state }))).toBe(true);
      expect(can(leadA, 'edit', item({ state }))).toBe(true);
    }
  });
  it('agency roles cannot edit while the item is with the board, and are told why', () => {
    for (const state of ['inReview', 'approved', 'scheduled'] as const) {
      expect(decide(editorA, 'edit', item({ state }))).toMatchObject({ allowed: false, reason: 'state', message: expect.stringContaining('Ban biên tập') });
    }
  });
  it('agency roles edit their own agency record (their sub-site), not another', () => {
    expect(can(editorA, 'edit', item({ kind: 'agency', agencyId: A }))).toBe(true);
    expect(can(editorA, 'edit', item({ kind: 'agency', agencyId: B }))).toBe(false);
  });
  it('the board edits anything in any state (R-3.5)', () => {
    for (const state of EDITORIAL_STATES) expect(can(board1, 'edit', item({ state, agencyId: B }))).toBe(true);
  });
  it('the IT centre edits agency records only; the council and API callers do not edit', () => {
    expect(can(itCentre, 'edit', item({ kind: 'agency', agencyId: B }))).toBe(true);
    expect(can(itCentre, 'edit', item())).toBe(false);
    expect(decide(council, 'edit', item())).toMatchObject({ allowed: false, reason: 'role', message: expect.stringContaining('Hội đồng') });
    expect(decide(api, 'edit', item())).toMatchObject({ allowed: false, reason: 'role' });
  });
});

describe('rule: delete', () => {
  it('nobody deletes while a published version is served (withdraw first)', () => {
    for (const a of [editorA, board1, itCentre]) {
      expect(decide(a, 'delete', item({ kind: a === itCentre ? 'agency' : 'article', state: 'draft', hasPublishedVersion: true }))).toMatchObject({
        allowed: false,
        message: expect.stringContaining('Gỡ bài'),
      });
    }
  });
  it('agency roles delete their never-published drafts only', () => {
    expect(can(editorA, 'delete', item({ state: 'draft' }))).toBe(true);
    expect(can(leadA, 'delete', item({ state: 'returned' }))).toBe(true);
    expect(can(editorA, 'delete', item({ state: 'withdrawn' }))).toBe(false);
    expect(can(editorA, 'delete', item({ kind: 'agency' }))).toBe(false);
  });
  it('the board deletes any unpublished item; the council does not delete', () => {
    expect(can(board1, 'delete', item({ state: 'approved', agencyId: B }))).toBe(true);
    expect(can(council, 'delete', item())).toBe(false);
  });
});

describe('rule: discard', () => {
  it('needs a published version and the right to edit', () => {
    expect(can(editorA, 'discard', item({ state: 'draft', hasPublishedVersion: true }))).toBe(true);
    expect(decide(editorA, 'discard', item({ state: 'draft' }))).toMatchObject({ allowed: false, reason: 'state' });
    expect(can(editorA, 'discard', item({ state: 'inReview', hasPublishedVersion: true }))).toBe(false);
  });
});

describe('rule: submit (R-3.1)', () => {
  it('the team lead submits its agency drafts; the editor cannot', () => {
    expect(can(leadA, 'submit', item())).toBe(true);
    expect(decide(editorA, 'submit', item())).toMatchObject({ allowed: false, reason: 'role', message: expect.stringContaining('Tổ trưởng') });
  });
  it('only from a draft (a returned item is revised first)', () => {
    expect(decide(leadA, 'submit', item({ state: 'returned' }))).toMatchObject({
      allowed: false,
      reason: 'state',
      message: expect.stringContaining('"Bản nháp"'),
    });
    expect(can(leadA, 'submit', item({ state: 'inReview' }))).toBe(false);
  });
  it('the board submits its own drafts; the IT centre submits agency records; the council does not', () => {
    expect(can(board1, 'submit', item({ agencyId: null }))).toBe(true);
    expect(can(itCentre, 'submit', item({ kind: 'agency' }))).toBe(true);
    expect(can(council, 'submit', item())).toBe(false);
  });
});

describe('rule: revise', () => {
  it('takes a returned or withdrawn item back to draft, for whoever may edit it', () => {
    expect(can(editorA, 'revise', item({ state: 'returned' }))).toBe(true);
    expect(can(board1, 'revise', item({ state: 'withdrawn' }))).toBe(true);
    expect(can(editorA, 'revise', item({ state: 'draft' }))).toBe(false);
    expect(can(council, 'revise', item({ state: 'returned' }))).toBe(false);
  });
});

describe('rule: return (R-3.5)', () => {
  it('only the board returns, only from review', () => {
    expect(can(board1, 'return', item({ state: 'inReview' }))).toBe(true);
    expect(decide(leadA, 'return', item({ state: 'inReview' }))).toMatchObject({
      allowed: false,
      reason: 'role',
      message: expect.stringContaining('Ban biên tập'),
    });
    expect(can(board1, 'return', item({ state: 'approved' }))).toBe(false);
  });
});

describe('rule: approve (R-3.5, approver ≠ submitter after GOV.UK Whitehall)', () => {
  it('the board approves from review', () => {
    expect(can(board1, 'approve', item({ state: 'inReview', submittedBy: leadA.id }))).toBe(true);
    expect(can(leadA, 'approve', item({ state: 'inReview' }))).toBe(false);
    expect(can(board1, 'approve', item({ state: 'draft' }))).toBe(false);
  });
  it('the submitter cannot approve, and is told who else must', () => {
    const own = item({ state: 'inReview', submittedBy: board1.id, submittedByName: 'Ban biên tập 1' });
    expect(decide(board1, 'approve', own)).toMatchObject({
      allowed: false,
      reason: 'submitter',
      message: expect.stringContaining('phải khác người trình duyệt'),
    });
    expect(can(board2, 'approve', own)).toBe(true);
  });
});

describe('rule: publish', () => {
  it('the board publishes approved or scheduled content, not the submitter', () => {
    expect(can(board1, 'publish', item({ state: 'approved', submittedBy: leadA.id }))).toBe(true);
    expect(can(board1, 'publish', item({ state: 'scheduled' }))).toBe(true);
    expect(decide(board1, 'publish', item({ state: 'approved', submittedBy: board1.id }))).toMatchObject({ reason: 'submitter' });
  });
  it('nothing unapproved is published, and nobody but the board publishes', () => {
    for (const state of ['draft', 'inReview', 'returned', 'published', 'withdrawn'] as const) {
      expect(decide(board1, 'publish', item({ state }))).toMatchObject({ allowed: false, reason: 'state' });
    }
    for (const a of [editorA, leadA, council, itCentre, api]) expect(can(a, 'publish', item({ state: 'approved' }))).toBe(false);
  });
});

describe('rule: schedule and unschedule', () => {
  it('the board schedules approved content (not the submitter) and cancels a schedule', () => {
    expect(can(board1, 'schedule', item({ state: 'approved' }))).toBe(true);
    expect(can(board1, 'schedule', item({ state: 'approved', submittedBy: board1.id }))).toBe(false);
    expect(can(board1, 'schedule', item({ state: 'inReview' }))).toBe(false);
    expect(can(leadA, 'schedule', item({ state: 'approved' }))).toBe(false);
    expect(can(board1, 'unschedule', item({ state: 'scheduled' }))).toBe(true);
    expect(can(board1, 'unschedule', item({ state: 'approved' }))).toBe(false);
    expect(can(council, 'unschedule', item({ state: 'scheduled' }))).toBe(false);
  });
});

describe('rule: withdraw', () => {
  it('the board withdraws while a published version is served, whatever the draft state', () => {
    expect(can(board1, 'withdraw', item({ state: 'published', hasPublishedVersion: true }))).toBe(true);
    expect(can(board1, 'withdraw', item({ state: 'inReview', hasPublishedVersion: true }))).toBe(true);
    expect(decide(board1, 'withdraw', item({ state: 'approved' }))).toMatchObject({ allowed: false, reason: 'state' });
    expect(can(leadA, 'withdraw', item({ state: 'published', hasPublishedVersion: true }))).toBe(false);
  });
});

describe('rule: decideRegistration (R-2.3)', () => {
  it('the council decides e-service registrations; nobody else, and only for e-services', () => {
    expect(can(council, 'decideRegistration', item({ kind: 'eService' }))).toBe(true);
    expect(can(board1, 'decideRegistration', item({ kind: 'eService' }))).toBe(false);
    expect(can(leadA, 'decideRegistration', item({ kind: 'eService' }))).toBe(false);
    expect(decide(council, 'decideRegistration', item())).toMatchObject({ allowed: false, reason: 'kind' });
  });
});

describe('stateAfter', () => {
  it('follows the state diagram', () => {
    expect(stateAfter(editorA, 'create', item({ state: null }))).toBe('draft');
    expect(stateAfter(leadA, 'submit', item())).toBe('inReview');
    expect(stateAfter(board1, 'return', item({ state: 'inReview' }))).toBe('returned');
    expect(stateAfter(editorA, 'revise', item({ state: 'returned' }))).toBe('draft');
    expect(stateAfter(board1, 'approve', item({ state: 'inReview' }))).toBe('approved');
    expect(stateAfter(board1, 'schedule', item({ state: 'approved' }))).toBe('scheduled');
    expect(stateAfter(board1, 'unschedule', item({ state: 'scheduled' }))).toBe('approved');
    expect(stateAfter(board1, 'publish', item({ state: 'approved' }))).toBe('published');
    expect(stateAfter(board1, 'withdraw', item({ state: 'published' }))).toBe('withdrawn');
    expect(stateAfter(board1, 'discard', item({ state: 'draft' }))).toBe('published');
    expect(stateAfter(board1, 'delete', item())).toBeNull();
    expect(stateAfter(council, 'decideRegistration', item({ kind: 'eService', state: 'published' }))).toBe('published');
  });
  it('editing published content makes a new draft that must be reviewed again', () => {
    expect(stateAfter(editorA, 'edit', item({ state: 'published', hasPublishedVersion: true }))).toBe('draft');
    expect(stateAfter(editorA, 'edit', item({ state: 'returned' }))).toBe('draft');
    expect(stateAfter(board1, 'edit', item({ state: 'withdrawn' }))).toBe('draft');
  });
  it('board edits keep review state; the submitter editing approved content sends it back to review', () => {
    expect(stateAfter(board1, 'edit', item({ state: 'inReview' }))).toBe('inReview');
    expect(stateAfter(board2, 'edit', item({ state: 'approved', submittedBy: board1.id }))).toBe('approved');
    expect(stateAfter(board1, 'edit', item({ state: 'approved', submittedBy: board1.id }))).toBe('inReview');
    expect(stateAfter(board1, 'edit', item({ state: 'scheduled', submittedBy: board1.id }))).toBe('inReview');
  });
});

describe('availableTransitions', () => {
  it('lists the buttons each role gets', () => {
    expect(availableTransitions(editorA, item())).toEqual([]);
    expect(availableTransitions(leadA, item())).toEqual(['submit']);
    expect(availableTransitions(board2, item({ state: 'inReview', submittedBy: leadA.id }))).toEqual(['approve', 'return']);
    expect(availableTransitions(board1, item({ state: 'inReview', submittedBy: board1.id }))).toEqual(['return']);
    expect(availableTransitions(board1, item({ state: 'approved' }))).toEqual(['publish', 'schedule']);
    expect(availableTransitions(board1, item({ state: 'scheduled', hasPublishedVersion: true }))).toEqual(['publish', 'unschedule', 'withdraw']);
    expect(availableTransitions(editorA, item({ state: 'returned' }))).toEqual(['revise']);
    expect(availableTransitions(council, item({ state: 'inReview' }))).toEqual([]);
  });
});

describe('validateTransitionInput', () => {
  const now = new Date('2026-03-02T03:00:00Z');
  it('needs a reason to return or withdraw', () => {
    expect(validateTransitionInput('return', {})).toBe('Cần nhập lý do trả lại.');
    expect(validateTransitionInput('return', { reason: '   ' })).toBe('Cần nhập lý do trả lại.');
    expect(validateTransitionInput('withdraw', { reason: '' })).toBe('Cần nhập lý do gỡ bài.');
    expect(validateTransitionInput('withdraw', { reason: 'x'.repeat(2001) })).toMatch(/dài quá/);
    expect(validateTransitionInput('return', { reason: 'Thiếu nguồn tin' })).toBeNull();
  });
  it('needs a future date-time to schedule', () => {
    expect(validateTransitionInput('schedule', { now })).toMatch(/Cần chọn ngày giờ đăng/);
    expect(validateTransitionInput('schedule', { publishAt: 'mai', now })).toMatch(/Cần chọn ngày giờ đăng/);
    expect(validateTransitionInput('schedule', { publishAt: '2026-03-02T02:59:00Z', now })).toMatch(/tương lai/);
    expect(validateTransitionInput('schedule', { publishAt: '2026-03-02T11:00:00+07:00', now })).toBeNull();
  });
  it('needs nothing for the other transitions', () => {
    for (const a of ['submit', 'approve', 'publish', 'unschedule', 'revise'] as const) expect(validateTransitionInput(a, {})).toBeNull();
  });
});

describe('the transition table (one description per transition)', () => {
  const board: WorkflowActor = { id: 'admin:9', roles: ['editorialBoard'], agencyId: null };
  const item = (state: EditorialState | null, hasPublishedVersion = false): WorkflowItem => ({
    kind: 'article',
    agencyId: 'a',
    state,
    hasPublishedVersion,
    submittedBy: 'admin:1',
  });

  it('covers every action, and the rules start each state-listed action exactly from its listed states', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
    for (const [action, spec] of Object.entries(TRANSITIONS) as [WorkflowAction, (typeof TRANSITIONS)[WorkflowAction]][]) {
      if (!Array.isArray(spec.from)) continue;
      for (const s of EDITORIAL_STATES) {
        const d = decide(board, action, item(s, true));
        if ((spec.from as readonly string[]).includes(s)) expect(d.allowed || d.reason !== 'state', `${action} from ${s}`).toBe(true);
        else expect(d.allowed, `${action} from ${s}`).toBe(false);
      }
    }
  });

  it('stateAfter follows the table', () => {
    for (const [action, spec] of Object.entries(TRANSITIONS) as [WorkflowAction, (typeof TRANSITIONS)[WorkflowAction]][]) {
      const after = stateAfter(board, action, item('approved', true));
      if (spec.to === 'same') expect(after).toBe('approved');
      else if (spec.to === 'gone') expect(after).toBeNull();
      else if (spec.to !== 'edit') expect(after, action).toBe(spec.to);
    }
  });

  it('what an action needs comes from the table', () => {
    for (const action of WORKFLOW_ACTIONS) {
      expect(transitionNeeds(action, 'reason')).toBe((TRANSITIONS[action].needs as readonly string[]).includes('reason'));
      if (transitionNeeds(action, 'reason')) expect(validateTransitionInput(action, {})).toMatch(/lý do/);
    }
    expect(validateTransitionInput('schedule', {})).toMatch(/ngày giờ/);
    expect(BOARD_HELD_STATES).toEqual(['inReview', 'approved', 'scheduled']);
  });
});

describe('the question queue: forward and reject (issue 11 item 2)', () => {
  const q = (over: Partial<WorkflowItem> = {}) => item({ kind: 'question', agencyId: A, state: 'draft', ...over });
  it("the owning agency's editor and team lead, and the board, forward or reject a draft question", () => {
    for (const action of ['forward', 'reject'] as const) {
      for (const who of [editorA, leadA, board1]) expect(can(who, action, q())).toBe(true);
      expect(can(editorA, action, q({ state: 'returned' }))).toBe(true);
    }
  });
  it('another agency, the council, the IT centre and API callers cannot; nor once submitted or published; nor on other kinds', () => {
    for (const action of ['forward', 'reject'] as const) {
      expect(decide(editorA, action, q({ agencyId: B })).reason).toBe('ownership');
      for (const who of [council, itCentre, api]) expect(can(who, action, q())).toBe(false);
      for (const state of ['inReview', 'approved', 'scheduled', 'published', 'withdrawn'] as const)
        expect(decide(leadA, action, q({ state })).reason).toBe('state');
      expect(decide(board1, action, item({ kind: 'article', agencyId: A, state: 'draft' })).reason).toBe('kind');
    }
  });
  it('both need a reason; forwarding needs the target agency; the state stays', () => {
    expect(validateTransitionInput('reject', {})).toMatch(/lý do/);
    expect(validateTransitionInput('reject', { reason: 'Thư rác' })).toBeNull();
    expect(validateTransitionInput('forward', { reason: 'Không thuộc thẩm quyền' })).toMatch(/cơ quan/);
    expect(validateTransitionInput('forward', { reason: 'Không thuộc thẩm quyền', toAgency: B })).toBeNull();
    expect(stateAfter(editorA, 'forward', q())).toBe('draft');
    expect(stateAfter(editorA, 'reject', q({ state: 'returned' }))).toBe('returned');
  });
});
