import { i18next, markPseudo, pseudo } from '../i18n/i18n';
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
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export async function apiRequest<T>(method: Method, path: string, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...presentationHeaders() },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection; the page will catch up when it is back.');
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = (parsed ?? {}) as ErrorBody;
    const message = Array.isArray(err.message) ? err.message.join('; ') : (err.message ?? res.statusText);
    throw new ApiError(res.status, err.code ?? `http.${res.status}`, message, err.correlationId);
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

export const api = {
  get: <T>(path: string, init?: { signal?: AbortSignal }) => apiRequest<T>('GET', path, undefined, init),
  post: <T>(path: string, body: unknown = {}) => apiRequest<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
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
