import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { EventsModule } from '../events/events.module.js';
import { ThreadEntity, ThreadMessageEntity } from './thread.entities.js';
import { PlayThreadsController, ThreadsController } from './threads.controller.js';
import { ThreadsService } from './threads.service.js';

/** Requests for information: threads between a team and the parties control plays. */
@Module({
  imports: [ExerciseCoreModule, EventsModule, TypeOrmModule.forFeature([ThreadEntity, ThreadMessageEntity])],
  controllers: [ThreadsController, PlayThreadsController],
  providers: [ThreadsService],
  exports: [ThreadsService],
})
export class ThreadsModule {}
