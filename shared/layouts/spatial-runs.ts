import type { Facts } from '../formats/facts';
import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import { baseOf, filesetsUnder } from './paths';

/**
 * Output folders of imaging-based spatial-omics instruments, marked by the file each writes there, and what
 * the other files of the folder are. The instrument writes the whole folder: its images are the run's
 * morphology images and its tables the run's cell tables, so they take the run's platform (which decides
 * their routing: imaging-based spatial transcriptomics stays in the BioImage Archive, docs/bia.md §6).
 */
interface ImagingStRun {
  /** Whether a fileset marks the run's folder. */
  readonly marks: (f: LayoutFileset) => boolean;
  /** The platform as the policy names it (shared/modality/platforms.ts). */
  readonly platform: string;
  /** What the instrument's images in the folder are. */
  readonly imageRole: string;
  /** What a table the instrument writes in the marker's folder holds, by its documented name (and whether it is omics data or spatial data). */
  readonly table: (name: string) => { readonly role: string; readonly omics: boolean } | undefined;
  readonly source: string;
}

/** A fileset of one file, by its name. */
function single(f: LayoutFileset): string | undefined {
  return f.files.length === 1 ? baseOf(f.files[0]!) : undefined;
}

/** The column names a table reader found in its header row. */
function columns(f: LayoutFileset): readonly string[] {
  const names = f.facts.header?.value['columnNames'];
  return typeof names === 'string' ? names.split(', ') : [];
}

/** The top-level keys a JSON reader found. */
function jsonKeys(f: LayoutFileset): readonly string[] {
  const keys = f.facts.header?.value['keys'];
  return typeof keys === 'string' ? keys.split(', ') : [];
}

/** CosMx flat files of one run: `<run>_exprMat_file.csv`, `_metadata_file.csv`, `_tx_file.csv` (omics) and `_fov_positions_file.csv`. */
const COSMX_TABLE = /_(exprMat|metadata|tx|fov_positions)_file\.csv$/i;
const COSMX_ROLES: Readonly<Record<string, { role: string; omics: boolean }>> = {
  exprmat: { role: 'cell × gene expression matrix', omics: true },
  metadata: { role: 'cell metadata', omics: true },
  tx: { role: 'transcript table', omics: true },
  fov_positions: { role: 'FOV positions', omics: false },
};

const RUNS: readonly ImagingStRun[] = [
  {
    // 10x Genomics "Understanding Xenium outputs" (Xenium Onboard Analysis): output-<instrument>__<slide>__<region>__<date>__<time>/
    // holds experiment.xenium, morphology.ome.tif, morphology_focus/*.ome.tif, transcripts, cells, cell_feature_matrix.
    marks: (f) => f.format === 'xenium-experiment',
    platform: 'Xenium',
    imageRole: 'morphology image',
    table: () => undefined,
    source: 'the Xenium output bundle',
  },
  {
    // Vizgen MERSCOPE "Output data" (MERSCOPE Instrument User Guide; read by squidpy.read.vizgen and spatialdata-io
    // merscope): region_N/ holds detected_transcripts.csv, cell_by_gene.csv (cell × gene counts), cell_metadata.csv
    // (per-cell fov, volume, centre and bounds) and images/mosaic_<stain>_z<z>.tif with their manifest and transform.
    marks: (f) => f.format === 'merscope-transcripts',
    platform: 'MERSCOPE',
    imageRole: 'mosaic image',
    table: (name) => ({ 'cell_by_gene.csv': { role: 'cell by gene counts', omics: true }, 'cell_metadata.csv': { role: 'cell table', omics: true } })[name],
    source: 'the MERSCOPE region output',
  },
  {
    // The same output's images/manifest.json (microns_per_pixel, bbox_microns, mosaic_files[].stain/z/file_name;
    // read by spatialdata-io merscope) marks the mosaic folder even when the region's tables are not delivered.
    marks: (f) => f.format === 'json' && single(f) === 'manifest.json' && ['microns_per_pixel', 'mosaic_files'].every((k) => jsonKeys(f).includes(k)),
    platform: 'MERSCOPE',
    imageRole: 'mosaic image',
    table: () => undefined,
    source: 'the MERSCOPE mosaic folder',
  },
  {
    // NanoString CosMx SMI "Basic Data Files" (as Giotto importCosMx, squidpy.read.nanostring and
    // SpatialFeatureExperiment readCosMX read them): <run>_exprMat_file.csv (fov, cell_ID, then one column per
    // target), _metadata_file.csv, _tx_file.csv, _fov_positions_file.csv, and per-FOV images in CellComposite/,
    // CellLabels/, CellOverlay/, CompartmentLabels/. The expression matrix, whose header starts fov, cell_ID, marks the run.
    marks: (f) => f.format === 'csv' && /_exprMat_file\.csv$/i.test(single(f) ?? '') && columns(f)[0] === 'fov' && columns(f)[1] === 'cell_ID',
    platform: 'CosMx',
    imageRole: 'FOV image',
    table: (name) => COSMX_ROLES[COSMX_TABLE.exec(name)?.[1]?.toLowerCase() ?? ''],
    source: 'the CosMx flat-file export',
  },
];

/** Kinds of fileset a run's omics tables come as (a table the CSV reader could not place, or an omics file). */
const TABLE_KINDS: ReadonlySet<string> = new Set(['table', 'omics']);

/** What a run lends one of its folder's filesets, if anything. */
function lend(run: ImagingStRun, runDir: string, member: LayoutFileset, marker: string): Facts | undefined {
  const source = { provenance: 'layout' as const, source: marker };
  if (member.kind === 'image') {
    return member.facts.spatial || member.facts.omics ? undefined : { spatial: { value: { platform: run.platform, role: run.imageRole }, ...source } };
  }
  const name = member.directory === runDir ? single(member) : undefined;
  const table = name ? run.table(name) : undefined;
  if (table && TABLE_KINDS.has(member.kind) && !member.facts.omics && !member.facts.spatial) {
    const spatial = { spatial: { value: { platform: run.platform, role: table.role }, ...source } };
    return table.omics ? { omics: { value: { kind: 'spatial-transcriptomics', platform: run.platform }, ...source }, ...spatial } : spatial;
  }
  // An omics file of the folder whose header names no platform (a matrix without software_version) is the run's.
  if (member.facts.omics && !member.facts.omics.value.platform && !member.facts.spatial) return { spatial: { value: { platform: run.platform, role: member.facts.omics.value.kind.replace(/-/g, ' ') }, ...source } };
  return undefined;
}

/** Imaging-based spatial-omics runs: the marker's folder and everything below it belong to the run. */
export const imagingStRuns: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  // A file two markers claim (a region's transcripts and its images/manifest.json) takes the first.
  const seen = new Set<string>();
  for (const run of RUNS) {
    for (const markerSet of all.filter(run.marks)) {
      const marker = markerSet.files[0]!;
      for (const member of filesetsUnder(all, markerSet.root, markerSet.directory)) {
        const facts = seen.has(member.id) ? undefined : lend(run, markerSet.directory, member, marker);
        if (!facts) continue;
        seen.add(member.id);
        const what = member.kind === 'image' ? `a ${run.imageRole} of ${run.source}` : `the ${facts.spatial!.value.role} of ${run.source}`;
        out.push({ filesetId: member.id, facts, evidence: [{ source: 'layout', detail: `In ${run.source} marked by ${marker}: ${what} (${run.platform}).`, weight: 0.7 }] });
      }
    }
  }
  return out;
};
