import { Alert, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface QueueRowsProps<T> {
  /** The queue's title, naming its table for screen readers. */
  label: string;
  rows: readonly T[];
  columns: ColumnsType<T>;
  loading: boolean;
  error?: Error | null;
  /** More rows wait beyond those shown. */
  more: boolean;
  /** The full list, when there is a page for it. */
  viewAll?: string;
}

/** A queue's body on the home page: how many wait, the first rows, and the way to the rest. */
export function QueueRows<T extends { id: string }>({ label, rows, columns, loading, error, more, viewAll }: QueueRowsProps<T>) {
  const { t } = useTranslation(['console', 'common']);
  return (
    <>
      {error && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={error.message} />}
      <Typography.Paragraph className="queue-count">
        {loading
          ? t('common:status.loading')
          : rows.length === 0
            ? t('console:queues.empty')
            : t('console:queues.count', { count: rows.length })}
        {more && ` ${t('console:queues.more')}`}
      </Typography.Paragraph>
      {rows.length > 0 && (
        <Table<T>
          size="small"
          rowKey="id"
          aria-label={label}
          columns={columns}
          dataSource={rows as T[]}
          pagination={false}
          locale={{ emptyText: t('console:queues.empty') }}
        />
      )}
      {viewAll && (more || rows.length > 0) && (
        <div className="queue-footer">
          <Link to={viewAll}>{t('console:queues.viewAll')}</Link>
        </div>
      )}
    </>
  );
}
