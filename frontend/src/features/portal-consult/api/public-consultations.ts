/**
 * The public side of consultations (咨询与预约), without an account: the window's open slots
 * and sending a question or an appointment request.
 */
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';

export type ConsultationRequest = JsonBody<'/api/v1/public/{tenant}/consultations', 'post'>;
export type ConsultationReceipt = JsonOk<'/api/v1/public/{tenant}/consultations', 'post'>;

export const publicConsultKeys = {
  all: ['public-consultations'] as const,
  slots: (tenant: string) => [...publicConsultKeys.all, 'slots', tenant] as const,
};

/** GET /api/v1/public/{tenant}/consultations/slots */
export const consultationSlotsQueryOptions = (tenant: string) =>
  queryOptions({
    queryKey: publicConsultKeys.slots(tenant),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/public/{tenant}/consultations/slots', { params: { path: { tenant } }, signal })),
    staleTime: 60_000,
  });

export function useConsultationSlots(tenant: string, enabled: boolean) {
  return useQuery({ ...consultationSlotsQueryOptions(tenant), enabled });
}

/** POST /api/v1/public/{tenant}/consultations: answers the reference to quote. */
export function useSubmitConsultation(tenant: string) {
  return useMutation({
    mutationFn: (body: ConsultationRequest) =>
      unwrap(api.POST('/api/v1/public/{tenant}/consultations', { params: { path: { tenant } }, body })),
  });
}
