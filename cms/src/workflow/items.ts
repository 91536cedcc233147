/**
 * Builds the rules' view of a stored item (`WorkflowItem` of @cong/shared) from the database:
 * the draft row's editorial state and owning agency, whether a published version is served,
 * and who last submitted it (from the audit log).
 */
import type { Strapi } from '../lib/strapi-types';
import { TRANSITIONS, isEditorialState, type EditorialState, type WorkflowItem } from '@cong/shared';
import { AGENCY_SCOPED_UIDS, AGENCY_UID, WORKFLOW_KINDS, titleField } from './constants';
import { latestOf } from './audit';

/**
 * The draft row of an item as {@link loadItem} reads it: every column of the type, by name, and
 * the owning agency (documentId and name) for an agency-owned type.
 */
export type DraftRow = Record<string, unknown> & {
  id: number;
  documentId: string;
  slug?: string | null;
  agency?: { documentId: string; name: string | null } | null;
};

export interface LoadedItem extends WorkflowItem {
  uid: string;
  documentId: string;
  /** the draft row */
  draft: DraftRow;
  title: string | null;
  agency: { documentId: string; name: string | null } | null;
  /** when the item is scheduled: the date-time it will be published */
  scheduledFor: string | null;
}

/**
 * Loads the item `documentId` of `uid`, or null when it does not exist.
 * A missing or unknown stored state counts as `published` when a published version exists,
 * `draft` otherwise (rows written before the workflow existed).
 */
export async function loadItem(strapi: Strapi, uid: string, documentId: string): Promise<LoadedItem | null> {
  const kind = WORKFLOW_KINDS[uid];
  const scoped = AGENCY_SCOPED_UIDS.includes(uid);
  const [draft, publishedCount]: [DraftRow | null, number] = await Promise.all([
    strapi.db.query(uid).findOne({
      where: { documentId, publishedAt: null },
      populate: scoped ? { agency: { select: ['documentId', 'name'] } } : undefined,
    }),
    strapi.db.query(uid).count({ where: { documentId, publishedAt: { $notNull: true } } }),
  ]);
  if (!draft) return null;
  const hasPublishedVersion = publishedCount > 0;
  const state: EditorialState = isEditorialState(draft.editorialState)
    ? draft.editorialState
    : hasPublishedVersion
      ? TRANSITIONS.publish.to
      : TRANSITIONS.create.to;
  let agency: LoadedItem['agency'] = null;
  if (uid === AGENCY_UID) agency = { documentId, name: typeof draft.name === 'string' ? draft.name : null };
  else if (scoped && draft.agency?.documentId) agency = { documentId: draft.agency.documentId, name: draft.agency.name ?? null };
  const [submit, schedule] = await Promise.all([
    latestOf(strapi, uid, documentId, 'submit'),
    state === 'scheduled' ? latestOf(strapi, uid, documentId, 'schedule') : Promise.resolve(null),
  ]);
  const title = draft[titleField(uid)];
  return {
    uid,
    documentId,
    kind,
    agencyId: agency?.documentId ?? null,
    state,
    hasPublishedVersion,
    submittedBy: submit?.actorId ?? null,
    submittedByName: submit?.actorName ?? null,
    draft,
    title: title ? String(title) : null,
    agency,
    scheduledFor: schedule?.scheduledFor ? new Date(schedule.scheduledFor).toISOString() : null,
  };
}
