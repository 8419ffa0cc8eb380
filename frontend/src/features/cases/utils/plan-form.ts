/**
 * The plan editor's values (one row per item the application asked for) and their mapping to
 * the contract's `PlanIn`: positions are 1-based among the items kept, and prerequisites
 * point at positions.
 */
import type { Case, PlanIn, PlanItemIn } from '@/lib/cases/types';

export interface PlanMissingMaterialRow {
  name: string;
  /** `YYYY-MM-DD`: the date the enterprise commits to supply it by. */
  committedBy: string;
}

export interface PlanRow {
  /** The case item this row plans (the application's request). */
  itemId: string;
  catalogItemId: string | null;
  name: string;
  departmentId: string;
  /** Kept in the plan (items may be removed). */
  include: boolean;
  /** `5个工作日`, `5`, `60日`, `2小时`, `即办`; empty: the catalog's. */
  promisedLimit: string;
  /** The catalog's promised limit, when it has one. */
  catalogPromisedLimit: string | null;
  agentId: string | undefined;
  /** Indexes (in the editor's rows) of items that must be approved first. */
  prerequisites: number[];
  allowsCommitment: boolean;
  maxExtensionDays: number | null;
  missingMaterials: PlanMissingMaterialRow[];
}

/** The editor's first values: the case's items, with what an earlier proposal planned. */
export function planRowsFromCase(c: Pick<Case, 'items' | 'team'>): PlanRow[] {
  const items = [...c.items].sort((a, b) => a.position - b.position);
  const indexOf = new Map(items.map((item, index) => [item.id, index]));
  return items.map((item) => {
    const agents = c.team.filter((m) => m.team_role !== 'responsible_leader' && m.department_id === item.department_id);
    const planned = item.agent_id && agents.some((a) => a.user_id === item.agent_id) ? item.agent_id : undefined;
    return {
      itemId: item.id,
      catalogItemId: item.catalog_item_id ?? null,
      name: item.name,
      departmentId: item.department_id,
      include: true,
      promisedLimit: item.promised_limit?.text ?? '',
      catalogPromisedLimit: item.promised_limit?.text ?? null,
      agentId: planned ?? agents[0]?.user_id,
      prerequisites: item.prerequisites.flatMap((id) => {
        const index = indexOf.get(id);
        return index === undefined ? [] : [index];
      }),
      allowsCommitment: item.allows_commitment,
      maxExtensionDays: item.max_extension_days ?? null,
      missingMaterials: item.missing_materials.map((m) => ({ name: m.name, committedBy: m.committed_by })),
    };
  });
}

/** The request for `POST /cases/{id}/plan`. */
export function planFormToRequest(rows: readonly PlanRow[]): PlanIn {
  const kept = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.include);
  const position = new Map(kept.map(({ index }, i) => [index, i + 1]));
  return {
    items: kept.map(({ row, index }): PlanItemIn => {
      const promised = row.promisedLimit.trim();
      const item: PlanItemIn = {
        agent_id: row.agentId ?? '',
        ...(row.catalogItemId
          ? { catalog_item_id: row.catalogItemId }
          : { name: row.name.trim(), department_id: row.departmentId }),
        prerequisites: [...new Set(row.prerequisites)]
          .filter((p) => p !== index)
          .flatMap((p) => {
            const at = position.get(p);
            return at === undefined ? [] : [at];
          })
          .sort((a, b) => a - b),
        allows_commitment: row.allowsCommitment,
        missing_materials: row.missingMaterials
          .filter((m) => m.name.trim() && m.committedBy)
          .map((m) => ({ name: m.name.trim(), committed_by: m.committedBy })),
      };
      // The catalog's promise is the default: send it only when changed (or when there is none).
      if (promised && promised !== row.catalogPromisedLimit) item.promised_limit = promised;
      if (row.maxExtensionDays !== null) item.max_extension_days = row.maxExtensionDays;
      return item;
    }),
  };
}

/**
 * Server field paths (`items[2].agent_id`, positions among the kept rows) mapped back to the
 * editor's row index, so that each message lands next to its row.
 */
export function planErrorRow(rows: readonly PlanRow[], field: string): number | null {
  const match = /^items[.[](\d+)/.exec(field.replace(/^body\./, ''));
  if (!match) return null;
  const keptIndex = Number(match[1]);
  const kept = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.include);
  return kept[keptIndex]?.index ?? null;
}
