import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Vite names every file under /assets/ by its content hash: a new build means a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files, so it is revalidated on every load. */
const REVALIDATE = 'no-cache';
const OTHER = 'public, max-age=3600';
/** What the build pre-compresses (frontend/vite.config.ts); source maps are left as they are. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

type Encoding = 'br' | 'gzip';

function cacheControlFor(path: string): string {
  if (path.startsWith('/assets/')) return IMMUTABLE;
  if (path.endsWith('.html')) return REVALIDATE;
  return OTHER;
}

/**
 * The coding to send for an Accept-Encoding header: brotli when the client takes it (it is the smaller
 * of the two), else gzip, else none. Honours q-values, `*` and `q=0` refusals.
 */
export function preferredEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(coding, Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: Encoding) => q.get(coding) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

/** Every `.br` and `.gz` the build wrote, as URL paths of the file they encode. */
function precompressed(dist: string): Map<string, Set<Encoding>> {
  const out = new Map<string, Set<Encoding>>();
  for (const f of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    const m = /^(.*)\.(br|gz)$/.exec(f);
    if (!m?.[1] || !existsSync(join(dist, m[1]))) continue;
    const url = '/' + m[1].split(/[\\/]/).join('/');
    const set = out.get(url) ?? new Set<Encoding>();
    set.add(m[2] === 'br' ? 'br' : 'gzip');
    out.set(url, set);
  }
  return out;
}

/**
 * The built SPA on the API's port: static assets, and index.html for client-side routes. Text files are
 * sent pre-compressed (brotli or gzip, written by the build) when the browser accepts it; hashed assets
 * are cached for a year, index.html is revalidated each time.
 */
export function serveFrontend(app: Express, dist: string): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return false;
  const variants = precompressed(dist);

  /** Sends `urlPath` (a file in dist) in the best coding the request accepts; false when there is none to send. */
  const sendEncoded = (req: Request, res: Response, next: NextFunction, urlPath: string): boolean => {
    const have = variants.get(urlPath);
    if (!have) return false;
    const enc = preferredEncoding(req.headers['accept-encoding']);
    if (!enc || !have.has(enc)) return false;
    res.type(extname(urlPath));
    res.setHeader('content-encoding', enc);
    res.setHeader('cache-control', cacheControlFor(urlPath));
    // byte ranges of an encoded body are not what a client asking for ranges of the file expects
    res.sendFile(
      join(dist, urlPath + (enc === 'br' ? '.br' : '.gz')),
      { cacheControl: false, acceptRanges: false },
      (err) => err && next(err),
    );
    return true;
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (COMPRESSIBLE.test(req.path)) res.vary('Accept-Encoding');
    if (!sendEncoded(req, res, next, req.path)) next();
  });
  app.use(
    express.static(dist, {
      index: false,
      cacheControl: false,
      setHeaders: (res, path) =>
        res.setHeader('cache-control', cacheControlFor('/' + relative(dist, path).split(/[\\/]/).join('/'))),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io')) return next();
    // a missing hashed file (a client still running an older build) must fail as a 404, not parse index.html as script
    if (req.path.startsWith('/assets/')) {
      res.status(404).setHeader('cache-control', REVALIDATE);
      res.type('text/plain').send('not found: this file is not part of the current build (reload the page)');
      return;
    }
    res.vary('Accept-Encoding');
    if (sendEncoded(req, res, next, '/index.html')) return;
    res.setHeader('cache-control', REVALIDATE);
    res.sendFile(index);
  });
  return true;
}
