import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../e2e/support/app-flows.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from '../e2e/support/browser.js';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { ADMIN_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { pdfText } from './pdf-text.js';

const SECTIONS = [
  'Exercise overview',
  'Objectives and core capabilities',
  'Strengths and areas for improvement',
  'Team performance',
  'Timeline',
  'Improvement plan',
];
const CORRECTIVE_ACTION = 'BROWSER-EDIT automate EDR host isolation';
const POC = 'BROWSER-POC Dana Duty';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let app: RunningProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startBackend(testEnv('report-browser'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A demo drill at ×600 played to its end over the API: the SOC answers the phishing mail, then control ends it. */
async function playedDrill(instructor: Api): Promise<ExerciseDetail> {
  const ex = await createExercise(instructor, 'demo', 600);
  const soc = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'Sam Socworth');
  await instructor.ok('POST', `/exercises/${ex.id}/start`, {});
  const deadline = Date.now() + 20_000;
  while (!(await soc.get<{ id: string }[]>('/play/injects')).body.some?.((i) => i.id === 'phish-email')) {
    if (Date.now() > deadline) throw new Error('the phishing mail never reached the SOC');
    await sleep(25);
  }
  await soc.ok('POST', '/play/injects/phish-email/ack');
  await soc.ok('POST', '/play/responses', {
    injectId: 'phish-email',
    text: 'SOC quarantined the mail',
    optionIds: ['quarantine'],
  });
  await instructor.ok('POST', `/exercises/${ex.id}/end`, {});
  return ex;
}

describe('after-action report in the browser', () => {
  it('a facilitator edits an improvement-plan row, the edit persists and is audited, and the PDF downloaded from the page holds it', async () => {
    const admin = await Api.login(app.url, 'admin');
    const fay = await admin.ok<{ id: string }>('POST', '/users', {
      username: 'facilitator1',
      displayName: 'Fay Facilitator',
      password: ADMIN_PASSWORD,
      role: 'facilitator',
    });
    const instructor = await Api.login(app.url);
    const facilitator = await Api.login(app.url, 'facilitator1');
    const ex = await playedDrill(instructor);
    const row = await instructor.ok<{ id: string }>('POST', `/exercises/${ex.id}/improvement-plan`, {
      issue: 'Host isolation took too long',
      capabilityElement: 'equipment',
      organisation: 'Port operator SOC',
    });

    const { page, errors, context } = await openPage(browser, app.url);
    await signIn(page, 'facilitator1');
    await page.goto(`/review/${ex.id}`);
    await expect.poll(() => page.getByTestId('report-state').textContent()).toBe('Final');
    await page.getByRole('tab', { name: 'Improvement plan' }).click();

    const planRow = page.getByTestId('plan-row-0');
    expect(await page.getByLabel('Issue, row 1').inputValue()).toBe('Host isolation took too long');
    await page.getByLabel('Corrective action, row 1').fill(CORRECTIVE_ACTION);
    await page.getByLabel('Point of contact, row 1').fill(POC);
    await page.getByRole('combobox', { name: 'Status, row 1' }).click();
    await page.getByRole('option', { name: 'in-progress' }).click();
    await planRow.getByRole('button', { name: 'Save' }).click();
    // saved: the row shows the server's version and has nothing left to save
    await expect.poll(() => planRow.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await screenshot(page, 'report-01-plan-row-saved');

    // it persists: after a reload, and through the API
    await page.reload();
    await page.getByRole('tab', { name: 'Improvement plan' }).click();
    await expect.poll(() => page.getByLabel('Corrective action, row 1').inputValue()).toBe(CORRECTIVE_ACTION);
    expect(await page.getByLabel('Point of contact, row 1').inputValue()).toBe(POC);
    expect(await page.getByRole('combobox', { name: 'Status, row 1' }).inputValue()).toBe('in-progress');
    const plan = await facilitator.ok<{ id: string; correctiveAction: string; poc: string; status: string }[]>(
      'GET',
      `/exercises/${ex.id}/improvement-plan`,
    );
    expect(plan).toEqual([
      expect.objectContaining({ id: row.id, correctiveAction: CORRECTIVE_ACTION, poc: POC, status: 'in-progress' }),
    ]);

    // the event log says who changed what
    const events = await instructor.ok<{ type: string; actor: string; payload: any }[]>(
      'GET',
      `/exercises/${ex.id}/events`,
    );
    const edit = events.find((e) => e.type === 'improvement.updated');
    expect(edit?.actor).toBe(`user:${fay.id}`);
    expect(edit?.payload.changes).toEqual({
      correctiveAction: { from: '', to: CORRECTIVE_ACTION },
      poc: { from: '', to: POC },
      status: { from: 'open', to: 'in-progress' },
    });

    // the PDF, downloaded through the page's button (a process's first PDF parses and shapes its fonts:
    // about 2 s at a load of 12 here, and the download event waits for the whole document)
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 45_000 }),
      page.getByTestId('download-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^aar-.*\.pdf$/);
    const bytes = new Uint8Array(await readFile(await download.path()));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBeGreaterThan(1);
    for (const s of SECTIONS) expect(text).toContain(s);
    // narrow table cells wrap, even inside a word: compare without white space
    const squeezed = (s: string) => s.replace(/\s+/g, '');
    const planSection = squeezed(text.slice(text.lastIndexOf('Improvement plan'), text.lastIndexOf('Timeline')));
    for (const s of ['Host isolation took too long', CORRECTIVE_ACTION, POC, 'in-progress', 'Port operator SOC'])
      expect(planSection).toContain(squeezed(s));

    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });
});
