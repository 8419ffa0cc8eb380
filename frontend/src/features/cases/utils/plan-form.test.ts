import { describe, expect, it } from 'vitest';
import type { TeamMember } from '@/lib/cases/types';
import { IDS, makeCase, makeItem } from '@/testing/fixtures';
import { planErrorRow, planFormToRequest, planRowsFromCase, type PlanRow } from './plan-form';

const team: TeamMember[] = [
  { user_id: IDS.leader, display_name: '王', team_role: 'responsible_leader', department_id: IDS.water },
  { user_id: IDS.window, display_name: '周', team_role: 'lead_agent', department_id: null },
  { user_id: IDS.agentWater, display_name: '孙', team_role: 'co_agent', department_id: IDS.water },
  { user_id: IDS.agentEcology, display_name: '褚', team_role: 'co_agent', department_id: IDS.ecology },
];

const c = makeCase({
  state: 'team_formed',
  team,
  items: [
    makeItem({ id: 'i-water', position: 1 }),
    makeItem({
      id: 'i-eco',
      position: 2,
      name: '建设项目环境影响报告表审批',
      department_id: IDS.ecology,
      catalog_item_id: 'cat-2',
      promised_limit: { unit: 'working_days', value: 5, text: '5个工作日' },
      prerequisites: ['i-water'],
    }),
    makeItem({
      id: 'i-off',
      position: 3,
      name: '清单外事项',
      department_id: IDS.water,
      catalog_item_id: null,
      promised_limit: null,
      legal_limit: null,
      max_extension_days: null,
    }),
  ],
});

describe('plan editor → PlanIn', () => {
  it('starts from the requested items, with an agent of each item’s department', () => {
    const rows = planRowsFromCase(c);
    expect(rows.map((r) => [r.name, r.agentId, r.prerequisites, r.promisedLimit])).toEqual([
      ['取水许可', IDS.agentWater, [], '1个工作日'],
      ['建设项目环境影响报告表审批', IDS.agentEcology, [0], '5个工作日'],
      ['清单外事项', IDS.agentWater, [], ''],
    ]);
  });

  it('maps rows to catalog or off-catalog items with 1-based prerequisites', () => {
    const rows = planRowsFromCase(c);
    rows[2] = { ...rows[2], promisedLimit: '10个工作日', prerequisites: [0, 1] } as PlanRow;
    rows[1] = {
      ...rows[1],
      missingMaterials: [
        { name: ' 环评报告表 ', committedBy: '2026-12-10' },
        { name: '', committedBy: '2026-12-10' }, // blank rows are dropped
      ],
    } as PlanRow;
    expect(planFormToRequest(rows)).toEqual({
      items: [
        { agent_id: IDS.agentWater, catalog_item_id: 'cat-1', prerequisites: [], allows_commitment: false, missing_materials: [], max_extension_days: 5 },
        {
          agent_id: IDS.agentEcology,
          catalog_item_id: 'cat-2',
          prerequisites: [1],
          allows_commitment: false,
          missing_materials: [{ name: '环评报告表', committed_by: '2026-12-10' }],
          max_extension_days: 5,
        },
        {
          agent_id: IDS.agentWater,
          name: '清单外事项',
          department_id: IDS.water,
          prerequisites: [1, 2],
          allows_commitment: false,
          missing_materials: [],
          promised_limit: '10个工作日',
        },
      ],
    });
  });

  it('renumbers positions when an item is left out, and drops prerequisites on it', () => {
    const rows = planRowsFromCase(c);
    rows[0] = { ...rows[0], include: false } as PlanRow;
    rows[2] = { ...rows[2], prerequisites: [0, 1, 2], promisedLimit: '3' } as PlanRow;
    const request = planFormToRequest(rows);
    expect(request.items.map((i) => i.prerequisites)).toEqual([[], [1]]);
    expect(request.items[1]?.promised_limit).toBe('3');
    // A server message about items[1] belongs to the editor's third row.
    expect(planErrorRow(rows, 'items[1].agent_id')).toBe(2);
    expect(planErrorRow(rows, 'items.0.promised_limit')).toBe(1);
    expect(planErrorRow(rows, 'notes')).toBeNull();
  });
});
