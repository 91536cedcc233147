/**
 * Content the browser tests of the public site need on top of the real seed data, so that every
 * page template shows real structures: a legal document with a field, an attachment and
 * replaces/amends relations, a citizen's question about "thủ tục đất đai", a project for an
 * "đô thị", an online service linked to a land procedure, and land procedures tied to the
 * Department of Natural Resources and Environment. Written published through the Document
 * Service, like the seed import (scripts/seed/import.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What {@link addSiteFixtures} created, for the tests to find the pages. */
export interface SiteFixtures {
  /** slug of the new decision with field, attachment, replaces and amends */
  documentSlug: string;
  /** slugs of the documents it replaces and amends */
  replacedSlug: string;
  amendedSlug: string;
  /** the attachment's file name */
  attachmentName: string;
  /** the question whose subject holds "thủ tục đất đai" */
  questionSlug: string;
  /** the project whose name holds "đô thị" */
  projectSlug: string;
  /** the procedure that has an online service, and the service's URL */
  procedureSlug: string;
  eServiceUrl: string;
  /** the agency the land procedures, the question and the service belong to */
  agencySlug: string;
  /** removes what cannot be rolled back with the database (the uploaded file) */
  cleanup(): Promise<void>;
}

const PUBLISHED = { editorialState: 'published' } as const;

/**
 * Adds the fixtures to a CMS into which the seed was imported with `includeOtherProvinces: true`
 * (it needs decision 297/1998/QĐ-UB, 462/QĐ-UB and procedure 1.012753).
 *
 * @throws {Error} when a seed entry it builds on is missing
 */
