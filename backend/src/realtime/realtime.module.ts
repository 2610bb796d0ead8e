import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';
import { ExerciseAccess } from './exercise-access.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeNotifierModule } from './realtime-notifier.module.js';

export { RealtimeNotifierModule } from './realtime-notifier.module.js';

/** The socket.io gateway (API processes). */
@Module({
  imports: [AuthModule, RealtimeNotifierModule, TypeOrmModule.forFeature([ExerciseEntity, ParticipantEntity])],
  providers: [RealtimeGateway, ExerciseAccess],
})
export class RealtimeModule {}
