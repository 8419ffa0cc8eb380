import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { PageItem } from '@/lib/api/types';
import { departmentKeys } from '@/lib/query-keys';

export type DepartmentOut = PageItem<'/api/v1/departments'>;

/** Every department of the county (a county has about twenty; pages of 200 until done). */
export const allDepartmentsQueryOptions = {
  queryKey: departmentKeys.every(),
  queryFn: async ({ signal }: { signal: AbortSignal }) => {
    const all: DepartmentOut[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result: { items: DepartmentOut[]; next_cursor?: string | null } = await unwrap(
        api.GET('/api/v1/departments', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
      );
      all.push(...result.items);
      cursor = result.next_cursor ?? null;
      if (!cursor) break;
    }
    return all;
  },
  staleTime: 10 * 60_000,
};

export function useAllDepartments() {
  return useQuery(allDepartmentsQueryOptions);
}

/** A lookup from department id to its short name (`自然资源局`), `—` while unknown. */
export function useDepartmentName(): (id: string | null | undefined) => string {
  const { data } = useAllDepartments();
  return useCallback(
    (id) => (id ? (data?.find((d) => d.id === id)?.short_name ?? '—') : '—'),
    [data],
  );
}
