// Delivery accuracy where people read it: the control room's health card and timeline, and the
// after-action report (page, Markdown, PDF). One inject is made genuinely late by stalling the
// platform's process (SIGSTOP) across its instant, as a stalled host would; the others go out on
// time. The figures shown must be the ones the deliveries recorded, and only the stalled inject may
// be marked late, with its lateness.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { signIn } from '../e2e/support/app-flows.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from '../e2e/support/browser.js';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';
import { download, pdfText } from './pdf-text.js';

const STALL_MS = 1600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pack(): unknown {
  const inject = (id: string, s: number, subject: string) => ({
    id,
    offset: `T+00:00:${String(s).padStart(2, '0')}`,
    to: 'all',
    channel: 'siem',
    from: { name: 'SIEM' },
    subject,
    body: 'Accuracy inject.',
  });
  return {
    id: 'accuracy',
    title: 'Delivery accuracy',
    summary: 'Generated.',
    version: '1.0.0',
    duration: '00:10',
    teams: [
      { id: 'blue', name: 'Blue' },
      { id: 'red', name: 'Red' },
    ],
    injects: [
      inject('on-time-1', 3, 'First alert'),
      inject('stalled', 7, 'Alert during a stall'),
      inject('on-time-2', 11, 'Last alert'),
    ],
  };
}

interface Accuracy {
  broadcasts: number;
  startLatenessMs: { p50: number | null; p99: number | null; max: number | null };
  endLatenessMs: { p50: number | null; p99: number | null; max: number | null };
  lateCount: number;
  unrecorded: number;
  late: { injectId: string; teamId: string; latenessMs: number | null }[];
}

