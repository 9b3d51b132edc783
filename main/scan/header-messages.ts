import type { SampleResult } from '../../shared/formats/aggregate';
import type { Issue } from '../../shared/model/issue';

/** One header to read, numbered by the pool. */
export interface PoolJob {
  readonly i: number;
  readonly rel: string;
  readonly abs: string;
}

/** Start data of a header worker: links followed or not, and the shared words it reports its current file in. */
export interface HeaderWorkerData {
  readonly followSymlinks: boolean;
  /** Int32Array over it: [0] the job being read (−1 when idle), [1] how many jobs were started. */
  readonly progress: SharedArrayBuffer;
}

/** Main → worker: read these. */
export interface HeaderWorkerRequest {
  readonly jobs: readonly PoolJob[];
}

/** Worker → main: what a batch of jobs gave. */
export interface HeaderWorkerResults {
  readonly results: readonly { readonly i: number; readonly sample: SampleResult; readonly issue?: Issue }[];
}

/** Index of the job being read in a worker's progress words. */
export const CURRENT_JOB = 0;
/** Index of the count of jobs a worker has started. */
export const STARTED_JOBS = 1;
/** No job being read. */
export const IDLE = -1;
