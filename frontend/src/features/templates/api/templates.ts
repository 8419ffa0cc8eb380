/**
 * The tenant's message templates (消息模板) for the administrator: every notification kind
 * with its placeholders, built-in wording and the tenant's own per language; saving and
 * resetting one.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schema } from '@/lib/api/types';
import type { NotificationKind } from '@/lib/api/types';
import { templateKeys } from '@/lib/query-keys';

export type KindTemplates = Schema<'KindTemplatesOut'>;
export type TemplateLanguage = Schema<'TemplateLanguage'>;
export type TemplateIn = Schema<'TemplateIn'>;

/** GET /api/v1/admin/templates */
export const templatesQueryOptions = () =>
  queryOptions({
    queryKey: templateKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/templates', { signal })),
  });

export function useTemplates() {
  return useQuery(templatesQueryOptions());
}

interface Target {
  kind: NotificationKind;
  language: TemplateLanguage;
}

/** PUT /api/v1/admin/templates/{kind}/{language}: replaces the tenant's earlier template. */
export function usePutTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, language, body }: Target & { body: TemplateIn }) =>
      unwrap(api.PUT('/api/v1/admin/templates/{kind}/{language}', { params: { path: { kind, language } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}

/** DELETE /api/v1/admin/templates/{kind}/{language}: the built-in wording applies again. */
export function useResetTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, language }: Target) =>
      unwrap(api.DELETE('/api/v1/admin/templates/{kind}/{language}', { params: { path: { kind, language } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
}
