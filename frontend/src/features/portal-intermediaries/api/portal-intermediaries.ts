import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';

export type EngagementOut = JsonOk<'/api/v1/cases/{case_id}/intermediaries', 'get'>[number];
export type EligibleAgencyOut = JsonOk<'/api/v1/cases/{case_id}/items/{item_id}/intermediaries', 'get'>[number];
export type ChoiceIn = JsonBody<'/api/v1/cases/{case_id}/items/{item_id}/intermediaries', 'post'>;
export type RatingIn = JsonBody<'/api/v1/cases/{case_id}/intermediaries/{id}/rating', 'post'>;

const keys = {
  engagements: (caseId: string) => ['portal-intermediaries', 'engagements', caseId] as const,
  eligible: (caseId: string, itemId: string) => ['portal-intermediaries', 'eligible', caseId, itemId] as const,
};

/** The case's engagements of agencies. */
export function useEngagements(caseId: string | undefined) {
  return useQuery({
    queryKey: keys.engagements(caseId ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{case_id}/intermediaries', { params: { path: { case_id: caseId ?? '' } }, signal })),
    enabled: Boolean(caseId),
  });
}

/** The agencies offered for one plan item (read when the enterprise opens the list). */
export function useEligibleAgencies(caseId: string, itemId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.eligible(caseId, itemId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/cases/{case_id}/items/{item_id}/intermediaries', {
          params: { path: { case_id: caseId, item_id: itemId } },
          signal,
        }),
      ),
    enabled,
  });
}

/** The enterprise's choice for a plan item. */
export function useChoose(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: ChoiceIn }) =>
      unwrap(
        api.POST('/api/v1/cases/{case_id}/items/{item_id}/intermediaries', {
          params: { path: { case_id: caseId, item_id: itemId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.engagements(caseId) }),
  });
}

/** The enterprise's rating of a delivered engagement. */
export function useRate(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: RatingIn }) =>
      unwrap(
        api.POST('/api/v1/cases/{case_id}/intermediaries/{id}/rating', {
          params: { path: { case_id: caseId, id }, header: { 'If-Match': `"${version}"` } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.engagements(caseId) }),
  });
}
