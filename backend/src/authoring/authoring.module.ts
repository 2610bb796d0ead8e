import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ExerciseServicesModule } from '../exercises/exercises.module.js';
import { ResponsesModule } from '../responses/responses.module.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { AuthoringController } from './authoring.controller.js';
import { DryRunService } from './dry-run/dry-run.service.js';
import { MselService } from './msel/msel.service.js';
import { OpenAevService } from './openaev/openaev.service.js';
import { PackAuthoringService } from './packs/pack-authoring.service.js';
import { ToolImportService } from './tool-exports/tool-import.service.js';

/** Scenario authoring for instructors: the editor's API, spreadsheet and OpenAEV import, dry runs. */
@Module({
  imports: [ScenariosModule, ExerciseServicesModule, ResponsesModule, AuthModule],
  controllers: [AuthoringController],
  providers: [PackAuthoringService, MselService, OpenAevService, ToolImportService, DryRunService],
})
export class AuthoringModule {}
