import type { Evidence } from '../../../../shared/model/evidence';
import { decodeText, looksLikeText } from '../../../../shared/decode/text';
import { significant } from '../../../../shared/formats/units';
import { CONFIDENCE, MAX_READ_BYTES, type DetectContext } from '../../detector';
import { guardDetector, readPrefix as readPrefixShared, type Prefix } from '../../read-helpers';

/**
 * Most bytes a text or XML reader of this family reads from the start of a file. Every sidecar we read
 * (mdoc of a large montage, EPU XML, DE info, STAR headers) fits; longer files are read as a prefix and
 * the detection says so. One read, half the per-read limit (detector.ts MAX_READ_BYTES).
 */
export const TEXT_PREFIX_BYTES = MAX_READ_BYTES / 2;

/**
 * A tilt range at least this wide across the images of one stack makes it a tilt series. Real tilt series
 * span ±40–70° (reference/formats.md §5: the sample spans −60…+60°); 20° keeps a few tilted views of
 * one area, or stage noise around 0°, out.
 */
export const TILT_SERIES_MIN_RANGE_DEG = 20;

/** Confidence of a plausibility check (no magic) that the extension confirms: above WEAK, below MAGIC. */
export const WEAK_WITH_EXTENSION = 0.8;

export type { Prefix } from '../../read-helpers';
export { safeRead } from '../../read-helpers';

/** Reads up to `limit` bytes (TEXT_PREFIX_BYTES by default) from the start of the file; never throws. */
export function readPrefix(ctx: DetectContext, limit: number = TEXT_PREFIX_BYTES): Promise<Prefix> {
  return readPrefixShared(ctx, limit);
}

/** Text of the first bytes when they look like text, else `null`. */
export function headText(bytes: Uint8Array): string | null {
  // A multi-byte character may be cut by the bounded read; looksLikeText allows for that.
  return looksLikeText(bytes) ? decodeText(bytes) : null;
}

/** Runs a detector body and turns any exception into "not mine", so `detect` never throws. */
export const guarded = guardDetector;

/** A header evidence sentence. */
export function ev(detail: string, weight: number): Evidence {
  return { source: 'header', detail, weight };
}

/** A positive finite number, or `undefined`. */
export function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** An integer count in [1, max], or `undefined`. */
export function count(n: number | undefined, max = 1e9): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

/** A value in [min, max], or `undefined`. */
export function within(n: number | undefined, min: number, max: number): number | undefined {
  return n !== undefined && Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

/** Ångström → nm with the digits a float32 header really has. */
export function angstromToNm(a: number): number {
  return significant(a / 10);
}

/** Metres → nm, to six significant digits (calibrations are not known better; 1.0558814e-10 m → 0.105588 nm). */
export function metresToNm(m: number): number {
  return significant(m * 1e9);
}

/** Volts → kV (a voltage written as 300000 V becomes 300 kV). */
export function voltsToKv(v: number): number {
  return significant(v / 1000, 12);
}

/** Min, max and count of angles; `undefined` when there are none. */
export function tiltStats(angles: readonly number[]): { min: number; max: number; count: number } | undefined {
  if (angles.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const a of angles) {
    if (a < min) min = a;
    if (a > max) max = a;
  }
  return { min: significant(min), max: significant(max), count: angles.length };
}

/** True when angles span a tilt series (see TILT_SERIES_MIN_RANGE_DEG) over at least three images. */
export function isTiltSeries(t: { min: number; max: number; count: number } | undefined): boolean {
  return t !== undefined && t.count >= 3 && t.max - t.min >= TILT_SERIES_MIN_RANGE_DEG;
}

/** WEAK, or WEAK_WITH_EXTENSION when the file's extension is one of `extensions`. */
export function weakConfidence(ctx: DetectContext, extensions: readonly string[]): number {
  return extensions.includes(ctx.ext) ? WEAK_WITH_EXTENSION : CONFIDENCE.WEAK;
}

/** Trims and collapses runs of blanks; `undefined` for an empty result. */
export function clean(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

/** The last path component of a Windows or POSIX path. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}
