import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { findWorkerScript, startWorker, type WorkerScript } from '../worker-script';
import { CURRENT_JOB, IDLE, STARTED_JOBS, type HeaderWorkerData, type HeaderWorkerRequest, type HeaderWorkerResults, type PoolJob } from './header-messages';
import type { HeaderJob, HeaderOutcome } from './read-headers';

/** The built worker's file name (electron.vite.config.ts, main input `header-worker`). */
const BUILT_WORKER = 'header-worker.js';
/** The worker's TypeScript source, used when running from source (tests, tsx). */
const SOURCE_WORKER = 'header-worker.ts';

/** Jobs sent to a worker at once; two batches are kept in flight so a worker never waits for the next. */
const BATCH = 16;
/** How often the pool looks at what each worker is reading. */
const WATCH_MS = 50;

/**
 * Longest one file may hold a worker (reading and identifying it) before it is given up and reported
 * (issue 12, "a per-file CPU budget that turns a slow file into a reported problem"). Every reader is linear
 * and bounded (docs/formats.md, read budget), so a real header takes milliseconds; seconds mean a hostile
 * file or a hung disk.
 */
export const FILE_BUDGET_MS = 3000;

/**
 * Memory a header worker may use (V8 old generation); a reader that tried to hold more ends that worker, and the
 * file is reported (issue 12, bounded memory). The read budget (detector.ts) allows 16 MiB of reads a file.
 */
const WORKER_HEAP_MB = 512;

/** Finds the header worker next to this code; `null` if missing (headers are then read on this thread). */
export function findHeaderWorker(fromDir: string = __dirname): WorkerScript | null {
  return findWorkerScript(BUILT_WORKER, SOURCE_WORKER, fromDir);
}

/** Worker threads for header reads by default: one per core, at least two (the walk is done by then), at most four. */
export function defaultHeaderWorkers(): number {
  return Math.max(2, Math.min(4, availableParallelism()));
}

/** How a pool run ended: an outcome per job (`undefined` for jobs not read when it was cancelled or broke). */
export interface PoolRun {
  readonly outcomes: readonly (HeaderOutcome | undefined)[];
  readonly cancelled: boolean;
  /** The workers could not run at all (a broken script); the caller reads what is left itself. */
  readonly broken: boolean;
}

interface Slot {
  readonly worker: Worker;
  readonly progress: Int32Array;
  readonly outstanding: Set<number>;
  /** STARTED_JOBS when last seen to change, and when. */
  started: number;
  since: number;
  /** Whether the worker ever finished a job (one that dies before cannot be replaced forever). */
  productive: boolean;
}

/** What is reported for a file whose worker gave up on it. */
function givenUp(job: HeaderJob, why: 'slow' | 'crashed', budgetMs: number): HeaderOutcome {
  const problem =
    why === 'slow'
      ? `reading its header took longer than ${budgetMs / 1000} s, so it was stopped`
      : 'the reader stopped unexpectedly on it (out of memory or a crash), so its header was not read';
  return {
    sample: { file: job.rel, format: 'unknown', formatSource: 'none', confidence: 0, facts: {}, evidence: [], problems: [problem] },
    issue: {
      severity: 'warning',
      code: 'HEADER_STOPPED',
      path: job.abs,
      message: `Its header was not read: ${problem}. The file is listed by name and size only; a damaged or hostile file, or a disk that stopped answering, does this.`,
    },
  };
}

/**
 * Reads headers on worker threads with blocking calls (issue 11: ~10 µs a read instead of a promise handle's
 * 100–300 µs, and every core busy). A worker stuck on one file longer than `fileBudgetMs` is terminated, that
 * file reported, and a fresh worker takes the rest; cancelling terminates every worker at once, so it settles
 * within one watch interval even in the middle of a slow read (issue 12).
 */
