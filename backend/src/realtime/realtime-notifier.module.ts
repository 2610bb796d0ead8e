import { Module } from '@nestjs/common';
import { RealtimeNotifier } from './realtime-notifier.js';

/** The notifier alone (worker processes emit through Redis; auth ends sessions' sockets through it). */
@Module({ providers: [RealtimeNotifier], exports: [RealtimeNotifier] })
export class RealtimeNotifierModule {}
