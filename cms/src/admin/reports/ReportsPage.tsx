/**
 * "Báo cáo" page of the admin panel: the monthly compliance record of each unit and the
 * royalty ledger and the "Thông tin này có hữu ích không?" ratings (issue 11 item 4) for a chosen month, with CSV downloads for the Committee's office and the
 * Emulation Council. Data from the CMS admin API /cong-reports (server enforces who sees what).
 */
import * as React from 'react';
import { formatDate, todayInVietnam } from '@cong/shared';
import { Page, Layouts, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Tabs, Table, Tbody, Td, Th, Thead, Tr, Typography, TextInput } from '@strapi/design-system';
import { RatingsTab } from './RatingsTab';

type ComplianceRow = {
  agencyDocumentId: string;
  agencyName: string;
  schedule: 'monWedFri' | 'daily';
  requiredDays: number;
  metDays: number;
  missedDays: string[];
  rate: number;
  itemsPublished: number;
  /** citizens' questions (issue 11): received in the month, answered on time, overdue */
  questions?: { received: number; answeredOnTime: number; overdue: number };
};
type RoyaltyLine = { author: string; itemKind: string; itemTitle: string; agencyName: string; publishedAt: string; amountVnd: number };

const SCHEDULE: Record<string, string> = { monWedFri: 'Thứ Hai, Tư, Sáu', daily: 'Hằng ngày' };
const KIND: Record<string, string> = {
  news: 'Tin tức',
  announcement: 'Thông báo',
  legalDocument: 'Văn bản',
  administrativeProcedure: 'Thủ tục',
  investmentProject: 'Dự án',
  question: 'Hỏi đáp',
};
const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;
/** A day as the whole portal shows it (DD/MM/YYYY, Vietnam time). */
const day = (iso: string) => formatDate(iso);
/** This month in Vietnam, YYYY-MM. */
const thisMonth = () => todayInVietnam().slice(0, 7);

const ReportsPage = () => {
  const { get } = useFetchClient();
  const [month, setMonth] = React.useState(thisMonth());
  const [rows, setRows] = React.useState<ComplianceRow[]>([]);
  const [ledger, setLedger] = React.useState<{ lines: RoyaltyLine[]; totalVnd: number; withoutAuthor: unknown[] }>({
    lines: [],
    totalVnd: 0,
    withoutAuthor: [],
  });
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return;
    setError(null);
    Promise.all([get(`/cong-reports/compliance?month=${month}`), get(`/cong-reports/royalties?month=${month}`)])
      .then(([c, r]: any[]) => {
        setRows(c.data.data.rows);
        setLedger(r.data.data);
      })
      .catch((e: any) => setError(e?.response?.data?.error?.message ?? e?.message ?? 'Không tải được báo cáo'));
  }, [month]);

  const download = async (kind: 'compliance' | 'royalties') => {
    const res: any = await get(`/cong-reports/${kind}?month=${month}&format=csv`, { responseType: 'blob' } as any);
    const url = URL.createObjectURL(res.data);
    const a = document.createElement('a');
    a.href = url;
    a.download = kind === 'compliance' ? `bao-cao-cung-cap-thong-tin-${month}.csv` : `so-nhuan-but-${month}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Page.Main>
      <Page.Title>Báo cáo</Page.Title>
      <Layouts.Header
        title="Báo cáo cung cấp thông tin và nhuận bút"
        subtitle="Điều 3.7 và Điều 3.4 Quyết định 07/2006/QĐ-UBND — số liệu từ nhật ký biên tập"
        primaryAction={
          <Field.Root name="month" hint="Dạng YYYY-MM">
            <Field.Label>Tháng báo cáo</Field.Label>
            <TextInput value={month} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMonth(e.target.value)} aria-label="Tháng báo cáo" />
          </Field.Root>
        }
      />
      <Layouts.Content>
        {error ? (
          <Box padding={4} background="danger100" hasRadius>
            <Typography textColor="danger700">{error}</Typography>
          </Box>
        ) : null}
        <Tabs.Root defaultValue="compliance">
          <Tabs.List aria-label="Loại báo cáo">
            <Tabs.Trigger value="compliance">Cung cấp thông tin (thi đua)</Tabs.Trigger>
            <Tabs.Trigger value="royalties">Sổ nhuận bút</Tabs.Trigger>
            <Tabs.Trigger value="ratings">Đánh giá thông tin</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="compliance">
            <Box paddingTop={4} paddingBottom={4}>
              <Flex justifyContent="space-between">
                <Typography variant="omega">Ngày phải cập nhật: Thứ Hai, Thứ Tư, Thứ Sáu (Đài PT-TH, Báo Lào Cai: hằng ngày), tính đến hôm nay.</Typography>
                <Button onClick={() => download('compliance')}>Tải CSV</Button>
              </Flex>
            </Box>
            <Table colCount={6} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">Đơn vị</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Lịch</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Đã cập nhật / phải cập nhật</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Tỷ lệ</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Tin, bài đã đăng</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Ngày chưa cập nhật</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Câu hỏi: nhận / đúng hạn / quá hạn</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((r) => (
                  <Tr key={r.agencyDocumentId}>
                    <Td>
                      <Typography>{r.agencyName}</Typography>
                    </Td>
                    <Td>
                      <Typography>{SCHEDULE[r.schedule] ?? r.schedule}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {r.metDays} / {r.requiredDays}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography textColor={r.rate < 0.5 ? 'danger600' : 'neutral800'}>{Math.round(r.rate * 100)}%</Typography>
                    </Td>
                    <Td>
                      <Typography>{r.itemsPublished}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {r.missedDays.length > 6 ? `${r.missedDays.length} ngày` : r.missedDays.map((d) => d.slice(8, 10) + '/' + d.slice(5, 7)).join(', ')}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography textColor={r.questions?.overdue ? 'danger600' : 'neutral800'}>
                        {r.questions ? `${r.questions.received} / ${r.questions.answeredOnTime} / ${r.questions.overdue}` : '—'}
                      </Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Tabs.Content>
          <Tabs.Content value="royalties">
            <Box paddingTop={4} paddingBottom={4}>
              <Flex justifyContent="space-between">
                <Typography variant="omega">
                  Tổng cộng: <b>{vnd(ledger.totalVnd)}</b> — {ledger.lines.length} tin, bài; {ledger.withoutAuthor.length} mục chưa ghi tác giả.
                </Typography>
                <Button onClick={() => download('royalties')}>Tải CSV</Button>
              </Flex>
            </Box>
            <Table colCount={5} rowCount={ledger.lines.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">Tác giả</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Tiêu đề</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Loại</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Ngày đăng</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Nhuận bút</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {ledger.lines.map((l, i) => (
                  <Tr key={i}>
                    <Td>
                      <Typography>{l.author}</Typography>
                    </Td>
                    <Td>
                      <Typography ellipsis>{l.itemTitle}</Typography>
                    </Td>
                    <Td>
                      <Typography>{KIND[l.itemKind] ?? l.itemKind}</Typography>
                    </Td>
                    <Td>
                      <Typography>{day(l.publishedAt)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{vnd(l.amountVnd)}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Tabs.Content>
          <Tabs.Content value="ratings">
            <RatingsTab month={month} />
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ReportsPage;
