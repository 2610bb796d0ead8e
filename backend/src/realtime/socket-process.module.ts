import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionEntity } from '../auth/session.entity.js';
import { SessionsService } from '../auth/sessions.service.js';
import { TokenService } from '../auth/token.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';
import { ExerciseAccess } from './exercise-access.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeNotifier } from './realtime-notifier.js';

/**
 * The socket process raises no domain event and runs no domain: it only reads sessions, seats and
 * exercises to admit sockets to their rooms. The API process (and a worker) hold the subscribers.
 */
class NoDomainEvents extends DomainEvents {
  override onApplicationBootstrap(): void {}
}

/**
 * What the socket process (`SOCKETS=process`) runs: the gateway that authenticates a handshake and
 * puts the socket in its rooms, on a database it only reads. Everything it sends comes from the
 * API process and workers through the socket.io Redis adapter.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity, ExerciseEntity, ParticipantEntity])],
  providers: [
    TokenService,
    SessionsService,
    { provide: DomainEvents, useClass: NoDomainEvents },
    RealtimeNotifier,
    ExerciseAccess,
    RealtimeGateway,
  ],
})
export class SocketProcessModule {}
