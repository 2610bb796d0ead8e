import { Controller, Get, HttpCode, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, ApiZodQuery, IdParam, ZodBody, ZodQuery } from '../common/api-zod.js';
import { sendImage } from '../scenarios/images/send-image.js';
import { MAX_IMAGE_BYTES } from '../scenarios/pack/pack-images.js';
import {
  DryRunBody,
  FormatQuery,
  ImageUploadQuery,
  MselQuery,
  OpenAevQuery,
  PackSourceBody,
  packInput,
  startEpoch,
  ToolImportQuery,
} from './authoring-schemas.js';
import { DryRunService } from './dry-run/dry-run.service.js';
import { MselService, type MselRequest } from './msel/msel.service.js';
import { OpenAevService } from './openaev/openaev.service.js';
import { PackAuthoringService } from './packs/pack-authoring.service.js';
import { readRawBody } from './raw-body.js';
import { ToolImportService } from './tool-exports/tool-import.service.js';

const AUTHORS = ['admin', 'instructor'] as const;
const UPLOAD_LIMIT = 20 * 1024 * 1024;

const attachment = (res: Response, fileName: string, contentType: string) => {
  res.setHeader('content-type', contentType);
  res.setHeader('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
};

/** Aborted when the client stops waiting for the answer (it closed the request before the answer was sent). */
function requestGone(req: Request): AbortSignal {
  const ctrl = new AbortController();
  req.res?.once('close', () => {
    if (!req.res?.writableFinished) ctrl.abort();
  });
  return ctrl.signal;
}

const mselRequest = (q: MselQuery): MselRequest => ({
  fileName: q.fileName,
  sheet: q.sheet,
  headerRow: q.headerRow,
  mapping: q.mapping,
  start: startEpoch(q.start),
  packId: q.packId,
  title: q.title,
  defaultChannel: q.defaultChannel,
  channelMap: q.channelMap,
  strict: q.strict,
});

/** Scenario authoring: validate and save packs, MSEL and OpenAEV import/export, dry runs. */
@ApiTags('authoring')
@Controller('authoring')
@Roles(...AUTHORS)
export class AuthoringController {
  constructor(
    private readonly packs: PackAuthoringService,
    private readonly msel: MselService,
    private readonly openaev: OpenAevService,
    private readonly tools: ToolImportService,
    private readonly dryRuns: DryRunService,
  ) {}

  /** Every error of a pack with its file, line, column and field; never saves. */
  @Post('packs/validate')
  @HttpCode(200)
  @ApiZodBody(PackSourceBody)
  validate(
    @CurrentPrincipal() by: UserPrincipal,
    @Req() req: Request,
    @ZodBody(PackSourceBody) body: z.infer<typeof PackSourceBody>,
  ) {
    // the editor aborts a validation when its text changes: a waiting one is then dropped
    return this.packs.validate(packInput(body), body.images, { owner: by.userId, signal: requestGone(req) });
  }

  /** Save as a new version of the pack (its id is in the YAML); running exercises keep their snapshot. */
  @Post('packs')
  @ApiZodBody(PackSourceBody)
  save(@CurrentPrincipal() by: UserPrincipal, @ZodBody(PackSourceBody) body: z.infer<typeof PackSourceBody>) {
    return this.packs.save(packInput(body), 'editor', body.images, { owner: by.userId });
  }

  /** A pack zip (pack.yaml, injects/*.yaml, images) as the raw request body. */
  @Post('packs/import')
  async importZip(@CurrentPrincipal() by: UserPrincipal, @Req() req: Request) {
    return this.packs.importZip(await readRawBody(req, UPLOAD_LIMIT), { owner: by.userId });
  }

  @Get('packs/:id/source')
  @ApiIdParam('id')
  async source(@IdParam('id') id: string): Promise<{ yaml: string }> {
    return this.packs.editorSource(id);
  }

  /** The images this version holds (path, sha256, type, size), to carry into the next version. */
  @Get('packs/:id/images')
  @ApiIdParam('id')
  images(@IdParam('id') id: string) {
    return this.packs.listImages(id);
  }

  /** An image for an artifact as the raw body (PNG, JPEG, GIF or WebP, checked by content); refer to it by the sha256 returned. */
  @Post('images')
  @ApiZodQuery('fileName', ImageUploadQuery.shape.fileName)
  async uploadImage(@Req() req: Request, @ZodQuery(ImageUploadQuery) q: z.infer<typeof ImageUploadQuery>) {
    return this.packs.uploadImage(q.fileName, await readRawBody(req, MAX_IMAGE_BYTES + 1));
  }

  /** An uploaded or stored image, for the editor's preview. */
  @Get('images/:sha256')
  @ApiIdParam('sha256')
  async image(@IdParam('sha256') sha256: string, @Res({ passthrough: true }) res: Response) {
    const { contentType, data } = await this.packs.imageBytes(sha256);
    sendImage(res, contentType);
    return new StreamableFile(data);
  }

  @Get('packs/:id/export.yaml')
  @ApiIdParam('id')
  async exportYaml(@IdParam('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { fileName, yaml } = await this.packs.exportYaml(id);
    attachment(res, fileName, 'application/yaml; charset=utf-8');
    return new StreamableFile(Buffer.from(yaml, 'utf8'));
  }

  @Get('packs/:id/export.zip')
  @ApiIdParam('id')
  async exportZip(@IdParam('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { fileName, zip, missingImages } = await this.packs.exportZip(id);
    attachment(res, fileName, 'application/zip');
    if (missingImages.length) res.setHeader('x-missing-images', missingImages.join(',').slice(0, 2000));
    return new StreamableFile(zip);
  }

  @Get('packs/:id/msel')
  @ApiIdParam('id')
  @ApiZodQuery('format', FormatQuery.shape.format)
  async exportMsel(
    @IdParam('id') id: string,
    @ZodQuery(FormatQuery) q: z.infer<typeof FormatQuery>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const out = await this.msel.export(id, q.format);
    attachment(res, out.fileName, out.contentType);
    return new StreamableFile(out.data);
  }

  /** Dry-run preview of an MSEL (raw CSV or XLSX body): what each row becomes, every row-level problem; saves nothing. */
  @Post('msel/preview')
  @HttpCode(200)
  async mselPreview(@Req() req: Request, @ZodQuery(MselQuery) q: MselQuery) {
    return this.msel.preview(await readRawBody(req, UPLOAD_LIMIT), mselRequest(q));
  }

  @Post('msel/import')
  async mselImport(@Req() req: Request, @ZodQuery(MselQuery) q: MselQuery) {
    return this.msel.import(await readRawBody(req, UPLOAD_LIMIT), mselRequest(q));
  }

  /** An OpenAEV/OpenBAS scenario export (zip or bare JSON) as the raw body: the pack it makes and an import report. */
  @Post('openaev/preview')
  @HttpCode(200)
  async openAevPreview(@Req() req: Request, @ZodQuery(OpenAevQuery) q: z.infer<typeof OpenAevQuery>) {
    return this.openaev.preview(await readRawBody(req, UPLOAD_LIMIT), q.packId);
  }

  @Post('openaev/import')
  async openAevImport(@Req() req: Request, @ZodQuery(OpenAevQuery) q: z.infer<typeof OpenAevQuery>) {
    return this.openaev.import(await readRawBody(req, UPLOAD_LIMIT), q.packId);
  }

  /** An IcebergTTX scenario or a ttx-community timeline export (JSON) as the raw body: the pack it makes and an import report. */
  @Post('tool-import/preview')
  @HttpCode(200)
  async toolPreview(@Req() req: Request, @ZodQuery(ToolImportQuery) q: z.infer<typeof ToolImportQuery>) {
    return this.tools.preview(await readRawBody(req, UPLOAD_LIMIT), q);
  }

  @Post('tool-import/import')
  async toolImport(@Req() req: Request, @ZodQuery(ToolImportQuery) q: z.infer<typeof ToolImportQuery>) {
    return this.tools.import(await readRawBody(req, UPLOAD_LIMIT), q);
  }

  /** Rehearse a pack on the real engine at ×60–×600 with simulated teams; poll the run for progress and the report. */
  @Post('dry-runs')
  @ApiZodBody(DryRunBody)
  dryRun(@CurrentPrincipal() by: UserPrincipal, @ZodBody(DryRunBody) body: z.infer<typeof DryRunBody>) {
    return this.dryRuns.start(by, body.packId, body.speed);
  }

  @Get('dry-runs/:id')
  @ApiIdParam('id')
  dryRunStatus(@IdParam('id') id: string) {
    return this.dryRuns.get(id);
  }
}
