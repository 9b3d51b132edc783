import type { Evidence } from '../model/evidence';
import { conflictClass, GENERIC_MODALITY, isGeneric, MODALITIES, modalityInfo, type Modality } from './modalities';
import type { ModalityResult, Vote } from './types';

/** Share of a rival's score taken off the winner's when the rival routes elsewhere (another conflict class). */
export const CROSS_CLASS_PENALTY = 0.5;
/** Share taken off for a rival that routes alike (confocal against widefield, say). */
export const SAME_CLASS_PENALTY = 0.2;
/**
 * Modalities that are light microscopy put to a purpose (a high-content screen, the images of a spatial-omics
 * run): once something says the purpose, every light-microscopy vote (confocal, channels, dyes) is evidence
 * for it too, so the technique never outvotes the purpose it served.
 */
const LIGHT_PURPOSES: ReadonlySet<Modality> = new Set(['hcs', 'spatial-omics-image']);

/** Decimal places kept in confidences and scores, so reports are stable and readable. */
const DIGITS = 3;

const ORDER: ReadonlyMap<Modality, number> = new Map(MODALITIES.map((m, i) => [m, i]));

function round(n: number): number {
  return Number(n.toFixed(DIGITS));
}

/** Noisy-OR: the chance at least one piece of evidence is right, each on its own. */
function noisyOr(weights: readonly number[]): number {
  return 1 - weights.reduce((p, w) => p * (1 - w), 1);
}

/** What fusing found when no rule said anything. */
const NOTHING: ModalityResult = {
  modality: 'unknown',
  confidence: 0,
  evidence: [{ source: 'header', detail: 'Nothing read from these files says what they are.', weight: 0 }],
  alternatives: [],
};

/**
 * Fuses votes into one modality: each modality's score is the noisy-OR of its votes (a specific technique
 * also counts its group's generic votes: "light microscopy" supports "confocal"); the best score wins;
 * rivals lower the confidence, much when they route elsewhere, little when they route alike. Every vote
 * stays in the evidence with the modality it speaks for, winners first.
 */
export function fuse(all: readonly Vote[]): ModalityResult {
  const firm = all.filter((v) => !v.fallback);
  const votes = firm.length > 0 ? firm : all;
  if (votes.length === 0) return NOTHING;
  const byModality = new Map<Modality, number[]>();
  for (const v of votes) byModality.set(v.modality, [...(byModality.get(v.modality) ?? []), v.weight]);
  const lightVotes = votes.filter((v) => modalityInfo(v.modality).group === 'light').map((v) => v.weight);
  const score = (m: Modality): number => {
    const generic = GENERIC_MODALITY[modalityInfo(m).group];
    const extra = generic && generic !== m ? (byModality.get(generic) ?? []) : [];
    // A screen or a spatial-omics image is light microscopy put to a purpose: how it was imaged supports it too.
    const base = LIGHT_PURPOSES.has(m) ? lightVotes : [];
    return noisyOr([...(byModality.get(m) ?? []), ...extra, ...base]);
  };
  const ranked = [...byModality.keys()]
    .map((m) => ({ modality: m, score: score(m) }))
    .sort((a, b) => b.score - a.score || Number(isGeneric(a.modality)) - Number(isGeneric(b.modality)) || ORDER.get(a.modality)! - ORDER.get(b.modality)!);
  const winner = ranked[0]!;
  const rivals = ranked.slice(1).filter((r) => !(isGeneric(r.modality) && modalityInfo(r.modality).group === modalityInfo(winner.modality).group));
  const cross = Math.max(0, ...rivals.filter((r) => conflictClass(r.modality) !== conflictClass(winner.modality)).map((r) => r.score));
  const same = Math.max(0, ...rivals.filter((r) => conflictClass(r.modality) === conflictClass(winner.modality)).map((r) => r.score));
  const confidence = winner.score * (1 - CROSS_CLASS_PENALTY * cross) * (1 - SAME_CLASS_PENALTY * same);
  const forWinner = (v: Vote) => v.modality === winner.modality || v.modality === GENERIC_MODALITY[modalityInfo(winner.modality).group];
  const ordered = [...votes].sort((a, b) => Number(forWinner(b)) - Number(forWinner(a)) || b.weight - a.weight);
  const evidence: Evidence[] = ordered.map((v) => ({ source: v.source, detail: v.detail, weight: v.weight, supports: v.modality }));
  const supports = votes.find((v) => v.modality === winner.modality && v.supports)?.supports;
  return {
    modality: winner.modality,
    confidence: round(confidence),
    evidence,
    alternatives: rivals.map((r) => ({ modality: r.modality, score: round(r.score) })),
    ...(supports ? { supports } : {}),
  };
}
