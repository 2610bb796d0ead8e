import { PassThrough } from 'node:stream';
import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { readRawBody } from './raw-body.js';

/** A request body arriving in chunks, as Node's HTTP server hands it over. */
function request(chunks: Buffer[], headers: Record<string, string>): Request {
  const stream = new PassThrough();
  Object.assign(stream, { headers });
  setImmediate(() => {
    for (const c of chunks) stream.write(c);
    stream.end();
  });
  return stream as unknown as Request;
}

const chunksOf = (data: Buffer, size: number) =>
  Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));

describe('readRawBody', () => {
  const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));

  it('with a declared length, copies each chunk into one buffer that owns its memory (a worker can take it over without a copy)', async () => {
    const body = await readRawBody(
      request(chunksOf(data, 65_536), { 'content-length': String(data.length) }),
      1_000_000,
    );
    expect(body.equals(data)).toBe(true);
    expect(body.byteOffset).toBe(0);
    expect(body.buffer.byteLength).toBe(data.length);
  });

  it('without one (chunked), joins the chunks; a body shorter than declared is what arrived', async () => {
    expect((await readRawBody(request(chunksOf(data, 10_000), {}), 1_000_000)).equals(data)).toBe(true);
    const short = await readRawBody(request([data.subarray(0, 1000)], { 'content-length': '5000' }), 1_000_000);
    expect(short.equals(data.subarray(0, 1000))).toBe(true);
  });

  it('refuses more than the limit as it arrives, declared or not', async () => {
    await expect(
      readRawBody(request(chunksOf(data, 65_536), { 'content-length': String(data.length) }), 100_000),
    ).rejects.toThrow(/declares 300000 bytes; the limit/);
    await expect(readRawBody(request(chunksOf(data, 65_536), {}), 100_000)).rejects.toThrow(
      /more than 100000 bytes arrived/,
    );
  });
});
