/**
 * The platform console's side menu as data. Pages other features give the platform (the
 * national calendar, …) are added here and in the router's `/platform` children; pages about
 * one county go in `county-tabs.tsx` instead.
 */
export type PlatformMenuKey = 'counties' | 'onboarding' | 'nationalCalendar';

export interface PlatformMenuEntry {
  key: PlatformMenuKey;
  path: string;
}

export const PLATFORM_MENU: readonly PlatformMenuEntry[] = [
  { key: 'counties', path: '/platform' },
  { key: 'onboarding', path: '/platform/onboarding' },
  { key: 'nationalCalendar', path: '/platform/national-calendar' },
];

/** The entry whose page `pathname` is (a county's page belongs to the counties). */
export function selectedPlatformKey(pathname: string): PlatformMenuKey | undefined {
  const exact = PLATFORM_MENU.find((entry) => entry.path === pathname);
  if (exact) return exact.key;
  if (pathname.startsWith('/platform/counties/')) return 'counties';
  return PLATFORM_MENU.filter((entry) => entry.path !== '/platform' && pathname.startsWith(`${entry.path}/`))[0]?.key;
}
