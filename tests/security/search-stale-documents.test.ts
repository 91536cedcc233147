/**
 * Red-team (search, ADR 0018/0019): the publisher's search index is updated per content publish
 * (SearchIndex.update) and rebuilt per generation from documents a background worker reads from
 * the live release (derived.ts). Documents read BEFORE a publish that withdrew a page (or removed
 * text from one) were loaded AFTER it, with only the updates made during the load replayed: the
 * withdrawn page — title and text in the excerpts — came back into the public results until the
 * next generation (and for good after a restart that loaded an older generation).
 *
 * Real parts: the real derive worker on a real release folder, the real MiniSearch index.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DERIVED_SEARCH_DOCS, DerivedFiles } from '../../site/publisher/derived.js';
import { SearchIndex } from '../../site/publisher/search.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-search-stale-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function page(webRoot: string, url: string, title: string, text: string): void {
  const file = path.join(webRoot, url, 'index.html');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body><main data-search="Tin tức"><h1>${title}</h1><p>${text}</p></main></body></html>`,
  );
}

describe('search documents older than a publish never bring back what it withdrew', () => {
  it('a generation read before a withdrawal and an edit, loaded after them, shows neither the withdrawn page nor the removed text', async () => {
    const webRoot = path.join(tmp, 'release', 'client');
    page(webRoot, '/tin-tuc/thong-bao/', 'Thông báo lịch tiếp dân', 'Lịch tiếp công dân tháng 12. Liên hệ ông Nguyễn Văn Bí, điện thoại 0912345678.');
    page(webRoot, '/tin-tuc/quyet-dinh-nham/', 'Quyết định xử phạt hộ Hoàng Thị Mật', 'Quyết định đăng nhầm, chứa số căn cước 001234567890.');
    const search = new SearchIndex();
    const derived = new DerivedFiles(path.join(tmp, 'derived'), 'http://127.0.0.1:4321', () => {});
    // as publisher.ts wires it; the publishes below happen while the worker has read the release
    // and before its documents are loaded (at 15,000 pages the worker reads for about a minute)
    let publishedMeanwhile = false;
    derived.beforeSwitch = async (_id, dir, readSince) => {
      if (!publishedMeanwhile) {
        publishedMeanwhile = true;
        // the board withdraws the wrong decision and removes the phone number from the notice (renderer path, in place)
        fs.rmSync(path.join(webRoot, 'tin-tuc', 'quyet-dinh-nham'), { recursive: true });
        page(webRoot, '/tin-tuc/thong-bao/', 'Thông báo lịch tiếp dân', 'Lịch tiếp công dân tháng 12.');
        await search.update(webRoot, ['/tin-tuc/thong-bao/'], ['/tin-tuc/quyet-dinh-nham/']);
        expect(search.search('0912345678').total).toBe(0);
        expect(search.search('Hoàng Thị Mật').total).toBe(0);
      }
      await search.load(path.join(dir, DERIVED_SEARCH_DOCS), readSince);
    };
    derived.request('r1+1', webRoot);
    await derived.idle();
    expect(publishedMeanwhile).toBe(true);
    expect(search.status().source).toContain('r1+1');
    expect(search.search('thông báo').total).toBe(1);
    expect(search.search('Hoàng Thị Mật').total).toBe(0);
    expect(search.search('001234567890').total).toBe(0);
    expect(search.search('0912345678').total).toBe(0);
    const notice = search.search('tiếp công dân').hits[0];
    expect(notice.excerptHtml).not.toContain('0912345678');
    await derived.stop();
  });
});
