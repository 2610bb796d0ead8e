import { setPriority } from 'node:os';
import { DomainError } from '../../common/domain-error.js';
import { type MselRequest, readMsel } from './msel-preview.js';

/**
 * Runs as its own process (see preview-process.ts): reads the file from stdin and the request from
 * argv, writes `{ ok, preview, source | error }` as one JSON document to stdout. A big or hostile
 * spreadsheet costs this process (its parse, its garbage collection, its helper threads), never the
 * server process that delivers injects.
 */

// Started under `nice -n 19` where there is one (every thread of this process inherits it); else
// this thread at least asks for the lowest priority itself.
try {
  setPriority(19);
} catch {
  // not permitted here: the parse still runs outside the server process
}

const req = JSON.parse(process.argv[2] ?? '{}') as MselRequest;
const limit = Number(process.argv[3] ?? NaN);

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (c: Buffer) => {
      size += c.length;
      // the server sends only what it accepted; more is a caller that is not the server
      if (Number.isFinite(limit) && size > limit) reject(new Error(`more than ${limit} bytes on stdin`));
      else chunks.push(c);
    });
    process.stdin.once('end', () => resolve(Buffer.concat(chunks, size)));
    process.stdin.once('error', reject);
  });
}

let out: string;
try {
  const { preview, source } = await readMsel(await readStdin(), req);
  out = JSON.stringify({ ok: true, preview, source });
} catch (e) {
  out = JSON.stringify(
    e instanceof DomainError
      ? { ok: false, kind: e.kind, code: e.code, message: e.message, details: e.details, params: e.params }
      : {
          ok: false,
          kind: 'bad-input',
          code: 'msel.unreadable',
          message: `"${req.fileName ?? 'The file'}" cannot be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
        },
  );
}
process.stdout.write(out, () => process.exit(0));
