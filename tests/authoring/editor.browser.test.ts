import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { join } from 'node:path';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
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

/** Waits for a value the page computes after a request (validation, an upload, a save); slow machines need more than a second. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

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
    await eventually(() => offset.getAttribute('aria-invalid')).toBe('true');
    const fieldError = page.getByTestId('inject-form').getByText(/must be an exercise-clock offset/);
    await fieldError.waitFor();
    await eventually(() => page.getByTestId('error-list').innerText()).toMatch(/pack\.yaml:\d+:\d+ injects\[1\]\.offset/);
    expect(await yamlText(page)).toContain('offset: T+00:5x');
    await screenshot(page, 'authoring-01-invalid-offset');

    // clicking the error in the list focuses the field
    await page.getByTestId('inject-nav-phish-email').click();
    await page.getByTestId('error-list').getByText(/injects\[1\]\.offset/).click();
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe('injects[1].offset');

    // fix it: the YAML and the timeline follow
    await offset.fill('T+00:07');
    await page.getByTestId('validation-ok').waitFor();
    expect(await yamlText(page)).toContain('offset: T+00:07');
    expect(await page.getByTestId('timeline-inject-edr-alert').first().getAttribute('data-offset')).toBe('T+00:07');
    await page.getByRole('tab', { name: 'Scenario' }).click();
    await page.locator('[data-path="version"]').fill('1.0.1');
    await page.getByTestId('validation-ok').waitFor();
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await eventually(() => page.getByTestId('save-result').innerText()).toMatch(/Saved demo 1\.0\.1 as a new version/);
    await screenshot(page, 'authoring-02-saved');

    const next = await api.ok('POST', '/exercises', { packId: 'demo' });
    expect(next.pack.version).toBe('1.0.1');
    const timeline = (await api.get(`/exercises/${next.id}/timeline`)).body;
    expect(timeline.find((t: { injectId: string }) => t.injectId === 'edr-alert').dueScenarioMs).toBe(7 * 60_000);
    expect((await api.get(`/exercises/${earlier.id}`)).body.pack.version).toBe('1.0.0');
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });

  it('clones a pack, edits expected actions, the decision, the trigger and an image in forms, with the timeline and the console preview following', async () => {
    const api = await Api.login(app.url, 'instructor');
    const { page, errors, context } = await openPage(browser, app.url);
    await signIn(page, 'instructor');
    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByTestId('clone-demo').click();
    await page.getByTestId('validation-ok').waitFor();
    const cloned = await yamlText(page);
    expect(cloned).toMatch(/^id: demo-copy$/m);
    expect(cloned).toMatch(/^title: "?Demo: .* \(copy\)"?$/m);

    // the timeline draws what releases each triggered inject: the decision option, the contingency dashed
    const branch = page.getByTestId('timeline-edge-ransom-note-statement-out');
    expect(await branch.getAttribute('data-kind')).toBe('decision-outcome');
    expect(await branch.getAttribute('data-label')).toContain('Issue a joint statement now');
    expect(await branch.getAttribute('aria-label')).toMatch(/statement-out is released when decision statement ends with "Issue a joint statement now"/);
    const contingency = page.getByTestId('timeline-edge-edr-alert-soc-reminder');
    expect(await contingency.getAttribute('data-kind')).toBe('contingency');
    expect(await contingency.locator('line').getAttribute('stroke-dasharray')).toBeTruthy();
    expect(await page.getByTestId('timeline-edge-cert-advisory-cert-followup').getAttribute('data-kind')).toBe('after-inject');
    expect(await page.getByTestId('timeline-inject-ransom-note').first().getAttribute('aria-label')).toMatch(/asks for a decision: Do we issue a joint public statement now\?/);

    // the preview is the team console's own email view
    await page.getByRole('tab', { name: /Injects/ }).click();
    await page.getByTestId('inject-nav-phish-email').click();
    const preview = page.getByTestId('inject-preview');
    await preview.locator('[data-channel-view="email"]').waitFor();
    expect(await preview.locator('[data-header="from"]').innerText()).toContain('billing@harbour-logistics.example');
    expect(await preview.locator('[data-artifact="ioc-table"]').count()).toBe(1);
    expect(await preview.getByRole('checkbox', { name: 'Quarantine the email across all mailboxes' }).isDisabled()).toBe(true);
    expect(await preview.innerText()).not.toContain('block the sender domain');

    // expected actions: points and a new action, written to the YAML
    await page.locator('[data-path="injects[0].expectedActions[0].points"]').fill('25');
    await eventually(() => yamlText(page)).toMatch(/id: quarantine-mail[\s\S]{0,120}points: 25/);
    await page.getByRole('button', { name: 'Add expected action' }).click();
    await page.locator('[data-path="injects[0].expectedActions[1].text"]').fill('Warn the finance team');
    await eventually(() => yamlText(page)).toContain('text: Warn the finance team');
    await page.locator('[data-path="injects[0].expectedActions[1].points"]').fill('5000');
    await page.getByTestId('validation-errors').waitFor();
    await eventually(() => page.locator('[data-path="injects[0].expectedActions[1].points"]').getAttribute('aria-invalid')).toBe('true');
    await page.locator('[data-path="injects[0].expectedActions[1].points"]').fill('5');
    await page.getByTestId('validation-ok').waitFor();

    // an image uploaded for an attachment shows in the preview
    await page.getByRole('button', { name: 'Add image' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('upload-image-1').click()]);
    await chooser.setFiles(join(REPO_ROOT, 'tests', 'fixtures', 'authoring', 'images', 'pixel.png'));
    await eventually(() => yamlText(page)).toContain('path: images/pixel.png');
    await page.locator('[data-path="injects[0].artifacts[1].alt"]').fill('The attachment as the mail client shows it');
    await eventually(() => preview.locator('img[data-artifact="image"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(await preview.locator('img[data-artifact="image"]').getAttribute('alt')).toBe('The attachment as the mail client shows it');

    // the decision: question and a third option in the form; the preview draws the console's decision card
    await page.getByTestId('inject-nav-ransom-note').click();
    await page.locator('[data-path="injects[5].decision.question"]').fill('Do we issue a joint statement today?');
    await page.getByRole('button', { name: 'Add decision option' }).click();
    await page.locator('[data-path="injects[5].decision.options[2].label"]').fill('Ask the allies first');
    await eventually(() => yamlText(page)).toContain('question: Do we issue a joint statement today?');
    expect(await yamlText(page)).toMatch(/id: option-3\s*\n?\s*label: Ask the allies first|\{ id: option-3, label: Ask the allies first \}/);
    const card = preview.getByTestId('preview-decision');
    await eventually(() => card.innerText()).toContain('Do we issue a joint statement today?');
    expect(await card.innerText()).toMatch(/consensus[\s\S]*Ask the allies first[\s\S]*Block \(object\)/i);
    await preview.locator('[data-channel-view="sitrep"]').waitFor();

    // the trigger: release wrap-up after another inject instead of at its offset
    await page.getByTestId('inject-nav-wrap-up').click();
    await page.getByTestId('trigger-type').click();
    await page.getByRole('option', { name: 'After another inject' }).click();
    await eventually(() => yamlText(page)).toMatch(/type: after-inject\n\s+inject: phish-email/);
    // released by its trigger now, so its offset is gone
    expect((await yamlText(page)).split('- id: wrap-up')[1]).not.toContain('offset:');
    await page.getByTestId('timeline-edge-phish-email-wrap-up').waitFor({ state: 'attached' });
    await page.getByTestId('validation-ok').waitFor();
    await screenshot(page, 'authoring-03-clone-forms');

    await page.getByRole('button', { name: 'Save as new version' }).click();
    await eventually(() => page.getByTestId('save-result').innerText()).toMatch(/Saved demo-copy 1\.0\.\d+ as a new version/);
    const saved = (await api.get('/scenarios/demo-copy')).body.pack;
    expect(saved.injects[0].expectedActions).toEqual([expect.objectContaining({ points: 25 }), expect.objectContaining({ text: 'Warn the finance team', points: 5 })]);
    expect(saved.injects[5].decision.options.map((o: { label: string }) => o.label)).toContain('Ask the allies first');
    expect(saved.injects[8].trigger).toEqual({ type: 'after-inject', inject: 'phish-email', delay: '00:05' });
    expect(await api.ok('GET', '/authoring/packs/demo-copy/images')).toEqual([expect.objectContaining({ path: 'images/pixel.png', contentType: 'image/png' })]);
    expect((await api.get('/scenarios/demo')).body.pack.title).not.toMatch(/copy/);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });
});
