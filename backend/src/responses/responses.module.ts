import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EventsModule } from '../events/events.module.js';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { PlayResponsesController } from './play-responses.controller.js';
import { AcknowledgementEntity, ResponseEntity, ResponseRevisionEntity } from './response.entities.js';
import { ResponsesController } from './responses.controller.js';
import { ResponsesService } from './responses.service.js';

/** What players do with an inject: acknowledgements and responses (with their votes and option branches). */
@Module({
  imports: [
    ExerciseCoreModule,
    DeliveryModule,
    EventsModule,
    DecisionsModule,
    TypeOrmModule.forFeature([AcknowledgementEntity, ResponseEntity, ResponseRevisionEntity]),
  ],
  controllers: [PlayResponsesController, ResponsesController],
  providers: [ResponsesService],
  exports: [ResponsesService],
})
export class ResponsesModule {}
