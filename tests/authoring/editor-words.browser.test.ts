import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { signIn } from '../e2e/support/app-flows.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from '../e2e/support/browser.js';

/**
 * What the editor says, in English and in Korean: a triggered inject in the inject list and in the
 * dry run's report names the inject it waits on by its subject (the ids in a tooltip), and a refused
 * pack zip says what is wrong once (a headline in the interface language, then each error with its place).
 */

let app: RunningProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startBackend(testEnv('authoring-editor-words'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A zip whose pack.yaml the loader refuses: a title that is a number, and nothing else. */
async function brokenPackZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('pack.yaml', 'id: broken-pack\ntitle: 1\n');
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function importZip(page: Page, name: string, buffer: Buffer) {
  await page.goto('/author');
  await page.getByTestId('pack-demo').waitFor();
  await page.locator('.ttx-author-packs .mantine-Group-root button').nth(2).click();
  await page
    .locator('.ttx-author-main input[type="file"]')
    .setInputFiles({ name, mimeType: 'application/zip', buffer });
  await page.locator('.ttx-author-main button:not([disabled])', { hasText: /^(Import|가져오기)$/ }).click();
  const alert = page.getByTestId('zip-import-error');
  await alert.waitFor();
  return alert;
}

const LANGUAGES = [
  {
    lng: 'en',
    injectsTab: /Injects \(/,
    after: 'after “Maui ransomware targeting port operators in the region”',
    refused: 'The pack has errors; nothing was saved',
    dryRun: 'Dry run the saved version',
    decision: 'on the decision in “SITREP 2: ransom note found, 1.2 BTC demanded”',
  },
  {
    lng: 'ko',
    injectsTab: /상황 메시지 \(/,
    after: '“Maui ransomware targeting port operators in the region” 이후',
    refused: '팩에 오류가 있어 저장하지 않았습니다',
    dryRun: '저장된 버전으로 모의 실행',
    decision: '“SITREP 2: ransom note found, 1.2 BTC demanded” 의사결정 시',
  },
] as const;

describe('the editor in words, not ids', () => {
  for (const l of LANGUAGES)
    it(`(${l.lng}) a triggered inject names what releases it, and a refused zip says it once`, async () => {
      const { page, errors, context } = await openPage(browser, app.url);
      await signIn(page, 'instructor');
      await page.goto(`/author?pack=demo&lng=${l.lng}`);
      await page.getByTestId('validation-ok').waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: l.injectsTab }).click();

      // cert-followup is released 5 minutes after cert-advisory: the list names cert-advisory by its subject
      const followup = page.getByTestId('inject-nav-cert-followup');
      const trigger = followup.getByTestId('inject-nav-trigger');
      expect(await trigger.innerText()).toBe(`↳ ${l.after} · cert-followup`);
      expect(await followup.getAttribute('title')).toBe(
        `Can the SOC confirm the C2 address?\n↳ ${l.after}\ncert-followup · after-inject: cert-advisory`,
      );
      // the list is as wide as its column: nothing scrolls it sideways
      expect(
        await page
          .locator('.ttx-inject-list .mantine-ScrollArea-viewport')
          .evaluate((el) => el.scrollWidth <= el.clientWidth),
      ).toBe(true);
      // the one released by a decision names the inject that asks it
      expect(
        await page.getByTestId('inject-nav-statement-out').getByTestId('inject-nav-trigger').innerText(),
      ).toContain('“SITREP 2: ransom note found, 1.2 BTC demanded”');
      // the trigger form's inject choice reads by subject too, the id beside it
      await followup.click();
      const afterSelect = page.locator('[data-path="injects[3].trigger.inject"]');
      expect(await afterSelect.inputValue()).toBe(
        'Maui ransomware targeting port operators in the region (cert-advisory)',
      );
      await screenshot(page, `authoring-words-${l.lng}-inject-list`);

      // the dry run's report says it the same way: each inject by its subject, what released it in words
      await page.getByRole('button', { name: l.dryRun }).click();
      const report = page.getByTestId('dry-run-table');
      await report.waitFor({ timeout: 60_000 });
      const row = report.locator('tr[data-inject-id="cert-followup"]');
      expect(await row.locator('td').first().locator('p').allInnerTexts()).toEqual([
        'Can the SOC confirm the C2 address?',
        'cert-followup',
      ]);
      const released = row.getByTestId('dry-run-trigger');
      expect(await released.innerText()).toBe(`↳ ${l.after}`);
      expect(await released.getAttribute('title')).toBe(
        'after-inject: cert-advisory (Maui ransomware targeting port operators in the region)',
      );
      expect(
        await report.locator('tr[data-inject-id="statement-out"]').getByTestId('dry-run-trigger').innerText(),
      ).toBe(`↳ ${l.decision}`);
      // no raw trigger type anywhere in the report
      expect(await page.getByTestId('dry-run').innerText()).not.toMatch(/after-inject|decision-outcome|contingency/);
      await report.scrollIntoViewIfNeeded();
      await screenshot(page, `authoring-words-${l.lng}-dry-run`);

      // a refused zip: the headline once, each error once with its place, nothing quoted twice
      await page.goto(`/author?lng=${l.lng}`);
      const alert = await importZip(page, 'broken.zip', await brokenPackZip());
      const text = await alert.innerText();
      expect(text.startsWith(l.refused), text).toBe(true);
      expect(text).not.toContain('First:');
      const lines = await alert.getByTestId('pack-error').allInnerTexts();
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(text.split(line).length - 1, `"${line}" shown once`).toBe(1);
      expect(text.match(/pack\.yaml:2:8 title/g)?.length).toBe(1);
      await screenshot(page, `authoring-words-${l.lng}-zip-refused`);

      // a file that is not a zip at all: one message, no list
      const notZip = await importZip(page, 'notes.zip', Buffer.from('not a zip'));
      expect(await notZip.getByTestId('pack-error').count()).toBe(0);
      expect((await notZip.innerText()).trim().split('\n').filter(Boolean).length).toBe(1);
      expect(unexpectedErrors(errors).filter((e) => !/status of 400/.test(e))).toEqual([]);
      await context.close();
    });
});
