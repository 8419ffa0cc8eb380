import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/lib/auth/me';
import { formatDateTime } from '@/lib/format/date';
import { useMeetings } from '@/lib/meetings/api';
import { MEETING_READERS } from './meeting-readers';

/** The joint meetings that discussed a case, for the case page (roles that read meetings). */
export function CaseMeetings({ caseId }: { caseId: string }) {
  const { t } = useTranslation('meetings');
  const { data: me } = useMe();
  const reads = Boolean(me && MEETING_READERS.includes(me.role));
  const list = useMeetings({ case_id: caseId }, reads);
  if (!reads) return null;
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card size="small" title={<Typography.Title level={2} className="section-title" style={{ margin: 0 }}>{t('caseMeetings.title')}</Typography.Title>} style={{ marginTop: 24 }}>
      {rows.length === 0 && !list.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseMeetings.empty')} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={rows}
          renderItem={(m) => (
            <List.Item key={m.id}>
              <Space orientation="vertical" size={0}>
                <Link to={`/console/meetings?open=${m.id}`}>{m.title}</Link>
                <Typography.Text type="secondary">
                  {t(`kinds.${m.kind}`)} · {formatDateTime(m.scheduled_at)}
                </Typography.Text>
              </Space>
              <Tag>{t(`states.${m.state}`)}</Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
