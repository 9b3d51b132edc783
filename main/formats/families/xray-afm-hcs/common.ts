import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { significant, toNanometres } from '../../../../shared/formats/units';
import { MAX_READ_BYTES, type DetectContext, type Detection } from '../../detector';
import { guardDetector, neverThrow, readPrefix as readPrefixShared, type Prefix } from '../../read-helpers';

/**
 * Most bytes a text or XML detector of this family reads from the start of a file: every header, log and
 * index we read fits (a 384-well Harmony index is a few MB); longer files are read as a prefix and the
 * detection says so. One read, a quarter of the per-file budget (detector.ts MAX_TOTAL_READ_BYTES).
 */
export const TEXT_PREFIX_BYTES = MAX_READ_BYTES;

/** Largest plate side accepted (1536-well plates are 32 × 48); larger numbers are not plate geometry. */
export const MAX_PLATE_SIDE = 1000;

/** Largest image side accepted, in pixels; larger numbers are not image sizes. */
export const MAX_IMAGE_SIDE = 1_000_000;

export type { Prefix } from '../../read-helpers';

/** Reads up to `limit` bytes (TEXT_PREFIX_BYTES by default) from the start of the file; never throws. */
export function readPrefix(ctx: DetectContext, limit: number = TEXT_PREFIX_BYTES): Promise<Prefix> {
  return readPrefixShared(ctx, limit);
}

/** Runs a detector body and turns any exception into "not mine", so `detect` never throws. */
export function guarded(body: (ctx: DetectContext) => Promise<Detection | null>): (ctx: DetectContext) => Promise<Detection | null> {
  return (ctx) => neverThrow(() => body(ctx), () => null);
}

/** A detector whose `sniff` and `detect` never throw. */
export const detector = guardDetector;

/** A header evidence sentence. */
export function header(detail: string, weight: number): Evidence {
  return { source: 'header', detail, weight };
}

/** A positive finite number, or `undefined`. */
export function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A count (integer ≥ 1 up to `max`), or `undefined`. */
export function count(n: number | undefined, max = 1e9): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

/** Lengths in a unit → a pixelSize fact in nm (x required), or `undefined` when x is not a positive length. */
export function pixelSizeFact(x: number | undefined, y: number | undefined, z: number | undefined, unit: string): Facts['pixelSize'] {
  const nx = x === undefined ? undefined : toNanometres(x, unit);
  if (nx === undefined) return undefined;
  const ny = y === undefined ? undefined : toNanometres(y, unit);
  const nz = z === undefined ? undefined : toNanometres(z, unit);
  const round = (v: number): number => significant(v, 9);
  return { value: { x: round(nx), ...(ny ? { y: round(ny) } : {}), ...(nz ? { z: round(nz) } : {}) }, unit: 'nm', provenance: 'header' };
}

/** Axis sizes → a dimensions fact with only the valid ones, or `undefined` when none is. */
export function dimensionsFact(d: { x?: number; y?: number; z?: number; c?: number; t?: number }): Facts['dimensions'] {
  const value: { x?: number; y?: number; z?: number; c?: number; t?: number } = {};
  for (const k of ['x', 'y', 'z', 'c', 't'] as const) {
    const v = count(d[k]);
    if (v !== undefined) value[k] = v;
  }
  return Object.keys(value).length > 0 ? { value, provenance: 'header' } : undefined;
}

/** A voltage in kV → voltageKV and, for an X-ray tube, the same number as the highest photon energy in keV. */
export function xrayTubeFacts(kv: number | undefined): Pick<Facts, 'voltageKV' | 'xrayEnergyKeV'> {
  const v = positive(kv);
  if (v === undefined) return {};
  const value = significant(v, 6);
  return { voltageKV: { value, unit: 'kV', provenance: 'header' }, xrayEnergyKeV: { value, unit: 'keV', provenance: 'header' } };
}

/** A record of header fields without empty values (the `header` fact). */
export function headerFact(fields: Record<string, string | number | boolean | null | undefined>): Facts['header'] {
  const value: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v))) continue;
    value[k] = v;
  }
  return Object.keys(value).length > 0 ? { value, provenance: 'header' } : undefined;
}

/** Removes surrounding double or single quotes and whitespace from an INI value. */
export function unquote(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const m = /^"(.*)"$|^'(.*)'$/.exec(v);
  const out = (m ? (m[1] ?? m[2] ?? '') : v).trim();
  return out === '' ? undefined : out;
}

/** A non-empty trimmed string, or `undefined`; long values are cut (header text is shown to people). */
export function text(value: string | undefined, max = 200): string | undefined {
  if (value === undefined) return undefined;
  const v = Array.from(value, (c) => (c.charCodeAt(0) < 0x20 ? ' ' : c))
    .join('')
    .trim();
  return v === '' ? undefined : v.slice(0, max);
}

/** Drops undefined entries of a facts object so zod's strict schema sees only set facts. */
export function compact(facts: Facts): Facts {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) if (v !== undefined) out[k] = v;
  return out as Facts;
}
