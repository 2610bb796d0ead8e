import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';
import { ExerciseAccess } from './exercise-access.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeNotifier } from './realtime-notifier.js';

/** The notifier alone (worker processes emit through Redis). */
@Module({ providers: [RealtimeNotifier], exports: [RealtimeNotifier] })
export class RealtimeNotifierModule {}

/** The socket.io gateway (API processes). */
@Module({
  imports: [AuthModule, RealtimeNotifierModule, TypeOrmModule.forFeature([ExerciseEntity, ParticipantEntity])],
  providers: [RealtimeGateway, ExerciseAccess],
})
export class RealtimeModule {}
