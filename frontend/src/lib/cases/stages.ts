import { codeList } from '@/lib/api/codes';
import type { StageCode as Stage } from '@/lib/api/types';

/** The construction-project stages in their order (SPEC §2); checked against the contract. */
export const STAGES = codeList<Stage>({
  enterprise_setup: true,
  project_approval: true,
  land_supply: true,
  land_planning_permit: true,
  engineering_permit: true,
  construction_permit: true,
  completion_acceptance: true,
});

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}
