import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { freePort, INSTRUCTOR_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { CookieBrowser, oidcEnv, type TestIdentityProvider, testIdentityProvider } from '../support/oidc-provider.js';

/**
 * OpenID Connect sign-in for staff against a real provider (`oidc-provider`, its own login and
 * consent pages) started in this test: role mapping, first-sign-in accounts, refusals, and every
 * failure answering a clear page with a 4xx (502 when the provider is unreachable), never a 500.
 */
let app: RunningProcess;
let idp: TestIdentityProvider;
let admin: Api;

interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  authSource: string;
  disabled: boolean;
}

beforeAll(async () => {
  const [appPort, idpPort] = await Promise.all([freePort(), freePort()]);
  idp = testIdentityProvider(idpPort, `http://127.0.0.1:${appPort}/api/auth/oidc/callback`, {
    alice: { name: 'Alice Control', groups: ['staff', 'ttx-control'] },
    bob: { name: 'Bob Both', groups: ['ttx-control', 'ttx-admins'] },
    carol: { name: 'Carol Marketing', groups: ['marketing', 'all-staff'] },
    // the provider's "instructor" is not the platform's local instructor
    mallory: { name: 'Mallory', preferredUsername: 'instructor', groups: ['ttx-admins'] },
    dave: { name: 'Dave \u202Eevil\u202C <b>', groups: ['ttx-watch'] },
  });
  // the provider is not listening yet: the first test sees it "down"
  app = await startBackend(testEnv('sso'), { port: appPort, extraEnv: oidcEnv(idp) });
  admin = await Api.login(app.url, 'admin');
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await idp?.close();
});

const start = (path = '/api/auth/oidc/login') => `${app.url}${path}`;

/** The whole sign-in as a browser does it; returns the callback response (not followed) and the browser. */
async function signIn(login: string, opts: { redirect?: string; browser?: CookieBrowser } = {}) {
  const browser = opts.browser ?? new CookieBrowser();
  const callback = await browser.signInAtProvider(
    start(`/api/auth/oidc/login${opts.redirect ? `?redirect=${encodeURIComponent(opts.redirect)}` : ''}`),
    login,
  );
  const res = await browser.fetch(callback);
  return { res, browser, callback, session: browser.cookie(app.url, 'ttx_session') };
}

const me = async (session: string | undefined) => {
  const r = await fetch(`${app.url}/api/auth/me`, { headers: session ? { cookie: `ttx_session=${session}` } : {} });
  return { status: r.status, user: r.status === 200 ? ((await r.json()) as PublicUser) : undefined };
};

const users = () => admin.ok<PublicUser[]>('GET', '/users');

