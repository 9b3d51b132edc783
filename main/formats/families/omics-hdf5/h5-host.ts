import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { findWorkerScript, startWorker, type WorkerScript } from '../../../worker-script';
import { loadH5Ops, type H5Ops } from './h5-ops';

/**
 * Longest wait for the HDF5 worker to start (load and compile h5wasm, ~0.3 s; generous for slow disks).
 * The wait is asynchronous: nothing blocks meanwhile.
 */
const WORKER_START_TIMEOUT_MS = 15_000;

/** Times the main thread looks again (1 ms apart) for a reply the worker signalled but that is not there yet. */
const MISSING_REPLY_RETRIES = 20;

/** Raised when the HDF5 library did not answer in time (a damaged file can make it loop) or its worker died. */
export class H5HostError extends Error {}

/** Where the h5wasm calls run: a worker thread that can be stopped, or this thread when no worker can start. */
export interface H5Host {
  readonly kind: 'worker' | 'inline';
  /** False once the worker was stopped; a new host is started for the next file. */
  readonly alive: boolean;
  /** Runs one operation synchronously; throws H5HostError past `timeoutMs` (worker only) and the op's own errors. */
  call<K extends keyof H5Ops>(op: K, args: Parameters<H5Ops[K]>, timeoutMs: number): ReturnType<H5Ops[K]>;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

class WorkerHost implements H5Host {
  readonly kind = 'worker';
  alive = true;

  constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  call<K extends keyof H5Ops>(op: K, args: Parameters<H5Ops[K]>, timeoutMs: number): ReturnType<H5Ops[K]> {
    if (!this.alive) throw new H5HostError('the HDF5 worker was stopped');
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ op, args });
    // Node allows Atomics.wait on the main thread: the call is synchronous but bounded.
    if (Atomics.wait(this.signal, 0, 0, Math.max(1, timeoutMs)) === 'timed-out') {
      this.stop();
      throw new H5HostError(`the HDF5 library did not answer within ${timeoutMs} ms`);
    }
    let reply = receiveMessageOnPort(this.port)?.message as Reply | undefined;
    // The worker posts before it signals, so the reply is normally there; allow it a few milliseconds if not.
    for (let i = 0; !reply && i < MISSING_REPLY_RETRIES; i++) {
      Atomics.wait(this.signal, 1, 0, 1);
      reply = receiveMessageOnPort(this.port)?.message as Reply | undefined;
    }
    if (!reply) {
      this.stop();
      throw new H5HostError('the HDF5 worker gave no answer');
    }
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as ReturnType<H5Ops[K]>;
  }

  stop(): void {
    this.alive = false;
    this.port.close();
    void this.worker.terminate();
  }
}

class InlineHost implements H5Host {
  readonly kind = 'inline';
  readonly alive = true;

  constructor(private readonly ops: H5Ops) {}

  call<K extends keyof H5Ops>(op: K, args: Parameters<H5Ops[K]>): ReturnType<H5Ops[K]> {
    return (this.ops[op] as (...a: unknown[]) => ReturnType<H5Ops[K]>)(...args);
  }
}

/** The HDF5 worker, built beside the main bundle (electron.vite.config.ts input `h5-worker`) or run from source. */
function findH5Worker(): WorkerScript | null {
  return findWorkerScript('h5-worker.js', 'h5-worker.ts', __dirname);
}

async function startH5Worker(script: WorkerScript): Promise<WorkerHost> {
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  // stderr: true keeps the HDF5 library's diagnostic dumps on damaged files (HDF5-DIAG …) off the user's terminal.
  const worker = startWorker(script, { workerData: { signal: signal.buffer, port: port2 }, transferList: [port2] });
  const host = new WorkerHost(worker, port1, signal);
  // While starting, the 'message' listener keeps the process alive; afterwards replies are taken synchronously
  // (receiveMessageOnPort) and neither the worker nor its port keeps the app (or a CLI run) from exiting.
  const reply = await new Promise<Reply | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), WORKER_START_TIMEOUT_MS);
    port1.once('message', (m: Reply) => {
      clearTimeout(timer);
      resolve(m);
    });
    worker.once('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  worker.unref();
  port1.unref();
  if (!reply?.ok) {
    host.stop();
    throw new H5HostError(reply && !reply.ok ? reply.error : 'the HDF5 worker did not start');
  }
  return host;
}

/** Loads h5wasm in this thread (README rule 6: `await import('h5wasm/node')`, only when an HDF5 file is met). */
async function loadInline(): Promise<H5Host> {
  return new InlineHost(await loadH5Ops());
}

let inline: Promise<H5Host> | undefined;

/** The in-process host (no time limit on HDF5 calls): the fallback when no worker thread can load h5wasm. */
export function inlineH5Host(): Promise<H5Host> {
  inline ??= loadInline();
  inline.catch(() => {
    inline = undefined;
  });
  return inline;
}

let current: Promise<H5Host> | undefined;
let workerUnavailable = false;

async function startHost(): Promise<H5Host> {
  const script = workerUnavailable ? null : findH5Worker();
  if (script) {
    try {
      return await startH5Worker(script);
    } catch {
      // No worker here (a build without h5-worker.js, a platform refusing threads): read in this thread.
      workerUnavailable = true;
    }
  } else {
    workerUnavailable = true;
  }
  return inlineH5Host();
}

/** The host for the next HDF5 file: the running worker, a new one after a stop, or this thread as a fallback. */
export async function h5Host(): Promise<H5Host> {
  for (let pending = current; pending; pending = current) {
    const host = await pending.catch(() => undefined);
    if (host?.alive) return host;
    // Another caller may have started a replacement while this one waited: use it rather than start a second.
    if (current === pending) break;
  }
  const next = startHost();
  current = next;
  next.catch(() => {
    if (current === next) current = undefined;
  });
  return next;
}
