/**
 * Consultations and appointments for the window (咨询与预约): the list (mobiles masked), one in
 * full, its actions (answer, confirm a time, close, turn into an application), and the open
 * slots of the county's office hours to confirm from.
 */
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk, PageItem } from '@/lib/api/types';
import { ifMatch } from '@/lib/cases/types';
import { caseKeys } from '@/lib/query-keys';
import { consultationKeys, type ConsultationFilters } from './query-keys';

export type ConsultationSummary = PageItem<'/api/v1/consultations'>;
export type Consultation = JsonOk<'/api/v1/consultations/{id}', 'get'>;
export type ConvertBody = JsonBody<'/api/v1/consultations/{id}/convert', 'post'>;

const PAGE_SIZE = 50;

/** GET /api/v1/consultations with the filters, newest first. */
export const consultationPagesQueryOptions = (filters: ConsultationFilters) =>
  infiniteQueryOptions({
    queryKey: consultationKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/consultations', {
          params: { query: { ...filters, limit: PAGE_SIZE, ...cursorParam(pageParam) } },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useConsultationPages(filters: ConsultationFilters) {
  return useInfiniteQuery(consultationPagesQueryOptions(filters));
}

/** GET /api/v1/consultations/{id} */
export const consultationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: consultationKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/consultations/{id}', { params: { path: { id } }, signal })),
  });

export function useConsultation(id: string | null) {
  return useQuery({ ...consultationQueryOptions(id ?? ''), enabled: Boolean(id) });
}

/** The window's open slots (the public endpoint of the caller's county). */
export function useOpenSlots(tenant: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: consultationKeys.slots(tenant ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/public/{tenant}/consultations/slots', { params: { path: { tenant: tenant ?? '' } }, signal })),
    enabled: enabled && Boolean(tenant),
    staleTime: 60_000,
  });
}

export type ConsultationCommand =
  | { action: 'answer'; body: JsonBody<'/api/v1/consultations/{id}/answer', 'post'> }
  | { action: 'confirm'; body: JsonBody<'/api/v1/consultations/{id}/confirm', 'post'> }
  | { action: 'close'; body: JsonBody<'/api/v1/consultations/{id}/close', 'post'> };

/** Answers, confirms or closes the consultation at the version read; resolves it as it is now. */
export function useConsultationCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, command }: { id: string; version: number; command: ConsultationCommand }) => {
      const params = { path: { id }, header: { 'If-Match': ifMatch(version) } };
      switch (command.action) {
        case 'answer':
          return unwrap(api.POST('/api/v1/consultations/{id}/answer', { params, body: command.body }));
        case 'confirm':
          return unwrap(api.POST('/api/v1/consultations/{id}/confirm', { params, body: command.body }));
        case 'close':
          return unwrap(api.POST('/api/v1/consultations/{id}/close', { params, body: command.body }));
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consultationKeys.all }),
  });
}

/** POST …/convert: the draft case made from the consultation. */
export function useConvertConsultation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: ConvertBody }) =>
      unwrap(
        api.POST('/api/v1/consultations/{id}/convert', {
          params: { path: { id }, header: { 'If-Match': ifMatch(version) } },
          body,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: consultationKeys.all });
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}
