import { i18next, markPseudo, pseudo } from '../i18n/i18n';
import type { paths } from './api-schema';
import { presentationHeaders } from './presentation-mode';

/**
 * The one HTTP client of the app. Authentication rides on the httpOnly `ttx_session` cookie the
 * backend sets at login/join, so nothing secret lives in JavaScript.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly correlationId?: string,
    /** what the error body's `details` carry (e.g. a pack's errors, each with its own code) */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string | string[];
  correlationId?: string;
  details?: unknown;
}

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
  if (!res.ok) {
    const err = (parsed ?? {}) as ErrorBody;
    const message = Array.isArray(err.message) ? err.message.join('; ') : (err.message ?? res.statusText);
    throw new ApiError(res.status, err.code ?? `http.${res.status}`, message, err.correlationId, err.details);
  }
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
 * the API's `code` picks the translation; the server's own (English) message stands when there is
 * none, and in English, where it is the most precise wording (it may name the team or the field).
 */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (i18next.language === 'en' && !pseudo) return e.message;
    const translated: unknown = i18next.getResource(i18next.language, 'common', `errors.${e.code}`);
    return typeof translated === 'string' ? markPseudo(translated) : e.message;
  }
  if (e instanceof Error) return e.message;
  return i18next.t('errors.unknown');
}
