import type { Issue } from '../../shared/model/issue';
import type { WalkRoot } from './walker';

/** What the walk worker is started with. */
export interface WalkWorkerData {
  readonly roots: readonly WalkRoot[];
  readonly followSymlinks: boolean;
}

/** A folder the worker met, sent once; later messages refer to it by `id`. */
export interface WorkerDir {
  readonly id: number;
  readonly rootIndex: number;
  readonly rel: string;
  readonly display: string;
}

/** Everything the worker found since its last message, in the order the sink must hear it. */
export interface WalkBatch {
  readonly type: 'batch';
  readonly dirs: readonly WorkerDir[];
  /** Folder ids whose reading started. */
  readonly entered: readonly number[];
  readonly fileDirs: Uint32Array;
  readonly fileNames: readonly string[];
  readonly fileSizes: Float64Array;
  readonly fileTimes: Float64Array;
  /** Folder ids whose listing arrived. */
  readonly listed: readonly number[];
  readonly issues: readonly Issue[];
}

/** Messages from the walk worker. */
export type WalkWorkerMessage = WalkBatch | { readonly type: 'done' } | { readonly type: 'error'; readonly message: string };
