/** The lodge form's values, fields and request, apart from the page (unit-tested). */
import type { ComplaintSubject } from '@/lib/api/types';
import { codeList } from '@/lib/api/codes';
import type { ComplaintIn } from '../api/public-complaints';

/** The fields the server may name. */
export const LODGE_FIELDS = ['subject', 'subject_id', 'case_number', 'name', 'mobile', 'text'] as const;
export type LodgeField = (typeof LODGE_FIELDS)[number];

/** Every subject, in the order a form lists them. */
export const COMPLAINT_SUBJECTS = codeList<ComplaintSubject>({ case: true, department: true, agent: true, service: true });

/** What the page offers without a preset (a department or an official is chosen on the page that links here). */
export const PUBLIC_SUBJECTS: readonly ComplaintSubject[] = COMPLAINT_SUBJECTS.filter((s) => s === 'case' || s === 'service');

export interface Preset {
  subject: 'department' | 'agent';
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?department=<id>` or `?agent=<id>` from the page that links here. */
export function subjectFromSearch(search: URLSearchParams): Preset | null {
  const department = search.get('department');
  if (department && UUID.test(department)) return { subject: 'department', id: department };
  const agent = search.get('agent');
  if (agent && UUID.test(agent)) return { subject: 'agent', id: agent };
  return null;
}

/** The request: trimmed text, a case number only when given, the preset's id. */
export function lodgeRequest(
  subject: ComplaintSubject,
  preset: Preset | null,
  values: { case_number: string; name: string; mobile: string; text: string },
): ComplaintIn {
  const caseNumber = values.case_number.trim();
  return {
    subject: preset?.subject ?? subject,
    subject_id: preset?.id ?? null,
    case_number: caseNumber ? caseNumber : null,
    name: values.name,
    mobile: values.mobile,
    text: values.text,
  };
}
