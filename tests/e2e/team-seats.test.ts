import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { signIn } from './support/app-flows.js';
import { launchBrowser, openPage, screenshot, type TrackedPage, unexpectedErrors } from './support/browser.js';

/**
 * A facilitator's levers on seats, in a real Chromium: the control room's join-codes dialog lists
 * who holds a seat in each team; removing a player ends their session at once, a new join code
 * stops the old one, and a seat cap refuses the next player.
 */
describe('players and seats in the control room', () => {
  let app: RunningProcess;
  let browser: Browser;
  let room: TrackedPage;
  let instructor: Api;
  let ex: ExerciseDetail;

  beforeAll(async () => {
    app = await startBackend(testEnv('e2e-team-seats'));
    browser = await launchBrowser();
    instructor = await Api.login(app.url);
    ex = await createExercise(instructor, 'demo');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('removes a player, gives a team a new code and caps its seats, each confirmed first', async () => {
    const soc = teamByKey(ex, 'soc');
    const oldCode = soc.joinCode ?? '';
    const sam = await Api.join(app.url, oldCode, 'Sam Seatholder');
    const rae = await Api.join(app.url, oldCode, 'Rae Remover');
    expect((await rae.get('/play/session')).status).toBe(200);

    room = await openPage(browser, app.url);
    const { page } = room;
    await signIn(page, 'instructor');
    await page.goto(`/control/${ex.id}`);
    await page.getByRole('button', { name: 'Join codes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Join codes, invite links and players' });
    const socPlayers = dialog.getByRole('region', { name: `Players of ${soc.name}` });
    await expect.poll(() => socPlayers.getByRole('row').count()).toBe(2);
    await expect.poll(() => socPlayers.textContent()).toContain('2 seats taken');
    await screenshot(page, 'team-seats-1440');

    // remove Rae: nothing happens before the confirmation; then her session ends at once
    await socPlayers.getByRole('button', { name: 'Remove Rae Remover' }).click();
    const confirmRemove = page.getByRole('dialog', { name: 'Remove Rae Remover?' });
    await expect.poll(() => confirmRemove.isVisible()).toBe(true);
    expect((await rae.get('/play/session')).status).toBe(200);
    await confirmRemove.getByRole('button', { name: 'Remove player' }).click();
    await expect.poll(async () => (await rae.get('/play/session')).status).toBe(401);
    await expect.poll(() => socPlayers.getByRole('row').count()).toBe(1);
    expect(await socPlayers.textContent()).toContain('Sam Seatholder');
    expect((await sam.get('/play/session')).status).toBe(200);

    // a new code: the dialog shows it, the old one is refused, players already in keep their seats
    await socPlayers.getByRole('button', { name: 'New join code' }).click();
    await page
      .getByRole('dialog', { name: 'Give this team a new join code?' })
      .getByRole('button', { name: 'New join code' })
      .click();
    const codeCell = dialog.locator(`[data-team-key="${soc.key}"] [data-join-code]`).first();
    await expect.poll(() => codeCell.getAttribute('data-join-code')).not.toBe(oldCode);
    const newCode = (await codeCell.getAttribute('data-join-code')) ?? '';
    expect((await new Api(app.url).post('/join', { code: oldCode, displayName: 'Late Larry' })).status).toBe(404);
    expect((await sam.get('/play/session')).status).toBe(200);

    // a cap of one seat: Sam holds it, so the next player is refused
    await socPlayers.getByLabel(`Seat cap of ${soc.name}`).fill('1');
    await socPlayers.getByRole('button', { name: 'Save cap' }).click();
    await expect.poll(() => socPlayers.textContent()).toContain('1 seat taken of 1');
    const refused = await new Api(app.url).post<{ message: string }>('/join', {
      code: newCode,
      displayName: 'Fay Full',
    });
    expect(refused.status).toBe(409);
    expect(unexpectedErrors(room.errors)).toEqual([]);
  });

  it('fits a phone', async () => {
    const phone = await openPage(browser, app.url, { viewport: { width: 390, height: 844 }, touch: true });
    await signIn(phone.page, 'instructor');
    await phone.page.goto(`/control/${ex.id}`);
    // on a phone the join codes sit behind the header's "More controls"
    await phone.page.getByRole('button', { name: 'More controls' }).click();
    await phone.page.getByRole('button', { name: 'Join codes' }).click();
    const seats = phone.page.getByTestId('team-seats');
    await expect.poll(() => seats.isVisible()).toBe(true);
    await seats.scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'team-seats-390');
    expect(await phone.page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    expect(unexpectedErrors(phone.errors)).toEqual([]);
  });
});
