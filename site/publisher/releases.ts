/**
 * Release folders and the atomic switch between them.
 *
 * ```
 * <releasesDir>/
 *   20260102T030405678Z/        one successful build (Astro outDir); its metadata in .publisher-release.json
 *   20260102T031002114Z/
 *   current -> 20260102T031002114Z   the served release (a relative symlink)
 *   .building-<id>/             a build in progress (removed when it fails)
 *   .lock                       pid of the publisher using this folder
 * ```
 * Switching is a `rename(2)` of a freshly made symlink over `current`, which is atomic: a
 * reader (this process, or a web server pointed at `current`) sees the old or the new release,
 * never a mix or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PublishedState } from '@cong/shared';

/** What the publisher records with each release. */
export interface ReleaseMeta {
  id: string;
  /** when the release went live (or was built), ISO 8601 UTC */
  createdAt: string;
  /** build wall time (state fetch + Astro build + checks), ms */
  buildMs: number;
  /** why it was built: `webhook`, `reconcile:start`, `retry`, `manual`, `daily`… */
  trigger: string;
  /** hash of the site's code the release was built from ({@link import('./code-hash.js').computeCodeHash}) */
  codeHash: string;
  /** whether Astro's incremental build was on */
  incremental: boolean;
  /** routes generated (pages and feeds) = rendered by Astro + reused from its incremental cache; `html` = HTML files in the release */
  pages: { total: number; html: number; rendered: number; cached: number };
  /** the CMS's published state the build was made from (after a content publish: the state it published) */
  state: PublishedState;
  /** made by the renderer (a code deploy: server build + full render); content publishes then change it in place (ADR 0019) */
  renderer?: boolean;
  /** content publishes applied in place since the release was made */
  publishes?: number;
  /** when the last content publish went live, ISO 8601 UTC */
  updatedAt?: string;
}

const ID_RE = /^\d{8}T\d{9}Z(-\d+)?$/;
const META_FILE = '.publisher-release.json';

/** Manages the releases folder. All paths are absolute. */
export class ReleaseStore {
  readonly dir: string;
  private lastId = '';

