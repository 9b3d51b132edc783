import type { Facts } from '../../../shared/formats/facts';
import { count, positive } from './numbers';
import { significant, toNanometres } from './units';

/** Builders of facts with header provenance, for readers that collect plain values first. */

/** Most channels listed in a `channels` fact (anything above is a parsing accident, not an instrument). */
export const MAX_CHANNELS = 64;

/** Lengths in a unit → a pixelSize fact in nm (x required), or `undefined` when x is not a positive length. */
export function pixelSizeFact(x: number | undefined, y: number | undefined, z: number | undefined, unit: string): Facts['pixelSize'] {
  const nx = toNanometres(x, unit);
  if (nx === undefined) return undefined;
  const ny = toNanometres(y, unit);
  const nz = toNanometres(z, unit);
  const round = (v: number): number => significant(v, 9);
  return { value: { x: round(nx), ...(ny ? { y: round(ny) } : {}), ...(nz ? { z: round(nz) } : {}) }, unit: 'nm', provenance: 'header' };
}

/** Axis sizes → a dimensions fact with only the valid ones (counts ≥ 1), or `undefined` when none is. */
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

/** Drops undefined entries of a facts object so zod's strict schema sees only set facts. */
export function compact(facts: Facts): Facts {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) if (v !== undefined) out[k] = v;
  return out as Facts;
}
