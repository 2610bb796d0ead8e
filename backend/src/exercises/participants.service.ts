import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, type ParticipantPrincipal, type UserPrincipal } from '../auth/principal.js';
import { type SessionOrigin, SessionsService } from '../auth/sessions.service.js';
import { DomainError, badInput, conflict, notFound } from '../common/domain-error.js';
import { localiseTeam, localiseTitle, packLanguages } from '../scenarios/pack/pack-translations.js';
import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';
import { Transactions } from '../database/transactions.js';
import { ExerciseEvents } from './exercise-events.service.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity } from './exercise.entity.js';
import { newJoinCode, normaliseCode } from './join-code.js';
import { ParticipantEntity } from './participant.entity.js';

export { normaliseCode } from './join-code.js';

export interface ParticipantView {
  id: string;
  teamId: string;
  displayName: string;
  joinedAt: number;
  removedAt: number | null;
  /** the language the player reads scenario content in */
  language: string;
  /** signed in right now (an open session) */
  online: boolean;
}

export interface JoinPreview {
  exerciseTitle: string;
  teamName: string;
  started: boolean;
  ended: boolean;
  /** the languages the scenario content can be read in (the pack's source first), to choose at join */
  languages: string[];
  /** the exercise title and team name in each translation of the pack (a team renamed for the drill keeps its name) */
  translated: Record<string, { exerciseTitle: string; teamName: string }>;
}

export interface TeamAccessView {
  teamId: string;
  joinCode: string;
  seatLimit: number | null;
  /** seats in use: players of the team with an open session */
  seatsTaken: number;
}