export function readHeadersInPool(
  jobs: readonly HeaderJob[],
  options: {
    readonly script: WorkerScript;
    readonly followSymlinks?: boolean;
    readonly signal?: AbortSignal;
    readonly onFileRead?: () => void;
    readonly workers?: number;
    readonly fileBudgetMs?: number;
    readonly now?: () => number;
  },
): Promise<PoolRun> {
  const budgetMs = options.fileBudgetMs ?? FILE_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  const outcomes: (HeaderOutcome | undefined)[] = new Array<HeaderOutcome | undefined>(jobs.length);
  const retry: number[] = [];
  let next = 0;
  let done = 0;
  const slots = new Set<Slot>();

  return new Promise<PoolRun>((resolve) => {
    let settled = false;
    const finish = (how: { cancelled?: boolean; broken?: boolean }) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      options.signal?.removeEventListener('abort', onAbort);
      for (const s of slots) void s.worker.terminate();
      slots.clear();
      resolve({ outcomes, cancelled: how.cancelled ?? false, broken: how.broken ?? false });
    };
    const onAbort = () => finish({ cancelled: true });

    const record = (i: number, outcome: HeaderOutcome) => {
      if (outcomes[i] !== undefined) return;
      outcomes[i] = outcome;
      done++;
      options.onFileRead?.();
    };

    const send = (slot: Slot) => {
      const batch: PoolJob[] = [];
      while (batch.length < BATCH) {
        const i = retry.length > 0 ? retry.pop()! : next < jobs.length ? next++ : -1;
        if (i < 0) break;
        if (outcomes[i] !== undefined) continue;
        batch.push({ i, rel: jobs[i]!.rel, abs: jobs[i]!.abs });
        slot.outstanding.add(i);
      }
      if (batch.length > 0) slot.worker.postMessage({ jobs: batch } satisfies HeaderWorkerRequest);
    };

    /** Ends a worker that is stuck or died: its current file is reported, its other files go to another worker. */
    const replace = (slot: Slot, why: 'slow' | 'crashed') => {
      if (!slots.delete(slot)) return;
      void slot.worker.terminate();
      const current = Atomics.load(slot.progress, CURRENT_JOB);
      if (current !== IDLE && slot.outstanding.has(current)) record(current, givenUp(jobs[current]!, why, budgetMs));
      for (const i of slot.outstanding) if (outcomes[i] === undefined) retry.push(i);
      if (why === 'crashed' && !slot.productive && current === IDLE) {
        // A worker that died before reading anything has a broken script, not a bad file: stop trying.
        if (slots.size === 0) finish({ broken: true });
        return;
      }
      if (done === jobs.length) return finish({});
      spawn();
    };

    const spawn = () => {
      const progressBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
      const progress = new Int32Array(progressBuffer);
      progress[CURRENT_JOB] = IDLE;
      const data: HeaderWorkerData = { followSymlinks: options.followSymlinks ?? false, progress: progressBuffer };
      const worker = startWorker(options.script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      const slot: Slot = { worker, progress, outstanding: new Set(), started: 0, since: now(), productive: false };
      slots.add(slot);
      worker.on('message', (msg: HeaderWorkerResults) => {
        if (settled || !slots.has(slot)) return;
        slot.productive = true;
        for (const r of msg.results) {
          slot.outstanding.delete(r.i);
          record(r.i, r.issue ? { sample: r.sample, issue: r.issue } : { sample: r.sample });
        }
        if (done === jobs.length) return finish({});
        if (slot.outstanding.size <= BATCH) send(slot);
      });
      worker.on('error', () => replace(slot, 'crashed'));
      worker.on('exit', () => {
        if (!settled) replace(slot, 'crashed');
      });
      send(slot);
      send(slot);
    };

    const watch = setInterval(() => {
      const t = now();
      for (const slot of [...slots]) {
        const started = Atomics.load(slot.progress, STARTED_JOBS);
        if (started !== slot.started || Atomics.load(slot.progress, CURRENT_JOB) === IDLE) {
          slot.started = started;
          slot.since = t;
        } else if (t - slot.since >= budgetMs) {
          replace(slot, 'slow');
        }
      }
    }, WATCH_MS);

    if (jobs.length === 0) return finish({});
    if (options.signal?.aborted) return finish({ cancelled: true });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const count = Math.max(1, Math.min(options.workers ?? defaultHeaderWorkers(), Math.ceil(jobs.length / BATCH)));
    for (let k = 0; k < count; k++) spawn();
  });
}
