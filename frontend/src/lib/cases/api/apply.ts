/**
 * The application as one sequence, the same for the console (代为填报) and the portal: register
 * the enterprise if it is new, save the application as a draft (or change the draft saved
 * before), then submit it for review when asked.
 */
import { useRef } from 'react';
import { useCreateEnterprise, type EnterpriseIn, type RegisteredEnterprise } from '@/lib/enterprises/create-enterprise';
import { newIdempotencyKey } from '../idempotency-key';
import type { Case, CaseIn } from '../types';
import { useCaseCommand, useCreateCase } from './case-commands';
import { useUpdateCase, type CasePatch } from './update-case';

/** Which step refused: registering the enterprise, or saving or submitting the application. */
export type ApplicationStep = 'enterprise' | 'application';

/** A step that failed; `cause` is the API's error. */
export class ApplicationStepError extends Error {
  readonly step: ApplicationStep;

  constructor(step: ApplicationStep, cause: unknown) {
    super(`the application's ${step} step failed`, { cause });
    this.step = step;
  }
}

export interface ApplicationInput {
  /** A new enterprise to register first; absent when the application names a known one. */
  register?: EnterpriseIn;
  /** The new draft, given the enterprise registered on the way (if any). */
  draft: (registeredEnterpriseId: string | undefined) => CaseIn;
  /**
   * The draft saved before (being edited, or saved by an earlier attempt whose submission
   * failed) with the changes to it: it is changed (If-Match), never created a second time.
   */
  saved?: { case: Case; patch: CasePatch } | null;
  /** Submit it for review once saved (otherwise it stays a draft). */
  submit: boolean;
}

export interface ApplicationProgress {
  /** The enterprise is registered (a retry must not register it again). */
  onRegistered?: (enterprise: RegisteredEnterprise) => void;
  /** The draft is saved (a retry changes it instead of creating another). */
  onSaved?: (draft: Case) => void;
}

/**
 * Returns `apply`, which runs the application's steps and resolves the case as it ends (a
 * draft, or submitted). A failed step rejects with an `ApplicationStepError`. The new draft is
 * created with one `Idempotency-Key` for as long as the form is on screen, so a retried
 * submission answers the same case. Each mutation invalidates what it changes.
 */
export function useApplication() {
  const createEnterprise = useCreateEnterprise();
  const createCase = useCreateCase();
  const updateCase = useUpdateCase();
  const command = useCaseCommand();
  const idempotencyKey = useRef<string>(null);

  return async function apply(input: ApplicationInput, progress: ApplicationProgress = {}): Promise<Case> {
    let draft: Case;
    if (input.saved) {
      const { case: saved, patch } = input.saved;
      draft = await step('application', updateCase.mutateAsync({ id: saved.id, version: saved.version, body: patch }));
    } else {
      let registered: RegisteredEnterprise | undefined;
      if (input.register) {
        registered = await step('enterprise', createEnterprise.mutateAsync(input.register));
        progress.onRegistered?.(registered);
      }
      idempotencyKey.current ??= newIdempotencyKey();
      draft = await step(
        'application',
        createCase.mutateAsync({ body: input.draft(registered?.id), idempotencyKey: idempotencyKey.current }),
      );
    }
    progress.onSaved?.(draft);
    if (!input.submit) return draft;
    return step('application', command.mutateAsync({ command: 'submit', id: draft.id, version: draft.version, body: undefined }));
  };
}

async function step<T>(name: ApplicationStep, run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (error) {
    throw new ApplicationStepError(name, error);
  }
}
