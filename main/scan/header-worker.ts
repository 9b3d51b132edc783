// Entry of a header worker thread: reads headers with blocking calls (main/formats/context.ts
// contextFromFileSync) and sends the samples back per batch. The main thread watches the shared progress
// words and terminates a worker stuck on one file (main/scan/header-pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { contextFromFileSync } from '../formats/context';
import { CURRENT_JOB, IDLE, STARTED_JOBS, type HeaderWorkerData, type HeaderWorkerRequest, type HeaderWorkerResults } from './header-messages';
import { readHeaderJob } from './read-headers';

const port = parentPort;
if (!port) throw new Error('header-worker must run as a worker thread');
const data = workerData as HeaderWorkerData;
const progress = new Int32Array(data.progress);
const queue: HeaderWorkerRequest[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let batch = queue.shift(); batch; batch = queue.shift()) {
    const results: HeaderWorkerResults['results'][number][] = [];
    for (const job of batch.jobs) {
      Atomics.store(progress, CURRENT_JOB, job.i);
      Atomics.add(progress, STARTED_JOBS, 1);
      const { sample, issue } = await readHeaderJob(job, contextFromFileSync, data.followSymlinks);
      results.push(issue ? { i: job.i, sample, issue } : { i: job.i, sample });
    }
    Atomics.store(progress, CURRENT_JOB, IDLE);
    port!.postMessage({ results } satisfies HeaderWorkerResults);
  }
  running = false;
}

port.on('message', (msg: HeaderWorkerRequest) => {
  queue.push(msg);
  if (!running) void drain();
});
