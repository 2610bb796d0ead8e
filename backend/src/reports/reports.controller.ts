import { Controller, Delete, Get, Headers, HttpCode, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiJsonBody, ApiZodBody, ApiZodQuery, IdParam, ZodBody, ZodQuery } from '../common/api-zod.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { anonymousViewRequested } from '../common/anonymous-view.js';
import { Param } from '@nestjs/common';
import { improvementPlanCsv } from './report-csv.js';
import { ReportData, type ReportTiming } from './report-data.service.js';
import { ReportEdits } from './report-edits.service.js';
import { download, exportReport, REPORT_FORMATS, PLAYER_FORMATS } from './report-exports.js';
import { fileBase } from './report-format.js';
import { improvementPlanMarkdown } from './report-markdown.js';
import { type AfterActionReport, CAPABILITY_ELEMENTS, FINDING_KINDS, IMPROVEMENT_STATUSES } from './report-model.js';
import { improvementPlanPdf } from './report-pdf.js';
import { reportLanguageFor } from './report-language.js';
import { reportMessages } from './report-messages.js';

const FULL = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'] as const;
const EDIT = ['admin', 'instructor', 'facilitator', 'evaluator'] as const;

const optionalId = z.string().min(1).max(80).nullable().optional();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-04-30')
  // Date.parse rolls 2026-02-30 over into March: a real date reads back the same
  .refine(
    (d) => !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'must be a real date',
  )
  .nullable()
  .optional();
