/** The audit log (审计日志): the county's trail, filtered, newest first; its export as a workbook. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import type { FileAnswer } from '@/lib/api/download';
import { unwrap } from '@/lib/api/problem';
import type { PageItem, QueryOf } from '@/lib/api/types';

export type AuditEntry = PageItem<'/api/v1/audit-log'>;
export type AuditFilters = Omit<QueryOf<'/api/v1/audit-log', 'get'>, 'limit' | 'cursor'>;

const PAGE_SIZE = 50;

/** Query keys of the audit log (STYLE 25). */
export const auditLogKeys = {
  all: ['audit-log'] as const,
  pages: (filters: AuditFilters) => [...auditLogKeys.all, 'pages', filters] as const,
};

/** GET /api/v1/audit-log with the filters, newest first, 50 at a time. */
export const auditLogPagesQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditLogKeys.pages(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/audit-log', {
          params: { query: { ...filters, limit: PAGE_SIZE, ...cursorParam(pageParam) } },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useAuditLogPages(filters: AuditFilters) {
  return useInfiniteQuery(auditLogPagesQueryOptions(filters));
}

/** GET /api/v1/audit-log/export.xlsx with the same filters (the server records the export). */
export function fetchAuditLogWorkbook(filters: AuditFilters): Promise<FileAnswer> {
  return api.GET('/api/v1/audit-log/export.xlsx', { params: { query: filters }, parseAs: 'blob' });
}
