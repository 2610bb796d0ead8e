import type { Inject } from '../scenarios/pack/pack-schema.js';
import type { ContentLanguage } from '../scenarios/pack/pack-translations.js';
import { parseOffsetMs } from '../scenarios/pack/pack-schema.js';
import { scenarioNow } from '../scheduling/exercise-clock.js';
import { anchorOf } from '../scheduling/scheduler.service.js';
import type { ExerciseEntity, ExerciseStatus } from './exercise.entity.js';

export interface ClockView {
  status: ExerciseEntity['status'];
  speed: number;
  anchorWallMs: number | null;
  anchorScenarioMs: number;
  scenarioNowMs: number;
  serverNow: number;
  startedAtMs: number | null;
  endedAtMs: number | null;
}

/** The clock as players and the control room run it locally (the `exercise:clock` socket event). */
export interface ClockEvent {
  exerciseId: string;
  status: ExerciseStatus;
  speed: number;
  /** scenario time at `anchorWallMs`; with speed and status, clients run the clock locally */
  anchorScenarioMs: number;
  anchorWallMs: number | null;
  serverNow: number;
}

export function clockView(e: ExerciseEntity, now = Date.now()): ClockView {
  return {
    status: e.status,
    speed: e.speed,
    anchorWallMs: e.anchorWallMs,
    anchorScenarioMs: e.anchorScenarioMs,
    scenarioNowMs: Math.round(scenarioNow(anchorOf(e), now)),
    serverNow: now,
    startedAtMs: e.startedAtMs,
    endedAtMs: e.endedAtMs,
  };
}

/**
 * What a player may see of an inject: its content as delivered. Expected actions, objectives,
 * threat tags, triggers and facilitator notes stay with the control cell.
 */
export interface PlayerInjectView {
  id: string;
  channel: Inject['channel'];
  from: Inject['from'];
  subject: string;
  body: string;
  tlp: Inject['tlp'] | null;
  artifacts: Inject['artifacts'];
  meta: Inject['meta'];
  responseOptions: { id: string; label: string }[];
  respondWithinMs: number | null;
  decision: {
    id: string;
    question: string;
    mode: 'team' | 'consensus';
    options: { id: string; label: string }[];
    deadline: string;
  } | null;
  scenarioMs: number;
  deliveredAt: number;
  late: boolean;
  /** the language this copy is in, and the fields shown in the source language for want of a translation */
  content: ContentLanguage;
}

/** `inject` is already in the player's language (see localiseInject); `content` says how far. */
export function playerInjectView(
  inject: Inject,
  delivery: { scenarioMs: number; deliveredAtMs: number; late: boolean },
  content: ContentLanguage,
): PlayerInjectView {
  return {
    id: inject.id,
    channel: inject.channel,
    from: inject.from,
    subject: inject.subject,
    body: inject.body,
    tlp: inject.tlp ?? null,
    artifacts: inject.artifacts,
    meta: inject.meta,
    // only id and label: whether an option is a distractor is the evaluator's to know
    responseOptions: inject.responseOptions.map(({ id, label }) => ({ id, label })),
    respondWithinMs: inject.respondWithin ? parseOffsetMs(`T+${inject.respondWithin}`) : null,
    decision: inject.decision
      ? {
          id: inject.decision.id,
          question: inject.decision.question,
          mode: inject.decision.mode,
          options: inject.decision.options,
          deadline: inject.decision.deadline,
        }
      : null,
    scenarioMs: delivery.scenarioMs,
    deliveredAt: delivery.deliveredAtMs,
    late: delivery.late,
    content,
  };
}
