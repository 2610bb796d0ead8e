import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ParticipantPrincipal, UserPrincipal } from '../../auth/principal.js';
import { conflict, notFound } from '../../common/domain-error.js';
import { ExerciseLifecycle } from '../../exercises/exercise-lifecycle.service.js';
import { ExerciseQueries } from '../../exercises/exercise-queries.service.js';
import { ParticipantsService } from '../../exercises/participants.service.js';
import { ResponsesService } from '../../responses/responses.service.js';
import { type Inject, parseDurationMs } from '../../scenarios/pack/pack-schema.js';
import { ScenariosService } from '../../scenarios/scenarios.service.js';

export type DryRunStatus = 'starting' | 'running' | 'finished' | 'failed';

export interface DryRunReport {
  id: string;
  packId: string;
  packVersion: string;
  exerciseId: string | null;
  speed: number;
  status: DryRunStatus;
  error: string | null;
  /** scenario time reached, against the pack's duration */
  progress: { scenarioMs: number; durationMs: number; delivered: number; injects: number };
  startedAt: number;
  finishedAt: number | null;
  wallMs: number;
  teams: { key: string; name: string; delivered: number; responses: number }[];
  /** every inject: planned time, when it fired on the scenario clock, and for whom */
  injects: {
    injectId: string;
    subject: string;
    /** the trigger's type ("after-inject", "decision-outcome", …), null for an inject on the clock */
    trigger: string | null;
    /**
     * What a triggered inject waits on, so that the editor can name it: the inject (for a decision
     * outcome, the inject that asks the decision) and the decision; null for an inject on the clock
     */
    releasedBy: { inject: string | null; decision: string | null } | null;
    plannedMs: number | null;
    firedMs: number | null;
    teams: number;
    status: string;
  }[];
  neverFired: string[];
  decisions: { decisionId: string; outcome: string; scenarioMs: number | null }[];
  /** wall-clock lateness of deliveries against their due instant */
  timing: { deliveries: number; lateMsP50: number; lateMsMax: number; late: number };
  warnings: string[];
}

const MAX_RUNS = 50;

/** The inject (and decision) a triggered inject of the pack waits on; null for one on the clock. */
function releasedBy(injects: readonly Inject[], injectId: string): DryRunReport['injects'][number]['releasedBy'] {
  const trigger = injects.find((i) => i.id === injectId)?.trigger;
  if (!trigger) return null;
  if (trigger.type === 'decision-outcome')
    return {
      inject: injects.find((i) => i.decision?.id === trigger.decision)?.id ?? null,
      decision: trigger.decision,
    };
  return { inject: trigger.inject, decision: null };
}
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const POLL_MS = 150;

/**
 * A rehearsal of a pack on the real engine: an exercise made from the pack, run at high speed by
 * the real scheduler and delivery worker, with one simulated player per team who answers every
 * inject with its first response option and votes for the first option of every decision.
 */
@Injectable()
export class DryRunService implements OnApplicationShutdown {
  private readonly logger = new Logger('dry-run');
  private readonly runs = new Map<string, DryRunReport>();
  private stopping = false;

  constructor(
    private readonly scenarios: ScenariosService,
    private readonly lifecycle: ExerciseLifecycle,
    private readonly queries: ExerciseQueries,
    private readonly participants: ParticipantsService,
    private readonly responses: ResponsesService,
  ) {}

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  async start(by: UserPrincipal, packId: string, speed: number): Promise<DryRunReport> {
    const active = [...this.runs.values()].filter((r) => r.status === 'running' || r.status === 'starting').length;
    if (active >= 3) throw conflict('dry-run.busy', 'Three dry runs are already running; wait for one to finish');
    const pack = await this.scenarios.get(packId);
    const run: DryRunReport = {
      id: randomUUID(),
      packId: pack.packId,
      packVersion: pack.version,
      exerciseId: null,
      speed,
      status: 'starting',
      error: null,
      progress: {
        scenarioMs: 0,
        durationMs: parseDurationMs(pack.document.duration),
        delivered: 0,
        injects: pack.document.injects.length,
      },
      startedAt: Date.now(),
      finishedAt: null,
      wallMs: 0,
      teams: [],
      injects: [],
      neverFired: [],
      decisions: [],
      timing: { deliveries: 0, lateMsP50: 0, lateMsMax: 0, late: 0 },
      warnings: [],
    };
    this.runs.set(run.id, run);
    this.prune();
    void this.execute(by, pack.id, run, pack.document.injects).catch((e: unknown) => {
      run.status = 'failed';
      run.error = e instanceof Error ? e.message : String(e);
      run.finishedAt = Date.now();
      this.logger.warn(`dry run ${run.id} failed: ${run.error}`);
    });
    return run;
  }

  get(id: string): DryRunReport {
    const r = this.runs.get(id);
    if (!r) throw notFound('dry run', id);
    return r;
  }

  private prune(): void {
    const done = [...this.runs.values()]
      .filter((r) => r.status === 'finished' || r.status === 'failed')
      .sort((a, b) => a.startedAt - b.startedAt);
    while (this.runs.size > MAX_RUNS && done.length) this.runs.delete((done.shift() as DryRunReport).id);
  }

