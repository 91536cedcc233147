/**
 * Red-team F16: the content API's `_q` (Strapi's full-text search parameter) must not search
 * private fields. Strapi searches every text column of a type, private ones included, so
 * `/api/questions?_q=<part of an email>` told which published question a citizen's contact
 * asked — letter by letter, the whole address, phone or tracking code — and
 * `/api/consultation-comments?_q=` the same of a commenter. Booted CMS, real REST API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCms, type BootedCms } from '../helpers/strapi';
import { call } from '../helpers/workflow';
import { UID } from '../helpers/uids';

const COMMENT = 'api::consultation-comment.consultation-comment';
const DB = process.env.TEST_DB ?? 'sqlite';
let cms: BootedCms;
let s: any;

beforeAll(async () => {
  cms = await bootCms();
  s = cms.strapi;
  const published = { publishedAt: new Date().toISOString(), editorialState: 'published' };
  // published rows written as the CMS's own steps would leave them (consent given, answered / approved)
  await s.db.query(UID.question).create({
    data: {
      documentId: 'qredteamf16question000001',
      subject: 'Hỏi về đất đai',
      slug: 'hoi-ve-dat-dai-x7k2qa',
      body: 'Nội dung câu hỏi',
      askerName: 'Nguyễn V. A.',
      askerFullName: 'Nguyễn Văn Anh',
      askerEmail: 'nguyenvananh.rieng@example.vn',
      askerPhone: '0912345678',
      trackingCode: 'HD-2026-K7QX9M',
      answerStatus: 'answered',
      answer: 'Trả lời',
      consentToPublish: true,
      ...published,
    },
  });
  await s.db.query(COMMENT).create({
    data: {
      documentId: 'credteamf16comment0000001',
      authorName: 'Trần Thị Bình',
      authorEmail: 'tranthibinh.rieng@example.vn',
      authorPhone: '0987654321',
      body: 'Góp ý về dự thảo',
      moderationStatus: 'approved',
      ...published,
    },
  });
}, 600_000);

afterAll(async () => {
  await cms?.stop();
});

const total = (r: { body: any }) => r.body?.meta?.pagination?.total;

describe(`_q on the content API reads public fields only (${DB})`, () => {
  it("a question's private fields (contact, full name, tracking code) are not searchable; its public text is", async () => {
    for (const q of ['nguyenvananh.rieng', 'example.vn', '0912345678', 'Văn Anh', 'HD-2026-K7QX9M', 'K7QX']) {
      const r = await call(cms.url, null, 'GET', `/api/questions?_q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(total(r), q).toBe(0);
    }
    const hit = await call(cms.url, null, 'GET', `/api/questions?_q=${encodeURIComponent('đất đai')}`);
    expect(hit.status).toBe(200);
    expect(total(hit)).toBe(1);
    // with other filters too
    const both = await call(cms.url, null, 'GET', `/api/questions?_q=${encodeURIComponent('rieng')}&filters[subject][$containsi]=${encodeURIComponent('đất')}`);
    expect(total(both)).toBe(0);
  });

  it("a commenter's contact is not searchable; the comment's text is", async () => {
    for (const q of ['tranthibinh.rieng', '0987654321']) {
      const r = await call(cms.url, null, 'GET', `/api/consultation-comments?_q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(total(r), q).toBe(0);
    }
    const hit = await call(cms.url, null, 'GET', `/api/consultation-comments?_q=${encodeURIComponent('Góp ý')}`);
    expect(hit.status).toBe(200);
    expect(total(hit)).toBe(1);
  });
});
