/**
 * Type helpers that read request and response bodies out of the generated `paths`, so that no
 * request or response type is ever written by hand: `JsonOk<'/api/v1/me', 'get'>` is whatever
 * the contract says GET /api/v1/me answers.
 */
import type { paths } from './schema';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of the operation's 2xx responses. */
export type JsonOk<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? { [S in keyof R]: S extends 200 | 201 ? JsonContent<R[S]> : never }[keyof R]
    : never;

/** The JSON request body of the operation. */
export type JsonBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

/** The operation's query parameters. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a paged list answer ({ items, next_cursor }). */
export type PageItem<P extends keyof paths> =
  JsonOk<P, 'get'> extends { items: (infer I)[] } ? I : never;
