import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api/problem';

interface DetailBoundaryProps<T> {
  /** The record the page shows (a case, a task sheet, ...). */
  query: UseQueryResult<T, Error>;
  /** What the page says when there is no such record (404). */
  notFound: string;
  /** The page itself, once the record is there. */
  children: (data: T) => ReactNode;
}

/**
 * What every console detail page shows before its record is there: "loading", the page's own
 * "not found" for a 404, or why it could not be read; each failure with a button to try
 * again. Then the page, given the record.
 */
export function DetailBoundary<T>({ query, notFound, children }: DetailBoundaryProps<T>) {
  const { t } = useTranslation('common');
  if (query.isPending) return <Typography.Text>{t('status.loading')}</Typography.Text>;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Alert
        type="error"
        showIcon
        title={missing ? notFound : t('status.loadFailed')}
        description={missing ? undefined : query.error.message}
        action={<Button onClick={() => void query.refetch()}>{t('actions.retry')}</Button>}
      />
    );
  }
  return <>{children(query.data)}</>;
}