export async function addSiteFixtures(strapi: any): Promise<SiteFixtures> {
  const docs = (uid: string) => strapi.documents(uid);
  const one = async (uid: string, filters: Record<string, unknown>) => {
    const [hit] = await docs(uid).findMany({ filters, status: 'published', limit: 1 });
    if (!hit) throw new Error(`site fixtures: no ${uid} matching ${JSON.stringify(filters)}`);
    return hit;
  };

  const agency = await one('api::agency.agency', { slug: 'so-tai-nguyen-va-moi-truong' });
  const planning = await one('api::agency.agency', { slug: 'so-ke-hoach-va-dau-tu' });
  const decision = await one('api::legal-document.legal-document', { documentNumber: '07/2006/QĐ-UBND' });
  const replaced = await one('api::legal-document.legal-document', { documentNumber: '297/1998/QĐ-UB' });
  const amended = await one('api::legal-document.legal-document', { documentNumber: '462/QĐ-UB' });
  const procedure = await one('api::administrative-procedure.administrative-procedure', { procedureCode: '1.012753' });

  // the decision gets a field (the field facet); the land procedures their department
  await docs('api::legal-document.legal-document').update({
    documentId: decision.documentId,
    data: { field: 'Thông tin và Truyền thông' },
    status: 'published',
  });
  const land = await docs('api::administrative-procedure.administrative-procedure').findMany({
    filters: { field: 'Đất đai' },
    status: 'published',
  });
  for (const p of land) {
    await docs('api::administrative-procedure.administrative-procedure').update({
      documentId: p.documentId,
      data: { agency: agency.documentId },
      status: 'published',
    });
  }

  // an attachment: a small PDF through the upload plugin
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-fixture-'));
  const attachmentName = 'quyet-dinh-15-2024-qd-ubnd.pdf';
  const filepath = path.join(tmp, attachmentName);
  fs.writeFileSync(filepath, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const [file] = await strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: { fileInfo: { name: attachmentName, caption: 'Toàn văn quyết định' } },
      files: { filepath, originalFilename: attachmentName, mimetype: 'application/pdf', size: fs.statSync(filepath).size },
    });
  fs.rmSync(tmp, { recursive: true, force: true });

  const document = await docs('api::legal-document.legal-document').create({
    data: {
      ...PUBLISHED,
      documentNumber: '15/2024/QĐ-UBND',
      slug: '15-2024-qd-ubnd',
      documentType: 'decision',
      issuingBody: 'Ủy ban nhân dân tỉnh Lào Cai',
      signer: 'Nguyễn Văn A',
      issuedDate: '2024-05-10',
      effectiveDate: '2024-05-20',
      validityStatus: 'inForce',
      abstract: 'Quy định hạn mức giao đất ở tại đô thị và nông thôn trên địa bàn tỉnh Lào Cai',
      field: 'Đất đai',
      body: 'Điều 1. Phạm vi điều chỉnh\n\nQuyết định này quy định hạn mức giao đất ở tại đô thị và nông thôn.',
      attachments: [file.id],
      replaces: [replaced.documentId],
      amends: [amended.documentId],
      agency: agency.documentId,
    },
    status: 'published',
  });

  const question = await docs('api::question.question').create({
    data: {
      ...PUBLISHED,
      askerName: 'Nguyễn Thị Bình',
      subject: 'Hỏi về thủ tục đất đai khi tách thửa đất ở',
      slug: 'hoi-ve-thu-tuc-dat-dai-khi-tach-thua',
      body: 'Gia đình tôi muốn tách thửa đất ở tại phường Bắc Cường. Xin hỏi thủ tục đất đai cần những giấy tờ gì và mất bao lâu?',
      answerStatus: 'answered',
      answer: 'Hồ sơ gồm đơn đề nghị tách thửa và Giấy chứng nhận đã cấp. Thời hạn giải quyết là 15 ngày làm việc.',
      answeredBy: 'Sở Tài nguyên và Môi trường',
      answeredAt: '2026-03-02T02:00:00.000Z',
      agency: agency.documentId,
    },
    status: 'published',
  });

  const project = await docs('api::investment-project.investment-project').create({
    data: {
      ...PUBLISHED,
      name: 'Khu đô thị mới Bắc Lào Cai',
      slug: 'khu-do-thi-moi-bac-lao-cai',
      sector: 'Phát triển đô thị',
      location: 'Phường Bắc Cường, thành phố Lào Cai',
      capitalVnd: '1500000000000',
      projectStatus: 'calling',
      description: 'Dự án khu đô thị mới với nhà ở, trường học và công viên, diện tích khoảng 50 ha.',
      agency: planning.documentId,
    },
    status: 'published',
  });

  const eServiceUrl = 'https://dichvucong.laocai.gov.vn/dang-ky-dat-dai';
  await docs('api::e-service.e-service').create({
    data: {
      ...PUBLISHED,
      name: 'Đăng ký đất đai lần đầu trực tuyến',
      code: '1.012753',
      slug: 'dang-ky-dat-dai-lan-dau-truc-tuyen',
      serviceLevel: 'partial',
      url: eServiceUrl,
      registrationStatus: 'live',
      description: 'Nộp hồ sơ đăng ký đất đai qua mạng, nhận kết quả tại Trung tâm Phục vụ hành chính công.',
      procedure: procedure.documentId,
      agency: agency.documentId,
    },
    status: 'published',
  });

  return {
    documentSlug: document.slug,
    replacedSlug: replaced.slug,
    amendedSlug: amended.slug,
    attachmentName,
    questionSlug: question.slug,
    projectSlug: project.slug,
    procedureSlug: procedure.slug,
    eServiceUrl,
    agencySlug: agency.slug,
    async cleanup() {
      await strapi
        .plugin('upload')
        .service('upload')
        .remove(file)
        .catch(() => undefined);
    },
  };
}

/**
 * A published consultation (a draft document open for comment) of the Department of Planning
 * and Investment: open from 1 November 2026 to 1 January 2030, so its phase cannot change while
 * a test runs. For the renderer's completeness proof, whose registry loop needs an entry of
 * every collection type (tests/integration/renderer.test.ts).
 * @returns its slug
 */
export async function addConsultationFixture(strapi: any): Promise<{ slug: string }> {
  const [planning] = await strapi.documents('api::agency.agency').findMany({ filters: { slug: 'so-ke-hoach-va-dau-tu' }, status: 'published', limit: 1 });
  if (!planning) throw new Error('site fixtures: no agency so-ke-hoach-va-dau-tu');
  const created = await strapi.documents('api::consultation.consultation').create({
    data: {
      ...PUBLISHED,
      title: 'Dự thảo Nghị quyết quy định mức hỗ trợ đầu tư hạ tầng khu công nghiệp',
      summary: 'Lấy ý kiến nhân dân về dự thảo nghị quyết của Hội đồng nhân dân tỉnh.',
      body: '## Điều 1. Phạm vi điều chỉnh\n\nNghị quyết này quy định mức hỗ trợ đầu tư hạ tầng.',
      opensAt: '2026-11-01T01:00:00.000Z',
      closesAt: '2030-01-01T10:00:00.000Z',
      agency: planning.documentId,
    },
    status: 'published',
  });
  const published = await strapi.documents('api::consultation.consultation').findOne({ documentId: created.documentId, status: 'published' });
  return { slug: published.slug };
}
