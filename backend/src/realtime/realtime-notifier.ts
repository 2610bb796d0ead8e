import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ResponseView, TeamAckView } from '../responses/response-views.js';
import {
  type ClockEvent,
  type ControlChangesEvent,
  type ControlInjectDeliveredEvent,
  type InjectDeliveredEvent,
  rooms,
  type ServerToClientEvents,
} from './realtime-events.js';
import { redisConnection } from '../common/redis-connection.js';

export const socketIoKey = (config: AppConfig) => `${config.queuePrefix}-socket.io`;

/**
 * How long the staff rooms' notices of responses, acknowledgements and score changes are gathered
 * per exercise before one `control:changes` goes out. Staff consoles refetch their lists at most
 * once a second anyway; at 200 responses a second this is one emit (one Redis publish) every
 * 200 ms instead of 400 a second.
 */
export const CONTROL_CHANGES_WINDOW_MS = 200;

/** What one exercise's staff rooms have not yet been told (deduplicated). */
interface PendingChanges {
  responses: Map<string, ControlChangesEvent['responses'][number]>;
  acks: Map<string, ControlChangesEvent['acks'][number]>;
  scoredTeamIds: Set<string>;
  timer: NodeJS.Timeout;
}

type Broadcaster = Pick<Server<never, ServerToClientEvents>, 'to'> | Emitter<ServerToClientEvents>;

/**
 * The one way services talk to clients. In the API process it emits through the local socket.io
 * server (whose Redis adapter reaches other instances); in a worker process, through the Redis emitter.
 */
@Injectable()
export class RealtimeNotifier implements OnModuleDestroy {
  private server: Server<never, ServerToClientEvents> | undefined;
  private emitter: Emitter<ServerToClientEvents> | undefined;
  private emitterRedis: Redis | undefined;
  private readonly pending = new Map<string, PendingChanges>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  attachServer(server: Server<never, ServerToClientEvents>): void {
    this.server = server;
  }

  private get out(): Broadcaster {
    if (this.server) return this.server;
    if (!this.emitter) {
      this.emitterRedis = redisConnection(this.config.redisUrl, 'broadcast');
      this.emitter = new Emitter<ServerToClientEvents>(this.emitterRedis, { key: socketIoKey(this.config) });
    }
    return this.emitter;
  }

  /** One broadcast to every target team's room (encoded once), then one to the control room. */
  injectDelivered(event: InjectDeliveredEvent, teamIds: string[]): void {
    if (teamIds.length === 0) return;
    const out = this.out;
    out.to(teamIds.map(rooms.team)).emit('inject:delivered', event);
    const control: ControlInjectDeliveredEvent = { ...event, teamIds };
    out
      .to([rooms.control(event.exerciseId), rooms.observers(event.exerciseId)])
      .emit('control:inject-delivered', control);
  }

  clock(e: ClockEvent): void {
    this.out
      .to([rooms.players(e.exerciseId), rooms.control(e.exerciseId), rooms.observers(e.exerciseId)])
      .emit('exercise:clock', e);
  }

  /**
   * A team's response was logged or edited: teammates get it whole at once; the staff rooms get
   * its ids in the exercise's next `control:changes`.
   */
  responseChanged(exerciseId: string, teamId: string, response: ResponseView): void {
    const { id: responseId, injectId } = response;
    this.out.to(rooms.team(teamId)).emit('response:changed', { exerciseId, responseId, injectId, response });
    this.changes(exerciseId).responses.set(responseId, { responseId, teamId, injectId });
  }

  ackChanged(exerciseId: string, teamId: string, ack: TeamAckView): void {
    this.out.to(rooms.team(teamId)).emit('ack:changed', { exerciseId, injectId: ack.injectId, ack });
    this.changes(exerciseId).acks.set(`${teamId}\n${ack.injectId}`, { teamId, injectId: ack.injectId });
  }

  threadChanged(exerciseId: string, teamId: string, threadId: string): void {
    this.out.to(rooms.team(teamId)).emit('thread:changed', { exerciseId, threadId });
    this.out.to(this.staffRooms(exerciseId)).emit('control:thread', { exerciseId, threadId, teamId });
  }

  /** Votes and outcomes: the member teams and the control room refetch the decision. */
  decisionChanged(exerciseId: string, teamIds: string[], decisionId: string): void {
    this.out
      .to([...teamIds.map(rooms.team), ...this.staffRooms(exerciseId)])
      .emit('decision:changed', { exerciseId, decisionId });
  }

  /** Staff rooms only, in the next `control:changes`: teams see scores after the exercise, when the instructor allows. */
  scoreChanged(exerciseId: string, teamId: string): void {
    this.changes(exerciseId).scoredTeamIds.add(teamId);
  }

  /** The exercise's gathering of staff notices, started (with its flush timer) by the first change. */
  private changes(exerciseId: string): PendingChanges {
    let p = this.pending.get(exerciseId);
    if (!p) {
      const timer = setTimeout(() => this.flushChanges(exerciseId), CONTROL_CHANGES_WINDOW_MS);
      p = { responses: new Map(), acks: new Map(), scoredTeamIds: new Set(), timer };
      this.pending.set(exerciseId, p);
    }
    return p;
  }

  private flushChanges(exerciseId: string): void {
    const p = this.pending.get(exerciseId);
    if (!p) return;
    this.pending.delete(exerciseId);
    clearTimeout(p.timer);
    this.out.to(this.staffRooms(exerciseId)).emit('control:changes', {
      exerciseId,
      responses: [...p.responses.values()],
      acks: [...p.acks.values()],
      scoredTeamIds: [...p.scoredTeamIds],
    });
  }

  /** Players: score visibility or the leaderboard switched; each team refetches what it may see. */
  scoreVisibility(exerciseId: string, patch: { scoresVisible?: boolean; leaderboard?: boolean }): void {
    this.out.to(rooms.players(exerciseId)).emit('scores:visibility', { exerciseId, ...patch });
    this.out.to(this.staffRooms(exerciseId)).emit('exercise:changed', { exerciseId, reason: 'settings.changed' });
  }

  /** Staff following the report (e.g. its hotwash tab) refetch it. */
  reportChanged(exerciseId: string, part: 'hotwash'): void {
    this.out.to(this.staffRooms(exerciseId)).emit('report:changed', { exerciseId, part });
  }

  private staffRooms(exerciseId: string): string[] {
    return [rooms.control(exerciseId), rooms.observers(exerciseId)];
  }

  exerciseChanged(exerciseId: string, reason: string): void {
    this.out
      .to([rooms.control(exerciseId), rooms.observers(exerciseId)])
      .emit('exercise:changed', { exerciseId, reason });
  }

  /**
   * Sessions were ended (logout, password or role change, account disabled, participant removed):
   * their sockets, on whichever instance they are, are told why and disconnected.
   */
  sessionsEnded(sessionIds: readonly string[], message: string): void {
    if (sessionIds.length === 0) return;
    const target = sessionIds.map(rooms.session);
    this.out.to(target).emit('session:error', { code: 'session.ended', message });
    this.out.to(target).disconnectSockets(true);
  }

  async onModuleDestroy(): Promise<void> {
    // what was gathered goes out before the connections close
    for (const exerciseId of [...this.pending.keys()]) this.flushChanges(exerciseId);
    await this.emitterRedis?.quit().catch(() => undefined);
  }
}
