import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { writtenLanguage } from '../exercises/participant-languages.js';
import { type DataSource, In } from 'typeorm';
import type { ParticipantPrincipal, UserPrincipal } from '../auth/principal.js';
import { badInput, conflict, notFound } from '../common/domain-error.js';
import { assertExerciseOpen } from '../common/exercise-open.js';
import { anonymousViewRequested } from '../common/anonymous-view.js';
import { Transactions } from '../database/transactions.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseQueries } from '../exercises/exercise-queries.service.js';
import { ExerciseEvents } from '../exercises/exercise-events.service.js';
import { ExerciseTeamEntity } from '../exercises/exercise-team.entity.js';
import { TeamVisibility } from '../exercises/team-visibility.js';
import { ThreadEntity, ThreadMessageEntity } from './thread.entities.js';
import type { Party } from './thread-views.js';

const CONTROL_NAME = 'Exercise control';
const partyId = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80) || 'party';

/**
 * Requests for information and role-play: a team writes to exercise control or to a party the
 * scenario has put in front of it (the senders of injects it received); control answers in
 * character. Threads are timed on the exercise clock and logged.
 */
const EXERCISE_CONTROL = /\b(exercise control|EXCON)\b/i;

@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly visibility: TeamVisibility,
    private readonly queries: ExerciseQueries,
    private readonly events: ExerciseEvents,
    private readonly bus: DomainEvents,
  ) {}

  /** Parties a team can write to: the senders of injects already delivered to it. */
  async parties(p: ParticipantPrincipal): Promise<Party[]> {
    const delivered = await this.queries.playerInjects(p);
    const byId = new Map<string, Party>();
    for (const i of delivered) {
      // exercise control itself is always offered (no partyId): an inject signed by EXCON is not a second one
      if (EXERCISE_CONTROL.test(i.from.name)) continue;
      const id = partyId(i.from.name);
      if (!byId.has(id)) byId.set(id, { id, name: i.from.name, organisation: i.from.organisation });
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async teamThreads(p: ParticipantPrincipal) {
    return this.views(
      await this.db
        .getRepository(ThreadEntity)
        .find({ where: { exerciseId: p.exerciseId, teamId: p.teamId }, order: { createdAtMs: 'DESC' } }),
    );
  }

  async open(p: ParticipantPrincipal, input: { partyId?: string | undefined; subject: string; text: string }) {
    await this.ensureOpen(p.exerciseId);
    let party: Party | undefined;
    if (input.partyId !== undefined) {
      party = (await this.parties(p)).find((x) => x.id === input.partyId);
      if (!party)
        throw badInput('thread.unknown-party', `partyId: "${input.partyId}" is not someone your team has heard from`);
    }
    const scenarioMs = await this.visibility.scenarioNowMs(p.exerciseId);
    const now = Date.now();
    const language = await writtenLanguage(this.db, p.participantId);
    const thread: ThreadEntity = {
      id: randomUUID(),
      exerciseId: p.exerciseId,
      teamId: p.teamId,
      partyId: party?.id ?? null,
      partyName: party?.name ?? null,
      subject: input.subject,
      createdAtMs: now,
    };
    await this.tx.run(async (m) => {
      await assertExerciseOpen(m, p.exerciseId, 'requests for information');
      await m.getRepository(ThreadEntity).insert(thread);
      await m.getRepository(ThreadMessageEntity).insert({
        id: randomUUID(),
        threadId: thread.id,
        sender: 'team',
        authorName: p.displayName,
        text: input.text,
        atMs: now,
        scenarioMs,
        language,
      });
      await this.events.append(m, {
        exerciseId: p.exerciseId,
        type: 'thread.opened',
        scenarioMs,
        actor: `participant:${p.participantId}`,
        payload: {
          threadId: thread.id,
          teamId: p.teamId,
          to: party?.name ?? CONTROL_NAME,
          subject: input.subject,
          text: input.text,
        },
      });
    });
    this.bus.announce('thread.opened', { exerciseId: p.exerciseId, teamId: p.teamId, threadId: thread.id });
    return (await this.views([thread]))[0];
  }

  async postAsTeam(p: ParticipantPrincipal, threadId: string, text: string) {
    const thread = await this.db
      .getRepository(ThreadEntity)
      .findOneBy({ id: threadId, exerciseId: p.exerciseId, teamId: p.teamId });
    if (!thread) throw notFound('thread', threadId);
    await this.post(
      thread,
      'team',
      p.displayName,
      text,
      `participant:${p.participantId}`,
      await writtenLanguage(this.db, p.participantId),
    );
    return (await this.views([thread]))[0];
  }

  /** Control answers in character, as the party the team wrote to. */
  async replyAsControl(by: UserPrincipal, exerciseId: string, threadId: string, text: string) {
    const thread = await this.db.getRepository(ThreadEntity).findOneBy({ id: threadId, exerciseId });
    if (!thread) throw notFound('thread', threadId);
    await this.post(thread, 'control', thread.partyName ?? CONTROL_NAME, text, `user:${by.userId}`);
    return (await this.views([thread]))[0];
  }

  async exerciseThreads(exerciseId: string) {
    await this.visibility.exercise(exerciseId);
    const threads = await this.db
      .getRepository(ThreadEntity)
      .find({ where: { exerciseId }, order: { createdAtMs: 'DESC' } });
    const teams = new Map(
      (await this.db.getRepository(ExerciseTeamEntity).findBy({ exerciseId })).map((t) => [t.id, t.name]),
    );
    // presentation mode: the team's messages without their authors' names
    const hide = anonymousViewRequested();
    return (await this.views(threads)).map((v, i) => ({
      ...v,
      messages: hide
        ? v.messages.map((m) => (m.from === 'team' ? { ...m, authorName: 'A team member' } : m))
        : v.messages,
      teamId: threads[i]?.teamId ?? '',
      teamName: teams.get(threads[i]?.teamId ?? '') ?? '',
    }));
  }

  private async post(
    thread: ThreadEntity,
    sender: 'team' | 'control',
    authorName: string,
    text: string,
    actor: string,
    language: string | null = null,
  ): Promise<void> {
    await this.ensureOpen(thread.exerciseId);
    const scenarioMs = await this.visibility.scenarioNowMs(thread.exerciseId);
    await this.tx.run(async (m) => {
      await assertExerciseOpen(m, thread.exerciseId, 'requests for information');
      await m.getRepository(ThreadMessageEntity).insert({
        id: randomUUID(),
        threadId: thread.id,
        sender,
        authorName,
        text,
        atMs: Date.now(),
        scenarioMs,
        language,
      });
      await this.events.append(m, {
        exerciseId: thread.exerciseId,
        type: 'thread.message',
        scenarioMs,
        actor,
        payload: { threadId: thread.id, teamId: thread.teamId, sender, authorName, text },
      });
    });
    this.bus.announce('thread.message', {
      exerciseId: thread.exerciseId,
      teamId: thread.teamId,
      threadId: thread.id,
      sender,
    });
  }

  private async ensureOpen(exerciseId: string): Promise<void> {
    if ((await this.visibility.exercise(exerciseId)).status === 'ended')
      throw conflict('exercise.ended', 'The exercise has ended');
  }

  private async views(threads: ThreadEntity[]) {
    const messages =
      threads.length === 0
        ? []
        : await this.db
            .getRepository(ThreadMessageEntity)
            .find({ where: { threadId: In(threads.map((t) => t.id)) }, order: { atMs: 'ASC' } });
    return threads.map((t) => ({
      id: t.id,
      party: t.partyId ? { id: t.partyId, name: t.partyName ?? '' } : null,
      subject: t.subject,
      createdAt: t.createdAtMs,
      messages: messages
        .filter((m) => m.threadId === t.id)
        .map((m) => ({
          id: m.id,
          from: m.sender,
          authorName: m.authorName,
          text: m.text,
          at: m.atMs,
          scenarioMs: m.scenarioMs,
        })),
    }));
  }
}
