import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { ReadDatabase } from '../database/read-database.js';
import { Transactions } from '../database/transactions.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseTeamEntity } from '../exercises/exercise-team.entity.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';
import type { Principal } from './principal.js';
import { SessionEntity } from './session.entity.js';
import { SESSION_TTL_SECONDS, TokenService } from './token.service.js';
import { UserEntity } from './user.entity.js';

/** Where a session was opened from, shown to administrators. */
export interface SessionOrigin {
  userAgent?: string | undefined;
  address?: string | undefined;
}

export interface Authenticated {
  principal: Principal;
  /** the session may only change its password (generated or reset password) */
  passwordChangeOnly: boolean;
}

export type SessionEndReason =
  | 'logout'
  | 'password-changed'
  | 'password-reset'
  | 'role-changed'
  | 'disabled'
  | 'deleted'
  | 'ended-by-admin'
  | 'participant-removed';

/** What a disconnected client is told, by reason. */
const END_MESSAGES: Record<SessionEndReason, string> = {
  logout: 'You signed out.',
  'password-changed': 'Your password was changed; sign in again.',
  'password-reset': 'An administrator reset your password; sign in with the new one.',
  'role-changed': 'An administrator changed your role; sign in again.',
  disabled: 'An administrator disabled your account.',
  deleted: 'An administrator deleted your account.',
  'ended-by-admin': 'An administrator ended your session; sign in again.',
  'participant-removed': 'A facilitator removed you from the exercise.',
};

export interface ActiveSessionView {
  id: string;
  kind: 'user' | 'participant';
  /** username (staff) or display name (player) */
  name: string;
  role: string | null;
  team: string | null;
  exercise: string | null;
  createdAt: number;
  expiresAt: number;
  userAgent: string | null;
  address: string | null;
  passwordChangeOnly: boolean;
}

/** ended sessions this process already knows about (never asks the database about them again) */
const ENDED_CACHE_SIZE = 50_000;

/**
 * Server-side sessions. Every token names its session, and every request and socket handshake
 * checks the session row, so ending a session (or every session of a user or a seat) takes effect
 * at once on every API instance; open sockets of the ended sessions are disconnected through the
 * socket.io Redis adapter, which reaches every instance.
 */
