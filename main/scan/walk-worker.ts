// Entry of the walk worker thread: runs the walker with blocking calls and streams what it finds to the
// main thread in batches. Cancelling terminates the thread; the main thread never waits for it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Issue } from '../../shared/model/issue';
import { syncWalkFs } from './sync-walk-fs';
import type { WalkBatch, WalkWorkerData, WalkWorkerMessage, WorkerDir } from './walk-messages';
import { SharedTextSlot } from './shared-text-slot';
import { walk, type WalkDir } from './walker';

/** Files per message: large enough that messaging costs little, small enough that progress stays live. */
const FLUSH_FILES = 4096;
/** Longest a found path waits in the worker before it is sent. */
const FLUSH_MS = 50;

const port = parentPort;
if (!port) throw new Error('walk-worker must run as a worker thread');
const data = workerData as WalkWorkerData & { readonly slot: SharedArrayBuffer };
/** The folder being read, visible to the main thread even while a blocking call hangs. */
const current = new SharedTextSlot(data.slot);

const ids = new Map<WalkDir, number>();
let newDirs: WorkerDir[] = [];
let entered: number[] = [];
let listed: number[] = [];
let issues: Issue[] = [];
let fileDirs: number[] = [];
let fileNames: string[] = [];
let fileSizes: number[] = [];
let fileTimes: number[] = [];
let lastFlush = Date.now();

function idOf(dir: WalkDir): number {
  let id = ids.get(dir);
  if (id === undefined) {
    id = ids.size;
    ids.set(dir, id);
    newDirs.push({ id, rootIndex: dir.root.index, rel: dir.rel, display: dir.display });
  }
  return id;
}

function flush(): void {
  // Typed arrays over fresh ArrayBuffers, moved (not copied) to the main thread.
  const dirIds = new Uint32Array(new ArrayBuffer(fileDirs.length * Uint32Array.BYTES_PER_ELEMENT));
  const sizes = new Float64Array(new ArrayBuffer(fileSizes.length * Float64Array.BYTES_PER_ELEMENT));
  const times = new Float64Array(new ArrayBuffer(fileTimes.length * Float64Array.BYTES_PER_ELEMENT));
  dirIds.set(fileDirs);
  sizes.set(fileSizes);
  times.set(fileTimes);
  const batch: WalkBatch = { type: 'batch', dirs: newDirs, entered, fileDirs: dirIds, fileNames, fileSizes: sizes, fileTimes: times, listed, issues };
  port!.postMessage(batch, [dirIds.buffer as ArrayBuffer, sizes.buffer as ArrayBuffer, times.buffer as ArrayBuffer]);
  newDirs = [];
  entered = [];
  listed = [];
  issues = [];
  fileDirs = [];
  fileNames = [];
  fileSizes = [];
  fileTimes = [];
  lastFlush = Date.now();
}

function maybeFlush(): void {
  if (fileNames.length >= FLUSH_FILES || Date.now() - lastFlush >= FLUSH_MS) flush();
}

walk(
  data.roots,
  {
    file(dir, name, size, mtimeMs) {
      fileDirs.push(idOf(dir));
      fileNames.push(name);
      fileSizes.push(size);
      fileTimes.push(mtimeMs);
      maybeFlush();
    },
    directory(dir) {
      current.write(dir.display);
      entered.push(idOf(dir));
      maybeFlush();
    },
    directoryRead(dir) {
      listed.push(idOf(dir));
    },
    issue(issue) {
      issues.push(issue);
    },
  },
  { fs: syncWalkFs, concurrency: 1, followSymlinks: data.followSymlinks },
).then(
  () => {
    flush();
    port.postMessage({ type: 'done' } satisfies WalkWorkerMessage);
  },
  (err: unknown) => {
    flush();
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies WalkWorkerMessage);
  },
);
