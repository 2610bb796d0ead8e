import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { join } from 'node:path';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { signIn } from '../e2e/support/app-flows.js';
import { loadPack } from '../support/demo-pack.js';
import { launchBrowser, openPage, screenshot, unexpectedErrors } from '../e2e/support/browser.js';

let app: RunningProcess;

/** The whole YAML in the code editor (CodeMirror renders only the visible lines). */
const yamlText = (page: Page) =>
  page.evaluate(() => {
    type Tile = { root?: { view?: { state: { doc: { toString(): string } } } } };
    const content: (Element & { cmTile?: Tile }) | null = document.querySelector(
      '[data-testid="yaml-source"] .cm-content',
    );
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
    await eventually(() => page.getByTestId('error-list').innerText()).toMatch(
      /pack\.yaml:\d+:\d+ injects\[1\]\.offset/,
    );
    expect(await yamlText(page)).toContain('offset: T+00:5x');
    await screenshot(page, 'authoring-01-invalid-offset');

    // clicking the error in the list focuses the field
    await page.getByTestId('inject-nav-phish-email').click();
    await page
      .getByTestId('error-list')
      .getByText(/injects\[1\]\.offset/)
      .click();
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe(
      'injects[1].offset',
    );

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
    expect(await branch.getAttribute('aria-label')).toMatch(
      /statement-out is released when decision statement ends with "Issue a joint statement now"/,
    );
    const contingency = page.getByTestId('timeline-edge-edr-alert-soc-reminder');
    expect(await contingency.getAttribute('data-kind')).toBe('contingency');
    expect(await contingency.locator('line').first().getAttribute('stroke-dasharray')).toBeTruthy();
    expect(await page.getByTestId('timeline-edge-cert-advisory-cert-followup').getAttribute('data-kind')).toBe(
      'after-inject',
    );
    expect(await page.getByTestId('timeline-inject-ransom-note').first().getAttribute('aria-label')).toMatch(
      /asks for a decision: Do we issue a joint public statement now\?/,
    );

    // the preview is the team console's own email view
    await page.getByRole('tab', { name: /Injects/ }).click();
    await page.getByTestId('inject-nav-phish-email').click();
    const preview = page.getByTestId('inject-preview');
    await preview.locator('[data-channel-view="email"]').waitFor();
    expect(await preview.locator('[data-header="from"]').innerText()).toContain('billing@harbour-logistics.example');
    expect(await preview.locator('[data-artifact="ioc-table"]').count()).toBe(1);
    expect(
      await preview.getByRole('checkbox', { name: 'Quarantine the email across all mailboxes' }).isDisabled(),
    ).toBe(true);
    expect(await preview.innerText()).not.toContain('block the sender domain');

    // the inject's Korean translation beside its source, written to the pack's translations
    const koSubject = page.locator('[data-path="translations.ko.injects.phish-email.subject"]');
    expect(await koSubject.inputValue()).toContain('연체 청구서 HL-20931');
    await koSubject.fill('최종 통지 HL-20931');
    await eventually(() => yamlText(page)).toMatch(
      /^translations:[\s\S]*\n {6}phish-email:[\s\S]*subject: 최종 통지 HL-20931/m,
    );

    // expected actions: points and a new action, written to the YAML
    await page.locator('[data-path="injects[0].expectedActions[0].points"]').fill('25');
    await eventually(() => yamlText(page)).toMatch(/id: quarantine-mail[\s\S]{0,120}points: 25/);
    await page.getByRole('button', { name: 'Add expected action' }).click();
    await page.locator('[data-path="injects[0].expectedActions[1].text"]').fill('Warn the finance team');
    await eventually(() => yamlText(page)).toContain('text: Warn the finance team');
    await page.locator('[data-path="injects[0].expectedActions[1].points"]').fill('5000');
    await page.getByTestId('validation-errors').waitFor();
    await eventually(() =>
      page.locator('[data-path="injects[0].expectedActions[1].points"]').getAttribute('aria-invalid'),
    ).toBe('true');
    await page.locator('[data-path="injects[0].expectedActions[1].points"]').fill('5');
    await page.getByTestId('validation-ok').waitFor();

    // an image uploaded for an attachment shows in the preview
    await page.getByRole('button', { name: 'Add image' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('upload-image-1').click()]);
    await chooser.setFiles(join(REPO_ROOT, 'tests', 'fixtures', 'authoring', 'images', 'pixel.png'));
    await eventually(() => yamlText(page)).toContain('path: images/pixel.png');
    await page.locator('[data-path="injects[0].artifacts[1].alt"]').fill('The attachment as the mail client shows it');
    await eventually(() =>
      preview
        .locator('img[data-artifact="image"]')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
    ).toBe(1);
    expect(await preview.locator('img[data-artifact="image"]').getAttribute('alt')).toBe(
      'The attachment as the mail client shows it',
    );

    // the decision: question and a third option in the form; the preview draws the console's decision card
    await page.getByTestId('inject-nav-ransom-note').click();
    await page.locator('[data-path="injects[5].decision.question"]').fill('Do we issue a joint statement today?');
    await page.getByRole('button', { name: 'Add decision option' }).click();
    await page.locator('[data-path="injects[5].decision.options[2].label"]').fill('Ask the allies first');
    await eventually(() => yamlText(page)).toContain('question: Do we issue a joint statement today?');
    expect(await yamlText(page)).toMatch(
      /id: option-3\s*\n?\s*label: Ask the allies first|\{ id: option-3, label: Ask the allies first \}/,
    );
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
    await eventually(() => page.getByTestId('save-result').innerText()).toMatch(
      /Saved demo-copy 1\.0\.\d+ as a new version/,
    );
    const saved = (await api.get('/scenarios/demo-copy')).body.pack;
    expect(saved.injects[0].expectedActions).toEqual([
      expect.objectContaining({ points: 25 }),
      expect.objectContaining({ text: 'Warn the finance team', points: 5 }),
    ]);
    expect(saved.injects[5].decision.options.map((o: { label: string }) => o.label)).toContain('Ask the allies first');
    expect(saved.injects[8].trigger).toEqual({ type: 'after-inject', inject: 'phish-email', delay: '00:05' });
    expect(await api.ok('GET', '/authoring/packs/demo-copy/images')).toEqual([
      expect.objectContaining({ path: 'images/pixel.png', contentType: 'image/png' }),
    ]);
    expect((await api.get('/scenarios/demo')).body.pack.title).not.toMatch(/copy/);
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });

  it('keeps unsaved edits: asks before switching packs, restores the draft on return and after closing the tab, and discards it on request', async () => {
    const { page, errors, context } = await openPage(browser, app.url);
    await signIn(page, 'instructor');
    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByTestId('pack-crypto-bridge-heist').click();
    await page.getByTestId('validation-ok').waitFor();
    const title = page.locator('[data-path="title"]');
    const original = await title.inputValue();
    await title.fill('Bridge heist, edited');
    await page.getByTestId('unsaved-draft').waitFor();

    // switching asks; "keep editing" stays with the edit
    await page.getByTestId('pack-demo').click();
    const prompt = page.getByRole('dialog', { name: 'Unsaved changes' });
    await prompt.waitFor();
    expect(await prompt.innerText()).toMatch(/kept as a draft in this browser/);
    await prompt.getByRole('button', { name: 'Keep editing' }).click();
    await prompt.waitFor({ state: 'hidden' });
    expect(await title.inputValue()).toBe('Bridge heist, edited');

    // leave, keeping the draft: the pack is marked, and the edit comes back when it is opened again
    await page.getByTestId('pack-demo').click();
    await prompt.getByRole('button', { name: 'Leave, keep the draft' }).click();
    await eventually(() => page.locator('[data-path="title"]').inputValue()).toMatch(/^Demo/);
    await page.getByTestId('draft-badge-crypto-bridge-heist').waitFor();
    await page.getByTestId('pack-crypto-bridge-heist').click();
    await page.getByTestId('draft-restored').waitFor();
    expect(await title.inputValue()).toBe('Bridge heist, edited');
    await eventually(() => yamlText(page)).toMatch(/^title: "?Bridge heist, edited"?$/m);

    // another page of the app and back: still there
    await page.getByRole('link', { name: 'Control room' }).click();
    await page.waitForURL(/\/control/);
    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.getByTestId('pack-crypto-bridge-heist').click();
    await page.getByTestId('draft-restored').waitFor();
    expect(await title.inputValue()).toBe('Bridge heist, edited');

    // closing the tab asks the browser to confirm, and the draft outlives the tab
    await title.fill('Bridge heist, edited again');
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.close({ runBeforeUnload: true });
    await eventually(() => dialogs).toContain('beforeunload');
    const page2 = await context.newPage();
    page2.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page2.goto('/author?pack=crypto-bridge-heist');
    await page2.getByTestId('draft-restored').waitFor();
    expect(await page2.locator('[data-path="title"]').inputValue()).toBe('Bridge heist, edited again');

    // discard: back to the stored pack, nothing kept
    await page2.getByRole('button', { name: 'Discard draft…' }).click();
    await page2.getByRole('button', { name: 'Discard draft', exact: true }).click();
    await eventually(() => page2.locator('[data-path="title"]').inputValue()).toBe(original);
    await page2.getByTestId('unsaved-draft').waitFor({ state: 'detached' });
    await page2.getByTestId('draft-badge-crypto-bridge-heist').waitFor({ state: 'detached' });
    expect(
      await page2.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ttx.author.draft.'))),
    ).toEqual([]);

    // "discard changes" in the prompt throws the edit away as it switches
    await page2.locator('[data-path="title"]').fill('Thrown away');
    await page2.getByTestId('unsaved-draft').waitFor();
    await page2.getByTestId('pack-demo').click();
    await page2
      .getByRole('dialog', { name: 'Unsaved changes' })
      .getByRole('button', { name: 'Discard changes' })
      .click();
    await eventually(() => page2.locator('[data-path="title"]').inputValue()).toMatch(/^Demo/);
    await page2.getByTestId('pack-crypto-bridge-heist').click();
    await eventually(() => page2.locator('[data-path="title"]').inputValue()).toBe(original);
    expect(await page2.getByTestId('draft-restored').count()).toBe(0);
    expect(
      await page2.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ttx.author.draft.'))),
    ).toEqual([]);

    // a new pack that was never saved is kept too, and listed to reopen
    await page2.getByRole('button', { name: 'New pack' }).click();
    // the new pack's editor first: typing before it is in place would edit the pack being left
    await eventually(() => page2.locator('[data-path="title"]').inputValue()).toBe('New scenario');
    await page2.locator('[data-path="title"]').fill('Half-written drill');
    await page2.getByTestId('unsaved-draft').waitFor();
    await page2.getByTestId('pack-demo').click();
    await page2
      .getByRole('dialog', { name: 'Unsaved changes' })
      .getByRole('button', { name: 'Leave, keep the draft' })
      .click();
    const kept = page2.getByTestId('kept-drafts');
    await kept.getByText('Half-written drill').click();
    await eventually(() => page2.locator('[data-path="title"]').inputValue()).toBe('Half-written drill');
    await page2.getByTestId('draft-restored').waitFor();
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });

  it("writes why a distractor is wrong in the inject's translation, beside the source's why", async () => {
    const { page, errors, context } = await openPage(browser, app.url);
    await signIn(page, 'instructor');
    await page.goto('/author?pack=korean-peninsula');
    await page.getByTestId('validation-ok').waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: /Injects/ }).click();
    await page.getByTestId('inject-nav-kp-swift-manipulation').click();
    const why = page.locator(
      '[data-path="translations.ko.injects.kp-swift-manipulation.distractors.rebuild-first.why"]',
    );
    expect(await why.inputValue()).toBe('아직 회수할 수 있는 지급 29건이 남아 있는데 증거와 SAA 저널을 지워 버립니다');
    // the source's why beside it; an option that is no distractor has no such field
    expect(await page.getByTestId('inject-translation').innerText()).toContain(
      'wipes the evidence and the SAA journal while 29 payments can still be recalled',
    );
    expect(
      await page
        .locator('[data-path="translations.ko.injects.kp-swift-manipulation.distractors.stop-and-recall.why"]')
        .count(),
    ).toBe(0);
    await why.fill('지급 29건을 회수할 수 있는 시간에 증거를 지웁니다');
    await eventually(() => yamlText(page)).toMatch(
      /\n {6}kp-swift-manipulation:[\s\S]*distractors:\n {10}rebuild-first:\n {12}why: 지급 29건을 회수할 수 있는 시간에 증거를 지웁니다/,
    );
    await page.getByTestId('validation-ok').waitFor();
    // emptied, the entry goes (the source's why is read instead) and the pack stays valid
    await why.fill('');
    await eventually(() => yamlText(page)).not.toContain('rebuild-first:\n            why:');
    await page.getByTestId('validation-ok').waitFor();
    await screenshot(page, 'authoring-distractor-why');
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });

  it('draws the 60-odd-inject Korean Peninsula pack readably: lane names in full, zoom and pan, arrow labels only on hover or selection and never on top of each other, and the YAML follows the selection', async () => {
    const { page, errors, context } = await openPage(browser, app.url);
    await signIn(page, 'instructor');
    await page.goto('/author?pack=korean-peninsula');
    await page.getByTestId('validation-ok').waitFor({ timeout: 20_000 });
    const timeline = page.getByTestId('timeline');
    await timeline.scrollIntoViewIfNeeded();

    // every lane name is shown whole (no ellipsis, no clamp)
    const lanes = await page.locator('[data-testid^="lane-name-"]').evaluateAll((els) =>
      els.map((e) => ({
        text: e.textContent,
        title: e.getAttribute('title'),
        cut: e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1,
      })),
    );
    const pack = loadPack('korean-peninsula');
    expect(pack.injects.length).toBeGreaterThanOrEqual(57);
    expect(lanes.map((l) => l.text)).toEqual(pack.teams.map((t) => t.name));
    expect(lanes.map((l) => l.title)).toEqual(pack.teams.map((t) => t.name));
    expect(lanes.filter((l) => l.cut)).toEqual([]);

    const edgeCount = await page.locator('[data-testid^="timeline-edge-hit-"]').count();
    expect(edgeCount).toBeGreaterThan(20);
    const labels = () =>
      page.locator('[data-testid^="timeline-edge-label-"]').evaluateAll((els) =>
        els.map((e) => ({
          id: e.getAttribute('data-testid') ?? '',
          box: e.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number },
        })),
      );
    const overlaps = (list: Awaited<ReturnType<typeof labels>>) =>
      list.flatMap((a, i) =>
        list
          .slice(i + 1)
          .flatMap((b) =>
            a.box.left < b.box.right - 1 &&
            b.box.left < a.box.right - 1 &&
            a.box.top < b.box.bottom - 1 &&
            b.box.top < a.box.bottom - 1
              ? [`${a.id} × ${b.id}`]
              : [],
          ),
      );
    // at rest only the selected inject's arrows are labelled
    expect((await labels()).length).toBeLessThan(6);

    // pointing at a decision with five outcomes labels all five, none on top of another
    const decision = page.getByTestId('timeline-inject-kp-attribution-decision').first();
    await decision.hover();
    await eventually(async () => (await labels()).length).toBeGreaterThanOrEqual(5);
    const shown = await labels();
    expect(shown.some((l) => l.id.startsWith('timeline-edge-label-kp-attribution-decision-'))).toBe(true);
    expect(overlaps(shown)).toEqual([]);
    await screenshot(page, 'authoring-04-timeline-hover');

    // pointing at one arrow labels it: find an arrow and a point of it that nothing covers
    await page.mouse.move(0, 0);
    const target = await page.evaluate(() => {
      for (const hit of Array.from(document.querySelectorAll<SVGLineElement>('[data-testid^="timeline-edge-hit-"]'))) {
        const svg = hit.ownerSVGElement?.getBoundingClientRect();
        if (!svg) continue;
        const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(hit.getAttribute(a)));
        for (let t = 0.3; t <= 0.7; t += 0.05) {
          const x = svg.left + x1 + (x2 - x1) * t;
          const y = svg.top + y1 + (y2 - y1) * t;
          if (document.elementFromPoint(x, y) === hit)
            return { id: (hit.getAttribute('data-testid') ?? '').replace('timeline-edge-hit-', ''), x, y };
        }
      }
      return null;
    });
    expect(target).not.toBeNull();
    if (target) {
      await page.mouse.move(target.x, target.y);
      await eventually(async () => (await labels()).map((l) => l.id)).toContain(`timeline-edge-label-${target.id}`);
    }

    // zoom: the track grows, the view scrolls, and dragging pans it
    const viewport = page.getByTestId('timeline-viewport');
    const track = page.getByTestId('timeline-track');
    const fitWidth = Number(await track.getAttribute('data-width'));
    await page.getByTestId('timeline-zoom-in').click();
    await page.getByTestId('timeline-zoom-in').click();
    await page.getByTestId('timeline-zoom-in').click();
    await page.getByTestId('timeline-zoom-in').click();
    expect(await page.getByTestId('timeline-zoom').innerText()).toBe('×4');
    expect(Number(await track.getAttribute('data-width'))).toBe(fitWidth * 4);
    expect(await viewport.evaluate((el) => el.scrollWidth > el.clientWidth * 3)).toBe(true);
    const before = await viewport.evaluate((el) => el.scrollLeft);
    const vb = await viewport.boundingBox();
    expect(vb).not.toBeNull();
    if (vb) {
      // a gap between the tick labels and the first lane: empty background to grab
      await page.mouse.move(vb.x + vb.width / 2, vb.y + 8);
      await page.mouse.down();
      await page.mouse.move(vb.x + vb.width / 2 - 300, vb.y + 8, { steps: 5 });
      await page.mouse.up();
    }
    expect(await viewport.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before + 200);
    // at ×4 no two markers in a lane cover each other
    const markerOverlaps = await page.locator('[data-testid^="timeline-inject-"]').evaluateAll((els) => {
      const boxes = els.map((e) => e.getBoundingClientRect());
      let n = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (a.left < b.right - 2 && b.left < a.right - 2 && a.top < b.bottom - 2 && b.top < a.bottom - 2) n++;
        }
      return n;
    });
    expect(markerOverlaps).toBe(0);

    // the YAML view follows the inject chosen on the timeline, and in the list
    const yamlLineOf = (id: string) =>
      page.evaluate((injectId) => {
        const scroller = document.querySelector('[data-testid="yaml-source"] .cm-scroller');
        const line = Array.from(document.querySelectorAll('[data-testid="yaml-source"] .cm-line')).find(
          (l) => l.textContent?.trim() === `- id: ${injectId}`,
        );
        if (!scroller || !line) return { visible: false, marked: false };
        const s = scroller.getBoundingClientRect();
        const r = line.getBoundingClientRect();
        return {
          visible: r.top >= s.top && r.bottom <= s.bottom,
          marked: line.classList.contains('ttx-yaml-selected'),
        };
      }, id);
    expect((await yamlLineOf('kp-attribution-decision')).visible).toBe(false);
    await page.getByTestId('timeline-inject-kp-attribution-decision').first().click();
    await eventually(() => yamlLineOf('kp-attribution-decision')).toEqual({ visible: true, marked: true });
    await page.getByTestId('inject-nav-kp-kimsuky-journalist').click();
    await eventually(() => yamlLineOf('kp-kimsuky-journalist')).toEqual({ visible: true, marked: true });
    expect((await yamlLineOf('kp-attribution-decision')).visible).toBe(false);
    await screenshot(page, 'authoring-05-yaml-follows');
    expect(unexpectedErrors(errors)).toEqual([]);
    await context.close();
  });
});
