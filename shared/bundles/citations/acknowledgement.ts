import type { StudyMetadata } from '../../deposit/metadata';

/**
 * The facility acknowledgement (docs/deposit.md §4.4): the facility's own wording when the metadata gives
 * one (facilities often prescribe it), otherwise a sentence naming the facility; `null` without a facility.
 */
export function facilityAcknowledgement(metadata: Pick<StudyMetadata, 'facility'>): string | null {
  const f = metadata.facility;
  if (!f) return null;
  if (f.acknowledgement) return f.acknowledgement;
  return `We thank the ${f.name} for access to its instruments and for support with data acquisition.`;
}
