/**
 * The release switch: which release is live and what serves it. Checks a staged build, puts it
 * live (metadata, rename, `current` symlink switched — the folders themselves are the release
 * store's, releases.ts), and at the same moment switches the in-memory file index (static.ts)
 * and asks for the release's sitemap and search index (derived.ts); loads the release's server
 * code (the on-demand routes: the draft preview) when the site code changed; rolls back; prunes
 * old releases in the background.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, type PublisherConfig } from './config.js';
import type { DerivedFiles } from './derived.js';
import type { ReleaseMeta, ReleaseStore } from './releases.js';
import { createStaticHandler, type StaticHandler } from './static.js';

/** The request handler exported by a release's server entry (@astrojs/node, middleware mode). */
export type SsrHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void> | void;

export type LiveReleaseSettings = Pick<PublisherConfig, 'cmsUrl' | 'cmsToken' | 'previewSecret' | 'keepReleases' | 'log'>;

/**
 * Throws when a staged build is not fit to go live (no homepage).
 * @throws {Error} naming what is missing
 */
export function checkStagedRelease(staging: string): void {
  const stagingWeb = fs.existsSync(path.join(staging, 'client')) ? path.join(staging, 'client') : staging;
  if (!fs.existsSync(path.join(stagingWeb, 'index.html'))) throw new Error('the build produced no homepage (index.html)');
}

/**
 * The name of a release's state of content: its id, then `+<n>` after n content publishes in
 * place (the sitemap and search index are made per generation).
 */
export function generationOf(meta: Pick<ReleaseMeta, 'id' | 'publishes'>): string {
  return meta.publishes ? `${meta.id}+${meta.publishes}` : meta.id;
}

/** The live release and the handlers that serve it. */
export class LiveRelease {
  /** the live release's id (null before the first build) */
  id: string | null = null;
  meta: ReleaseMeta | null = null;
  /** its files (null before the first build) */
  staticHandler: StaticHandler | null = null;
  /** its web root (where the 404 page is) */
  webRoot: string | null = null;
  /** the loaded server code: which release it comes from, that release's code hash, its handler */
  ssr: { release: string; codeHash: string; handler: SsrHandler } | null = null;

  constructor(
    private readonly settings: LiveReleaseSettings,
    private readonly releases: ReleaseStore,
    private readonly derived: DerivedFiles,
  ) {}

  /**
   * At start: serves the release `current` points at — or, when the symlink is missing, the
   * newest finished release, which it activates — and loads its server code.
   * @returns the release served, null when there is none yet
   */
  async open(): Promise<string | null> {
    this.linkNodeModules();
    let current = this.releases.current();
    if (!current) {
      const all = this.releases.list().filter((id) => this.releases.readMeta(id));
      if (all.length) {
        current = all[all.length - 1];
        this.releases.activate(current);
      }
    }
    if (current) {
      this.use(current, this.releases.readMeta(current));
      await this.loadServer(current, this.meta?.codeHash ?? '');
    }
    return current;
  }

  /**
   * Puts a checked staged build live: writes its metadata, renames it into place, switches
   * `current` (atomic) and the file index.
   */
  promote(staging: string, meta: ReleaseMeta): void {
    this.releases.writeMeta(staging, meta);
    this.releases.finalize(meta.id);
    this.releases.activate(meta.id);
    this.use(meta.id, meta);
  }

  /**
   * Puts a code deploy live: the release is already in place (renamed by the renderer path);
   * writes its metadata, switches `current` (atomic) and the file index.
   */
  promoteFinal(meta: ReleaseMeta): void {
    this.releases.writeMeta(this.releases.path(meta.id), meta);
    this.releases.activate(meta.id);
    this.use(meta.id, meta);
  }

  /**
   * After a content publish changed the live release in place (live-tree.ts): the file index
   * re-reads the `paths` changed, the metadata (new state) is written, and the sitemap and search
   * index of this generation (`<id>+<publishes>`) are asked for.
   */
  published(paths: readonly string[], meta: ReleaseMeta | null): void {
    this.staticHandler?.refresh(paths);
    if (!meta || !this.id || !this.webRoot) return;
    this.releases.writeMeta(this.releases.path(this.id), meta);
    this.meta = meta;
    this.derived.request(generationOf(meta), this.webRoot);
  }

