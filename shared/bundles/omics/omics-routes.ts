import type { OmicsArchive } from '../../model/destination';

/** How data reach one omics archive and how the BIA study links back to its accession (docs/bia.md §6, docs/deposit.md §6). */
export interface OmicsSubmission {
  /** The tool or service that takes the submission. */
  readonly route: string;
  /** What to put in the BIA study's link `Type`; `null` where the link is the entry's full address. */
  readonly linkType: string | null;
  /** What the archive holds, for people. */
  readonly holds: string;
}

/** Submission route and BIA link type of each omics archive (docs/bia.md §6 table; routes: docs/deposit.md §6). */
export const OMICS_ROUTES: Readonly<Record<OmicsArchive, OmicsSubmission>> = {
  ENA: { route: 'ENA Webin (the Webin submission portal, or Webin-CLI for reads), with a Webin submission account', linkType: 'ena', holds: 'raw sequencing reads and alignments' },
  ArrayExpress: { route: 'Annotare, ArrayExpress’s submission tool; ArrayExpress brokers the raw reads of a functional-genomics study to ENA', linkType: 'arrayexpress', holds: 'functional genomics (sequencing-based spatial transcriptomics, expression matrices, processed data)' },
  PRIDE: { route: 'the ProteomeXchange (PX) Submission Tool of PRIDE', linkType: null, holds: 'mass-spectrometry proteomics' },
  MetaboLights: { route: 'MetaboLights’ online submission', linkType: null, holds: 'metabolomics, mass-spectrometry imaging raw data included' },
};

/** NCBI Taxonomy id of Homo sapiens (docs/bia.md §2.2: NCBITaxon_9606). */
export const HUMAN_TAXON = 9606;
