import type { Request } from 'express';
import { badInput } from '../common/domain-error.js';

/**
 * Uploads (zips, spreadsheets, exports) arrive as the raw request body: the app's JSON parser
 * stops at 1 MiB, and a file is not JSON. The stream is read here with a hard size limit, so an
 * oversized upload is refused as it arrives instead of after it filled memory.
 */
export async function readRawBody(req: Request, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(declared, limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > limitBytes) {
      req.destroy();
      throw tooLarge(size, limitBytes);
    }
    chunks.push(buf);
  }
  const body = Buffer.concat(chunks);
  if (body.length === 0) throw badInput('upload.empty', 'The upload is empty: send the file as the request body (content-type application/octet-stream)');
  return body;
}

const tooLarge = (size: number, limit: number) =>
  badInput('upload.too-large', `The upload is ${size} bytes or more; the limit is ${Math.round(limit / 1024 / 1024)} MiB`);
