import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from '../../shared/export/checksum-algorithm';
import { findWorkerScript, startWorker, type WorkerScript } from '../worker-script';
import { HASH_CHUNK_BYTES, hashFileSync, type HashOutcome, type KnownDigests } from './hash-file';
import type { ChecksumRequest, ChecksumWorkerData, ChecksumWorkerMessage } from './checksum-messages';

/** The built worker's file name (electron.vite.config.ts, main input `checksum-worker`). */
const BUILT_WORKER = 'checksum-worker.js';
/** The worker's TypeScript source, used when running from source (tests, tsx). */
const SOURCE_WORKER = 'checksum-worker.ts';

/**
 * Files handed to one worker before it answers: two, so a worker never waits for the main thread between
 * files, and the queue stays bounded (workers × 2 requests in flight, never one promise per file).
 */
const IN_FLIGHT_PER_WORKER = 2;

/** Finds the checksum worker next to this code (see findWorkerScript); `null` and hashing runs on this thread. */
export function findChecksumWorker(fromDir: string = __dirname): WorkerScript | null {
  return findWorkerScript(BUILT_WORKER, SOURCE_WORKER, fromDir);
}

/** One file to hash. */
export interface ChecksumJob {
  /** Absolute path (bytes when its name is not UTF-8). */
  readonly path: string | Uint8Array;
  /** Digests from an interrupted run, reused when size and mtime match. */
  readonly known?: KnownDigests;
}

/** How far a checksum run has come. */
export interface ChecksumCounts {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesRead: number;
  /** Files whose digests were computed now, and reused from an earlier run. */
  readonly hashed: number;
  readonly reused: number;
  readonly failed: number;
}

/** How to run the checksums. */
export interface ChecksumPoolOptions {
  readonly algorithms: readonly ChecksumAlgorithm[];
  /** Worker threads; default every core (`os.availableParallelism()`), at most one per file. */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  /** Called on this thread for every finished file, in completion order (the resume state is written here). */
  readonly onResult?: (index: number, outcome: HashOutcome) => void;
  /** Called whenever counts change; throttle it yourself. */
  readonly onCounts?: (counts: ChecksumCounts) => void;
  /** A worker script to use instead of the one beside this code; `null` hashes on this thread. */
  readonly script?: WorkerScript | null;
}

/** How a run ended: every file has an outcome, or it was cancelled (outcomes of the files finished are in `outcomes`). */
export interface ChecksumRun {
  readonly status: 'done' | 'cancelled';
  /** Outcome per job index; `undefined` for jobs not finished when cancelled. */
  readonly outcomes: ReadonlyArray<HashOutcome | undefined>;
  readonly counts: ChecksumCounts;
  /** Threads that hashed: 0 when no worker could start and this thread did the work. */
  readonly threads: number;
}

/**
 * Hashes files on worker threads, one per core: a bounded queue feeds each worker the next file as it
 * finishes one. Cancelling stops at once (workers are terminated mid-file; files already finished keep
 * their outcome). Without a worker script the files are hashed on this thread, between event-loop turns.
 */
export async function runChecksums(jobs: readonly ChecksumJob[], options: ChecksumPoolOptions): Promise<ChecksumRun> {
  const outcomes: Array<HashOutcome | undefined> = new Array<HashOutcome | undefined>(jobs.length);
  const counts = { filesDone: 0, filesTotal: jobs.length, bytesRead: 0, hashed: 0, reused: 0, failed: 0 };
  const record = (index: number, outcome: HashOutcome) => {
    outcomes[index] = outcome;
    counts.filesDone++;
    if (outcome.kind === 'hashed') counts.hashed++;
    else if (outcome.kind === 'reused') counts.reused++;
    else counts.failed++;
    options.onResult?.(index, outcome);
    options.onCounts?.({ ...counts });
  };
  const addBytes = (n: number) => {
    counts.bytesRead += n;
    options.onCounts?.({ ...counts });
  };
  if (options.signal?.aborted) return { status: 'cancelled', outcomes, counts, threads: 0 };
  if (jobs.length === 0) return { status: 'done', outcomes, counts, threads: 0 };
  const script = options.script === undefined ? findChecksumWorker() : options.script;
  const threads = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), jobs.length));
  if (!script) {
    const status = await hashInline(jobs, options, record, addBytes);
    return { status, outcomes, counts, threads: 0 };
  }
  try {
    const status = await hashInWorkers(script, threads, jobs, options, record, addBytes);
    return { status, outcomes, counts, threads };
  } catch (err) {
    // A worker that cannot start (a missing or broken script) is replaced by this thread, but only before
    // any file finished: a failure later is a real error and is not hidden.
    if (counts.filesDone > 0 || counts.bytesRead > 0) throw err;
    const status = await hashInline(jobs, options, record, addBytes);
    return { status, outcomes, counts, threads: 0 };
  }
}

/** Feeds each worker the next file as it answers, at most IN_FLIGHT_PER_WORKER ahead. */
function hashInWorkers(
  script: WorkerScript,
  threads: number,
  jobs: readonly ChecksumJob[],
  options: ChecksumPoolOptions,
  record: (index: number, outcome: HashOutcome) => void,
  addBytes: (n: number) => void,
): Promise<'done' | 'cancelled'> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const inFlight = new Map<Worker, Set<number>>();
    let next = 0;
    let finished = 0;
    let settled = false;
    const settle = (outcome: 'done' | 'cancelled' | Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = () => settle('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (w: Worker) => {
      const mine = inFlight.get(w)!;
      while (!settled && mine.size < IN_FLIGHT_PER_WORKER && next < jobs.length) {
        const id = next++;
        const job = jobs[id]!;
        mine.add(id);
        w.postMessage({ id, path: job.path, ...(job.known ? { known: job.known } : {}) } satisfies ChecksumRequest);
      }
    };
    const data: ChecksumWorkerData = { algorithms: options.algorithms };
    for (let i = 0; i < threads; i++) {
      let w: Worker;
      try {
        w = startWorker(script, { workerData: data });
      } catch (err) {
        settle(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      workers.push(w);
      inFlight.set(w, new Set());
      w.on('message', (msg: ChecksumWorkerMessage) => {
        if (settled) return;
        if (msg.type === 'bytes') {
          addBytes(msg.bytes);
          return;
        }
        inFlight.get(w)!.delete(msg.id);
        try {
          record(msg.id, msg.outcome);
        } catch (err) {
          settle(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (settled) return; // onResult may have cancelled the run
        finished++;
        if (finished === jobs.length) settle('done');
        else feed(w);
      });
      w.on('error', (err) => settle(new Error(`checksum worker: ${err.message}`)));
      w.on('exit', (code) => {
        if (!settled) settle(new Error(`checksum worker stopped (exit code ${code})`));
      });
      feed(w);
    }
  });
}

/** The fallback: one file at a time on this thread, yielding to the event loop between files so cancel is heard. */
async function hashInline(
  jobs: readonly ChecksumJob[],
  options: ChecksumPoolOptions,
  record: (index: number, outcome: HashOutcome) => void,
  addBytes: (n: number) => void,
): Promise<'done' | 'cancelled'> {
  const buffer = new Uint8Array(HASH_CHUNK_BYTES);
  for (let i = 0; i < jobs.length; i++) {
    if (options.signal?.aborted) return 'cancelled';
    const job = jobs[i]!;
    record(i, hashFileSync(job.path, options.algorithms, buffer, job.known, addBytes));
    await new Promise<void>((r) => setImmediate(r));
  }
  return 'done';
}
