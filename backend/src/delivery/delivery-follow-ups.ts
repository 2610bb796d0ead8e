import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import { type DomainEventMap, DomainEvents } from '../events/domain-events.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { SchedulerService } from '../scheduling/scheduler.service.js';

/**
 * What a delivery or a released branch sets in motion, scheduled after the fact (never on the
 * clock's critical path): released injects and the deadlines of decisions a delivery opened.
 */
@Injectable()
export class DeliveryFollowUps implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerService,
    private readonly bus: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.bus.on('inject.delivered', (e) => this.afterDelivery(e));
    this.bus.on('branches.released', (e) => this.scheduleReleased(e));
  }

  private async afterDelivery(e: DomainEventMap['inject.delivered']): Promise<void> {
    // a decision that opened with this delivery: its member teams and the control room show it now
    for (const d of e.decisions)
      this.bus.announce('decision.opened', {
        exerciseId: e.exerciseId,
        decisionId: d.decisionId,
        memberTeamIds: d.memberTeamIds,
      });
    if (e.released.length === 0 && e.decisions.length === 0) return;
    const ex = await this.exercise(e.exerciseId);
    if (ex.status !== 'running' && ex.status !== 'scheduled') return;
    await this.scheduler.scheduleInjects(ex, e.released);
    await this.scheduler.scheduleDeadlines(ex, e.decisions);
  }

  /** A paused exercise schedules its pending injects when it resumes; an ended one never does. */
  private async scheduleReleased(e: DomainEventMap['branches.released']): Promise<void> {
    if (e.released.length === 0) return;
    const ex = await this.exercise(e.exerciseId);
    if (ex.status === 'running' || ex.status === 'scheduled') await this.scheduler.scheduleInjects(ex, e.released);
  }

  private async exercise(id: string): Promise<ExerciseEntity> {
    const ex = await this.db.getRepository(ExerciseEntity).findOneBy({ id });
    if (!ex) throw notFound('exercise', id);
    return ex;
  }
}
