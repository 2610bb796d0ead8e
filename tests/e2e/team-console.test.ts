import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { inboxIds, joinAsPlayer, openInject } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * The team console as a player sees it, with the real korean-peninsula injects: a ROK CERT
 * player at 1440×900 and a teammate on a 390×844 phone.
 */
describe('the team console as players see it', () => {
  let app: RunningProcess;
  let browser: Browser;
  let staff: Api;
  let exercise: ExerciseDetail;
  let desk: TrackedPage;
  let phone: TrackedPage;

  // deliver now (an inject due at T+00:00 may already be out: that is fine)
  const fire = async (injectId: string) => {
    const r = await staff.post(`/exercises/${exercise.id}/injects/${injectId}/fire`);
    if (r.status !== 200 && !(r.status === 409 && (r.body as { code?: string }).code === 'inject.done'))
      throw new Error(`fire ${injectId} → ${r.status} ${JSON.stringify(r.body)}`);
  };
  const reader = (page: Page) => page.locator('[data-testid="inject-reader"]');
  const waitInInbox = (page: Page, id: string) =>
    until(async () => (await inboxIds(page)).includes(id), 15_000, `${id} in the inbox`);

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-team-console'));
    staff = await Api.login(app.url);
    exercise = await createExercise(staff, 'korean-peninsula', 1);
    await staff.ok('POST', `/exercises/${exercise.id}/start`);
    browser = await launchBrowser();
    desk = await openPage(browser, app.url);
    phone = await openPage(browser, app.url, { colorScheme: 'light' });
    await phone.page.setViewportSize({ width: 390, height: 844 });
    const code = teamByKey(exercise, 'rok-cert').joinCode ?? '';
    await joinAsPlayer(desk.page, code, 'Ji-woo (ROK CERT)');
    await joinAsPlayer(phone.page, code, 'Seo-yeon (phone)');
    for (const id of [
      'kp-startex',
      'kp-kimsuky-journalist',
      'kp-swift-manipulation',
      'kp-hospital-ransomware',
      'kp-support-package',
    ])
      await fire(id);
    await waitInInbox(desk.page, 'kp-support-package');
    await waitInInbox(phone.page, 'kp-support-package');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  describe('inject bodies keep their structure', () => {
    it('a forwarded mail shows its headers as a header block, line by line, with <addresses>', async () => {
      const { page } = desk;
      await openInject(page, 'kp-kimsuky-journalist');
      const headers = reader(page).locator('[data-mail-headers]');
      await headers.waitFor();
      const text = (await headers.innerText()).split('\n').map((l) => l.trim());
      expect(text).toContain('Return-Path: <bounce-0419@relay.mailer-svc.example>');
      expect(text).toContain('Reply-To: minseo.choi.kbn@securemail-box.example');
      expect(text).toContain('Message-ID: <20261012104052.7731.kbn@relay.mailer-svc.example>');
      expect(text).toContain('dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=kbn-news.example');
      // each header on a line of its own, the folded Received lines kept
      expect(text.findIndex((l) => l.startsWith('Received:'))).toBeLessThan(
        text.findIndex((l) => l.startsWith('by mx1.hppi.example')),
      );
      await screenshot(page, 'team-console-email-headers');
    });

    it('no address or URL in an inject is a live link; the phishing URL is defanged with a copy button', async () => {
      const { page } = desk;
      await openInject(page, 'kp-kimsuky-journalist');
      const body = reader(page).locator('[data-inject-body]');
      expect(await body.locator('a[href]').count()).toBe(0);
      const phish = body.locator('[data-inert-link="defanged"]');
      await expect.poll(() => phish.count()).toBe(1);
      expect(await phish.innerText()).toContain('hxxps://docs[.]kbn-news-share[.]example/forms/d/1FAIpQ-Lse8/viewform');
      await phish.getByRole('button', { name: /Copy defanged link/ }).waitFor();
      // the sender's own address is plain text, not a mailto link
      expect(await reader(page).locator('a[href^="mailto:"]').count()).toBe(0);
    });

    it('SITREP lettered paragraphs and decision-sheet options start on lines of their own', async () => {
      const { page } = desk;
      const linesStartingWith = async (prefixes: string[]) => {
        const lines = (await reader(page).locator('[data-inject-body]').innerText()).split('\n').map((l) => l.trim());
        return prefixes.map((p) => lines.some((l) => l.startsWith(p)));
      };
      await openInject(page, 'kp-startex');
      expect(
        await linesStartingWith([
          'a. Over the last 21 days',
          'b. SCENARIO ASSUMPTION',
          'c. The Treaty',
          'd. Allied sea lift',
        ]),
      ).toEqual([true, true, true, true]);
      await openInject(page, 'kp-support-package');
      expect(
        await linesStartingWith([
          'A. DIRECT MILITARY SUPPORT',
          'B. NON-COMBAT SUPPORT',
          'C. DIPLOMATIC AND SANCTIONS',
          '+ strongest deterrence',
          '− slow effect',
        ]),
      ).toEqual([true, true, true, true, true]);
      // prose wrapped at the author's column flows as one paragraph (no ragged lines on a phone)
      expect(await linesStartingWith(['alongside the ROK and the UN Command'])).toEqual([false]);
    });

    it('presentation fields show human labels and formatted values', async () => {
      const { page } = desk;
      await openInject(page, 'kp-swift-manipulation');
      const amount = reader(page).locator('[data-meta-details] tr[data-field="amount_usd"]');
      expect((await amount.innerText()).replace(/\s+/g, ' ').trim()).toBe('Amount USD 612,400,000');
      await openInject(page, 'kp-startex');
      const dtg = reader(page).locator('tr[data-field="dtg"] th');
      expect((await dtg.innerText()).trim()).toBe('DTG');
    });

    it('angle-bracketed text in a body stays visible', async () => {
      const created = await staff.ok<{ injectId: string }>('POST', `/exercises/${exercise.id}/adhoc-injects`, {
        channel: 'email',
        from: { name: 'Duty officer', address: 'duty@cert.example' },
        subject: 'Bracket check',
        body: 'Please reply to <duty-desk> or <soc@cert.example>, not to <b>the old</b> list.',
        to: [teamByKey(exercise, 'rok-cert').id],
      });
      await waitInInbox(desk.page, created.injectId);
      await openInject(desk.page, created.injectId);
      const text = await reader(desk.page).locator('[data-inject-body]').innerText();
      expect(text).toContain('Please reply to <duty-desk> or <soc@cert.example>, not to <b>the old</b> list.');
    });
  });

  describe('opening a message', () => {
    it('starts the reading pane at the top and moves focus to the message heading', async () => {
      const { page } = desk;
      await openInject(page, 'kp-kimsuky-journalist');
      const pane = page.locator('#reading-pane').locator('xpath=..');
      await pane.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      expect(await pane.evaluate((el) => el.scrollTop)).toBeGreaterThan(300);
      await openInject(page, 'kp-support-package');
      await expect.poll(() => pane.evaluate((el) => el.scrollTop)).toBe(0);
      const focused = await page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        text: document.activeElement?.textContent,
      }));
      expect(focused.tag).toBe('H2');
      expect(focused.text).toContain('DECISION SHEET 3');
    });
  });

  it('no page errors in either console', () => {
    expect(unexpectedErrors(desk.errors)).toEqual([]);
    expect(unexpectedErrors(phone.errors)).toEqual([]);
  });
});
