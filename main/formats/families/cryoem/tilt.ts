import { significant } from '../../kit/units';

/**
 * A tilt range at least this wide across the images of one stack makes it a tilt series. Real tilt series
 * span ±40–70° (docs/formats.md §5: the sample spans −60…+60°); 20° keeps a few tilted views of
 * one area, or stage noise around 0°, out.
 */
export const TILT_SERIES_MIN_RANGE_DEG = 20;

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