const FindingsBody = z
  .object({
    findings: z
      .array(
        z
          .object({
            kind: z.enum(FINDING_KINDS),
            text: z.string().trim().min(1, 'must not be empty').max(5000),
            objectiveId: optionalId,
            teamId: optionalId,
            evidence: z.array(z.number().int().min(0)).max(500).optional(),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();
const ImprovementBody = z
  .object({
    issue: z.string().trim().min(1, 'name the issue or area for improvement').max(2000),
    correctiveAction: z.string().trim().max(5000).default(''),
    capabilityElement: z.enum(CAPABILITY_ELEMENTS),
    organisation: z.string().trim().max(200).default(''),
    poc: z.string().trim().max(200).default(''),
    startDate: isoDate,
    completionDate: isoDate,
    status: z.enum(IMPROVEMENT_STATUSES).default('open'),
    objectiveId: optionalId,
    expectedUpdatedAt: z.number().int().optional(),
  })
  .strict();
const ReportFormat = z.enum(REPORT_FORMATS);
/** `?language=ko`: the language to hand the report out in (its frame and the scenario's words); checked against the exercise's languages. */
const LANGUAGE = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "ko"');
const LanguageQuery = () => Query('language', new ZodValidationPipe(LANGUAGE.optional()));
/** The report's own query, in the contract: the report page reads the edition in its interface language. */
const ReportQuery = z.object({ language: LANGUAGE.optional() }).strict();
/** A client that asks for no cached copy (`Cache-Control: no-cache`) gets a report built from the database alone. */
const noCache = (header: string | undefined) => /\bno-cache\b/i.test(header ?? '');
/** Where the time went (browser developer tools show it): read (log and responses overlap inside it), build, serialise. */
const serverTiming = (t: ReportTiming) =>
  (Object.entries(t) as [string, number][]).map(([k, ms]) => `${k};dur=${ms.toFixed(1)}`).join(', ');
const PlanFormat = z.enum(['pdf', 'markdown', 'json', 'csv']);
const PlayerFormat = z.enum(PLAYER_FORMATS);
/** Whose view hides player names: an observer (when the exercise says so), anyone in presentation mode. */
const namesHiddenFor = (by: UserPrincipal) =>
  anonymousViewRequested() ? ('presentation' as const) : by.role === 'observer' ? ('observer' as const) : undefined;

/** The after-action report of an exercise: live draft while it runs, final once it ends. */
@ApiTags('reports')
@Controller('exercises/:id')
export class ReportsController {
  constructor(
    private readonly data: ReportData,
    private readonly edits: ReportEdits,
  ) {}

  /** `Cache-Control: no-cache` rebuilds it from the database alone, keeping nothing from earlier requests. */
  @Get('report')
  @Roles(...FULL)
  @ApiIdParam('id')
  @ApiJsonBody<AfterActionReport>()
  @ApiZodQuery('language', LANGUAGE)
  async report(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodQuery(ReportQuery) { language }: z.infer<typeof ReportQuery>,
    @Headers('cache-control') cacheControl: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    const { json, timing, etag } = await this.data.fullJson(id, {
      hideNamesFor: namesHiddenFor(by),
      fresh: noCache(cacheControl),
      language,
    });
    res.setHeader('server-timing', serverTiming(timing));
    // always revalidate; a final report the reader already holds costs a 304, not megabytes
    res.setHeader('cache-control', 'private, no-cache');
    if (etag) {
      res.setHeader('etag', etag);
      if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) {
        res.status(304);
        return undefined;
      }
    }
    return new StreamableFile(json, { type: 'application/json; charset=utf-8', length: json.length });
  }

  @Get('report/export/:format')
  @Roles(...FULL)
  @ApiIdParam('id')
  @ApiIdParam('format')
  @ApiZodQuery('language', LANGUAGE)
  async export(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @Param('format', new ZodValidationPipe(ReportFormat)) format: z.infer<typeof ReportFormat>,
    @Headers('cache-control') cacheControl: string | undefined,
    @LanguageQuery() language: string | undefined,
  ): Promise<StreamableFile> {
    const opts = { hideNamesFor: namesHiddenFor(by), fresh: noCache(cacheControl), language };
    const t = await this.data.messagesFor(id, language);
    if (format === 'json') {
      const { report, json } = await this.data.fullJson(id, opts);
      return download(
        json,
        'application/json; charset=utf-8',
        `${fileBase(report)}${t.language === 'en' ? '' : `-${t.language}`}.json`,
      );
    }
    return exportReport(await this.data.full(id, opts), format, t);
  }

  /** What a team will see: staff preview of the player edition. */
  @Get('report/player/:teamId')
  @Roles(...FULL)
  @ApiIdParam('id')
  @ApiIdParam('teamId')
  @ApiZodQuery('language', LANGUAGE)
  player(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('teamId') teamId: string,
    @LanguageQuery() language: string | undefined,
  ) {
    // an observer of an exercise with hidden player identities sees no names here either
    return this.data.player(id, teamId, { hideNamesFor: namesHiddenFor(by), language });
  }

  @Get('report/player/:teamId/export/:format')
  @Roles(...FULL)
  @ApiIdParam('id')
  @ApiIdParam('teamId')
  @ApiIdParam('format')
  @ApiZodQuery('language', LANGUAGE)
  async playerExport(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('teamId') teamId: string,
    @Param('format', new ZodValidationPipe(PlayerFormat)) format: z.infer<typeof PlayerFormat>,
    @LanguageQuery() language: string | undefined,
  ): Promise<StreamableFile> {
    const t = await this.data.messagesFor(id, language);
    return exportReport(await this.data.player(id, teamId, { hideNamesFor: namesHiddenFor(by), language }), format, t);
  }

  @Put('report/findings')
  @Roles(...EDIT)
  @ApiIdParam('id')
  @ApiZodBody(FindingsBody)
  findings(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(FindingsBody) body: z.infer<typeof FindingsBody>,
  ) {
    return this.edits.saveFindings(by, id, body.findings);
  }

  @Get('improvement-plan')
  @Roles(...FULL)
  @ApiIdParam('id')
  async plan(@IdParam('id') id: string) {
    return (await this.edits.plan(id)).items;
  }

  @Get('improvement-plan/export/:format')
  @Roles(...FULL)
  @ApiIdParam('id')
  @ApiIdParam('format')
  @ApiZodQuery('language', LANGUAGE)
  async planExport(
    @IdParam('id') id: string,
    @Param('format', new ZodValidationPipe(PlanFormat)) format: z.infer<typeof PlanFormat>,
    @LanguageQuery() language: string | undefined,
  ): Promise<StreamableFile> {
    const { exerciseName, items } = await this.edits.plan(id);
    const ex = await this.data.exercise(id);
    const lang = reportLanguageFor(ex.snapshot, language);
    const t = reportMessages(lang);
    const objectives = new Map(
      ex.snapshot.objectives.map((o) => [
        o.id,
        ex.snapshot.translations?.[lang]?.pack.objectives?.[o.id]?.text ?? o.text,
      ]),
    );
    const base = `improvement-plan-${exerciseName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60)}${t.language === 'en' ? '' : `-${t.language}`}`;
    switch (format) {
      case 'pdf':
        return download(await improvementPlanPdf(exerciseName, items, t), 'application/pdf', `${base}.pdf`);
      case 'markdown':
        return download(
          `# ${t.planTitle(exerciseName)}\n\n${improvementPlanMarkdown(items, objectives, t)}\n`,
          'text/markdown; charset=utf-8',
          `${base}.md`,
        );
      case 'json':
        return download(
          JSON.stringify({ schema: 'cyber-ttx/improvement-plan', version: 1, exerciseId: id, exerciseName, items }),
          'application/json; charset=utf-8',
          `${base}.json`,
        );
      case 'csv':
        return download(improvementPlanCsv(items, t), 'text/csv; charset=utf-8', `${base}.csv`);
    }
  }

  @Post('improvement-plan')
  @Roles(...EDIT)
  @ApiIdParam('id')
  @ApiZodBody(ImprovementBody)
  add(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(ImprovementBody) body: z.infer<typeof ImprovementBody>,
  ) {
    return this.edits.addItem(by, id, body);
  }

  @Put('improvement-plan/:itemId')
  @Roles(...EDIT)
  @ApiIdParam('id')
  @ApiIdParam('itemId')
  @ApiZodBody(ImprovementBody)
  update(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('itemId') itemId: string,
    @ZodBody(ImprovementBody) body: z.infer<typeof ImprovementBody>,
  ) {
    return this.edits.updateItem(by, id, itemId, body);
  }

  @Delete('improvement-plan/:itemId')
  @HttpCode(204)
  @Roles(...EDIT)
  @ApiIdParam('id')
  @ApiIdParam('itemId')
  async remove(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('itemId') itemId: string,
  ): Promise<void> {
    await this.edits.deleteItem(by, id, itemId);
  }

  @Get('hotwash')
  @Roles(...FULL)
  @ApiIdParam('id')
  async hotwash(@IdParam('id') id: string) {
    return (await this.data.full(id)).hotwash;
  }
}
