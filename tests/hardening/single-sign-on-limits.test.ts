import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { freePort, INSTRUCTOR_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { CookieBrowser, oidcEnv, type TestIdentityProvider, testIdentityProvider } from '../support/oidc-provider.js';

/**
 * Single sign-on spends the same sign-in budget per address as password sign-in (30 failed
 * attempts in 15 minutes, counted in Redis): starts that never come back and forged callbacks
 * count; a completed sign-in costs nothing. Its own app and provider, so the other SSO tests keep
 * their budget.
 */
let app: RunningProcess;
let idp: TestIdentityProvider;

beforeAll(async () => {
  const [appPort, idpPort] = await Promise.all([freePort(), freePort()]);
  idp = testIdentityProvider(idpPort, `http://127.0.0.1:${appPort}/api/auth/oidc/callback`, {
    alice: { name: 'Alice Control', groups: ['ttx-control'] },
  });
  await idp.listen();
  app = await startBackend(testEnv('sso-limits'), { port: appPort, extraEnv: oidcEnv(idp) });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await idp?.close();
});

describe('single sign-on is rate-limited like password sign-in', () => {
  it('completed sign-ins cost nothing; 30 abandoned starts and forged callbacks from one address lock it out (429, Retry-After), password sign-in included', async () => {
    for (let i = 0; i < 3; i++) {
      const browser = new CookieBrowser();
      const callback = await browser.signInAtProvider(`${app.url}/api/auth/oidc/login`, 'alice');
      expect((await browser.fetch(callback)).status).toBe(302);
      expect(browser.cookie(app.url, 'ttx_session')).toBeDefined();
    }
    for (let i = 0; i < 29; i++)
      expect((await fetch(`${app.url}/api/auth/oidc/login`, { redirect: 'manual' })).status, `start ${i + 1}`).toBe(
        302,
      );
    const forged = await fetch(`${app.url}/api/auth/oidc/callback?code=abc&state=x`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    expect(forged.status).toBe(400);

    const locked = await fetch(`${app.url}/api/auth/oidc/callback?code=abc&state=x`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await locked.json()) as { code: string }).code).toBe('auth.locked');
    const page = await fetch(`${app.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(page.status).toBe(429);
    expect(await page.text()).toMatch(/Too many sign-in attempts[\s\S]*try again in \d+ minute\(s\)/);
    // one budget per address: the password sign-in from this address is refused too
    const password = await new Api(app.url).post('/auth/login', {
      username: 'instructor',
      password: INSTRUCTOR_PASSWORD,
    });
    expect(password.status).toBe(429);
    expect(app.output()).not.toMatch(/statusCode":500|Internal server error/i);
  });
});

describe('single sign-on switched off', () => {
  it('answers its routes with 404 and spends nothing of the sign-in budget', async () => {
    const plain = await startBackend(testEnv('sso-off-limits'));
    try {
      for (let i = 0; i < 40; i++) {
        const path = i % 2 === 0 ? '/api/auth/oidc/login' : '/api/auth/oidc/callback?code=abc&state=x';
        const r = await fetch(`${plain.url}${path}`, { redirect: 'manual', headers: { accept: 'application/json' } });
        expect(r.status, `${path} #${i + 1}`).toBe(404);
        expect(((await r.json()) as { code: string }).code).toBe('sso.not-configured');
      }
      // 40 requests to a switched-off feature are not 40 failed sign-ins
      expect(
        (await new Api(plain.url).post('/auth/login', { username: 'instructor', password: INSTRUCTOR_PASSWORD }))
          .status,
      ).toBe(200);
    } finally {
      await plain.stop();
    }
  });
});
