/**
 * The console's side menu as data: which entries each role sees. The server enforces access;
 * the menu only keeps people from wandering into pages that would refuse them.
 */
import { COUNTY_ROLES, type Role } from '@/lib/auth/roles';

export type ConsoleMenuKey =
  | 'home'
  | 'cases'
  | 'consultations'
  | 'tasks'
  | 'supervision'
  | 'complaints'
  | 'conditions'
  | 'meetings'
  | 'items'
  | 'intermediaries'
  | 'departments'
  | 'users'
  | 'calendar'
  | 'channels'
  | 'deliveries'
  | 'webhooks'
  | 'apiClients'
  | 'templates'
  | 'publicProfile'
  | 'countySettings'
  | 'auditLog';

export interface ConsoleMenuEntry {
  key: ConsoleMenuKey;
  path: string;
  roles: readonly Role[];
}

const OFFICIALS = COUNTY_ROLES.filter((role) => role !== 'enterprise');

export const CONSOLE_MENU: readonly ConsoleMenuEntry[] = [
  { key: 'home', path: '/console', roles: OFFICIALS },
  { key: 'cases', path: '/console/cases', roles: OFFICIALS },
  // Questions and appointment requests from the public (咨询与预约): the window answers them.
  { key: 'consultations', path: '/console/consultations', roles: ['window_agent', 'office', 'investment_officer'] },
  {
    key: 'tasks',
    path: '/console/tasks',
    // Sheets are the departments' work, dispatched and chased by the office and the window.
    roles: ['office', 'window_agent', 'department_agent', 'department_leader', 'supervisor'],
  },
  {
    key: 'supervision',
    path: '/console/supervision',
    roles: ['office', 'department_leader', 'supervisor'],
  },
  {
    key: 'complaints',
    path: '/console/complaints',
    // The office handles complaints; a department reads and answers those assigned to it.
    roles: ['office', 'department_agent', 'department_leader', 'supervisor'],
  },
  // 信用与限制: conditions on enterprises and cases, managed by the office and the admin; those who
  // accept and coordinate read them here (every official sees them on a case's page).
  {
    key: 'conditions',
    path: '/console/conditions',
    roles: ['office', 'admin', 'investment_officer', 'investment_leader', 'window_agent', 'supervisor'],
  },
  {
    key: 'meetings',
    path: '/console/meetings',
    // The office convenes and records joint meetings; departments read those they attend and
    // settle their actions; the leading group and the investment leader read them.
    roles: ['office', 'department_agent', 'department_leader', 'supervisor', 'investment_leader'],
  },
  { key: 'items', path: '/console/items', roles: OFFICIALS },
  // The intermediary supermarket (中介超市): the office and the administrator keep its agencies.
  { key: 'intermediaries', path: '/console/intermediaries', roles: ['office', 'admin'] },
  {
    key: 'departments',
    path: '/console/departments',
    // A department's own agents work inside their department; the list is for those who
    // coordinate across departments.
    roles: OFFICIALS.filter((role) => role !== 'department_agent'),
  },
  // The administrator's own work: accounts, the county's working-day calendar, message templates.
  { key: 'users', path: '/console/users', roles: ['admin'] },
  { key: 'calendar', path: '/console/calendar', roles: ['admin'] },
  // And the county's links to other systems: message channels, deliveries, webhooks, API keys.
  { key: 'channels', path: '/console/channels', roles: ['admin'] },
  { key: 'deliveries', path: '/console/deliveries', roles: ['admin'] },
  { key: 'webhooks', path: '/console/webhooks', roles: ['admin'] },
  { key: 'apiClients', path: '/console/api-clients', roles: ['admin'] },
  { key: 'templates', path: '/console/templates', roles: ['admin'] },
  // What the county publishes without a sign-in: its contacts, rules and the butler roster.
  { key: 'publicProfile', path: '/console/public-profile', roles: ['admin'] },
  // 县级配置: office hours, time limits, chasing ladders, threshold, target, case-number prefix.
  { key: 'countySettings', path: '/console/county-settings', roles: ['admin'] },
  // 审计日志 (等保 2.0): who did what, when and from where; read and exported by the administrator.
  { key: 'auditLog', path: '/console/audit-log', roles: ['admin'] },
];

export function menuFor(role: Role): ConsoleMenuEntry[] {
  return CONSOLE_MENU.filter((entry) => entry.roles.includes(role));
}

/** The entry to highlight for a location: the longest path that prefixes it. */
export function selectedMenuKey(pathname: string): ConsoleMenuKey | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return [...CONSOLE_MENU]
    .sort((a, b) => b.path.length - a.path.length)
    .find((entry) => path === entry.path || path.startsWith(`${entry.path}/`))?.key;
}
