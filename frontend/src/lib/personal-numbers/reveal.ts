import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, Schema } from '@/lib/api/types';
import type { Role } from '@/lib/auth/roles';

/** Where a person's number is kept (the contract's `PersonalNumber`). */
export type PersonalNumber = Schema<'PersonalNumber'>;
export type RevealIn = JsonBody<'/api/v1/personal-numbers/reveal', 'post'>;

/**
 * The roles whose work needs each number in full, as the server's rule says (the server
 * decides; this only decides whether to offer the button; a kind of number the contract adds
 * fails to compile here). Everyone may see their own phone and
 * an enterprise its own contacts.
 */
const REVEALING_ROLES: Record<PersonalNumber, readonly Role[]> = {
  case_contact: ['investment_officer', 'investment_leader', 'office', 'window_agent', 'enterprise'],
  enterprise_contact: ['investment_officer', 'investment_leader', 'office', 'window_agent', 'enterprise'],
  user_phone: ['admin', 'office'],
  consultation_mobile: ['window_agent', 'office'],
  complaint_mobile: ['office'],
};

/** Whether `role` is offered "show the full number" for `number`. */
export function mayReveal(role: Role, number: PersonalNumber): boolean {
  return REVEALING_ROLES[number].includes(role);
}

/**
 * POST /api/v1/personal-numbers/reveal: one number in full, recorded in the audit trail. A
 * mutation, not a query: the number is never kept in the query cache.
 */
export function useRevealNumber() {
  return useMutation({
    mutationFn: (body: RevealIn) => unwrap(api.POST('/api/v1/personal-numbers/reveal', { body })),
  });
}
