import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { CONTROL_ROLES, type Principal } from '../auth/principal.js';
import { SessionsService } from '../auth/sessions.service.js';
import { extractToken } from '../auth/token.service.js';
import { ExerciseAccess } from './exercise-access.js';
import { type ClientToServerEvents, rooms, type ServerToClientEvents } from './realtime-events.js';
import { RealtimeNotifier } from './realtime-notifier.js';

type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, never, { principal?: Principal }>;

/**
 * Authenticates the handshake with the same tokens as the API and puts each client only in the
 * rooms its token allows: a participant in its own team's room, staff in the exercises they watch.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, cors: false, maxHttpBufferSize: 64 * 1024 })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('realtime');

  constructor(
    private readonly sessions: SessionsService,
    private readonly notifier: RealtimeNotifier,
    private readonly access: ExerciseAccess,
  ) {}

  afterInit(server: Server): void {
    this.notifier.attachServer(server);
  }

  async handleConnection(client: ClientSocket): Promise<void> {
    const auth = client.handshake.auth as Record<string, unknown> | undefined;
    const token =
      typeof auth?.token === 'string' ? auth.token : extractToken(undefined, client.handshake.headers.cookie);
    const session = token ? await this.sessions.authenticate(token) : null;
    const principal = session?.principal;
    if (!session || !principal?.sessionId) {
      client.emit('session:error', {
        code: 'auth.required',
        message: 'Sign in or join an exercise first (missing, invalid, expired or ended session)',
      });
      client.disconnect(true);
      return;
    }
    if (session.passwordChangeOnly) {
      client.emit('session:error', { code: 'auth.password-change-required', message: 'Choose a new password first' });
      client.disconnect(true);
      return;
    }
    client.data.principal = principal;
    // ending the session (logout, password change, removal…) disconnects every socket in this room, on any instance
    await client.join(rooms.session(principal.sessionId));
    if (principal.kind === 'participant') {
      if (!(await this.access.participantActive(principal))) {
        client.emit('session:error', { code: 'participant.gone', message: 'This exercise seat no longer exists' });
        client.disconnect(true);
        return;
      }
      const joined = [rooms.team(principal.teamId), rooms.players(principal.exerciseId)];
      await client.join(joined);
      client.emit('session:ready', { kind: 'participant', rooms: joined });
    } else {
      client.emit('session:ready', { kind: 'user', rooms: [] });
    }
  }

  @SubscribeMessage('exercise:watch')
  async watch(@ConnectedSocket() client: ClientSocket, @MessageBody() body: unknown) {
    const principal = client.data.principal;
    const exerciseId =
      typeof body === 'object' && body !== null && typeof (body as { exerciseId?: unknown }).exerciseId === 'string'
        ? (body as { exerciseId: string }).exerciseId
        : undefined;
    if (!principal || principal.kind !== 'user')
      return { ok: false, code: 'auth.staff-only', message: 'Only staff accounts can watch an exercise' };
    if (!exerciseId || !(await this.access.exerciseExists(exerciseId)))
      return { ok: false, code: 'exercise.not-found', message: 'No such exercise' };
    const room = CONTROL_ROLES.includes(principal.role) ? rooms.control(exerciseId) : rooms.observers(exerciseId);
    await client.join(room);
    this.logger.debug(`${principal.username} watches ${exerciseId} as ${room}`);
    return { ok: true, room };
  }
}
