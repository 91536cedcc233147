/**
 * The publisher's HTTP surface: the server, and the routes
 * - `POST /hooks/strapi`   Strapi webhook (entry.publish / entry.unpublish / entry.delete) → 202, queued
 * - `POST /hooks/rebuild`  (secret header) build now even if nothing changed → 202
 * - `POST /hooks/rollback` (secret header, body `{"release": "<id>"}` or empty for the previous) → 200;
 *   the release's pages are then caught up with the published state (nothing withdrawn since comes back)
 * - the citizen forms     GET shows the built page with a fresh form, POST validates and forwards
 *                          to the CMS (intake.ts; the forms are listed in intake-routes.ts)
 * - `GET /status`          public: health only; with `Authorization: Bearer <PUBLISHER_WEBHOOK_SECRET
 *                          or PUBLISHER_STATUS_TOKEN>` (or the secret header): the full status
 * - `GET|HEAD /tim-kiem/?q=…` the search results, answered from the in-memory index (search.ts)
 * - anything else          the live release's files (static.ts; its sitemap, kept per publish by
 *                          the renderer), the background sitemap (derived.ts) for a release
 *                          without one, then its on-demand routes (the draft preview, through
 *                          @astrojs/node's middleware handler), then the 404 page.
 *
 * Every response carries the security headers of security-headers.ts (CSP, nosniff,
 * Referrer-Policy, X-Frame-Options), set before any routing.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import { PUBLISHER_SECRET_HEADER, PUBLISHER_WEBHOOK_EVENTS } from '@cong/shared';
import { secretMatches } from '@cong/shared/secret';
import type { PublisherConfig } from './config.js';
import { isDerivedPath, type DerivedFiles } from './derived.js';
import type { LiveRelease } from './live-release.js';
import { isSearchRequest, serveSearch, type SearchIndex } from './search.js';
import type { PublicStatus, PublisherStatus } from './publisher.js';
import type { BuildQueue } from './queue.js';
import { applySecurityHeaders } from './security-headers.js';
import { sendNotFound } from './static.js';
import { IntakeHandler, type IntakeRoute } from './intake.js';
import { INTAKE_ROUTES } from './intake-routes.js';

const MAX_BODY = 4 * 1024 * 1024;
const ALLOWED_EVENTS = new Set<string>(PUBLISHER_WEBHOOK_EVENTS);

/**
 * Whether a request may read the full status: `Authorization: Bearer <token>` with the webhook
 * secret or the status token (a read-only token for monitoring), or the webhook secret header;
 * compared in constant time. `null` when it presents no credentials at all.
 */
export function statusAuthorized(req: IncomingMessage, webhookSecret: string, statusToken: string): boolean | null {
  const auth = req.headers.authorization;
  const header = req.headers[PUBLISHER_SECRET_HEADER];
  if (auth === undefined && header === undefined) return null;
  const bearer = typeof auth === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(auth)?.[1] : undefined;
  const tokens = [webhookSecret, statusToken].filter((t): t is string => !!t);
  if (bearer !== undefined && tokens.some((t) => secretMatches(bearer, t))) return true;
  return secretMatches(header, webhookSecret);
}

/** What the routes act on. */
export interface HttpDeps {
  config: PublisherConfig;
  queue: BuildQueue;
  live: LiveRelease;
  derived: DerivedFiles;
  /** the site search (answers `/tim-kiem/?q=`); without it that page is served as built */
  search?: SearchIndex;
  /** the publisher's counters (the webhooks are counted here) */
  counters: PublisherStatus['counters'];
  publicStatus(): PublicStatus;
  status(withLog: boolean): PublisherStatus;
  /** the citizen forms (default: intake-routes.ts) */
  intakeRoutes?: readonly IntakeRoute[];
  /** after a rollback switched the live release: pin its code and queue the content catch-up (red-team F17) */
  afterRollback?: (release: string) => void;
}

/** The HTTP server and its routes. */
export class PublisherHttp {
  private server: http.Server | null = null;
  private readonly compress = compression({ threshold: 1024 });
  /** where the security headers read the CMS and media origins: the environment, with this publisher's CMS URL */
  private readonly headerEnv: NodeJS.ProcessEnv;
  private readonly intake: IntakeHandler;

  constructor(private readonly deps: HttpDeps) {
    const { config } = deps;
    this.intake = new IntakeHandler(deps.intakeRoutes ?? INTAKE_ROUTES, config, () => deps.live.webRoot);
    this.headerEnv = { ...process.env, ...config.buildEnv, CMS_URL: process.env.CMS_URL || config.cmsUrl };
  }

  /** The base URL it listens on, e.g. `http://127.0.0.1:4321` (after {@link listen}). */
  get url(): string {
    const a = this.server?.address() as AddressInfo | null;
    if (!a) throw new Error('the publisher is not listening');
    const host = a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.address;
    return `http://${host}:${a.port}`;
  }

