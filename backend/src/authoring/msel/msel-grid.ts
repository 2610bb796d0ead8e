import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { badInput, DomainError, type DomainErrorKind } from '../../common/domain-error.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { type MselFormat, mselMaxRows, type SheetGrid } from './sheet-grid.js';

export { detectFormat, type MselFormat, type SheetGrid } from './sheet-grid.js';

export interface GridOptions {
  fileName?: string | undefined;
  /** row cap per sheet (default: MSEL_MAX_ROWS or 5,000) */
  maxRows?: number | undefined;
}

/** Every sheet of a workbook, or the one sheet of a CSV file, as plain cell values, on this thread. */
export async function readGrids(data: Buffer, format: MselFormat, opts: GridOptions = {}): Promise<SheetGrid[]> {
  const maxRows = opts.maxRows ?? mselMaxRows();
  const fileName = opts.fileName ?? (format === 'xlsx' ? 'workbook.xlsx' : 'sheet.csv');
  return format === 'xlsx' ? readXlsx(data, maxRows, fileName) : [await readCsv(data, maxRows, fileName)];
}

/** Memory a parse may use; a file that needs more is refused instead of growing the server. */
const WORKER_HEAP_MB = 256;
const WORKER_TIMEOUT_MS = 60_000;
/** one parse at a time: more uploads wait their turn, so parallel uploads add up neither memory nor CPU */
const MAX_PARALLEL = 1;
let running = 0;
const waiting: (() => void)[] = [];

const WORKER_FILE = fileURLToPath(new URL('./grid-worker.js', import.meta.url));

/**
 * The same read in a worker thread with a bounded heap: the server's event loop (which delivers
 * injects on time) never waits on a spreadsheet. `data` may be handed over to the worker (see
 * handOver): do not read it afterwards. Run from TypeScript sources (unit tests), where
 * there is no compiled worker file, it reads on this thread.
 */
export async function readGridsOffThread(
  data: Buffer,
  format: MselFormat,
  opts: GridOptions = {},
): Promise<SheetGrid[]> {
  if (!existsSync(WORKER_FILE)) return readGrids(data, format, opts);
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await runWorker(data, format, opts);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * A buffer that owns all of its memory (a large upload) is handed to the worker as it is, without a
 * copy on this thread; it is empty here afterwards. A slice of shared memory is copied.
 */
function handOver(data: Buffer): Uint8Array {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer)
    return new Uint8Array(data.buffer);
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy;
}

function runWorker(data: Buffer, format: MselFormat, opts: GridOptions): Promise<SheetGrid[]> {
  const copy = handOver(data);
  const fileName = opts.fileName ?? (format === 'xlsx' ? 'workbook.xlsx' : 'sheet.csv');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: { data: copy, format, maxRows: opts.maxRows ?? mselMaxRows(), fileName },
      transferList: [copy.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        done(() =>
          reject(
            badInput(
              'msel.too-slow',
              `"${fileName}" took more than ${WORKER_TIMEOUT_MS / 1000} s to read: it is too large or malformed`,
            ),
          ),
        ),
      WORKER_TIMEOUT_MS,
    );
    worker.on(
      'message',
      (
        m:
          | { ok: true; grids: SheetGrid[] }
          | { ok: false; kind: DomainErrorKind; code: string; message: string; details?: unknown },
      ) => {
        done(() => (m.ok ? resolve(m.grids) : reject(new DomainError(m.kind, m.code, m.message, m.details))));
      },
    );
    worker.on('error', (e) => {
      const oom = /heap|memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(e as { code?: string }).code ?? ''} ${e.message}`);
      done(() =>
        reject(
          badInput(
            oom ? 'msel.too-large' : 'msel.unreadable',
            oom
              ? `"${fileName}" needs more than ${WORKER_HEAP_MB} MB of memory to read: split it into smaller files`
              : `"${fileName}" cannot be read (${e.message.split('\n')[0]})`,
          ),
        ),
      );
    });
    worker.on('exit', (code) =>
      done(() =>
        reject(badInput('msel.unreadable', `"${fileName}" could not be read (the reader stopped with code ${code})`)),
      ),
    );
  });
}
