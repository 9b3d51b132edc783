/**
 * Spatial-transcriptomics platforms that read transcripts by imaging (in-situ hybridisation or sequencing
 * under the microscope). ArrayExpress does not accept them; their data stay in the BioImage Archive
 * (docs/bia.md §6, from the ArrayExpress spatial-transcriptomics guidance).
 */
const IMAGING_BASED = /^(xenium|merscope|merfish|cosmx|seqfish|starmap|eel-?fish|molecular cartography|rebus|codex|phenocycler|imc|hyperion|mibi)/i;

/** Sequencing-based spatial platforms: spots or beads with barcodes, read out by sequencing (ArrayExpress with reads in ENA). */
const SEQUENCING_BASED = /^(visium|slide-?seq|stereo-?seq|geomx|dbit-?seq|hdst|curio)/i;

/** True when a spatial-omics platform reads its molecules by imaging. */
export function isImagingBasedPlatform(platform: string | undefined): boolean {
  return platform !== undefined && IMAGING_BASED.test(platform);
}

/** True when a spatial-omics platform reads its molecules by sequencing. */
export function isSequencingBasedPlatform(platform: string | undefined): boolean {
  return platform !== undefined && SEQUENCING_BASED.test(platform);
}
