/**
 * The materials checklist (申请材料清单) of a case: reading it, giving a material (uploading a
 * file, with progress, or reusing a version the enterprise gave before — 一次提交、多次复用),
 * the department's decision (accept, or 补正 naming why), and the approval document (批文)
 * attached to an approved sheet. Every mutation invalidates what it changed, by key.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { upload, type UploadProgress } from '@/lib/api/upload';
import { caseKeys, enterpriseKeys, notificationKeys, taskKeys } from '@/lib/query-keys';

export type Checklist = JsonOk<'/api/v1/cases/{case_id}/materials', 'get'>;
export type ChecklistItem = Checklist['items'][number];
export type ChecklistMaterial = ChecklistItem['materials'][number];
export type MaterialVersion = ChecklistMaterial['candidates'][number];
export type StoredFile = MaterialVersion['file'];
export type MaterialLibrary = JsonOk<'/api/v1/enterprises/{id}/materials', 'get'>;
export type MaterialDecisionIn = JsonBody<'/api/v1/cases/{case_id}/items/{item_id}/materials/{position}/decision', 'post'>;
export type ResultDocument = JsonOk<'/api/v1/tasks/{id}/documents', 'post'>;

/** One material of one plan item: the `{case_id}/{item_id}/{position}` of its routes. */
export interface MaterialRef {
  caseId: string;
  itemId: string;
  position: number;
}

const materialPath = ({ caseId, itemId, position }: MaterialRef) => ({ case_id: caseId, item_id: itemId, position });

/** GET /api/v1/cases/{case_id}/materials. */
export const checklistQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.materials(caseId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{case_id}/materials', { params: { path: { case_id: caseId } }, signal })),
  });

export function useChecklist(caseId: string, enabled = true) {
  return useQuery({ ...checklistQueryOptions(caseId), enabled });
}

/** GET /api/v1/enterprises/{id}/materials: the enterprise's materials, every version. */
export function useMaterialLibrary(enterpriseId: string | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.materials(enterpriseId ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/enterprises/{id}/materials', { params: { path: { id: enterpriseId ?? '' } }, signal })),
    enabled: Boolean(enterpriseId),
  });
}

/** Puts the material as the server answered into the cached checklist, then reads again what it touched. */
function materialChanged(queryClient: QueryClient, ref: MaterialRef, updated: ChecklistMaterial) {
  queryClient.setQueryData(caseKeys.materials(ref.caseId), (old: Checklist | undefined) =>
    old && {
      ...old,
      items: old.items.map((item) =>
        item.item_id !== ref.itemId
          ? item
          : { ...item, materials: item.materials.map((m) => (m.position === updated.position ? updated : m)) },
      ),
    },
  );
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKeys.materials(ref.caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.timeline(ref.caseId) }),
    queryClient.invalidateQueries({ queryKey: enterpriseKeys.all }),
    queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  ]);
}

export interface UploadMaterialInput extends MaterialRef {
  file: File;
  /** Until when the material is valid (YYYY-MM-DD), e.g. a licence's expiry. */
  validUntil?: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** POST …/materials/{position}/uploads (multipart, with progress): a new version. */
export function useUploadMaterial() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, validUntil, onProgress, signal, ...ref }: UploadMaterialInput) =>
      upload({
        path: '/api/v1/cases/{case_id}/items/{item_id}/materials/{position}/uploads',
        params: materialPath(ref),
        parts: [...(validUntil ? [['valid_until', validUntil] as [string, string]] : []), ['file', file, file.name]],
        onProgress,
        signal,
      }),
    onSuccess: (updated, { caseId, itemId, position }) => materialChanged(queryClient, { caseId, itemId, position }, updated),
  });
}

/** POST …/materials/{position}/reuse: a version given before (一次提交、多次复用). */
export function useReuseMaterial() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ materialId, version, ...ref }: MaterialRef & { materialId: string; version: number }) =>
      unwrap(
        api.POST('/api/v1/cases/{case_id}/items/{item_id}/materials/{position}/reuse', {
          params: { path: materialPath(ref) },
          body: { material_id: materialId, version },
        }),
      ),
    onSuccess: (updated, { caseId, itemId, position }) => materialChanged(queryClient, { caseId, itemId, position }, updated),
  });
}

/** POST …/materials/{position}/decision: accept, or ask for a correction (补正) saying why. */
export function useDecideMaterial() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, ...ref }: MaterialRef & { body: MaterialDecisionIn }) =>
      unwrap(
        api.POST('/api/v1/cases/{case_id}/items/{item_id}/materials/{position}/decision', {
          params: { path: materialPath(ref) },
          body,
        }),
      ),
    onSuccess: (updated, { caseId, itemId, position }) => materialChanged(queryClient, { caseId, itemId, position }, updated),
  });
}

export interface AttachResultInput {
  taskId: string;
  caseId: string;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
}

/** POST /api/v1/tasks/{id}/documents (multipart): the approval document (批文) of an approved sheet. */
export function useAttachResultDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, file, onProgress }: AttachResultInput) =>
      upload({ path: '/api/v1/tasks/{id}/documents', params: { id: taskId }, parts: [['file', file, file.name]], onProgress }),
    onSuccess: (answer, { caseId }) => {
      queryClient.setQueryData(taskKeys.detail(answer.task.id), answer.task);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) }),
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]);
    },
  });
}
