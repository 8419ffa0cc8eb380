import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CursorPage } from '@/lib/api/cursor-pages';
import { LoadFailed } from './load-failed';

export interface CursorTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  /** The list, page by page (`useInfiniteQuery` with `cursorPaging`). */
  query: UseInfiniteQueryResult<InfiniteData<CursorPage<T>, unknown>, Error>;
}

/**
 * A console list read page by page with the API's cursor: the rows of every page read so far,
 * "load more" while there is a next page, and why the list could not be read, with a retry.
 * Each page gives its columns and its query; the rest of the table's props pass through.
 */
export function CursorTable<T extends object>({ query, locale, ...table }: CursorTableProps<T>) {
  const { t } = useTranslation('common');
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      <Table<T>
        rowKey="id"
        {...table}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        locale={{ emptyText: t('status.empty'), ...locale }}
      />
      {query.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('actions.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
