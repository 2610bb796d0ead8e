import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { ParticipantPrincipal, UserPrincipal } from '../auth/principal.js';
import { participantLanguages } from '../exercises/participant-languages.js';
import { localiseInject, sourceLanguage } from '../scenarios/pack/pack-translations.js';
import { chunks } from '../common/chunks.js';
import { badInput, conflict, notFound } from '../common/domain-error.js';
import { assertExerciseOpen } from '../common/exercise-open.js';
import { anonymousViewRequested } from '../common/anonymous-view.js';
import { ReadDatabase } from '../database/read-database.js';
import { GROUPABLE, type Inserts, Transactions, writeRows } from '../database/transactions.js';
import { ExerciseEventEntity } from '../exercises/exercise-event.entity.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExerciseTeamEntity } from '../exercises/exercise-team.entity.js';
import { scenarioNowMsOf, TeamVisibility } from '../exercises/team-visibility.js';
import type { Inject } from '../scenarios/pack/pack-schema.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { BranchReleases, type ReleasedInject } from '../delivery/branch-releases.js';
import { ExercisePlans } from '../exercises/exercise-plan.js';
import { checkedVoteReason } from '../decisions/vote-reason.js';
import { AcknowledgementEntity, ResponseEntity, ResponseRevisionEntity, type Vote } from './response.entities.js';
import type { ResponseView, TeamAckView } from './response-views.js';

export interface ResponseInput {
  injectId: string;
  text: string;
  optionIds: string[];
  vote?: Vote | undefined;
}

const ANONYMOUS = 'A team member';

