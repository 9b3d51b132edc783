import { z } from 'zod';

/**
 * Where a fileset goes. `NONE` means it cannot be deposited at EBI (patient-associated medical imaging);
 * `REVIEW` means the evidence does not decide and the user must choose (docs/design.md, "Destinations").
 */
export const DESTINATIONS = ['EMPIAR', 'BIA', 'EMDB', 'OMICS', 'NONE', 'REVIEW'] as const;

/** Schema of one destination. */
export const DestinationSchema = z.enum(DESTINATIONS);

/** One destination. */
export type Destination = z.infer<typeof DestinationSchema>;

/** Archives a bundle can be built for: every destination except the two that are not archives. */
export const ARCHIVE_DESTINATIONS = ['EMPIAR', 'BIA', 'EMDB', 'OMICS'] as const satisfies readonly Destination[];

/** One archive destination. */
export type ArchiveDestination = (typeof ARCHIVE_DESTINATIONS)[number];

/** True for destinations that are archives (a bundle can be exported for them). */
export function isArchiveDestination(d: Destination): d is ArchiveDestination {
  return (ARCHIVE_DESTINATIONS as readonly Destination[]).includes(d);
}

/** Human label of each destination, as the UI and CLI show it. */
export const DESTINATION_LABELS: Readonly<Record<Destination, string>> = {
  EMPIAR: 'EMPIAR',
  BIA: 'BioImage Archive',
  EMDB: 'EMDB',
  OMICS: 'Omics archive',
  NONE: 'Not depositable',
  REVIEW: 'Needs review',
};

/** Omics archives the policy names for spatial-omics and omics data (docs/policy-source.md, "Spatial-omics data"). */
export const OMICS_ARCHIVES = ['ENA', 'ArrayExpress', 'PRIDE', 'MetaboLights'] as const;

/** Schema of an omics archive. */
export const OmicsArchiveSchema = z.enum(OMICS_ARCHIVES);

/** An omics archive. */
export type OmicsArchive = z.infer<typeof OmicsArchiveSchema>;

/** How a destination reads for people: its label, or the omics archive's name when one is chosen. */
export function destinationLabel(d: Destination, archive?: OmicsArchive | null): string {
  return d === 'OMICS' && archive ? archive : DESTINATION_LABELS[d];
}
