/**
 * Errors from the API are RFC 9457 problem+json bodies with a stable `code` and, for validation
 * failures, per-field `errors`. This module turns whatever a failed call produced into an
 * `ApiError`, and an `ApiError` into the messages a form shows next to its fields.
 */
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
/** Every code a problem can carry (the contract's enum). */
export type ProblemCode = components['schemas']['ProblemCode'];
export type FieldProblem = NonNullable<Problem['errors']>[number];

/** A failed API call. `problem` is null when the body was not problem+json (proxy error, 502...). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The problem's stable machine code, e.g. `invalid_credentials`. */
  get code(): string | null {
    return this.problem?.code ?? null;
  }
}

/** Accepts a parsed body only if it has the shape of a problem document. */
export function parseProblem(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.title !== 'string' || typeof b.status !== 'number') return null;
  const errors = Array.isArray(b.errors)
    ? b.errors.filter(
        (e): e is FieldProblem =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as Record<string, unknown>).field === 'string' &&
          typeof (e as Record<string, unknown>).message === 'string',
      )
    : undefined;
  return { ...(b as unknown as Problem), ...(errors ? { errors } : {}) };
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves the data of a successful openapi-fetch call, or throws an `ApiError`. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, parseProblem(error));
  return data as T;
}

/** Messages for the failures that carry no server text; the caller translates them. */
export interface FallbackMessages {
  /** The request never reached the server or its answer never came back. */
  network: string;
  /** 5xx, or an answer that was not problem+json: the server's details are not for users. */
  server: string;
}

export interface FormErrors<F extends string> {
  /** Messages to show next to each field. */
  fields: Partial<Record<F, string[]>>;
  /** Messages to show above the form: the problem's detail, and field errors no field shows. */
  form: string[];
}

/**
 * Normalises a field path as servers write it to the dotted form the web app uses:
 * `body.contact.phone`, `/contact/phone` and `contact.phone` all become `contact.phone`;
 * `items[0].code` and `/items/0/code` become `items.0.code`.
 */
export function normaliseFieldPath(path: string): string {
  return path
    .trim()
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^(body|json|query|path)\./, '');
}

/**
 * Maps a failed call to form messages. `fields` lists the form's field names (dotted paths);
 * `aliases` maps other server field paths onto them.
 */
export function mapErrorToForm<F extends string>(
  error: unknown,
  fields: readonly F[],
  fallback: FallbackMessages,
  aliases: Readonly<Record<string, F>> = {},
): FormErrors<F> {
  const result: FormErrors<F> = { fields: {}, form: [] };
  if (!(error instanceof ApiError)) {
    result.form.push(fallback.network);
    return result;
  }
  const { problem } = error;
  if (!problem || error.status >= 500) {
    result.form.push(fallback.server);
    return result;
  }

  const known = new Set<string>(fields);
  const unplaced: string[] = [];
  for (const fieldError of problem.errors ?? []) {
    const path = normaliseFieldPath(fieldError.field);
    const field = known.has(path) ? (path as F) : aliases[path];
    if (field) {
      (result.fields[field] ??= []).push(fieldError.message);
    } else {
      unplaced.push(fieldError.message);
    }
  }
  const summary = problem.detail ?? problem.title;
  // A validation problem whose every message sits next to its field needs no summary twice.
  const placedAll = (problem.errors?.length ?? 0) > 0 && unplaced.length === 0;
  if (!placedAll && summary) result.form.push(summary);
  result.form.push(...unplaced);
  return result;
}
