/** The audit log's filters as the page's address keeps them, and as the API takes them. */
import type { AuditAction, AuditOutcome } from '@/lib/api/types';
import type { AuditFilters } from '../api/audit-log';

/** The page's filters: dates are days (YYYY-MM-DD) in 北京时间, both ends included. */
export interface AuditFilterForm {
  user?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  from?: string;
  until?: string;
  ip?: string;
  requestId?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a 北京时间 day starts, as the API takes it. */
function dayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The instant after a 北京时间 day ends. */
function dayEnd(day: string): string {
  const start = new Date(`${day}T00:00:00+08:00`);
  return new Date(start.getTime() + 24 * 3600 * 1000).toISOString();
}

/** The API's query for the page's filters (blank ones left out). */
export function toQuery(form: AuditFilterForm): AuditFilters {
  const text = (v?: string) => v?.trim() || undefined;
  const query: AuditFilters = {};
  if (form.user) query.user_id = form.user;
  if (form.action) query.action = form.action;
  if (form.outcome) query.outcome = form.outcome;
  if (form.from && DAY.test(form.from)) query.from = dayStart(form.from);
  if (form.until && DAY.test(form.until)) query.until = dayEnd(form.until);
  const ip = text(form.ip);
  if (ip) query.ip = ip;
  const requestId = text(form.requestId);
  if (requestId) query.request_id = requestId;
  return query;
}
