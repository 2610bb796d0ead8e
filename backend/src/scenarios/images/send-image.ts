import type { Response } from 'express';

/**
 * Headers for a pack image: its checked type, no sniffing, and a sandbox so that even a file that
 * slipped past the checks could never run as a page. Private: images can be exercise material.
 */
export function sendImage(res: Response, contentType: string, cache = 'private, max-age=300'): void {
  res.setHeader('content-type', contentType);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', "default-src 'none'; sandbox");
  res.setHeader('cache-control', cache);
}
