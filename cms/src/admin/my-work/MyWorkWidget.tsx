/**
 * "Việc của tôi" — the admin homepage widget (issue 11, item 6; ADR 0017): items returned to me,
 * items waiting for my review or approval, questions overdue and due this week, and my agency's
 * update days this week (R-2.5 Mon/Wed/Fri, R-2.6 daily for the press) with whether each was met.
 * Data from GET /cong-my-work (cms/src/my-work), which the server scopes to the account's role and
 * agency. Dates in Asia/Ho_Chi_Minh through @cong/shared.
 */
import * as React from 'react';
import { Link } from 'react-router-dom';
import { formatDate, type UpdateWeekDay } from '@cong/shared';
import { Widget, useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { MyWork, MyWorkGroup as Group, MyWorkItem as Item, MyWorkQuestion as Question } from '../../my-work/types';

const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const ADMIN = '/admin';

const Section = ({ title, count, testId, children }: { title: string; count: number | string; testId: string; children: React.ReactNode }) => (
  <Box tag="section" paddingBottom={4} data-testid={testId}>
    <Flex gap={2} paddingBottom={2}>
      <Typography variant="delta" tag="h3">
        {title}
      </Typography>
      <Badge>{count}</Badge>
    </Flex>
    {children}
  </Box>
);

const Empty = ({ children }: { children: string }) => (
  <Typography variant="pi" textColor="neutral600">
    {children}
  </Typography>
);

const More = ({ group }: { group: Group<unknown> }) =>
  group.total > group.items.length ? (
    <Typography variant="pi" textColor="neutral600">
      … và {group.total - group.items.length} mục khác
    </Typography>
  ) : null;

const ItemList = ({ group, empty }: { group: Group<Item>; empty: string }) =>
  group.items.length ? (
    <Box tag="ul">
      {group.items.map((i) => (
        <Box tag="li" key={`${i.uid}:${i.documentId}`} paddingBottom={2}>
          <Link to={`${ADMIN}${i.path}`}>
            <Typography fontWeight="semiBold">{i.title}</Typography>
          </Link>
          <Typography variant="pi" textColor="neutral600" tag="div">
            {i.kindLabel}
            {i.agencyName ? ` · ${i.agencyName}` : ''} · {i.stateLabel} · cập nhật {formatDate(i.updatedAt)}
          </Typography>
          {i.reason ? (
            <Typography variant="pi" tag="div">
              Lý do trả lại: {i.reason}
            </Typography>
          ) : null}
        </Box>
      ))}
      <More group={group} />
    </Box>
  ) : (
    <Empty>{empty}</Empty>
  );

const QuestionList = ({ group, empty }: { group: Group<Question>; empty: string }) =>
  group.items.length ? (
    <Box tag="ul">
      {group.items.map((q) => (
        <Box tag="li" key={q.documentId} paddingBottom={2}>
          <Link to={`${ADMIN}${q.path}`}>
            <Typography fontWeight="semiBold">{q.subject}</Typography>
          </Link>
          <Typography variant="pi" textColor={q.overdue ? 'danger600' : 'neutral600'} tag="div">
            {q.agencyName ? `${q.agencyName} · ` : ''}
            {q.overdue ? 'Quá hạn từ' : 'Hạn trả lời'} {formatDate(q.dueAt)}
          </Typography>
        </Box>
      ))}
      <More group={group} />
    </Box>
  ) : (
    <Empty>{empty}</Empty>
  );

const dayStatus = (d: UpdateWeekDay): { text: string; variant: 'success' | 'danger' | 'secondary' | 'neutral' } => {
  if (!d.required) return d.met ? { text: 'Có cập nhật', variant: 'success' } : { text: 'Không bắt buộc', variant: 'neutral' };
  if (d.met) return { text: 'Đã cập nhật', variant: 'success' };
  if (d.future) return { text: 'Chưa đến', variant: 'secondary' };
  return { text: 'Chưa cập nhật', variant: 'danger' };
};

const Schedule = ({ schedule, today }: { schedule: NonNullable<MyWork['schedule']>; today: string }) => (
  <Box>
    <Typography variant="pi" textColor="neutral600" tag="p">
      Lịch cập nhật: {schedule.label} (Quyết định 07/2006/QĐ-UBND, Điều 2.3)
    </Typography>
    <Box tag="ul" paddingTop={1}>
      {schedule.days
        .filter((d) => d.required || d.met)
        .map((d) => {
          const s = dayStatus(d);
          return (
            <Flex tag="li" key={d.date} gap={2} paddingBottom={1} data-day={d.date} data-met={d.met ? 'true' : 'false'}>
              <Typography fontWeight={d.date === today ? 'bold' : undefined}>
                {WEEKDAYS[d.weekday - 1]} {formatDate(d.date)}
              </Typography>
              <Badge variant={s.variant}>{s.text}</Badge>
            </Flex>
          );
        })}
    </Box>
  </Box>
);

/** The widget's body (the homepage draws its frame and title). */
const MyWorkWidget = () => {
  const { get } = useFetchClient();
  const [data, setData] = React.useState<MyWork | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    get('/cong-my-work')
      .then((r: any) => setData(r.data.data))
      .catch((e: any) => setError(e?.response?.data?.error?.message ?? 'Không tải được việc của tôi'));
  }, []);
  if (error) return <Widget.Error>{error}</Widget.Error>;
  if (!data) return <Widget.Loading>Đang tải việc của tôi…</Widget.Loading>;
  return (
    <Box data-testid="cong-my-work">
      <Typography variant="pi" textColor="neutral600" tag="p">
        {data.roleLabels.join(', ') || 'Chưa có vai trò biên tập'}
        {data.agency ? ` · ${data.agency.name}` : ''} · hôm nay {formatDate(data.today)}
      </Typography>
      <Box paddingTop={3}>
        <Section title="Bị trả lại cho tôi" count={data.returned.total} testId="cong-my-work-returned">
          <ItemList group={data.returned} empty="Không có nội dung nào bị trả lại." />
        </Section>
        {data.waiting ? (
          <Section title={data.waiting.label} count={data.waiting.total} testId="cong-my-work-waiting">
            <ItemList group={data.waiting} empty="Không có nội dung nào đang chờ." />
          </Section>
        ) : null}
        {data.questions ? (
          <>
            <Section title="Câu hỏi quá hạn trả lời" count={data.questions.overdue.total} testId="cong-my-work-overdue">
              <QuestionList group={data.questions.overdue} empty="Không có câu hỏi nào quá hạn." />
            </Section>
            <Section title="Câu hỏi đến hạn trong tuần này" count={data.questions.dueThisWeek.total} testId="cong-my-work-due">
              <QuestionList group={data.questions.dueThisWeek} empty="Không có câu hỏi nào đến hạn trong tuần." />
            </Section>
          </>
        ) : null}
        {data.schedule ? (
          <Section title="Lịch cập nhật tuần này" count={data.schedule.days.filter((d) => d.required && d.met).length} testId="cong-my-work-schedule">
            <Schedule schedule={data.schedule} today={data.today} />
          </Section>
        ) : null}
      </Box>
    </Box>
  );
};

export default MyWorkWidget;
