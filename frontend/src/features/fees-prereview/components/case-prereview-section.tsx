import { Alert, Button, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDateTime } from '@/lib/format/date';
import { ApiError } from '@/lib/api/problem';
import { useCasePreReview, usePreReviewCommand, type Gap, type PreReview } from '../api/prereview';
import { OpinionForm } from './opinion-form';

type Opinion = PreReview['opinions'][number];

function GapList({ gaps, none }: { gaps: Gap[]; none: string }) {
  if (gaps.length === 0) return <Typography.Text type="secondary">{none}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={gaps}
      renderItem={(g) => (
        <List.Item>
          <Typography.Text strong>{g.material}</Typography.Text>：{g.problem}
          {g.note ? <Typography.Text type="secondary">（{g.note}）</Typography.Text> : null}
        </List.Item>
      )}
    />
  );
}

/**
 * The joint pre-review (联合预审) of the case before dispatch: the office opens it for the
 * plan's departments and closes it into one list of gaps per department; each department
 * records its own opinion here; the enterprise sees the consolidated list (一次性告知).
 */
export function CasePreReviewSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation(['fees', 'common']);
  const departmentName = useDepartmentName();
  const me = useMe();
  const query = useCasePreReview(caseId);
  const command = usePreReviewCommand(caseId);
  const [problem, setProblem] = useState<string[]>([]);
  const data = query.data;
  const review = data?.current ?? null;
  const allowed = Array.isArray(data?.allowed_actions) ? data.allowed_actions : [];
  if (!data || (!review && !allowed.includes('open'))) return null;

  const run = async (c: 'open' | 'close') => {
    setProblem([]);
    try {
      await command.mutateAsync({ command: c });
    } catch (error) {
      if (error instanceof ApiError && error.problem) {
        setProblem([error.problem.detail ?? error.problem.title, ...(error.problem.errors ?? []).map((e) => e.message)]);
      } else {
        setProblem([t('common:errors.network')]);
      }
    }
  };
  const own = me.data?.department?.id;
  const ownOpinion = review?.opinions.find((o) => o.department_id === own);
  return (
    <section aria-labelledby="case-prereview" className="case-section">
      <Typography.Title level={2} className="section-title" id="case-prereview">
        {t('fees:prereview.heading')}
      </Typography.Title>
      {problem.map((p) => (
        <Alert key={p} type="error" title={p} showIcon />
      ))}
      <Space wrap>
        {review && (
          <Tag color={review.state === 'open' ? 'processing' : 'success'}>{t(`fees:prereview.states.${review.state}`)}</Tag>
        )}
        {review && <Typography.Text type="secondary">{t('fees:prereview.openedAt', { at: formatDateTime(review.opened_at) })}</Typography.Text>}
        {allowed.includes('open') && (
          <Button onClick={() => void run('open')} loading={command.isPending}>
            {t('fees:prereview.open')}
          </Button>
        )}
        {allowed.includes('close') && (
          <Button type="primary" onClick={() => void run('close')} loading={command.isPending}>
            {t('fees:prereview.close')}
          </Button>
        )}
      </Space>
      {review?.state === 'open' && <Typography.Paragraph>{t('fees:prereview.waitsForDispatch')}</Typography.Paragraph>}
      {review && review.state === 'open' && review.departments.length > 0 && me.data?.role !== 'enterprise' && (
        <Table<{ department_id: string; opinion?: Opinion }>
          size="small"
          rowKey="department_id"
          pagination={false}
          aria-label={t('fees:prereview.opinions')}
          dataSource={review.departments.map((d) => ({ department_id: d, opinion: review.opinions.find((o) => o.department_id === d) }))}
          columns={[
            { key: 'department', title: t('fees:columns.department'), render: (_, r) => departmentName(r.department_id) },
            {
              key: 'opinion',
              title: t('fees:prereview.opinion'),
              render: (_, r) =>
                r.opinion ? <GapList gaps={r.opinion.gaps} none={t('fees:prereview.noGapsFound')} /> : <Tag>{t('fees:prereview.waiting')}</Tag>,
            },
          ]}
        />
      )}
      {review?.consolidated && (
        <>
          <Typography.Title level={3} className="section-title">
            {t('fees:prereview.consolidated')}
          </Typography.Title>
          <List
            dataSource={review.consolidated}
            renderItem={(d) => (
              <List.Item>
                <div>
                  <Typography.Text strong>{departmentName(d.department_id)}</Typography.Text>
                  <GapList gaps={d.gaps} none={t('fees:prereview.noGapsFound')} />
                </div>
              </List.Item>
            )}
          />
        </>
      )}
      {allowed.includes('give_opinion') && <OpinionForm key={ownOpinion?.id ?? 'new'} caseId={caseId} initial={ownOpinion?.gaps} />}
    </section>
  );
}
