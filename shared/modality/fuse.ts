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

/**
 * Noisy-OR, 1 − Π(1 − w): the chance at least one piece of evidence is right, each on its own. This is the
 * running product Π(1 − w) over `weights`, continued from `p`, so several lists multiply as one.
 */
function productOfMisses(weights: readonly number[] | undefined, p: number): number {
  if (weights) for (const w of weights) p *= 1 - w;
  return p;
}

/**
 * A modality's score: the noisy-OR of its votes, its group's generic votes and, for a purpose of light
 * microscopy, every light-microscopy vote, in that order. A module function, not a closure per fuse: tsx's
 * keep-names helper redefined each closure's name on every call (issue 11).
 */
function scoreOf(m: Modality, byModality: ReadonlyMap<Modality, readonly number[]>, lightVotes: readonly number[]): number {
  const generic = GENERIC_MODALITY[modalityInfo(m).group];
  let p = productOfMisses(byModality.get(m), 1);
  if (generic && generic !== m) p = productOfMisses(byModality.get(generic), p);
  // A screen or a spatial-omics image is light microscopy put to a purpose: how it was imaged supports it too.
  if (LIGHT_PURPOSES.has(m)) p = productOfMisses(lightVotes, p);
  return 1 - p;
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
  // Filtered only when some vote is a fallback: with none, the firm votes are all of them (issue 11).
  const firm = all.some((v) => v.fallback) ? all.filter((v) => !v.fallback) : all;
  const votes = firm.length > 0 ? firm : all;
  if (votes.length === 0) return NOTHING;
  // Loops and in-place products rather than spreads: fuse runs twice per fileset (issue 11). Every product is
  // taken in the order the spread arrays listed the weights, so the scores are the same to the last bit.
  const byModality = new Map<Modality, number[]>();
  const lightVotes: number[] = [];
  for (const v of votes) {
    const list = byModality.get(v.modality);
    if (list) list.push(v.weight);
    else byModality.set(v.modality, [v.weight]);
    if (modalityInfo(v.modality).group === 'light') lightVotes.push(v.weight);
  }
  const ranked: { modality: Modality; score: number }[] = [];
  for (const m of byModality.keys()) ranked.push({ modality: m, score: scoreOf(m, byModality, lightVotes) });
  ranked.sort((a, b) => b.score - a.score || Number(isGeneric(a.modality)) - Number(isGeneric(b.modality)) || ORDER.get(a.modality)! - ORDER.get(b.modality)!);
  const winner = ranked[0]!;
  const winnerGroup = modalityInfo(winner.modality).group;
  const winnerClass = conflictClass(winner.modality);
  const rivals: { modality: Modality; score: number }[] = [];
  let cross = 0;
  let same = 0;
  for (let i = 1; i < ranked.length; i++) {
    const r = ranked[i]!;
    if (isGeneric(r.modality) && modalityInfo(r.modality).group === winnerGroup) continue;
    rivals.push(r);
    if (conflictClass(r.modality) !== winnerClass) cross = Math.max(cross, r.score);
    else same = Math.max(same, r.score);
  }
  const confidence = winner.score * (1 - CROSS_CLASS_PENALTY * cross) * (1 - SAME_CLASS_PENALTY * same);
  const winnerGeneric = GENERIC_MODALITY[winnerGroup];
  const ordered = [...votes].sort(
    (a, b) => Number(b.modality === winner.modality || b.modality === winnerGeneric) - Number(a.modality === winner.modality || a.modality === winnerGeneric) || b.weight - a.weight,
  );
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
