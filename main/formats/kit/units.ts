/**
 * The one table of length units and the conversions readers apply to header values. Facts are normalised
 * (shared/formats/facts.ts): lengths in nm, voltages in kV.
 */

/** Significant digits a float32 carries (IEEE 754 binary32: 24-bit significand ≈ 7.2 decimal digits), less one for safety. */
export const FLOAT32_DIGITS = 6;

/** Physical pixel sizes outside (0, 1 m) are not believed. */
const MAX_PIXEL_NM = 1e9;

/** Rounds to `digits` significant digits, so 0.8 read as float32 and scaled to nm gives 800000, not 800000.0119. */
export function significant(value: number, digits: number = FLOAT32_DIGITS): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/**
 * Nanometres per unit, for the length units headers write: SI names and symbols as OME, OME-NGFF
 * ("micrometer"), ImageJ ("micron"), CZI (metres), LIF ("m"/"um"), OIR ("MICRO_METER") and vendors write them.
 * Looked up as written, then lower-case without "_" or spaces (see `unitToNm`).
 */
export const NM_PER_UNIT: Readonly<Record<string, number>> = {
  m: 1e9,
  meter: 1e9,
  metre: 1e9,
  cm: 1e7,
  centimeter: 1e7,
  centimetre: 1e7,
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
  å: 0.1,
  A: 0.1,
  a: 0.1,
  angstrom: 0.1,
  ångström: 0.1,
  pm: 1e-3,
  picometer: 1e-3,
  picometre: 1e-3,
};

/** Nanometres per `unit`, or `undefined` for a unit that is not a length we know. */
export function unitToNm(unit: string | undefined): number | undefined {
  if (unit === undefined) return undefined;
  return NM_PER_UNIT[unit] ?? NM_PER_UNIT[unit.trim().toLowerCase().replace(/[_\s]/g, '')];
}

/** A length in nanometres, or `undefined` for an unknown unit or a value that is not a positive finite number. */
export function toNanometres(value: number | undefined, unit: string): number | undefined {
  const factor = unitToNm(unit);
  if (value === undefined || factor === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  return significant(value * factor, 12);
}

/** A physical pixel size in nm worth keeping: finite, positive, below a metre. */
export function plausibleNm(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v) && v > 0 && v < MAX_PIXEL_NM;
}

/** Rounds a converted length so that 1.0833e-6 m reads 1083.3333 nm, not 1083.3333333333333. */
export function roundNm(v: number): number {
  return significant(v, 10);
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
