import { Controller, Get, HttpCode, Inject, Param, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Players, Public } from '../auth/access.decorators.js';
import { originOf, setSessionCookie } from '../auth/session-cookie.js';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { JoinRateLimiter } from '../auth/join-rate-limiter.js';
import { displayName } from '../common/display-name.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { sendImage } from '../scenarios/images/send-image.js';
import { ExerciseQueries } from './exercise-queries.service.js';
import { PlayerImages } from './player-images.service.js';
import { ParticipantsService } from './participants.service.js';
import { languageTag } from '../scenarios/pack/pack-schema.js';

const JoinBody = z
  .object({
    code: z.string().trim().min(4).max(20),
    displayName: displayName(60, 'enter the name your team will see'),
    /** the language to read scenario content in (default: the pack's source language) */
    language: languageTag.optional(),
  })
  .strict();

const LanguageBody = z.object({ language: languageTag }).strict();
const PreviewParams = z.object({
  code: z
    .string()
    .trim()
    .min(4, 'a join code has at least 4 characters')
    .max(20, 'a join code has at most 20 characters'),
});

const ArtifactIndex = z.coerce.number().int().min(0).max(999);

/** The player side: join with a code, then read what reached your own team. */
@ApiTags('play')
@Controller()
export class PlayController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly queries: ExerciseQueries,
    private readonly images: PlayerImages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly joinLimiter: JoinRateLimiter,
  ) {}

  @Post('join')
  @HttpCode(200)
  @Public()
  @ApiZodBody(JoinBody)
  async join(
    @ZodBody(JoinBody) body: z.infer<typeof JoinBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { principal, token } = await this.joinLimiter.attempt(req.ip ?? 'unknown', () =>
      this.participants.join(body.code, body.displayName, originOf(req), body.language),
    );
    setSessionCookie(res, req, token, this.config);
    return { token, ...(await this.queries.playerSession(principal)) };
  }

  /**
   * Which exercise and team a code leads to, for the join page to show before the player submits.
   * Rate-limited with joining itself: a wrong code counts towards the same per-address limit.
   */
  @Get('join/preview/:code')
  @Public()
  @ApiParam({ name: 'code', type: String })
  preview(@Param(new ZodValidationPipe(PreviewParams)) params: z.infer<typeof PreviewParams>, @Req() req: Request) {
    return this.joinLimiter.attempt(req.ip ?? 'unknown', () => this.participants.preview(params.code));
  }

  @Get('play/session')
  @Players()
  session(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.queries.playerSession(p);
  }

  /** The player changes the language they read injects, decisions and options in; answers the session as GET /play/session. */
  @Put('play/language')
  @Players()
  @ApiZodBody(LanguageBody)
  async language(
    @CurrentPrincipal() p: ParticipantPrincipal,
    @ZodBody(LanguageBody) body: z.infer<typeof LanguageBody>,
  ) {
    await this.participants.setLanguage(p, body.language);
    return this.queries.playerSession(p);
  }

  @Get('play/injects')
  @Players()
  injects(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.queries.playerInjects(p);
  }

  @Get('play/injects/:injectId')
  @Players()
  @ApiIdParam('injectId')
  inject(@CurrentPrincipal() p: ParticipantPrincipal, @IdParam('injectId') injectId: string) {
    return this.queries.playerInject(p, injectId);
  }

  /** An image attached to an inject, once that inject has reached the player's team (404 before, and for other teams). */
  @Get('play/injects/:injectId/artifacts/:index')
  @Players()
  @ApiIdParam('injectId')
  @ApiParam({ name: 'index', type: Number })
  async artifact(
    @CurrentPrincipal() p: ParticipantPrincipal,
    @IdParam('injectId') injectId: string,
    @Param('index', new ZodValidationPipe(ArtifactIndex)) index: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { contentType, data } = await this.images.image(p, injectId, index);
    sendImage(res, contentType);
    return new StreamableFile(data);
  }
}
