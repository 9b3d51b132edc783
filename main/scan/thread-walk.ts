import { findWorkerScript, startWorker, type WorkerScript } from '../worker-script';
import { SharedTextSlot } from './shared-text-slot';
import type { WalkWorkerData, WalkWorkerMessage } from './walk-messages';
import type { WalkDir, WalkResult, WalkRoot, WalkSink } from './walker';

/** The built worker's file name (electron.vite.config.ts, main input `scan-worker`). */
const BUILT_WORKER = 'scan-worker.js';
/** The worker's TypeScript source, used when running from source (tests, tsx). */
const SOURCE_WORKER = 'walk-worker.ts';

export type { WorkerScript } from '../worker-script';

/** Finds the walk worker next to this code (see findWorkerScript); `null` if it is missing, and the caller walks on the main thread. */
export function findWalkWorker(fromDir: string = __dirname): WorkerScript | null {
  return findWorkerScript(BUILT_WORKER, SOURCE_WORKER, fromDir);
}

/** A walk in a worker thread: how it ends, and the folder it is reading right now. */
export interface ThreadWalk {
  readonly done: Promise<WalkResult>;
  currentDirectory(): string | null;
}

/**
 * Walks the roots in a worker thread with blocking calls — the fastest way on local disks — and relays
 * what it finds to the sink on this thread. Cancelling resolves at once and terminates the worker, even
 * one blocked on a hung network share.
 */
export function walkInThread(
  script: WorkerScript,
  roots: readonly WalkRoot[],
  sink: WalkSink,
  options: { readonly followSymlinks?: boolean; readonly signal?: AbortSignal } = {},
): ThreadWalk {
  const slotBuffer = SharedTextSlot.allocate();
  const slot = new SharedTextSlot(slotBuffer);
  const data: WalkWorkerData = { roots, followSymlinks: options.followSymlinks ?? false };
  const done = new Promise<WalkResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ cancelled: true });
      return;
    }
    const worker = startWorker(script, { workerData: { ...data, slot: slotBuffer } });
    const dirs = new Map<number, WalkDir>();
    let settled = false;
    const finish = (outcome: { cancelled: boolean } | { error: Error }) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome);
    };
    const onAbort = () => finish({ cancelled: true });
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (msg: WalkWorkerMessage) => {
      if (settled) return;
      try {
        if (msg.type === 'done') return finish({ cancelled: false });
        if (msg.type === 'error') return finish({ error: new Error(`walk worker: ${msg.message}`) });
        // The sink may cancel the walk while a batch is being relayed: stop at once when it does.
        for (const d of msg.dirs) dirs.set(d.id, { root: roots[d.rootIndex]!, abs: d.display, rel: d.rel, display: d.display });
        for (const id of msg.entered) {
          if (settled) return;
          sink.directory(dirs.get(id)!);
        }
        for (let i = 0; i < msg.fileNames.length; i++) {
          if (settled) return;
          sink.file(dirs.get(msg.fileDirs[i]!)!, msg.fileNames[i]!, msg.fileSizes[i]!, msg.fileTimes[i]!);
        }
        for (const id of msg.listed) {
          if (settled) return;
          sink.directoryRead?.(dirs.get(id)!);
        }
        for (const issue of msg.issues) {
          if (settled) return;
          sink.issue(issue);
        }
      } catch (err) {
        finish({ error: err instanceof Error ? err : new Error(String(err)) });
      }
    });
    worker.on('error', (err) => finish({ error: err }));
    worker.on('exit', (code) => {
      if (!settled) finish({ error: new Error(`walk worker exited early (code ${code})`) });
    });
  });
  return { done, currentDirectory: () => slot.read() };
}