  private async execute(
    by: UserPrincipal,
    packRecordId: string,
    run: DryRunReport,
    packInjects: readonly Inject[],
  ): Promise<void> {
    const ex = await this.lifecycle.create(by, {
      packId: packRecordId,
      name: `Dry run of ${run.packId} ${run.packVersion} at ×${run.speed}`,
    });
    run.exerciseId = ex.id;
    await this.lifecycle.setSpeed(by, ex.id, run.speed);
    const detail = await this.queries.detail(by, ex.id);
    const players: { key: string; name: string; p: ParticipantPrincipal; seen: Set<string>; responses: number }[] = [];
    for (const t of detail.teams) {
      if (!t.joinCode) throw new Error("the dry run needs the teams' join codes");
      players.push({
        key: t.key,
        name: t.name,
        p: (await this.participants.join(t.joinCode, `Simulated ${t.name}`, { userAgent: 'dry run' })).principal,
        seen: new Set(),
        responses: 0,
      });
    }
    await this.lifecycle.start(by, ex.id, undefined);
    run.status = 'running';
    const budgetMs = run.progress.durationMs / run.speed + 20_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (this.stopping) throw new Error('the server is shutting down');
      for (const pl of players) {
        for (const inj of await this.queries.playerInjects(pl.p)) {
          if (pl.seen.has(inj.id)) continue;
          pl.seen.add(inj.id);
          const option = inj.responseOptions[0];
          const decisionOption = inj.decision?.options[0];
          if (!option && !(inj.decision && decisionOption)) continue;
          try {
            await this.responses.create(pl.p, {
              injectId: inj.id,
              text: 'Simulated response (dry run)',
              optionIds: option ? [option.id] : [],
              ...(inj.decision && decisionOption
                ? { vote: { decisionId: inj.decision.id, choice: decisionOption.id } }
                : {}),
            });
            pl.responses += 1;
          } catch (e) {
            run.warnings.push(`${pl.name} could not answer "${inj.id}": ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
      const timeline = await this.queries.timeline(ex.id);
      const current = await this.queries.detail(by, ex.id);
      run.progress.scenarioMs = Math.min(current.clock.scenarioNowMs, run.progress.durationMs);
      run.progress.delivered = timeline.filter((t) => t.status === 'delivered').length;
      run.wallMs = Date.now() - run.startedAt;
      run.teams = players.map((pl) => ({
        key: pl.key,
        name: pl.name,
        delivered: pl.seen.size,
        responses: pl.responses,
      }));
      const open = timeline.some((t) => t.status === 'pending');
      if (current.clock.scenarioNowMs >= run.progress.durationMs && !open) break;
      if (!open && !timeline.some((t) => t.status === 'waiting')) break;
      if (current.clock.scenarioNowMs >= run.progress.durationMs + 60_000) break;
      if (Date.now() - run.startedAt > budgetMs) {
        run.warnings.push(`stopped after ${Math.round(budgetMs / 1000)} s of wall time`);
        break;
      }
    }
    await this.lifecycle.end(by, ex.id);
    await this.summarise(run, ex.id, packInjects);
    run.status = 'finished';
    run.finishedAt = Date.now();
    run.wallMs = run.finishedAt - run.startedAt;
  }

  private async summarise(run: DryRunReport, exerciseId: string, packInjects: readonly Inject[]): Promise<void> {
    const timeline = await this.queries.timeline(exerciseId);
    const deliveries = await this.queries.deliveries(exerciseId);
    const firedAt = new Map<string, number>();
    for (const d of deliveries)
      if (!firedAt.has(d.injectId) || (firedAt.get(d.injectId) ?? 0) > d.scenarioMs)
        firedAt.set(d.injectId, d.scenarioMs);
    run.injects = timeline.map((t) => ({
      injectId: t.injectId,
      subject: t.subject,
      trigger: t.trigger,
      releasedBy: releasedBy(packInjects, t.injectId),
      plannedMs: t.dueScenarioMs,
      firedMs: firedAt.get(t.injectId) ?? null,
      teams: t.deliveredTeams,
      status: t.status,
    }));
    run.neverFired = run.injects.filter((i) => i.firedMs === null).map((i) => i.injectId);
    const lateness = deliveries.map((d) => Math.max(0, d.deliveredAtMs - d.dueAtMs)).sort((a, b) => a - b);
    run.timing = {
      deliveries: deliveries.length,
      lateMsP50: lateness[Math.floor(lateness.length / 2)] ?? 0,
      lateMsMax: lateness[lateness.length - 1] ?? 0,
      late: deliveries.filter((d) => d.late).length,
    };
    const events = await this.queries.eventLog(exerciseId, 0);
    run.decisions = events
      .filter((e) => e.type === 'decision.closed')
      .map((e) => ({
        decisionId: text(e.payload.decisionId ?? e.payload.decision),
        outcome: text(e.payload.outcome),
        scenarioMs: e.scenarioMs,
      }));
  }
}
