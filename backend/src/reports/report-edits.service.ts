import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actorOf, type ParticipantPrincipal, type UserPrincipal } from '../auth/principal.js';
import { badInput, conflict, notFound } from '../common/domain-error.js';
import { Transactions } from '../database/transactions.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { toImprovementItem } from './report-data.service.js';
import { type CapabilityElement, type Finding, type FindingKind, HOTWASH_QUESTIONS, type ImprovementItem, type ImprovementStatus } from './report-model.js';
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

/** What the control cell and the players write into the report: findings, the improvement plan, the hotwash. */
@Injectable()
export class ReportEdits {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
  ) {}

  private async exercise(exerciseId: string): Promise<ExerciseEntity> {
    const ex = await this.db.getRepository(ExerciseEntity).findOneBy({ id: exerciseId });
    if (!ex) throw notFound('exercise', exerciseId);
    return ex;
  }

  private checkObjective(ex: ExerciseEntity, objectiveId: string | null | undefined, field: string): void {
    if (objectiveId && !ex.snapshot.objectives.some((o) => o.id === objectiveId)) throw badInput('report.unknown-objective', `${field}: this exercise has no objective "${objectiveId}"`);
  }

  /** Replaces the whole list of strengths and areas for improvement (the drafted one until then). */
  async saveFindings(by: UserPrincipal, exerciseId: string, findings: FindingInput[]): Promise<Finding[]> {
    const ex = await this.exercise(exerciseId);
    findings.forEach((f, i) => this.checkObjective(ex, f.objectiveId, `findings.${i}.objectiveId`));
    const now = Date.now();
    const rows: ReportFindingEntity[] = findings.map((f, position) => ({ id: randomUUID(), exerciseId, kind: f.kind, position, text: f.text, objectiveId: f.objectiveId ?? null, teamId: f.teamId ?? null, evidence: f.evidence ?? [], updatedAtMs: now, updatedBy: actorOf(by) }));
    await this.tx.run(async (m) => {
      await m.getRepository(ReportFindingEntity).delete({ exerciseId });
      for (let k = 0; k < rows.length; k += 100) await m.getRepository(ReportFindingEntity).insert(rows.slice(k, k + 100));
    });
    return rows.map((r) => ({ id: r.id, kind: r.kind, text: r.text, objectiveId: r.objectiveId, teamId: r.teamId, evidence: r.evidence }));
  }

  async plan(exerciseId: string): Promise<{ exerciseName: string; items: ImprovementItem[] }> {
    const ex = await this.exercise(exerciseId);
    const rows = await this.db.getRepository(ImprovementItemEntity).find({ where: { exerciseId }, order: { position: 'ASC', createdAtMs: 'ASC' } });
    return { exerciseName: ex.name, items: rows.map(toImprovementItem) };
  }

  async addItem(exerciseId: string, input: ImprovementInput): Promise<ImprovementItem> {
    const ex = await this.exercise(exerciseId);
    this.check(ex, input);
    const now = Date.now();
    const row = await this.tx.run(async (m) => {
      const last = await m.getRepository(ImprovementItemEntity).findOne({ where: { exerciseId }, order: { position: 'DESC' } });
      const r: ImprovementItemEntity = { id: randomUUID(), exerciseId, position: (last?.position ?? -1) + 1, ...normalise(input), createdAtMs: now, updatedAtMs: now };
      await m.getRepository(ImprovementItemEntity).insert(r);
      return r;
    });
    return toImprovementItem(row);
  }

  /** Full replacement of one row; `expectedUpdatedAt` turns a concurrent edit into a 409 instead of a lost write. */
  async updateItem(exerciseId: string, itemId: string, input: ImprovementInput & { expectedUpdatedAt?: number | undefined }): Promise<ImprovementItem> {
    const ex = await this.exercise(exerciseId);
    this.check(ex, input);
    const now = Date.now();
    const updated = await this.tx.run(async (m) => {
      const existing = await m.getRepository(ImprovementItemEntity).findOneBy({ id: itemId, exerciseId });
      if (!existing) throw notFound('improvement item', itemId);
      if (input.expectedUpdatedAt !== undefined && existing.updatedAtMs !== input.expectedUpdatedAt) throw conflict('improvement.changed', 'Someone else changed this row meanwhile; reload it and try again');
      const next = { ...existing, ...normalise(input), updatedAtMs: Math.max(now, existing.updatedAtMs + 1) };
      await m.getRepository(ImprovementItemEntity).update({ id: itemId }, next);
      return next;
    });
    return toImprovementItem(updated);
  }

  async deleteItem(exerciseId: string, itemId: string): Promise<void> {
    await this.exercise(exerciseId);
    const r = await this.tx.run((m) => m.getRepository(ImprovementItemEntity).delete({ id: itemId, exerciseId }));
    if (!r.affected) throw notFound('improvement item', itemId);
  }

  private check(ex: ExerciseEntity, input: ImprovementInput): void {
    this.checkObjective(ex, input.objectiveId, 'objectiveId');
    if (input.startDate && input.completionDate && input.completionDate < input.startDate) throw badInput('improvement.dates', 'completionDate: must not be before startDate');
  }

  // ---- hotwash -----------------------------------------------------------------------------------

  async hotwashFor(p: ParticipantPrincipal) {
    const ex = await this.exercise(p.exerciseId);
    const mine = await this.db.getRepository(HotwashResponseEntity).findOneBy({ exerciseId: p.exerciseId, participantId: p.participantId });
    return { open: ex.status === 'ended', questions: HOTWASH_QUESTIONS, submission: mine ? { ratings: mine.ratings, answers: mine.answers, submittedAt: mine.submittedAtMs } : null };
  }

  /** One survey per player, filled in once the exercise has ended; a new submission replaces the earlier one. */
  async submitHotwash(p: ParticipantPrincipal, input: HotwashInput) {
    const ex = await this.exercise(p.exerciseId);
    if (ex.status !== 'ended') throw conflict('hotwash.not-open', 'The hotwash survey opens when the exercise has ended');
    const known = new Map(HOTWASH_QUESTIONS.map((q) => [q.id, q.kind]));
    for (const id of Object.keys(input.ratings)) if (known.get(id) !== 'rating') throw badInput('hotwash.unknown-question', `ratings.${id}: no rating question "${id}"`);
    for (const id of Object.keys(input.answers)) if (known.get(id) !== 'text') throw badInput('hotwash.unknown-question', `answers.${id}: no free-text question "${id}"`);
    const now = Date.now();
    await this.tx.run(async (m) => {
      await m.getRepository(HotwashResponseEntity).delete({ exerciseId: p.exerciseId, participantId: p.participantId });
      await m.getRepository(HotwashResponseEntity).insert({ id: randomUUID(), exerciseId: p.exerciseId, teamId: p.teamId, participantId: p.participantId, ratings: input.ratings, answers: input.answers, submittedAtMs: now });
    });
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
