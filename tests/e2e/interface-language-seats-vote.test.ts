import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv, ADMIN_PASSWORD } from '../support/app-process.js';
import { type Check, DESK, LanguageAudit, PHONE, tabByValue } from '../support/interface-language.js';
import { until } from '../support/socket-client.js';
import { inboxIds } from './support/app-flows.js';
import { launchBrowser, openPage, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The interface language on the staff and player pages the other language walks do not reach,
 * through a korean-peninsula drill with the consensus vote on a NATO cyber rapid-reaction team
 * open (two of the four Allied delegations have voted, StratCom and Logistics have not):
 * - the control room's join codes and seats dialog (codes, invite links, seats, observer setting);
 * - the observer view (an observer account: the read-only room, its panels, its join-codes dialog);
 * - the forced password change of an account an administrator created with a one-time password,
 *   and its form's own complaint;
 * - the open vote: the player's vote panel (and its block reason), the control room's decisions
 *   panel, the evaluator console's review of a response carrying a vote, and its breakdown.
 * Each is walked in the pseudo-locale (`?pseudo=1`: nothing outside ⟦ ⟧) and in Korean (nothing
 * cut, nothing off a phone screen, the invite links readable whole), at 1440×900 and 390×844;
 * screenshots go to tests/.artifacts/seats-vote-ko/.
 */
const FIRE = ['kp-startex', 'kp-crrt-request'];
const KO_ADMIN = 'ko.duty';
const KO_OBSERVER = 'ko.observer';
const EN_OBSERVER = 'en.observer';
const PASSWORD = 'a-good-long-password-3';
const ONE_TIME = 'OneTimePass2345';
const WALKS = [
  ['pseudo-desk', '?pseudo=1', DESK],
  ['pseudo-phone', '?pseudo=1', PHONE],
  ['ko-desk', '?lng=ko', DESK],
  ['ko-phone', '?lng=ko', PHONE],
] as const;

/** Sign in through the form by its fields; staff land on their home page, a forced change on its own screen. */
async function signIn(page: Page, query: string, username: string, password: string) {
  await page.goto(`/login${query}`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Text that does not fit where it is shown inside `selector`: an element wider than what clips it
 * (its own box or an ancestor that does not scroll), or reaching past the screen's right edge.
 */
function cutText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const root = document.querySelector(sel);
    if (!root) return [`${sel} not found`];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own || el.getClientRects().length === 0) continue;
      const text = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1) out.push(`${text} reaches x=${Math.round(r.right)} past the ${vw}px screen`);
      const style = getComputedStyle(el);
      if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        out.push(`${text} shows ${el.clientWidth}px of ${el.scrollWidth}px`);
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'visible') continue;
        const c = a.getBoundingClientRect();
        const scrolls = (o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth;
        if (!scrolls && (r.right > c.right + 1 || r.left < c.left - 1))
          out.push(
            `${text} runs out of its container: ${Math.round(Math.min(r.right, c.right) - r.left)}px of ${Math.round(r.width)}px visible`,
          );
        break;
      }
    }
    return Array.from(new Set(out));
  }, selector);
}

