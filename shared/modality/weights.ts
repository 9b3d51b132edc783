import type { EvidenceSource } from '../model/evidence';
import type { Modality } from './modalities';
import type { Signals } from './signals';
import type { Vote } from './types';

/**
 * How strongly one piece of evidence speaks for a modality (0–1). Votes for one modality combine as a
 * noisy-OR (1 − Π(1 − w)), so two fair hints make a good case and no pile of hints makes certainty.
 */
export const W = {
  /** A field whose only meaning is the answer: an EMDB accession label, patient tags, a tilt-series flag. */
  DEFINING: 0.95,
  /** An acquisition mode or vendor field that names the technique. */
  STRONG: 0.85,
  /** A format or layout used for little else. */
  GOOD: 0.7,
  /** A format or physical quantity typical of the technique, with known exceptions. */
  FAIR: 0.55,
  /** Context: neighbours, study, folder conventions. */
  WEAK: 0.4,
  /** A name. */
  HINT: 0.3,
} as const;

/** Builds a vote. */
export function vote(modality: Modality, weight: number, source: EvidenceSource, detail: string, supports?: Modality): Vote {
  return { modality, weight, source, detail, ...(supports ? { supports } : {}) };
}

/** Builds a fallback vote: it counts only when no other vote names a modality. */
export function fallbackVote(modality: Modality, weight: number, source: EvidenceSource, detail: string): Vote {
  return { modality, weight, source, detail, fallback: true };
}

/** A rule: one small function from a fileset's signals to the votes it casts (none when it does not apply). */
export interface ModalityRule {
  /** Stable id, for tests and for reading the evidence back to the rule. */
  readonly id: string;
  readonly votes: (s: Signals) => readonly Vote[];
}
