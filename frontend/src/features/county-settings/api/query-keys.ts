/** The county settings' query keys (their own area; the shared ones are in lib/query-keys.ts). */
export const countySettingsKeys = {
  /** Every county's settings and history. */
  all: ['county-settings'] as const,
  /** One county's (`own`: the caller's). */
  county: (county: string) => [...countySettingsKeys.all, county] as const,
  current: (county: string) => [...countySettingsKeys.county(county), 'current'] as const,
  history: (county: string) => [...countySettingsKeys.county(county), 'history'] as const,
};
