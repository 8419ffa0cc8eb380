import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk, PageItem } from '@/lib/api/types';
import { intermediaryKeys } from './query-keys';

export type AgencyOut = PageItem<'/api/v1/intermediaries/agencies'>;
export type EngagementOut = JsonOk<'/api/v1/cases/{case_id}/intermediaries', 'get'>[number];
export type AgencyIn = JsonBody<'/api/v1/intermediaries/agencies', 'post'>;
export type QualificationIn = JsonBody<'/api/v1/intermediaries/agencies/{id}/qualifications', 'post'>;
export type AgencyServiceIn = JsonBody<'/api/v1/intermediaries/agencies/{id}/services', 'post'>;
export type AgencyStatusIn = JsonBody<'/api/v1/intermediaries/agencies/{id}/status', 'post'>;
export type DeliveryIn = JsonBody<'/api/v1/cases/{case_id}/intermediaries/{id}/delivery', 'post'>;

/** GET /api/v1/intermediaries/agencies: the county's agencies (a county keeps a few dozen). */
export function useAgencies() {
  return useQuery({
    queryKey: intermediaryKeys.agencies(),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/intermediaries/agencies', { params: { query: { limit: 200 } }, signal })).then((p) => p.items),
  });
}

export type AgencyCommand =
  | { command: 'create'; body: AgencyIn }
  | { command: 'qualification'; id: string; body: QualificationIn }
  | { command: 'service'; id: string; body: AgencyServiceIn }
  | { command: 'status'; id: string; version: number; body: AgencyStatusIn };

function send(c: AgencyCommand) {
  switch (c.command) {
    case 'create':
      return unwrap(api.POST('/api/v1/intermediaries/agencies', { body: c.body }));
    case 'qualification':
      return unwrap(api.POST('/api/v1/intermediaries/agencies/{id}/qualifications', { params: { path: { id: c.id } }, body: c.body }));
    case 'service':
      return unwrap(api.POST('/api/v1/intermediaries/agencies/{id}/services', { params: { path: { id: c.id } }, body: c.body }));
    case 'status':
      return unwrap(
        api.POST('/api/v1/intermediaries/agencies/{id}/status', {
          params: { path: { id: c.id }, header: { 'If-Match': `"${c.version}"` } },
          body: c.body,
        }),
      );
  }
}

/** The office's and the admin's changes to agencies; the list is read again. */
export function useAgencyCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intermediaryKeys.agencies() }),
  });
}

/** GET /api/v1/cases/{case_id}/intermediaries: the case's engagements, oldest choice first. */
export function useCaseEngagements(caseId: string | undefined) {
  return useQuery({
    queryKey: intermediaryKeys.engagements(caseId ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{case_id}/intermediaries', { params: { path: { case_id: caseId ?? '' } }, signal })),
    enabled: Boolean(caseId),
  });
}

/** Records an agency's delivery and result (the office or the case's lead agent). */
export function useRecordDelivery(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: DeliveryIn }) =>
      unwrap(
        api.POST('/api/v1/cases/{case_id}/intermediaries/{id}/delivery', {
          params: { path: { case_id: caseId, id }, header: { 'If-Match': `"${version}"` } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: intermediaryKeys.engagements(caseId) }),
  });
}
