/** Significant digits a float32 carries (IEEE 754 binary32: 24-bit significand ≈ 7.2 decimal digits), less one for safety. */
export const FLOAT32_DIGITS = 6;

/** Rounds to `digits` significant digits, so 0.8 read as float32 and scaled to nm gives 800000, not 800000.0119. */
export function significant(value: number, digits: number = FLOAT32_DIGITS): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** Nanometres per unit, for the length units headers use (names as written by OME, NGFF, ImageJ, vendors). */
export const NM_PER_UNIT: Readonly<Record<string, number>> = {
  m: 1e9,
  meter: 1e9,
  metre: 1e9,
  mm: 1e6,
  millimeter: 1e6,
  millimetre: 1e6,
  µm: 1e3,
  μm: 1e3,
  um: 1e3,
  micron: 1e3,
  microns: 1e3,
  micrometer: 1e3,
  micrometre: 1e3,
  nm: 1,
  nanometer: 1,
  nanometre: 1,
  Å: 0.1,
  A: 0.1,
  angstrom: 0.1,
  pm: 1e-3,
  picometer: 1e-3,
};

/** A length in nanometres, or `undefined` for an unknown unit or a value that is not a positive finite number. */
export function toNanometres(value: number, unit: string): number | undefined {
  const factor = NM_PER_UNIT[unit] ?? NM_PER_UNIT[unit.toLowerCase()];
  if (factor === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  return significant(value * factor, 12);
}
