import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events.js';
import { RealtimeNotifier } from './realtime-notifier.js';

/**
 * The domains' announcements turned into socket emits: every socket message a service caused
 * goes out from here, through the notifier, at the moment the service announced it (announcements
 * are synchronous, so the emit happens inside the service's `announce` call, where the service
 * used to call the notifier itself). The services import nothing from `realtime/`.
 */
@Injectable()
export class RealtimeSubscriptions implements OnModuleInit {
  constructor(
    private readonly bus: DomainEvents,
    private readonly notifier: RealtimeNotifier,
  ) {}

  onModuleInit(): void {
    const n = this.notifier;
    const on = this.bus.on.bind(this.bus);
    // players' own team log, whole; the control room refetches
    on('response.saved', (e) => {
      n.responseChanged(e.exerciseId, e.teamId, e.response);
    });
    on('inject.acknowledged', (e) => {
      n.ackChanged(e.exerciseId, e.teamId, e.ack);
    });
    // the inject's instant: one broadcast to the target teams, one to the control room
    on('inject.broadcast', (e) => {
      n.injectDelivered(e.event, e.teamIds);
    });
    on('inject.skipped', (e) => {
      n.exerciseChanged(e.exerciseId, 'inject.skipped');
    });
    on('inject.adhoc-created', (e) => {
      n.exerciseChanged(e.exerciseId, 'inject.adhoc-created');
    });
    on('clock.changed', (e) => {
      n.clock(e.clock);
    });
    on('journal.noted', (e) => {
      n.exerciseChanged(e.exerciseId, 'journal.note');
    });
    on('exercise.settings-changed', (e) => {
      n.exerciseChanged(e.exerciseId, 'settings.changed');
    });
    // decisions: the member teams and the control room refetch
    on('decision.opened', (e) => {
      n.decisionChanged(e.exerciseId, e.memberTeamIds, e.decisionId);
    });
    on('decision.voted', (e) => {
      n.decisionChanged(e.exerciseId, e.memberTeamIds, e.decisionId);
    });
    on('decision.extended', (e) => {
      n.exerciseChanged(e.exerciseId, 'decision.extended');
      // the member teams show the deadline too ("Vote by …")
      n.decisionChanged(e.exerciseId, e.memberTeamIds, e.decisionId);
    });
    on('decision.closed', (e) => {
      n.decisionChanged(e.exerciseId, e.memberTeamIds, e.decisionId);
    });
    on('thread.opened', (e) => {
      n.threadChanged(e.exerciseId, e.teamId, e.threadId);
    });
    on('thread.message', (e) => {
      n.threadChanged(e.exerciseId, e.teamId, e.threadId);
    });
    on('score.changed', (e) => {
      n.scoreChanged(e.exerciseId, e.teamId);
    });
    on('score.visibility-changed', (e) => {
      n.scoreVisibility(e.exerciseId, e.patch);
    });
    // a facilitator running the hotwash watches the answers come in
    on('hotwash.submitted', (e) => {
      n.reportChanged(e.exerciseId, 'hotwash');
    });
    on('sessions.ended', (e) => {
      n.sessionsEnded(e.sessionIds, e.message);
    });
  }
}
