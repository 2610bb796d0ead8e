import { i18next, pseudo } from '../i18n/i18n';
import type { paths } from './api-schema';
import { presentationHeaders } from './presentation-mode';

import { ApiError, apiErrorOf } from './api-error';
import { errorText, placeErrors } from './error-text';

export { ApiError } from './api-error';

/**
 * The one HTTP client of the app. Authentication rides on the httpOnly `ttx_session` cookie the
 * backend sets at login/join, so nothing secret lives in JavaScript.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...presentationHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(
      0,
      'network',
      'The server cannot be reached. Check your connection; the page will catch up when it is back.',
    );
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) throw apiErrorOf(res.status, res.statusText, parsed, res.headers.get('retry-after'));
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---- the typed client: path, parameters, body and answer all come from the generated contract ----
type Verb = 'get' | 'post' | 'put' | 'delete';
type Op<K extends keyof paths, M extends Verb> = paths[K][M];
/** the API paths (without `/api`) that answer the method M */
export type Route<M extends Verb> = {
  [K in keyof paths]: paths[K] extends { [_ in M]: object } ? (K extends `/api${infer R}` ? R : never) : never;
}[keyof paths];
type Key<R extends string> = `/api${R}` & keyof paths;
type JsonOf<Res> = Res extends { content: { 'application/json': infer B } } ? B : undefined;
/** What the route answers (its JSON body; undefined for an empty answer). */
export type ApiResponse<R extends Route<M>, M extends Verb = 'get'> =
  Op<Key<R>, M> extends { responses: infer Rs } ? JsonOf<Rs[keyof Rs]> : never;
/** The JSON body the route takes. */
export type ApiBody<R extends Route<M>, M extends 'post' | 'put'> =
  Op<Key<R>, M> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type PathParams<R extends string> = R extends `${string}{${infer P}}${infer Rest}`
  ? { [K in P | keyof PathParams<Rest>]: string }
  : object;
type QueryOf<R extends Route<M>, M extends Verb> =
  Op<Key<R>, M> extends { parameters: { query?: infer Q } } ? Q : never;
type HasPath<R extends string> = R extends `${string}{${string}` ? true : false;
type BodyOf<R extends Route<M>, M extends Verb> = M extends 'post' | 'put' ? ApiBody<R & Route<M>, M> : never;
type Options<R extends Route<M>, M extends Verb> = (HasPath<R> extends true
  ? { path: PathParams<R> }
  : { path?: never }) &
  ([QueryOf<R, M>] extends [undefined] ? { query?: never } : { query?: QueryOf<R, M> }) &
  ([BodyOf<R, M>] extends [never] ? { body?: never } : { body: BodyOf<R, M> }) & { signal?: AbortSignal };
type Args<R extends Route<M>, M extends Verb> =
  HasPath<R> extends true
    ? [options: Options<R, M>]
    : [BodyOf<R, M>] extends [never]
      ? [options?: Options<R, M>]
      : [options: Options<R, M>];

/** `/exercises/{id}/start` with `{ id: 'x 1' }` -> `/exercises/x%201/start?...` */
export function routeUrl(
  route: string,
  path: Record<string, string> = {},
  query: Record<string, unknown> = {},
): string {
  const url = route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path[name];
    if (value === undefined) throw new Error(`${route}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const q = Object.entries(query).filter(([, v]) => v !== undefined && v !== null);
  return q.length
    ? `${url}?${q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`
    : url;
}

interface CallOptions {
  path?: Record<string, string>;
  query?: object;
  body?: unknown;
  signal?: AbortSignal;
}

function call(method: Verb, route: string, options: CallOptions = {}) {
  const body = method === 'post' && options.body === undefined ? {} : options.body;
  return apiRequest(
    method.toUpperCase() as Method,
    routeUrl(route, options.path, options.query as Record<string, unknown>),
    body,
    { signal: options.signal },
  );
}

export const api = {
  get: <R extends Route<'get'>>(route: R, ...[options]: Args<R, 'get'>) =>
    call('get', route, options as CallOptions | undefined) as Promise<ApiResponse<R, 'get'>>,
  post: <R extends Route<'post'>>(route: R, ...[options]: Args<R, 'post'>) =>
    call('post', route, options as CallOptions | undefined) as Promise<ApiResponse<R, 'post'>>,
  put: <R extends Route<'put'>>(route: R, ...[options]: Args<R, 'put'>) =>
    call('put', route, options as CallOptions | undefined) as Promise<ApiResponse<R, 'put'>>,
  delete: <R extends Route<'delete'>>(route: R, ...[options]: Args<R, 'delete'>) =>
    call('delete', route, options as CallOptions | undefined) as Promise<ApiResponse<R, 'delete'>>,
};

/**
 * A message a person can act on, for notifications and inline alerts, in the reader's language:
 * the API's `code` picks the translation (`errors.<code>`, filled in from the error's values) and a
 * refused request names each field and its problem; the server's own (English) message stands when
 * there is no translation, and in English, where it is the most precise wording (it may name the team).
 */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return errorText(i18next, e, i18next.language === 'en' && !pseudo);
  if (e instanceof Error) return e.message;
  return i18next.t('errors.unknown');
}

/** A refusal over the live connection (an acknowledgement's or `session:error`'s `{ code, message }`), worded like an API error. */
export const socketErrorMessage = (e: { code: string; message: string }): string =>
  errorMessage(new ApiError(0, e.code, e.message));

/**
 * For a form that shows a refused request's problems under its fields: the text for each of
 * `fields` (by field name) and the rest of the error, for the form's alert (undefined when none);
 * `byCode` names the field an error code is about (`join.bad-code` → `code`).
 */
export const formErrors = (e: unknown, fields: readonly string[], byCode?: Partial<Record<string, string>>) =>
  placeErrors(i18next, e, fields, errorMessage, byCode);
