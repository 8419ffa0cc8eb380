import type { components } from '@/lib/api/schema';

type Stage = components['schemas']['StageCode'];

/** The construction-project stages in their order (SPEC §2); checked against the contract. */
export const STAGES = [
  'enterprise_setup',
  'project_approval',
  'land_supply',
  'land_planning_permit',
  'engineering_permit',
  'construction_permit',
  'completion_acceptance',
] as const satisfies readonly Stage[];

type MissingStages = Exclude<Stage, (typeof STAGES)[number]>;
const stagesAreComplete: [MissingStages] extends [never] ? true : MissingStages = true;
void stagesAreComplete;

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}
