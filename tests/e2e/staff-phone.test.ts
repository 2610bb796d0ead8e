import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * A facilitator and an evaluator on a 390×844 phone, in English and in Korean: the control room's
 * header folds to one row (clock, pause/resume, more) and leaves the screen to the feed, every
 * control still a tap away; each timeline inject is a card that fits the screen, the status grid's
 * times are whole; the evaluator's tabs all fit, team names read as written, and the score
 * breakdown fits the screen, nothing scrolls sideways.
 */

const PHONE = { width: 390, height: 844 };
const UI = 20_000;

/** Where the control room's own content starts: everything above it is header. */
const headerBottom = (page: Page) =>
  page.locator('[data-testid="control-room"] > header').evaluate((el) => el.getBoundingClientRect().bottom);

/** Elements in `scope` (and the page) that are wider than their box or reach past the scope's right edge. */
function sidewaysOverflow(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const doc = document.scrollingElement;
    if (doc && doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    const root = document.querySelector<HTMLElement>(sel);
    if (!root) return [`${sel} not found`];
    const right = root.getBoundingClientRect().right;
    for (const el of [root, ...Array.from(root.querySelectorAll<HTMLElement>('*'))]) {
      if (el.offsetParent === null) continue;
      const tag = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.textContent ?? '').slice(0, 30)}"`;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        out.push(`${tag} scrolls: ${el.scrollWidth} > ${el.clientWidth}`);
      const r = el.getBoundingClientRect();
      if (r.right > right + 1) out.push(`${tag} ends at ${Math.round(r.right)} > ${Math.round(right)}`);
    }
    return out.slice(0, 10);
  }, scope);
}

