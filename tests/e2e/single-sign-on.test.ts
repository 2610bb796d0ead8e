import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { oidcEnv, type TestIdentityProvider, testIdentityProvider } from '../support/oidc-provider.js';
import { signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * Single sign-on in a real Chromium against a real OpenID Connect provider started here: the
 * sign-in page offers "Sign in with Test IdP", the provider's own login and consent pages sign the
 * person in, and they land in the app with the role their group maps to.
 */
describe('single sign-on in the browser', () => {
  let app: RunningProcess;
  let idp: TestIdentityProvider;
  let browser: Browser;
  let tab: TrackedPage;

  beforeAll(async () => {
    const [appPort, idpPort] = await Promise.all([freePort(), freePort()]);
    idp = testIdentityProvider(idpPort, `http://127.0.0.1:${appPort}/api/auth/oidc/callback`, {
      'alice.sso': { name: 'Alice Control', groups: ['everyone', 'ttx-control'] },
      'watcher.sso': { name: 'Wendy Watcher', groups: ['ttx-watch'] },
      'carol.sso': { name: 'Carol Marketing', groups: ['marketing'] },
    });
    await idp.listen();
    app = await startBackend(testEnv('e2e-sso'), { port: appPort, extraEnv: oidcEnv(idp) });
    browser = await launchBrowser();
    tab = await newTab();
  }, 90_000);

  /** A fresh browser context. The test provider's own pages ask for a web font: answered empty, nothing leaves the machine. */
  async function newTab(colorScheme: 'dark' | 'light' = 'dark'): Promise<TrackedPage> {
    const t = await openPage(browser, app.url, { colorScheme });
    await t.context.route('https://fonts.googleapis.com/**', (r) =>
      r.fulfill({ status: 200, contentType: 'text/css', body: '' }),
    );
    return t;
  }

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await idp?.close();
  });

  /** At the provider's own pages: any login name, any password, then consent. */
  async function atProvider(login: string): Promise<void> {
    const { page } = tab;
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('signs a facilitator in through the provider’s login and consent pages and lands in the control room', async () => {
    const { page } = tab;
    await page.goto('/login');
    const button = page.getByRole('link', { name: 'Sign in with Test IdP' });
    await button.waitFor();
    await screenshot(page, 'sso-01-login-page');
    await button.click();
    await atProvider('alice.sso');
    await page.waitForURL(/\/control/);
    await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Alice Control (facilitator)');
    await screenshot(page, 'sso-02-landed');
    // the facilitator's navigation, not an administrator's
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Accounts' }).count()).toBe(0);
    // my account: no password to change here
    await page.goto('/account');
    await page.getByText('You sign in through single sign-on').waitFor();
  });

  it('signing out ends the session; the provider’s session signs the same person straight back in', async () => {
    const { page } = tab;
    await page.goto('/control');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    expect((await page.request.get('/api/auth/me')).status()).toBe(204);
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    // already signed in at the provider (its own session): back in without typing anything
    await page.waitForURL(/\/control/);
    await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Alice Control (facilitator)');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
  });

  it('an observer lands on the page they asked for, with the observer role', async () => {
    const other = await newTab('light');
    try {
      tab = other;
      await other.page.goto('/observe');
      await other.page.waitForURL(/\/login\?redirect=/);
      await other.page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      await atProvider('watcher.sso');
      await other.page.waitForURL(/\/observe$/);
      await expect.poll(() => other.page.getByTestId('account-name').textContent()).toBe('Wendy Watcher (observer)');
    } finally {
      await other.context.close();
    }
  });

  it('someone with no mapped role gets a clear page, not the app, and can go back to the sign-in page', async () => {
    tab = await newTab();
    const { page } = tab;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await atProvider('carol.sso');
    await page.getByRole('heading', { name: 'Single sign-on did not sign you in' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('no role on this platform is given to you');
    await screenshot(page, 'sso-03-no-role');
    await page.getByRole('link', { name: 'Back to the sign-in page' }).click();
    await page.waitForURL(/\/login$/);
    // local accounts keep working beside single sign-on
    await signIn(page, 'instructor');
    await expect.poll(() => page.getByTestId('account-name').textContent()).toContain('(instructor)');
    // the refusal page itself answers 403 (logged by the browser); nothing else may fail
    expect(unexpectedErrors(tab.errors).filter((e) => !/status of 403/.test(e))).toEqual([]);
  });
});
