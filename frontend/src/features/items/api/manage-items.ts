/**
 * Managing the catalog (事项管理): an item's versions, creating an item, starting a new
 * version, editing a draft (with its revision as `If-Match`), discarding it, publishing it and
 * retiring a published version. Every change reads the catalog again.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { ItemStatus, Schema } from '@/lib/api/types';
import { ifMatch } from '@/lib/cases/types';
import { itemKeys } from '@/lib/query-keys';

export type ItemVersion = Schema<'ItemOut'>;
export type ItemIn = Schema<'ItemIn'>;
export type MaterialIn = Schema<'MaterialIn'>;
export type { ItemStatus };

/** GET /api/v1/items/{id}/versions — newest first. */
export const itemVersionsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: itemKeys.versions(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/items/{id}/versions', { params: { path: { id } }, signal })),
  });

export function useItemVersions(id: string | undefined) {
  return useQuery({ ...itemVersionsQueryOptions(id ?? ''), enabled: Boolean(id) });
}

function useCatalogMutation<A, R>(call: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: itemKeys.all }),
  });
}

/** POST /api/v1/items — version 1 of a new code, as a draft. */
export function useCreateItem() {
  return useCatalogMutation((body: ItemIn) => unwrap(api.POST('/api/v1/items', { body })));
}

/** POST /api/v1/items/{id}/versions — a draft copied from the version in force. */
export function useNewItemVersion() {
  return useCatalogMutation((id: string) =>
    unwrap(api.POST('/api/v1/items/{id}/versions', { params: { path: { id } } })),
  );
}

/** PUT /api/v1/items/{id} — a change by someone else meanwhile answers 412. */
export function useUpdateItem() {
  return useCatalogMutation(({ id, revision, body }: { id: string; revision: number; body: ItemIn }) =>
    unwrap(api.PUT('/api/v1/items/{id}', { params: { path: { id }, header: { 'If-Match': ifMatch(revision) } }, body })),
  );
}

/** DELETE /api/v1/items/{id} — throws a draft away. */
export function useDiscardItem() {
  return useCatalogMutation((id: string) => unwrap(api.DELETE('/api/v1/items/{id}', { params: { path: { id } } })));
}

/** POST /api/v1/items/{id}/publish — in force from today; the version it replaces retires. */
export function usePublishItem() {
  return useCatalogMutation((id: string) =>
    unwrap(api.POST('/api/v1/items/{id}/publish', { params: { path: { id } }, body: {} })),
  );
}

/** POST /api/v1/items/{id}/retire — the item leaves the catalog in force. */
export function useRetireItem() {
  return useCatalogMutation((id: string) => unwrap(api.POST('/api/v1/items/{id}/retire', { params: { path: { id } } })));
}

/** The fields of a version as the editor sends them back. */
export function itemInOf(item: ItemVersion): ItemIn {
  return {
    code: item.code,
    name: item.name,
    department_id: item.department.id,
    stage: item.stage,
    legal_basis: item.legal_basis ?? null,
    legal_limit: item.legal_limit?.text ?? null,
    promised_limit: item.promised_limit?.text ?? null,
    allows_tolerance: item.allows_tolerance,
    allows_commitment: item.allows_commitment,
    max_extension_days: item.max_extension_days ?? null,
    legal_fees: item.legal_fees ?? null,
    fee_basis: item.fee_basis ?? null,
    result_name: item.result_name ?? null,
    acceptance_conditions: item.acceptance_conditions ?? null,
    intermediary_services: item.intermediary_services ?? null,
    process: item.process ?? null,
    consultation_phone: item.consultation_phone ?? null,
    complaint_phone: item.complaint_phone ?? null,
    supervision_phone: item.supervision_phone ?? null,
    source: item.source ?? null,
    source_note: item.source_note ?? null,
    materials: item.materials.map((m) => ({
      name: m.name,
      required: m.required,
      may_be_missing: m.may_be_missing,
      sample: m.sample ?? null,
      note: m.note ?? null,
    })),
  };
}
