import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { badInput, DomainError } from '../../common/domain-error.js';
import { RateLimitedError } from '../../common/rate-limited-error.js';
import { jobError, type PackJob, type PackJobAnswer, type PackJobValue, runPackJob } from './pack-check.js';

export interface PackReaderLimits {
  /**
   * Editor texts up to this size (a pack of a few hundred injects, read in well under a second)
   * are quick jobs; larger ones and zips are heavy jobs.
   */
  quickTextBytes: number;
  heapMb: number;
  timeoutMs: number;
  /** jobs waiting for a reader, all users together */
  maxWaiting: number;
  /** saves and uploads one user may have waiting (a validation is never queued twice: the newer replaces it) */
  maxWaitingPerUser: number;
  /**
   * a running validation replaced by a newer one is stopped when it has run this long (shorter ones
   * finish: starting a new reader costs the server a process spawn, and the new reader a cold start)
   */
  cancelAfterMs: number;
  /** a heavy reader with nothing to do for this long exits (the next job starts a new one); the quick one stays */
  idleExitMs: number;
}

export const PACK_READER_LIMITS: PackReaderLimits = {
  quickTextBytes: 512 * 1024,
  heapMb: 384,
  timeoutMs: 60_000,
  maxWaiting: 24,
  maxWaitingPerUser: 2,
  cancelAfterMs: 1000,
  idleExitMs: 10 * 60_000,
};

/**
 * Two readers, one per lane. Heavy jobs (large packs, zips) run one at a time at the lowest CPU
 * priority, so together they never take more than one core from the server; quick jobs (the
 * editor's validation of an ordinary pack, tens of milliseconds) have a reader of their own at
 * normal priority, so a large pack never makes anyone's small one wait and a busy machine does
 * not starve the editor. Each lane runs one job of a user at a time.
 */
type Lane = 'heavy' | 'quick';
const NICENESS: Record<Lane, number> = { heavy: 19, quick: 0 };

export interface PackJobOptions {
  /** whose request this is: fairness and limits are per user */
  owner: string;
  /** the request went away (the editor sent a newer text and aborted this one) */
  signal?: AbortSignal;
}

interface Pending {
  id: number;
  job: PackJob;
  lane: Lane;
  owner: string;
  resolve: (v: PackJobAnswer) => void;
  reject: (e: Error) => void;
  startedAt?: number;
  reader?: Reader;
}

const CHILD_FILE = fileURLToPath(new URL('./pack-reader-child.js', import.meta.url));
/** `nice` starts the reader at the lowest priority before its first thread exists */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((p) => existsSync(p));

const superseded = () =>
  new DomainError(
    'conflict',
    'pack.validation-superseded',
    'A newer validation from the same user replaced this one before its result was ready',
  );

/**
 * Validates, loads and unpacks packs in two long-lived reader processes (a heavy lane at the lowest
 * CPU priority and a quick lane, see Lane), each with a bounded heap and a time limit: the server's
 * event loop, which broadcasts injects at their instant, only sends the files and reads the answer.
 * Jobs are queued fairly: waiting jobs run in arrival order among users with none running in their
 * lane, a user's newer validation replaces their waiting (or long-running) older one, and a full
 * queue answers 429. Run from TypeScript sources (unit tests), where there is no compiled reader,
 * the work runs in this process.
 */
export class PackReaderPool {
  private readonly readers: Reader[];
  private waiting: Pending[] = [];
  private nextId = 1;

  constructor(
    private readonly limits: PackReaderLimits = PACK_READER_LIMITS,
    childFile = CHILD_FILE,
  ) {
    this.childFile = childFile;
    this.readers = (['heavy', 'quick'] as const).map((lane) => new Reader(lane, limits, childFile, () => this.pump()));
  }

  private readonly childFile: string;

  async run(job: PackJob, opts: PackJobOptions): Promise<PackJobValue> {
    const answer = existsSync(this.childFile) ? await this.enqueue(job, opts) : await runPackJob(job);
    if (answer.ok) return answer.value;
    if ('imagesFailed' in answer.error) throw new ImagesFailedError();
    throw jobError(answer.error);
  }

  /** Start the quick reader before the first editor asks for a validation (its start takes a while). */
  warm(): void {
    if (existsSync(this.childFile)) for (const r of this.readers) if (r.lane === 'quick') r.warm();
  }

  /** Stop every reader (tests, shutdown). */
  close(): void {
    for (const r of this.readers) r.stop();
  }

  private enqueue(job: PackJob, { owner, signal }: PackJobOptions): Promise<PackJobAnswer> {
    if (signal?.aborted) return Promise.reject(superseded());
    if (job.kind === 'validate') {
      // an editor sends its whole text after each pause in typing: only the newest one matters
      for (const p of this.waiting.filter((w) => w.owner === owner && w.job.kind === 'validate'))
        this.drop(p, superseded());
      for (const r of this.readers)
        if (r.job?.owner === owner && r.job.job.kind === 'validate') this.cancelIfLong(r.job);
    } else {
      const mine = this.waiting.filter((w) => w.owner === owner && w.job.kind !== 'validate').length;
      if (mine >= this.limits.maxWaitingPerUser)
        throw new RateLimitedError(
          'pack.checker-busy',
          `You already have ${mine} pack saves or uploads waiting to be checked; send this one when they are done`,
          2000,
        );
    }
    if (this.waiting.length >= this.limits.maxWaiting)
      throw new RateLimitedError(
        'pack.checker-busy',
        `The pack checker is busy (${this.waiting.length} packs are waiting to be checked); try again in a few seconds`,
        2000,
      );
    return new Promise<PackJobAnswer>((resolve, reject) => {
      const p: Pending = { id: this.nextId++, job, lane: this.laneOf(job), owner, resolve, reject };
      this.waiting.push(p);
      signal?.addEventListener(
        'abort',
        () => {
          if (job.kind !== 'validate') return;
          if (this.waiting.includes(p)) this.drop(p, superseded());
          else this.cancelIfLong(p);
        },
        { once: true },
      );
      this.pump();
    });
  }

