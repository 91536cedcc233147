/**
 * The citizen forms on the publisher (issue 11): the publisher is the only thing the public
 * reaches (same origin as the site, no JavaScript needed), and it forwards to the CMS with a
 * server-side token (`INTAKE_TOKEN`); the public role of the CMS still creates nothing.
 *
 * For every registered {@link IntakeRoute}:
 * - `GET <page>`: the built page with a fresh form between its markers (a new signed fill-time
 *   token, values preselected from the query string), `Cache-Control: no-store`;
 * - `POST <page>` (`application/x-www-form-urlencoded`, at most {@link MAX_FORM_BYTES}):
 *   honeypot → fill-time token → field validation (the same {@link validateIntake} the CMS runs)
 *   → the route's `prepare` against the live release (e.g. the rated page exists, red-team F11)
 *   → forward `{ values, fillToken }` as JSON to the CMS route with the token and the citizen's
 *   address (the token's id: the CMS refuses a second use of it, ADR 0020) →
 *   the CMS's answer: success → the route's result page; field errors → the form again with the
 *   errors next to the fields and the text kept (422); too many → the form again (429, Retry-After);
 *   CMS down → the form again (503). Nothing the citizen typed is lost and nothing is logged.
 *
 * Routes are registered by the form's owner (questions: site/publisher/intake-routes.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FILL_TOKEN_FIELD,
  HONEYPOT_FIELD,
  INTAKE_CLIENT_HEADER,
  INTAKE_TOKEN_HEADER,
  readOptionsComment,
  renderIntakeForm,
  replaceBetweenMarkers,
  validateIntake,
  type IntakeErrors,
  type IntakeForm,
  type IntakeValues,
} from '@cong/shared';
import { checkFillToken, issueFillToken } from '@cong/shared/intake-token';
import type { PublisherConfig } from './config.js';

/** Largest form body accepted, bytes (a question of 5 000 characters is about 15 kB encoded). */
export const MAX_FORM_BYTES = 64 * 1024;
/** How long the publisher waits for the CMS, ms. */
const CMS_TIMEOUT_MS = 15_000;

/** What the route shows after the CMS accepted a submission. */
export interface IntakeResult {
  /** site path of the built page to show (its markers `marker` receive `html`) */
  page: string;
  marker: string;
  html: string;
  /** HTTP status (default 200) */
  status?: number;
}

/** One citizen form served and forwarded by the publisher. */
export interface IntakeRoute {
  /** the form; `form.action` is the page's path (GET shows it, POST submits it) */
  form: IntakeForm;
  /** CMS path the values are forwarded to, e.g. `/api/cong-intake/questions` */
  cmsPath: string;
  /** whether the signed fill-time token is required (default true; a status lookup needs none) */
  fillTime?: boolean;
  /** values preselected from the GET query string (e.g. `?co-quan=<slug>` → the agency) */
  preselect?(query: URLSearchParams): IntakeValues;
  /**
   * checks against the live release after the fields passed, before forwarding (e.g. the page a
   * rating names must be a page of the release that shows the form, red-team F11): the values to
   * forward (normalised), or errors by field (`_form` for the whole form)
   */
  prepare?(values: IntakeValues, release: LiveReleaseView): Promise<{ values: IntakeValues } | { errors: IntakeErrors }>;
  /** the page shown on success, from the CMS's JSON answer and the values sent */
  success(answer: any, values: IntakeValues): IntakeResult;
}

type Fetch = typeof fetch;

/** What an {@link IntakeRoute.prepare} may read of the live release. */
export interface LiveReleaseView {
  /** the HTML of a page of the live release by its site path (`/a/b/`), or null when there is no such page */
  page(sitePath: string): Promise<string | null>;
}

/** The intake routes of one publisher. */
export class IntakeHandler {
  private readonly byPath = new Map<string, IntakeRoute>();

  /**
   * @param routes the forms
   * @param config the publisher's configuration (`cmsUrl`, `intake`, `log`)
   * @param webRoot the live release's web root (null while there is none)
   */
  constructor(
    routes: readonly IntakeRoute[],
    private readonly config: Pick<PublisherConfig, 'cmsUrl' | 'intake' | 'log'>,
    private readonly webRoot: () => string | null,
    private readonly doFetch: Fetch = fetch,
  ) {
    for (const r of routes) this.byPath.set(r.form.action, r);
  }

  /** The route of a request path (`/a/b/`, `/a/b` and `/a/b/index.html` are the same page), or undefined. */
  route(pathname: string): IntakeRoute | undefined {
    const p = pathname.replace(/index\.html$/, '');
    return this.byPath.get(p.endsWith('/') ? p : `${p}/`);
  }

