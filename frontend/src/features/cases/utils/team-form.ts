/** The team form's values and their mapping to the contract's `TeamIn`. */
import type { Case, TeamIn } from '@/lib/cases/types';

export interface TeamFormValues {
  responsibleLeaderId?: string;
  leadAgentId?: string;
  /** Co-agents by department id: at least one for each department of the case's items. */
  coAgents: Record<string, string[] | undefined>;
}

/** The departments whose items the case asks for, in the items' order. */
export function departmentsOfCase(c: Pick<Case, 'items'>): string[] {
  return [...new Set([...c.items].sort((a, b) => a.position - b.position).map((item) => item.department_id))];
}

export function teamFormToRequest(values: TeamFormValues): TeamIn {
  const coAgents = Object.values(values.coAgents).flatMap((ids) => ids ?? []);
  return {
    responsible_leader_id: values.responsibleLeaderId ?? '',
    lead_agent_id: values.leadAgentId ?? '',
    // The lead agent is named once, as the lead.
    co_agent_ids: [...new Set(coAgents)].filter((id) => id !== values.leadAgentId),
  };
}