  /** @param dir the releases folder (created by {@link init}) */
  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  /** Creates the folder and removes leftovers of an interrupted run (staging folders, temp links). */
  init(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const name of fs.readdirSync(this.dir)) {
      if (name.startsWith('.building-') || name.startsWith('.current-')) {
        fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
      }
    }
  }

  /** A new release id from the time, sortable, unique within this process: `20260102T030405678Z`. */
  newId(now: Date = new Date()): string {
    let id = now.toISOString().replace(/[-:.]/g, '');
    if (id <= this.lastId) {
      const base = this.lastId.replace(/-\d+$/, '');
      const n = Number(this.lastId.match(/-(\d+)$/)?.[1] ?? 0) + 1;
      id = `${base}-${n}`;
    }
    this.lastId = id;
    return id;
  }

  /** Where a release is built before it is complete. */
  stagingPath(id: string): string {
    return path.join(this.dir, `.building-${id}`);
  }

  /** The folder of a finished release. */
  path(id: string): string {
    if (!ID_RE.test(id)) throw new Error(`not a release id: ${JSON.stringify(id)}`);
    return path.join(this.dir, id);
  }

  /**
   * The folder to serve statically: `<release>/client` when the build has an on-demand server
   * part (Astro with an adapter writes `client/` and `server/`), else the release itself.
   */
  webRoot(id: string): string {
    const p = this.path(id);
    const client = path.join(p, 'client');
    return fs.existsSync(path.join(client, 'index.html')) || fs.existsSync(path.join(p, 'server', 'entry.mjs')) ? client : p;
  }

  /** `<release>/server/entry.mjs` when the release has on-demand routes, else null. */
  serverEntry(id: string): string | null {
    const f = path.join(this.path(id), 'server', 'entry.mjs');
    return fs.existsSync(f) ? f : null;
  }

  /** Moves a finished staging folder to its final name (same filesystem: atomic). */
  finalize(id: string): string {
    const dest = this.path(id);
    fs.renameSync(this.stagingPath(id), dest);
    return dest;
  }

  /** Removes a staging folder (failed build) in the background. Never throws. */
  discardStaging(id: string): void {
    const from = this.stagingPath(id);
    const doomed = path.join(this.dir, `.building-deleting-${id}`);
    try {
      fs.renameSync(from, doomed);
    } catch {
      return; // nothing there
    }
    fs.promises.rm(doomed, { recursive: true, force: true }).catch(() => undefined);
  }

  /** The id `current` points to, or null when there is none (or it dangles). */
  current(): string | null {
    try {
      const target = fs.readlinkSync(path.join(this.dir, 'current'));
      const id = path.basename(target);
      return ID_RE.test(id) && fs.existsSync(path.join(this.dir, id)) ? id : null;
    } catch {
      return null;
    }
  }

  /**
   * Points `current` at release `id` atomically (symlink to a temp name, then rename over).
   * @throws {Error} when the release does not exist
   */
  activate(id: string): void {
    const target = this.path(id);
    if (!fs.statSync(target).isDirectory()) throw new Error(`release ${id} is not a folder`);
    const tmp = path.join(this.dir, `.current-${process.pid}-${Date.now()}`);
    fs.symlinkSync(id, tmp, 'dir');
    fs.renameSync(tmp, path.join(this.dir, 'current'));
  }

  /** Finished release ids, oldest first. */
  list(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && ID_RE.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  /** The metadata of a release, or null when missing/unreadable. */
  readMeta(id: string): ReleaseMeta | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.path(id), META_FILE), 'utf8')) as ReleaseMeta;
    } catch {
      return null;
    }
  }

  /** Writes the metadata into a (staging or final) release folder (temporary file renamed over: atomic). */
  writeMeta(folder: string, meta: ReleaseMeta): void {
    const tmp = path.join(folder, `${META_FILE}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(meta));
    fs.renameSync(tmp, path.join(folder, META_FILE));
  }

  /** Removes a finished release that never went live (a code deploy failing after its rename), in the background. */
  discard(id: string): void {
    const doomed = path.join(this.dir, `.building-deleting-${id}`);
    try {
      fs.renameSync(this.path(id), doomed);
    } catch {
      return;
    }
    fs.promises.rm(doomed, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Where content publishes keep the previous bytes of the files they change (live-tree.ts). */
  get journalDir(): string {
    return path.join(this.dir, '.journal');
  }

  /**
   * Deletes old releases, keeping the current one, the `keep` newest others, and the `pinned`
   * ones (e.g. the release whose server code is loaded). Returns the ids removed.
   */
  async prune(keep: number, pinned: Iterable<string> = []): Promise<string[]> {
    const current = this.current();
    const protectedIds = new Set([...pinned, ...(current ? [current] : [])]);
    const others = this.list().filter((id) => !protectedIds.has(id));
    const remove = others.slice(0, Math.max(0, others.length - keep));
    for (const id of remove) {
      // renamed first, so a half-deleted release is never listed (or rolled back to)
      const doomed = path.join(this.dir, `.building-deleting-${id}`);
      fs.renameSync(this.path(id), doomed);
      await fs.promises.rm(doomed, { recursive: true, force: true });
    }
    return remove;
  }
}

/** Counts the HTML pages under a folder (recursively). */
export function countHtmlPages(dir: string): number {
  let n = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.html')) n++;
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return n;
}

/** True when process `pid` exists and is not a zombie (an exited process nobody reaped). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/**
 * Exclusive use of a releases folder by one process: a `.lock` file holding the pid. A lock
 * left by a dead process is taken over.
 * @throws {Error} when another live process holds it
 */
export function acquireLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      const alive = pid === process.pid || (pid ? processAlive(pid) : false);
      if (alive) throw new Error(`${dir} is in use by another publisher (pid ${pid})`, { cause: err });
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