/** Acknowledgements and responses: always scoped to the player's own team. */
@Injectable()
export class ResponsesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly visibility: TeamVisibility,
    private readonly events: ExerciseEvents,
    private readonly plans: ExercisePlans,
    private readonly branches: BranchReleases,
    private readonly decisions: DecisionsService,
    private readonly reads: ReadDatabase,
    private readonly bus: DomainEvents,
  ) {}

  async acknowledge(p: ParticipantPrincipal, injectId: string) {
    await this.visibility.deliveredInject(p, injectId);
    const scenarioMs = await this.visibility.scenarioNowMs(p.exerciseId);
    const atMs = Date.now();
    const key = { exerciseId: p.exerciseId, injectId, participantId: p.participantId };
    const added = await this.tx.run(GROUPABLE, async (m) => {
      await assertExerciseOpen(m, p.exerciseId, 'acknowledgements');
      if (await m.getRepository(AcknowledgementEntity).existsBy(key)) return false;
      await m
        .createQueryBuilder()
        .insert()
        .into(AcknowledgementEntity)
        .values({ id: randomUUID(), ...key, teamId: p.teamId, displayName: p.displayName, atMs })
        .orIgnore()
        .updateEntity(false)
        .execute();
      await this.events.append(m, {
        exerciseId: p.exerciseId,
        type: 'inject.acknowledged',
        scenarioMs,
        actor: `participant:${p.participantId}`,
        payload: { injectId, teamId: p.teamId },
      });
      return true;
    });
    const ack = await this.db.getRepository(AcknowledgementEntity).findOneByOrFail(key);
    if (added)
      this.bus.announce('inject.acknowledged', { exerciseId: p.exerciseId, teamId: p.teamId, ack: ackView(ack) });
    return { injectId, acknowledgedAt: ack.atMs };
  }

  async teamAcks(p: ParticipantPrincipal): Promise<TeamAckView[]> {
    const rows = await this.db
      .getRepository(AcknowledgementEntity)
      .find({ where: { exerciseId: p.exerciseId, teamId: p.teamId }, order: { atMs: 'ASC' } });
    return rows.map(ackView);
  }

  async create(p: ParticipantPrincipal, input: ResponseInput): Promise<ResponseView> {
    const inject = await this.visibility.deliveredInject(p, input.injectId);
    const { exercise, language } = await this.visibility.writerState(p);
    if (exercise.status === 'ended') throw conflict('exercise.ended', 'The exercise has ended; responses are closed');
    checkOptions(inject, input.optionIds);
    const vote = input.vote ? checkVote(inject, input.vote) : null;
    const scenarioMs = scenarioNowMsOf(exercise);
    const now = Date.now();
    const row: ResponseEntity = {
      id: randomUUID(),
      exerciseId: p.exerciseId,
      teamId: p.teamId,
      injectId: input.injectId,
      authorId: p.participantId,
      authorName: p.displayName,
      text: input.text,
      optionIds: input.optionIds,
      vote,
      scenarioMs,
      createdAtMs: now,
      updatedAtMs: now,
      language,
    };
    // the vote goes first: a closed decision refuses it, and then nothing of the response is written
    if (vote) await this.decisions.vote(p, vote.decisionId, vote.choice, vote.reason ?? null);
    const inserts: Inserts = [
      { entity: ResponseEntity, rows: [row] },
      {
        entity: ExerciseEventEntity,
        rows: [
          this.events.row({
            exerciseId: p.exerciseId,
            type: 'response.logged',
            scenarioMs,
            actor: `participant:${p.participantId}`,
            payload: {
              responseId: row.id,
              injectId: row.injectId,
              teamId: p.teamId,
              optionIds: row.optionIds,
              vote: row.vote,
            },
          }),
        ],
      },
    ];
    // scoring marks the team's cell on the inject in the same write
    await this.bus.emit('response.logged', {
      write: inserts,
      exerciseId: p.exerciseId,
      teamId: p.teamId,
      injectId: row.injectId,
    });
    // most responses release nothing: those are plain inserts, which the write queue batches
    const branches =
      row.optionIds.length > 0 &&
      this.branches.releasesAny((await this.plans.get(p.exerciseId)).injects.values(), {
        type: 'response-option',
        injectId: row.injectId,
        optionIds: row.optionIds,
      });
    // re-checked in the write's own transaction: an `end` queued meanwhile wins, and nothing is written
    const stillOpen = (m: EntityManager) => assertExerciseOpen(m, p.exerciseId, 'responses').then(() => undefined);
    const released = branches
      ? await this.tx.run(GROUPABLE, async (m) => {
          await stillOpen(m);
          await writeRows(m, inserts);
          return this.releaseOptionBranches(m, p, row.injectId, row.optionIds, scenarioMs);
        })
      : await this.tx.insert(inserts, stillOpen, `open:${p.exerciseId}`).then(() => []);
    const created = view(row, []);
    await this.afterResponse(p, created, released);
    return created;
  }

  /** An edit keeps the previous text and options as a revision. */
  async update(
    p: ParticipantPrincipal,
    id: string,
    input: { text: string; optionIds: string[] },
  ): Promise<ResponseView> {
    const existing = await this.db
      .getRepository(ResponseEntity)
      .findOneBy({ id, exerciseId: p.exerciseId, teamId: p.teamId });
    if (!existing) throw notFound('response', id);
    const inject = await this.visibility.deliveredInject(p, existing.injectId);
    const { exercise, language } = await this.visibility.writerState(p);
    if (exercise.status === 'ended') throw conflict('exercise.ended', 'The exercise has ended; responses are closed');
    checkOptions(inject, input.optionIds);
    const scenarioMs = scenarioNowMsOf(exercise);
    const now = Date.now();
    const released = await this.tx.run(GROUPABLE, async (m) => {
      await assertExerciseOpen(m, p.exerciseId, 'responses');
      await m.getRepository(ResponseRevisionEntity).insert({
        id: randomUUID(),
        responseId: id,
        text: existing.text,
        optionIds: existing.optionIds,
        authorName: existing.authorName,
        editedAtMs: existing.updatedAtMs,
      });
      await m.getRepository(ResponseEntity).update(
        { id },
        {
          text: input.text,
          optionIds: input.optionIds,
          authorName: p.displayName,
          authorId: p.participantId,
          updatedAtMs: now,
          language,
        },
      );
      await this.events.append(m, {
        exerciseId: p.exerciseId,
        type: 'response.edited',
        scenarioMs,
        actor: `participant:${p.participantId}`,
        payload: { responseId: id, injectId: existing.injectId, teamId: p.teamId, optionIds: input.optionIds },
      });
      const write: Inserts = [];
      await this.bus.emit('response.edited', {
        write,
        exerciseId: p.exerciseId,
        teamId: p.teamId,
        injectId: existing.injectId,
      });
      await writeRows(m, write);
      return this.releaseOptionBranches(m, p, existing.injectId, input.optionIds, scenarioMs);
    });
    const updated = (
      await this.views([await this.db.getRepository(ResponseEntity).findOneByOrFail({ id })])
    )[0] as ResponseView;
    await this.afterResponse(p, updated, released);
    return updated;
  }

  /** Branches on a response option go to the choosing team only, once. */
  private async releaseOptionBranches(
    m: EntityManager,
    p: ParticipantPrincipal,
    injectId: string,
    optionIds: string[],
    scenarioMs: number,
  ): Promise<ReleasedInject[]> {
    if (optionIds.length === 0) return [];
    const plan = await this.plans.get(p.exerciseId);
    return this.branches.release(
      m,
      p.exerciseId,
      plan.injects.values(),
      { type: 'response-option', injectId, optionIds },
      p.teamId,
      scenarioMs,
    );
  }

  private async afterResponse(
    p: ParticipantPrincipal,
    response: ResponseView,
    released: ReleasedInject[],
  ): Promise<void> {
    // scoring flushes soon; the team gets the entry whole, the control room refetches
    this.bus.announce('response.saved', {
      exerciseId: p.exerciseId,
      teamId: p.teamId,
      injectId: response.injectId,
      response,
    });
    if (released.length > 0) await this.bus.emit('branches.released', { exerciseId: p.exerciseId, released });
  }

  async teamResponses(p: ParticipantPrincipal): Promise<ResponseView[]> {
    const rows = await this.db
      .getRepository(ResponseEntity)
      .find({ where: { exerciseId: p.exerciseId, teamId: p.teamId }, order: { createdAtMs: 'DESC' } });
    return this.views(rows);
  }

  /**
   * Every team's responses for the control room, the `limit` most recently changed first (a
   * national drill logs tens of thousands: the feed shows a page, the report has them all), and
   * how many there are. Observers see no player names if the instructor chose so.
   */
  async exerciseResponses(viewer: UserPrincipal, exerciseId: string, limit: number) {
    const exercise = await this.visibility.exercise(exerciseId);
    const repo = this.reads.db.getRepository(ResponseEntity);
    const [rows, total] = await Promise.all([
      repo.find({ where: { exerciseId }, order: { updatedAtMs: 'DESC', id: 'ASC' }, take: limit }),
      repo.countBy({ exerciseId }),
    ]);
    const teams = new Map(
      (await this.db.getRepository(ExerciseTeamEntity).findBy({ exerciseId })).map((t) => [t.id, t.name]),
    );
    const hideNames = (viewer.role === 'observer' && exercise.observerAnonymous) || anonymousViewRequested();
    // the feed shows what players saw: option and vote labels, not their ids
    const plan = await this.plans.get(exerciseId);
    const labelOf = (injectId: string, optionId: string) =>
      plan.injects.get(injectId)?.responseOptions?.find((o) => o.id === optionId)?.label ?? optionId;
    const voteLabel = (injectId: string, choice: string) =>
      plan.injects.get(injectId)?.decision?.options.find((o) => o.id === choice)?.label ??
      ({ abstain: 'Abstain', block: 'Block (veto)' } as Record<string, string>)[choice] ??
      choice;
    // a player who read the inject in another language chose from labels in that language: staff see those beside the source's
    const source = sourceLanguage(plan.languages);
    const languages = await participantLanguages(
      this.reads.db,
      rows.map((r) => r.authorId),
    );
    const translated = (injectId: string, language: string, v: ResponseView) => {
      const inject = plan.injects.get(injectId);
      if (language === source || !inject) return null;
      const local = localiseInject(inject, plan.languages, language);
      const fallback = local.content.untranslated.filter(
        (f) => f.startsWith('responseOptions.') || f.startsWith('decision.options.'),
      );
      return {
        language,
        optionLabels: v.optionIds.map((o) => local.inject.responseOptions.find((x) => x.id === o)?.label ?? o),
        voteLabel: v.vote
          ? (local.inject.decision?.options.find((o) => o.id === v.vote?.choice)?.label ??
            voteLabel(injectId, v.vote.choice))
          : null,
        /** labels above shown in the source language for want of a translation */
        untranslated: fallback,
      };
    };
    const items = (await this.views(rows)).map((v, i) => ({
      ...(hideNames
        ? { ...v, authorName: ANONYMOUS, revisions: v.revisions.map((r) => ({ ...r, authorName: ANONYMOUS })) }
        : v),
      teamId: rows[i]?.teamId ?? '',
      teamName: teams.get(rows[i]?.teamId ?? '') ?? '',
      optionLabels: v.optionIds.map((o) => labelOf(v.injectId, o)),
      voteLabel: v.vote ? voteLabel(v.injectId, v.vote.choice) : null,
      // the language it was written in, else (older rows) the author's language now
      authorLanguage: rows[i]?.language ?? languages.get(rows[i]?.authorId ?? '') ?? source,
      translated: translated(v.injectId, rows[i]?.language ?? languages.get(rows[i]?.authorId ?? '') ?? source, v),
    }));
    return { total, items };
  }

  private async views(rows: ResponseEntity[]): Promise<ResponseView[]> {
    const revisions = new Map<string, ResponseRevisionEntity[]>();
    for (const part of rows.length === 0 ? [] : chunks(rows.map((r) => r.id))) {
      for (const v of await this.db
        .getRepository(ResponseRevisionEntity)
        .find({ where: { responseId: In(part) }, order: { editedAtMs: 'ASC' } })) {
        revisions.set(v.responseId, [...(revisions.get(v.responseId) ?? []), v]);
      }
    }
    return rows.map((r) => view(r, revisions.get(r.id) ?? []));
  }
}

