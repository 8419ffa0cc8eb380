/** Run-time lists of the complaint codes the public pages offer, complete by construction (see lib/api/codes.ts). */
import { codeList } from '@/lib/api/codes';
import type { Satisfaction } from '@/lib/api/types';

export const SATISFACTIONS = codeList<Satisfaction>({ satisfied: true, basically_satisfied: true, dissatisfied: true });
