/** Actions on a task sheet (任务分送单), each with the sheet's version as `If-Match`. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { paths } from '@/lib/api/schema';
import type { SameCodes } from '@/lib/api/codes';
import type { JsonBody, SheetAction } from '@/lib/api/types';
import { ifMatch, type Task } from '../types';
import { invalidateCaseWork } from './case-commands';
import { taskKeys } from '@/lib/query-keys';

type Body<P extends keyof paths> = JsonBody<P, 'post'>;

/** Each sheet action code (as `allowed_actions` names it) and its body. */
export interface TaskCommandBodies {
  acknowledge: undefined;
  request_correction: Body<'/api/v1/tasks/{id}/corrections'>;
  supply_correction: undefined;
  supply_missing_materials: Body<'/api/v1/tasks/{id}/missing-materials/supplied'>;
  extend: Body<'/api/v1/tasks/{id}/extension'>;
  finish: Body<'/api/v1/tasks/{id}/finish'>;
  approve_on_commitment: Body<'/api/v1/tasks/{id}/finish'>;
  send_back: Body<'/api/v1/tasks/{id}/send-back'>;
  redispatch: Body<'/api/v1/tasks/{id}/redispatch'>;
  transfer: Body<'/api/v1/tasks/{id}/transfer'>;
  /** The window records how the enterprise was told of the result (not a state change). */
  record_result_notice: Body<'/api/v1/tasks/{id}/result-notice'>;
}

/**
 * A sheet action: the contract's `SheetAction` codes but `cancel` (which only terminating the
 * case does), plus recording the result notice, each with its body above.
 */
export type TaskCommand = Exclude<SheetAction, 'cancel'> | 'record_result_notice';

// Fails to compile when the contract adds or drops a sheet action the bodies above do not match.
const bodiesMatchContract: SameCodes<keyof TaskCommandBodies, TaskCommand> = true;
void bodiesMatchContract;

export interface TaskCommandInput<C extends TaskCommand = TaskCommand> {
  command: C;
  id: string;
  version: number;
  body: TaskCommandBodies[C];
}

export function runTaskCommand({ command, id, version, body }: TaskCommandInput): Promise<Task> {
  const params = { path: { id }, header: { 'If-Match': ifMatch(version) } };
  const b = body as never;
  switch (command) {
    case 'acknowledge':
      return unwrap(api.POST('/api/v1/tasks/{id}/acknowledge', { params }));
    case 'request_correction':
      return unwrap(api.POST('/api/v1/tasks/{id}/corrections', { params, body: b }));
    case 'supply_correction':
      return unwrap(api.POST('/api/v1/tasks/{id}/corrections/supplied', { params }));
    case 'supply_missing_materials':
      return unwrap(api.POST('/api/v1/tasks/{id}/missing-materials/supplied', { params, body: b }));
    case 'extend':
      return unwrap(api.POST('/api/v1/tasks/{id}/extension', { params, body: b }));
    case 'finish':
      return unwrap(api.POST('/api/v1/tasks/{id}/finish', { params, body: b }));
    case 'approve_on_commitment':
      return unwrap(
        api.POST('/api/v1/tasks/{id}/finish', {
          params,
          body: { ...(body as TaskCommandBodies['finish']), outcome: 'approved', on_commitment: true },
        }),
      );
    case 'send_back':
      return unwrap(api.POST('/api/v1/tasks/{id}/send-back', { params, body: b }));
    case 'redispatch':
      return unwrap(api.POST('/api/v1/tasks/{id}/redispatch', { params, body: b }));
    case 'transfer':
      return unwrap(api.POST('/api/v1/tasks/{id}/transfer', { params, body: b }));
    case 'record_result_notice':
      return unwrap(api.POST('/api/v1/tasks/{id}/result-notice', { params: { path: { id } }, body: b }));
  }
}

export function useTaskCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TaskCommandInput) => runTaskCommand(input),
    onSuccess: (updated) => {
      queryClient.setQueryData(taskKeys.detail(updated.id), updated);
      void invalidateCaseWork(queryClient);
    },
  });
}
