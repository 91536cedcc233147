/**
 * Content publishes change the live release in place (ADR 0019): the renderer stages the pages
 * whose bytes changed (with their brotli/gzip copies) in a folder of their own, and
 * {@link applyStaged} puts them live file by file, each by `rename(2)` (atomic: a reader — this
 * process or nginx — gets the old or the new bytes of a file, never half of one), after keeping
 * the previous bytes in a journal:
 *
 * ```
 * <releasesDir>/.journal/<release>-<seq>/
 *   journal.json   {release, webRoot, files: [{path, had}]}  written first; renamed to done.json at the end
 *   old/<path>     the previous bytes (a hard link to the replaced file: no copy)
 * ```
 *
 * Order per page, so that a precompressed copy never serves other bytes than its page: the old
 * `.br`/`.gz` are removed, the page is renamed in, then the new copies are renamed in (a reader
 * gets the uncompressed page in between). A removed page loses its copies first, then itself.
 *
 * A publish that fails halfway, or a process killed halfway, is undone from its journal
 * ({@link restoreJournal}; {@link recoverJournals} at start), so the release is again the last
 * good site its metadata describes. Finished journals are kept (the last {@link KEEP_JOURNALS})
 * for an operator to undo a content publish by hand.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Finished journals kept per releases folder. */
export const KEEP_JOURNALS = 20;
const SIBLINGS = ['.br', '.gz'];

interface JournalFile {
  /** path under the web root, `/` separators */
  path: string;
  /** whether the file existed before (its bytes are then in `old/<path>`) */
  had: boolean;
}

interface Journal {
  release: string;
  webRoot: string;
  files: JournalFile[];
}

/** What {@link applyStaged} changed: every path (pages and their copies) written or removed. */
export interface AppliedChange {
  /** paths under the web root whose file is new, replaced or removed */
  paths: string[];
  /** the journal folder (kept; `restoreJournal` undoes the change) */
  journal: string;
  ms: number;
}

function safeRel(rel: string): string {
  const n = path.posix.normalize(rel);
  if (n.startsWith('..') || path.posix.isAbsolute(n) || n.includes('\0')) throw new Error(`live-tree: refused path ${JSON.stringify(rel)}`);
  return n;
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function keepOld(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/** Removes the empty folders above `file` up to (not including) `root`. */
function pruneEmptyDirs(root: string, file: string): void {
  let dir = path.dirname(file);
  while (dir.startsWith(root + path.sep)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return; // not empty (or gone)
    }
    dir = path.dirname(dir);
  }
}

/**
 * Puts a staged content publish live in `webRoot`: `written` pages come from `stageDir` (with
 * the `.br`/`.gz` copies staged beside them; copies not staged are removed), `removed` pages are
 * deleted with their copies. The previous bytes of every path go to a new journal under
 * `journalRoot` first. Synchronous, so the publisher's file index is updated in the same tick.
 *
 * @param id the journal's name (`<release>-<seq>`)
 * @throws {Error} on an I/O error — the caller must then {@link restoreJournal} the journal named in the error's `journal` property
 */
export function applyStaged(
  webRoot: string,
  stageDir: string,
  journalRoot: string,
  id: string,
  change: { release: string; written: string[]; removed: string[] },
): AppliedChange {
  const t0 = Date.now();
  const journal = path.join(journalRoot, id);
  const pages = [...change.written.map((f) => ({ f: safeRel(f), write: true })), ...change.removed.map((f) => ({ f: safeRel(f), write: false }))];
  const files: JournalFile[] = [];
  for (const { f } of pages) for (const p of [f, ...SIBLINGS.map((s) => f + s)]) files.push({ path: p, had: exists(path.join(webRoot, p)) });
  fs.rmSync(journal, { recursive: true, force: true });
  fs.mkdirSync(path.join(journal, 'old'), { recursive: true });
  const j: Journal = { release: change.release, webRoot, files };
  fs.writeFileSync(path.join(journal, 'journal.json'), JSON.stringify(j));
  try {
    for (const file of files) if (file.had) keepOld(path.join(webRoot, file.path), path.join(journal, 'old', file.path));
    for (const { f, write } of pages) {
      const live = path.join(webRoot, f);
      for (const s of SIBLINGS) fs.rmSync(live + s, { force: true });
      if (!write) {
        fs.rmSync(live, { force: true });
        pruneEmptyDirs(webRoot, live);
        continue;
      }
      fs.mkdirSync(path.dirname(live), { recursive: true });
      fs.renameSync(path.join(stageDir, f), live);
      for (const s of SIBLINGS) if (exists(path.join(stageDir, f) + s)) fs.renameSync(path.join(stageDir, f) + s, live + s);
    }
    fs.renameSync(path.join(journal, 'journal.json'), path.join(journal, 'done.json'));
  } catch (err) {
    throw Object.assign(err as Error, { journal });
  }
  return { paths: files.map((f) => f.path), journal, ms: Date.now() - t0 };
}

/**
 * Undoes one journal: every path gets its previous bytes back (or is removed when it did not
 * exist), then the journal is deleted.
 * @returns the paths restored
 */
export function restoreJournal(journal: string): string[] {
  const file = ['journal.json', 'done.json'].map((n) => path.join(journal, n)).find(exists);
  if (!file) {
    fs.rmSync(journal, { recursive: true, force: true });
    return [];
  }
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as Journal;
  // copies first, so that a page is never served with the copies of other bytes
  const ordered = [...j.files].sort((a, b) => Number(!/\.(br|gz)$/.test(a.path)) - Number(!/\.(br|gz)$/.test(b.path)));
  for (const f of ordered) if (!f.had || /\.(br|gz)$/.test(f.path)) fs.rmSync(path.join(j.webRoot, safeRel(f.path)), { force: true });
  for (const f of [...ordered].reverse()) {
    if (!f.had) continue;
    const live = path.join(j.webRoot, safeRel(f.path));
    fs.mkdirSync(path.dirname(live), { recursive: true });
    fs.renameSync(path.join(journal, 'old', f.path), live);
  }
  fs.rmSync(journal, { recursive: true, force: true });
  return j.files.map((f) => f.path);
}

/**
 * At start: undoes every journal left unfinished (a publisher killed while putting a publish
 * live), so each release is the site its metadata describes; deletes finished journals beyond
 * {@link KEEP_JOURNALS}.
 * @returns the journals undone
 */
export function recoverJournals(journalRoot: string): string[] {
  if (!exists(journalRoot)) return [];
  const undone: string[] = [];
  const names = fs.readdirSync(journalRoot).sort();
  for (const name of names) {
    const dir = path.join(journalRoot, name);
    if (exists(path.join(dir, 'done.json'))) continue;
    restoreJournal(dir);
    undone.push(name);
  }
  pruneJournals(journalRoot);
  return undone;
}

/** Deletes finished journals beyond {@link KEEP_JOURNALS} (oldest first). */
export function pruneJournals(journalRoot: string): void {
  if (!exists(journalRoot)) return;
  const done = fs
    .readdirSync(journalRoot)
    .filter((n) => exists(path.join(journalRoot, n, 'done.json')))
    .sort((a, b) => fs.statSync(path.join(journalRoot, a)).mtimeMs - fs.statSync(path.join(journalRoot, b)).mtimeMs);
  for (const n of done.slice(0, Math.max(0, done.length - KEEP_JOURNALS))) fs.rmSync(path.join(journalRoot, n), { recursive: true, force: true });
}
