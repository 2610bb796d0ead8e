import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { writtenLanguage } from '../exercises/participant-languages.js';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, type ParticipantPrincipal, type UserPrincipal } from '../auth/principal.js';
import { badInput, conflict, notFound } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { DomainEvents } from '../events/domain-events.js';
import type { ExerciseEventType } from '../exercises/exercise-event.entity.js';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExerciseTeamEntity } from '../exercises/exercise-team.entity.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf } from '../scheduling/scheduler.service.js';
import { toImprovementItem } from './report-data.service.js';
import {
  type CapabilityElement,
  type Finding,
  type FindingKind,
  HOTWASH_QUESTIONS,
  type ImprovementItem,
  type ImprovementStatus,
} from './report-model.js';
import { HotwashResponseEntity, ImprovementItemEntity, ReportFindingEntity } from './report.entities.js';

export interface FindingInput {
  kind: FindingKind;
  text: string;
  objectiveId?: string | null | undefined;
  teamId?: string | null | undefined;
  evidence?: number[] | undefined;
}

export interface ImprovementInput {
  issue: string;
  correctiveAction: string;
  capabilityElement: CapabilityElement;
  organisation: string;
  poc: string;
  startDate?: string | null | undefined;
  completionDate?: string | null | undefined;
  status: ImprovementStatus;
  objectiveId?: string | null | undefined;
}

export interface HotwashInput {
  ratings: Record<string, number>;
  answers: Record<string, string>;
}

type PlanFields = ReturnType<typeof normalise>;
const PLAN_FIELDS = [
  'issue',
  'correctiveAction',
  'capabilityElement',
  'organisation',
  'poc',
  'startDate',
  'completionDate',
  'status',
  'objectiveId',
] as const satisfies readonly (keyof PlanFields)[];

/**
 * What the control cell and the players write into the report: findings, the improvement plan, the
 * hotwash. Every edit of findings and plan rows is appended to the exercise event log in the same
 * transaction (who, when, what changed): the audit trail of the after-action review.
 */
