import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { inboxIds, joinAsPlayer } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The team console as a person sees it on a 390×844 phone (StratCom, light theme) and at
 * 1440×900 (ROK CERT, dark theme), through a korean-peninsula drill: join page preview, one pane
 * at a time on the phone, thumb-sized vote and composer, header controls on screen, notifications
 * clear of Back and the composer, AA contrast, no cut badge, and ENDEX closing the console at once.
 */

const PHONE = { width: 390, height: 844 };
const STRATCOM = [
  'kp-startex',
  'kp-nato-aggressor-seeding',
  'kp-treaty-assessment',
  'kp-usfk-cfc-context',
  'kp-ddos-portals',
  'kp-japan-ip4',
  'kp-prc-signal',
  'kp-deepfake-video',
  'kp-bot-network',
  'kp-crrt-request',
];
const ROK = ['kp-kimsuky-journalist', 'kp-swift-manipulation', 'kp-hospital-ransomware', 'kp-support-package'];

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element not rendered');
  return b;
}

/** Every element in `scope` whose content is cut (wider than its box, hidden overflow). */
function cutBadges(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>(
        `${sel} .mantine-Badge-root, ${sel} .mantine-Badge-label, ${sel} [data-countdown], ${sel} [data-clock-status]`,
      ),
    )) {
      if (el.offsetParent === null) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`"${el.textContent}" ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  }, scope);
}

/**
 * WCAG contrast of every visible piece of text in `scope` against the background it is painted
 * on (walking up to the first opaque background, blending translucent ones). Disabled controls
 * are exempt (WCAG 1.4.3), as is the TLP marking (its colours are the FIRST standard's).
 */
function lowContrast(page: Page, scope: string, min = 4.5): Promise<string[]> {
  return page.evaluate(
    ([sel, minimum]) => {
      const parse = (c: string): [number, number, number, number] => {
        // color-mix() computes to color(srgb r g b / a), with channels from 0 to 1
        const srgb = c.match(/color\(srgb ([^)]+)\)/);
        if (srgb?.[1]) {
          const p = srgb[1].split(/[ /]+/).filter(Boolean).map(Number);
          return [(p[0] ?? 0) * 255, (p[1] ?? 0) * 255, (p[2] ?? 0) * 255, p[3] ?? 1];
        }
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m?.[1]) return [0, 0, 0, 0];
        const p = m[1]
          .split(/[ ,/]+/)
          .filter(Boolean)
          .map(Number);
        return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
      };
      const over = (top: number[], under: number[]) => {
        const a = top[3] ?? 1;
        return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (under[i] ?? 0) * (1 - a));
      };
      const background = (el: Element | null): number[] => {
        const layers: number[][] = [];
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if ((c[3] ?? 0) > 0) {
            layers.push(c);
            if (c[3] === 1) break;
          }
        }
        let bg = [255, 255, 255];
        for (const l of layers.reverse()) bg = over(l, bg);
        return bg;
      };
      const lum = (rgb: number[]) => {
        const [r, g, b] = rgb.map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      };
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(`${sel} *`))) {
        const own = Array.from(el.childNodes).some(
          (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
        );
        if (!own || el.offsetParent === null) continue;
        if (el.closest('[disabled], [data-disabled], [aria-disabled="true"], [data-tlp], .ttx-visually-hidden'))
          continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
        const bg = background(el);
        const fg = over(parse(style.color), bg);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        const ratio = ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
        if (ratio < minimum)
          out.push(
            `${ratio.toFixed(2)}:1 "${(el.textContent ?? '').trim().slice(0, 40)}" (${style.color} on rgb(${bg.map(Math.round).join(',')}))`,
          );
      }
      return [...new Set(out)];
    },
    [scope, min] as const,
  );
}

describe('the team console on a phone and at a desk', () => {
  let app: RunningProcess;
  let browser: Browser;
  let staff: Api;
  let exercise: ExerciseDetail;
  let desk: TrackedPage;
  let phone: TrackedPage;
  let stratcomCode: string;
  let rokCode: string;

  const fire = async (injectId: string) => {
    const r = await staff.post(`/exercises/${exercise.id}/injects/${injectId}/fire`);
    // an inject due at T+00:00 may be out already, or on its way
    if (
      r.status !== 200 &&
      !(r.status === 409 && ['inject.done', 'inject.in-flight'].includes((r.body as { code?: string }).code ?? ''))
    )
      throw new Error(`fire ${injectId} → ${r.status} ${JSON.stringify(r.body)}`);
  };
  const waitInInbox = (page: Page, id: string) =>
    until(async () => (await inboxIds(page)).includes(id), 20_000, `${id} in the inbox`);
  const row = (page: Page, id: string) => page.locator(`[data-testid="inbox"] > li[data-inject-id="${id}"] > button`);
  const reader = (page: Page) => page.locator('[data-testid="inject-reader"]');
  /** Open a message from the inbox (on the phone, back to the inbox first). */
  const open = async (page: Page, id: string) => {
    const back = page.getByTestId('back-to-inbox');
    if (await back.isVisible()) await back.click();
    await row(page, id).click();
    await page.locator(`[data-testid="inject-reader"][data-inject-id="${id}"]`).waitFor();
  };

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-phone-console'));
    staff = await Api.login(app.url);
    exercise = await createExercise(staff, 'korean-peninsula', 1);
    stratcomCode = teamByKey(exercise, 'stratcom').joinCode ?? '';
    rokCode = teamByKey(exercise, 'rok-cert').joinCode ?? '';
    browser = await launchBrowser();
    desk = await openPage(browser, app.url);
    phone = await openPage(browser, app.url, { colorScheme: 'light', viewport: PHONE, touch: true });
    await joinAsPlayer(phone.page, stratcomCode, 'Seo-yeon (StratCom phone)');
    await joinAsPlayer(desk.page, rokCode, 'Ji-woo (ROK CERT)');
    await staff.ok('POST', `/exercises/${exercise.id}/start`);
    for (const id of [...STRATCOM, ...ROK]) await fire(id);
    await waitInInbox(phone.page, 'kp-crrt-request');
    await waitInInbox(desk.page, 'kp-support-package');
    for (const p of [desk, phone]) await p.page.locator('[data-connection="connected"]').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the join page names the exercise and the team before the player submits', { timeout: 60_000 }, async () => {
    const visitor = await openPage(browser, app.url, { colorScheme: 'light', viewport: PHONE, touch: true });
    const { page } = visitor;
    await page.goto(`/join/${stratcomCode}`);
    const preview = page.getByTestId('join-preview');
    await preview.waitFor();
    expect(await page.getByTestId('join-preview-team').innerText()).toBe(teamByKey(exercise, 'stratcom').name);
    expect(await page.getByTestId('join-preview-exercise').innerText()).toContain('Korean');
    expect(await page.getByTestId('join-preview-state').innerText()).toMatch(/under way/);
    expect(await lowContrast(page, 'form[aria-label="Join an exercise"]')).toEqual([]);
    await screenshot(page, 'phone-join-preview');
    // a mistyped code says so before the player submits
    await page.getByLabel('Join code').fill('ZZZZ-ZZZZ');
    await page.getByTestId('join-preview-unknown').waitFor();
    await page.getByLabel('Join code').fill(stratcomCode);
    await preview.waitFor();
    expect(unexpectedErrors(visitor.errors)).toEqual([]);
    await visitor.context.close();
  });

  it('the phone header keeps the connection state, theme toggle and Leave on screen, with no sideways scrolling', async () => {
    const { page } = phone;
    const width = PHONE.width;
    const connection = page.locator('[data-connection]');
    // it reads as the state of the connection, not as "the exercise is live"
    expect((await connection.textContent())?.trim()).toBe('Connected');
    for (const [name, l] of [
      ['connection', connection],
      ['theme toggle', page.getByRole('button', { name: /Switch to (dark|light) theme/ })],
      ['Leave', page.getByRole('button', { name: 'Leave' })],
      ['exercise clock', page.getByTestId('exercise-clock')],
    ] as const) {
      expect(await l.isVisible(), `${name} visible`).toBe(true);
      const b = await box(l);
      expect(b.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, `${name} ends on screen (${b.x + b.width} > ${width})`).toBeLessThanOrEqual(width);
    }
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(width);
    await screenshot(page, 'phone-inbox');
  });

  it('on the phone: inbox → message filling the screen with Back → inbox, where it was scrolled', async () => {
    const { page } = phone;
    const scroller = page.getByTestId('inbox-scroller');
    await until(
      async () => await scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 100),
      10_000,
      'the inbox scrolls',
    );
    await scroller.evaluate((el) => el.scrollTo(0, 180));
    const kept = await scroller.evaluate((el) => el.scrollTop);
    expect(kept).toBeGreaterThan(100);
    const target = 'kp-ddos-portals';
    await row(page, target).scrollIntoViewIfNeeded();
    const scrolledTo = await scroller.evaluate((el) => el.scrollTop);
    await row(page, target).tap();
    const article = page.locator(`[data-testid="inject-reader"][data-inject-id="${target}"]`);
    await article.waitFor();
    // the message is on screen, the list is gone, Back is at the top
    const a = await box(article);
    expect(a.y, 'the message starts on screen').toBeLessThan(PHONE.height / 2);
    expect(await page.getByTestId('inbox').isVisible()).toBe(false);
    const back = page.getByTestId('back-to-inbox');
    const b = await box(back);
    expect(b.height).toBeGreaterThanOrEqual(44);
    expect(b.y + b.height).toBeLessThanOrEqual(PHONE.height);
    await screenshot(page, 'phone-message-open');
    await back.tap();
    await page.getByTestId('inbox').waitFor();
    expect(await reader(page).count()).toBe(0);
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolledTo);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(PHONE.width);
    // the team's requests and log are a tap away, one pane at a time too
    await page.locator('[data-phone-tab="rfi"]').tap();
    await page.getByRole('button', { name: 'New request' }).waitFor();
    expect(await page.getByTestId('inbox').isVisible()).toBe(false);
    await page.locator('[data-phone-tab="inbox"]').tap();
    await page.getByTestId('inbox').waitFor();
  });

  it(
    'marks the open decision "vote needed" in the inbox; the vote and the composer are thumb-sized',
    { timeout: 60_000 },
    async () => {
      const { page } = phone;
      const decisionRow = page.locator('[data-testid="inbox"] > li[data-inject-id="kp-crrt-request"]');
      await decisionRow.getByTestId('vote-needed').waitFor();
      expect((await decisionRow.getByTestId('vote-needed').innerText()).toUpperCase()).toBe('VOTE NEEDED');
      expect(
        await page
          .locator('[data-testid="inbox"] > li[data-inject-id="kp-ddos-portals"] [data-testid="vote-needed"]')
          .count(),
      ).toBe(0);
      await row(page, 'kp-crrt-request').tap();
      const card = page.getByTestId('decision-card');
      await card.waitFor();
      const radios = card.locator('.mantine-Radio-root');
      await until(async () => (await radios.count()) >= 2, 10_000, 'vote options');
      for (const r of await radios.all()) {
        const label = await box(r.locator('label').first());
        expect(label.height, `vote option "${await r.innerText()}" is ${label.height}px tall`).toBeGreaterThanOrEqual(
          44,
        );
        expect(label.width).toBeGreaterThanOrEqual(200);
      }
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'phone-decision-vote');
      await radios.first().locator('label').first().tap();
      const cast = card.getByTestId('cast-vote');
      expect((await box(cast)).height).toBeGreaterThanOrEqual(44);
      await cast.tap();
      await card.getByTestId('my-vote').filter({ hasText: 'Your team voted' }).waitFor();
      // the marker follows the vote
      await page.getByTestId('back-to-inbox').tap();
      await page.locator('[data-testid="inbox"] > li[data-inject-id="kp-crrt-request"][data-vote="voted"]').waitFor();
      expect(await decisionRow.getByTestId('vote-needed').count()).toBe(0);

      // the composer: a text box and a button a thumb can hit
      await row(page, 'kp-crrt-request').tap();
      const composer = page.getByTestId('response-composer');
      await composer.scrollIntoViewIfNeeded();
      const text = composer.getByRole('textbox');
      expect((await box(text)).height).toBeGreaterThanOrEqual(44);
      await text.fill('Recommend the joint CRRT; legal review requested.');
      const submit = composer.getByRole('button', { name: 'Log response' });
      expect((await box(submit)).height).toBeGreaterThanOrEqual(44);
      for (const c of await composer.locator('.mantine-Checkbox-root label').all())
        expect((await box(c)).height).toBeGreaterThanOrEqual(44);
      await screenshot(page, 'phone-composer');
    },
  );

  it('a notification on the phone covers neither Back nor the composer', { timeout: 60_000 }, async () => {
    const { page } = phone;
    const composer = page.getByTestId('response-composer');
    await composer.getByRole('button', { name: 'Log response' }).scrollIntoViewIfNeeded();
    await fire('kp-counter-disinfo-decision');
    const toast = page.getByTestId('toaster').locator('.mantine-Notification-root').first();
    await toast.waitFor();
    // the console makes room for it (it does not slide over the reading pane)
    await page.waitForTimeout(300);
    await composer.getByRole('button', { name: 'Log response' }).scrollIntoViewIfNeeded();
    const t = await box(toast);
    expect(await lowContrast(page, '[data-testid="toaster"]')).toEqual([]);
    await screenshot(page, 'phone-toast-over-composer');
    for (const [name, l] of [
      ['Back', page.getByTestId('back-to-inbox')],
      ['composer text', composer.getByRole('textbox')],
      ['Log response', composer.getByRole('button', { name: 'Log response' })],
    ] as const) {
      const b = await box(l);
      expect(intersects(t, b), `the notification (${JSON.stringify(t)}) covers ${name} (${JSON.stringify(b)})`).toBe(
        false,
      );
    }
    await composer.getByRole('button', { name: 'Log response' }).tap();
    await page.locator('[data-testid="inject-responses"]').filter({ hasText: 'Recommend the joint CRRT' }).waitFor();
  });

  it('at 1440×900 the inbox and the reading pane stay side by side', async () => {
    const { page } = desk;
    await row(page, 'kp-support-package').click();
    await reader(page).waitFor();
    const list = await box(page.getByTestId('inbox'));
    const pane = await box(page.locator('#reading-pane'));
    expect(pane.x).toBeGreaterThanOrEqual(list.x + list.width - 1);
    expect(Math.abs(pane.y - list.y)).toBeLessThan(80);
    expect(await page.getByTestId('back-to-inbox').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(1440);
    await screenshot(page, 'desk-message-open');
  });

  it(
    'no status badge is cut and all console text reaches AA contrast, in both themes at both sizes',
    { timeout: 60_000 },
    async () => {
      const toggle = (page: Page) => page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
      const problems: string[] = [];
      for (const [who, p] of [
        ['desk', desk],
        ['phone', phone],
      ] as const) {
        for (const pass of [0, 1]) {
          const scheme = await p.page.evaluate(() =>
            document.documentElement.getAttribute('data-mantine-color-scheme'),
          );
          // the inbox (on the phone its own pane), then an open message
          const back = p.page.getByTestId('back-to-inbox');
          if (who === 'phone' && (await back.isVisible())) await back.tap();
          for (const scope of ['[data-testid="team-console"]', 'header']) {
            problems.push(...(await cutBadges(p.page, scope)).map((x) => `${who} ${scheme} inbox cut: ${x}`));
            problems.push(...(await lowContrast(p.page, scope)).map((x) => `${who} ${scheme} inbox contrast ${x}`));
          }
          await open(p.page, 'kp-ddos-portals');
          problems.push(
            ...(await cutBadges(p.page, '[data-testid="team-console"]')).map(
              (x) => `${who} ${scheme} message cut: ${x}`,
            ),
          );
          problems.push(
            ...(await lowContrast(p.page, '[data-testid="team-console"]')).map(
              (x) => `${who} ${scheme} message contrast ${x}`,
            ),
          );
          await screenshot(p.page, `${who}-${scheme}-message`);
          if (pass === 0) await toggle(p.page);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('ENDEX closes both consoles at once, without a reload, and again after one', { timeout: 60_000 }, async () => {
    for (const p of [desk, phone]) {
      // something is open to write in before the end
      await open(p.page, p === phone ? 'kp-crrt-request' : 'kp-support-package');
      await p.page.getByTestId('response-composer').waitFor();
    }
    expect(await desk.page.locator('[data-countdown="running"], [data-countdown="overdue"]').count()).toBeGreaterThan(
      0,
    );
    await staff.ok('POST', `/exercises/${exercise.id}/end`);
    for (const [who, p] of [
      ['desk', desk],
      ['phone', phone],
    ] as const) {
      const { page } = p;
      for (const pass of ['live', 'reload']) {
        if (pass === 'reload') await page.reload();
        await page.getByTestId('ended-banner').waitFor({ timeout: 15_000 });
        await reader(page).waitFor();
        expect(await page.getByTestId('response-composer').count(), `${who} ${pass}: composer closed`).toBe(0);
        expect(await page.getByTestId('composer-closed').count()).toBe(1);
        expect(await page.locator('[data-countdown]').count(), `${who} ${pass}: countdowns gone`).toBe(0);
        expect(await page.getByTestId('ack-button').count()).toBe(0);
        expect(await page.getByTestId('vote-needed').count()).toBe(0);
        expect(await page.getByTestId('cast-vote').count()).toBe(0);
        expect(await page.locator('form[aria-label="Reply"], form[aria-label="New request"]').count()).toBe(0);
        expect(await lowContrast(page, '[data-testid="ended-banner"]'), `${who} ${pass}: banner contrast`).toEqual([]);
        const link = page.getByTestId('ended-hotwash-link');
        expect(await link.getAttribute('href')).toBe('/team-report');
        await screenshot(page, `${who}-ended-${pass}`);
      }
    }
    const { page } = phone;
    await page.getByTestId('back-to-inbox').tap();
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(PHONE.width);
  });

  it('the hotwash survey: labelled 44 px stars, operable with the keyboard', { timeout: 60_000 }, async () => {
    const { page } = phone;
    await page.getByTestId('ended-hotwash-link').tap();
    await page.getByTestId('team-report-page').waitFor();
    const stars = page.getByRole('radio', { name: /of 5 –/ });
    await until(async () => (await stars.count()) >= 5, 15_000, 'star ratings');
    const names = await stars.evaluateAll((els) => els.slice(0, 5).map((e) => e.getAttribute('aria-label')));
    expect(names).toEqual([
      '1 of 5 – poor',
      '2 of 5 – fair',
      '3 of 5 – good',
      '4 of 5 – very good',
      '5 of 5 – excellent',
    ]);
    for (const s of (await page.locator('.ttx-star').all()).slice(0, 5)) {
      const b = await box(s);
      expect(b.width).toBeGreaterThanOrEqual(44);
      expect(b.height).toBeGreaterThanOrEqual(44);
    }
    // keyboard: focus the first star, arrow right twice → 3 of 5
    await stars.first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await stars.nth(2).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-team-report');
    problemsFree(await lowContrast(page, '[data-testid="team-report-page"] fieldset'));
    await page.getByRole('button', { name: /Send|Update my answers/ }).click();
    await page.getByText('Thank you — saved.').waitFor();
    await desk.page.getByTestId('ended-hotwash-link').click();
    await desk.page.getByTestId('team-report-page').waitFor();
    await screenshot(desk.page, 'desk-team-report');
  });

  it('no page errors in either console', () => {
    expect(unexpectedErrors(desk.errors)).toEqual([]);
    expect(unexpectedErrors(phone.errors)).toEqual([]);
  });
});

function problemsFree(list: string[]): void {
  expect(list).toEqual([]);
}
