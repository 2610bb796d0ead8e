import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { Channel, duration } from '../scenarios/pack/pack-schema.js';
import { ExerciseControl } from './exercise-control.service.js';

const AdhocBody = z
  .object({
    channel: Channel,
    from: z
      .object({
        name: z.string().trim().min(1).max(200),
        address: z.string().max(200).optional(),
        organisation: z.string().max(200).optional(),
      })
      .strict(),
    subject: z.string().trim().min(1).max(300),
    body: z.string().min(1).max(50_000),
    to: z.union([z.literal('all'), z.array(z.string().min(1).max(80)).min(1)]),
    at: z.number().int().min(0).optional(),
    respondWithin: duration.optional(),
  })
  .strict();
const TextBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(20_000) }).strict();
const SettingsBody = z.object({ observerAnonymous: z.boolean() }).strict();
const STEER = ['admin', 'instructor', 'facilitator'] as const;
const WATCH = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'] as const;

/** The control room's tools besides the clock. */
@ApiTags('exercises')
@Controller('exercises/:id')
export class ExerciseControlController {
  constructor(private readonly control: ExerciseControl) {}

  @Post('adhoc-injects')
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiZodBody(AdhocBody)
  adhoc(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(AdhocBody) body: z.infer<typeof AdhocBody>,
  ) {
    return this.control.createAdhoc(by, id, body);
  }

  @Post('journal')
  @HttpCode(201)
  @Roles('admin', 'instructor', 'facilitator', 'evaluator')
  @ApiIdParam('id')
  @ApiZodBody(TextBody)
  journal(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(TextBody) body: z.infer<typeof TextBody>,
  ) {
    return this.control.journal(by, id, body.text);
  }

  @Post('settings')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiZodBody(SettingsBody)
  settings(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(SettingsBody) body: z.infer<typeof SettingsBody>,
  ) {
    return this.control.settings(by, id, body);
  }

  @Get('status-grid')
  @Roles(...WATCH)
  @ApiIdParam('id')
  statusGrid(@IdParam('id') id: string) {
    return this.control.statusGrid(id);
  }
}
