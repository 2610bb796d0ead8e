import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { ADMIN_PASSWORD, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { inboxIds, joinAsPlayer, openInject, signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

// the machine running these is shared and busy: UI waits are generous
const UI = 20_000;

const tracked = async (browser: Browser, url: string): Promise<TrackedPage> => {
  const t = await openPage(browser, url);
  t.page.setDefaultTimeout(UI);
  return t;
};

/** Leave any field so single-key shortcuts reach the page. */
const blur = (page: Page) =>
  page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
const total = async (row: ReturnType<Page['locator']>) =>
  Number(((await row.getByTestId('team-total').textContent()) ?? '').split('/')[0]);

let app: RunningProcess;
let browser: Browser;
let staff: Api;

beforeAll(async () => {
  app = await startBackend(testEnv('e2e-evaluation'));
  const admin = await Api.login(app.url, 'admin');
  const created = await admin.post('/users', {
    username: 'eval.park',
    displayName: 'Evaluator Park',
    password: ADMIN_PASSWORD,
    role: 'evaluator',
  });
  expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
  staff = await Api.login(app.url);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/**
 * An evaluator scores a team's response in the evaluator console, with the keyboard, and the
 * team's breakdown changes live in the control room, every point naming its rule or evaluator.
 */
describe('evaluating responses in the browser', () => {
  let exercise: ExerciseDetail;
  let soc: TrackedPage;
  let evaluator: TrackedPage;
  let control: TrackedPage;
  let socTeamId: string;
  let totalBefore: number;

  beforeAll(async () => {
    exercise = await createExercise(staff, 'demo', 600);
    socTeamId = teamByKey(exercise, 'soc').id;
    soc = await tracked(browser, app.url);
    evaluator = await tracked(browser, app.url);
    control = await tracked(browser, app.url);
  }, 60_000);

  it('at ×600 the SOC receives the EDR alert and logs a response that misses the expected action', async () => {
    await joinAsPlayer(soc.page, teamByKey(exercise, 'soc').joinCode ?? '', 'Min-ji (SOC)');
    await staff.ok('POST', `/exercises/${exercise.id}/start`);
    await until(async () => (await inboxIds(soc.page)).includes('edr-alert'), UI, 'the EDR alert in the SOC inbox');
    await openInject(soc.page, 'edr-alert');
    await soc.page.getByLabel('Reboot the server').check();
    await soc.page
      .getByLabel('Response notes (markdown)')
      .fill('Rebooted **BOOK-APP-02**; isolation *pending* approval from the business owner.');
    await soc.page.getByRole('button', { name: 'Log response' }).click();
    await soc.page.locator('[data-testid="inject-responses"] [data-response-id]').first().waitFor();
    // the CERT answers its advisory through the API (it is not the subject of this test)
    const cert = await Api.join(app.url, teamByKey(exercise, 'cert').joinCode ?? '', 'Ji-ho (CERT)');
    await until(
      async () => ((await cert.get('/play/injects')).body as { id: string }[]).some((i) => i.id === 'cert-advisory'),
      UI,
      'the advisory for the CERT',
    );
    await cert.ok('POST', '/play/responses', {
      injectId: 'cert-advisory',
      text: 'Shared with the sector.',
      optionIds: ['share'],
    });
  });

  it('the control room shows the live score breakdown, point by point with its rule', async () => {
    const { page } = control;
    await signIn(page, 'instructor');
    await page.goto(`/control/${exercise.id}`);
    await page.getByTestId('control-room').waitFor();
    await page.getByRole('tab', { name: 'Scores' }).click();
    const row = page.locator(`[data-testid="leaderboard-row"][data-team-id="${socTeamId}"]`);
    await row.waitFor();
    await row.getByRole('button').click();
    const isolate = row.locator('tr[data-action-id="isolate-host"]');
    await expect.poll(() => isolate.locator('[data-points]').textContent(), { timeout: UI }).toBe('0/20');
    expect(await isolate.textContent()).toContain('none of the options "isolate" chosen yet');
    totalBefore = await total(row);
    // instructors decide what teams may see
    await page.getByTestId('scores-visible-switch').waitFor();
    await screenshot(page, 'evaluation-01-control-scores-before');
  });

  it('the evaluator reviews the queue with the keyboard: a reason is required, then the action is marked met', async () => {
    const { page } = evaluator;
    await signIn(page, 'eval.park');
    await page.getByRole('link', { name: 'Evaluation' }).click();
    await page.waitForURL(/\/evaluate$/);
    await page.goto(`/evaluate/${exercise.id}`);
    await page.getByTestId('evaluator-console').waitFor();
    await page.getByTestId('shortcut-legend').waitFor();
    // both responses wait for review; the oldest (the SOC's) opens first
    const queue = page.getByTestId('review-queue');
    await expect.poll(() => queue.locator('li[data-response-id]').count(), { timeout: UI }).toBe(2);
    const review = page.getByTestId('response-review');
    await expect.poll(() => review.getAttribute('data-inject-id'), { timeout: UI }).toBe('edr-alert');
    // the response is shown as written (sanitised markdown) with the option the team ticked
    expect(await review.locator('strong', { hasText: 'BOOK-APP-02' }).count()).toBe(1);
    expect(await review.getByTestId('chosen-options').textContent()).toContain('Reboot the server');
    const action = review.locator('[data-testid="expected-action"][data-action-id="isolate-host"]');
    await expect.poll(() => action.getByTestId('action-points').textContent(), { timeout: UI }).toBe('0 / 20');
    await screenshot(page, 'evaluation-02-evaluator-queue');

    // m without a reason: refused, and the focus goes to the reason field
    await blur(page);
    await page.keyboard.press('1');
    await page.keyboard.press('m');
    await action.getByText('Say why before marking it').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type(
      'Isolated at the switch per the phone log at 08:07, although the ticked option says reboot.',
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press('m');
    await expect.poll(() => action.getByTestId('action-points').textContent(), { timeout: UI }).toBe('20 / 20');
    expect(await action.textContent()).toContain('Evaluator Park (you)');
    expect(await action.textContent()).toContain('Isolated at the switch per the phone log');
    await screenshot(page, 'evaluation-03-evaluator-marked-met');
  });

  it("the team's breakdown updates live in the control room with the evaluator's reason", async () => {
    const row = control.page.locator(`[data-testid="leaderboard-row"][data-team-id="${socTeamId}"]`);
    const isolate = row.locator('tr[data-action-id="isolate-host"]');
    await expect.poll(() => isolate.locator('[data-points]').textContent(), { timeout: UI }).toBe('20/20');
    expect(await isolate.textContent()).toContain('Isolated at the switch per the phone log');
    await expect.poll(() => total(row), { timeout: UI }).toBeCloseTo(totalBefore + 20, 1);
    await screenshot(control.page, 'evaluation-04-control-scores-after');
  });

  it('j moves to the next response; n marks an action not met; the breakdown view names evaluator and reason', async () => {
    const { page } = evaluator;
    await blur(page);
    await page.keyboard.press('j');
    const review = page.getByTestId('response-review');
    await expect.poll(() => review.getAttribute('data-inject-id'), { timeout: UI }).toBe('cert-advisory');
    const action = review.locator('[data-testid="expected-action"][data-action-id="share-iocs"]');
    await expect.poll(() => action.getByTestId('action-points').textContent(), { timeout: UI }).toBe('15 / 15');
    await page.keyboard.press('r');
    await page.keyboard.type('Shared openly on the public list, not under TLP:AMBER.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    await expect.poll(() => action.getByTestId('action-points').textContent(), { timeout: UI }).toBe('0 / 15');
    // the queue is empty once both are reviewed (the one open stays open, marked reviewed)
    await expect
      .poll(() => page.getByTestId('review-queue').locator('li[data-response-id]').count(), { timeout: UI })
      .toBe(1);
    await page.getByRole('tab', { name: 'Score breakdown' }).click();
    const cert = page.locator(`[data-testid="team-breakdown"][data-team-id="${teamByKey(exercise, 'cert').id}"]`);
    const line = cert.locator('tr[data-action-id="share-iocs"]');
    await expect.poll(() => line.textContent(), { timeout: UI }).toContain('not under TLP:AMBER');
    expect(await line.textContent()).toContain('Evaluator Park (you)');
    expect(await line.locator('[data-points]').textContent()).toBe('0 / 15');
    await screenshot(page, 'evaluation-05-breakdown');
  });

  it('the evaluator rates a team on an objective (P/S/M/U) with observations, in the shape of an EEG', async () => {
    const { page } = evaluator;
    await page.getByRole('tab', { name: 'Rate objectives (P/S/M/U)' }).click();
    await page.getByTestId('eeg-team').getByText('Port operator SOC', { exact: true }).click();
    const sheet = page.locator('[data-testid="eeg-objective"][data-objective-id="obj-contain"]');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('Core capability: Cyber incident response');
    expect(await sheet.textContent()).toContain('Isolate the host and preserve evidence');
    await sheet.getByLabel('S: Performed with some challenges').check();
    await sheet
      .getByLabel('Observations')
      .fill('Contained in time, but the decision to isolate took a phone call to the owner.');
    await sheet.getByRole('button', { name: 'Save rating' }).click();
    await expect.poll(() => sheet.getByTestId('saved-rating').textContent(), { timeout: UI }).toBe('S');
    const ratings = await staff.ok<{ teamId: string; objectiveId: string; rating: string; evaluator: string }[]>(
      'GET',
      `/exercises/${exercise.id}/ratings`,
    );
    expect(ratings).toContainEqual(
      expect.objectContaining({ teamId: socTeamId, objectiveId: 'obj-contain', rating: 'S', evaluator: 'eval.park' }),
    );
    await screenshot(page, 'evaluation-06-eeg');
  });

  it('after the exercise the team sees its own breakdown and the leaderboard once the instructor allows them', async () => {
    const { page } = control;
    const ownSwitch = page.getByRole('switch', { name: 'Teams may see their own score breakdown after the exercise' });
    const boardSwitch = page.getByRole('switch', { name: 'Show the leaderboard to teams' });
    // controlled switches: the checked state follows the (optimistic) settings, a render later
    await ownSwitch.click();
    await expect.poll(() => ownSwitch.isChecked(), { timeout: UI }).toBe(true);
    await boardSwitch.click();
    await expect.poll(() => boardSwitch.isChecked(), { timeout: UI }).toBe(true);
    await until(
      async () => {
        const scores = await (
          await Api.join(app.url, teamByKey(exercise, 'comms').joinCode ?? '', 'Probe')
        ).get('/play/scores');
        return Array.isArray(scores.body?.leaderboard);
      },
      UI,
      'the leaderboard switch to reach the server',
    );
    await staff.ok('POST', `/exercises/${exercise.id}/end`);
    const tab = soc.page.getByRole('tab', { name: 'Scores' });
    await tab.waitFor({ timeout: 45_000 });
    await tab.click();
    const own = soc.page.getByTestId('team-scores');
    await expect
      .poll(() => own.getByTestId('own-total').textContent(), { timeout: UI })
      .toMatch(/^\d+(\.\d)? \/ \d+(\.\d)?$/);
    const ownText = (await own.textContent()) ?? '';
    expect(ownText).toContain('Isolated at the switch per the phone log');
    // the team learns why, not which account decided
    expect(ownText).not.toContain('Evaluator Park');
    expect(await own.getByTestId('player-leaderboard').locator('tbody tr').count()).toBe(3);
    await screenshot(soc.page, 'evaluation-07-team-scores-after-exercise');
  });

  it('ran without page errors', () => {
    for (const [who, p] of [
      ['soc', soc],
      ['evaluator', evaluator],
      ['control', control],
    ] as const)
      expect(unexpectedErrors(p.errors), `${who}: ${p.errors.join(' | ')}`).toEqual([]);
  });
});

/**
 * The demo pack's ransom note opens the consensus decision "statement" for all three teams.
 * Players vote in their consoles; the control room sees each vote live, extends the deadline
 * and forces the outcome; players see their own vote and the outcome, never another team's vote.
 */
describe('a consensus decision in the browser', () => {
  let exercise: ExerciseDetail;
  let soc: TrackedPage;
  let cert: TrackedPage;
  let control: TrackedPage;

  beforeAll(async () => {
    exercise = await createExercise(staff, 'demo');
    soc = await tracked(browser, app.url);
    cert = await tracked(browser, app.url);
    control = await tracked(browser, app.url);
  }, 60_000);

  const card = (page: Page) => page.locator('[data-testid="decision-card"][data-decision-id="statement"]');
  const voteRow = (teamKey: string) =>
    control.page.locator(
      `[data-testid="decision"][data-decision-id="statement"] tr[data-team-id="${teamByKey(exercise, teamKey).id}"]`,
    );

  it('the ransom note opens the decision and the control room lists every member team', async () => {
    await joinAsPlayer(soc.page, teamByKey(exercise, 'soc').joinCode ?? '', 'Min-ji (SOC)');
    await joinAsPlayer(cert.page, teamByKey(exercise, 'cert').joinCode ?? '', 'Ji-ho (CERT)');
    const { page } = control;
    await signIn(page, 'instructor');
    await page.goto(`/control/${exercise.id}`);
    await page.getByTestId('control-room').waitFor();
    // at ×600 the ten-minute vote would close one second after T+00:25: the clock runs at ×1 and
    // the facilitator releases the ransom note (T+00:25 in the pack) now
    await staff.ok('POST', `/exercises/${exercise.id}/start`);
    await page.locator('[data-clock-status="running"]').waitFor();
    await staff.ok('POST', `/exercises/${exercise.id}/injects/ransom-note/fire`);
    await page.getByRole('tab', { name: 'Decisions' }).click();
    const decision = page.locator('[data-testid="decision"][data-decision-id="statement"]');
    await decision.waitFor();
    expect(await decision.getAttribute('data-status')).toBe('open');
    expect(await decision.locator('tr[data-team-id]').count()).toBe(3);
    expect(await decision.getByTestId('decision-deadline').textContent()).toMatch(/Deadline T\+00:1\d:\d\d/);
  });

  it('two players vote in their consoles and the control room shows each vote live', async () => {
    await until(async () => (await inboxIds(soc.page)).includes('ransom-note'), UI, 'the ransom note for the SOC');
    await openInject(soc.page, 'ransom-note');
    await card(soc.page).getByLabel('Issue a joint statement now').check();
    await card(soc.page).getByRole('button', { name: 'Cast vote' }).click();
    await expect
      .poll(() => card(soc.page).getByTestId('my-vote').textContent(), { timeout: UI })
      .toContain('Your team voted Issue a joint statement now');
    await expect.poll(() => voteRow('soc').getAttribute('data-vote'), { timeout: UI }).toBe('issue');
    expect(await voteRow('soc').textContent()).toContain('Min-ji (SOC)');
    expect(await voteRow('cert').getAttribute('data-vote')).toBe('');

    await until(async () => (await inboxIds(cert.page)).includes('ransom-note'), UI, 'the ransom note for the CERT');
    await openInject(cert.page, 'ransom-note');
    await card(cert.page).getByLabel('Wait for the forensic report').check();
    await card(cert.page).getByRole('button', { name: 'Cast vote' }).click();
    await expect.poll(() => voteRow('cert').getAttribute('data-vote'), { timeout: UI }).toBe('wait');
    // the SOC changes its mind while the decision is open
    await card(soc.page).getByLabel('Wait for the forensic report').check();
    await card(soc.page).getByRole('button', { name: 'Change vote' }).click();
    await expect.poll(() => voteRow('soc').getAttribute('data-vote'), { timeout: UI }).toBe('wait');
    // a player sees only their own team's vote
    const socCard = (await card(soc.page).textContent()) ?? '';
    expect(socCard).not.toContain('Ji-ho');
    expect(socCard).not.toContain('National CERT');
    await screenshot(control.page, 'decision-01-control-votes');
    await screenshot(soc.page, 'decision-02-soc-vote');
  });

  it('the facilitator extends the deadline and forces the outcome (with confirm); players see the outcome and the branch', async () => {
    const { page } = control;
    const decision = page.locator('[data-testid="decision"][data-decision-id="statement"]');
    const before = await decision.getByTestId('decision-deadline').textContent();
    await decision.getByRole('button', { name: 'Extend' }).click();
    await expect.poll(() => decision.getByTestId('decision-deadline').textContent(), { timeout: UI }).not.toBe(before);
    await decision.getByRole('combobox', { name: 'Force outcome' }).click();
    await page.getByRole('option', { name: 'Issue a joint statement now' }).click();
    await decision.getByRole('button', { name: 'Force…' }).click();
    await page
      .getByRole('dialog', { name: 'Force the outcome?' })
      .getByRole('button', { name: 'Force outcome' })
      .click();
    await expect.poll(() => decision.getAttribute('data-outcome'), { timeout: UI }).toBe('issue');
    expect(await decision.getByTestId('decision-outcome').textContent()).toBe('Issue a joint statement now (forced)');
    for (const p of [soc.page, cert.page]) {
      await expect.poll(() => card(p).getAttribute('data-status'), { timeout: UI }).toBe('closed');
      expect(await card(p).getByTestId('decision-outcome').textContent()).toBe('Issue a joint statement now');
      expect(await card(p).getByTestId('my-vote').textContent()).toContain(
        'Your team voted Wait for the forensic report',
      );
    }
    // the branch on the outcome reaches the teams
    await until(
      async () => (await inboxIds(soc.page)).includes('statement-out'),
      UI,
      'the statement branch for the SOC',
    );
    await screenshot(soc.page, 'decision-03-soc-outcome');
    await screenshot(page, 'decision-04-control-forced');
  });

  it('ran without page errors', () => {
    for (const [who, p] of [
      ['soc', soc],
      ['cert', cert],
      ['control', control],
    ] as const)
      expect(unexpectedErrors(p.errors), `${who}: ${p.errors.join(' | ')}`).toEqual([]);
  });
});