@Injectable()
export class ReportEdits {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly events: ExerciseEvents,
    private readonly bus: DomainEvents,
  ) {}

  private audit(
    m: EntityManager,
    ex: ExerciseEntity,
    by: UserPrincipal,
    type: ExerciseEventType,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const scenarioMs =
      ex.status === 'draft' || ex.status === 'scheduled' ? null : scenarioNow(anchorOf(ex), Date.now());
    return this.events.append(m, {
      exerciseId: ex.id,
      type,
      scenarioMs,
      actor: actorOf(by),
      payload: { ...payload, by: by.username },
    });
  }

  private async exercise(exerciseId: string): Promise<ExerciseEntity> {
    const ex = await this.db.getRepository(ExerciseEntity).findOneBy({ id: exerciseId });
    if (!ex) throw notFound('exercise', exerciseId);
    return ex;
  }

  private checkObjective(ex: ExerciseEntity, objectiveId: string | null | undefined, field: string): void {
    if (objectiveId && !ex.snapshot.objectives.some((o) => o.id === objectiveId))
      throw badInput('report.unknown-objective', `${field}: this exercise has no objective "${objectiveId}"`);
  }

  /** Replaces the whole list of strengths and areas for improvement (the drafted one until then). */
  async saveFindings(by: UserPrincipal, exerciseId: string, findings: FindingInput[]): Promise<Finding[]> {
    const ex = await this.exercise(exerciseId);
    const teams = new Set(
      (await this.db.getRepository(ExerciseTeamEntity).find({ where: { exerciseId }, select: { id: true } })).map(
        (t) => t.id,
      ),
    );
    findings.forEach((f, i) => {
      this.checkObjective(ex, f.objectiveId, `findings.${i}.objectiveId`);
      if (f.teamId && !teams.has(f.teamId))
        throw badInput('report.unknown-team', `findings.${i}.teamId: this exercise has no team "${f.teamId}"`);
    });
    const now = Date.now();
    const rows: ReportFindingEntity[] = findings.map((f, position) => ({
      id: randomUUID(),
      exerciseId,
      kind: f.kind,
      position,
      text: f.text,
      objectiveId: f.objectiveId ?? null,
      teamId: f.teamId ?? null,
      evidence: f.evidence ?? [],
      updatedAtMs: now,
      updatedBy: actorOf(by),
    }));
    await this.tx.run(async (m) => {
      const replaced = await m.getRepository(ReportFindingEntity).countBy({ exerciseId });
      await m.getRepository(ReportFindingEntity).delete({ exerciseId });
      for (let k = 0; k < rows.length; k += 100)
        await m.getRepository(ReportFindingEntity).insert(rows.slice(k, k + 100));
      // the whole new list: with the entry before it, the log says exactly what changed
      await this.audit(m, ex, by, 'report.findings-saved', {
        replaced,
        strengths: rows.filter((r) => r.kind === 'strength').length,
        improvements: rows.filter((r) => r.kind === 'improvement').length,
        findings: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          text: r.text,
          objectiveId: r.objectiveId,
          teamId: r.teamId,
        })),
      });
    });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      objectiveId: r.objectiveId,
      teamId: r.teamId,
      evidence: r.evidence,
    }));
  }

  async plan(exerciseId: string): Promise<{ exerciseName: string; items: ImprovementItem[] }> {
    const ex = await this.exercise(exerciseId);
    const rows = await this.db
      .getRepository(ImprovementItemEntity)
      .find({ where: { exerciseId }, order: { position: 'ASC', createdAtMs: 'ASC' } });
    return { exerciseName: ex.name, items: rows.map(toImprovementItem) };
  }

  async addItem(by: UserPrincipal, exerciseId: string, input: ImprovementInput): Promise<ImprovementItem> {
    const ex = await this.exercise(exerciseId);
    this.check(ex, input);
    const now = Date.now();
    const row = await this.tx.run(async (m) => {
      const last = await m
        .getRepository(ImprovementItemEntity)
        .findOne({ where: { exerciseId }, order: { position: 'DESC' } });
      const r: ImprovementItemEntity = {
        id: randomUUID(),
        exerciseId,
        position: (last?.position ?? -1) + 1,
        ...normalise(input),
        createdAtMs: now,
        updatedAtMs: now,
      };
      await m.getRepository(ImprovementItemEntity).insert(r);
      await this.audit(m, ex, by, 'improvement.added', { itemId: r.id, item: normalise(input) });
      return r;
    });
    return toImprovementItem(row);
  }

  /** Full replacement of one row; `expectedUpdatedAt` turns a concurrent edit into a 409 instead of a lost write. */
  async updateItem(
    by: UserPrincipal,
    exerciseId: string,
    itemId: string,
    input: ImprovementInput & { expectedUpdatedAt?: number | undefined },
  ): Promise<ImprovementItem> {
    const ex = await this.exercise(exerciseId);
    this.check(ex, input);
    const now = Date.now();
    const updated = await this.tx.run(async (m) => {
      const existing = await m.getRepository(ImprovementItemEntity).findOneBy({ id: itemId, exerciseId });
      if (!existing) throw notFound('improvement item', itemId);
      if (input.expectedUpdatedAt !== undefined && existing.updatedAtMs !== input.expectedUpdatedAt)
        throw conflict('improvement.changed', 'Someone else changed this row meanwhile; reload it and try again');
      const fields = normalise(input);
      const next = { ...existing, ...fields, updatedAtMs: Math.max(now, existing.updatedAtMs + 1) };
      await m.getRepository(ImprovementItemEntity).update({ id: itemId }, next);
      const changes = Object.fromEntries(
        PLAN_FIELDS.filter((f) => existing[f] !== fields[f]).map((f) => [f, { from: existing[f], to: fields[f] }]),
      );
      await this.audit(m, ex, by, 'improvement.updated', { itemId, issue: fields.issue, changes });
      return next;
    });
    return toImprovementItem(updated);
  }

  async deleteItem(by: UserPrincipal, exerciseId: string, itemId: string): Promise<void> {
    const ex = await this.exercise(exerciseId);
    await this.tx.run(async (m) => {
      const existing = await m.getRepository(ImprovementItemEntity).findOneBy({ id: itemId, exerciseId });
      if (!existing) throw notFound('improvement item', itemId);
      await m.getRepository(ImprovementItemEntity).delete({ id: itemId, exerciseId });
      await this.audit(m, ex, by, 'improvement.deleted', {
        itemId,
        item: Object.fromEntries(PLAN_FIELDS.map((f) => [f, existing[f]])),
      });
    });
  }

  private check(ex: ExerciseEntity, input: ImprovementInput): void {
    this.checkObjective(ex, input.objectiveId, 'objectiveId');
    if (input.startDate && input.completionDate && input.completionDate < input.startDate)
      throw badInput('improvement.dates', 'completionDate: must not be before startDate');
  }

  // ---- hotwash -----------------------------------------------------------------------------------

  async hotwashFor(p: ParticipantPrincipal) {
    const ex = await this.exercise(p.exerciseId);
    const mine = await this.db
      .getRepository(HotwashResponseEntity)
      .findOneBy({ exerciseId: p.exerciseId, participantId: p.participantId });
    return {
      open: ex.status === 'ended',
      questions: HOTWASH_QUESTIONS,
      submission: mine ? { ratings: mine.ratings, answers: mine.answers, submittedAt: mine.submittedAtMs } : null,
    };
  }

  /** One survey per player, filled in once the exercise has ended; a new submission replaces the earlier one. */
  async submitHotwash(p: ParticipantPrincipal, input: HotwashInput) {
    const ex = await this.exercise(p.exerciseId);
    if (ex.status !== 'ended')
      throw conflict('hotwash.not-open', 'The hotwash survey opens when the exercise has ended');
    const known = new Map(HOTWASH_QUESTIONS.map((q) => [q.id, q.kind]));
    for (const id of Object.keys(input.ratings))
      if (known.get(id) !== 'rating')
        throw badInput('hotwash.unknown-question', `ratings.${id}: no rating question "${id}"`);
    for (const id of Object.keys(input.answers))
      if (known.get(id) !== 'text')
        throw badInput('hotwash.unknown-question', `answers.${id}: no free-text question "${id}"`);
    const now = Date.now();
    const language = await writtenLanguage(this.db, p.participantId);
    await this.tx.run(async (m) => {
      await m.getRepository(HotwashResponseEntity).delete({ exerciseId: p.exerciseId, participantId: p.participantId });
      await m.getRepository(HotwashResponseEntity).insert({
        id: randomUUID(),
        exerciseId: p.exerciseId,
        teamId: p.teamId,
        participantId: p.participantId,
        ratings: input.ratings,
        answers: input.answers,
        submittedAtMs: now,
        language,
      });
    });
    // a facilitator running the hotwash watches the answers come in
    this.bus.announce('hotwash.submitted', { exerciseId: p.exerciseId, teamId: p.teamId });
    return this.hotwashFor(p);
  }
}

function normalise(i: ImprovementInput) {
  return {
    issue: i.issue,
    correctiveAction: i.correctiveAction,
    capabilityElement: i.capabilityElement,
    organisation: i.organisation,
    poc: i.poc,
    startDate: i.startDate ?? null,
    completionDate: i.completionDate ?? null,
    status: i.status,
    objectiveId: i.objectiveId ?? null,
  };
}
