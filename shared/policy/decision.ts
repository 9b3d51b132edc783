import { destinationLabel, type Destination, type OmicsArchive } from '../model/destination';
import type { Evidence } from '../model/evidence';
import { modalityLabel } from '../modality/modalities';
import { clause, type ClauseId } from './catalog';
import { placeOf } from '../naming/place';
import type { Decision, RouteInput } from './types';

/** Compares filesets by root, folder and pattern (code units), so picks and examples never depend on scan order. */
export function byPlace(a: Pick<RouteInput, 'root' | 'directory' | 'pattern'>, b: Pick<RouteInput, 'root' | 'directory' | 'pattern'>): number {
  const ka = placeKey(a);
  const kb = placeKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The sort key of a fileset's place: root, folder, pattern. */
export function placeKey(f: Pick<RouteInput, 'root' | 'directory' | 'pattern'>): string {
  return `${f.root}\0${f.directory}\0${f.pattern}`;
}

/** Sorted as by `byPlace`, each place key built once rather than in every comparison (issue 11). */
export function sortedByPlace<T extends Pick<RouteInput, 'root' | 'directory' | 'pattern'>>(list: readonly T[]): T[] {
  return list
    .map((f) => ({ f, k: placeKey(f) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.f);
}

/** The first of a list sorted by `byPlace` (the earliest of equals), found in one pass. */
export function firstByPlace<T extends Pick<RouteInput, 'root' | 'directory' | 'pattern'>>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestKey = '';
  for (const f of list) {
    const k = placeKey(f);
    if (best === undefined || k < bestKey) {
      best = f;
      bestKey = k;
    }
  }
  return best;
}

/** How a fileset reads in a reason: its folder and pattern. */
export function where(f: Pick<RouteInput, 'directory' | 'pattern'>): string {
  return placeOf(f);
}

/** The opening of a reason: the modality, how sure, and the strongest evidence for it. */
export function modalityPhrase(f: RouteInput): string {
  if (f.override?.modality) return `You set the modality to ${modalityLabel(f.modality)}.`;
  return `Read as ${modalityLabel(f.modality)}, confidence ${f.confidence.toFixed(2)}${f.because ? ` — ${f.because}` : '.'}`;
}

/** Extras a decision may carry beyond its clause. */
export interface DecisionExtras {
  /** Replaces the modality phrase that opens the reason. */
  readonly opening?: string;
  /** Added after the clause's sentence. */
  readonly more?: string;
  readonly evidence?: readonly Evidence[];
  readonly destination?: Destination;
  readonly omicsArchive?: OmicsArchive;
}

/**
 * A decision by one clause for one fileset: the clause's destination (or the one given, for clauses that
 * follow other data), and a reason that opens with what the fileset is and closes with what the clause says.
 */
export function decide(id: ClauseId, f: RouteInput, extras: DecisionExtras = {}): Decision {
  const c = clause(id);
  const destination = extras.destination ?? (c.destination === 'FOLLOWS' || c.destination === 'USER' || c.destination === null ? 'REVIEW' : c.destination);
  const omicsArchive = extras.omicsArchive ?? c.omicsArchive;
  const opening = extras.opening ?? modalityPhrase(f);
  return {
    destination,
    clauseId: id,
    reason: [opening, c.sentence, extras.more].filter(Boolean).join(' '),
    ...(destination === 'OMICS' && omicsArchive ? { omicsArchive } : {}),
    notes: [],
    evidence: extras.evidence ?? [],
    ...(f.override?.modality ? { overridden: { modality: f.modality } } : {}),
  };
}

/** The user's destination in place of the policy's, keeping what the policy would have said. */
export function overrideDecision(f: RouteInput, policy: Decision): Decision {
  const o = f.override!;
  const destination = o.destination!;
  const archive = destination === 'OMICS' ? (o.omicsArchive ?? policy.omicsArchive) : undefined;
  const same = destination === policy.destination && (destination !== 'OMICS' || archive === policy.omicsArchive);
  const opening = `You set the destination to ${destinationLabel(destination, archive)}${destination === 'OMICS' && !archive ? ' (choose which omics archive)' : ''}.`;
  const policySaid = same ? 'The policy says the same' : `The policy would send it to ${destinationLabel(policy.destination, policy.omicsArchive)}`;
  return {
    destination,
    clauseId: 'user-override',
    reason: `${opening} ${policySaid} [${policy.clauseId}]: ${policy.reason}`,
    ...(archive ? { omicsArchive: archive } : {}),
    notes: [],
    evidence: [{ source: 'user', detail: `Destination set by you: ${destinationLabel(destination, archive)}.`, weight: 1 }, ...policy.evidence],
    overridden: { ...(f.override?.modality ? { modality: f.modality } : {}), destination },
  };
}