describe('staff seats on a phone', () => {
  let app: RunningProcess;
  let browser: Browser;
  let staff: Api;
  let exercise: ExerciseDetail;
  let phone: TrackedPage;

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-staff-phone'));
    staff = await Api.login(app.url);
    exercise = await createExercise(staff, 'demo', 1);
    await staff.ok('POST', `/exercises/${exercise.id}/start`);
    for (const id of ['edr-alert', 'cert-advisory'])
      await staff.ok('POST', `/exercises/${exercise.id}/injects/${id}/fire`);
    // the SOC answers the EDR alert without isolating: a breakdown with points and a rule to read
    const soc = await Api.join(app.url, teamByKey(exercise, 'soc').joinCode ?? '', 'Min-ji (SOC)');
    await until(
      async () => ((await soc.get('/play/injects')).body as { id: string }[]).some((i) => i.id === 'edr-alert'),
      UI,
      'the EDR alert for the SOC',
    );
    await soc.ok('POST', '/play/responses', {
      injectId: 'edr-alert',
      text: 'Rebooted BOOK-APP-02; isolation pending approval from the business owner.',
      optionIds: ['reboot'],
    });
    browser = await launchBrowser();
    phone = await openPage(browser, app.url, { viewport: PHONE, touch: true });
    phone.page.setDefaultTimeout(UI);
    await signIn(phone.page, 'instructor');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the control room header takes at most a third of the phone, the clock in sight; pause and resume work from it', async () => {
    const { page } = phone;
    await page.goto(`/control/${exercise.id}`);
    await page.getByTestId('control-room').waitFor();
    await page.locator('[data-clock-status="running"]').waitFor();
    const bottom = await headerBottom(page);
    expect(bottom, `header ends at ${bottom} px of ${PHONE.height}`).toBeLessThanOrEqual(PHONE.height * 0.35);
    const clock = page.getByTestId('exercise-clock');
    expect(await clock.isVisible()).toBe(true);
    await screenshot(page, 'staff-phone-control-en');

    await page.getByRole('button', { name: 'Pause' }).tap();
    await page.locator('[data-clock-status="paused"]').waitFor();
    expect((await staff.ok<ExerciseDetail>('GET', `/exercises/${exercise.id}`)).clock.status).toBe('paused');
    await page.getByRole('button', { name: 'Resume' }).tap();
    await page.locator('[data-clock-status="running"]').waitFor();
    expect((await staff.ok<ExerciseDetail>('GET', `/exercises/${exercise.id}`)).clock.status).toBe('running');

    // the rest is one tap away, and the clock stays on screen while it is open
    const more = page.getByRole('button', { name: 'More controls' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: 'End' }).isVisible()).toBe(false);
    await more.tap();
    for (const name of ['Join codes', 'Evaluate', 'End', 'Speed ×60'])
      await page.getByRole('button', { name, exact: true }).or(page.getByRole('link', { name })).first().waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await clock.isVisible()).toBe(true);
    // unfolded whole, inside the header: nothing cut by the fold
    const end = page.getByRole('button', { name: 'End', exact: true });
    await expect
      .poll(async () => {
        const b = await end.boundingBox();
        return b !== null && b.y + b.height <= (await headerBottom(page));
      })
      .toBe(true);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'staff-phone-control-more-en');
    await page.getByRole('button', { name: 'Join codes' }).tap();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(unexpectedErrors(phone.errors)).toEqual([]);
  });

  it('in Korean too the header stays one row of clock and controls', async () => {
    const { page } = phone;
    await page.goto(`/control/${exercise.id}?lng=ko`);
    await page.getByTestId('control-room').waitFor();
    await page.getByRole('button', { name: '일시정지' }).waitFor();
    expect(await headerBottom(page)).toBeLessThanOrEqual(PHONE.height * 0.35);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'staff-phone-control-ko');
    await page.goto(`/control/${exercise.id}?lng=en`);
    await page.getByRole('button', { name: 'Pause' }).waitFor();
  });

  for (const lng of ['en', 'ko'] as const)
    it(`(${lng}) each timeline inject is a card that fits the phone, its teams in sight; the status grid's times are whole`, async () => {
      const { page } = phone;
      await page.goto(`/control/${exercise.id}?lng=${lng}`);
      await page.getByTestId('control-room').waitFor();
      const delivered = page.locator(
        '[data-testid="timeline"] tr[data-inject-id="edr-alert"][data-status="delivered"]',
      );
      await delivered.waitFor();
      // nothing in the timeline reaches past its pane, and the pane does not scroll sideways
      expect(await sidewaysOverflow(page, '[data-testid="timeline-pane"]')).toEqual([]);
      const to = delivered.getByTestId('timeline-to');
      expect(await to.innerText()).toBe(`${lng === 'en' ? 'To' : '대상'}: ${teamByKey(exercise, 'soc').name}`);
      const pane = await page.getByTestId('timeline-pane').boundingBox();
      await delivered.scrollIntoViewIfNeeded();
      const toBox = await to.boundingBox();
      expect(pane && toBox && toBox.x >= pane.x && toBox.x + toBox.width <= pane.x + pane.width).toBe(true);

      // the grid: each inject's time on its own line, whole; the inject column stays put while the teams scroll
      const grid = page.getByTestId('status-grid');
      await grid.scrollIntoViewIfNeeded();
      const times = await grid.getByTestId('grid-time').evaluateAll((els) =>
        els.map((el) => {
          const cell = el.closest('th')?.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          return {
            text: el.textContent ?? '',
            whole: el.scrollWidth <= el.clientWidth + 1 && !!cell && r.left >= cell.left && r.right <= cell.right + 1,
          };
        }),
      );
      expect(times.length).toBeGreaterThanOrEqual(2);
      for (const time of times) expect(time, time.text).toEqual({ text: time.text, whole: true });
      expect(times.some((x) => /^T\+\d\d:\d\d:\d\d$/.test(x.text))).toBe(true);
      const gridPane = grid.locator('xpath=..');
      await gridPane.evaluate((el) => (el.scrollLeft = el.scrollWidth));
      const first = await grid.getByTestId('grid-inject').first().boundingBox();
      const paneBox = await gridPane.boundingBox();
      expect(first && paneBox && Math.abs(first.x - paneBox.x)).toBeLessThanOrEqual(2);
      expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `staff-phone-timeline-grid-${lng}`);
      // the live panels' six tabs: every one in sight on the phone (two rows), none behind a sideways scroll
      const tabs = page.locator('.ttx-tabs-nowrap').first();
      await tabs.scrollIntoViewIfNeeded();
      expect(await tabs.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      const tabBoxes = await tabs
        .getByRole('tab')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
      expect(tabBoxes.length).toBeGreaterThanOrEqual(5);
      for (const right of tabBoxes) expect(right).toBeLessThanOrEqual(PHONE.width);
      await page.goto(`/control/${exercise.id}?lng=en`);
      await page.getByRole('button', { name: 'Pause' }).waitFor();
    });

  for (const lng of ['en', 'ko'] as const)
    it(`(${lng}) the evaluator's tabs all fit the phone, and team names read as written`, async () => {
      const { page } = phone;
      await page.goto(`/evaluate/${exercise.id}?lng=${lng}`);
      await page.getByTestId('evaluator-console').waitFor();
      const strip = page.getByTestId('evaluator-tabs');
      expect(await strip.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const tabs = strip.getByRole('tab');
      expect(await tabs.count()).toBe(3);
      for (const box of await tabs.evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect),
      ))
        expect(box.left >= 0 && box.right <= PHONE.width, JSON.stringify(box)).toBe(true);
      // the SOC's response in the queue: its team as the pack writes it, not in capitals; the full name in a title
      const soc = teamByKey(exercise, 'soc').name;
      const badge = page
        .locator(`[data-testid="review-queue"] li[data-team-id="${teamByKey(exercise, 'soc').id}"]`)
        .getByTestId('team-badge')
        .first();
      await badge.waitFor();
      expect(await badge.innerText()).toBe(soc);
      expect(await badge.getAttribute('title')).toBe(soc);
      // no keyboard on a phone: the shortcut legend gives its room to the queue
      expect(await page.getByTestId('shortcut-legend').isVisible()).toBe(false);
      await screenshot(page, `staff-phone-evaluator-tabs-${lng}`);
      // the last tab is a tap away
      await tabs.last().tap();
      await page.getByTestId('score-breakdown').waitFor();
      await page.goto(`/evaluate/${exercise.id}?lng=en`);
      await page.getByTestId('evaluator-console').waitFor();
    });

  it("the evaluator's score breakdown fits the phone: nothing scrolls sideways, every line readable", async () => {
    const { page } = phone;
    await page.goto(`/evaluate/${exercise.id}`);
    await page.getByTestId('evaluator-console').waitFor();
    await page.getByRole('tab', { name: 'Score breakdown' }).tap();
    const soc = page.locator(`[data-testid="team-breakdown"][data-team-id="${teamByKey(exercise, 'soc').id}"]`);
    const isolate = soc.locator('[data-action-id="isolate-host"]');
    await expect.poll(() => isolate.locator('[data-points]').textContent(), { timeout: UI }).toBe('0 / 20');
    expect(await isolate.textContent()).toContain('none of the options "isolate" chosen yet');
    expect(await sidewaysOverflow(page, '[data-testid="score-breakdown"]')).toEqual([]);
    await screenshot(page, 'staff-phone-breakdown-en');

    await page.goto(`/evaluate/${exercise.id}?lng=ko`);
    await page.getByTestId('evaluator-console').waitFor();
    await page.getByRole('tab', { name: '점수 세부 내역' }).tap();
    await expect.poll(() => isolate.locator('[data-points]').textContent(), { timeout: UI }).toBe('0 / 20');
    expect(await sidewaysOverflow(page, '[data-testid="score-breakdown"]')).toEqual([]);
    await screenshot(page, 'staff-phone-breakdown-ko');
    await page.goto(`/evaluate/${exercise.id}?lng=en`);
    await page.getByTestId('evaluator-console').waitFor();
    expect(unexpectedErrors(phone.errors)).toEqual([]);
  });
});
