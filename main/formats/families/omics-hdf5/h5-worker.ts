// Entry of the HDF5 worker thread (h5-host.ts): loads h5wasm, then answers one operation at a time on its
// port, raising a shared flag after each reply so the main thread can wait for it synchronously — and stop
// the worker when a damaged file makes the HDF5 library loop.
import { workerData, type MessagePort } from 'node:worker_threads';
import { loadH5Ops, type H5Ops } from './h5-ops';

const data = workerData as { readonly signal: SharedArrayBuffer; readonly port: MessagePort };
const signal = new Int32Array(data.signal);
const port = data.port;

function reply(message: { ok: true; value: unknown } | { ok: false; error: string }): void {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

void (async () => {
  let ops: H5Ops;
  try {
    ops = await loadH5Ops();
  } catch (err) {
    reply({ ok: false, error: message(err) });
    return;
  }
  reply({ ok: true, value: 'ready' });
  port.on('message', (req: { op: keyof H5Ops; args: unknown[] }) => {
    try {
      reply({ ok: true, value: (ops[req.op] as (...a: unknown[]) => unknown)(...req.args) });
    } catch (err) {
      reply({ ok: false, error: message(err) });
    }
  });
})();
