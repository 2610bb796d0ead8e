import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, ApiZodQuery, IdParam, ZodBody, ZodQuery } from '../common/api-zod.js';
import { MAX_SPEED, MIN_SPEED } from '../scheduling/exercise-clock.js';
import { ExerciseLifecycle } from './exercise-lifecycle.service.js';
import { ExerciseQueries } from './exercise-queries.service.js';

const CreateExerciseBody = z
  .object({ packId: z.string().min(1).max(80), name: z.string().trim().min(1).max(200).optional() })
  .strict();
const StartBody = z
  .object({ at: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).optional() })
  .strict()
  .default({});
const SpeedBody = z
  .object({
    speed: z.number().min(MIN_SPEED, `must be at least ${MIN_SPEED}`).max(MAX_SPEED, `must be at most ${MAX_SPEED}`),
  })
  .strict();
const EventsQuery = z.object({ after: z.coerce.number().int().min(0).default(0) }).strict();

const STEER = ['admin', 'instructor', 'facilitator'] as const;
const CONTROL = ['admin', 'instructor', 'facilitator', 'evaluator'] as const;
const WATCH = [...CONTROL, 'observer'] as const;

@ApiTags('exercises')
@Controller('exercises')
export class ExercisesController {
  constructor(
    private readonly lifecycle: ExerciseLifecycle,
    private readonly queries: ExerciseQueries,
  ) {}

  @Get()
  @Roles(...WATCH)
  list() {
    return this.queries.list();
  }

  @Post()
  @Roles('admin', 'instructor', 'facilitator')
  @ApiZodBody(CreateExerciseBody)
  async create(
    @CurrentPrincipal() by: UserPrincipal,
    @ZodBody(CreateExerciseBody) body: z.infer<typeof CreateExerciseBody>,
  ) {
    const e = await this.lifecycle.create(by, body);
    return this.queries.detail(by, e.id);
  }

  @Get(':id')
  @Roles(...WATCH)
  @ApiIdParam('id')
  detail(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string) {
    return this.queries.detail(by, id);
  }

  @Get(':id/timeline')
  @Roles(...WATCH)
  @ApiIdParam('id')
  timeline(@IdParam('id') id: string) {
    return this.queries.timeline(id);
  }

  @Get(':id/deliveries')
  @Roles(...WATCH)
  @ApiIdParam('id')
  deliveries(@IdParam('id') id: string) {
    return this.queries.deliveries(id);
  }

  @Get(':id/events')
  @Roles(...CONTROL)
  @ApiIdParam('id')
  @ApiZodQuery('after', z.number().int().min(0))
  events(@IdParam('id') id: string, @ZodQuery(EventsQuery) q: z.infer<typeof EventsQuery>) {
    return this.queries.eventLog(id, q.after);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiZodBody(StartBody)
  async start(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(StartBody) body: z.infer<typeof StartBody>,
  ) {
    const at = body.at === undefined ? undefined : typeof body.at === 'number' ? body.at : Date.parse(body.at);
    await this.lifecycle.start(by, id, at);
    return this.queries.detail(by, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  async pause(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string) {
    await this.lifecycle.pause(by, id);
    return this.queries.detail(by, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  async resume(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string) {
    await this.lifecycle.resume(by, id);
    return this.queries.detail(by, id);
  }

  @Post(':id/speed')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiZodBody(SpeedBody)
  async speed(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(SpeedBody) body: z.infer<typeof SpeedBody>,
  ) {
    await this.lifecycle.setSpeed(by, id, body.speed);
    return this.queries.detail(by, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  async end(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string) {
    await this.lifecycle.end(by, id);
    return this.queries.detail(by, id);
  }

  @Post(':id/injects/:injectId/fire')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiIdParam('injectId')
  fire(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string, @IdParam('injectId') injectId: string) {
    return this.lifecycle.fireNow(by, id, injectId);
  }

  @Post(':id/injects/:injectId/skip')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiIdParam('injectId')
  skip(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string, @IdParam('injectId') injectId: string) {
    return this.lifecycle.skip(by, id, injectId);
  }
}
