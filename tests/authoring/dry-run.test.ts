import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';

let app: RunningProcess;
let api: Api;

beforeAll(async () => {
  app = await startBackend(testEnv('authoring-dry-run'));
  api = await Api.login(app.url, 'instructor');
});
afterAll(async () => {
  await app?.stop();
});

describe('dry run', () => {
  it('rehearses the demo pack at ×600 on the real scheduler in under a minute and reports what fired when', async () => {
    const pack = (await api.get('/scenarios/demo')).body.pack;
    const started = Date.now();
    const run = await api.ok('POST', '/authoring/dry-runs', { packId: 'demo', speed: 600 });
    expect(run.status).toBe('starting');
    let report = run;
    const progress: number[] = [];
    while (report.status === 'starting' || report.status === 'running') {
      await new Promise((r) => setTimeout(r, 300));
      report = (await api.get(`/authoring/dry-runs/${run.id}`)).body;
      progress.push(report.progress.scenarioMs);
    }
    const wall = Date.now() - started;
    console.log(
      `[dry run] demo at ×600: ${wall} ms wall, ${report.timing.deliveries} deliveries, lateness p50 ${report.timing.lateMsP50} ms, max ${report.timing.lateMsMax} ms; never fired: ${report.neverFired.join(', ') || 'none'}; decisions: ${JSON.stringify(report.decisions)}`,
    );
    expect(report.status, report.error ?? '').toBe('finished');
    expect(wall).toBeLessThan(60_000);
    expect(progress.some((p) => p > 0 && p < report.progress.durationMs)).toBe(true);

    // the exercise it ran is a real one, made from the pack, on the real clock
    const ex = (await api.get(`/exercises/${report.exerciseId}`)).body;
    expect(ex.clock.status).toBe('ended');
    expect(ex.clock.speed).toBe(600);

    const timed = pack.injects.filter((i: { offset?: string }) => i.offset);
    for (const i of timed) {
      const row = report.injects.find((r: { injectId: string }) => r.injectId === i.id);
      expect(row, i.id).toBeDefined();
      expect(row.firedMs, i.id).not.toBeNull();
      // delivered at its planned scenario time (the scheduler's exactness, at ×600)
      expect(Math.abs(row.firedMs - row.plannedMs), i.id).toBeLessThan(1000);
    }
    expect(report.teams.map((t: { key: string }) => t.key).sort()).toEqual(
      pack.teams.map((t: { id: string }) => t.id).sort(),
    );
    const soc = report.teams.find((t: { key: string }) => t.key === 'soc');
    expect(soc.delivered).toBeGreaterThanOrEqual(2);
    expect(soc.responses).toBeGreaterThanOrEqual(1);
    // the follow-up released by a response option or an inject shows that triggers ran too
    const triggered = report.injects.filter(
      (r: { trigger: string | null; firedMs: number | null }) => r.trigger && r.firedMs !== null,
    );
    expect(triggered.length).toBeGreaterThan(0);
    expect(report.neverFired).toEqual(
      report.injects
        .filter((r: { firedMs: number | null }) => r.firedMs === null)
        .map((r: { injectId: string }) => r.injectId),
    );
  });

  it('refuses speeds outside ×60–×600 and unknown packs', async () => {
    expect((await api.post('/authoring/dry-runs', { packId: 'demo', speed: 5 })).status).toBe(400);
    expect((await api.post('/authoring/dry-runs', { packId: 'nope' })).status).toBe(404);
  });
});