describe('single sign-on (OpenID Connect)', () => {
  it('says the provider is unreachable with a clear 502 page while it is down, and works once it is up', async () => {
    const down = await new CookieBrowser().fetch(start());
    expect(down.status).toBe(502);
    const page = await down.text();
    expect(page).toContain('Single sign-on is unavailable');
    expect(page).toContain('The identity provider (Test IdP) cannot be reached right now');
    expect(page).toContain('href="/login"');
    const json = await fetch(start(), { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(json.status).toBe(502);
    expect(((await json.json()) as { code: string }).code).toBe('sso.provider-unreachable');

    await idp.listen();
    const up = await new CookieBrowser().fetch(start());
    expect(up.status).toBe(302);
    const to = new URL(up.headers.get('location') ?? '');
    expect(to.origin).toBe(idp.issuer);
    // authorization code flow with PKCE (S256), state and nonce
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('redirect_uri')).toBe(`${app.url}/api/auth/oidc/callback`);
  });

  it('tells the sign-in page the button label', async () => {
    expect(await new Api(app.url).ok('GET', '/auth/oidc')).toEqual({
      enabled: true,
      providerName: 'Test IdP',
      loginUrl: '/api/auth/oidc/login',
    });
  });

  it('creates the account at the first sign-in with the mapped role, marked as single sign-on, and opens a normal session', async () => {
    const { res, session } = await signIn('alice');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const { status, user } = await me(session);
    expect(status).toBe(200);
    expect(user).toMatchObject({
      username: 'alice',
      displayName: 'Alice Control',
      role: 'facilitator',
      authSource: 'oidc',
    });
    // the session is the platform's own: it reaches facilitator routes and shows in the admin's list
    expect((await fetch(`${app.url}/api/exercises`, { headers: { cookie: `ttx_session=${session}` } })).status).toBe(
      200,
    );
    const sessions = await admin.ok<{ name: string; role: string }[]>('GET', '/sessions');
    expect(sessions.some((s) => s.name === 'alice' && s.role === 'facilitator')).toBe(true);
    // no local password exists for it: a password sign-in never works
    expect((await new Api(app.url).post('/auth/login', { username: 'alice', password: '!' })).status).toBe(401);
    expect((await users()).filter((u) => u.username === 'alice')).toHaveLength(1);
  });

  it('signs the same person in to the same account again, and takes the highest mapped role', async () => {
    await signIn('alice');
    expect((await users()).filter((u) => u.username === 'alice')).toHaveLength(1);
    const bob = await signIn('bob');
    expect((await me(bob.session)).user?.role).toBe('admin');
  });

  it('follows a role change at the provider at the next sign-in, ending the sessions under the old role', async () => {
    const before = await signIn('alice');
    expect((await me(before.session)).user?.role).toBe('facilitator');
    idp.people.set('alice', { name: 'Alice Control', groups: ['ttx-watch'] });
    const after = await signIn('alice');
    expect((await me(after.session)).user?.role).toBe('observer');
    expect((await me(before.session)).status).toBe(204);
    idp.people.set('alice', { name: 'Alice Control', groups: ['ttx-control'] });
  });

  it('refuses someone no role is mapped to with a 403 page naming the claim, and creates no account', async () => {
    const { res, session } = await signIn('carol');
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('no role on this platform is given to you');
    expect(page).toContain('the claim &quot;groups&quot;');
    expect(page).toContain('marketing, all-staff');
    expect(session).toBeUndefined();
    expect((await users()).some((u) => u.username === 'carol')).toBe(false);
  });

  it('refuses a disabled account (403, no session) and lets it in again once enabled', async () => {
    const alice = (await users()).find((u) => u.username === 'alice');
    expect(alice).toBeDefined();
    await admin.ok('POST', `/users/${alice?.id}/disable`);
    const { res, session } = await signIn('alice');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This account is disabled on this platform');
    expect(session).toBeUndefined();
    await admin.ok('POST', `/users/${alice?.id}/enable`);
    expect((await me((await signIn('alice')).session)).user?.username).toBe('alice');
  });

  it('refuses an account an administrator deleted (403), even though the provider still maps the person', async () => {
    idp.people.set('erin', { name: 'Erin Leaver', groups: ['ttx-control'] });
    const first = await signIn('erin');
    const erin = (await me(first.session)).user;
    expect(erin?.username).toBe('erin');
    expect((await admin.request('DELETE', `/users/${erin?.id}`)).status).toBe(204);
    expect((await me(first.session)).status).toBe(204);
    const { res, session } = await signIn('erin');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('An administrator deleted this account on this platform');
    expect(session).toBeUndefined();
    expect((await users()).some((u) => u.displayName === 'Erin Leaver')).toBe(false);
  });

  it('never hands a local account to the provider: its "instructor" gets an account of its own', async () => {
    const { session } = await signIn('mallory');
    const user = (await me(session)).user;
    expect(user?.username).toBe('instructor.sso');
    expect(user?.authSource).toBe('oidc');
    // the local instructor is untouched and still signs in with its password
    const local = (await users()).find((u) => u.username === 'instructor');
    expect(local).toMatchObject({ role: 'instructor', authSource: 'local' });
    expect(
      (await new Api(app.url).post('/auth/login', { username: 'instructor', password: INSTRUCTOR_PASSWORD })).status,
    ).toBe(200);
  });

  it('cleans the name the provider sends of markup and invisible characters', async () => {
    const user = (await me((await signIn('dave')).session)).user;
    expect(user?.displayName).toBe('Dave evil b');
    expect(user?.role).toBe('observer');
  });

  it('ends the session at logout like a password sign-in', async () => {
    const { session } = await signIn('alice');
    expect((await me(session)).status).toBe(200);
    expect(
      (await fetch(`${app.url}/api/auth/logout`, { method: 'POST', headers: { cookie: `ttx_session=${session}` } }))
        .status,
    ).toBe(204);
    expect((await me(session)).status).toBe(204);
  });

  it('returns to the page asked for, but never to another site', async () => {
    expect((await signIn('alice', { redirect: '/control?x=1' })).res.headers.get('location')).toBe('/control?x=1');
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/api/auth/logout']) {
      expect((await signIn('alice', { redirect: evil })).res.headers.get('location'), evil).toBe('/');
    }
  });

  it('refuses an answer that does not match the sign-in this browser started (state), with a 400 and no session', async () => {
    const browser = new CookieBrowser();
    const callback = new URL(await browser.signInAtProvider(start(), 'alice'));
    callback.searchParams.set('state', 'a-state-this-browser-never-sent');
    const res = await browser.fetch(callback.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('does not belong to the sign-in this browser started (state mismatch)');
    expect(browser.cookie(app.url, 'ttx_session')).toBeUndefined();
  });

  it("refuses a callback sent to another browser (login CSRF: the attacker's code in the victim's browser)", async () => {
    const attacker = new CookieBrowser();
    const callback = await attacker.signInAtProvider(start(), 'bob');
    const victim = new CookieBrowser();
    const res = await victim.fetch(callback, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This browser has no single sign-on in progress');
    expect(victim.cookie(app.url, 'ttx_session')).toBeUndefined();
  });

  it('refuses a replayed callback: the code works once', async () => {
    const browser = new CookieBrowser();
    const callback = await browser.signInAtProvider(start(), 'alice');
    const request = browser.cookie(app.url, 'ttx_oidc');
    expect((await browser.fetch(callback)).status).toBe(302);
    // the request cookie was cleared; put it back as an attacker who copied it would
    browser.setCookie(app.url, 'ttx_oidc', request);
    browser.setCookie(app.url, 'ttx_session', undefined);
    const again = await browser.fetch(callback, { headers: { accept: 'application/json' } });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: string }).code).toBe('sso.code-refused');
    expect(browser.cookie(app.url, 'ttx_session')).toBeUndefined();
  });

  it('answers 403 when the person cancels at the provider', async () => {
    const browser = new CookieBrowser();
    const callback = await browser.signInAtProvider(start(), 'alice', { abort: true });
    const res = await browser.fetch(callback);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Test IdP did not sign you in (access_denied');
  });

  it('answers a clear 400 to a callback with no code or a forged request cookie', async () => {
    const browser = new CookieBrowser();
    await browser.fetch(start());
    const noCode = await browser.fetch(`${app.url}/api/auth/oidc/callback?state=x`);
    expect(noCode.status).toBe(400);
    browser.setCookie(app.url, 'ttx_oidc', 'eyJhbGciOiJIUzI1NiJ9.eyJzdGF0ZSI6IngifQ.forged');
    const forged = await browser.fetch(`${app.url}/api/auth/oidc/callback?code=abc&state=x`, {
      headers: { accept: 'application/json' },
    });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { code: string }).code).toBe('sso.no-request');
  });

  it('answers 502 when the provider goes down between its login page and the callback, and local accounts keep working', async () => {
    const browser = new CookieBrowser();
    const callback = await browser.signInAtProvider(start(), 'alice');
    await idp.close();
    const res = await browser.fetch(callback);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('did not answer while completing the sign-in');
    expect(browser.cookie(app.url, 'ttx_session')).toBeUndefined();
    expect(
      (await new Api(app.url).post('/auth/login', { username: 'instructor', password: INSTRUCTOR_PASSWORD })).status,
    ).toBe(200);
    expect(app.output()).not.toMatch(/statusCode":500|Internal server error/i);
  });
});
