import type { Evidence } from '../../../../shared/model/evidence';
import type { H5File, H5Value } from './h5-access';
import { nonNegativeInt } from '../../kit/numbers';

/** What every HDF5 sub-type reader gets: the open file, its root listing and root attributes. */
export interface Hdf5Scan {
  readonly h5: H5File;
  /** Root children (first MAX_CHILDREN). */
  readonly root: readonly string[];
  /** How many root children there are in all. */
  readonly rootTotal: number;
  readonly rootAttrs: ReadonlyMap<string, H5Value>;
  /** Evidence about the container itself (signature offset, superblock version, user block). */
  readonly container: Evidence;
}

/** Header fields: strings, numbers, booleans or null, as the `header` fact allows. */
export type HeaderFields = Record<string, string | number | boolean | null>;

/** Adds a field to a header record when it has a value. */
export function put(header: HeaderFields, key: string, value: string | number | boolean | undefined): void {
  if (value !== undefined && value !== '') header[key] = value;
}

/** An HDF5 dimension or count: any non-negative safe integer (shapes of omics matrices may pass 2^31), or undefined. */
export function h5Count(n: number | undefined): number | undefined {
  return nonNegativeInt(n, Number.MAX_SAFE_INTEGER + 1);
}

/** Joins path parts into an absolute HDF5 path. */
export function h5path(...parts: string[]): string {
  return '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
}
