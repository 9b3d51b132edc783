import type { Evidence } from '../../../../shared/model/evidence';
import type { H5File, H5Value } from './h5-access';

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

/** A positive finite number, or undefined. */
export function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A count (non-negative safe integer), or undefined. */
export function count(n: number | undefined): number | undefined {
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Nanometres per unit for the length units HDF5 writers use ("um", "µm", "micron", "nm", "mm", "m", "Å"). */
export function nmPerUnit(unit: string | undefined): number | undefined {
  if (unit === undefined) return undefined;
  const u = unit.trim().toLowerCase();
  if (u === 'm' || u === 'meter' || u === 'metre') return 1e9;
  if (u === 'mm' || u === 'millimeter' || u === 'millimetre') return 1e6;
  if (u === 'um' || u === 'µm' || u === 'μm' || u === 'micron' || u === 'micrometer' || u === 'micrometre') return 1e3;
  if (u === 'nm' || u === 'nanometer' || u === 'nanometre') return 1;
  if (u === 'pm' || u === 'picometer' || u === 'picometre') return 1e-3;
  if (u === 'å' || u === 'a' || u === 'angstrom' || u === 'ångström') return 0.1;
  return undefined;
}

/** Joins path parts into an absolute HDF5 path. */
export function h5path(...parts: string[]): string {
  return '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
}
