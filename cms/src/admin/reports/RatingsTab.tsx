/**
 * "Đánh giá thông tin" tab of the admin "Báo cáo" page (issue 11 item 4; Decree 224/2026/NĐ-CP,
 * Art. 10(3)(b)): the answers to "Thông tin này có hữu ích không?" of one month per agency and per
 * page — the count of each of the three answers, the share "useful" — and the latest optional
 * comments. Data from `GET /cong-reports/ratings` (cms/src/reports/ratings.ts): the server gives the
 * board, the council and the IT centre every agency and an agency's accounts their own only.
 */
import * as React from 'react';
import { RATING_SCORE_LABELS, formatDate, type RatingScore } from '@cong/shared';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';

type Tally = { total: number; useful: number; partly: number; notUseful: number; average: number | null };
type Line = Tally & { key: string; label: string; agencyDocumentId: string | null };
type Report = { month: string; total: Tally; byAgency: Line[]; byPage: Line[]; comments: { path: string; score: string; comment: string; date: string }[] };

/** Share of "useful" answers, as a Vietnamese percentage ("—" without answers). */
const share = (t: Tally) => (t.total ? `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format((t.useful / t.total) * 100)}%` : '—');

const Head = ({ first }: { first: string }) => (
  <Thead>
    <Tr>
      {[first, 'Số lượt', RATING_SCORE_LABELS.useful, RATING_SCORE_LABELS.partly, RATING_SCORE_LABELS.notUseful, 'Tỷ lệ hữu ích'].map((h) => (
        <Th key={h}>
          <Typography variant="sigma">{h}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);

const Row = ({ label, t }: { label: string; t: Tally }) => (
  <Tr>
    <Td>
      <Typography ellipsis>{label}</Typography>
    </Td>
    {[t.total, t.useful, t.partly, t.notUseful].map((n, i) => (
      <Td key={i}>
        <Typography>{n}</Typography>
      </Td>
    ))}
    <Td>
      <Typography textColor={t.total && t.useful / t.total < 0.5 ? 'danger600' : 'neutral800'}>{share(t)}</Typography>
    </Td>
  </Tr>
);

export const RatingsTab = ({ month }: { month: string }) => {
  const { get } = useFetchClient();
  const [report, setReport] = React.useState<Report | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return;
    setError(null);
    get(`/cong-reports/ratings?month=${month}`)
      .then((r: any) => setReport(r.data.data))
      .catch((e: any) => setError(e?.response?.data?.error?.message ?? e?.message ?? 'Không tải được báo cáo đánh giá'));
  }, [month]);

  const download = async () => {
    const res: any = await get(`/cong-reports/ratings?month=${month}&format=csv`, { responseType: 'blob' } as any);
    const url = URL.createObjectURL(res.data);
    const a = document.createElement('a');
    a.href = url;
    a.download = `danh-gia-thong-tin-${month}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  if (error)
    return (
      <Box padding={4} background="danger100" hasRadius>
        <Typography textColor="danger700">{error}</Typography>
      </Box>
    );
  if (!report) return <Typography>Đang tải…</Typography>;
  return (
    <Box>
      <Box paddingTop={4} paddingBottom={4}>
        <Flex justifyContent="space-between" gap={4}>
          <Typography variant="omega">
            Tháng {month.slice(5, 7)}/{month.slice(0, 4)}: <b>{report.total.total}</b> lượt đánh giá, tỷ lệ hữu ích <b>{share(report.total)}</b>. Đánh giá ẩn
            danh: không lưu địa chỉ IP, cookie hay tài khoản của người đánh giá.
          </Typography>
          <Button onClick={download}>Tải CSV</Button>
        </Flex>
      </Box>
      <Typography variant="delta" tag="h2">
        Theo cơ quan, đơn vị
      </Typography>
      <Table colCount={6} rowCount={report.byAgency.length + 1}>
        <Head first="Cơ quan, đơn vị" />
        <Tbody>
          {report.byAgency.map((l) => (
            <Row key={l.key} label={l.label} t={l} />
          ))}
        </Tbody>
      </Table>
      <Box paddingTop={6}>
        <Typography variant="delta" tag="h2">
          Theo trang
        </Typography>
      </Box>
      <Table colCount={6} rowCount={report.byPage.length + 1}>
        <Head first="Trang" />
        <Tbody>
          {report.byPage.map((l) => (
            <Row key={l.key} label={l.label} t={l} />
          ))}
        </Tbody>
      </Table>
      <Box paddingTop={6}>
        <Typography variant="delta" tag="h2">
          Góp ý mới nhất
        </Typography>
      </Box>
      {report.comments.length === 0 ? (
        <Typography>Chưa có góp ý kèm đánh giá trong tháng.</Typography>
      ) : (
        <Table colCount={4} rowCount={report.comments.length + 1}>
          <Thead>
            <Tr>
              {['Ngày', 'Trang', 'Đánh giá', 'Góp ý'].map((h) => (
                <Th key={h}>
                  <Typography variant="sigma">{h}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {report.comments.slice(0, 50).map((c, i) => (
              <Tr key={i}>
                <Td>
                  <Typography>{/^\d{4}-\d\d-\d\dT/.test(c.date) ? formatDate(c.date) : c.date}</Typography>
                </Td>
                <Td>
                  <Typography>{c.path}</Typography>
                </Td>
                <Td>
                  <Typography>{RATING_SCORE_LABELS[c.score as RatingScore] ?? c.score}</Typography>
                </Td>
                <Td>
                  <Typography>{c.comment}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Box>
  );
};
