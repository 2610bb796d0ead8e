import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/app-process.js';
import type { Api } from '../support/api-client.js';

/** Third-party exercise files kept beside the repo (never copied into it). */
export const SAMPLES_DIR = process.env.TTX_SAMPLES_DIR ?? join(REPO_ROOT, '..', 'shared', 'data', 'samples');
export const HAVE_SAMPLES = existsSync(SAMPLES_DIR);
if (!HAVE_SAMPLES)
  console.warn(`[authoring] ${SAMPLES_DIR} is absent: the tests on real third-party files are skipped`);

export const sample = (rel: string) => readFileSync(join(SAMPLES_DIR, rel));
export const fixture = (rel: string) => readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'authoring', rel));
export const demoYaml = () => readFileSync(join(REPO_ROOT, 'injects', 'demo', 'pack.yaml'), 'utf8');

/** POST a file as the raw request body, the way the web console uploads it. */
export async function upload<T = any>(
  api: Api,
  path: string,
  data: Buffer | string,
  query: Record<string, string | undefined> = {},
): Promise<{ status: number; body: T }> {
  const qs = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  const res = await fetch(`${api.baseUrl}/api${path}${qs ? `?${qs}` : ''}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      ...(api.token ? { authorization: `Bearer ${api.token}` } : {}),
    },
    body: typeof data === 'string' ? data : new Uint8Array(data),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T };
}

export async function download(api: Api, path: string): Promise<{ status: number; headers: Headers; data: Buffer }> {
  const res = await fetch(`${api.baseUrl}/api${path}`, {
    headers: api.token ? { authorization: `Bearer ${api.token}` } : {},
  });
  return { status: res.status, headers: res.headers, data: Buffer.from(await res.arrayBuffer()) };
}
