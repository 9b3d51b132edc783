import type { Evidence } from '../model/evidence';
import type { FactName, Facts } from '../formats/facts';

/** Facts that travel from an acquisition sidecar to the data it describes. */
export const ACQUISITION_FACTS: readonly FactName[] = [
  'voltageKV',
  'pixelSize',
  'tiltAngles',
  'magnification',
  'dose',
  'detector',
  'instrument',
  'imagingMode',
  'creator',
  'xrayEnergyKeV',
  'arrangement',
  'channels',
  'plate',
];

/**
 * The named facts of a sidecar, re-labelled as coming from it, that the data does not state itself
 * (a header always wins over a sidecar), with one evidence line naming what was taken.
 */
export function borrowFacts(
  from: Facts,
  names: readonly FactName[],
  data: Facts,
  sidecarFile: string,
  provenance: 'sidecar' | 'layout' = 'sidecar',
): { facts: Facts; evidence: Evidence[] } {
  const facts: Record<string, unknown> = {};
  const taken: string[] = [];
  for (const name of names) {
    const fact = from[name];
    if (!fact || data[name]) continue;
    facts[name] = { ...fact, provenance, source: sidecarFile };
    taken.push(name);
  }
  return {
    facts: facts as Facts,
    evidence: taken.length > 0 ? [{ source: provenance, detail: `${taken.join(', ')} taken from ${sidecarFile}, which describes these files.`, weight: 0.6 }] : [],
  };
}
