import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail } from '../support/api-client.js';
import { INSTRUCTOR_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';

/**
 * The session cookie is SameSite=Lax, so a page on the same *site* (another port on the host, a
 * sibling subdomain) can still send it. State-changing requests and socket connections must come
 * from the platform's own origin (or one configured in ALLOWED_ORIGINS).
 */
const EVIL = 'http://evil.example';
const FRIEND = 'https://ttx.example.org';

let app: RunningProcess;
let staff: Api;
let cookie: string;
let ex: ExerciseDetail;

beforeAll(async () => {
  app = await startBackend(testEnv('csrf'), { extraEnv: { ALLOWED_ORIGINS: `${FRIEND}, http://localhost:5173` } });
  staff = await Api.login(app.url);
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'instructor', password: INSTRUCTOR_PASSWORD }),
  });
  cookie = (login.headers.getSetCookie().find((c) => c.startsWith('ttx_session=')) ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^ttx_session=.+/);
  ex = await createExercise(staff, 'demo');
  await staff.ok('POST', `/exercises/${ex.id}/start`);
}, 90_000);
afterAll(async () => {
  await app?.stop();
});

/** A cookie-only request, the way a browser on another page would send it (no bearer token). */
const withCookie = (path: string, headers: Record<string, string>, method = 'POST') =>
  fetch(`${app.url}/api${path}`, {
    method,
    headers: { cookie, 'content-type': 'text/plain', ...headers },
    body: method === 'GET' ? undefined : '{}',
  });

const status = async () => (await staff.ok<{ clock: { status: string } }>('GET', `/exercises/${ex.id}`)).clock.status;

describe('state-changing requests from another origin', () => {
  it('refuses a cookie-only text/plain POST from a foreign Origin with 403, and the exercise keeps running', async () => {
    for (const action of ['pause', 'end']) {
      const r = await withCookie(`/exercises/${ex.id}/${action}`, { origin: EVIL });
      expect(r.status, action).toBe(403);
      const body = (await r.json()) as { code: string; message: string };
      expect(body.code).toBe('origin.refused');
      expect(body.message).toContain('Origin http://evil.example');
      expect(body.message).toContain('ALLOWED_ORIGINS');
    }
    expect(await status()).toBe('running');
  });

  it('refuses what the browser marks as same-site or cross-site when it sends no Origin, and a "null" Origin', async () => {
    for (const site of ['same-site', 'cross-site'])
      expect((await withCookie(`/exercises/${ex.id}/pause`, { 'sec-fetch-site': site })).status, site).toBe(403);
    expect((await withCookie(`/exercises/${ex.id}/pause`, { origin: 'null' })).status).toBe(403);
    // a sibling port on the same host is another origin
    const port = new URL(app.url).port;
    expect(
      (await withCookie(`/exercises/${ex.id}/pause`, { origin: `http://127.0.0.1:${Number(port) + 1}` })).status,
    ).toBe(403);
    expect(await status()).toBe('running');
  });

  it('guards every state-changing method and route, including sign-in, sign-out and joining', async () => {
    for (const [method, path] of [
      ['POST', '/auth/login'],
      ['POST', '/auth/logout'],
      ['POST', '/join'],
      ['PUT', `/exercises/${ex.id}/report/findings`],
      ['DELETE', `/exercises/${ex.id}/improvement-plan/00000000-0000-0000-0000-000000000000`],
      ['POST', '/play/votes'],
    ] as const) {
      expect((await withCookie(path, { origin: EVIL }, method)).status, `${method} ${path}`).toBe(403);
    }
    // reads are not state-changing: a GET with a foreign Origin is answered as usual
    expect((await withCookie(`/exercises/${ex.id}`, { origin: EVIL }, 'GET')).status).toBe(200);
  });

  it("accepts the platform's own pages, configured origins and clients that are not browsers", async () => {
    const own = new URL(app.url).origin;
    expect(
      (await withCookie(`/exercises/${ex.id}/pause`, { origin: own, 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(200);
    expect((await withCookie(`/exercises/${ex.id}/resume`, { origin: own })).status).toBe(200);
    expect(
      (await withCookie(`/exercises/${ex.id}/pause`, { origin: FRIEND, 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(200);
    // a dev server that proxies /api keeps its own Host: the browser still says same-origin
    expect(
      (
        await withCookie(`/exercises/${ex.id}/resume`, {
          origin: 'http://localhost:5174',
          'sec-fetch-site': 'same-origin',
        })
      ).status,
    ).toBe(200);
    // typed into the address bar / a bookmark
    expect((await withCookie(`/exercises/${ex.id}/pause`, { 'sec-fetch-site': 'none' })).status).toBe(200);
    // the CLI, scripts and the tests send neither Origin nor Sec-Fetch-Site
    expect((await withCookie(`/exercises/${ex.id}/resume`, {})).status).toBe(200);
    expect(await status()).toBe('running');
  });
});

describe('socket.io connections from another origin', () => {
  /** Connect with the session cookie (and no token), as a browser page would; resolve with what happened. */
  const connect = (headers: Record<string, string>, transport: 'websocket' | 'polling') =>
    new Promise<{ connected: boolean; error?: string; watch?: unknown }>((resolve) => {
      const socket = io(app.url, {
        path: '/socket.io',
        transports: [transport],
        extraHeaders: { cookie, ...headers },
        reconnection: false,
        forceNew: true,
        timeout: 5000,
      });
      socket.on('session:ready', async () => {
        const watch: unknown = await socket
          .timeout(5000)
          .emitWithAck('exercise:watch', { exerciseId: ex.id })
          .catch((e: Error) => e.message);
        socket.close();
        resolve({ connected: true, watch });
      });
      socket.on('connect_error', (e: Error) => {
        socket.close();
        resolve({ connected: false, error: e.message });
      });
    });

  it('refuses a WebSocket or polling handshake that carries the cookie from a foreign Origin', async () => {
    for (const transport of ['websocket', 'polling'] as const) {
      const r = await connect({ origin: EVIL }, transport);
      expect(r.connected, transport).toBe(false);
      expect(r.watch).toBeUndefined();
    }
  });

  it('accepts the same origin, a configured origin and non-browser clients', async () => {
    for (const headers of [{ origin: new URL(app.url).origin }, { origin: FRIEND }, {}] as Record<string, string>[]) {
      const r = await connect(headers, 'websocket');
      expect(r, JSON.stringify(headers)).toMatchObject({ connected: true, watch: { ok: true } });
    }
  });
});
