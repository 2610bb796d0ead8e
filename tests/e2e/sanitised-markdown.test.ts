import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { joinAsPlayer, openInject } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage } from './support/browser.js';

/** Hostile markdown written by an author or a facilitator never runs in a player's browser. */
const HOSTILE = [
  'Routine update. <script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '[click here](javascript:window.__pwned="link")',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  '<a href="#" onclick="window.__pwned=\'onclick\'">details</a>',
  '**Bold text stays bold.**',
].join('\n\n');

describe('markdown from injects is sanitised in the console', () => {
  let app: RunningProcess;
  let browser: Browser;
  let player: TrackedPage;

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-sanitise'));
    const staff = await Api.login(app.url);
    const ex = await createExercise(staff, 'demo', 1);
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    browser = await launchBrowser();
    player = await openPage(browser, app.url);
    await joinAsPlayer(player.page, teamByKey(ex, 'soc').joinCode ?? '', 'target');
    const created = await staff.ok<{ injectId: string }>('POST', `/exercises/${ex.id}/adhoc-injects`, {
      channel: 'email',
      from: { name: 'Attacker <b>in</b> the middle', address: 'x@example.com' },
      subject: 'Update <img src=x onerror="window.__pwned=1">',
      body: HOSTILE,
      to: [teamByKey(ex, 'soc').id],
    });
    await openInject(player.page, created.injectId);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renders the text, runs none of the script, handlers or javascript: links', async () => {
    const { page } = player;
    const reader = page.locator('[data-testid="inject-reader"]');
    await reader.waitFor();
    expect(await reader.locator('strong', { hasText: 'Bold text stays bold.' }).count()).toBe(1);
    // give anything that could run the chance to run, including a click on the link
    const link = reader.locator('a', { hasText: 'click here' });
    if ((await link.count()) > 0)
      await link
        .first()
        .click({ trial: false })
        .catch(() => undefined);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const dangerous = await reader.evaluate((root) => ({
      scripts: root.querySelectorAll('script, iframe').length,
      handlers: Array.from(root.querySelectorAll('*')).filter((el) =>
        Array.from(el.attributes).some((a) => a.name.startsWith('on')),
      ).length,
      jsLinks: Array.from(root.querySelectorAll('a[href]')).filter((a) =>
        /^\s*javascript:/i.test(a.getAttribute('href') ?? ''),
      ).length,
    }));
    expect(dangerous).toEqual({ scripts: 0, handlers: 0, jsLinks: 0 });
    await screenshot(page, 'sanitised-markdown');
  });
});
