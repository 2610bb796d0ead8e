import { Controller, Get, HttpCode, Param, Post, type StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Players } from '../auth/access.decorators.js';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, ZodBody } from '../common/api-zod.js';
import { conflict } from '../common/domain-error.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ReportData } from './report-data.service.js';
import { ReportEdits } from './report-edits.service.js';
import { exportReport, PLAYER_FORMATS } from './report-exports.js';
import { reportMessages } from './report-messages.js';

const HotwashBody = z
  .object({
    ratings: z.record(z.string().max(40), z.number().int().min(1).max(5)).default({}),
    answers: z.record(z.string().max(40), z.string().trim().max(5000)).default({}),
  })
  .strict();
const PlayerFormat = z.enum(PLAYER_FORMATS);

/** Players: the hotwash survey and their own team's edition of the report, once the exercise has ended. */
@ApiTags('play')
@Controller('play')
export class PlayReportController {
  constructor(
    private readonly data: ReportData,
    private readonly edits: ReportEdits,
  ) {}

  @Get('hotwash')
  @Players()
  hotwash(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.edits.hotwashFor(p);
  }

  @Post('hotwash')
  @HttpCode(200)
  @Players()
  @ApiZodBody(HotwashBody)
  submit(@CurrentPrincipal() p: ParticipantPrincipal, @ZodBody(HotwashBody) body: z.infer<typeof HotwashBody>) {
    return this.edits.submitHotwash(p, body);
  }

  @Get('report')
  @Players()
  async report(@CurrentPrincipal() p: ParticipantPrincipal) {
    await this.ensureEnded(p);
    return this.data.player(p.exerciseId, p.teamId, { language: await this.data.languageOf(p) });
  }

  @Get('report/export/:format')
  @Players()
  @ApiIdParam('format')
  async export(
    @CurrentPrincipal() p: ParticipantPrincipal,
    @Param('format', new ZodValidationPipe(PlayerFormat)) format: z.infer<typeof PlayerFormat>,
  ): Promise<StreamableFile> {
    await this.ensureEnded(p);
    // the team's edition in the player's language: the scenario's words and the report's own
    const language = await this.data.languageOf(p);
    return exportReport(await this.data.player(p.exerciseId, p.teamId, { language }), format, reportMessages(language));
  }

  private async ensureEnded(p: ParticipantPrincipal): Promise<void> {
    if ((await this.data.exercise(p.exerciseId)).status !== 'ended')
      throw conflict('report.not-ready', 'Your team report is available once the exercise has ended');
  }
}
