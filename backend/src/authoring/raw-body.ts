import type { Request } from 'express';
import { badInput, DomainError } from '../common/domain-error.js';

/**
 * How much of an oversized upload is still read (and thrown away) after the 413 is decided, so the
 * client, still sending, receives the answer instead of a reset connection. Past this the
 * connection is cut: nobody streams gigabytes at the server for free.
 */
const DISCARD_AFTER_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Uploads (zips, spreadsheets, exports) arrive as the raw request body: the app's JSON parser
 * stops at 1 MiB, and a file is not JSON. The stream is read here with a hard size limit, so an
 * oversized upload is refused as it arrives (with or without a Content-Length, e.g. chunked)
 * instead of after it filled memory: 413 naming the limit. Nothing past the limit is kept.
 */
export function readRawBody(req: Request, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  // Node reads and discards the unread body once the answer is sent (keep-alive stays usable)
  if (Number.isFinite(declared) && declared > limitBytes)
    return Promise.reject(tooLarge(declared, limitBytes, 'declared'));
  // already read to the end (a JSON content type: the JSON parser took the body), so no 'end' will come
  if (req.readableEnded)
    return Promise.reject(
      badInput(
        'upload.empty',
        `The upload is empty: send the file itself as the request body with content-type application/octet-stream (this one was sent as ${req.headers['content-type'] ?? 'no content type'})`,
      ),
    );
  return new Promise<Buffer>((resolve, reject) => {
    // With a declared length, each chunk is copied into place as it arrives: no single large copy
    // blocks the event loop at the end. Without one (chunked), the chunks are joined at the end.
    let whole = Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafeSlow(declared) : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    let discarded = 0;
    const onData = (chunk: Buffer | string) => {
      const length = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (refused) {
        // keep reading (and dropping) so the 413 reaches a client that is still sending
        discarded += length;
        if (discarded > DISCARD_AFTER_LIMIT_BYTES) req.destroy();
        return;
      }
      size += length;
      if (size > limitBytes) {
        refused = true;
        chunks.length = 0;
        whole = undefined;
        reject(tooLarge(size, limitBytes, 'received'));
        return;
      }
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (whole && size > whole.length) {
        // more than declared (the HTTP parser should never let this happen): join chunks instead
        chunks.push(whole.subarray(0, size - length));
        whole = undefined;
      }
      if (whole) bytes.copy(whole, size - length);
      else chunks.push(bytes);
    };
    req.on('data', onData);
    req.once('error', (e) => {
      if (!refused) reject(e);
    });
    req.once('end', () => {
      if (refused) return;
      const body = whole ? (size === whole.length ? whole : whole.subarray(0, size)) : Buffer.concat(chunks);
      if (body.length === 0)
        reject(
          badInput(
            'upload.empty',
            'The upload is empty: send the file as the request body (content-type application/octet-stream)',
          ),
        );
      else resolve(body);
    });
  });
}

const tooLarge = (size: number, limit: number, how: 'declared' | 'received') =>
  new DomainError(
    'too-large',
    'upload.too-large',
    `The upload is too large: ${how === 'declared' ? `it declares ${size} bytes` : `more than ${limit} bytes arrived`}; the limit is ${Math.round(limit / 1024 / 1024)} MiB`,
    undefined,
    { limitBytes: limit },
  );
