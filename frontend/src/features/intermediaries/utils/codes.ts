/** Run-time lists of the supermarket's codes, complete by construction (see lib/api/codes.ts). */
import { codeList } from '@/lib/api/codes';
import type { QualificationKind } from '@/lib/api/types';

export const QUALIFICATION_KINDS = codeList<QualificationKind>({
  environmental_assessment: true,
  safety_assessment: true,
  energy_assessment: true,
  surveying: true,
  investigation: true,
  design: true,
  cost_consulting: true,
  geological_hazard_assessment: true,
  soil_water_conservation: true,
  other: true,
});
