import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api, createExercise, teamByKey } from '../support/api-client.js';
import { REPO_ROOT, startBackend, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';

const PACKS = join(REPO_ROOT, 'tests', 'fixtures', 'engine-packs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The domains announce what happened and the realtime layer turns each announcement into its
 * socket messages (realtime-subscriptions.ts): every one reaches the same rooms with the same
 * payload as when the services called the notifier themselves. Teams hear only their own threads
 * and never staff-only news (exercise changes, scores, the report); the control room hears ids.
 */
describe('announcements on the socket', () => {
  it('sends each domain announcement to the rooms it belongs to, with the same payloads', async () => {
    const app = await startBackend(testEnv('announcements', { injectsDir: PACKS }));
    try {
      const staff = await Api.login(app.url);
      const ex = await createExercise(staff, 'branching', 60);
      const a = await Api.join(app.url, teamByKey(ex, 'a').joinCode ?? '', 'Ana');
      const b = await Api.join(app.url, teamByKey(ex, 'b').joinCode ?? '', 'Ben');
      const aSocket = new RecordingClient(app.url, a.token);
      const bSocket = new RecordingClient(app.url, b.token);
      const control = new RecordingClient(app.url, staff.token);
      for (const s of [aSocket, bSocket, control]) expect(await s.ready()).toBe('ready');
      expect(await control.watch(ex.id)).toMatchObject({ ok: true });
      const changed = (reason: string) =>
        control.of('exercise:changed').filter((e: { reason: string }) => e.reason === reason);

      // clock.changed: the clock, nothing more, to players and staff
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(() => aSocket.of('exercise:clock').length >= 1, 5000, 'the start on the socket');
      const [clock] = aSocket.of('exercise:clock');
      expect(Object.keys(clock).sort()).toEqual([
        'anchorScenarioMs',
        'anchorWallMs',
        'exerciseId',
        'serverNow',
        'speed',
        'status',
      ]);
      expect(clock).toMatchObject({ exerciseId: ex.id, status: 'running', speed: 60 });
      expect(control.of('exercise:clock')).toEqual([clock]);

      // decision.opened: the three decisions of T+00:01, to the member teams and staff
      await until(() => bSocket.of('decision:changed').length >= 3, 20_000, 'the opened decisions');
      expect(
        bSocket
          .of('decision:changed')
          .map((e: { decisionId: string }) => e.decisionId)
          .sort(),
      ).toEqual(['d-pass', 'd-timeout', 'd-veto']);
      expect(bSocket.of('decision:changed')[0]).toEqual({ exerciseId: ex.id, decisionId: expect.any(String) });
      const decisions = await staff.ok<{ id: string; decisionId: string }[]>('GET', `/exercises/${ex.id}/decisions`);
      const rowOf = (id: string) => decisions.find((d) => d.decisionId === id)?.id ?? '';

      // decision.voted, decision.closed (forced), decision.extended
      const before = bSocket.of('decision:changed').length;
      await a.ok('POST', '/play/votes', { decisionId: 'd-pass', choice: 'yes' });
      await staff.ok('POST', `/exercises/${ex.id}/decisions/${rowOf('d-veto')}/force`, { outcome: 'yes' });
      await staff.ok('POST', `/exercises/${ex.id}/decisions/${rowOf('d-timeout')}/extend`, {
        deadlineScenarioMs: 30 * 60_000,
      });
      await until(() => bSocket.of('decision:changed').length >= before + 3, 5000, 'vote, close and extension');
      expect(
        bSocket
          .of('decision:changed')
          .slice(before)
          .map((e: { decisionId: string }) => e.decisionId),
      ).toEqual(['d-pass', 'd-veto', 'd-timeout']);
      expect(changed('decision.extended')).toEqual([{ exerciseId: ex.id, reason: 'decision.extended' }]);

      // thread.opened, thread.message: the writing team and staff; never another team
      const thread = await a.ok<{ id: string }>('POST', '/play/threads', { subject: 'Logs', text: 'Send the logs?' });
      await staff.ok('POST', `/exercises/${ex.id}/threads/${thread.id}/messages`, { text: 'On their way.' });
      await until(() => aSocket.of('thread:changed').length >= 2, 5000, 'the thread on the socket');
      expect(aSocket.of('thread:changed')).toEqual([
        { exerciseId: ex.id, threadId: thread.id },
        { exerciseId: ex.id, threadId: thread.id },
      ]);
      expect(control.of('control:thread')).toEqual([
        { exerciseId: ex.id, threadId: thread.id, teamId: a.teamId },
        { exerciseId: ex.id, threadId: thread.id, teamId: a.teamId },
      ]);

      // the control room's tools: journal, settings, an ad-hoc inject to team A only, a skip
      await staff.ok('POST', `/exercises/${ex.id}/journal`, { text: 'Teams are on it.' });
      await staff.ok('POST', `/exercises/${ex.id}/settings`, { observerAnonymous: true });
      const adhoc = await staff.ok<{ injectId: string }>('POST', `/exercises/${ex.id}/adhoc-injects`, {
        channel: 'chat',
        from: { name: 'Control' },
        subject: 'Status?',
        body: 'Send a status update.',
        to: [a.teamId],
      });
      await staff.ok('POST', `/exercises/${ex.id}/injects/reminder/skip`);
      await until(() => changed('inject.skipped').length === 1, 5000, 'the skip on the socket');
      expect(changed('journal.note')).toEqual([{ exerciseId: ex.id, reason: 'journal.note' }]);
      expect(changed('settings.changed')).toHaveLength(1);
      expect(changed('inject.adhoc-created')).toHaveLength(1);
      await until(
        () => aSocket.of('inject:delivered').some((e: { injectId: string }) => e.injectId === adhoc.injectId),
        5000,
        'the ad-hoc inject',
      );

      // score.changed (after a response is scored) to staff; score.visibility-changed to players
      await a.ok('POST', '/play/responses', { injectId: 'alert', text: 'Isolated.', optionIds: ['contain'] });
      await until(
        () =>
          control.of('control:changes').some((e: { scoredTeamIds: string[] }) => e.scoredTeamIds.includes(a.teamId)),
        10_000,
        "team A's score change",
      );
      expect(control.of('control:changes').find((e) => e.scoredTeamIds.length > 0)).toEqual({
        exerciseId: ex.id,
        responses: expect.any(Array),
        acks: expect.any(Array),
        scoredTeamIds: expect.arrayContaining([expect.any(String)]),
      });
      // each team once per notice
      for (const e of control.of('control:changes')) expect(new Set(e.scoredTeamIds).size).toBe(e.scoredTeamIds.length);
      await staff.ok('POST', `/exercises/${ex.id}/score-visibility`, { leaderboard: true });
      await until(() => bSocket.of('scores:visibility').length === 1, 5000, 'the leaderboard switch');
      expect(bSocket.of('scores:visibility')).toEqual([{ exerciseId: ex.id, leaderboard: true }]);
      expect(changed('settings.changed')).toHaveLength(2);

      // the clock again: pause, resume, end
      for (const step of ['pause', 'resume', 'end']) await staff.ok('POST', `/exercises/${ex.id}/${step}`);
      await until(() => bSocket.of('exercise:clock').length >= 4, 5000, 'pause, resume and end');
      expect(bSocket.of('exercise:clock').map((e: { status: string }) => e.status)).toEqual([
        'running',
        'paused',
        'running',
        'ended',
      ]);

      // hotwash.submitted: staff following the report refetch it
      await a.ok('POST', '/play/hotwash', { ratings: { overall: 4 } });
      await until(() => control.of('report:changed').length === 1, 5000, 'the hotwash on the socket');
      expect(control.of('report:changed')).toEqual([{ exerciseId: ex.id, part: 'hotwash' }]);

      // team B heard nothing of team A's thread or ad-hoc inject, and no staff-only news at all
      await sleep(300);
      expect(bSocket.of('thread:changed')).toEqual([]);
      expect(bSocket.of('inject:delivered').map((e: { injectId: string }) => e.injectId)).not.toContain(adhoc.injectId);
      for (const staffOnly of ['exercise:changed', 'control:thread', 'control:changes', 'report:changed'])
        expect(bSocket.of(staffOnly), staffOnly).toEqual([]);
      expect(JSON.stringify(bSocket.received)).not.toContain('Send the logs?');

      // sessions.ended: signing out ends the session's sockets, with the reason
      await b.ok('POST', '/auth/logout');
      await until(() => !bSocket.socket.connected, 5000, "team B's socket to close");
      expect(bSocket.of('session:error')).toEqual([{ code: 'session.ended', message: 'You signed out.' }]);
      for (const s of [aSocket, bSocket, control]) s.close();
    } finally {
      await app.stop();
    }
  });
});
