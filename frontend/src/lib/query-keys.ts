/**
 * Every query key the shared areas use, one factory per area (STYLE 25): queries and
 * mutations take their keys from here, never from a literal array (tests/architecture.test.ts
 * checks). A key starts with its area's `all`, so `invalidateQueries({ queryKey: caseKeys.all })`
 * reads every query about cases again, and `caseKeys.detail(id)` that one case. Keys of a
 * single feature live beside its API (features/supervision/api/query-keys.ts).
 */
import type { CaseState, QueryOf } from '@/lib/api/types';

/** A paged list's query without its paging. */
type Filters<P extends '/api/v1/items' | '/api/v1/users'> = Omit<QueryOf<P, 'get'>, 'limit' | 'cursor'>;

/** The case list's filters: the state, and text in the number, the name or the project code. */
export interface CaseFilters {
  state?: CaseState;
  q?: string;
}

export const caseKeys = {
  all: ['cases'] as const,
  /** Every page of every filtered case list. */
  lists: () => [...caseKeys.all, 'list'] as const,
  list: (filters: CaseFilters) => [...caseKeys.lists(), filters] as const,
  /** A work queue's card: the first `limit` cases in `state`. */
  queue: (state: CaseState, limit: number) => [...caseKeys.all, 'queue', state, limit] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
  timeline: (id: string) => [...caseKeys.all, 'timeline', id] as const,
  followUps: (id: string) => [...caseKeys.all, 'follow-ups', id] as const,
  rectifications: (id: string) => [...caseKeys.all, 'rectifications', id] as const,
  /** The rectifications still to answer, across cases (a work queue's card). */
  openRectifications: (limit: number) => [...caseKeys.all, 'rectifications', 'open', limit] as const,
  evaluations: (id: string) => [...caseKeys.all, 'evaluations', id] as const,
  dossierCheck: (id: string) => [...caseKeys.all, 'dossier-check', id] as const,
  /** The case's materials checklist (申请材料清单). */
  materials: (id: string) => [...caseKeys.all, 'materials', id] as const,
};

/** A task-sheet queue: which one, optionally for one case or due within some hours. */
export interface TaskQueueKey {
  queue: string;
  caseId?: string;
  withinHours?: number;
}

export const taskKeys = {
  all: ['tasks'] as const,
  queue: ({ queue, caseId, withinHours }: TaskQueueKey, limit: number) =>
    [...taskKeys.all, 'queue', queue, caseId ?? null, withinHours ?? null, limit] as const,
  detail: (id: string) => [...taskKeys.all, 'detail', id] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unread: boolean) => [...notificationKeys.all, { unread }] as const,
};

export const calendarKeys = {
  all: ['calendar'] as const,
  /** The working calendar around `today` (deadlines in working time). */
  around: (today: string) => [...calendarKeys.all, today] as const,
  /** One year's days (the administrator's 工作日历). */
  year: (year: number) => [...calendarKeys.all, 'year', year] as const,
};

export const templateKeys = {
  /** Every kind's message templates (the administrator's 消息模板). */
  all: ['templates'] as const,
};

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  /** Every picker search (registering an enterprise makes them stale). */
  searches: () => [...enterpriseKeys.all, 'search'] as const,
  search: (q: string) => [...enterpriseKeys.searches(), q] as const,
  detail: (id: string) => [...enterpriseKeys.all, 'detail', id] as const,
  /** The enterprise as its condition banner reads it (officials: with its conditions in force). */
  conditions: (id: string) => [...enterpriseKeys.detail(id), 'conditions'] as const,
  /** Every material the enterprise gave, with its versions (一次提交、多次复用). */
  materials: (id: string) => [...enterpriseKeys.all, 'materials', id] as const,
};

export const userKeys = {
  all: ['users'] as const,
  /** The administrator's list, page by page. */
  pages: (filters: Filters<'/api/v1/users'>) => [...userKeys.all, 'pages', filters] as const,
  /** Every active account matching the filters (pickers). */
  every: (filters: Filters<'/api/v1/users'>) => [...userKeys.all, 'all', filters] as const,
};

export const departmentKeys = {
  all: ['departments'] as const,
  /** The departments page, page by page. */
  pages: () => [...departmentKeys.all, 'list'] as const,
  /** Every department at once (names and pickers). */
  every: () => [...departmentKeys.all, 'all'] as const,
};

export const itemKeys = {
  all: ['items'] as const,
  /** The catalog page, filtered, page by page. */
  pages: (filters: Filters<'/api/v1/items'>) => [...itemKeys.all, 'list', filters] as const,
  /** The whole catalog at once (pickers). */
  catalog: () => [...itemKeys.all, 'catalog-all'] as const,
  /** One item version. */
  detail: (id: string) => [...itemKeys.all, 'detail', id] as const,
  /** Every version of the item a version belongs to. */
  versions: (id: string) => [...itemKeys.all, 'versions', id] as const,
};

export const sessionKeys = {
  me: ['me'] as const,
  tenant: ['tenant'] as const,
};

/** Where the time goes (the supervision page's analytics); the county's target moves them. */
export const analyticsRoot = ['analytics'] as const;

/** The public side (no sign-in), per county: what its pages read. */
export interface PublicItemFilters {
  stage?: string;
  department?: string;
  q?: string;
}

export const publicKeys = {
  all: ['public'] as const,
  county: (tenant: string) => [...publicKeys.all, tenant] as const,
  service: (tenant: string) => [...publicKeys.county(tenant), 'service'] as const,
  items: (tenant: string, filters: PublicItemFilters) => [...publicKeys.county(tenant), 'items', filters] as const,
  item: (tenant: string, code: string) => [...publicKeys.county(tenant), 'item', code] as const,
  departments: (tenant: string) => [...publicKeys.county(tenant), 'departments'] as const,
  roster: (tenant: string) => [...publicKeys.county(tenant), 'roster'] as const,
};

/** What the administrator publishes (公开设置). */
export const publicProfileKeys = {
  all: ['public-profile'] as const,
  profile: () => [...publicProfileKeys.all, 'profile'] as const,
  roster: () => [...publicProfileKeys.all, 'roster'] as const,
};
