import { describe, expect, it } from 'vitest';
import { IDS, makeCase, makeItem } from '@/testing/fixtures';
import { departmentsOfCase, teamFormToRequest } from './team-form';

describe('team form → TeamIn', () => {
  it('needs a co-agent from each department of the items', () => {
    const c = makeCase({
      items: [
        makeItem({ id: 'a', position: 2, department_id: IDS.ecology }),
        makeItem({ id: 'b', position: 1, department_id: IDS.water }),
        makeItem({ id: 'c', position: 3, department_id: IDS.water }),
      ],
    });
    expect(departmentsOfCase(c)).toEqual([IDS.water, IDS.ecology]);
  });

  it('flattens co-agents, once each, without the lead agent', () => {
    expect(
      teamFormToRequest({
        responsibleLeaderId: IDS.leader,
        leadAgentId: IDS.window,
        coAgents: { [IDS.water]: [IDS.agentWater, IDS.window], [IDS.ecology]: [IDS.agentEcology, IDS.agentWater], x: undefined },
      }),
    ).toEqual({
      responsible_leader_id: IDS.leader,
      lead_agent_id: IDS.window,
      co_agent_ids: [IDS.agentWater, IDS.agentEcology],
    });
  });
});
