/**
 * Number guards every reader uses on header values: a value that is not plausible becomes `undefined`,
 * so a lying header yields no fact rather than a wrong one.
 */

/** Largest plate side accepted (1536-well plates are 32 × 48, ANSI/SLAS 4-2004); larger numbers are not plate geometry. */
export const MAX_PLATE_SIDE = 1000;

/** Largest image side accepted by the text and index readers, in pixels; larger numbers are not image sizes. */
export const MAX_IMAGE_SIDE = 1_000_000;

/** Bound of `nonNegativeInt`: TIFF LONG allows 2^32 − 1 (TIFF 6.0 §2), but no image side or tag count reaches 2^31. */
const MAX_NON_NEGATIVE_INT = 2 ** 31;

/** Default bound of `count`: a billion images, channels or frames is no acquisition. */
const MAX_COUNT = 1e9;

/** A positive finite number, or `undefined`. */
export function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** An integer count in [1, max], or `undefined`. */
export function count(n: number | undefined, max = MAX_COUNT): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

/** A count worth reporting as a dimension (an integer in [1, 1e9)), as a type guard. */
export function plausibleCount(v: number | undefined): v is number {
  return count(v, MAX_COUNT - 1) !== undefined;
}

/** An integer in [0, below), or `undefined` (image sides, tag values that may be 0). */
export function nonNegativeInt(v: number | undefined, below = MAX_NON_NEGATIVE_INT): number | undefined {
  return v !== undefined && Number.isInteger(v) && v >= 0 && v < below ? v : undefined;
}

/** A value in [min, max], or `undefined`. */
export function within(n: number | undefined, min: number, max: number): number | undefined {
  return n !== undefined && Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

/** A number from text, or `undefined` when the text is not one (units after the number are ignored). */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^[\s]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
}

/** Text as a finite number (the whole text, not a prefix as `toNumber` takes), or `undefined`. */
export function exactNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : undefined;
}
