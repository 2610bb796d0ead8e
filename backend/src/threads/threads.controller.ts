import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Players, Roles } from '../auth/access.decorators.js';
import type { ParticipantPrincipal, UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { ThreadsService } from './threads.service.js';

const slug = z.string().min(1).max(80);
const markdown = z.string().trim().min(1, 'write something first').max(20_000);
const OpenThread = z
  .object({ partyId: slug.optional(), subject: z.string().trim().min(1).max(200), text: markdown })
  .strict();
const PostMessage = z.object({ text: markdown }).strict();
const TextBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(20_000) }).strict();

/** Control's side of requests for information: every team's threads, and replies as a party. */
@ApiTags('exercises')
@Controller('exercises/:id')
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get('threads')
  @Roles('admin', 'instructor', 'facilitator', 'evaluator')
  @ApiIdParam('id')
  threadsOf(@IdParam('id') id: string) {
    return this.threads.exerciseThreads(id);
  }

  @Post('threads/:threadId/messages')
  @Roles('admin', 'instructor', 'facilitator')
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

/** The player's side: the parties it may write to, its team's threads, new requests and replies. */
@ApiTags('play')
@Controller('play')
export class PlayThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get('parties')
  @Players()
  parties(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.threads.parties(p);
  }

  @Get('threads')
  @Players()
  threadList(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.threads.teamThreads(p);
  }

  @Post('threads')
  @Players()
  @ApiZodBody(OpenThread)
  open(@CurrentPrincipal() p: ParticipantPrincipal, @ZodBody(OpenThread) body: z.infer<typeof OpenThread>) {
    return this.threads.open(p, body);
  }

  @Post('threads/:threadId/messages')
  @Players()
  @ApiIdParam('threadId')
  @ApiZodBody(PostMessage)
  post(
    @CurrentPrincipal() p: ParticipantPrincipal,
    @IdParam('threadId') threadId: string,
    @ZodBody(PostMessage) body: z.infer<typeof PostMessage>,
  ) {
    return this.threads.postAsTeam(p, threadId, body.text);
  }
}
