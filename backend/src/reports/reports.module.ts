import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { ExerciseCoreModule } from '../exercises/exercise-core.module.js';
import { EventsModule } from '../events/events.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { PlayReportController } from './play-report.controller.js';
import { ReportData } from './report-data.service.js';
import { ReportEdits } from './report-edits.service.js';
import { HotwashResponseEntity, ImprovementItemEntity, ReportFindingEntity } from './report.entities.js';
import { ReportsController } from './reports.controller.js';
import { ReportEventLog } from './report-event-log.js';

/** After-action review: the report and its exports, the improvement plan, the hotwash survey. */
@Module({
  imports: [
    AuthModule,
    ExerciseCoreModule,
    ScoringModule,
    EventsModule,
    TypeOrmModule.forFeature([ReportFindingEntity, ImprovementItemEntity, HotwashResponseEntity]),
  ],
  providers: [ReportData, ReportEdits, ReportEventLog],
  controllers: [ReportsController, PlayReportController],
  exports: [ReportData],
})
export class ReportsModule {}
