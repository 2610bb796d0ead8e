import { setPriority } from 'node:os';
import { type PackJob, type PackJobAnswer, runPackJob } from './pack-check.js';

/**
 * Runs as its own long-lived process (see pack-reader.ts): takes one pack job at a time over the
 * IPC channel and answers it. Reading a large pack costs this process (its YAML parse, its garbage
 * collection), never the server process that delivers injects. It stays up between jobs so the
 * editor's validation, sent after each pause in typing, does not pay for a process start each time.
 */

// Started under `nice` at its lane's priority where there is one (argv[2]); else this thread asks for it itself.
try {
  setPriority(Number(process.argv[2] ?? 19));
} catch {
  // not permitted here: the work still runs outside the server process
}

process.on('message', (m: { id: number; job: PackJob }) => {
  void runPackJob(m.job).then((answer: PackJobAnswer) => process.send?.({ id: m.id, answer }));
});
// the server went away: nothing is left to answer
process.on('disconnect', () => process.exit(0));
