import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

/**
 * A team's shared log (responses, acknowledgements) reaches teammates whole in the socket event,
 * exactly as the API lists it, so consoles merge it instead of refetching; no other team and no
 * unauthenticated socket receives it, and the control room gets ids only.
 */
describe("the team's log on the socket", () => {
  it('sends each response and acknowledgement whole to the team only, as GET shows it', async () => {
    const app = await startBackend(testEnv('team-log-events'));
    try {
      const staff = await Api.login(app.url);
      const ex = await createExercise(staff, 'demo', 600);
      const ana = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'Ana');
      const ben = await Api.join(app.url, teamByKey(ex, 'soc').joinCode ?? '', 'Ben');
      const cho = await Api.join(app.url, teamByKey(ex, 'cert').joinCode ?? '', 'Cho');
      const benSocket = new RecordingClient(app.url, ben.token);
      const choSocket = new RecordingClient(app.url, cho.token);
      const control = new RecordingClient(app.url, staff.token);
      expect(await benSocket.ready()).toBe('ready');
      expect(await choSocket.ready()).toBe('ready');
      expect(await control.ready()).toBe('ready');
      expect(await control.watch(ex.id)).toMatchObject({ ok: true });
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(
        async () => (await ana.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === 'phish-email'),
        10_000,
        'phish-email',
      );

      await ana.ok('POST', '/play/injects/phish-email/ack');
      const created = await ana.ok<{ id: string }>('POST', '/play/responses', {
        injectId: 'phish-email',
        text: 'Quarantined; sender domain blocked.',
        optionIds: ['quarantine'],
      });
      await ana.request('PUT', `/play/responses/${created.id}`, {
        text: 'Quarantined; sender domain blocked at the gateway.',
        optionIds: ['quarantine'],
      });
      await until(
        () => benSocket.of('response:changed').length >= 2 && benSocket.of('ack:changed').length >= 1,
        5000,
        'the teammate to hear of both',
      );

      // the teammate's events carry the entries exactly as the team's API lists them
      const [logged, edited] = benSocket.of('response:changed');
      const listed = await ben.ok<{ id: string; revisions: unknown[] }[]>('GET', '/play/responses');
      expect(logged).toMatchObject({ exerciseId: ex.id, responseId: created.id, injectId: 'phish-email' });
      expect(logged.response).toMatchObject({
        id: created.id,
        authorName: 'Ana',
        text: 'Quarantined; sender domain blocked.',
        revisions: [],
      });
      expect(edited.response).toEqual(listed.find((r) => r.id === created.id));
      expect(edited.response.revisions).toHaveLength(1);
      const [ack] = benSocket.of('ack:changed');
      expect(ack.ack).toEqual((await ben.ok<unknown[]>('GET', '/play/acks'))[0]);
      expect(ack.ack).toMatchObject({ injectId: 'phish-email', displayName: 'Ana' });

      // another team hears nothing of it; the control room hears ids, no text
      await new Promise((r) => setTimeout(r, 300));
      expect(choSocket.of('response:changed')).toEqual([]);
      expect(choSocket.of('ack:changed')).toEqual([]);
      expect(JSON.stringify(choSocket.received)).not.toContain('Quarantined');
      // the control room gets the ids in its gathered notices (at most one per 200 ms): the response
      // once per notice however often it changed in it (the create and the edit came ms apart)
      await until(
        () => control.of('control:changes').some((n) => n.responses.length > 0),
        5000,
        'the control room notice',
      );
      const notices = control.of('control:changes');
      for (const n of notices) {
        expect(n.exerciseId).toBe(ex.id);
        expect(new Set(n.responses.map((r: { responseId: string }) => r.responseId)).size).toBe(n.responses.length);
      }
      const entry = { responseId: created.id, teamId: ben.teamId, injectId: 'phish-email' };
      expect(notices.flatMap((n) => n.responses)).toContainEqual(entry);
      expect(notices.flatMap((n) => n.responses).every((r) => JSON.stringify(r) === JSON.stringify(entry))).toBe(true);
      expect(notices.flatMap((n) => n.acks)).toEqual([{ teamId: ben.teamId, injectId: 'phish-email' }]);
      expect(JSON.stringify(control.received)).not.toContain('Quarantined');
      for (const s of [benSocket, choSocket, control]) s.close();

      // the control room's feed: a page of the most recently changed, and how many there are
      await ben.ok('POST', '/play/responses', { injectId: 'phish-email', text: 'Users warned.' });
      await ana.ok('POST', '/play/responses', { injectId: 'phish-email', text: 'Mail gateway rule added.' });
      const page = await staff.ok<{ total: number; items: { text: string; teamName: string }[] }>(
        'GET',
        `/exercises/${ex.id}/responses?limit=2`,
      );
      expect(page.total).toBe(3);
      expect(page.items.map((r) => r.text)).toEqual(['Mail gateway rule added.', 'Users warned.']);
      expect(page.items[0]?.teamName).toBe(teamByKey(ex, 'soc').name);
      expect((await staff.ok<{ items: unknown[] }>('GET', `/exercises/${ex.id}/responses`)).items).toHaveLength(3);
      // the status grid counts a team once per inject, however many of its players acted
      type Grid = { cells: { teamId: string; injectId: string; acknowledged: boolean; responded: boolean }[] };
      await until(
        async () =>
          (await staff.ok<Grid>('GET', `/exercises/${ex.id}/status-grid`)).cells.some((c) => c.teamId === cho.teamId),
        10_000,
        'an inject for CERT',
      );
      const grid = await staff.ok<Grid>('GET', `/exercises/${ex.id}/status-grid`);
      expect(grid.cells.find((c) => c.teamId === ana.teamId && c.injectId === 'phish-email')).toMatchObject({
        acknowledged: true,
        responded: true,
      });
      const certCells = grid.cells.filter((c) => c.teamId === cho.teamId);
      expect(certCells.length).toBeGreaterThan(0);
      expect(certCells.every((c) => !c.acknowledged && !c.responded)).toBe(true);
      for (const bad of ['limit=0', 'limit=2001', 'limit=ten', 'page=2']) {
        const r = await staff.request('GET', `/exercises/${ex.id}/responses?${bad}`);
        expect(r.status, bad).toBe(400);
        expect(r.body.message, bad).toMatch(/limit|page/);
      }
    } finally {
      await app.stop();
    }
  });
});
