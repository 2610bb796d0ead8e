import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { preflight } from './bootstrap/redis-check.js';
import { withContractBodies } from './bootstrap/api-docs.js';
import { RedisIoAdapter } from './bootstrap/redis-io.adapter.js';
import { serveFrontend } from './bootstrap/serve-frontend.js';
import { SocketProcessHost } from './bootstrap/socket-handoff.js';
import { AllExceptionsFilter } from './common/http-exception.filter.js';
import { RedisRequiredGuard } from './common/redis-required.guard.js';
import { RedisStatus } from './health/redis-status.js';
import { anonymousView } from './common/anonymous-view.js';
import { correlationId } from './common/correlation-id.js';
import { sameOriginWrites } from './common/origin-check.js';
import { PinoLogger } from './common/pino-logger.js';
import type { AppConfig } from './config/app-config.js';

/** Largest JSON body accepted; a bigger one gets 413 naming the limit. */
export const JSON_BODY_LIMIT = '1mb';

/**
 * Security headers and a content security policy with no inline or remote scripts: the SPA and
 * the API docs load only their own files (the app makes no outbound calls). Inline *styles* stay
 * allowed because Mantine sets style attributes and injects its CSS variables. No
 * upgrade-insecure-requests: classroom and air-gapped installs often serve plain HTTP on an address.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
}

export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  const logger = new PinoLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forApi(config), { logger, bodyParser: false });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // X-Forwarded-* only from the proxies TRUST_PROXY names: otherwise any client could choose the
  // address the rate limits count
  app.set('trust proxy', config.trustProxy);
  app.use(correlationId);
  app.use(securityHeaders());
  app.use(sameOriginWrites(config.allowedOrigins));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(cookieParser());
  app.use(anonymousView);
  // API answers hold a team's inbox or a drill's report: no shared proxy or browser cache keeps
  // them (a route that wants revalidation, like the final report with its ETag, sets its own)
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalGuards(new RedisRequiredGuard(app.get(RedisStatus, { strict: false })));
  if (config.sockets === 'inline') app.useWebSocketAdapter(new RedisIoAdapter(app, config));
  // SOCKETS=process: a second process holds the sockets (and exits with this one)
  else new SocketProcessHost(app.getHttpServer()).start();
  // request and response bodies come from the generated contract (Nest's scan only sees the routes)
  const doc = withContractBodies(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Cyber TTX API')
        .setVersion('0.1.0')
        .addBearerAuth()
        .addCookieAuth('ttx_session')
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  serveFrontend(app.getHttpAdapter().getInstance(), config.frontendDist);
  return app;
}

async function main(): Promise<void> {
  const config = await preflight();
  const app = await createApi(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  process.stdout.write(
    `\nCyber TTX is running: ${url.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost')}  (API docs: /api/docs, health: /api/health)\n\n`,
  );
}

void main();
