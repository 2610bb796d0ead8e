import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../common/domain-error.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import type { MselFormat } from './sheet-grid.js';

/** Runs in a worker thread: a big or hostile spreadsheet costs this thread, never the event loop that delivers injects. */
interface Job {
  data: Uint8Array;
  format: MselFormat;
  maxRows: number;
  fileName: string;
}

// On Linux the nice value belongs to the thread: this reader yields the CPU to the server's own
// thread, so on a busy machine a parse slows down rather than the deliveries of a running drill.
try {
  setPriority(19);
} catch {
  // not permitted on this platform: the thread still keeps the parse off the event loop
}

const job = workerData as Job;
const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
try {
  const grids =
    job.format === 'xlsx'
      ? await readXlsx(data, job.maxRows, job.fileName)
      : [await readCsv(data, job.maxRows, job.fileName)];
  parentPort?.postMessage({
    ok: true,
    grids: grids.map((g) => ({ name: g.name, rows: g.rows, rowNumbers: g.rowNumbers })),
  });
} catch (e) {
  parentPort?.postMessage(
    e instanceof DomainError
      ? { ok: false, kind: e.kind, code: e.code, message: e.message, details: e.details }
      : {
          ok: false,
          kind: 'bad-input',
          code: 'msel.unreadable',
          message: `"${job.fileName}" cannot be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
        },
  );
}
