/**
 * The case's lifecycle actions (SPEC §4), one POST each, with the version read sent as
 * `If-Match` so that nobody overwrites a change they have not seen (412 `version_mismatch`).
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { paths } from '@/lib/api/schema';
import type { SameCodes } from '@/lib/api/codes';
import type { CaseAction, JsonBody } from '@/lib/api/types';
import { ifMatch, type Case, type CaseIn } from '../types';
import { caseKeys, notificationKeys, taskKeys } from '@/lib/query-keys';

type Body<P extends keyof paths> = JsonBody<P, 'post'>;

/** Each action code (as `allowed_actions` names it) and the body it takes. */
export interface CaseCommandBodies {
  submit: undefined;
  return_for_revision: Body<'/api/v1/cases/{id}/return'>;
  review: Body<'/api/v1/cases/{id}/review'>;
  accept: undefined;
  reject: Body<'/api/v1/cases/{id}/reject'>;
  form_team: Body<'/api/v1/cases/{id}/team'>;
  propose_plan: Body<'/api/v1/cases/{id}/plan'>;
  agree_plan: undefined;
  sign_agreement: Body<'/api/v1/cases/{id}/agreement'>;
  start_service: undefined;
  complete: Body<'/api/v1/cases/{id}/complete'>;
  terminate: Body<'/api/v1/cases/{id}/terminate'>;
  confirm: undefined;
  evaluate: Body<'/api/v1/cases/{id}/evaluation'>;
  decline_evaluation: undefined;
  archive: undefined;
  reopen: Body<'/api/v1/cases/{id}/reopen'>;
}

/** A case action: the contract's `CaseAction` codes, each with its body above. */
export type CaseCommand = CaseAction;

// Fails to compile when the contract adds or drops a case action the bodies above do not match.
const bodiesMatchContract: SameCodes<keyof CaseCommandBodies, CaseAction> = true;
void bodiesMatchContract;

export interface CaseCommandInput<C extends CaseCommand = CaseCommand> {
  command: C;
  id: string;
  /** The version the user saw (`CaseOut.version`). */
  version: number;
  body: CaseCommandBodies[C];
}

/** Sends one lifecycle action; resolves the case as it is afterwards. */
export function runCaseCommand({ command, id, version, body }: CaseCommandInput): Promise<Case> {
  const params = { path: { id }, header: { 'If-Match': ifMatch(version) } };
  const b = body as never;
  switch (command) {
    case 'submit':
      return unwrap(api.POST('/api/v1/cases/{id}/submit', { params }));
    case 'return_for_revision':
      return unwrap(api.POST('/api/v1/cases/{id}/return', { params, body: b }));
    case 'review':
      return unwrap(api.POST('/api/v1/cases/{id}/review', { params, body: b }));
    case 'accept':
      return unwrap(api.POST('/api/v1/cases/{id}/accept', { params }));
    case 'reject':
      return unwrap(api.POST('/api/v1/cases/{id}/reject', { params, body: b }));
    case 'form_team':
      return unwrap(api.POST('/api/v1/cases/{id}/team', { params, body: b }));
    case 'propose_plan':
      return unwrap(api.POST('/api/v1/cases/{id}/plan', { params, body: b }));
    case 'agree_plan':
      return unwrap(api.POST('/api/v1/cases/{id}/plan/agree', { params }));
    case 'sign_agreement':
      return unwrap(api.POST('/api/v1/cases/{id}/agreement', { params, body: b }));
    case 'start_service':
      return unwrap(api.POST('/api/v1/cases/{id}/dispatch', { params }));
    case 'complete':
      return unwrap(api.POST('/api/v1/cases/{id}/complete', { params, body: b }));
    case 'terminate':
      return unwrap(api.POST('/api/v1/cases/{id}/terminate', { params, body: b }));
    case 'confirm':
      return unwrap(api.POST('/api/v1/cases/{id}/confirm', { params }));
    case 'evaluate':
      return unwrap(api.POST('/api/v1/cases/{id}/evaluation', { params, body: b }));
    case 'decline_evaluation':
      return unwrap(api.POST('/api/v1/cases/{id}/evaluation', { params, body: { declined: true } }));
    case 'archive':
      return unwrap(api.POST('/api/v1/cases/{id}/archive', { params }));
    case 'reopen':
      return unwrap(api.POST('/api/v1/cases/{id}/reopen', { params, body: b }));
  }
}

/** After any change: the case, its sheets, the queues and the notifications are stale. */
export function invalidateCaseWork(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKeys.all }),
    queryClient.invalidateQueries({ queryKey: taskKeys.all }),
    queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  ]);
}

export function useCaseCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseCommandInput) => runCaseCommand(input),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      void invalidateCaseWork(queryClient);
    },
  });
}

/** POST /api/v1/cases (a draft application). The key makes a retried submission answer the same case. */
export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CaseIn; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/cases', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body })),
    onSuccess: (created) => {
      queryClient.setQueryData(caseKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
}
