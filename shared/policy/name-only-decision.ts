import type { Fileset } from '../model/fileset';
import { hintFromName } from '../formats/name-hints';
import { formatLabel } from '../formats/format-catalog';

/** The classification and decision fields of a fileset. */
export type Classification = Pick<
  Fileset,
  'format' | 'formatSource' | 'kind' | 'modality' | 'confidence' | 'evidence' | 'facts' | 'destination' | 'clauseId' | 'reason'
>;

/** Why a fileset stays in review while only its names are known. */
export const NAME_ONLY_REASON =
  'Only file names have been examined. The headers must be read and the imaging modality inferred before ' +
  'the policy can send this fileset anywhere, so it needs review.';

/**
 * Classifies a fileset from a representative file name only. A name is never enough to route data, so the
 * decision is always REVIEW; the suggested format is kept with its provenance so nobody mistakes it for a
 * fact read from the file.
 */
export function classifyByName(name: string): Classification {
  const hint = hintFromName(name);
  const decision = { modality: 'unknown', confidence: 0, facts: {}, destination: 'REVIEW', clauseId: null, reason: NAME_ONLY_REASON } as const;
  if (!hint) {
    return {
      ...decision,
      format: 'unknown',
      formatSource: 'none',
      kind: 'unknown',
      evidence: [{ source: 'extension', detail: `Neither the name nor the extension of "${name}" is one the catalog knows.`, weight: 0 }],
    };
  }
  return {
    ...decision,
    format: hint.format,
    formatSource: hint.source,
    kind: hint.kind,
    evidence: [
      {
        source: hint.source,
        detail: `${formatLabel(hint.format)} suggested by ${hint.because}; the file's bytes have not been read.`,
        weight: 0.2,
      },
    ],
  };
}