@Injectable()
export class SessionsService {
  private readonly ended = new Set<string>();
  private readonly isPostgres: boolean;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly read: ReadDatabase,
    private readonly tx: Transactions,
    private readonly tokens: TokenService,
    private readonly bus: DomainEvents,
  ) {
    this.isPostgres = db.options.type === 'postgres';
  }

  /** Opens a session for this principal and returns its signed token (inside the caller's transaction when given one). */
  async issue(
    principal: Principal,
    origin: SessionOrigin,
    opts: { passwordChangeOnly?: boolean; manager?: EntityManager } = {},
  ): Promise<{ token: string; sessionId: string }> {
    const now = Date.now();
    const row: SessionEntity = {
      id: randomUUID(),
      kind: principal.kind,
      userId: principal.kind === 'user' ? principal.userId : null,
      participantId: principal.kind === 'participant' ? principal.participantId : null,
      exerciseId: principal.kind === 'participant' ? principal.exerciseId : null,
      passwordChangeOnly: opts.passwordChangeOnly ?? false,
      createdAt: now,
      expiresAt: now + SESSION_TTL_SECONDS * 1000,
      endedAt: null,
      endedReason: null,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
      address: origin.address?.slice(0, 64) ?? null,
    };
    if (opts.manager) await opts.manager.insert(SessionEntity, row);
    else await this.tx.insert([{ entity: SessionEntity, rows: [row] }]);
    return { token: await this.tokens.sign({ ...principal, sessionId: row.id }, row.id), sessionId: row.id };
  }

  /** The principal of a token whose session is open, or null (bad token, ended or expired session). */
  async authenticate(token: string): Promise<Authenticated | null> {
    const principal = await this.tokens.verify(token);
    const sid = principal?.sessionId;
    if (!principal || !sid || this.ended.has(sid)) return null;
    // one primary-key read per request, on the read connection (SQLite) so it never queues behind writes
    const rows = await this.read.hotRead<{ ended_at: unknown; expires_at: unknown; password_change_only: unknown }>(
      `SELECT ended_at, expires_at, password_change_only FROM auth_sessions WHERE id = ${this.isPostgres ? '$1' : '?'}`,
      [sid],
    );
    const row = rows[0];
    if (!row || row.ended_at !== null || Number(row.expires_at) <= Date.now()) {
      if (row) this.remember(sid);
      return null;
    }
    return { principal, passwordChangeOnly: row.password_change_only === true || row.password_change_only === 1 };
  }

  /** Ends these sessions (those still open) and disconnects their sockets. */
  async end(sessionIds: readonly string[], reason: SessionEndReason): Promise<number> {
    if (sessionIds.length === 0) return 0;
    const result = await this.tx.run((m) =>
      m.update(
        SessionEntity,
        { id: In([...sessionIds]), endedAt: IsNull() },
        { endedAt: Date.now(), endedReason: reason },
      ),
    );
    for (const sid of sessionIds) this.remember(sid);
    this.bus.announce('sessions.ended', { sessionIds, reason, message: END_MESSAGES[reason] });
    return result.affected ?? sessionIds.length;
  }

  /** Ends every open session of a staff account, or of a player seat. */
  async endAllOf(who: { userId: string } | { participantId: string }, reason: SessionEndReason): Promise<number> {
    const where = 'userId' in who ? { userId: who.userId } : { participantId: who.participantId };
    const open = await this.db
      .getRepository(SessionEntity)
      .find({ select: { id: true }, where: { ...where, endedAt: IsNull() } });
    return this.end(
      open.map((s) => s.id),
      reason,
    );
  }

  /** Ends one session by id (an administrator's action); false when there was no open session with it. */
  async endOne(sessionId: string, reason: SessionEndReason): Promise<boolean> {
    const open = await this.db
      .getRepository(SessionEntity)
      .existsBy({ id: sessionId, endedAt: IsNull(), expiresAt: MoreThan(Date.now()) });
    if (!open) return false;
    await this.end([sessionId], reason);
    return true;
  }

  async openCountByUser(): Promise<Map<string, number>> {
    const rows = await this.db
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .select('s.user_id', 'userId')
      .addSelect('COUNT(*)', 'n')
      .where('s.kind = :kind AND s.ended_at IS NULL AND s.expires_at > :now', { kind: 'user', now: Date.now() })
      .groupBy('s.user_id')
      .getRawMany<{ userId: string; n: string | number }>();
    return new Map(rows.map((r) => [r.userId, Number(r.n)]));
  }

  /** Open sessions, most recent first, named for an administrator. */
  async listOpen(limit = 2000): Promise<ActiveSessionView[]> {
    const sessions = await this.db.getRepository(SessionEntity).find({
      where: { endedAt: IsNull(), expiresAt: MoreThan(Date.now()) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    const userIds = [...new Set(sessions.flatMap((s) => (s.userId ? [s.userId] : [])))];
    const participantIds = [...new Set(sessions.flatMap((s) => (s.participantId ? [s.participantId] : [])))];
    const users = new Map(
      (userIds.length ? await this.db.getRepository(UserEntity).findBy({ id: In(userIds) }) : []).map((u) => [u.id, u]),
    );
    const participants = new Map(
      (participantIds.length
        ? await this.db.getRepository(ParticipantEntity).findBy({ id: In(participantIds) })
        : []
      ).map((p) => [p.id, p]),
    );
    const teamIds = [...new Set([...participants.values()].map((p) => p.teamId))];
    const exerciseIds = [...new Set(sessions.flatMap((s) => (s.exerciseId ? [s.exerciseId] : [])))];
    const teams = new Map(
      (teamIds.length ? await this.db.getRepository(ExerciseTeamEntity).findBy({ id: In(teamIds) }) : []).map((t) => [
        t.id,
        t.name,
      ]),
    );
    const exercises = new Map(
      (exerciseIds.length
        ? await this.db
            .getRepository(ExerciseEntity)
            .find({ select: { id: true, name: true }, where: { id: In(exerciseIds) } })
        : []
      ).map((e) => [e.id, e.name]),
    );
    return sessions.map((s) => {
      const user = s.userId ? users.get(s.userId) : undefined;
      const participant = s.participantId ? participants.get(s.participantId) : undefined;
      return {
        id: s.id,
        kind: s.kind,
        name: user?.username ?? participant?.displayName ?? '(unknown)',
        role: user?.role ?? null,
        team: participant ? (teams.get(participant.teamId) ?? null) : null,
        exercise: s.exerciseId ? (exercises.get(s.exerciseId) ?? null) : null,
        createdAt: s.createdAt,
        expiresAt: s.expiresAt,
        userAgent: s.userAgent,
        address: s.address,
        passwordChangeOnly: s.passwordChangeOnly,
      };
    });
  }

  private remember(sid: string): void {
    if (this.ended.size >= ENDED_CACHE_SIZE) this.ended.delete(this.ended.values().next().value as string);
    this.ended.add(sid);
  }
}
