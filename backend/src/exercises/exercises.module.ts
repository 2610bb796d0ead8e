import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SessionsModule } from '../auth/sessions.module.js';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { DeliveryRunModule } from '../delivery/delivery-run.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EventsModule } from '../events/events.module.js';
import { ResponsesModule } from '../responses/responses.module.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { ThreadsModule } from '../threads/threads.module.js';
import { ExerciseControlController } from './exercise-control.controller.js';
import { ExerciseControl } from './exercise-control.service.js';
import { ExerciseCoreModule } from './exercise-core.module.js';
import { ExerciseLifecycle } from './exercise-lifecycle.service.js';
import { ExercisesController } from './exercises.controller.js';
import { ParticipantsController } from './participants.controller.js';
import { ParticipantsService } from './participants.service.js';
import { PlayController } from './play.controller.js';
import { PlayerImages } from './player-images.service.js';

/** The exercise's commands (no HTTP): clock, control room tools, participants. Shared by the API and the worker process. */
@Module({
  imports: [
    ExerciseCoreModule,
    ScenariosModule,
    SchedulingModule,
    DeliveryModule,
    DeliveryRunModule,
    DecisionsModule,
    SessionsModule,
    EventsModule,
  ],
  providers: [ExerciseLifecycle, ParticipantsService, ExerciseControl, PlayerImages],
  exports: [ExerciseCoreModule, ExerciseLifecycle, ParticipantsService, ExerciseControl, PlayerImages],
})
export class ExerciseServicesModule {}

/** The API of an exercise and of the domains played in it. */
@Module({
  imports: [ExerciseServicesModule, ResponsesModule, ThreadsModule, AuthModule],
  controllers: [ExercisesController, PlayController, ParticipantsController, ExerciseControlController],
})
export class ExercisesModule {}
