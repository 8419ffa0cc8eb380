import { Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MeetingActionsTable } from '@/components/console/meetings/meeting-actions-table';
import { useMe } from '@/lib/auth/me';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDateTime } from '@/lib/format/date';
import { useMeetings, type MeetingOut } from '@/lib/meetings/api';
import { MEETING_STATES, type MeetingState } from '@/lib/meetings/codes';
import type { MeetingFilters } from '@/lib/meetings/query-keys';
import { ConveneModal } from './convene-modal';
import { MeetingDrawer } from './meeting-drawer';

/**
 * 联席会议: the meetings (department roles: those their department attends), the office's
 * convene form, one meeting in a drawer (agenda, attendees, minutes, decisions and actions),
 * and the follow-up actions with their overdue marks.
 */
export function MeetingsPage() {
  const { t } = useTranslation(['meetings', 'common']);
  const { data: me } = useMe();
  const [filters, setFilters] = useState<MeetingFilters>({});
  const [params, setParams] = useSearchParams();
  const [convening, setConvening] = useState(false);
  const list = useMeetings(filters);
  const departmentName = useDepartmentName();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const openId = params.get('open');
  const setOpen = (id: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('open', id);
        else next.delete('open');
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <title>{`${t('meetings:title')} - ${t('common:appName')}`}</title>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} className="page-title">
          {t('meetings:title')}
        </Typography.Title>
        {me?.role === 'office' && (
          <Button type="primary" onClick={() => setConvening(true)}>
            {t('meetings:convene')}
          </Button>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 16 }} aria-label={t('meetings:filters')} role="group">
        <Select<MeetingState | ''>
          aria-label={t('meetings:columns.state')}
          style={{ minWidth: 160 }}
          value={filters.state ?? ''}
          onChange={(state) => setFilters({ ...filters, state: state || undefined })}
          options={[{ value: '', label: t('meetings:allStates') }, ...MEETING_STATES.map((s) => ({ value: s, label: t(`meetings:states.${s}`) }))]}
        />
      </Space>
      <Table<MeetingOut>
        rowKey="id"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('meetings:empty')} /> }}
        columns={[
          {
            title: t('meetings:columns.title'),
            dataIndex: 'title',
            render: (value: string, row) => (
              <Button type="link" onClick={() => setOpen(row.id)}>
                {value}
              </Button>
            ),
          },
          { title: t('meetings:columns.kind'), dataIndex: 'kind', render: (k: MeetingOut['kind']) => t(`meetings:kinds.${k}`) },
          { title: t('meetings:columns.scheduledAt'), dataIndex: 'scheduled_at', render: (d: string) => formatDateTime(d) },
          { title: t('meetings:columns.place'), dataIndex: 'place' },
          {
            title: t('meetings:columns.attendees'),
            dataIndex: 'attendees',
            render: (a: MeetingOut['attendees']) => a.map((x) => departmentName(x.department_id)).join('、'),
          },
          { title: t('meetings:columns.state'), dataIndex: 'state', render: (s: MeetingState) => <Tag>{t(`meetings:states.${s}`)}</Tag> },
        ]}
      />
      {list.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('meetings:more')}
        </Button>
      )}
      <MeetingActionsTable heading={t('meetings:actionList.title')} />
      <ConveneModal open={convening} onClose={() => setConvening(false)} onConvened={(id) => setOpen(id)} />
      <MeetingDrawer id={openId} onClose={() => setOpen(null)} />
    </>
  );
}
