// The checksum worker (electron.vite.config.ts input `checksum-worker`): hashes one file at a time with
// blocking reads into one reused buffer and posts the outcome; the pool in checksum-pool.ts feeds it.
import { parentPort, workerData } from 'node:worker_threads';
import { HASH_CHUNK_BYTES, hashFileSync } from './hash-file';
import type { ChecksumRequest, ChecksumWorkerData, ChecksumWorkerMessage } from './checksum-messages';

/** Bytes read between two progress messages: 8 MiB keeps messages few while a big file still shows motion. */
const BYTES_REPORT_EVERY = 8 << 20;

const data = workerData as ChecksumWorkerData;
const port = parentPort;
if (!port) throw new Error('checksum-worker must run as a worker thread');
const buffer = new Uint8Array(HASH_CHUNK_BYTES);
let unreported = 0;

port.on('message', (req: ChecksumRequest) => {
  const outcome = hashFileSync(req.path, data.algorithms, buffer, req.known, (n) => {
    unreported += n;
    if (unreported >= BYTES_REPORT_EVERY) {
      port.postMessage({ type: 'bytes', bytes: unreported } satisfies ChecksumWorkerMessage);
      unreported = 0;
    }
  });
  if (unreported > 0) {
    port.postMessage({ type: 'bytes', bytes: unreported } satisfies ChecksumWorkerMessage);
    unreported = 0;
  }
  port.postMessage({ type: 'result', id: req.id, outcome } satisfies ChecksumWorkerMessage);
});
