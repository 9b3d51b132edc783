import type { ChecksumAlgorithm } from '../../shared/export/checksum-algorithm';
import type { HashOutcome, KnownDigests } from './hash-file';

/** What the checksum worker is started with. */
export interface ChecksumWorkerData {
  readonly algorithms: readonly ChecksumAlgorithm[];
}

/** One file for the worker to hash: `path` is absolute (bytes when its name is not UTF-8). */
export interface ChecksumRequest {
  readonly id: number;
  readonly path: string | Uint8Array;
  readonly known?: KnownDigests;
}

/** What the worker sends back: bytes read so far (progress), or a file's outcome. */
export type ChecksumWorkerMessage =
  | { readonly type: 'bytes'; readonly bytes: number }
  | { readonly type: 'result'; readonly id: number; readonly outcome: HashOutcome };
