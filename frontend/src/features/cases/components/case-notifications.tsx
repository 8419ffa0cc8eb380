import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '@/lib/cases/api/notifications';
import type { Case } from '@/lib/cases/types';
import { formatDateTime } from '@/lib/format/date';

/** What the enterprise was told: the one-time notification, each result notice, and the caller's own notices of the case. */
export function CaseNotifications({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console', 'cases']);
  const notifications = useNotifications();
  const mine = (notifications.data?.pages.flatMap((p) => p.items) ?? []).filter((n) => n.case_id === c.id);
  const notices = c.tasks.filter((task) => task.result_noticed_at);
  return (
    <>
      <section aria-labelledby="case-one-time" className="case-section">
        <Typography.Title level={3} className="subsection-title" id="case-one-time">
          {t('console:case.notifications.oneTime')}
        </Typography.Title>
        {c.notification_text ? (
          <pre className="notification-text">{c.notification_text}</pre>
        ) : (
          <Typography.Text type="secondary">{t('console:case.notifications.oneTimeNone')}</Typography.Text>
        )}
      </section>
      <section aria-labelledby="case-result-notices" className="case-section">
        <Typography.Title level={3} className="subsection-title" id="case-result-notices">
          {t('console:case.notifications.results')}
        </Typography.Title>
        {notices.length === 0 ? (
          <Typography.Text type="secondary">{t('console:case.notifications.resultsNone')}</Typography.Text>
        ) : (
          <ul className="task-list">
            {notices.map((task) => (
              <li key={task.id}>
                {task.item_name}：{t(`cases:outcomes.${task.outcome ?? 'approved'}`)} ·{' '}
                {t('console:task.noticed', {
                  channel: t(`cases:channels.${task.result_notice_channel ?? 'in_app'}`),
                  time: formatDateTime(task.result_noticed_at ?? ''),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="case-my-notifications" className="case-section">
        <Typography.Title level={3} className="subsection-title" id="case-my-notifications">
          {t('console:case.notifications.mine')}
        </Typography.Title>
        <List
          size="small"
          bordered
          loading={notifications.isPending}
          dataSource={mine}
          locale={{ emptyText: t('console:case.notifications.mineNone') }}
          renderItem={(n) => (
            <List.Item>
              <div>
                <div>
                  {!n.read_at && <Tag color="blue">{t('console:case.notifications.unread')}</Tag>}
                  <Typography.Text strong>{n.title}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatDateTime(n.created_at)}</Typography.Text>
                </div>
                <div className="notification-body">{n.body}</div>
              </div>
            </List.Item>
          )}
        />
      </section>
    </>
  );
}