describe('delivery accuracy in the control room and the after-action report', () => {
  let app: RunningProcess;
  let browser: Browser;

  beforeAll(async () => {
    const env = testEnv('delivery-accuracy');
    const injectsDir = join(env.dataDir, 'packs');
    mkdirSync(join(injectsDir, 'accuracy'), { recursive: true });
    writeFileSync(join(injectsDir, 'accuracy', 'pack.yaml'), stringify(pack()));
    app = await startBackend({ ...env, injectsDir });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (app?.child.signalCode === null) app.child.kill('SIGCONT');
    await app?.stop();
  });

  it('shows p50/p99/max and marks only the stalled delivery late, with its lateness, live and in every report format', async () => {
    const staff = await Api.login(app.url);
    const ex = await createExercise(staff, 'accuracy');
    const blue = await Api.join(app.url, teamByKey(ex, 'blue').joinCode ?? '', 'Bo Blue');
    const player = new RecordingClient(app.url, blue.token);
    expect(await player.ready()).toBe('ready');

    const control = await openPage(browser, app.url);
    await signIn(control.page, 'instructor');
    await control.page.goto(`/control/${ex.id}`);
    await control.page.getByTestId('timeline').waitFor();

    await staff.ok('POST', `/exercises/${ex.id}/start`);
    const clock = (
      await staff.ok<{ clock: { anchorWallMs: number; anchorScenarioMs: number } }>('GET', `/exercises/${ex.id}`)
    ).clock;
    const stalledDue = clock.anchorWallMs + 7000 - clock.anchorScenarioMs;
    // stall the platform from just before the stalled inject's instant until well after it
    await sleep(stalledDue - 150 - Date.now());
    process.kill(app.child.pid ?? 0, 'SIGSTOP');
    await sleep(STALL_MS);
    process.kill(app.child.pid ?? 0, 'SIGCONT');
    await until(() => player.of('inject:delivered').length === 3, 20_000, 'the three injects');
    const receivedStalled = player.of('inject:delivered').find((e) => e.injectId === 'stalled');
    expect(receivedStalled).toBeTruthy();

    // the records: only the stalled inject late (both teams), by about the stall
    const teamIds = ex.teams.map((t) => t.id).sort();
    let a: Accuracy | undefined;
    await expect
      .poll(
        async () => {
          a = await staff.ok<Accuracy>('GET', `/exercises/${ex.id}/delivery-accuracy`);
          return a.broadcasts;
        },
        { timeout: 10_000 },
      )
      .toBe(3);
    a = a!;
    expect(a.unrecorded).toBe(0);
    expect(a.lateCount).toBe(2);
    expect(a.late.map((l) => l.injectId)).toEqual(['stalled', 'stalled']);
    expect(a.late.map((l) => l.teamId).sort()).toEqual(teamIds);
    for (const l of a.late) expect(l.latenessMs).toBeGreaterThan(1000);
    expect(a.startLatenessMs.max).toBeGreaterThan(1000);
    expect(a.startLatenessMs.p50).toBeLessThan(1000);
    expect(a.endLatenessMs.max).toBeGreaterThanOrEqual(a.startLatenessMs.max ?? 0);
    // one figure per inject everywhere it is shown: the latest of its teams' broadcasts
    const lateness = Math.max(...a.late.map((l) => l.latenessMs ?? 0));

    const timeline = await staff.ok<{ injectId: string; late: boolean; latenessMs: number | null }[]>(
      'GET',
      `/exercises/${ex.id}/timeline`,
    );
    expect(timeline.map((t) => [t.injectId, t.late])).toEqual([
      ['on-time-1', false],
      ['stalled', true],
      ['on-time-2', false],
    ]);
    expect(timeline.find((t) => t.injectId === 'stalled')?.latenessMs).toBe(Math.round(lateness));

    // the control room: health figures and the late mark on the timeline, without a reload
    const page = control.page;
    const health = page.getByTestId('delivery-health');
    await health.waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
      await screenshot(page, 'control-room-delivery-accuracy-missing');
      throw e;
    });
    await expect
      .poll(() => health.getByTestId('delivery-late-count').textContent(), { timeout: 15_000 })
      .toBe('2 late');
    await expect
      .poll(() => health.getByTestId('delivery-broadcasts').textContent(), { timeout: 15_000 })
      .toBe('3 broadcasts measured');
    const figures = (await health.getByTestId('delivery-accuracy-table').innerText()).replace(/\s+/g, ' ');
    expect(figures).toContain(`${(a.startLatenessMs.max! / 1000).toFixed(2)} s`);
    expect(figures).toContain(`${a.startLatenessMs.p50!.toFixed(1)} ms`);
    expect(await health.getByTestId('delivery-late-list').innerText()).toContain('“Alert during a stall” → Blue');
    const lateBadge = page.locator('[data-inject-id="stalled"] [data-testid="inject-late"]');
    await expect
      .poll(() => lateBadge.textContent(), { timeout: 15_000 })
      .toBe(`late +${(Math.round(lateness) / 1000).toFixed(1)} s`);
    expect(await page.locator('[data-inject-id="on-time-1"] [data-testid="inject-late"]').count()).toBe(0);
    expect(await page.locator('[data-inject-id="on-time-2"] [data-testid="inject-late"]').count()).toBe(0);
    await screenshot(page, 'control-room-delivery-accuracy');
    await page.setViewportSize({ width: 390, height: 844 });
    await health.scrollIntoViewIfNeeded();
    await screenshot(page, 'control-room-delivery-accuracy-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(unexpectedErrors(control.errors)).toEqual([]);

    // the after-action report: JSON, page, Markdown, PDF
    await staff.ok('POST', `/exercises/${ex.id}/end`);
    const report = await staff.ok<{
      deliveryAccuracy: Accuracy | null;
      timeline: { type: string; injectId: string | null; detail?: { late?: boolean; latenessMs?: number } }[];
    }>('GET', `/exercises/${ex.id}/report`);
    expect(report.deliveryAccuracy).toMatchObject({
      broadcasts: 3,
      lateCount: 2,
      unrecorded: 0,
      startLatenessMs: a.startLatenessMs,
      endLatenessMs: a.endLatenessMs,
    });
    const delivered = report.timeline.filter((e) => e.type === 'inject.delivered');
    expect(delivered.map((e) => [e.injectId, e.detail?.late === true])).toEqual([
      ['on-time-1', false],
      ['stalled', true],
      ['on-time-2', false],
    ]);
    expect(delivered[1]?.detail?.latenessMs).toBe(lateness);
    const lateText = `(late by ${(lateness / 1000).toFixed(1)} s)`;

    const md = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/markdown`);
    expect(md.status).toBe(200);
    expect(md.text).toContain('## Delivery accuracy');
    expect(md.text).toContain('| Broadcast started after its instant |');
    expect(md.text).toContain('2 delivery(ies) late');
    expect(md.text).toContain(`“Alert during a stall” delivered to Blue, Red ${lateText}`);
    expect(md.text.split('(late by').length - 1).toBe(1);

    const pdf = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/pdf`);
    expect(pdf.status).toBe(200);
    // a copy to look at (pdf.js takes the bytes over)
    if (process.env.DELIVERY_ACCURACY_PDF) writeFileSync(process.env.DELIVERY_ACCURACY_PDF, pdf.bytes);
    const text = (await pdfText(pdf.bytes)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Delivery accuracy');
    expect(text).toContain('Broadcast started after its instant');
    expect(text).toContain(`${(a.startLatenessMs.max! / 1000).toFixed(2)} s`);
    expect(text).toContain(lateText);

    // a team's edition has no delivery figures
    const edition = await staff.ok<{ deliveryAccuracy: unknown }>(
      'GET',
      `/exercises/${ex.id}/report/player/${teamByKey(ex, 'blue').id}`,
    );
    expect(edition.deliveryAccuracy).toBeNull();

    await page.goto(`/review/${ex.id}`);
    await expect.poll(() => page.getByTestId('report-state').textContent()).toBe('Final');
    await page.getByRole('tab', { name: 'Performance' }).click();
    const section = page.getByTestId('report-delivery-accuracy');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'report-delivery-accuracy');
    expect(await section.innerText()).toContain('2 deliveries late');
    await page.getByRole('tab', { name: 'Timeline' }).click();
    expect(await page.getByRole('table', { name: 'Timeline' }).innerText()).toContain(lateText);
    expect(unexpectedErrors(control.errors)).toEqual([]);
    player.close();
  }, 120_000);
});
