import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind, type ErrorParams } from './domain-error.js';
import type { ApiErrorBody } from './error-body.js';
import type { FieldProblem } from './zod-validation.pipe.js';
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

type ErrorBody = ApiErrorBody & { [extra: string]: unknown };

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
      body = { ...builtInError(exception, req, res), correlationId };
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
    if (body.statusCode >= 500 && (body.code !== 'internal-error' || exception instanceof HttpException))
      this.logger.warn({ correlationId, code: body.code }, body.message);
    res.status(body.statusCode).json(body);
  }
}

/**
 * Nest's and Express's own refusals carry no code of ours: each status gets a stable code the
 * interface words in the reader's language (`errors.<code>` in common.json).
 */
const BUILT_IN: Partial<Record<number, { code: string }>> = {
  400: { code: 'bad-request' },
  401: { code: 'unauthorized' },
  403: { code: 'forbidden' },
  404: { code: 'not-found' },
  405: { code: 'method-not-allowed' },
  406: { code: 'not-acceptable' },
  408: { code: 'request-timeout' },
  409: { code: 'conflict' },
  410: { code: 'gone' },
  412: { code: 'precondition-failed' },
  413: { code: 'payload-too-large' },
  415: { code: 'unsupported-media-type' },
  422: { code: 'unprocessable-entity' },
  429: { code: 'too-many-requests' },
  500: { code: 'internal-error' },
  501: { code: 'not-implemented' },
  502: { code: 'bad-gateway' },
  503: { code: 'service-unavailable' },
  504: { code: 'gateway-timeout' },
};

/** An HttpException (Nest's, or ours with a code such as `validation-failed`) as the answer's body. */
function builtInError(
  exception: HttpException,
  req: Request,
  res: Response,
): Omit<ApiErrorBody, 'correlationId'> & Record<string, unknown> {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const extra = typeof response === 'object' ? { ...(response as Record<string, unknown>) } : {};
  delete extra.error;
  delete extra.statusCode;
  const message =
    typeof response === 'string'
      ? response
      : typeof extra.message === 'string'
        ? extra.message
        : Array.isArray(extra.message)
          ? extra.message.join('; ')
          : exception.message;
  if (typeof extra.code === 'string') {
    // a JSON route sent a body no parser read (text/plain, a form…): the type is wrong, not the fields
    // (the body schema found no body at all; a query's problems on an upload route are not this)
    const noBody =
      extra.code === 'validation-failed' &&
      Array.isArray(extra.problems) &&
      (extra.problems as FieldProblem[]).some((p) => p.path.length === 0 && p.params.received === 'undefined');
    const unread = noBody ? unreadBodyType(req) : undefined;
    if (unread !== undefined)
      return {
        statusCode: 415,
        code: 'body.unsupported-type',
        params: { type: unread },
        message: `This request takes a JSON body (content-type application/json), not ${unread}`,
      };
    return { ...extra, statusCode: status, code: extra.code, message };
  }
  // the router's 404 for an address no route answers (`Cannot GET /api/nope`)
  const route = /^Cannot ([A-Z]+) (\S+)$/.exec(message);
  if (status === 404 && route)
    return {
      statusCode: 404,
      code: 'route.not-found',
      params: { method: route[1] ?? '', path: (route[2] ?? '').split('?')[0] ?? '' },
      message: `No such address: ${route[1]} ${route[2]?.split('?')[0]} (the page may be older than the server: reload it)`,
    };
  const code = BUILT_IN[status]?.code ?? (status >= 500 ? 'internal-error' : 'http-error');
  if (status === 429) {
    // a limiter in front of the handler (a throttler) may have said how long to wait
    const wait = retryAfterSeconds(res.getHeader('retry-after'));
    return {
      statusCode: 429,
      code,
      ...(wait !== undefined ? { params: { retryAfterSeconds: wait }, retryAfterSeconds: wait } : {}),
      message: `Too many requests${wait !== undefined ? `; try again in ${wait} seconds` : '; wait a moment and try again'}`,
    };
  }
  return {
    statusCode: status,
    code,
    ...(code === 'http-error' ? { params: { status } } : {}),
    message: message || (HttpStatus[status] ?? 'Error'),
  };
}

/** The content type of a request body that was sent but that no parser read (undefined when none). */
function unreadBodyType(req: Request): string | undefined {
  const sent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!sent || req.body !== undefined) return undefined;
  return (req.headers['content-type'] ?? 'no content type').split(';')[0]?.trim() || 'no content type';
}

/** Retry-After in seconds (a number of seconds or an HTTP date); undefined when absent or unreadable. */
function retryAfterSeconds(header: number | string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - Date.now()) / 1000));
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
  charset?: string;
  encoding?: string;
}

/** body-parser's refusals (raw-body's `type`), each with a code of ours. */
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
    case 'charset.unsupported':
      return {
        code: 'body.unsupported-charset',
        params: { charset: e.charset ?? '' },
        message: `The request body's charset is not supported: ${e.message} (send UTF-8)`,
      };
    case 'encoding.unsupported':
      return {
        code: 'body.unsupported-encoding',
        params: { encoding: e.encoding ?? '' },
        message: `The request body's content encoding is not supported: ${e.message} (send gzip, deflate, br or none)`,
      };
    case 'request.aborted':
      return { code: 'body.aborted', message: 'The request body stopped before its end (the upload was interrupted)' };
    case 'request.size.invalid':
      return {
        code: 'body.size-mismatch',
        message: 'The request body is not as long as its Content-Length says',
      };
    default:
      return { code: 'body.unreadable', message: `The request body could not be read: ${e.message}` };
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
    // raw-body's errors have a `type`; a broken compressed body is zlib's error made a 400 by http-errors
    (('type' in e && typeof e.type === 'string') || ('expose' in e && e.expose === true)) &&
    'status' in e &&
    typeof e.status === 'number' &&
    (e as { status: number }).status >= 400 &&
    (e as { status: number }).status < 500 &&
    'message' in e
  );
}