  /** Serves GET/HEAD/POST of a form page. */
  async handle(req: IncomingMessage, res: ServerResponse, route: IntakeRoute, url: URL): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      req.resume();
      const values = route.preselect?.(url.searchParams) ?? {};
      return this.showForm(res, route, 200, values, {}, req.method === 'HEAD');
    }
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(405, { allow: 'GET, HEAD, POST', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Phương thức không được hỗ trợ.');
      return;
    }
    if (crossSite(req)) {
      // another site's page posting here (red-team F3): its visitors' browsers would send
      // questions from their own addresses, around the per-address limits
      req.resume();
      return this.showForm(res, route, 403, {}, { _form: 'Biểu mẫu phải được gửi từ chính trang này của Cổng thông tin. Vui lòng nhập lại và bấm gửi.' });
    }
    const { token, formSecret, minFillMs, maxFillMs } = this.config.intake;
    if (!token || (route.fillTime !== false && !formSecret)) {
      req.resume();
      return this.showForm(res, route, 503, {}, { _form: 'Chức năng gửi tạm thời chưa hoạt động. Vui lòng thử lại sau.' });
    }
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      req.resume();
      return this.showForm(res, route, 415, {}, { _form: 'Nội dung gửi không đúng định dạng biểu mẫu. Vui lòng gửi lại từ trang này.' });
    }
    let body: string;
    try {
      body = (await readLimited(req, MAX_FORM_BYTES)).toString('utf8');
    } catch {
      res.setHeader('connection', 'close');
      return this.showForm(res, route, 413, {}, { _form: `Nội dung gửi quá dài (tối đa ${MAX_FORM_BYTES / 1024} kB). Vui lòng rút gọn và gửi lại.` });
    }
    const params = new URLSearchParams(body);
    const raw: Record<string, string> = {};
    for (const f of route.form.fields) {
      const v = params.get(f.name);
      if (v !== null) raw[f.name] = v;
    }
    const { values, errors } = validateIntake(route.form, raw);
    // the traps first: a filled honeypot or a form posted too fast is not forwarded
    if ((params.get(HONEYPOT_FIELD) ?? '') !== '') {
      return this.showForm(res, route, 400, values, { _form: 'Không gửi được: vui lòng để trống ô "Để trống ô này" rồi gửi lại.' });
    }
    let fillToken: { id: string; expiresAt: string } | undefined;
    if (route.fillTime !== false) {
      const given = params.get(FILL_TOKEN_FIELD);
      const check = checkFillToken(given, formSecret, route.form.id, { minMs: minFillMs, maxMs: maxFillMs });
      if (check === 'tooFast') {
        return this.showForm(res, route, 400, values, { ...errors, _form: 'Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra lại nội dung rồi bấm gửi.' });
      }
      if (check !== 'ok') {
        return this.showForm(res, route, 400, values, {
          ...errors,
          _form: 'Trang biểu mẫu đã cũ hoặc không hợp lệ. Nội dung anh/chị đã nhập được giữ lại bên dưới; vui lòng kiểm tra rồi bấm gửi lại.',
        });
      }
      fillToken = fillTokenId(given!, maxFillMs);
    }
    if (Object.keys(errors).length) return this.showForm(res, route, 422, values, errors);
    let forwarded = values;
    if (route.prepare) {
      const prepared = await route.prepare(values, { page: (p) => this.readPage(p) });
      if ('errors' in prepared) return this.showForm(res, route, 422, values, prepared.errors);
      forwarded = prepared.values;
    }
    return this.forward(req, res, route, forwarded, fillToken);
  }

  private async forward(
    req: IncomingMessage,
    res: ServerResponse,
    route: IntakeRoute,
    values: IntakeValues,
    fillToken?: { id: string; expiresAt: string },
  ): Promise<void> {
    let answer: Response;
    let json: any;
    try {
      answer = await this.doFetch(`${this.config.cmsUrl}${route.cmsPath}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTAKE_TOKEN_HEADER]: this.config.intake.token,
          [INTAKE_CLIENT_HEADER]: clientAddress(req, this.config.intake.trustProxy),
        },
        // the token's id travels so the CMS can refuse a second use of it (single-use, shared by every instance)
        body: JSON.stringify(fillToken ? { values, fillToken } : { values }),
        signal: AbortSignal.timeout(CMS_TIMEOUT_MS),
      });
      json = await answer.json().catch(() => null);
    } catch (err) {
      this.config.log(`intake ${route.form.id}: the CMS did not answer (${(err as Error).name})`);
      return this.showForm(res, route, 503, values, { _form: 'Hệ thống đang bận, chưa gửi được. Nội dung được giữ lại; vui lòng bấm gửi lại sau ít phút.' });
    }
    if (answer.ok) {
      const result = route.success(json, values);
      return this.showPage(res, result.page, result.marker, result.html, result.status ?? 200);
    }
    const errors: IntakeErrors = json?.errors && typeof json.errors === 'object' ? pickStrings(json.errors) : {};
    if (answer.status === 429) {
      const minutes = Math.max(1, Math.ceil(Number(json?.retryAfterSeconds ?? 60) / 60));
      res.setHeader('retry-after', String(minutes * 60));
      return this.showForm(res, route, 429, values, {
        _form: errors._form ?? `Anh/chị đã gửi quá nhiều lần. Vui lòng thử lại sau khoảng ${minutes} phút; nội dung được giữ lại bên dưới.`,
      });
    }
    if (answer.status === 422 || answer.status === 409 || answer.status === 404)
      return this.showForm(res, route, answer.status, values, errors._form || Object.keys(errors).length ? errors : { _form: 'Thông tin chưa hợp lệ.' });
    this.config.log(`intake ${route.form.id}: the CMS answered ${answer.status}`);
    return this.showForm(res, route, 503, values, { _form: 'Hệ thống đang bận, chưa gửi được. Nội dung được giữ lại; vui lòng bấm gửi lại sau ít phút.' });
  }

  /** The form's built page with the form rendered again (fresh token, values, errors). */
  private async showForm(res: ServerResponse, route: IntakeRoute, status: number, values: IntakeValues, errors: IntakeErrors, head = false): Promise<void> {
    const page = await this.readPage(route.form.action);
    if (page === null) return unavailable(res);
    const token = this.config.intake.formSecret ? issueFillToken(this.config.intake.formSecret, route.form.id) : '';
    const html = renderIntakeForm(route.form, { values, errors, token, options: readOptionsComment(page, route.form.id) });
    const out = replaceBetweenMarkers(page, route.form.id, html);
    if (out === null) return unavailable(res);
    send(res, status, out, head);
  }

  private async showPage(res: ServerResponse, pagePath: string, marker: string, html: string, status: number): Promise<void> {
    const page = await this.readPage(pagePath);
    const out = page === null ? null : replaceBetweenMarkers(page, marker, html);
    if (out === null) return unavailable(res);
    send(res, status, out);
  }

  private async readPage(sitePath: string): Promise<string | null> {
    const root = this.webRoot();
    if (!root) return null;
    const parts = sitePath.split('/').filter(Boolean);
    if (parts.some((p) => p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) return null;
    const file = path.join(root, ...parts, 'index.html');
    if (!file.startsWith(root + path.sep)) return null;
    return readFile(file, 'utf8').catch(() => null);
  }
}

/**
 * The id of a checked fill-time token the CMS records to refuse its replay: `<issuedMs>.<nonce>`
 * (the mac is left out — it proves nothing to the CMS, which trusts the publisher's intake token),
 * and the instant it would expire anyway (issued + `maxFillMs`, ISO 8601 UTC), after which the
 * CMS may forget it.
 */
export function fillTokenId(token: string, maxFillMs: number): { id: string; expiresAt: string } {
  const [issued = '0', nonce = ''] = token.split('.');
  return { id: `${issued}.${nonce}`, expiresAt: new Date(Number(issued) + maxFillMs).toISOString() };
}

/**
 * Whether a POST comes from another site's page (red-team F3): the browser's `Sec-Fetch-Site`
 * says anything but `same-origin` (or `none`, typed by the user), or, from a browser that sends
 * no fetch metadata, an `Origin` whose host is not the request's `Host`. A request with neither
 * header (old browsers, scripts) is not cross-site by this test — the fill-time token and the
 * rate limits still apply to it.
 */
export function crossSite(req: IncomingMessage): boolean {
  const site = String(req.headers['sec-fetch-site'] ?? '').toLowerCase();
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(String(origin)).host.toLowerCase() !== String(req.headers.host ?? '').toLowerCase();
  } catch {
    return true; // "null" (a sandboxed or privacy-stripped page) and anything unparsable
  }
}

/**
 * The citizen's network address: the socket's peer, or with `trustProxy` the last address the
 * province's reverse proxy appended to `X-Forwarded-For`.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (xff.length) return xff[xff.length - 1]!;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function pickStrings(o: Record<string, unknown>): IntakeErrors {
  const out: IntakeErrors = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string') out[k] = v;
  return out;
}

function send(res: ServerResponse, status: number, html: string, head = false): void {
  const data = Buffer.from(html, 'utf8');
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': data.length, 'cache-control': 'no-store' });
  res.end(head ? undefined : data);
}

function unavailable(res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '10', 'cache-control': 'no-store' });
  res.end(
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đang xây dựng</title><p>Trang này đang được xây dựng, vui lòng thử lại sau ít phút.</p></html>',
  );
}

/** Reads a body, rejecting (and stopping to read) past `limit` bytes. */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new Error('too large'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      // past the limit: stop reading (red-team F4) — the answer is sent and the connection closed
      over = true;
      req.pause();
      reject(new Error('too large'));
    });
    req.on('end', () => (over ? undefined : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
