/** Run-time lists of the complaint codes, complete by construction (see lib/api/codes.ts). */
import { codeList } from '@/lib/api/codes';
import type { ComplaintState } from '@/lib/api/types';

export const COMPLAINT_STATES = codeList<ComplaintState>({
  submitted: true,
  assigned: true,
  replied: true,
  closed: true,
  rejected: true,
});
