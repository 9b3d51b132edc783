import { assertNever } from '../assert-never';
import type { Facts } from '../formats/facts';
import { isImagingBasedPlatform, isSequencingBasedPlatform } from '../modality/platforms';
import type { ClauseId } from './catalog';

/** Where one omics fileset goes: the clause that decides, and what else the reason should say. */
export interface OmicsRoute {
  readonly clauseId: ClauseId;
  readonly detail?: string;
}

/**
 * The omics archive for omics data (docs/bia.md §6): reads and alignments to ENA; matrices,
 * single-cell and sequencing-based spatial data to ArrayExpress; mass spectra to PRIDE, mass-spectrometry
 * imaging to MetaboLights; anything from an imaging-based spatial method, or of a kind no omics archive
 * takes, to the BioImage Archive.
 */
export function omicsRoute(facts: Facts): OmicsRoute {
  const omics = facts.omics?.value;
  const platform = omics?.platform ?? facts.spatial?.value.platform;
  if (isImagingBasedPlatform(platform)) return { clauseId: 'spatial-omics-imaging-st', detail: `${platform} reads transcripts by imaging.` };
  const kind = omics?.kind;
  switch (kind) {
    case 'sequencing-reads':
    case 'alignments':
      return { clauseId: 'spatial-omics-reads' };
    case 'count-matrix':
    case 'single-cell':
      return { clauseId: 'spatial-omics-functional-genomics' };
    case 'spatial-transcriptomics':
      return isSequencingBasedPlatform(platform)
        ? { clauseId: 'spatial-omics-functional-genomics', detail: `${platform} reads transcripts by sequencing.` }
        : { clauseId: 'spatial-omics-no-archive', detail: `No omics archive is known to take spatial transcriptomics from ${platform ?? 'an unnamed platform'}.` };
    case 'mass-spectrometry':
      return facts.spatial ? { clauseId: 'spatial-omics-metabolomics' } : { clauseId: 'spatial-omics-proteomics' };
    case undefined:
      return { clauseId: 'spatial-omics-no-archive', detail: 'No omics archive is known to take this kind of data.' };
    default:
      return assertNever(kind, 'omics kind');
  }
}
