import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ParticipantPrincipal, UserPrincipal } from '../auth/principal.js';
import { STEERING_ROLES } from '../auth/principal.js';
import { notFound } from '../common/domain-error.js';
import { DeliveryEntity, revealedDelivery } from '../delivery/delivery.entity.js';
import { wholeLatenessMs } from '../delivery/delivery-timing.js';
import { wallTimeAt } from '../scheduling/exercise-clock.js';
import { anchorOf } from '../scheduling/scheduler.service.js';
import { ExerciseEvents } from './exercise-events.service.js';
import { ExerciseInjectEntity } from './exercise-inject.entity.js';
import { ExercisePlans } from './exercise-plan.js';
import { ExerciseTeamEntity } from './exercise-team.entity.js';
import { ExerciseEntity } from './exercise.entity.js';
import { clockView, playerInjectView, type PlayerInjectView } from './exercise-views.js';
import { ParticipantEntity } from './participant.entity.js';
import {
  injectTranslations,
  localiseInject,
  localiseTeam,
  localiseTitle,
  packLanguages,
  sourceLanguage,
} from '../scenarios/pack/pack-translations.js';

/** Read models for the control room, observers and players. */
@Injectable()
export class ExerciseQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: ExercisePlans,
    private readonly events: ExerciseEvents,
  ) {}

  async list() {
    const rows = await this.db.getRepository(ExerciseEntity).find({
      order: { createdAt: 'DESC' },
      select: {
        id: true,
        name: true,
        status: true,
        speed: true,
        anchorWallMs: true,
        anchorScenarioMs: true,
        startedAtMs: true,
        endedAtMs: true,
        createdAt: true,
        packRecordId: true,
        generation: true,
      },
      take: 500,
    });
    return rows.map((e) => ({ id: e.id, name: e.name, status: e.status, createdAt: e.createdAt, clock: clockView(e) }));
  }

  async detail(viewer: UserPrincipal, id: string) {
    const e = await this.exercise(id);
    const teams = await this.db
      .getRepository(ExerciseTeamEntity)
      .find({ where: { exerciseId: id }, order: { teamKey: 'ASC' } });
    const mayInvite = STEERING_ROLES.includes(viewer.role);
    return {
      id: e.id,
      name: e.name,
      pack: {
        id: e.snapshot.id,
        title: e.snapshot.title,
        version: e.snapshot.version,
        duration: e.snapshot.duration,
        summary: e.snapshot.summary,
      },
      clock: clockView(e),
      observerAnonymous: e.observerAnonymous,
      // join codes let anyone take a team seat: only the people who run the drill see them
      teams: teams.map((t) => ({
        id: t.id,
        key: t.teamKey,
        name: t.name,
        ...(mayInvite ? { joinCode: t.joinCode } : {}),
      })),
      createdAt: e.createdAt,
    };
  }

  /** Every inject with its planned and actual times, for the control room timeline. */
  async timeline(id: string) {
    const e = await this.exercise(id);
    const plan = await this.plans.get(id);
    const states = await this.db.getRepository(ExerciseInjectEntity).find({ where: { exerciseId: id } });
    const counts = await this.db
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .select('d.inject_id', 'injectId')
      .addSelect('COUNT(*)', 'teams')
      .addSelect('MAX(CASE WHEN d.late THEN 1 ELSE 0 END)', 'late')
      // how late the latest-going team's broadcast started, among the late ones
      .addSelect(
        'MAX(CASE WHEN d.late THEN COALESCE(d.broadcast_started_at_ms, d.delivered_at_ms) - d.due_at_ms END)',
        'latenessMs',
      )
      // when it really went out on the exercise clock (fire-now: the instant it was fired)
      .addSelect('MIN(d.scenario_ms)', 'sentScenarioMs')
      .where('d.exercise_id = :id', { id })
      .andWhere(revealedDelivery('d'))
      .groupBy('d.inject_id')
      .getRawMany<{
        injectId: string;
        teams: string | number;
        late: string | number;
        latenessMs: string | number | null;
        sentScenarioMs: string | number | null;
      }>();
    const byInject = new Map(counts.map((c) => [c.injectId, c]));
    const anchor = anchorOf(e);
    const others = packLanguages(plan.languages).slice(1);
    return states
      .map((s) => {
        const inject = plan.injects.get(s.injectId);
        const c = byInject.get(s.injectId);
        return {
          injectId: s.injectId,
          // a branch released to one team only
          teamScope: s.teamScope || null,
          subject: inject?.subject ?? s.injectId,
          // the subject in each language that translates it, beside the source's
          subjectTranslations: Object.fromEntries(
            Object.entries(injectTranslations(plan.languages, s.injectId)).flatMap(([l, t]) =>
              t.subject ? [[l, t.subject]] : [],
            ),
          ),
          // per language the pack offers: what a player reading it sees in the source language instead (empty: fully translated)
          untranslated: inject
            ? Object.fromEntries(others.map((l) => [l, localiseInject(inject, plan.languages, l).content.untranslated]))
            : {},
          channel: inject?.channel ?? null,
          to: inject ? this.plans.targets(plan, inject).map((t) => t.id) : [],
          trigger: inject?.trigger?.type ?? null,
          // a delivery prepared for its instant is still pending to everyone watching
          status: s.status === 'prepared' ? 'pending' : s.status,
          dueScenarioMs: s.dueScenarioMs,
          dueAt:
            s.dueScenarioMs === null || (s.status !== 'pending' && s.status !== 'prepared')
              ? null
              : wallTimeAt(anchor, s.dueScenarioMs),
          deliveredAt: s.status === 'delivered' ? s.deliveredAtMs : null,
          deliveredTeams: c ? Number(c.teams) : 0,
          deliveredScenarioMs:
            s.status === 'delivered' && c && c.sentScenarioMs !== null ? Number(c.sentScenarioMs) : null,
          late: c ? Number(c.late) === 1 : false,
          /** ms from its instant to the start of its broadcast, for a late delivery; null otherwise */
          latenessMs: c && c.latenessMs !== null && Number(c.late) === 1 ? wholeLatenessMs(Number(c.latenessMs)) : null,
        };
      })
      .sort(
        (a, b) =>
          (a.dueScenarioMs ?? Number.MAX_SAFE_INTEGER) - (b.dueScenarioMs ?? Number.MAX_SAFE_INTEGER) ||
          a.injectId.localeCompare(b.injectId),
      );
  }

  async deliveries(id: string) {
    await this.exercise(id);
    return this.revealed(id).orderBy('d.delivered_at_ms', 'ASC').addOrderBy('d.inject_id', 'ASC').getMany();
  }

  /** Deliveries that are final (their inject revealed), never ones prepared for a future instant. */
  private revealed(exerciseId: string) {
    return this.db
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.exercise_id = :exerciseId', { exerciseId })
      .andWhere(revealedDelivery('d'));
  }

  async eventLog(id: string, afterId: number) {
    await this.exercise(id);
    return this.events.list(id, afterId);
  }

  async playerSession(p: ParticipantPrincipal) {
    const participant = await this.db.getRepository(ParticipantEntity).findOneBy({ id: p.participantId });
    const team = await this.db.getRepository(ExerciseTeamEntity).findOneBy({ id: p.teamId });
    const e = await this.exercise(p.exerciseId);
    if (!participant || !team) throw notFound('participant', p.participantId);
    const language = participant.language ?? sourceLanguage(e.snapshot);
    const localTeam = localiseTeam(e.snapshot, team.teamKey, language);
    const renamed = team.name !== e.snapshot.teams.find((t) => t.id === team.teamKey)?.name;
    return {
      participant: { id: participant.id, displayName: participant.displayName, language },
      // a team the instructor renamed keeps its new name in every language
      team: {
        id: team.id,
        key: team.teamKey,
        name: renamed ? team.name : (localTeam.name ?? team.name),
        description: localTeam.description,
      },
      exercise: {
        id: e.id,
        name: e.name,
        title: localiseTitle(e.snapshot, language),
        classification: e.snapshot.classification,
      },
      /** the languages the scenario content can be read in (the source first) */
      languages: packLanguages(e.snapshot),
      clock: clockView(e),
    };
  }

  /** Only what has reached the player's own team, and only once its instant has passed. */
  async playerInjects(p: ParticipantPrincipal): Promise<PlayerInjectView[]> {
    const plan = await this.plans.get(p.exerciseId);
    const language = await this.languageOf(p, plan.languages);
    const rows = await this.revealed(p.exerciseId)
      .andWhere('d.team_id = :teamId AND d.delivered_at_ms <= :now', { teamId: p.teamId, now: Date.now() })
      .orderBy('d.scenario_ms', 'DESC')
      .addOrderBy('d.delivered_at_ms', 'DESC')
      .getMany();
    return rows.flatMap((d) => {
      const inject = plan.injects.get(d.injectId);
      if (!inject) return [];
      const local = localiseInject(inject, plan.languages, language);
      return [playerInjectView(local.inject, d, local.content)];
    });
  }

  /** The language a player reads content in (the pack's source for seats taken before languages existed). */
  async languageOf(p: ParticipantPrincipal, pack: Parameters<typeof sourceLanguage>[0]): Promise<string> {
    const row = await this.db
      .getRepository(ParticipantEntity)
      .findOne({ select: { id: true, language: true }, where: { id: p.participantId } });
    return row?.language ?? sourceLanguage(pack);
  }

  async playerInject(p: ParticipantPrincipal, injectId: string): Promise<PlayerInjectView> {
    const found = (await this.playerInjects(p)).find((i) => i.id === injectId);
    // the same answer whether the inject does not exist, is future or belongs to another team
    if (!found) throw notFound('inject', injectId);
    return found;
  }

  private async exercise(id: string): Promise<ExerciseEntity> {
    const e = await this.db.getRepository(ExerciseEntity).findOneBy({ id });
    if (!e) throw notFound('exercise', id);
    return e;
  }
}
