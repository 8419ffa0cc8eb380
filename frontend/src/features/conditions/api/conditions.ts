import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import type { JsonBody, PageItem } from '@/lib/api/types';
import { caseKeys, enterpriseKeys } from '@/lib/query-keys';
import { conditionKeys, type ConditionFilters } from './query-keys';

export type ConditionOut = PageItem<'/api/v1/conditions'>;
export type ConditionIn = JsonBody<'/api/v1/conditions', 'post'>;
export type ImportReport = components['schemas']['ConditionImportOut'];

/** GET /api/v1/conditions: pages of 50, newest first. */
export function useConditions(filters: ConditionFilters) {
  return useInfiniteQuery({
    queryKey: conditionKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/conditions', {
          params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** After a change: the lists, and the cases whose pages show conditions. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: conditionKeys.all }),
      queryClient.invalidateQueries({ queryKey: caseKeys.all }),
      queryClient.invalidateQueries({ queryKey: enterpriseKeys.all }),
    ]);
}

/** POST /api/v1/conditions. */
export function useAddCondition() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ConditionIn) => unwrap(api.POST('/api/v1/conditions', { body })),
    onSuccess: () => refresh(),
  });
}

/** POST /api/v1/conditions/{id}/lift. */
export function useLiftCondition() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/conditions/{id}/lift', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => refresh(),
  });
}

/** POST /api/v1/conditions/import — the credit platform's list as `multipart/form-data`. */
export function useImportConditions() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap(
        api.POST('/api/v1/conditions/import', {
          params: { query: { dry_run: dryRun } },
          body: form as unknown as { file: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      );
    },
    onSuccess: (report) => (report.dry_run ? undefined : refresh()),
  });
}
