import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { feeKeys } from './query-keys';

export type CaseFees = JsonOk<'/api/v1/cases/{id}/legal-fees', 'get'>;
export type SheetFees = JsonOk<'/api/v1/tasks/{id}/legal-fees', 'get'>;
export type LegalFeeIn = JsonBody<'/api/v1/tasks/{id}/legal-fees', 'post'>;

/** GET /api/v1/cases/{id}/legal-fees: the service's fee (0) and the legal fees per sheet. */
export function useCaseFees(caseId: string) {
  return useQuery({
    queryKey: feeKeys.case(caseId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/legal-fees', { params: { path: { id: caseId } }, signal })),
  });
}

/** GET /api/v1/tasks/{id}/legal-fees: one sheet's fees. */
export function useTaskFees(taskId: string) {
  return useQuery({
    queryKey: feeKeys.task(taskId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/tasks/{id}/legal-fees', { params: { path: { id: taskId } }, signal })),
  });
}

/** POST /api/v1/tasks/{id}/legal-fees; the sheet's and every case's fees are read again. */
export function useRecordFee(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LegalFeeIn) =>
      unwrap(api.POST('/api/v1/tasks/{id}/legal-fees', { params: { path: { id: taskId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feeKeys.all }),
  });
}
