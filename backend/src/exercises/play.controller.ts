import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Players, Public } from '../auth/access.decorators.js';
import { setSessionCookie } from '../auth/auth.controller.js';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { TokenService } from '../auth/token.service.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ExerciseQueries } from './exercise-queries.service.js';
import { ParticipantsService } from './participants.service.js';

const JoinBody = z
  .object({
    code: z.string().trim().min(4).max(20),
    displayName: z
      .string()
      .trim()
      .min(1, 'enter the name your team will see')
      .max(60)
      .regex(/^[^<>\p{Cc}]+$/u, 'may not contain < > or control characters'),
  })
  .strict();

/** The player side: join with a code, then read what reached your own team. */
@ApiTags('play')
@Controller()
export class PlayController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly queries: ExerciseQueries,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('join')
  @HttpCode(200)
  @Public()
  @ApiZodBody(JoinBody)
  async join(@ZodBody(JoinBody) body: z.infer<typeof JoinBody>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const principal = await this.participants.join(body.code, body.displayName);
    const token = await this.tokens.sign(principal);
    setSessionCookie(res, req, token, this.config);
    return { token, ...(await this.queries.playerSession(principal)) };
  }

  @Get('play/session')
  @Players()
  session(@CurrentPrincipal() p: ParticipantPrincipal) {
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
}
