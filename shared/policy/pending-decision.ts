import type { Fileset } from '../model/fileset';

/** Why a fileset stays in review until modality inference and the policy catalog are in place. */
export const PENDING_REASON =
  'Its format was read from the files, but the imaging modality has not been inferred and the archiving ' +
  'policy has not been applied yet, so this fileset needs review.';

/** The decision fields of a fileset before modality inference and policy exist: always REVIEW, never a guess. */
export function pendingDecision(): Pick<Fileset, 'modality' | 'confidence' | 'destination' | 'clauseId' | 'reason'> {
  return { modality: 'unknown', confidence: 0, destination: 'REVIEW', clauseId: null, reason: PENDING_REASON };
}