  /** A superseded validation that has already run a while is stopped; a short one finishes (its answer unused). */
  private cancelIfLong(p: Pending): void {
    if (p.startedAt !== undefined && Date.now() - p.startedAt >= this.limits.cancelAfterMs)
      p.reader?.cancel(p, superseded());
  }

  private drop(p: Pending, e: Error): void {
    this.waiting = this.waiting.filter((w) => w !== p);
    p.reject(e);
  }

  private laneOf(job: PackJob): Lane {
    if (job.kind === 'zip') return 'heavy';
    const texts = job.input.files?.map((f) => f.content) ?? [job.input.yaml ?? ''];
    const bytes = texts.reduce((n, t) => n + (typeof t === 'string' ? t.length : 0), 0);
    return bytes > this.limits.quickTextBytes ? 'heavy' : 'quick';
  }

  /** Hand waiting jobs to free readers: in each lane, the oldest job of a user who has none running there. */
  private pump(): void {
    for (const reader of this.readers) {
      if (reader.job) continue;
      const next = this.waiting.find(
        (w) => w.lane === reader.lane && !this.readers.some((r) => r.lane === w.lane && r.job?.owner === w.owner),
      );
      if (!next) continue;
      this.waiting = this.waiting.filter((w) => w !== next);
      reader.start(next);
    }
  }
}

/** The server could not find an uploaded image the request names (it throws its own error for it). */
export class ImagesFailedError extends Error {}

/** One reader process, started when a job needs it and kept for the next ones. */
class Reader {
  private child: ChildProcess | null = null;
  job: Pending | null = null;
  private stderr = '';
  private timer: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    readonly lane: Lane,
    private readonly limits: PackReaderLimits,
    private readonly childFile: string,
    private readonly onFree: () => void,
  ) {}

  start(p: Pending): void {
    clearTimeout(this.idle);
    this.job = p;
    p.reader = this;
    p.startedAt = Date.now();
    const child = this.child ?? this.spawn();
    if (!child) return;
    this.timer = setTimeout(
      () =>
        this.fail(
          badInput(
            'pack.too-slow',
            `The pack took more than ${this.limits.timeoutMs / 1000} s to check: it is too large; split it into smaller packs`,
          ),
        ),
      this.limits.timeoutMs,
    );
    child.send({ id: p.id, job: p.job }, (e) => {
      if (e) this.fail(unavailable(e.message));
    });
  }

  warm(): void {
    if (!this.child) this.spawn();
  }

  /** Give up this job if it is still the running one: its reader is stopped (the next job starts a fresh one). */
  cancel(p: Pending, e: Error): void {
    if (this.job === p) this.fail(e);
  }

  stop(): void {
    clearTimeout(this.idle);
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private spawn(): ChildProcess | null {
    const node = [
      `--max-old-space-size=${this.limits.heapMb}`,
      '--max-semi-space-size=16',
      this.childFile,
      String(NICENESS[this.lane]),
    ];
    const options: SpawnOptions = { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' };
    let child: ChildProcess;
    try {
      child = NICE
        ? spawn(NICE, ['-n', String(NICENESS[this.lane]), process.execPath, ...node], options)
        : spawn(process.execPath, node, options);
    } catch (e) {
      this.finish({ error: unavailable(e instanceof Error ? e.message : String(e)) });
      return null;
    }
    if (!NICE && child.pid !== undefined) {
      try {
        setPriority(child.pid, NICENESS[this.lane]);
      } catch {
        // not permitted here: the reader still runs outside the server process
      }
    }
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      this.stderr = (this.stderr + c.toString()).slice(-8192);
    });
    child.on('message', (m: { id: number; answer: PackJobAnswer }) => {
      if (this.job?.id === m.id) this.finish({ answer: m.answer });
    });
    child.once('error', (e) => {
      if (this.child === child) this.child = null;
      this.fail(unavailable(e.message));
    });
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      if (/heap out of memory|allocation failed/i.test(this.stderr))
        this.fail(
          badInput(
            'pack.too-large',
            `The pack needs more than ${this.limits.heapMb} MB of memory to check: split it into smaller packs`,
            undefined,
            { memoryMb: this.limits.heapMb },
          ),
        );
      else this.fail(unavailable(`the pack reader stopped with ${signal ?? `code ${code}`}`));
    });
    // the server may exit while a reader waits for work: the reader then exits too (its channel closes)
    child.unref();
    child.channel?.unref();
    return child;
  }

  private fail(error: Error): void {
    if (!this.job) return;
    this.stop();
    this.finish({ error });
  }

  private finish(r: { answer: PackJobAnswer } | { error: Error }): void {
    const p = this.job;
    clearTimeout(this.timer);
    this.job = null;
    if (p) {
      if ('answer' in r) p.resolve(r.answer);
      else p.reject(r.error);
    }
    clearTimeout(this.idle);
    if (this.lane === 'heavy') {
      this.idle = setTimeout(() => this.stop(), this.limits.idleExitMs);
      this.idle.unref();
    }
    this.onFree();
  }
}

const unavailable = (why: string) =>
  new DomainError('unavailable', 'pack.checker-unavailable', `The pack checker could not run (${why}); try again`);
