import { Module } from '@nestjs/common';
import { DomainEvents } from './domain-events.js';

/** The one `DomainEvents` dispatcher of a process (every module that emits or subscribes imports this). */
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class EventsModule {}
