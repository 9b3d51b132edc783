import type { Evidence, EvidenceSource } from '../model/evidence';
import type { Fileset } from '../model/fileset';
import type { Modality } from './modalities';

/** What modality inference reads of a fileset: everything the scan found, before any decision. */
export type ModalityInput = Pick<
  Fileset,
  'id' | 'root' | 'directory' | 'pattern' | 'extension' | 'files' | 'fileCount' | 'bytes' | 'format' | 'formatConfidence' | 'kind' | 'facts' | 'layouts' | 'evidence'
>;

/** One piece of evidence for one modality, as a rule states it: how strongly (0–1), from where, and why. */
export interface Vote {
  readonly modality: Modality;
  readonly weight: number;
  readonly source: EvidenceSource;
  readonly detail: string;
  /** For supporting metadata and processing outputs: the modality of the data they describe, when they say it. */
  readonly supports?: Modality;
  /** A fallback vote counts only when no other vote names a modality (a plain picture is "some imaging" only if nothing says more). */
  readonly fallback?: boolean;
}

/** A modality with the evidence for it and how sure it is (0–1). */
export interface ModalityResult {
  readonly modality: Modality;
  readonly confidence: number;
  /** Every piece of evidence weighed, for and against, each naming its source, weight and the modality it speaks for. */
  readonly evidence: readonly Evidence[];
  /** The runner-up modalities and their scores, when evidence conflicted. */
  readonly alternatives: readonly { readonly modality: Modality; readonly score: number }[];
  /** For supporting metadata and processing outputs: the modality of the data they describe, when known. */
  readonly supports?: Modality;
}