  /** Re-reads `paths` of the live release after they were restored from a journal. */
  refresh(paths: readonly string[]): void {
    this.staticHandler?.refresh(paths);
  }

  /**
   * After a release went live: loads its server code if the site code changed, then deletes
   * old releases in the background (deleting 10,000+ files must not hold up serving), keeping
   * the one whose server code is loaded.
   */
  async settle(id: string, codeHash: string): Promise<void> {
    if (!this.ssr || this.ssr.codeHash !== codeHash) await this.loadServer(id, codeHash);
    this.releases.prune(this.settings.keepReleases, this.ssr ? [this.ssr.release] : []).then(
      (removed) => removed.length && this.settings.log(`pruned ${removed.length} old release(s)`),
      (err) => this.settings.log(`pruning failed: ${(err as Error).message}`),
    );
  }

  /**
   * Points `current` at `target`, or at the release before the live one when none is named.
   * @returns the release now live, or the releases on disk when the target does not exist
   */
  rollback(target: string | undefined): { release: string } | { releases: string[] } {
    const all = this.releases.list();
    if (!target) {
      const i = this.id ? all.indexOf(this.id) : all.length;
      target = i > 0 ? all[i - 1] : undefined;
    }
    if (!target || !all.includes(target)) return { releases: all };
    const meta = this.releases.readMeta(target);
    this.releases.activate(target);
    this.use(target, meta);
    this.settings.log(`rolled back to release ${target}`);
    return { release: target };
  }

  private use(id: string, meta: ReleaseMeta | null): void {
    const webRoot = this.releases.webRoot(id);
    this.staticHandler = createStaticHandler(webRoot);
    this.webRoot = webRoot;
    this.id = id;
    this.meta = meta;
    const generation = meta ? generationOf(meta) : id;
    if (this.derived.status().release !== generation) this.derived.request(generation, webRoot);
  }

  /** Loads the release's server code (on-demand routes) once; failures leave preview off. */
  private async loadServer(id: string, codeHash: string): Promise<void> {
    const entry = this.releases.serverEntry(id);
    if (!entry) return;
    process.env.ASTRO_NODE_AUTOSTART = 'disabled';
    process.env.CMS_URL ||= this.settings.cmsUrl;
    if (this.settings.cmsToken) process.env.CMS_TOKEN ||= this.settings.cmsToken;
    if (this.settings.previewSecret) process.env.PREVIEW_SECRET ||= this.settings.previewSecret;
    try {
      const mod = (await import(pathToFileURL(entry).href)) as { handler?: SsrHandler };
      if (typeof mod.handler !== 'function') throw new Error('server entry has no handler export (use @astrojs/node in middleware mode)');
      this.ssr = { release: id, codeHash, handler: mod.handler };
      this.settings.log(`on-demand routes served from release ${id}`);
    } catch (err) {
      this.settings.log(`could not load the server code of release ${id}: ${(err as Error).message}`);
    }
  }

  /**
   * A release's server code imports its dependencies (astro, …) by bare name; when the releases
   * folder lies outside the repository, Node would not find them. A `node_modules` link in the
   * releases folder points at the repository's.
   */
  private linkNodeModules(): void {
    const target = path.join(REPO_ROOT, 'node_modules');
    const rel = path.relative(REPO_ROOT, this.releases.dir);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return; // inside the repo: resolves by itself
    const link = path.join(this.releases.dir, 'node_modules');
    try {
      if (fs.readlinkSync(link) === target) return;
      fs.rmSync(link, { force: true });
    } catch {
      if (fs.existsSync(link)) return; // a real folder: leave it alone
    }
    try {
      fs.symlinkSync(target, link, 'dir');
    } catch (err) {
      this.settings.log(`could not link ${link} → ${target}: ${(err as Error).message}`);
    }
  }
}
