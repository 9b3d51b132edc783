import { StudyMetadataSchema, type StudyMetadata, type StudyMetadataInput } from '../../../shared/deposit/metadata';

/**
 * The metadata as typed, in the shape the engine takes it (defaults applied). A half-typed document that
 * does not fit the schema yet (an author without a family name) still gives its accessions and facility,
 * so the citation text follows the accessions as they are typed; `complete` says whether all of it was used.
 */
export function engineMetadata(input: StudyMetadataInput): { readonly metadata: StudyMetadata; readonly complete: boolean } {
  const whole = StudyMetadataSchema.safeParse(input);
  if (whole.success) return { metadata: whole.data, complete: true };
  const part = StudyMetadataSchema.safeParse({ accessions: input.accessions, facility: input.facility });
  if (part.success) return { metadata: part.data, complete: false };
  const accessionsOnly = StudyMetadataSchema.safeParse({ accessions: input.accessions });
  return { metadata: accessionsOnly.success ? accessionsOnly.data : StudyMetadataSchema.parse({}), complete: false };
}
