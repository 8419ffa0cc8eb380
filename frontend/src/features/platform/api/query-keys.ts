/** Query keys of the platform's screens (STYLE 25): each starts with its area's `all`. */
export const countyKeys = {
  all: ['platform-counties'] as const,
  list: () => [...countyKeys.all, 'list'] as const,
  detail: (code: string) => [...countyKeys.all, 'detail', code] as const,
};
