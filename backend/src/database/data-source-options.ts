import { createRequire } from 'node:module';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { UserEntity } from '../auth/user.entity.js';
import { DeliveryEntity } from '../delivery/delivery.entity.js';
import { ExerciseEventEntity } from '../exercises/exercise-event.entity.js';
import { ExerciseInjectEntity } from '../exercises/exercise-inject.entity.js';
import { ExerciseTeamEntity } from '../exercises/exercise-team.entity.js';
import { ExerciseEntity } from '../exercises/exercise.entity.js';
import { ParticipantEntity } from '../exercises/participant.entity.js';
import { ScenarioPackEntity } from '../scenarios/scenario-pack.entity.js';
import { InitialSchema1764180000000 } from './migrations/1764180000000-initial-schema.js';
import { Consoles1764190000000 } from './migrations/1764190000000-consoles.js';
import { DecisionsScoring1764200000000 } from './migrations/1764200000000-decisions-scoring.js';
import { DecisionEntity, DecisionVoteEntity } from '../decisions/decision.entities.js';
import { ScoreCellEntity } from '../scoring/score-cell.entity.js';
import { AcknowledgementEntity, ResponseEntity, ResponseRevisionEntity } from '../responses/response.entities.js';
import { ThreadEntity, ThreadMessageEntity } from '../threads/thread.entities.js';
import { Reports1764210000000 } from './migrations/1764210000000-reports.js';
import { EventSubjects1764250000000 } from './migrations/1764250000000-event-subjects.js';
import { ScoreDirtyEntity } from '../scoring/score-dirty.entity.js';
import { HotwashResponseEntity, ImprovementItemEntity, ReportFindingEntity } from '../reports/report.entities.js';
import { PackImages1764225000000 } from './migrations/1764225000000-pack-images.js';
import { ResponseFeed1764260000000 } from './migrations/1764260000000-response-feed.js';
import { BroadcastTiming1764290000000 } from './migrations/1764290000000-broadcast-timing.js';
import { SessionEntity } from '../auth/session.entity.js';
import { AccountsSessions1764300000000 } from './migrations/1764300000000-accounts-sessions.js';
import { PackBlobEntity, PackImageEntity } from '../scenarios/images/pack-image.entities.js';
import { ParticipantLanguage1764320000000 } from './migrations/1764320000000-participant-language.js';
import { VoteReasons1764330000000 } from './migrations/1764330000000-vote-reasons.js';
import { WrittenLanguage1764340000000 } from './migrations/1764340000000-written-language.js';
import { StaffLanguage1764350000000 } from './migrations/1764350000000-staff-language.js';

export const ENTITIES = [
  UserEntity,
  ScenarioPackEntity,
  ExerciseEntity,
  ExerciseTeamEntity,
  ParticipantEntity,
  ExerciseInjectEntity,
  DeliveryEntity,
  ExerciseEventEntity,
  AcknowledgementEntity,
  ResponseEntity,
  ResponseRevisionEntity,
  ThreadEntity,
  ThreadMessageEntity,
  DecisionEntity,
  DecisionVoteEntity,
  ScoreCellEntity,
  ReportFindingEntity,
  ImprovementItemEntity,
  HotwashResponseEntity,
  ScoreDirtyEntity,
  PackBlobEntity,
  PackImageEntity,
  SessionEntity,
];

export const MIGRATIONS = [
  InitialSchema1764180000000,
  Consoles1764190000000,
  DecisionsScoring1764200000000,
  Reports1764210000000,
  PackImages1764225000000,
  EventSubjects1764250000000,
  ResponseFeed1764260000000,
  BroadcastTiming1764290000000,
  AccountsSessions1764300000000,
  ParticipantLanguage1764320000000,
  VoteReasons1764330000000,
  WrittenLanguage1764340000000,
  StaffLanguage1764350000000,
];

/** One place that turns the configuration into TypeORM options; migrations always run at boot. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  } as const;
  if (config.database.type === 'sqlite') {
    return {
      ...common,
      type: 'sqlite',
      database: config.database.database,
      enableWAL: true,
      busyTimeout: 10_000,
      driver: quietSqlite(),
    };
  }
  return { ...common, type: 'postgres', url: config.database.url, extra: { max: 20 } };
}

/**
 * TypeORM switches sqlite3 to its verbose mode, which wraps every call to capture a stack trace and
 * util.inspect() every argument (SQL text and parameters included): a large share of the CPU of a
 * busy server. Hand TypeORM the module with a verbose() that leaves it as it is.
 */
function quietSqlite(): unknown {
  const sqlite3 = createRequire(import.meta.url)('sqlite3') as object;
  return { ...sqlite3, verbose: () => sqlite3 };
}
