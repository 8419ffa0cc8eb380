/**
 * Per-department figures of SPEC §6, computed on the client from the task queues (for now):
 * sheets received, acknowledged on time (30 office minutes), finished on time (promised limit),
 * overdue now.
 */
import type { Task } from '@/lib/cases/types';

export interface DepartmentStats {
  departmentId: string;
  received: number;
  acknowledged: number;
  acknowledgedOnTime: number;
  finished: number;
  finishedOnTime: number;
  overdueNow: number;
  /** Share of acknowledged sheets acknowledged in time; null when none was acknowledged. */
  acknowledgeRate: number | null;
  /** Share of finished sheets finished in time; null when none was finished. */
  onTimeRate: number | null;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * `all`: every sheet the caller may see; `overdue`: the overdue queue (open sheets past their
 * deadline — the server's verdict, which knows about pauses). Sorted by overdue sheets, then
 * by on-time rate (worst first).
 */
export function departmentStats(all: readonly Task[], overdue: readonly Task[]): DepartmentStats[] {
  const byDepartment = new Map<string, DepartmentStats>();
  const get = (departmentId: string) => {
    let stats = byDepartment.get(departmentId);
    if (!stats) {
      stats = {
        departmentId,
        received: 0,
        acknowledged: 0,
        acknowledgedOnTime: 0,
        finished: 0,
        finishedOnTime: 0,
        overdueNow: 0,
        acknowledgeRate: null,
        onTimeRate: null,
      };
      byDepartment.set(departmentId, stats);
    }
    return stats;
  };
  for (const task of all) {
    if (task.state === 'cancelled') continue;
    const stats = get(task.department_id);
    stats.received += 1;
    if (task.acknowledged_at) {
      stats.acknowledged += 1;
      if (Date.parse(task.acknowledged_at) <= Date.parse(task.acknowledge_by)) stats.acknowledgedOnTime += 1;
    }
    if (task.state === 'finished') {
      stats.finished += 1;
      if (task.closed_at && Date.parse(task.closed_at) <= Date.parse(task.finish_by)) stats.finishedOnTime += 1;
    }
  }
  const seen = new Set<string>();
  for (const task of overdue) {
    if (seen.has(task.id)) continue;
    seen.add(task.id);
    get(task.department_id).overdueNow += 1;
  }
  const result = [...byDepartment.values()].map((s) => ({
    ...s,
    acknowledgeRate: rate(s.acknowledgedOnTime, s.acknowledged),
    onTimeRate: rate(s.finishedOnTime, s.finished),
  }));
  return result.sort(
    (a, b) => b.overdueNow - a.overdueNow || (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) || b.received - a.received,
  );
}

/** The county's totals over all departments. */
export function totals(stats: readonly DepartmentStats[]) {
  const sum = (f: (s: DepartmentStats) => number) => stats.reduce((n, s) => n + f(s), 0);
  const acknowledged = sum((s) => s.acknowledged);
  const finished = sum((s) => s.finished);
  return {
    received: sum((s) => s.received),
    overdueNow: sum((s) => s.overdueNow),
    finished,
    acknowledgeRate: rate(sum((s) => s.acknowledgedOnTime), acknowledged),
    onTimeRate: rate(sum((s) => s.finishedOnTime), finished),
  };
}

/** `87.5%`, or `—` when there is nothing to rate. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 1000) / 10}%`;
}
