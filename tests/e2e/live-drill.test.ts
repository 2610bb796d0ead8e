import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, type ExerciseDetail } from '../support/api-client.js';
import { ADMIN_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { inboxIds, joinAsPlayer, openInject, signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The live drill end to end in a real Chromium: a facilitator runs the demo pack from the
 * control room at ×600 while two players on two teams work in their consoles.
 */
describe('the live drill in the browser', () => {
  let app: RunningProcess;
  let browser: Browser;
  let facilitator: TrackedPage;
  let soc: TrackedPage;
  let cert: TrackedPage;
  let exercise: ExerciseDetail;

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-drill'));
    const admin = await Api.login(app.url, 'admin');
    const created = await admin.post('/users', {
      username: 'fac.kim',
      displayName: 'Facilitator Kim',
      password: ADMIN_PASSWORD,
      role: 'facilitator',
    });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    browser = await launchBrowser();
    facilitator = await openPage(browser, app.url);
    soc = await openPage(browser, app.url);
    cert = await openPage(browser, app.url, { colorScheme: 'light' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a facilitator creates the demo exercise from the pack in the control room', async () => {
    const { page } = facilitator;
    await signIn(page, 'fac.kim');
    await page.getByRole('combobox', { name: 'Scenario pack' }).click();
    await page.getByRole('option', { name: /Demo: ransomware/ }).click();
    await page.getByLabel('Exercise name (optional)').fill('E2E port drill');
    await page.getByRole('button', { name: 'Create exercise' }).click();
    await page.waitForURL(/\/control\/[0-9a-f-]{36}$/);
    await page.getByTestId('control-room').waitFor();
    const exerciseId = page.url().split('/').pop() ?? '';
    const staff = await Api.login(app.url);
    exercise = await staff.ok<ExerciseDetail>('GET', `/exercises/${exerciseId}`);
    expect(exercise.teams.map((t) => t.key).sort()).toEqual(['cert', 'comms', 'soc']);
    // the exercise clock is visible from the start, stopped at T+00:00:00
    await expect.poll(() => page.getByTestId('exercise-clock').textContent()).toContain('T+00:00:00');
    // join codes and invite links are shown to the facilitator
    for (const t of exercise.teams)
      await page.locator(`[data-team-key="${t.key}"] [data-join-code="${t.joinCode}"]`).waitFor();
    await screenshot(page, 'drill-01-control-room-draft');
  });

  it('two players on two teams join through the join page and see their team console', async () => {
    const code = (key: string) => exercise.teams.find((t) => t.key === key)?.joinCode ?? '';
    await joinAsPlayer(soc.page, code('soc'), 'Min-ji (SOC)');
    await joinAsPlayer(cert.page, code('cert'), 'Ji-ho (CERT)');
    await expect.poll(() => soc.page.getByTestId('team-name').textContent()).toBe('Port operator SOC');
    await expect.poll(() => cert.page.getByTestId('team-name').textContent()).toBe('National CERT');
    expect(await inboxIds(soc.page)).toEqual([]);
    await soc.page.locator('[data-connection="connected"]').waitFor();
    await cert.page.locator('[data-connection="connected"]').waitFor();
  });

  it('the facilitator starts at ×600 and each console receives its own injects live, newest first', async () => {
    const { page } = facilitator;
    await page.getByRole('button', { name: 'Speed ×600' }).click();
    await expect.poll(() => page.getByLabel('clock speed', { exact: true }).textContent()).toBe('×600');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.locator('[data-clock-status="running"]').waitFor();
    // T+00:25 arrives after 2.5 s of wall time at ×600; the consoles fill without a reload
    await until(async () => (await inboxIds(soc.page)).length >= 5, 20_000, 'SOC inbox to fill');
    await until(async () => (await inboxIds(cert.page)).length >= 3, 20_000, 'CERT inbox to fill');
    const socIds = await inboxIds(soc.page);
    const certIds = await inboxIds(cert.page);
    expect(socIds).toEqual(expect.arrayContaining(['phish-email', 'edr-alert', 'cert-followup', 'ransom-note']));
    expect(socIds.indexOf('ransom-note')).toBeLessThan(socIds.indexOf('phish-email'));
    expect(certIds).toEqual(expect.arrayContaining(['cert-advisory', 'cert-followup', 'ransom-note']));
    // isolation: nothing of another team's
    expect(socIds).not.toContain('cert-advisory');
    expect(certIds).not.toContain('phish-email');
    expect(certIds).not.toContain('press-call');
    // nothing shown twice
    expect(new Set(socIds).size).toBe(socIds.length);
    // the control room timeline marks deliveries live
    await page
      .locator('[data-testid="timeline"] tr[data-inject-id="ransom-note"][data-status="delivered"]')
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'drill-02-control-room-running');
    await screenshot(soc.page, 'drill-03-soc-inbox');
  });

  it('each channel is rendered like the real tool', async () => {
    const { page } = soc;
    await openInject(page, 'phish-email');
    const reader = page.getByTestId('inject-reader');
    await reader.locator('[data-channel-view="email"]').waitFor();
    await expect
      .poll(() => reader.locator('[data-header="from"]').textContent())
      .toContain('billing@harbour-logistics.example');
    await expect
      .poll(() => reader.locator('[data-artifact="ioc-table"]').textContent())
      .toContain('HL-20931_statement.iso');
    // markdown is rendered (bold), not shown as raw asterisks
    expect(await reader.locator('strong', { hasText: 'HL-20931' }).count()).toBe(1);
    await screenshot(page, 'drill-04-email');
    await openInject(page, 'edr-alert');
    await reader.locator('[data-channel-view="siem"]').waitFor();
    expect(await reader.locator('[data-severity="high"]').count()).toBe(1);
    expect(await reader.locator('[data-field="host"]').textContent()).toBe('BOOK-APP-02');
    await screenshot(page, 'drill-05-siem');
    await openInject(cert.page, 'cert-advisory');
    const tlp = cert.page.locator('[data-channel-view="intel"] [data-tlp="TLP:AMBER"]').first();
    await tlp.waitFor();
    const colours = await tlp.evaluate((el) => ({
      fg: getComputedStyle(el).color,
      bg: getComputedStyle(el).backgroundColor,
    }));
    expect(colours).toEqual({ fg: 'rgb(255, 192, 0)', bg: 'rgb(0, 0, 0)' });
    await screenshot(cert.page, 'drill-06-intel-tlp-amber-light-theme');
  });

  it('players acknowledge and respond; the control room sees responses and the status grid change live', async () => {
    const { page } = facilitator;
    const edrCell = page.locator('[data-testid="status-grid"] [data-inject-id="edr-alert"][data-state]').first();
    await edrCell.waitFor();
    const before = await edrCell.getAttribute('data-state');
    // a teammate follows the same alert in a console of her own
    const mate = await openPage(browser, app.url);
    await joinAsPlayer(mate.page, exercise.teams.find((t) => t.key === 'soc')?.joinCode ?? '', 'Tae-yang (SOC)');
    await mate.page.locator('[data-connection="connected"]').waitFor();
    await until(async () => (await inboxIds(mate.page)).includes('edr-alert'), 10_000, "the teammate's inbox");
    await openInject(mate.page, 'edr-alert');
    const mateLogFetches: string[] = [];
    mate.page.on(
      'request',
      (r) =>
        /\/api\/play\/(responses|acks)$/.test(new URL(r.url()).pathname) &&
        r.method() === 'GET' &&
        mateLogFetches.push(r.url()),
    );
    // SOC acknowledges and responds to the EDR alert
    await openInject(soc.page, 'edr-alert');
    await soc.page.getByTestId('ack-button').click();
    await expect.poll(() => soc.page.getByTestId('ack-button').textContent()).toBe('Acknowledged');
    await soc.page.getByLabel('Isolate BOOK-APP-02 from the network').check();
    await soc.page
      .getByLabel('Response notes (markdown)')
      .fill('Isolated **BOOK-APP-02** at the switch; memory image taken.');
    await soc.page.getByRole('button', { name: 'Log response' }).click();
    await soc.page.locator('[data-testid="inject-responses"] [data-response-id]').first().waitFor();
    // the teammate sees the acknowledgement and the response arrive, merged from the socket events
    // without refetching the team's log
    await expect
      .poll(() => mate.page.getByTestId('acked-by').textContent(), { timeout: 10_000 })
      .toContain('Min-ji (SOC)');
    await expect
      .poll(() => mate.page.getByTestId('inject-responses').textContent(), { timeout: 10_000 })
      .toContain('Isolated');
    expect(mateLogFetches).toEqual([]);
    expect(unexpectedErrors(mate.errors)).toEqual([]);
    await mate.page.context().close();
    // CERT responds to the advisory
    await openInject(cert.page, 'cert-advisory');
    await cert.page.getByLabel('Share the indicators with the sector under TLP:AMBER').check();
    await cert.page.getByRole('button', { name: 'Log response' }).click();
    await cert.page.locator('[data-testid="inject-responses"] [data-response-id]').first().waitFor();
    // the facilitator sees both without reloading
    await page.getByRole('tab', { name: 'Responses' }).click();
    const feed = page.getByTestId('response-feed');
    await expect.poll(() => feed.locator('[data-response-id]').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => feed.textContent()).toContain('Isolated');
    await expect.poll(() => feed.textContent()).toContain('National CERT');
    {
      const socId = exercise.teams.find((t) => t.key === 'soc')?.id;
      await expect
        .poll(
          () =>
            page
              .locator(`[data-testid="status-grid"] [data-team-id="${socId}"][data-inject-id="edr-alert"]`)
              .getAttribute('data-state'),
          { timeout: 10_000 },
        )
        .toBe('responded');
      expect(before).not.toBe('responded');
    }
    await screenshot(page, 'drill-07-control-room-responses');
    await screenshot(soc.page, 'drill-08-soc-responded');
  });

  it('a reload restores the console: same inbox, nothing twice, read state and the open message kept', async () => {
    const { page } = soc;
    await openInject(page, 'edr-alert');
    const idsBefore = await inboxIds(page);
    const unreadBefore = await page
      .locator('[data-testid="inbox"] > li[data-unread="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-inject-id')));
    await page.reload();
    await page.getByTestId('team-console').waitFor();
    await until(async () => (await inboxIds(page)).length === idsBefore.length, 10_000, 'inbox after reload');
    expect(await inboxIds(page)).toEqual(idsBefore);
    const unreadAfter = await page
      .locator('[data-testid="inbox"] > li[data-unread="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-inject-id')));
    expect(unreadAfter).toEqual(unreadBefore);
    expect(await page.getByTestId('inject-reader').getAttribute('data-inject-id')).toBe('edr-alert');
    await page.locator('[data-testid="inject-responses"] [data-response-id]').first().waitFor();
    await page.locator('[data-connection="connected"]').waitFor();
    await screenshot(page, 'drill-09-soc-after-reload');
  });

  it('ran without page errors', () => {
    for (const [who, p] of [
      ['facilitator', facilitator],
      ['soc', soc],
      ['cert', cert],
    ] as const)
      expect(unexpectedErrors(p.errors), `${who}: ${p.errors.join(' | ')}`).toEqual([]);
  });
});
