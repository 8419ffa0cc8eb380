/** The evaluation form (满意度评价表, 附件9) and its mapping to `EvaluationIn`. */
import type { Case, EvaluationIn, EvaluationLevel } from '@/lib/cases/types';

export interface EvaluationValues {
  level: EvaluationLevel | null;
  comment: string;
  departments: Record<string, { level: EvaluationLevel | null; comment: string }>;
}

/** The departments that handled the case's items (those with a sheet), in the items' order. */
export function departmentsToEvaluate(c: Pick<Case, 'items' | 'tasks'>): string[] {
  const withSheets = new Set(c.tasks.map((task) => task.department_id));
  const ordered = [...c.items].sort((a, b) => a.position - b.position).map((item) => item.department_id);
  return [...new Set(ordered)].filter((d) => withSheets.has(d));
}

/** What is missing: the overall level, and a level for each department. */
export function missingLevels(values: EvaluationValues, departments: readonly string[]): string[] {
  return [...(values.level ? [] : ['case']), ...departments.filter((d) => !values.departments[d]?.level)];
}

export function evaluationToRequest(values: EvaluationValues, departments: readonly string[]): EvaluationIn {
  const comment = values.comment.trim();
  return {
    level: values.level,
    ...(comment ? { comment } : {}),
    departments: departments.flatMap((id) => {
      const d = values.departments[id];
      if (!d?.level) return [];
      const text = d.comment.trim();
      return [{ department_id: id, level: d.level, ...(text ? { comment: text } : {}) }];
    }),
  };
}