function ackView(a: AcknowledgementEntity): TeamAckView {
  return { injectId: a.injectId, participantId: a.participantId, displayName: a.displayName, at: a.atMs };
}

function view(r: ResponseEntity, revisions: ResponseRevisionEntity[]): ResponseView {
  return {
    id: r.id,
    injectId: r.injectId,
    authorName: r.authorName,
    text: r.text,
    optionIds: r.optionIds,
    vote: r.vote,
    scenarioMs: r.scenarioMs,
    createdAt: r.createdAtMs,
    updatedAt: r.updatedAtMs,
    revisions: revisions.map((v) => ({
      text: v.text,
      optionIds: v.optionIds,
      authorName: v.authorName,
      editedAt: v.editedAtMs,
    })),
  };
}

function checkOptions(inject: Inject, optionIds: string[]): void {
  const known = new Set(inject.responseOptions.map((o) => o.id));
  const unknown = optionIds.filter((o) => !known.has(o));
  if (unknown.length > 0)
    throw badInput(
      'response.unknown-option',
      `optionIds: this inject has no response option ${unknown.map((u) => `"${u}"`).join(', ')}`,
    );
}

/** The vote as stored: a known choice, and a reason only with a block (trimmed). */
function checkVote(inject: Inject, vote: Vote): Vote {
  const d = inject.decision;
  if (!d || d.id !== vote.decisionId)
    throw badInput('vote.unknown-decision', `vote.decisionId: this inject has no decision "${vote.decisionId}"`);
  const allowed = new Set([
    ...d.options.map((o) => o.id),
    ...(d.mode === 'consensus' && d.allowAbstain ? ['abstain'] : []),
    ...(d.mode === 'consensus' && d.allowBlock ? ['block'] : []),
  ]);
  if (!allowed.has(vote.choice))
    throw badInput('vote.bad-choice', `vote.choice: must be one of ${[...allowed].join(', ')}`);
  const reason = checkedVoteReason(vote.choice, vote.reason, 'vote.reason');
  return { decisionId: vote.decisionId, choice: vote.choice, ...(reason ? { reason } : {}) };
}
