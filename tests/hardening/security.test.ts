import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';

const TOKEN_SECRET = 'tok-secret-9f3b1c7e2a4d6f8091b3c5d7e9f1a3b5';
const ADMIN_PASSWORD = 'adm-pass-71c2e9d4b6';
const DEMO_PASSWORD = 'demo-pass-83d1f0a2c5';

let app: RunningProcess;
beforeAll(async () => {
  // debug logging, so that "never logged" covers the chattiest level too
  // behind a local TLS proxy: its X-Forwarded-Proto counts (TRUST_PROXY), a client's would not
  app = await startBackend(testEnv('security'), {
    extraEnv: { TOKEN_SECRET, ADMIN_PASSWORD, DEMO_PASSWORD, LOG_LEVEL: 'debug', TRUST_PROXY: 'loopback' },
  });
});
afterAll(async () => {
  await app.stop();
});

const raw = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, init);
const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  raw('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

describe('security headers', () => {
  it('sends a content security policy without inline or remote scripts, on the app and the API', async () => {
    for (const path of ['/', '/play', '/api/health', '/api/nope']) {
      const res = await raw(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v]),
      );
      expect(directives.get('script-src'), path).toEqual(["'self'"]);
      expect(directives.get('script-src-attr'), path).toEqual(["'none'"]);
      expect(directives.get('default-src'), path).toEqual(["'self'"]);
      expect(directives.get('object-src'), path).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(directives.get('connect-src'), path).toEqual(["'self'"]);
      expect(csp, 'no upgrade-insecure-requests: plain-HTTP installs must keep working').not.toContain(
        'upgrade-insecure-requests',
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('serves a web console whose HTML carries no inline script, so the policy does not break it', async () => {
    const index = join(REPO_ROOT, 'frontend/dist/index.html');
    if (!existsSync(index)) return expect.fail('frontend/dist is not built: run `npm run build`');
    const html = await (await raw('/')).text();
    expect(html).toBe(readFileSync(index, 'utf8'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/[^"]+"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('session cookie', () => {
  const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('ttx_session=')) ?? '';

  it('is httpOnly, SameSite=Lax and app-wide; Secure when the request came over HTTPS through a trusted local proxy', async () => {
    const plain = cookieOf(await login('instructor', DEMO_PASSWORD));
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).toMatch(/; SameSite=Lax/);
    expect(plain).toMatch(/; Path=\//);
    expect(plain).toMatch(/; Max-Age=\d+/);
    expect(plain).not.toMatch(/; Secure/);
    const tls = cookieOf(await login('instructor', DEMO_PASSWORD, { 'x-forwarded-proto': 'https' }));
    expect(tls).toMatch(/; Secure/);
    expect(tls).toMatch(/; HttpOnly/);
  });

  it('is set the same way for players who join with a code, and cleared with the same flags', async () => {
    const staff = await Api.login(app.url, 'instructor', DEMO_PASSWORD);
    const ex = await createExercise(staff, 'demo');
    const res = await raw('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ code: teamByKey(ex, 'soc').joinCode, displayName: 'p' }),
    });
    expect(res.status).toBe(200);
    expect(cookieOf(res)).toMatch(
      /; HttpOnly.*; Secure.*; SameSite=Lax|; HttpOnly.*; SameSite=Lax.*; Secure|; Secure.*; HttpOnly.*; SameSite=Lax/,
    );
    const out = await raw('/api/auth/logout', { method: 'POST', headers: { 'x-forwarded-proto': 'https' } });
    expect(out.status).toBe(204);
    const cleared = cookieOf(out);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared).toMatch(/; HttpOnly/);
    expect(cleared).toMatch(/; Secure/);
  });
});

describe('login rate limiting', () => {
  it('locks an account out from an address after 10 failed sign-ins, says for how long, and leaves others alone', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await login('admin', `wrong-${i}`);
      expect(r.status).toBe(401);
      expect(((await r.json()) as { code: string }).code).toBe('auth.bad-credentials');
    }
    const locked = await login('admin', 'wrong-again');
    expect(locked.status).toBe(429);
    const body = (await locked.json()) as { code: string; message: string };
    expect(body.code).toBe('auth.locked');
    expect(body.message).toMatch(/Too many failed sign-ins .* try again in 15 minute\(s\)/);
    // even the right password waits out the lockout: a guesser learns nothing
    expect((await login('admin', ADMIN_PASSWORD)).status).toBe(429);
    // another account from the same address is not locked
    expect((await login('instructor', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('body size limits', () => {
  it('answers a body over 1 MB with 413 naming the limit, and keeps serving', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) });
    const r = await raw('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(r.status).toBe(413);
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('body.too-large');
    expect(body.message).toMatch(/too large .*limit is 1048576 bytes \(1024 KiB\)/);
    expect((await raw('/api/health')).status).toBe(200);
  });

  it('answers broken JSON with 400 and says so', async () => {
    const r = await raw('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "a",',
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: string }).code).toBe('body.invalid-json');
  });
});

describe('secrets', () => {
  it('never writes the token secret, the admin password, passwords tried or session tokens to the log', async () => {
    const staff = await Api.login(app.url, 'instructor', DEMO_PASSWORD);
    await login('observer-nobody', 'a-password-tried-1234');
    await staff.request('GET', '/exercises/does-not-exist');
    await staff.request('POST', '/users', {
      username: 'newbie',
      displayName: 'N',
      password: 'new-user-secret-55',
      role: 'observer',
    });
    await new Promise((r) => setTimeout(r, 300));
    const log = app.output();
    expect(log.length, 'the backend logged something at debug level').toBeGreaterThan(0);
    for (const secret of [
      TOKEN_SECRET,
      ADMIN_PASSWORD,
      DEMO_PASSWORD,
      'a-password-tried-1234',
      'new-user-secret-55',
      staff.token ?? 'no-token',
    ])
      expect(log).not.toContain(secret);
    expect(log).not.toMatch(/\$argon2id\$/);
  });
});
