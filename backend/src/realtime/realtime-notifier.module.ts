import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { RealtimeNotifier } from './realtime-notifier.js';
import { RealtimeSubscriptions } from './realtime-subscriptions.js';

/**
 * The notifier and its subscriptions to the domains' announcements, in every process that runs
 * domains (the API emits through its socket.io server, a worker process through the Redis emitter).
 * Only the application's wiring imports it: the domains announce, they never call the notifier.
 */
@Module({ imports: [EventsModule], providers: [RealtimeNotifier, RealtimeSubscriptions], exports: [RealtimeNotifier] })
export class RealtimeNotifierModule {}