describe('the interface language on the join codes, the observer view, the forced password change and an open vote', () => {
  let app: RunningProcess;
  let browser: Browser;
  let exercise: ExerciseDetail;
  const pages: TrackedPage[] = [];
  const audit = new LanguageAudit('seats-vote-ko');

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-seats-vote-language'));
    const admin = await Api.login(app.url, 'admin');
    exercise = await createExercise(admin, 'korean-peninsula', 1);
    for (const [username, displayName, role] of [
      [KO_ADMIN, '당직관 이서준', 'admin'],
      [KO_OBSERVER, '참관관 최민서', 'observer'],
      [EN_OBSERVER, 'Observer Dana', 'observer'],
    ] as const)
      await admin.ok('POST', '/users', { username, displayName, password: PASSWORD, role });
    for (const username of [KO_ADMIN, KO_OBSERVER]) {
      const ko = await Api.login(app.url, username, PASSWORD);
      expect((await ko.request('PUT', '/auth/me/language', { language: 'ko' })).status).toBe(200);
    }
    // one account per walk that must change its one-time password at its first sign-in
    for (const [label] of WALKS)
      await admin.ok('POST', '/users', {
        username: `new.${label}`,
        displayName: label.startsWith('ko') ? '신규 평가관' : 'New evaluator',
        password: ONE_TIME,
        mustChangePassword: true,
        role: 'evaluator',
      });
    // players in every team, so the seats list online and away players
    const join = (key: string, name: string) => Api.join(app.url, teamByKey(exercise, key).joinCode ?? '', name);
    const nato = await join('nato-cyber', 'Maj. Lindqvist');
    const legal = await join('legal-policy', '법률자문관 한지원');
    await join('logistics', 'Cpt. Moreau');
    await join('rok-cert', '김지우');
    await admin.ok('POST', `/exercises/${exercise.id}/start`);
    for (const id of FIRE) {
      const r = await admin.post(`/exercises/${exercise.id}/injects/${id}/fire`);
      const code = (r.body as { code?: string }).code ?? '';
      if (r.status !== 200 && !(r.status === 409 && ['inject.done', 'inject.in-flight'].includes(code)))
        throw new Error(`fire ${id} → ${r.status} ${JSON.stringify(r.body)}`);
    }
    // two delegations vote (one with a response the evaluator reviews), two have not: the vote stays open
    await until(
      async () => ((await nato.get<{ status: string }[]>('/play/decisions')).body ?? []).length > 0,
      20_000,
      'the decision reaches the NATO cell',
    );
    await nato.ok('POST', '/play/responses', {
      injectId: 'kp-crrt-request',
      text: 'Ally A supports an on-site team: remote triage alone cannot image the disks.',
      optionIds: ['delegation-position'],
      vote: { decisionId: 'crrt-deployment', choice: 'deploy-onsite' },
    });
    await legal.ok('POST', '/play/votes', { decisionId: 'crrt-deployment', choice: 'abstain' });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  const open = async (viewport: typeof DESK | typeof PHONE) => {
    const phone = viewport === PHONE;
    const t = await openPage(browser, app.url, { viewport, colorScheme: phone ? 'light' : 'dark', touch: phone });
    pages.push(t);
    return t;
  };

  /** The join codes and seats dialog: every code and invite link whole on the screen, and a copy button for each. */
  async function joinCodes(page: Page, check: Check, label: string, name: string, seats: boolean) {
    // on a phone the join codes sit behind the header's "more controls"
    const more = page.getByTestId('clock-more-toggle');
    if ((await more.isVisible()) && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
    await page.getByTestId('open-join-codes').click();
    const dialog = page.locator('.mantine-Modal-content:has([data-testid="team-invites"])');
    await dialog.waitFor();
    if (seats) await dialog.locator('[data-testid="team-seats"] [data-participant]').first().waitFor();
    await check(page, name);
    for (const c of await cutText(page, '.mantine-Modal-content')) audit.layout.push(`${label} · ${name} · ${c}`);
    if (seats) {
      const links = dialog.locator('[data-testid="team-invites"] a[href*="/join/"]');
      expect(await links.count(), `${label}: an invite link per team`).toBe(exercise.teams.length);
      // each link sits with its own copy button
      expect(await dialog.locator('[data-testid="team-invites"] [data-copy="link"]').count(), label).toBe(
        exercise.teams.length,
      );
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }

  it('leaves no interface text untranslated on these pages, and fits them in Korean, at 1440×900 and 390×844', async () => {
    const stratcom = teamByKey(exercise, 'stratcom').joinCode ?? '';
    for (const [label, query, viewport] of WALKS) {
      const phone = viewport === PHONE;
      const check = audit.check(label, phone);
      const ko = label.startsWith('ko');

      // the forced password change, and what its form says when the new passwords differ
      const fresh = await open(viewport);
      await signIn(fresh.page, query, `new.${label}`, ONE_TIME);
      await fresh.page.getByTestId('forced-password-change').waitFor();
      await check(fresh.page, 'forced password change');
      await fresh.page.locator('input[name="current-password"]').fill(ONE_TIME);
      await fresh.page.locator('input[name="new-password"]').fill('a-brand-new-password-1');
      await fresh.page.locator('input[name="new-password-again"]').fill('a-brand-new-password-2');
      await fresh.page.locator('[data-testid="forced-password-change"] button[type="submit"]').click();
      await fresh.page.locator('[data-testid="forced-password-change"] [role="alert"]').waitFor();
      await check(fresh.page, 'forced password change · passwords differ');

      // the player's vote panel while the vote is open, and the reason a block asks for
      const player = await open(viewport);
      await player.page.goto(`/join/${stratcom}${query}`);
      await player.page.locator('input[name="displayName"]').fill(ko ? '김서연' : 'Seo-yeon');
      await player.page.locator('form button[type="submit"]').click();
      await player.page.getByTestId('team-console').waitFor({ timeout: 20_000 });
      await until(async () => (await inboxIds(player.page)).includes('kp-crrt-request'), 20_000, 'the decision sheet');
      await player.page.locator('[data-testid="inbox"] > li[data-inject-id="kp-crrt-request"] > button').click();
      const card = player.page.locator('[data-testid="decision-card"][data-status="open"]');
      await card.waitFor();
      await card.locator('input[type="radio"]').first().scrollIntoViewIfNeeded();
      await check(player.page, 'vote panel');
      await card.locator('input[type="radio"][value="block"]').check();
      await card.getByTestId('block-reason').waitFor();
      await card.getByTestId('cast-vote').scrollIntoViewIfNeeded();
      await check(player.page, 'vote panel · block reason');

      // the control room: join codes and seats, the decisions panel with the open vote
      const staff = await open(viewport);
      await signIn(staff.page, query, ko ? KO_ADMIN : 'admin', ko ? PASSWORD : ADMIN_PASSWORD);
      await staff.page.goto(`/control/${exercise.id}`);
      await staff.page.getByTestId('control-room').waitFor();
      await joinCodes(staff.page, check, label, 'join codes and seats', true);
      await tabByValue(staff.page, 'decisions').click();
      const vote = staff.page.locator('[data-testid="decision"][data-status="open"] [data-vote="deploy-onsite"]');
      await vote.waitFor();
      await vote.scrollIntoViewIfNeeded();
      await check(staff.page, 'control room · open vote');

      // the evaluator console: the response carrying a vote, and the breakdown while the vote is open
      await staff.page.goto(`/evaluate/${exercise.id}`);
      await staff.page.getByTestId('evaluator-console').waitFor();
      await staff.page.getByTestId('expected-action').first().waitFor({ timeout: 20_000 });
      // the actions no option of the response met yet: "none of the options … chosen yet"
      await staff.page.locator('[data-rule="option.noneChosen"]').first().scrollIntoViewIfNeeded();
      await check(staff.page, 'evaluator · open vote');
      await tabByValue(staff.page, 'breakdown').click();
      await staff.page.locator('[data-source="rule"]').first().waitFor();
      await check(staff.page, 'evaluator · breakdown during the vote');

      // the observer view: the read-only room, its panels and its join-codes dialog
      const observer = await open(viewport);
      await signIn(observer.page, query, ko ? KO_OBSERVER : EN_OBSERVER, PASSWORD);
      await observer.page.goto(`/observe/${exercise.id}`);
      await observer.page.locator('[data-testid="control-room"][data-mode="observe"]').waitFor();
      await observer.page.locator('[data-testid="timeline"] tbody tr').first().waitFor();
      await check(observer.page, 'observer view');
      for (const value of ['responses', 'decisions']) {
        await tabByValue(observer.page, value).click();
        await observer.page.locator(`[role="tabpanel"][id$="-panel-${value}"]`).first().waitFor();
        if (value === 'decisions') {
          await observer.page.locator('[data-testid="decision"]').first().waitFor();
          await observer.page.locator('[data-testid="decision"]').first().scrollIntoViewIfNeeded();
        }
        await check(observer.page, `observer view · ${value}`);
      }
      await joinCodes(observer.page, check, label, 'observer · join codes', false);

      for (const t of [fresh, player, staff, observer]) expect(unexpectedErrors(t.errors), label).toEqual([]);
    }
    expect(audit.visited.length).toBe(4 * 12);
    audit.assertClean();
  }, 500_000);
});