  /** @throws {Error} when the port is taken */
  async listen(): Promise<void> {
    const { port, host } = this.deps.config;
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    // a request (headers and body; the forms' bodies are at most 64 kB) must arrive within 20 s:
    // slowly trickled bodies cannot hold connections for Node's default 300 s (red-team F4)
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 20_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => {
        this.server!.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops listening; idle connections now, the others after 2 s at the latest. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // first of all: every response below, errors included, carries the security headers
    applySecurityHeaders(res, req.url, this.headerEnv);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const p = url.pathname;
      if (p === '/hooks/strapi') return await this.onWebhook(req, res);
      if (p === '/hooks/rebuild') return await this.onManual(req, res);
      if (p === '/hooks/rollback') return await this.onRollback(req, res);
      if (p === '/status') return this.onStatus(req, res);
      const form = this.intake.route(p);
      if (form && this.deps.live.webRoot) return await this.intake.handle(req, res, form, url);
      return this.serveSite(req, res);
    } catch (err) {
      this.deps.config.log(`request error: ${(err as Error)?.stack ?? err}`);
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    }
  }

  private onStatus(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const headers = { 'cache-control': 'no-store', vary: 'Authorization' };
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD', ...headers });
    const authorized = statusAuthorized(req, this.deps.config.webhookSecret, this.deps.config.statusToken);
    if (authorized === false) return json(res, 401, { error: 'bad credentials' }, { 'www-authenticate': 'Bearer realm="cong-publisher"', ...headers });
    return json(res, 200, authorized ? this.deps.status(true) : this.deps.publicStatus(), headers, req.method === 'HEAD');
  }

  private checkPost(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST') {
      json(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
      return false;
    }
    if (!secretMatches(req.headers[PUBLISHER_SECRET_HEADER], this.deps.config.webhookSecret)) {
      this.deps.counters.webhooksRejected++;
      req.resume();
      json(res, 401, { error: 'bad or missing secret' });
      return false;
    }
    return true;
  }

  private async onWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.checkPost(req, res)) return;
    const { queue, counters } = this.deps;
    const receivedAt = Date.now();
    let body: any;
    try {
      body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8') || '{}');
    } catch (err) {
      return json(res, (err as Error).message === 'too large' ? 413 : 400, { error: 'the body must be JSON (Strapi webhook)' });
    }
    const event = String(body?.event ?? req.headers['x-strapi-event'] ?? '');
    if (!ALLOWED_EVENTS.has(event)) {
      counters.webhooksIgnored++;
      return json(res, 202, { accepted: false, ignored: event || 'no event' });
    }
    counters.webhooksAccepted++;
    queue.enqueue({
      source: 'webhook',
      event,
      uid: typeof body.uid === 'string' ? body.uid : undefined,
      documentId: typeof body.entry?.documentId === 'string' ? body.entry.documentId : undefined,
      receivedAt,
    });
    json(res, 202, { accepted: true, queueLength: queue.length, building: queue.building });
  }

  private async onManual(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.checkPost(req, res)) return;
    req.resume();
    this.deps.queue.enqueue({ source: 'manual', receivedAt: Date.now() });
    json(res, 202, { accepted: true, queueLength: this.deps.queue.length });
  }

  private async onRollback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.checkPost(req, res)) return;
    let target: string | undefined;
    try {
      const raw = (await readBody(req, 64 * 1024)).toString('utf8');
      target = raw ? JSON.parse(raw).release : undefined;
    } catch {
      return json(res, 400, { error: 'body must be JSON {"release": "<id>"}' });
    }
    const done = this.deps.live.rollback(target);
    if (!('release' in done)) return json(res, 404, { error: 'no such release', releases: done.releases });
    this.deps.afterRollback?.(done.release);
    json(res, 200, { currentRelease: done.release });
  }

  /**
   * The site: derived files, the release's files (sent as written, their brotli/gzip copies
   * made with the release), its on-demand routes (preview: compressed per response), the 404 page.
   */
  private serveSite(req: IncomingMessage, res: ServerResponse): void {
    const { live, derived, config } = this.deps;
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    const fallThrough = () => {
      if (live.ssr) {
        const ssr = live.ssr;
        this.compress(req as never, res as never, () => {
          Promise.resolve(ssr.handler(req, res, () => this.notFound(req, res))).catch((err) => {
            config.log(`on-demand route error: ${(err as Error)?.stack ?? err}`);
            if (!res.headersSent) {
              res.statusCode = 500;
              res.end('Internal Server Error');
            }
          });
        });
      } else if (!isRead) {
        json(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      } else {
        this.notFound(req, res);
      }
    };
    if (!live.staticHandler) {
      if (live.ssr && !isRead) return fallThrough();
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '10', 'cache-control': 'no-store' });
      res.end(
        '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đang xây dựng</title><p>Cổng thông tin đang được xây dựng, vui lòng thử lại sau ít phút.</p></html>',
      );
      return;
    }
    if (!isRead) return fallThrough();
    const staticHandler = live.staticHandler;
    const url = new URL(req.url ?? '/', 'http://x');
    if (this.deps.search && live.webRoot && isSearchRequest(req, url)) {
      const { search } = this.deps;
      const webRoot = live.webRoot;
      return this.compress(req as never, res as never, () => serveSearch(req, res, url, search, webRoot, () => staticHandler(req, res, fallThrough)));
    }
    if (isDerivedPath(url.pathname)) {
      // the release's own sitemap (kept per publish by the renderer) first; the background
      // generation's (derived.ts) for a release without one (made by `astro build`)
      return staticHandler(req, res, () => derived.serve(req, res, fallThrough));
    }
    staticHandler(req, res, fallThrough);
  }

  private notFound(req: IncomingMessage, res: ServerResponse): void {
    sendNotFound(this.deps.live.webRoot, req, res);
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, head = false): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': data.length, ...headers });
  res.end(head ? undefined : data);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(new Error('too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