/** Player seats: joining with a team's code, and what facilitators do about seats and codes. */
@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly events: ExerciseEvents,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * A join code names one team of one exercise; the seat it gives is bound to that team. The seat
   * and its session are written in one transaction, after the team's seat cap is checked in it.
   */
  async join(
    code: string,
    displayName: string,
    origin: SessionOrigin,
    language?: string,
  ): Promise<{ principal: ParticipantPrincipal; token: string }> {
    const team = await this.db.getRepository(ExerciseTeamEntity).findOneBy({ joinCode: normaliseCode(code) });
    if (!team)
      throw new DomainError(
        'not-found',
        'join.bad-code',
        'No exercise team has this join code; check it with your facilitator',
      );
    const exercise = await this.db
      .getRepository(ExerciseEntity)
      .findOne({ select: { id: true, status: true }, where: { id: team.exerciseId } });
    if (!exercise || exercise.status === 'ended') throw conflict('join.ended', 'This exercise has ended');
    // the pack's source language unless the player asked for one of its translations
    const chosen = checkLanguage(await this.languages(team.exerciseId), language, 'join.language');
    const participant: ParticipantEntity = {
      id: randomUUID(),
      exerciseId: team.exerciseId,
      teamId: team.id,
      displayName,
      createdAt: Date.now(),
      removedAt: null,
      language: chosen,
    };
    const principal: ParticipantPrincipal = {
      kind: 'participant',
      participantId: participant.id,
      exerciseId: team.exerciseId,
      teamId: team.id,
      displayName,
    };
    const token = await this.tx.run(async (m) => {
      const current = await this.lockTeam(m, team.id);
      if (!current || current.joinCode !== team.joinCode)
        throw new DomainError(
          'not-found',
          'join.bad-code',
          'No exercise team has this join code; check it with your facilitator',
        );
      if (current.seatLimit !== null && (await this.seatsTaken(m, team.id)) >= current.seatLimit) {
        throw conflict(
          'join.team-full',
          `${team.name} is full (${current.seatLimit} seat${current.seatLimit === 1 ? '' : 's'}); ask your facilitator`,
        );
      }
      await m.insert(ParticipantEntity, participant);
      await this.events.append(m, {
        exerciseId: team.exerciseId,
        type: 'participant.joined',
        scenarioMs: null,
        actor: `participant:${participant.id}`,
        payload: { teamId: team.id, displayName },
      });
      return (await this.sessions.issue(principal, origin, { manager: m })).token;
    });
    return { principal: { ...principal }, token };
  }

  /**
   * What a join code leads to, shown on the join page before the player commits: the exercise's
   * title, the team's name and whether the exercise has started or ended. Nothing else. Unknown
   * and rotated codes answer the same 404 as a join with them.
   */
  async preview(code: string): Promise<JoinPreview> {
    const team = await this.db.getRepository(ExerciseTeamEntity).findOneBy({ joinCode: normaliseCode(code) });
    if (!team)
      throw new DomainError(
        'not-found',
        'join.bad-code',
        'No exercise team has this join code; check it with your facilitator',
      );
    const exercise = await this.db
      .getRepository(ExerciseEntity)
      .findOne({ select: { id: true, status: true, snapshot: true }, where: { id: team.exerciseId } });
    if (!exercise)
      throw new DomainError(
        'not-found',
        'join.bad-code',
        'No exercise team has this join code; check it with your facilitator',
      );
    return {
      exerciseTitle: exercise.snapshot.title,
      teamName: team.name,
      started: exercise.status === 'running' || exercise.status === 'paused' || exercise.status === 'ended',
      ended: exercise.status === 'ended',
      languages: packLanguages(exercise.snapshot),
      translated: translatedNames(exercise.snapshot, team),
    };
  }

  /** Every seat of an exercise (removed ones too), with whether it is signed in now. */
  async list(exerciseId: string): Promise<ParticipantView[]> {
    await this.exercise(exerciseId);
    const rows = await this.db
      .getRepository(ParticipantEntity)
      .find({ where: { exerciseId }, order: { createdAt: 'ASC' } });
    const online = await this.db
      .createQueryBuilder()
      .select('DISTINCT s.participant_id', 'id')
      .from('auth_sessions', 's')
      .where('s.exercise_id = :exerciseId AND s.ended_at IS NULL AND s.expires_at > :now', {
        exerciseId,
        now: Date.now(),
      })
      .getRawMany<{ id: string }>();
    const onlineIds = new Set(online.map((r) => r.id));
    const source = (await this.languages(exerciseId))[0] ?? 'en';
    return rows.map((p) => ({
      id: p.id,
      teamId: p.teamId,
      displayName: p.displayName,
      joinedAt: p.createdAt,
      removedAt: p.removedAt,
      language: p.language ?? source,
      online: p.removedAt === null && onlineIds.has(p.id),
    }));
  }

  /** The languages an exercise's content can be read in: the pack's source first, then its translations. */
  async languages(exerciseId: string): Promise<string[]> {
    const e = await this.db
      .getRepository(ExerciseEntity)
      .findOne({ select: { id: true, snapshot: true }, where: { id: exerciseId } });
    if (!e) throw notFound('exercise', exerciseId);
    return packLanguages(e.snapshot);
  }

  /** A player changes the language they read scenario content in (any time; nothing else changes). */
  async setLanguage(p: ParticipantPrincipal, language: string): Promise<string> {
    const chosen = checkLanguage(await this.languages(p.exerciseId), language, 'play.language');
    await this.db
      .getRepository(ParticipantEntity)
      .update({ id: p.participantId, exerciseId: p.exerciseId }, { language: chosen });
    return chosen;
  }

  /** Join code, seat cap and seats in use of every team. */
  async teamAccess(exerciseId: string): Promise<TeamAccessView[]> {
    await this.exercise(exerciseId);
    const teams = await this.db
      .getRepository(ExerciseTeamEntity)
      .find({ where: { exerciseId }, order: { teamKey: 'ASC' } });
    const out: TeamAccessView[] = [];
    for (const t of teams)
      out.push({
        teamId: t.id,
        joinCode: t.joinCode,
        seatLimit: t.seatLimit,
        seatsTaken: await this.seatsTaken(this.db.manager, t.id),
      });
    return out;
  }

  /**
   * Removes a player from the exercise: the seat is marked removed, its sessions end and its
   * sockets are disconnected at once; what the player wrote stays in the team's log and the AAR.
   */
  async remove(by: UserPrincipal, exerciseId: string, participantId: string): Promise<ParticipantView> {
    await this.exercise(exerciseId);
    const p = await this.db.getRepository(ParticipantEntity).findOneBy({ id: participantId, exerciseId });
    if (!p) throw notFound('participant', participantId);
    const removedAt = p.removedAt ?? Date.now();
    if (p.removedAt === null) {
      await this.tx.run(async (m) => {
        await m.update(ParticipantEntity, { id: p.id }, { removedAt });
        await this.events.append(m, {
          exerciseId,
          type: 'participant.removed',
          scenarioMs: null,
          actor: actorOf(by),
          payload: { teamId: p.teamId, participantId: p.id },
        });
      });
    }
    await this.sessions.endAllOf({ participantId: p.id }, 'participant-removed');
    return {
      id: p.id,
      teamId: p.teamId,
      displayName: p.displayName,
      joinedAt: p.createdAt,
      removedAt,
      language: p.language ?? (await this.languages(exerciseId))[0] ?? 'en',
      online: false,
    };
  }

  /** A new join code for a team: the old one stops working at once (seats already taken stay). */
  async rotateCode(by: UserPrincipal, exerciseId: string, teamId: string): Promise<TeamAccessView> {
    const team = await this.team(exerciseId, teamId);
    const joinCode = newJoinCode();
    await this.tx.run(async (m) => {
      await m.update(ExerciseTeamEntity, { id: team.id }, { joinCode });
      // the code itself is not logged: the log reaches reports
      await this.events.append(m, {
        exerciseId,
        type: 'team.join-code-rotated',
        scenarioMs: null,
        actor: actorOf(by),
        payload: { teamId: team.id },
      });
    });
    return {
      teamId: team.id,
      joinCode,
      seatLimit: team.seatLimit,
      seatsTaken: await this.seatsTaken(this.db.manager, team.id),
    };
  }

  /** Caps the seats of a team (null: no cap). Seats already taken stay; new joins wait for a free seat. */
  async setSeatLimit(
    by: UserPrincipal,
    exerciseId: string,
    teamId: string,
    seatLimit: number | null,
  ): Promise<TeamAccessView> {
    const team = await this.team(exerciseId, teamId);
    await this.tx.run(async (m) => {
      await m.update(ExerciseTeamEntity, { id: team.id }, { seatLimit });
      await this.events.append(m, {
        exerciseId,
        type: 'team.seat-limit-changed',
        scenarioMs: null,
        actor: actorOf(by),
        payload: { teamId: team.id, seatLimit },
      });
    });
    return {
      teamId: team.id,
      joinCode: team.joinCode,
      seatLimit,
      seatsTaken: await this.seatsTaken(this.db.manager, team.id),
    };
  }

  /** Players of a team holding an open session. */
  private async seatsTaken(m: EntityManager, teamId: string): Promise<number> {
    const row = await m
      .createQueryBuilder()
      .select('COUNT(DISTINCT p.id)', 'n')
      .from('participants', 'p')
      .innerJoin('auth_sessions', 's', 's.participant_id = p.id')
      .where('p.team_id = :teamId AND p.removed_at IS NULL AND s.ended_at IS NULL AND s.expires_at > :now', {
        teamId,
        now: Date.now(),
      })
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  /** The team row, locked for this transaction on PostgreSQL (SQLite transactions already run one at a time). */
  private lockTeam(m: EntityManager, teamId: string): Promise<ExerciseTeamEntity | null> {
    const repo = m.getRepository(ExerciseTeamEntity);
    return this.db.options.type === 'postgres'
      ? repo.findOne({ where: { id: teamId }, lock: { mode: 'pessimistic_write' } })
      : repo.findOneBy({ id: teamId });
  }

  private async exercise(id: string): Promise<void> {
    if (!(await this.db.getRepository(ExerciseEntity).existsBy({ id }))) throw notFound('exercise', id);
  }

  private async team(exerciseId: string, teamId: string): Promise<ExerciseTeamEntity> {
    await this.exercise(exerciseId);
    const team = await this.db.getRepository(ExerciseTeamEntity).findOneBy({ id: teamId, exerciseId });
    if (!team) throw notFound('team', teamId);
    return team;
  }
}

function checkLanguage(offered: string[], asked: string | undefined, code: string): string {
  if (asked === undefined) return offered[0] ?? 'en';
  if (!offered.includes(asked))
    throw badInput(
      code,
      `language: this exercise's content is available in ${offered.join(', ')}; "${asked}" is not one of them`,
    );
  return asked;
}

function translatedNames(
  pack: ScenarioPack,
  team: ExerciseTeamEntity,
): Record<string, { exerciseTitle: string; teamName: string }> {
  const renamed = team.name !== pack.teams.find((t) => t.id === team.teamKey)?.name;
  return Object.fromEntries(
    packLanguages(pack)
      .slice(1)
      .map((l) => [
        l,
        {
          exerciseTitle: localiseTitle(pack, l),
          teamName: renamed ? team.name : (localiseTeam(pack, team.teamKey, l).name ?? team.name),
        },
      ]),
  );
}
