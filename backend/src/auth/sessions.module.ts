import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { SessionEntity } from './session.entity.js';
import { SessionsService } from './sessions.service.js';
import { TokenService } from './token.service.js';

/** Tokens and server-side sessions, without the HTTP side of auth (the worker process needs them to join seats in dry runs). */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity]), EventsModule],
  providers: [TokenService, SessionsService],
  exports: [TokenService, SessionsService],
})
export class SessionsModule {}
