import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { badInput, DomainError, type DomainErrorKind, type ErrorParams } from '../../common/domain-error.js';
import { type MselDryRun, type MselReading, type MselRequest, readMsel } from './msel-preview.js';

/** Memory the reader's heap may use; a file that needs more is refused instead of growing anything. */
const CHILD_HEAP_MB = 256;
const CHILD_TIMEOUT_MS = 60_000;
/** the preview's JSON (rows, pack, YAML) of a 20 MiB upload at the row cap stays well under this */
const OUTPUT_LIMIT_BYTES = 96 * 1024 * 1024;
/** one read at a time: more uploads wait their turn, so parallel uploads add up neither memory nor CPU */
const MAX_PARALLEL = 1;
let running = 0;
const waiting: (() => void)[] = [];

const CHILD_FILE = fileURLToPath(new URL('./preview-child.js', import.meta.url));
/** `nice` starts the reader at the lowest priority before its first thread exists */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((p) => existsSync(p));

/**
 * The whole MSEL preview (read the sheet as a stream that stops at the row cap, build the pack,
 * validate it, write its YAML) in a separate process at the lowest CPU priority with a bounded
 * heap and a time limit. This process only sends the file and parses the answer: the parse's
 * work, its garbage collection and V8's helper threads run in the reader's process, so the server's
 * event loop (which delivers injects) never waits on a spreadsheet. Run from TypeScript sources
 * (unit tests), where there is no compiled reader, it previews in this process.
 */
export async function previewMselOffProcess(data: Buffer, req: MselRequest): Promise<MselDryRun> {
  return (await readMselOffProcess(data, req)).preview;
}

/** The preview and, for a valid sheet, the validated pack an import stores (see readMsel). */
export async function readMselOffProcess(data: Buffer, req: MselRequest): Promise<MselReading> {
  if (!existsSync(CHILD_FILE)) return readMsel(data, req);
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await runChild(data, req);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

type ChildAnswer =
  | { ok: true; preview: MselDryRun; source?: MselReading['source'] }
  | { ok: false; kind: DomainErrorKind; code: string; message: string; details?: unknown; params?: ErrorParams };

function runChild(data: Buffer, req: MselRequest): Promise<MselReading> {
  const fileName = req.fileName ? `"${req.fileName}"` : 'The file';
  const node = [
    `--max-old-space-size=${CHILD_HEAP_MB}`,
    '--max-semi-space-size=16',
    CHILD_FILE,
    JSON.stringify(req),
    String(data.length),
  ];
  const child = NICE
    ? spawn(NICE, ['-n', '19', process.execPath, ...node], { stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(process.execPath, node, { stdio: ['pipe', 'pipe', 'pipe'] });
  if (!NICE && child.pid !== undefined) {
    try {
      setPriority(child.pid, 19);
    } catch {
      // not permitted here: the reader still runs outside the server process
    }
  }
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      f();
    };
    const timer = setTimeout(
      () =>
        done(() =>
          reject(
            badInput(
              'msel.too-slow',
              `${fileName} took more than ${CHILD_TIMEOUT_MS / 1000} s to read: it is too large or malformed`,
            ),
          ),
        ),
      CHILD_TIMEOUT_MS,
    );
    const tooLarge = () =>
      badInput(
        'msel.too-large',
        `${fileName} needs more than ${CHILD_HEAP_MB} MB of memory to read: split it into smaller files`,
        undefined,
        { memoryMb: CHILD_HEAP_MB },
      );
    child.stdout.on('data', (c: Buffer) => {
      outBytes += c.length;
      if (outBytes > OUTPUT_LIMIT_BYTES) done(() => reject(tooLarge()));
      else out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 8192) err += c.toString();
    });
    child.once('error', (e) =>
      done(() =>
        reject(
          new DomainError(
            'unavailable',
            'msel.reader-unavailable',
            `The spreadsheet reader could not start (${e.message})`,
          ),
        ),
      ),
    );
    // the reader may stop before it read everything (a refused file): its closed stdin is no error here
    child.stdin.on('error', () => undefined);
    child.stdin.end(data);
    child.once('close', (code, signal) =>
      done(() => {
        if (code === 0 && outBytes > 0) {
          try {
            const m = JSON.parse(Buffer.concat(out, outBytes).toString('utf8')) as ChildAnswer;
            if (m.ok) resolve({ preview: m.preview, source: m.source });
            else reject(new DomainError(m.kind, m.code, m.message, m.details, m.params));
            return;
          } catch {
            // fall through: an answer that is not JSON
          }
        }
        if (/heap out of memory|allocation failed/i.test(err)) reject(tooLarge());
        else
          reject(
            badInput(
              'msel.unreadable',
              `${fileName} could not be read (the reader stopped with ${signal ?? `code ${code}`})`,
            ),
          );
      }),
    );
  });
}
