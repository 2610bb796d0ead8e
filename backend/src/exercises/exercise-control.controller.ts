import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, ApiZodQuery, IdParam, ZodBody, ZodQuery } from '../common/api-zod.js';
import { ResponsesService } from '../responses/responses.service.js';
import { Channel, duration } from '../scenarios/pack/pack-schema.js';
import { ThreadsService } from '../threads/threads.service.js';
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

/** the control room's feed: the most recently changed responses, a page at a time */
const FEED_LIMIT = z.coerce.number().int().min(1).max(2000);
const FeedQuery = z.object({ limit: FEED_LIMIT.default(200) }).strict();
const STEER = ['admin', 'instructor', 'facilitator'] as const;
const WATCH = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'] as const;

/** The control room's tools besides the clock. */
@ApiTags('exercises')
@Controller('exercises/:id')
export class ExerciseControlController {
  constructor(
    private readonly control: ExerciseControl,
    private readonly responses: ResponsesService,
    private readonly threads: ThreadsService,
  ) {}

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

  /** The newest `limit` responses by last change (default 200) and how many there are in all; the report has every one. */
  @Get('responses')
  @Roles(...WATCH)
  @ApiIdParam('id')
  @ApiZodQuery('limit', FEED_LIMIT)
  responsesOf(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodQuery(FeedQuery) q: z.infer<typeof FeedQuery>,
  ) {
    return this.responses.exerciseResponses(by, id, q.limit);
  }

  @Get('threads')
  @Roles('admin', 'instructor', 'facilitator', 'evaluator')
  @ApiIdParam('id')
  threadsOf(@IdParam('id') id: string) {
    return this.threads.exerciseThreads(id);
  }

  @Post('threads/:threadId/messages')
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiIdParam('threadId')
  @ApiZodBody(TextBody)
  reply(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('threadId') threadId: string,
    @ZodBody(TextBody) body: z.infer<typeof TextBody>,
  ) {
    return this.threads.replyAsControl(by, id, threadId, body.text);
  }
}
