import { apiErrorOf } from '../../../lib/api-error';

/** Files go up as the raw request body (the API's JSON parser is for JSON, with a 1 MiB limit). */
export async function uploadFile<T>(
  path: string,
  file: Blob,
  query: Record<string, string | undefined> = {},
): Promise<T> {
  const qs = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ).toString();
  const res = await fetch(`/api${path}${qs ? `?${qs}` : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
    body: file,
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (!res.ok) throw apiErrorOf(res.status, res.statusText, body, res.headers.get('retry-after'));
  return body as T;
}

/** Ask the browser to save a file the API serves as an attachment. */
export function downloadHref(path: string): string {
  return `/api${path}`;
}
