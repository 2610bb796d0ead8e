import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { signIn } from '../e2e/support/app-flows.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from '../e2e/support/browser.js';

let app: RunningProcess;

/** The whole YAML in the code editor (CodeMirror renders only the visible lines). */
const yamlText = (page: Page) =>
  page.evaluate(() => {
    type Tile = { root?: { view?: { state: { doc: { toString(): string } } } } };
    const content: (Element & { cmTile?: Tile }) | null = document.querySelector('[data-testid="yaml-source"] .cm-content');
    return content?.cmTile?.root?.view?.state.doc.toString() ?? '';
  });
let browser: Browser;

beforeAll(async () => {
  app = await startBackend(testEnv('authoring-editor'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('scenario editor in the browser', () => {
  it('edits an offset in the form, shows an invalid value at its field, and saves a version the next exercise uses', async () => {
    const api = await Api.login(app.url, 'instructor');
    const earlier = await api.ok('POST', '/exercises', { packId: 'demo' });
    const { page, errors, context } = await openPage(browser, app.url);
    await signIn(page, 'instructor');
    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByTestId('pack-demo').click();
    await page.getByTestId('validation-ok').waitFor();

    await page.getByRole('tab', { name: /Injects/ }).click();
    await page.getByTestId('inject-nav-edr-alert').click();
    const offset = page.locator('[data-path="injects[1].offset"]');
    expect(await offset.inputValue()).toBe('T+00:05');

    // an invalid value: the error appears at the field, and in the list with its line
    await offset.fill('T+00:5x');
    await page.getByTestId('validation-errors').waitFor();
    await expect.poll(() => offset.getAttribute('aria-invalid')).toBe('true');
    const fieldError = page.getByTestId('inject-form').getByText(/must be an exercise-clock offset/);
    await fieldError.waitFor();
    await expect.poll(() => page.getByTestId('error-list').innerText()).toMatch(/pack\.yaml:\d+:\d+ injects\[1\]\.offset/);
    expect(await yamlText(page)).toContain('offset: T+00:5x');
    await screenshot(page, 'authoring-01-invalid-offset');

    // clicking the error in the list focuses the field
    await page.getByTestId('inject-nav-phish-email').click();
    await page.getByTestId('error-list').getByText(/injects\[1\]\.offset/).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe('injects[1].offset');

    // fix it: the YAML and the timeline follow
    await offset.fill('T+00:07');
    await page.getByTestId('validation-ok').waitFor();
    expect(await yamlText(page)).toContain('offset: T+00:07');
    expect(await page.getByTestId('timeline-inject-edr-alert').first().getAttribute('data-offset')).toBe('T+00:07');
    await page.getByRole('tab', { name: 'Scenario' }).click();
    await page.locator('[data-path="version"]').fill('1.0.1');
    await page.getByTestId('validation-ok').waitFor();
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect.poll(() => page.getByTestId('save-result').innerText()).toMatch(/Saved demo 1\.0\.1 as a new version/);
    await screenshot(page, 'authoring-02-saved');

    const next = await api.ok('POST', '/exercises', { packId: 'demo' });
    expect(next.pack.version).toBe('1.0.1');
    const timeline = (await api.get(`/exercises/${next.id}/timeline`)).body;
    expect(timeline.find((t: { injectId: string }) => t.injectId === 'edr-alert').dueScenarioMs).toBe(7 * 60_000);
    expect((await api.get(`/exercises/${earlier.id}`)).body.pack.version).toBe('1.0.0');
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });
});
