import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind, type ErrorParams } from './domain-error.js';
import { RateLimitedError } from './rate-limited-error.js';

const STATUS: Record<DomainErrorKind, number> = {
  'bad-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
};

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  correlationId: string | undefined;
  [extra: string]: unknown;
}

/** Maps domain and HTTP errors to a clear 4xx; anything else becomes a plain 500 with a correlation id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const correlationId = req.correlationId;
    let body: ErrorBody;

    // body-parser's errors (too large, broken JSON) reach us wrapped in an HttpException by Nest
    const parserError = bodyParserErrorOf(exception);

    if (parserError) {
      body = { statusCode: parserError.status, ...describeBodyParserError(parserError), correlationId };
    } else if (exception instanceof DomainError) {
      body = { statusCode: STATUS[exception.kind], code: exception.code, message: exception.message, correlationId };
      if (exception.details !== undefined) body.details = exception.details;
      if (exception.params !== undefined) body.params = exception.params;
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const extra = typeof response === 'object' ? (response as Record<string, unknown>) : {};
      const message =
        typeof response === 'string'
          ? response
          : typeof extra.message === 'string'
            ? extra.message
            : Array.isArray(extra.message)
              ? extra.message.join('; ')
              : exception.message;
      body = {
        ...extra,
        statusCode: status,
        code: typeof extra.code === 'string' ? extra.code : httpCode(status),
        message,
        correlationId,
      };
      delete body.error;
    } else if (isRedisConnectionError(exception)) {
      body = {
        statusCode: 503,
        code: 'redis.unavailable',
        message:
          'The exercise schedule (Redis) is unreachable right now; try again in a moment — the platform reconnects by itself',
        correlationId,
      };
    } else {
      this.logger.error(
        {
          correlationId,
          err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : exception,
        },
        'unhandled error',
      );
      body = {
        statusCode: 500,
        code: 'internal-error',
        message: 'Internal error; quote the correlation id when reporting it',
        correlationId,
      };
    }
    if (exception instanceof RateLimitedError) {
      res.setHeader('retry-after', String(exception.retryAfterSeconds));
      body.retryAfterSeconds = exception.retryAfterSeconds;
    }
    if (body.statusCode >= 500 && body.code !== 'internal-error')
      this.logger.warn({ correlationId, code: body.code }, body.message);
    res.status(body.statusCode).json(body);
  }
}

function httpCode(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
}

/** ioredis and BullMQ failures that mean "Redis is not there", not a bug. */
function isRedisConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  return (
    e.name === 'MaxRetriesPerRequestError' ||
    /^(Connection is closed|Stream isn't writeable|Reached the max retries per request limit)/.test(e.message) ||
    ((code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT') &&
      /redis|6379/i.test(`${e.message} ${e.stack ?? ''}`))
  );
}

interface BodyParserError {
  status: number;
  type?: string;
  message: string;
  limit?: number;
  length?: number;
}

function describeBodyParserError(e: BodyParserError): { code: string; message: string; params?: ErrorParams } {
  switch (e.type) {
    case 'entity.too.large':
      return {
        code: 'body.too-large',
        ...(e.limit ? { params: { limitBytes: e.limit } } : {}),
        message: `The request body is too large${e.length ? ` (${e.length} bytes)` : ''}: the limit is ${e.limit ?? 'exceeded'} bytes${e.limit ? ` (${Math.round(e.limit / 1024)} KiB)` : ''}`,
      };
    case 'entity.parse.failed':
      return { code: 'body.invalid-json', message: `The request body is not valid JSON: ${e.message}` };
    default:
      return { code: e.type ?? 'bad-request', message: e.message };
  }
}

function bodyParserErrorOf(e: unknown): BodyParserError | undefined {
  if (e instanceof HttpException)
    return isBodyParserError(e.cause) ? { ...e.cause, message: e.cause.message, status: e.getStatus() } : undefined;
  return isBodyParserError(e) ? e : undefined;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return (
    typeof e === 'object' &&
    e !== null &&
    'type' in e &&
    typeof e.type === 'string' &&
    'status' in e &&
    typeof e.status === 'number' &&
    (e as { status: number }).status >= 400 &&
    (e as { status: number }).status < 500 &&
    'message' in e
  );
}
