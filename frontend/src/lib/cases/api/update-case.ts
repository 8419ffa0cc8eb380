import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody } from '@/lib/api/types';
import { invalidateCaseWork } from './case-commands';
import { ifMatch } from '../types';
import { caseKeys } from '@/lib/query-keys';

export type CasePatch = JsonBody<'/api/v1/cases/{id}', 'patch'>;

export interface UpdateCaseInput {
  id: string;
  /** The version the user edited (`If-Match`): a change by someone else meanwhile answers 412. */
  version: number;
  body: CasePatch;
}

/** PATCH /api/v1/cases/{id}: changes a draft application; absent fields stay as they are. */
export function useUpdateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: UpdateCaseInput) =>
      unwrap(api.PATCH('/api/v1/cases/{id}', { params: { path: { id }, header: { 'If-Match': ifMatch(version) } }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      void invalidateCaseWork(queryClient);
    },
  });
}
