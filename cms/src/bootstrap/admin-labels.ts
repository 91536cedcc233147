/**
 * Vietnamese labels and help texts for every field in the admin panel's edit and list views
 * (Strapi content-manager configuration), the list columns, the main field shown in relations
 * and the default sort. Applied at every boot (idempotent; only labels, list columns, main field
 * and sort are overwritten — the edit layout an administrator arranged is kept).
 * Terms follow docs/glossary.md.
 */
import { CONSULTATION_COMMENT_UID, CONTENT_TYPES } from '@cong/shared';

export type Label = string | [label: string, description: string];

/** Vietnamese label (and help text) of each field name; also names fields in validation errors (lib/input-rules.ts). */
export const FIELD_LABELS: Record<string, Label> = {
  name: 'Tên',
  shortName: 'Tên viết tắt',
  slug: ['Đường dẫn (slug)', 'Chỉ gồm chữ không dấu, số và dấu gạch ngang; để trống để tạo tự động từ tên'],
  kind: 'Loại',
  parent: 'Đơn vị cấp trên',
  contact: 'Thông tin liên hệ',
  leader: 'Lãnh đạo đơn vị',
  updateSchedule: ['Lịch cập nhật', 'Điều 2.3: Thứ Hai, Thứ Tư, Thứ Sáu hằng tuần; Đài PT-TH và Báo Lào Cai cập nhật hằng ngày'],
  pilotEService: ['Đơn vị thí điểm dịch vụ công', 'Điều 2.1.3 Quyết định 07/2006/QĐ-UBND'],
  adminUnitCode: ['Mã đơn vị hành chính', 'Mã theo Danh mục đơn vị hành chính Việt Nam (huyện, thị xã, thành phố)'],
  introduction: 'Giới thiệu chung',
  organisationStructure: 'Cơ cấu tổ chức',
  orgChart: 'Sơ đồ bộ máy',
  functionsAndDuties: 'Chức năng, nhiệm vụ',
  developmentPlanning: 'Quy hoạch phát triển',
  naturalSocialConditions: 'Điều kiện tự nhiên - xã hội',
  socioEconomicOrientation: 'Định hướng phát triển kinh tế - xã hội',
  adminUnits: ['Đơn vị hành chính trực thuộc', 'Danh sách xã, phường, thị trấn (dữ liệu JSON)'],
  sortOrder: ['Thứ tự hiển thị', 'Số nhỏ hiển thị trước'],
  articles: 'Tin tức, thông báo',
  legalDocuments: 'Văn bản pháp quy',
  procedures: 'Thủ tục hành chính',
  eServices: 'Dịch vụ công trực tuyến',
  investmentProjects: 'Dự án kêu gọi đầu tư',
  questions: 'Hỏi đáp',
  editorialState: ['Trạng thái biên tập', 'Bản nháp → Chờ duyệt → Đã duyệt → Đã đăng; do quy trình biên tập cập nhật'],
  title: 'Tiêu đề',
  scope: 'Phạm vi tin',
  summary: ['Tóm tắt (sapo)', 'Một đến ba câu giới thiệu nội dung'],
  body: 'Nội dung',
  cover: 'Ảnh đại diện',
  coverAlt: ['Mô tả ảnh', 'Văn bản thay thế cho người khiếm thị'],
  agency: 'Cơ quan, đơn vị',
  author: ['Tác giả', 'Tác giả được hưởng nhuận bút khi tin, bài được đăng (Điều 3.4)'],
  source: 'Nguồn',
  sourceUrl: 'Địa chỉ nguồn (URL)',
  language: 'Ngôn ngữ',
  eventDate: 'Ngày diễn ra sự kiện',
  documentNumber: ['Số ký hiệu', 'Dạng Số/Năm/Loại-Cơ quan, ví dụ 07/2006/QĐ-UBND'],
  documentType: 'Loại văn bản',
  issuingBody: 'Cơ quan ban hành',
  signer: 'Người ký',
  issuedDate: 'Ngày ban hành',
  effectiveDate: ['Ngày hiệu lực', 'Không được trước ngày ban hành'],
  expiryDate: 'Ngày hết hiệu lực',
  validityStatus: 'Tình trạng hiệu lực',
  abstract: 'Trích yếu',
  field: 'Lĩnh vực',
  attachments: 'Tệp đính kèm',
  replaces: 'Thay thế văn bản',
  replacedBy: 'Bị thay thế bởi',
  amends: 'Sửa đổi, bổ sung văn bản',
  amendedBy: 'Được sửa đổi, bổ sung bởi',
  isPolicy: ['Văn bản chính sách', 'Hiển thị trong khối "Chủ trương, chính sách" trên trang chủ'],
  note: 'Ghi chú',
  procedureCode: ['Mã thủ tục', 'Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính'],
  level: 'Mức độ dịch vụ công',
  executingAgency: 'Cơ quan thực hiện',
  steps: 'Trình tự thực hiện',
  stepsText: ['Trình tự thực hiện (văn bản gốc)', 'Nội dung nguyên văn khi chưa tách được từng bước'],
  submissionMethods: 'Cách thức thực hiện',
  dossierComponents: 'Thành phần hồ sơ',
  dossierQuantity: 'Số lượng hồ sơ',
  processingTime: 'Thời hạn giải quyết',
  applicants: 'Đối tượng thực hiện',
  result: 'Kết quả thực hiện',
  fees: ['Phí, lệ phí', 'Số tiền tính bằng đồng (VND), số nguyên không âm'],
  feesText: 'Phí, lệ phí (văn bản gốc)',
  requirements: 'Yêu cầu, điều kiện',
  legalBasis: 'Căn cứ pháp lý',
  legalBasisText: 'Căn cứ pháp lý (văn bản gốc)',
  code: 'Mã dịch vụ',
  procedure: 'Thủ tục hành chính',
  serviceLevel: 'Mức độ',
  url: 'Địa chỉ dịch vụ (URL)',
  registrationStatus: ['Trạng thái đăng ký', 'Đơn vị đăng ký → Hội đồng biên tập duyệt → thí điểm → cung cấp chính thức (Điều 2.1.3)'],
  description: 'Mô tả',
  sector: 'Ngành, lĩnh vực',
  location: 'Địa điểm',
  capitalVnd: ['Tổng vốn đầu tư (đồng)', 'Số nguyên, đơn vị đồng (VND)'],
  projectStatus: 'Tình trạng dự án',
  askerName: ['Người hỏi', 'Tên hiển thị công khai (câu hỏi gửi qua Cổng: tên viết tắt, ví dụ Nguyễn V. A.)'],
  askerFullName: ['Họ tên đầy đủ người hỏi', 'Không công khai'],
  askerEmail: ['Thư điện tử người hỏi', 'Không công khai'],
  askerPhone: ['Điện thoại người hỏi', 'Không công khai'],
  askerContact: ['Liên hệ người hỏi (cũ)', 'Không công khai; dữ liệu cũ, đã chuyển sang thư điện tử/điện thoại'],
  consentToPublish: ['Đồng ý công khai', 'Người hỏi đồng ý công khai câu hỏi và trả lời (tên viết tắt); không đồng ý thì không hiện trên Cổng'],
  statusReason: ['Lý do chuyển / từ chối', 'Không công khai; người hỏi xem được khi tra cứu'],
  receivedAt: 'Thời điểm tiếp nhận',
  dueAt: ['Hạn trả lời', 'Thời điểm tiếp nhận + số ngày làm việc (mặc định 15)'],
  trackingCode: ['Mã theo dõi', 'Người hỏi dùng để tra cứu'],
  trackingSecretHash: ['Mã bí mật (băm)', 'Chỉ lưu bản băm'],
  dedupKey: ['Khoá chống trùng', 'Tự động'],
  subject: 'Tiêu đề câu hỏi',
  answerStatus: 'Tình trạng trả lời',
  answer: 'Trả lời',
  answeredBy: 'Người trả lời',
  answeredAt: 'Thời điểm trả lời',
  opensAt: ['Bắt đầu lấy ý kiến', 'Ngày giờ Việt Nam; từ lúc này biểu mẫu góp ý hiện trên trang và trang được tạo lại tự động'],
  closesAt: ['Kết thúc lấy ý kiến', 'Ngày giờ Việt Nam; sau lúc này trang ghi "đã hết hạn", không nhận góp ý, và được tạo lại tự động'],
  resultSummary: [
    'Tổng hợp, giải trình ý kiến',
    'Sau khi hết hạn: ý kiến đã nhận được và việc tiếp thu, giải trình (Luật Tiếp cận thông tin 2016, Điều 17.1.c)',
  ],
  comments: 'Ý kiến góp ý',
  consultation: 'Dự thảo được góp ý',
  authorName: 'Người góp ý',
  organisation: 'Cơ quan, tổ chức',
  authorEmail: ['Thư điện tử người góp ý', 'Không công khai'],
  authorPhone: ['Điện thoại người góp ý', 'Không công khai'],
  moderationStatus: ['Trạng thái kiểm duyệt', 'Chọn "Đã duyệt" để hiển thị công khai trên trang dự thảo; "Không hiển thị" để ẩn'],
  moderationNote: ['Ghi chú kiểm duyệt', 'Không công khai'],
  moderatedAt: 'Thời điểm kiểm duyệt',
  moderatedBy: 'Người kiểm duyệt',
  path: 'Trang',
  score: 'Đánh giá',
  comment: 'Góp ý thêm',
  agencyDocumentId: 'Mã đơn vị',
  overview: 'Tổng quan',
  naturalConditions: 'Điều kiện tự nhiên',
  economy: 'Kinh tế - xã hội',
  areaKm2: 'Diện tích (km²)',
  population: 'Dân số (người)',
  adminUnitsDate: 'Dữ liệu đơn vị hành chính tính đến',
  welcome: 'Lời giới thiệu',
  featuredArticles: 'Tin nổi bật',
  featuredDocuments: 'Văn bản nổi bật',
  sectionOrder: 'Thứ tự các khối',
  hotline: 'Đường dây nóng',
  // components
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  fax: 'Fax',
  email: 'Thư điện tử',
  website: 'Trang thông tin',
  order: 'Bước số',
  method: 'Hình thức',
  originals: 'Số bản chính',
  copies: 'Số bản sao',
  formTemplate: 'Mẫu đơn, tờ khai',
  formTemplateName: 'Tên mẫu đơn, tờ khai',
  amountVnd: 'Số tiền (đồng)',
  value: 'Số lượng',
  unit: 'Đơn vị',
  text: 'Ghi chú nguyên văn',
  createdAt: 'Ngày tạo',
  updatedAt: 'Ngày cập nhật',
  publishedAt: 'Ngày đăng',
  createdBy: 'Người tạo',
  updatedBy: 'Người cập nhật',
  documentId: 'Mã tài liệu',
  id: 'ID',
};

