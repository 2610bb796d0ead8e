import JSZip from 'jszip';
import { badInput } from '../../common/domain-error.js';

export interface ZipLimits {
  maxEntries: number;
  /** total uncompressed bytes over all entries, counted while inflating (declared sizes can lie) */
  maxTotalBytes: number;
  maxEntryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 500,
  maxTotalBytes: 30 * 1024 * 1024,
  maxEntryBytes: 10 * 1024 * 1024,
};

export interface ZipEntry {
  path: string;
  comment: string;
  data: Buffer;
}

/**
 * Read a zip with zip-bomb guards: a cap on entries, on each entry's size and on the total,
 * enforced on the bytes actually inflated. Paths that climb out of the archive are refused.
 */
export async function readZip(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipEntry[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer, { checkCRC32: false });
  } catch (e) {
    throw badInput('zip.unreadable', `Not a readable zip file (${e instanceof Error ? e.message : String(e)})`);
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > limits.maxEntries)
    throw badInput(
      'zip.too-many-entries',
      `The zip holds ${files.length} files; the limit is ${limits.maxEntries}`,
      undefined,
      { count: files.length, limit: limits.maxEntries },
    );
  const out: ZipEntry[] = [];
  let total = 0;
  for (const f of files) {
    const path = f.name.replace(/\\/g, '/');
    if (path.startsWith('/') || path.split('/').includes('..'))
      throw badInput('zip.unsafe-path', `The zip entry "${path}" points outside the archive`);
    const data = await inflateWithLimit(
      f,
      limits.maxEntryBytes,
      () => total,
      (n) => (total += n),
      limits.maxTotalBytes,
    );
    out.push({ path, comment: f.comment ?? '', data });
  }
  return out;
}

function inflateWithLimit(
  file: JSZip.JSZipObject,
  maxEntry: number,
  getTotal: () => number,
  addTotal: (n: number) => void,
  maxTotal: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    // internalStream is JSZip's documented streaming API, missing from its type definitions
    const stream = (file as unknown as { internalStream(type: 'uint8array'): ZipStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        size += chunk.length;
        addTotal(chunk.length);
        if (size > maxEntry || getTotal() > maxTotal) {
          stream.pause();
          reject(
            badInput(
              'zip.too-large',
              size > maxEntry
                ? `The zip entry "${file.name}" inflates to more than ${maxEntry} bytes (zip bomb?)`
                : `The zip inflates to more than ${maxTotal} bytes in total (zip bomb?)`,
              undefined,
              { limitBytes: size > maxEntry ? maxEntry : maxTotal },
            ),
          );
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e: Error) =>
        reject(badInput('zip.corrupt', `The zip entry "${file.name}" cannot be read: ${e.message}`)),
      )
      .on('end', () => resolve(Buffer.concat(chunks)))
      .resume();
  });
}

interface ZipStream {
  on(event: 'data', cb: (chunk: Uint8Array) => void): ZipStream;
  on(event: 'error', cb: (e: Error) => void): ZipStream;
  on(event: 'end', cb: () => void): ZipStream;
  pause(): ZipStream;
  resume(): ZipStream;
}

export async function writeZip(entries: { path: string; data: Buffer | string }[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const e of entries) zip.file(e.path, e.data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
