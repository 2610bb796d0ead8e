/**
 * The after-action report as a reader sees it in Chromium, at 1440×900 and on a 390×844 phone, after
 * a korean-peninsula drill whose players are named in Korean, Polish, Turkish and Greek, with one
 * team nobody joined, answers logged during a pause and an evaluator who corrected a mark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../e2e/support/app-flows.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from '../e2e/support/browser.js';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { loadPack } from '../support/demo-pack.js';

const SUPERSEDED = 'SUPERSEDED-NOTE no prebunking material';
const CORRECTED = 'CORRECTED-NOTE prebunking material ready';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let app: RunningProcess;
let browser: Browser;
let ex: ExerciseDetail;
const pack = loadPack('korean-peninsula');

async function waitForInject(p: Api, injectId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await p.get<{ id: string }[]>('/play/injects')).body.some?.((i) => i.id === injectId)) {
    if (Date.now() > deadline) throw new Error(`${injectId} never arrived`);
    await sleep(50);
  }
}

beforeAll(async () => {
  app = await startBackend(testEnv('report-readable'));
  browser = await launchBrowser();
  const instructor = await Api.login(app.url);
  ex = await createExercise(instructor, 'korean-peninsula', 300);
  const join = (key: string, name: string) => Api.join(app.url, teamByKey(ex, key).joinCode ?? '', name);
  const cert = await join('rok-cert', '김민준');
  await join('nato-cyber', 'Żaneta Wróbel');
  const stratcom = await join('stratcom', 'Şükrü Yılmaz');
  await join('legal-policy', 'Αλέξανδρος Παπαδόπουλος');
  // logistics: nobody joins
  await instructor.ok('POST', `/exercises/${ex.id}/start`, {});
  await waitForInject(cert, 'kp-kimsuky-journalist');
  await cert.ok('POST', '/play/injects/kp-kimsuky-journalist/ack');
  await cert.ok('POST', '/play/responses', {
    injectId: 'kp-kimsuky-journalist',
    text: 'Reset and revoked; hunting the mailbox',
    optionIds: ['reset-and-revoke', 'hunt-mailbox'],
  });
  await waitForInject(stratcom, 'kp-nato-aggressor-seeding');
  await instructor.ok('POST', `/exercises/${ex.id}/pause`, {});
  // answered while the clock stands still
  await stratcom.ok('POST', '/play/injects/kp-nato-aggressor-seeding/ack');
  await stratcom.ok('POST', '/play/responses', {
    injectId: 'kp-nato-aggressor-seeding',
    text: 'Baseline and monitor',
    optionIds: ['baseline-monitor'],
  });
  const stratcomId = teamByKey(ex, 'stratcom').id;
  await instructor.ok('POST', `/exercises/${ex.id}/evaluations`, {
    teamId: stratcomId,
    injectId: 'kp-nato-aggressor-seeding',
    expectedActionId: 'ea-prebunk',
    met: false,
    reason: SUPERSEDED,
  });
  await instructor.ok('POST', `/exercises/${ex.id}/evaluations`, {
    teamId: stratcomId,
    injectId: 'kp-nato-aggressor-seeding',
    expectedActionId: 'ea-prebunk',
    met: true,
    reason: CORRECTED,
  });
  await instructor.ok('POST', `/exercises/${ex.id}/end`, {});
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Elements whose text is wider than their box (cut off), among those matching `selector`. */
function clipped(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
      .map((e) => (e.textContent ?? '').slice(0, 60)),
  );
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel').waitFor();
}

describe('the after-action report, read at a desk and on a phone', () => {
  for (const size of [
    { name: 'desktop', width: 1440, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    it(`is readable at ${size.width}×${size.height}`, async () => {
      const { page, errors, context } = await openPage(browser, app.url, { colorScheme: 'light' });
      await page.setViewportSize({ width: size.width, height: size.height });
      await signIn(page, 'instructor');
      await page.goto(`/review/${ex.id}`);
      await expect.poll(() => page.getByTestId('report-state').textContent()).toBe('Final');
      const shot = (n: string) => screenshot(page, `report-readable-${size.name}-${n}`);

      // overview: ISO-like 24-hour dates, names beside group ids, no "0" participants
      const header = (await page.locator('main').first().innerText()).slice(0, 600);
      expect(header).toMatch(/generated \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
      const overview = await page.getByRole('tabpanel').innerText();
      expect(overview).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b(AM|PM)\b/);
      expect(overview).toContain('G0094 Kimsuky');
      expect(overview).toContain('no players joined');
      for (const name of ['김민준', 'Żaneta Wróbel', 'Şükrü Yılmaz', 'Αλέξανδρος Παπαδόπουλος'])
        expect(overview).toContain(name);
      await shot('1-overview');

      // findings: the corrected mark only
      await tab(page, 'Strengths and areas for improvement');
      const findings = await page
        .getByRole('tabpanel')
        .locator('textarea')
        .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
      expect(findings.some((t) => t.includes(CORRECTED))).toBe(true);
      expect(findings.some((t) => t.includes(SUPERSEDED))).toBe(false);
      await shot('2-findings');

      // performance: every objective labelled on the chart, no internal jargon, the pause explained
      await tab(page, 'Performance');
      const panel = page.getByRole('tabpanel');
      const chart = panel.getByRole('figure', { name: 'Score by objective' });
      await chart.locator('svg .recharts-bar-rectangle').first().waitFor({ state: 'attached' });
      // each label is one <text> (its wrapped lines are <tspan>s): all eight there, whole
      const labels = (await chart.locator('svg text').allTextContents()).map((t) => t.replace(/\s+/g, ''));
      for (const o of pack.objectives) expect(labels, o.coreCapability).toContain(o.coreCapability.replace(/\s+/g, ''));
      const perf = await panel.innerText();
      expect(perf).not.toContain('scoring-service');
      expect(perf).toContain('during a pause');
      await chart.scrollIntoViewIfNeeded();
      await shot('3-performance');

      // coverage: names beside ids, team headers whole
      await tab(page, 'ATT&CK / DISARM');
      const coverage = page.getByRole('table', { name: 'Techniques by team' });
      expect(await coverage.innerText()).toMatch(/T1566\.00\d Spearphishing/);
      expect(await clipped(page, '[aria-label="Techniques by team"] th')).toEqual([]);
      await shot('4-coverage');

      // improvement plan: each suggestion in full
      await tab(page, 'Improvement plan');
      const suggestions = await page
        .getByRole('tabpanel')
        .getByRole('button', { name: /did not answer|answered|CORRECTED/ })
        .allTextContents();
      for (const s of suggestions) expect(s).not.toContain('…');
      await shot('5-plan');

      expect(unexpectedErrors(errors)).toEqual([]);
      await context.close();
    });
  }
});
