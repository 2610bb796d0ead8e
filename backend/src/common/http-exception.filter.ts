import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind } from './domain-error.js';

const STATUS: Record<DomainErrorKind, number> = {
  'bad-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
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

    if (exception instanceof DomainError) {
      body = { statusCode: STATUS[exception.kind], code: exception.code, message: exception.message, correlationId };
      if (exception.details !== undefined) body.details = exception.details;
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const extra = typeof response === 'object' ? (response as Record<string, unknown>) : {};
      const message = typeof response === 'string' ? response : typeof extra.message === 'string' ? extra.message : Array.isArray(extra.message) ? extra.message.join('; ') : exception.message;
      body = {
        ...extra,
        statusCode: status,
        code: typeof extra.code === 'string' ? extra.code : httpCode(status),
        message,
        correlationId,
      };
      delete body.error;
    } else if (isBodyParserError(exception)) {
      body = { statusCode: exception.status, code: exception.type ?? 'bad-request', message: exception.message, correlationId };
    } else {
      this.logger.error({ correlationId, err: exception instanceof Error ? { message: exception.message, stack: exception.stack } : exception }, 'unhandled error');
      body = { statusCode: 500, code: 'internal-error', message: 'Internal error; quote the correlation id when reporting it', correlationId };
    }
    if (body.statusCode >= 500 && body.code !== 'internal-error') this.logger.warn({ correlationId, code: body.code }, body.message);
    res.status(body.statusCode).json(body);
  }
}

function httpCode(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
}

function isBodyParserError(e: unknown): e is { status: number; type?: string; message: string } {
  return typeof e === 'object' && e !== null && 'status' in e && typeof (e).status === 'number' && (e as { status: number }).status >= 400 && (e as { status: number }).status < 500 && 'message' in e;
}
