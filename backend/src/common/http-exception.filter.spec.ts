import { type ArgumentsHost, HttpException, ImATeapotException, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { AllExceptionsFilter } from './http-exception.filter.js';

/** What the filter answers for an exception, with the response headers set before it ran. */
function answer(exception: unknown, headers: Record<string, string> = {}) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = {
    headers: { ...headers },
  };
  const res = {
    getHeader: (name: string) => sent.headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  } as unknown as Response;
  const req = { headers: {}, correlationId: 'c-1' } as unknown as Request;
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('Nest’s own refusals get a code of ours', () => {
  it('a 429 from a limiter in front of the handler says when to retry when Retry-After is set', () => {
    const limited = answer(new HttpException('ThrottlerException: Too Many Requests', 429), { 'retry-after': '30' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      code: 'too-many-requests',
      params: { retryAfterSeconds: 30 },
      retryAfterSeconds: 30,
      message: 'Too many requests; try again in 30 seconds',
    });
    const unknownWait = answer(new HttpException('Too Many Requests', 429));
    expect(unknownWait.body).toMatchObject({ code: 'too-many-requests' });
    expect(unknownWait.body).not.toHaveProperty('params');
  });

  it('the router’s 404 is route.not-found; another 404 and an unlisted status keep a stable code', () => {
    expect(answer(new NotFoundException('Cannot DELETE /api/things/1?x=2')).body).toMatchObject({
      code: 'route.not-found',
      params: { method: 'DELETE', path: '/api/things/1' },
    });
    expect(answer(new NotFoundException('gone fishing')).body).toMatchObject({
      code: 'not-found',
      message: 'gone fishing',
    });
    const teapot = answer(new ImATeapotException());
    expect(teapot).toMatchObject({ status: 418, body: { code: 'http-error', params: { status: 418 } } });
    expect(teapot.body?.correlationId).toBe('c-1');
  });
});
