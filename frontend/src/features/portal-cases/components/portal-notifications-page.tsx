import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FileDownloadButton } from '@/components/file-download-button';
import { useMarkNotificationRead, useNotifications } from '@/lib/cases/api/notifications';
import type { Notification } from '@/lib/cases/types';
import { formatDateTime } from '@/lib/format/date';
import './portal-cases.css';

/**
 * The enterprise's notifications, newest first; opening one marks it read and goes to its
 * project. A result notice offers its approval document (批文) to download.
 */
export function PortalNotificationsPage() {
  const { t } = useTranslation(['portal', 'common', 'cases']);
  const query = useNotifications();
  const markRead = useMarkNotificationRead();
  const navigate = useNavigate();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = query.data?.pages[0]?.unread_count ?? 0;

  const open = async (n: Notification) => {
    if (!n.read_at) await markRead.mutateAsync(n.id).catch(() => undefined);
    if (n.case_id) void navigate(`/portal/cases/${n.case_id}`);
  };

  return (
    <>
      <title>{`${t('portal:notifications.title')} - ${t('common:appName')}`}</title>
      <h1 className="portal-page-title">{t('portal:notifications.title')}</h1>
      <p className="portal-lead">{t('portal:notifications.unread', { count: unread })}</p>
      {query.isPending && <p>{t('common:status.loading')}</p>}
      {query.isError && <div className="form-alert" role="alert"><p>{t('common:status.loadFailed')}</p></div>}
      {query.isSuccess && items.length === 0 && <p className="portal-muted">{t('portal:notifications.empty')}</p>}
      <ul className="notification-list">
        {items.map((n) => (
          <li key={n.id} className={n.read_at ? 'notification' : 'notification notification--unread'}>
            <button type="button" className="notification__button" onClick={() => void open(n)}>
              <span className="notification__title">
                {!n.read_at && <span className="notification__dot">{t('portal:notifications.unreadMark')}</span>}
                {n.title}
              </span>
              <span className="notification__time">{formatDateTime(n.created_at)}</span>
              <span className="notification__body">{n.body}</span>
            </button>
            {n.file_id && (
              <FileDownloadButton fileId={n.file_id} label={t('cases:materials.downloadResult')} />
            )}
          </li>
        ))}
      </ul>
      {query.hasNextPage && (
        <Button block onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common:actions.loadMore')}
        </Button>
      )}
    </>
  );
}
