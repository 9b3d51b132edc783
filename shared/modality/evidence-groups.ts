import type { Evidence } from '../model/evidence';
import { GENERIC_MODALITY, modalityInfo, type Modality } from './modalities';

/** A fileset's evidence sorted for reading: for its modality, for others, what the scan read, and what the study and the user added. */
export interface EvidenceGroups {
  readonly forModality: readonly Evidence[];
  readonly against: readonly Evidence[];
  readonly read: readonly Evidence[];
  readonly context: readonly Evidence[];
}

/** Sorts evidence into the groups a reader needs, keeping each group's order (strongest first where the engine sorted it). */
export function groupEvidence(modality: Modality, evidence: readonly Evidence[]): EvidenceGroups {
  const generic = GENERIC_MODALITY[modalityInfo(modality).group];
  const forModality: Evidence[] = [];
  const against: Evidence[] = [];
  const read: Evidence[] = [];
  const context: Evidence[] = [];
  for (const e of evidence) {
    if (e.supports === undefined) (e.stage === 'policy' || e.stage === 'user' || (e.stage === undefined && (e.source === 'study' || e.source === 'user')) ? context : read).push(e);
    else if (e.supports === modality || e.supports === generic) forModality.push(e);
    else against.push(e);
  }
  return { forModality, against, read, context };
}
