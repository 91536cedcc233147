/**
 * Brotli and gzip copies of a release's text files, written once when the release is written
 * (`page.html` → `page.html.br`, `page.html.gz`), so serving never compresses per request:
 * static.ts (and the nginx configuration of docs/reverse-proxy.md, `brotli_static` /
 * `gzip_static`) send the copy the client accepts (issue 13, point 7).
 *
 * Brotli: quality 11 for the shared, long-cached assets (`_astro/`: ~20 % smaller than gzip -9,
 * ~35 ms a file), quality 5 for pages and the rest (measured on the seed site's 400 pages: 8 %
 * smaller than gzip -9 in 0.5 s, where quality 11 takes 14 s — 7 min for a full build of 12,000
 * pages). A file byte-identical to the one at the same path in
 * the previous release reuses that release's copies (hard link, else copy): an incremental
 * publish compresses only the pages that changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** File names worth compressing (text); the fonts and images are compressed already. */
export const COMPRESSIBLE = /\.(?:html|css|js|mjs|json|xml|svg|txt|webmanifest)$/i;
/** Files smaller than this (bytes) are sent as they are: the saving does not pay for the encoding header. */
export const MIN_BYTES = 1024;

/** What {@link precompressTree} did. */
export interface PrecompressResult {
  /** files given copies */
  files: number;
  /** of those, files whose copies came from the previous release */
  reused: number;
  /** total bytes of the originals / of their brotli copies / of their gzip copies */
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
  ms: number;
}

function* walk(dir: string, rel = ''): Generator<string> {
  for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    // dot files and folders (`.search/`) are never served
    if (d.name.startsWith('.')) continue;
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) {
      // the on-demand server part of a release is code, not served files
      if (!(rel === '' && d.name === 'server')) yield* walk(dir, r);
    } else if (d.isFile() && COMPRESSIBLE.test(d.name)) yield r;
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/**
 * The brotli and gzip copies of one file's bytes (`rel` is its path in the release, which sets
 * brotli's quality: 11 under `_astro/`, 5 elsewhere); a copy is null when the file is smaller
 * than {@link MIN_BYTES}, not compressible by name, or the copy would not be smaller.
 */
export function compressCopies(rel: string, body: Buffer): { br: Buffer | null; gz: Buffer | null } {
  if (!COMPRESSIBLE.test(rel) || body.length < MIN_BYTES) return { br: null, gz: null };
  const br = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: rel.startsWith('_astro/') || rel.startsWith('client/_astro/') ? 11 : 5,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gz = zlib.gzipSync(body, { level: 9 });
  return { br: br.length < body.length ? br : null, gz: gz.length < body.length ? gz : null };
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of `dir` of at least
 * {@link MIN_BYTES} (a copy is kept only when smaller than the original). `previous` is the
 * folder of the release before (same layout), whose copies are reused for identical files.
 * Synchronous (a release is written by one build at a time); throws on I/O errors.
 */
export function precompressTree(dir: string, previous?: string | null): PrecompressResult {
  const t0 = Date.now();
  const out: PrecompressResult = { files: 0, reused: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0, ms: 0 };
  for (const rel of walk(dir)) {
    const file = path.join(dir, rel);
    const body = fs.readFileSync(file);
    if (body.length < MIN_BYTES) continue;
    out.files++;
    out.bytes += body.length;
    if (previous) {
      const prev = path.join(previous, rel);
      try {
        if (fs.statSync(prev).size === body.length && fs.readFileSync(prev).equals(body)) {
          let reused = 0;
          for (const ext of ['.br', '.gz']) {
            if (fs.existsSync(prev + ext)) {
              linkOrCopy(prev + ext, file + ext);
              const size = fs.statSync(file + ext).size;
              if (ext === '.br') out.brotliBytes += size;
              else out.gzipBytes += size;
              reused++;
            }
          }
          if (reused) {
            out.reused++;
            continue;
          }
        }
      } catch {
        /* no such file in the previous release: compress */
      }
    }
    const { br, gz } = compressCopies(rel, body);
    if (br) {
      fs.writeFileSync(file + '.br', br);
      out.brotliBytes += br.length;
    }
    if (gz) {
      fs.writeFileSync(file + '.gz', gz);
      out.gzipBytes += gz.length;
    }
  }
  out.ms = Date.now() - t0;
  return out;
}
