/** The intermediary supermarket's query keys (its own area; the shared ones are in lib/query-keys.ts). */
export const intermediaryKeys = {
  all: ['intermediaries'] as const,
  agencies: () => [...intermediaryKeys.all, 'agencies'] as const,
  engagements: (caseId: string) => [...intermediaryKeys.all, 'engagements', caseId] as const,
};