/** List columns, main field (shown in relation pickers) and default sort per content type (the registry's `adminList`). */
const LIST_VIEWS: Record<string, { main: string; list: readonly string[]; sort: readonly [string, 'ASC' | 'DESC'] }> = {
  ...Object.fromEntries(
    CONTENT_TYPES.flatMap((t) => ('adminList' in t ? [[t.uid, { main: t.adminList.main, list: t.adminList.columns, sort: t.adminList.sort }]] : [])),
  ),
  // comments on consultations: the moderation queue, newest first
  [CONSULTATION_COMMENT_UID]: {
    main: 'authorName',
    list: ['authorName', 'consultation', 'agency', 'moderationStatus', 'receivedAt'],
    sort: ['receivedAt', 'DESC'],
  },
};

function applyLabels(metadatas: Record<string, any>): void {
  for (const [field, meta] of Object.entries(metadatas ?? {})) {
    const label = FIELD_LABELS[field];
    if (!label) continue;
    const [text, description] = Array.isArray(label) ? label : [label, undefined];
    meta.edit = { ...meta.edit, label: text, ...(description ? { description } : {}) };
    meta.list = { ...meta.list, label: text };
  }
}

export async function applyAdminLabels(strapi: any): Promise<void> {
  const cm = strapi.plugin('content-manager');
  const ctService = cm.service('content-types');
  for (const uid of Object.keys(strapi.contentTypes).filter((u) => u.startsWith('api::'))) {
    const ct = ctService.findContentType(uid);
    const conf = await ctService.findConfiguration(ct);
    applyLabels(conf.metadatas);
    const view = LIST_VIEWS[uid];
    if (view) {
      conf.layouts.list = view.list.filter((f) => conf.metadatas[f]);
      conf.settings = { ...conf.settings, mainField: view.main, defaultSortBy: view.sort[0], defaultSortOrder: view.sort[1], pageSize: 20 };
    }
    await ctService.updateConfiguration(ct, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
  }
  const compService = cm.service('components');
  for (const uid of Object.keys(strapi.components)) {
    const comp = strapi.components[uid];
    const conf = await compService.findConfiguration(comp);
    applyLabels(conf.metadatas);
    await compService.updateConfiguration(comp, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
  }
}
