import type { FormatId } from '../formats/format-catalog';
import type { Modality } from './modalities';
import type { Signals } from './signals';
import { archiveExtensions, archivedLmFormat, xrayTechnique } from './rules-imaging';
import type { Vote } from './types';
import { fallbackVote, vote, W, type ModalityRule } from './weights';
import { plateSupportKind } from './plate-support';
import { SPACE_RANGER_SUMMARY } from '../layouts/folder-layouts';
import { ANALYSIS_TOOLS, type AnalysisTool } from '../layouts/analysis-outputs';

/** Omics data (reads, matrices, mass spectra, transcript tables) and the spatial data of spatial-omics platforms. */
const omicsAndSpatial: ModalityRule = {
  id: 'omics-spatial',
  votes: (s) => {
    const omics = s.f.facts.omics?.value;
    const spatial = s.f.facts.spatial?.value;
    if (omics) {
      const platform = omics.platform ?? spatial?.platform;
      return [vote('omics-data', W.STRONG, s.f.facts.omics!.provenance, `Omics data: ${omics.kind.replace(/-/g, ' ')}${platform ? ` (${platform})` : ''}.`)];
    }
    if (spatial) return [vote('spatial-omics-image', W.STRONG, s.f.facts.spatial!.provenance, `${spatial.platform} spatial data${spatial.role ? ` (${spatial.role})` : ''}.`)];
    // Space Ranger's run summaries (shared/layouts/folder-layouts.ts) are QC of the counting: they follow the matrices.
    if (s.f.kind !== 'image' && s.processingTool === 'Space Ranger' && s.processingKind === SPACE_RANGER_SUMMARY) {
      return [vote('processing-output', W.STRONG, s.f.facts.processing!.provenance, 'A Space Ranger run summary (sequencing and counting QC): it goes with the count matrices of its run.', 'omics-data')];
    }
    // An image in a Space Ranger run folder, outside its outs/, with nothing else said of it: the tissue image given to --image.
    if (s.f.kind === 'image' && s.layoutKinds.has('spaceranger-outs')) return [vote('spatial-omics-image', W.FAIR, 'layout', 'An image in the run folder of a Space Ranger output: most likely the tissue image given to spaceranger count --image.')];
    return [];
  },
};

/** Registrations and transforms between coordinate spaces: the correlation information of note 3. */
const CORRELATION_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['bigwarp-landmarks', 'ec-clem', 'elastix-transform', 'itk-transform']);
/** Formats that say what they are on their own: a processing record's name is no registration. */
const SELF_DESCRIBED: ReadonlySet<FormatId> = new Set<FormatId>(['relion-star', 'cryosparc-cs']);
/**
 * Folder and file words of correlation work: registration, correlation, CLEM, landmarks, BigWarp, ec-CLEM,
 * affine (the folders CLEM pipelines and people create). Alignment and transforms are weaker: tilt-series
 * alignments (IMOD .xf/.tlt, AreTomo .aln) live there too, so those extensions are left out.
 */
const CORRELATION_WORDS = /(^|[^a-z0-9])(regist(er|ration|rations|ered)?|correlat(ion|ive|ed)?|clem|landmarks?|bigwarp|ec-?clem|affine)([^a-z0-9]|$)/;
const ALIGNMENT_WORDS = /(^|[^a-z0-9])(alignments?|transforms?|transformations?|overlay)([^a-z0-9]|$)/;
/** Tilt-series alignment files (IMOD .xf/.xg/.tlt/.xtilt, AreTomo .aln): alignments of a tilt series, not correlation. */
const TILT_ALIGNMENT_EXT: ReadonlySet<string> = new Set(['.xf', '.xg', '.tlt', '.xtilt', '.rawtlt', '.aln']);

/** Where names call a text or table file correlation information, how strongly (`undefined`: they do not). */
function correlationByName(s: Signals): { weight: number; words: string } | undefined {
  if (SIDECARS[s.f.format] || SELF_DESCRIBED.has(s.f.format) || TILT_ALIGNMENT_EXT.has(s.f.extension)) return undefined;
  if (s.f.kind !== 'metadata' && s.f.kind !== 'table' && s.f.kind !== 'document') return undefined;
  if (CORRELATION_WORDS.test(s.path)) return { weight: W.GOOD, words: 'a registration, correlation or landmark file' };
  if (ALIGNMENT_WORDS.test(s.path)) return { weight: W.FAIR, words: 'an alignment or transform file' };
  return undefined;
}

const correlation: ModalityRule = {
  id: 'correlation',
  votes: (s) => {
    if (tiltAlignmentOutput(s)) return [];
    const t = s.f.facts.transform?.value;
    if (t) return [vote('correlation', W.STRONG, s.f.facts.transform!.provenance, `${t.kind}${t.dimensions ? ` (${t.dimensions}D)` : ''}: a registration between coordinate spaces.`)];
    if (CORRELATION_FORMATS.has(s.f.format)) return [vote('correlation', W.STRONG, 'header', 'A registration or transform file.')];
    const named = correlationByName(s);
    return named ? [vote('correlation', named.weight, 'name', `The path ${s.path} names ${named.words}: correlation information.`)] : [];
  },
};

/** Acquisition sidecars and the data each describes (docs/formats.md §5–§14). */
const SIDECARS: Readonly<Partial<Record<FormatId, { because: string; supports?: (s: Signals) => Modality | undefined }>>> = {
  mdoc: {
    because: 'A SerialEM mdoc: the acquisition record of the images it names',
    supports: (s) => (s.arrangement === 'tilt-series' ? 'cryoet-tilt-series' : s.arrangement === 'movie' ? 'spa-movies' : undefined),
  },
  'imod-tilt': { because: 'IMOD tilt angles of a tilt series', supports: () => 'cryoet-tilt-series' },
  'epu-xml': { because: 'EPU per-image XML: the acquisition record of a movie or micrograph', supports: () => 'spa-movies' },
  'epu-session': { because: 'The EPU session file of a single-particle collection', supports: () => 'spa-movies' },
  'eer-gain': { because: 'A gain reference for EER movies', supports: () => 'spa-movies' },
  'de-info': { because: 'Direct Electron acquisition info of a movie', supports: () => 'spa-movies' },
  'tia-emi': { because: 'TIA metadata of its .ser series', supports: () => 'em-2d' },
  'skyscan-log': { because: 'A SkyScan scan log: the acquisition record of a micro-CT scan', supports: () => 'hard-xray-tomography' },
  'nikon-xtekct': { because: 'A Nikon XT H CT scan record', supports: () => 'hard-xray-tomography' },
  // tomwer/tomoscan EDFTomoScan: `<scan>.info` (TOMO_N, REF_ON, REF_N, DARK_N, Energy) describes the EDF projections of the scan.
  'esrf-info': { because: 'An ESRF tomography scan .info: the acquisition record of the EDF projections of its scan', supports: (s) => xrayTechnique(s) ?? 'hard-xray-tomography' },
  'opera-index': { because: 'An Opera/Operetta/Phenix plate index', supports: () => 'hcs' },
  'columbus-index': { because: 'A Columbus plate index', supports: () => 'hcs' },
  'yokogawa-mrf': { because: 'A Yokogawa measurement detail file', supports: () => 'hcs' },
  'yokogawa-mlf': { because: 'A Yokogawa measurement data file', supports: () => 'hcs' },
  cellvoyager: { because: 'A CellVoyager measurement file', supports: () => 'hcs' },
  'metaxpress-htd': { because: 'A MetaXpress plate description', supports: () => 'hcs' },
  'incell-xdce': { because: 'An InCell Analyzer plate description', supports: () => 'hcs' },
  oif: { because: 'An Olympus FluoView OIF header', supports: () => 'lm-confocal' },
  'ome-companion': { because: 'An OME-XML companion (.companion.ome) holding the metadata of the multi-file OME-TIFF planes it lists (OME-TIFF specification)' },
  // Light-microscopy sidecars the format engine reads (main/formats): each describes the images it names.
  'fluoview-pty': { because: 'FluoView plane properties of an .oif image (Bio-Formats FV1000Reader)', supports: () => 'lm-confocal' },
  'leica-xml': { because: 'A Leica LAS X image XML: the metadata of images exported from LAS X' },
  'mesospim-meta': { because: 'A mesoSPIM acquisition metadata file (<file>_meta.txt) of the stack it names', supports: () => 'lm-light-sheet' },
  'spimdata-xml': {
    because: 'A BigDataViewer/BigStitcher SpimData XML: the views, registrations and image container of a multiview dataset',
    supports: (s) => (s.mode === 'light-sheet' ? 'lm-light-sheet' : undefined),
  },
};

/**
 * RELION's MotionCorr writes one STAR per movie beside its sum (MotionCorr/jobNNN/Movies/<movie>.star, named by
 * _rlnMicrographMetadata in corrected_micrographs.star): data_general names the movie, data_global_shift holds
 * the fitted shift of each frame and data_local_motion_model the polynomial of local motion (RELION
 * src/motioncorr_runner.cpp, "Micrograph::write"; RELION docs "Beam-induced motion correction"). Computed
 * trajectories, not a list of the movies.
 */
const RELION_MOTION_BLOCKS = /(^|,)(global_shift|local_motion_model|local_shift)(,|$)/;

/** The fileset is a RELION per-movie motion model (its data_ blocks, as the STAR reader lists them). */
function relionMotionModel(s: Signals): boolean {
  const blocks = s.f.facts.header?.value['blocks'];
  return s.f.format === 'relion-star' && typeof blocks === 'string' && RELION_MOTION_BLOCKS.test(blocks);
}

/** What a RELION STAR or cryoSPARC .cs file lists: particles, micrographs, movies → the data it describes. */
function processingSupports(kind: string | undefined): Modality | undefined {
  if (!kind) return undefined;
  if (/particle|coord|pick|extract/i.test(kind)) return 'spa-particles';
  if (/micrograph|motion|ctf/i.test(kind)) return 'spa-micrographs';
  if (/movie|import/i.test(kind)) return 'spa-movies';
  if (/tomo|tilt/i.test(kind)) return 'cryoet-tilt-series';
  return undefined;
}

/**
 * Diffraction-processing programs: XDS (Kabsch 2010, Acta Cryst D66:125) and DIALS (Winter et al. 2018, Acta
 * Cryst D74:85) integrate the rotation series MicroED records, as they do X-ray data.
 */
const CRYSTALLOGRAPHY_TOOLS = /^(xds|dials|xia2)/i;

/** The fileset is an output of XDS or DIALS (its `processing.tool`). */
function crystallographyTool(s: Signals): boolean {
  return s.processingTool !== undefined && CRYSTALLOGRAPHY_TOOLS.test(s.processingTool);
}

/**
 * Tilt-series alignment results (IMOD etomo "Files produced": .prexf prealignment and .xf final transforms,
 * .tlt angles solved by tiltalign, .xtilt, the etomo dataset file .edf and its command files *.com (text); AreTomo writes <stem>.aln and <stem>_TLT.txt): outputs of
 * processing a tilt series, not acquisition records; .rawtlt holds the angles as acquired and stays an
 * acquisition sidecar. Their transforms align tilts with each other: no correlation between modalities.
 */
const TILT_ALIGNMENT_OUTPUT_EXT: ReadonlySet<string> = new Set(['.xf', '.prexf', '.xg', '.tlt', '.xtilt', '.aln', '.edf', '.com']);
const ARETOMO_TLT = /_tlt\.txt$/;

/** The fileset is a tilt-series alignment result (by its IMOD format or the AreTomo/IMOD names). */
function tiltAlignmentOutput(s: Signals): boolean {
  if (s.f.format === 'imod-xf') return true;
  if (s.f.format === 'imod-tilt') return s.f.extension !== '.rawtlt';
  return (s.f.format === 'text' || s.f.format === 'csv') && (TILT_ALIGNMENT_OUTPUT_EXT.has(s.f.extension) || ARETOMO_TLT.test(s.firstName));
}

/**
 * Gain references by the names acquisition software gives them: SerialEM CountRef_*.dm4 / SuperRef_*.dm4
 * (SerialEM help, "Saving frames"), RELION/MotionCor2 gain.mrc or *_gain.mrc (RELION SPA tutorial: Movies/gain.mrc),
 * Leginon's norm-<camera>-N.mrc / dark-<camera>-N.mrc references (EMPIAR-10025 ships norm-amibox05-0.mrc with its frames).
 */
const GAIN_NAME = /(^|[^a-z])(gain|gainref|gain_ref|gain-ref|countref|superref)([^a-z]|$)|^(norm|dark)-.*\.mrc$/;

/**
 * CTF estimation outputs: CTFFIND4 writes a diagnostic power-spectrum image and a text file of fitted defocus
 * per micrograph (<name>_ctf.mrc / <name>_ctf.txt as MotionCor2/CTFFIND4 pipelines name them); RELION's CtfFind
 * job writes <micrograph>_PS.ctf; Gctf writes <micrograph>.ctf. Processing results of the micrographs.
 */
const CTF_OUTPUT = /(_ctf\.(mrc|txt|log)|_ps\.(ctf|mrc)|\.ctf)$/;
/** MotionCor2's per-movie logs (-LogFile <name>: <name>-Patch-Full.log, -Patch-Frame.log, -Patch-Patch.log; MotionCor2 user manual). */
const MOTIONCOR2_LOG = /-patch-(full|frame|patch)\.log$/;

/** The fileset is a CTF-estimation or motion-correction output (by the names CTFFIND4, Gctf, RELION and MotionCor2 give them). */
export function isCtfOutput(s: Signals): boolean {
  if (s.numberedStack) return false;
  if (CTF_OUTPUT.test(s.firstName)) return s.f.kind === 'image' || s.f.format === 'text' || s.f.format === 'csv';
  return MOTIONCOR2_LOG.test(s.firstName) && s.f.format === 'text';
}

/** A file named as a gain reference (never a numbered series: one reference serves a session). */
export function isGainReference(s: Signals): boolean {
  if (s.f.kind !== 'image' || s.numberedStack) return false;
  return GAIN_NAME.test(s.firstName);
}

/** Acquisition sidecars, particle lists and processing records: they follow the data they describe. */
const supporting: ModalityRule = {
  id: 'supporting',
  votes: (s) => {
    const plate = plateSupportKind(s);
    // A preview is made from a site image (an output of it); a flat-field reference corrects the plate's images, like a gain reference.
    if (plate === 'thumbnail') return [vote('processing-output', W.STRONG, 'layout', `A reduced preview (${s.processingTool} thumbnail) of a plate's site image: it follows the screen images.`, 'hcs')];
    if (plate === 'shading-correction') return [vote('supporting-metadata', W.STRONG, 'layout', `A shading-correction (flat-field) reference of the plate's channels (${s.processingTool}): it follows the screen images it corrects.`, 'hcs')];
    if (isCtfOutput(s)) return [vote('processing-output', W.GOOD, 'name', `${s.firstName} is named as a CTF-estimation or motion-correction output (CTFFIND4, Gctf, RELION CtfFind, MotionCor2): a processing result of the micrographs.`, 'spa-micrographs')];
    if (tiltAlignmentOutput(s)) return [vote('processing-output', W.STRONG, 'header', `A tilt-series alignment result (${s.f.extension || s.firstName}): it follows the tilt series it aligns.`, 'cryoet-tilt-series')];
    if (isGainReference(s)) return [vote('supporting-metadata', W.GOOD, 'name', `${s.firstName} is named as a gain reference: the detector gain the movies are corrected with.`, 'spa-movies')];
    if (crystallographyTool(s) && s.f.kind !== 'image') {
      // XDS and DIALS integrate X-ray data too: an X-ray energy read from the file says so; an electron voltage confirms MicroED.
      const xray = s.f.facts.xrayEnergyKeV !== undefined;
      const beam = s.kv !== undefined ? ` at ${s.kv} kV (an electron wavelength)` : '';
      return [vote('processing-output', W.STRONG, s.f.facts.processing!.provenance, `${s.processingTool} ${s.processingKind ? `${s.processingKind} ` : ''}output${beam}: diffraction data processing, which follows the rotation series it integrates${xray ? ' (X-ray crystallography)' : ' (MicroED)'}.`, xray ? undefined : 'microed')];
    }
    const side = SIDECARS[s.f.format];
    if (side) return [vote('supporting-metadata', W.STRONG, 'header', `${side.because}.`, side.supports?.(s))];
    if (relionMotionModel(s)) return [vote('processing-output', W.STRONG, 'header', 'A RELION motion model (data_global_shift: the shift of every frame, as MotionCorr fits it): a processing result of the movie it names.', 'spa-micrographs')];
    if (s.f.format === 'relion-star' || s.f.format === 'cryosparc-cs') {
      const tool = s.f.format === 'relion-star' ? 'RELION STAR' : 'cryoSPARC .cs';
      const supports = processingSupports(s.processingKind);
      return supports
        ? [vote('supporting-metadata', W.STRONG, 'header', `A ${tool} file listing ${s.processingKind}: it describes the ${supports.replace(/^spa-|cryoet-/, '').replace('-', ' ')} it lists.`, supports)]
        : [vote('processing-output', W.STRONG, 'header', `A ${tool} processing record${s.processingKind ? ` (${s.processingKind})` : ''} of cryo-EM image processing.`, 'spa-particles')];
    }
    return [];
  },
};

/**
 * Single-molecule localisation tables: ThunderSTORM's results export names its columns with units in brackets,
 * `id, frame, x [nm], y [nm], sigma [nm], intensity [photon], …, uncertainty [nm]` (ThunderSTORM user guide,
 * "Results table" and export; the same names SMAP and the ThunderSTORM-format importers read). A table with a
 * frame column and x/y positions in nm is the localisation result of an SMLM (PALM/STORM) acquisition.
 */
const LOCALISATION_COLUMNS: readonly RegExp[] = [/^frame$/i, /^x \[nm\]$/i, /^y \[nm\]$/i];

/** True for a table whose header row names SMLM localisation columns. */
export function isLocalisationTable(s: Signals): boolean {
  if (s.f.format !== 'csv') return false;
  const names = s.f.facts.header?.value['columnNames'];
  if (typeof names !== 'string') return false;
  const columns = names.split(', ').map((c) => c.replace(/^"|"$/g, '').trim());
  return LOCALISATION_COLUMNS.every((re) => columns.some((c) => re.test(c)));
}

/** SMLM localisation tables are the processing result of the frames they were fitted from. */
const localisations: ModalityRule = {
  id: 'smlm-localisations',
  votes: (s) => (isLocalisationTable(s) ? [vote('processing-output', W.STRONG, 'header', 'A localisation table (frame, x [nm], y [nm] … as ThunderSTORM exports it): the result of fitting single-molecule frames.', 'lm-super-resolution')] : []),
};

/** The image-analysis tool (CellProfiler, QuPath) whose output this fileset is (shared/layouts/analysis-outputs.ts), if any. */
function analysisTool(s: Signals): AnalysisTool | undefined {
  const tool = s.processingTool;
  return tool !== undefined && (ANALYSIS_TOOLS as readonly string[]).includes(tool) ? (tool as AnalysisTool) : undefined;
}

/**
 * GeoJSON (RFC 7946) FeatureCollections saved as `.geojson`: the object and annotation exports of QuPath
 * ("Export objects as GeoJSON"), napari and other annotation tools: shapes drawn on or segmented from images.
 */
function isGeoJsonExport(s: Signals): boolean {
  const keys = s.f.facts.header?.value['keys'];
  return s.f.format === 'json' && s.f.extension === '.geojson' && typeof keys === 'string' && keys.split(', ').includes('features');
}

/** What analysis programs leave beside the images: processing output that follows them. */
const analysisOutput: ModalityRule = {
  id: 'analysis-output',
  votes: (s) => {
    const tool = analysisTool(s);
    if (tool) return [vote('processing-output', W.STRONG, s.f.facts.processing!.provenance, `${tool} ${s.processingKind ? `${s.processingKind} ` : ''}output: the analysis of the images it goes with.`)];
    if (isGeoJsonExport(s)) return [vote('processing-output', W.GOOD, 'header', 'A GeoJSON FeatureCollection (.geojson): objects or annotations exported from images, which follow them.')];
    return [];
  },
};

/** Top-level keys of a cryoSPARC job document (cryosparc-tools spec.py JobDocument: uid, project_uid, job_type, status, version, …), saved as J<n>/job.json in each job folder. */
const CRYOSPARC_JOB_KEYS: readonly string[] = ['project_uid', 'job_type'];
/** Root elements of Warp's per-item metadata (warpem/warp WarpLib Movie.SaveMeta / TiltSeries.SaveMeta: <Movie …> for frame series, <TiltSeries …>), one XML per movie or tilt series. */
const WARP_XML_ROOTS: ReadonlySet<string> = new Set(['Movie', 'TiltSeries']);

/**
 * Records that cryo-EM processing programs write beside the data, by what their content or their program's
 * naming says (generic JSON/XML/text readers see only their shape):
 * - cryoSPARC's job document job.json (its top-level keys),
 * - Warp/WarpTools per-item XML (root <Movie> or <TiltSeries>, with the fitted CTF and motion),
 * - Dynamo tables `.tbl` (one row per particle: tag, aligned, averaged, shifts, Euler angles…; Dynamo wiki "Table"),
 * - IMOD binary models (fiducial models `.fid`, contour models `.mod`; IMOD binspec.html).
 * Each says how the data were processed, not how they were taken: processing output that follows them.
 */
function cryoProcessingRecord(s: Signals): { readonly why: string; readonly supports?: Modality } | undefined {
  if (s.f.format === 'json') {
    const keys = s.f.facts.header?.value['keys'];
    const list = typeof keys === 'string' ? keys.split(', ') : [];
    if (CRYOSPARC_JOB_KEYS.every((k) => list.includes(k))) return { why: 'A cryoSPARC job document (job.json: uid, project_uid, job_type…): the record of one processing job' };
  }
  if (s.f.format === 'xml') {
    const root = s.f.facts.header?.value['root'];
    if (typeof root === 'string' && WARP_XML_ROOTS.has(root)) {
      return { why: `Warp per-item metadata (root <${root}>): the motion, CTF and alignment Warp fitted`, ...(root === 'TiltSeries' ? { supports: 'cryoet-tilt-series' as const } : {}) };
    }
  }
  if (s.f.format === 'imod-model') {
    // etomo names the fiducial model of a tilt-series alignment <name>.fid (IMOD etomo tutorial, "Files produced").
    return { why: `An IMOD model (${s.firstName}: fiducials or contours drawn on an image)`, ...(s.f.extension === '.fid' ? { supports: 'cryoet-tilt-series' as const } : {}) };
  }
  if (s.f.format === 'text' && s.f.extension === '.tbl') return { why: `A Dynamo table (${s.firstName}): particle positions and alignments of subtomogram averaging`, supports: 'cryoet-subtomograms' };
  return undefined;
}

/** cryoSPARC, Warp, IMOD-model and Dynamo processing records: processing output that follows the data (IMOD .com command files are tilt-alignment outputs above). */
const cryoProcessingRecords: ModalityRule = {
  id: 'cryo-processing-records',
  votes: (s) => {
    const r = cryoProcessingRecord(s);
    return r ? [vote('processing-output', W.GOOD, 'header', `${r.why}: a processing record, which follows the data it processed.`, r.supports)] : [];
  },
};

/** Formats that hold text, tables or structured metadata without saying which data they belong to. */
const ACCOMPANYING = new Set(['text', 'pdf', 'csv', 'json', 'xml', 'docx', 'xlsx', 'pptx']);

/** Words for the OOXML documents (ECMA-376 Part 2 packages). */
const OFFICE_WORDS: Readonly<Record<string, string>> = { docx: 'Word document', xlsx: 'Excel workbook', pptx: 'PowerPoint presentation' };

/** READMEs, protocols, tables and generic metadata accompany the data around them. */
const accompanying: ModalityRule = {
  id: 'accompanying',
  votes: (s) => (ACCOMPANYING.has(s.f.format) && !s.f.facts.transform && !s.f.facts.omics && !isLocalisationTable(s) && !analysisTool(s) && !isGeoJsonExport(s) && !correlationByName(s) && !crystallographyTool(s) && !tiltAlignmentOutput(s) && !isCtfOutput(s) && !cryoProcessingRecord(s) ? [vote('supporting-metadata', W.FAIR, 'header', `A ${OFFICE_WORDS[s.f.format] ?? (s.f.format === 'pdf' ? 'PDF document' : undefined) ?? (s.f.kind === 'table' ? 'table' : s.f.kind === 'document' ? 'text document' : `${s.f.format.toUpperCase()} metadata file`)}: it accompanies the data near it.`)] : []),
};

/** Containers whose contents the engine does not read: what they hold stays unknown until a person says. */
const OPAQUE: Readonly<Partial<Record<FormatId, string>>> = {
  zip: 'A ZIP archive: its contents are not read',
  tar: 'A tar archive: its contents are not read',
  gzip: 'A gzip file whose contents were not recognised',
  hdf5: 'An HDF5 container whose layout was not recognised',
  zarr: 'A Zarr store without OME metadata: its array could be anything',
};

/** Extensions of text that people write beside their data (notes, READMEs). */
const NOTE_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.md']);

/**
 * Extensions of analysis code and what travels with it: scripts of the languages image analysis is written in
 * (Python, Jupyter, MATLAB, R, ImageJ macro and Groovy/BeanShell scripts, Java, Julia, shell, CellProfiler
 * pipelines), and text/Markdown/config notes.
 */
const CODE_EXTENSIONS: ReadonlySet<string> = new Set(['py', 'ipynb', 'm', 'r', 'ijm', 'groovy', 'bsh', 'java', 'jl', 'sh', 'cppipe']);
const CODE_NOTE_EXTENSIONS: ReadonlySet<string> = new Set(['md', 'txt', 'rst', 'json', 'yml', 'yaml', 'toml', 'cfg', 'ini']);

/** A ZIP whose files are all analysis code and notes, at least one of them code. */
export function isCodeArchive(s: Signals): boolean {
  const ext = archiveExtensions(s);
  if (!ext || ext.size === 0) return false;
  const keys = [...ext.keys()];
  return keys.some((e) => CODE_EXTENSIONS.has(e)) && keys.every((e) => CODE_EXTENSIONS.has(e) || CODE_NOTE_EXTENSIONS.has(e));
}

/** Analysis code is how the data were processed: it follows them. */
const codeArchive: ModalityRule = {
  id: 'code-archive',
  votes: (s) => (isCodeArchive(s) ? [vote('processing-output', W.GOOD, 'header', `The archive holds analysis code (${String(s.f.facts.header?.value['contains'])}): how the data were processed, which follows them.`)] : []),
};

/** OS housekeeping files and opaque containers. */
const clutterAndOpaque: ModalityRule = {
  id: 'clutter-opaque',
  votes: (s) => {
    if (s.f.format === 'os-clutter') return [vote('not-data', W.DEFINING, 'name', 'An operating-system housekeeping file (.DS_Store, Thumbs.db, ._*), not research data.')];
    // Acquisition software creates empty notes files for the operator (SBEMimage acquisition.py: `<stack>_notes.txt`); no bytes are no data.
    if (s.f.format === 'unknown' && s.f.bytes === 0 && NOTE_EXTENSIONS.has(s.f.extension)) return [vote('supporting-metadata', W.FAIR, 'name', `An empty ${s.f.extension} file: a notes file left for the people who took the data, which goes with them.`)];
    // A ZIP whose entries say what it holds is not opaque (rules-imaging.ts lm-archive, code-archive above).
    if (isCodeArchive(s) || archivedLmFormat(s)) return [];
    const why = OPAQUE[s.f.format];
    // A container whose header states how it was imaged was read after all (an HDF5 NeXus/Data Exchange layout).
    return why && !s.mode ? [vote('unknown', W.FAIR, 'header', `${why}.`)] : [];
  },
};

/** Picture formats that say nothing about how the picture was made. */
const GENERIC_IMAGES = new Set(['png', 'jpeg', 'tiff', 'bigtiff', 'imagej-tiff', 'ome-tiff', 'ome-zarr', 'olympus-sis-tiff']);

/** A plain image is some kind of imaging, weakly; EPU's JPEG/PNG thumbnails are navigation images. */
const genericImages: ModalityRule = {
  id: 'generic-image',
  votes: (s) => {
    if (!GENERIC_IMAGES.has(s.f.format)) return [];
    if (s.layoutKinds.has('epu-session') && (s.f.format === 'jpeg' || s.f.format === 'png')) return [vote('supporting-metadata', W.GOOD, 'layout', 'A JPEG/PNG thumbnail inside an EPU session: a navigation image.', 'spa-movies')];
    if (emdbEntryImage(s)) return [vote('supporting-metadata', W.GOOD, 'name', `${s.firstName} is named as EMDB names an entry's image (EMD-NNNN/images/emd_NNNN.png): a picture of the map, which goes with it.`, 'density-map')];
    return [fallbackVote('other-imaging', W.HINT, 'header', `A ${s.f.format === 'ome-zarr' ? 'OME-Zarr image' : 'picture'} whose header does not say how it was acquired.`)];
  },
};

/** Pictures: 2-D by their format, so never a 3-D map whatever their name says. */
const PICTURE_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['png', 'jpeg']);
/** EMDB's entry image: EMD-NNNN/images/emd_NNNN.png in the archive (ftp.ebi.ac.uk/pub/databases/emdb/structures/EMD-NNNN/images/, beside map/, other/, fsc/, header/). */
const EMDB_ENTRY_IMAGE = /^emd_\d{4,}[^/]*\.(png|jpe?g|gif)$/;

/** A picture named as EMDB names an entry's image. */
function emdbEntryImage(s: Signals): boolean {
  return PICTURE_FORMATS.has(s.f.format) && !s.numberedStack && EMDB_ENTRY_IMAGE.test(s.firstName);
}

/** A word in a path: between separators, so "tomo" matches "tomo/" and "TS_01_tomo.mrc" but not "atomic". */
function word(alternatives: string): RegExp {
  return new RegExp(`(^|[^a-z0-9])(${alternatives})([^a-z0-9]|$)`);
}

/** Words that people and acquisition software put in folder and file names, and the modality each suggests. */
const NAME_HINTS: readonly { readonly test: RegExp; readonly modality: Modality; readonly words: string; readonly generic?: true }[] = [
  { test: word('fib-?sem|fibsem|crossbeam|helios|dualbeam'), modality: 'vem-fib-sem', words: 'FIB-SEM' },
  { test: word('sbf-?sem|sbem|sbfsem|3view|serial-?block-?face'), modality: 'vem-sbf-sem', words: 'SBF-SEM / 3View' },
  { test: word('sstem|ss-?tem|sset|ss-?et|serial-?sections?'), modality: 'vem-sstem', words: 'serial-section TEM/ET' },
  { test: word('array-?tomography|atum|wafer\\d*'), modality: 'vem-array-tomography', words: 'array tomography / ATUM' },
  { test: word('vem|volume-?em'), modality: 'vem-other', words: 'volume EM', generic: true },
  { test: word('subtomo(gram)?s?'), modality: 'cryoet-subtomograms', words: 'subtomograms' },
  { test: word('tomo(gram)?s?|rec|reconstructions?'), modality: 'cryoet-tomograms', words: 'tomograms' },
  { test: word('tilt-?series|tiltseries|ts-?\\d+'), modality: 'cryoet-tilt-series', words: 'tilt series' },
  { test: word('micrographs?|aligned-?sums?'), modality: 'spa-micrographs', words: 'micrographs' },
  { test: word('movies?|fractions|frames'), modality: 'spa-movies', words: 'movies / fractions' },
  { test: word('particles?|extract'), modality: 'spa-particles', words: 'particles' },
  { test: word('maps?|emd-\\d+|half-?maps?'), modality: 'density-map', words: 'maps' },
  { test: word('microed|electron-?diffraction'), modality: 'microed', words: 'MicroED' },
  { test: word('sxt|cryo-?sxt|soft-?x-?ray'), modality: 'soft-xray-tomography', words: 'soft X-ray tomography' },
  { test: word('micro-?ct|µct|uct|xct|x-?ray|synchrotron'), modality: 'hard-xray-tomography', words: 'X-ray / micro-CT' },
  { test: word('confocal|lsm|airyscan'), modality: 'lm-confocal', words: 'confocal' },
  { test: word('widefield|wide-field|epifluorescence'), modality: 'lm-widefield', words: 'widefield' },
  { test: word('light-?sheet|lightsheet|spim|lattice'), modality: 'lm-light-sheet', words: 'light-sheet' },
  { test: word('sim|storm|palm|sted|smlm|super-?res(olution)?|minflux'), modality: 'lm-super-resolution', words: 'super-resolution' },
  { test: word('lm|light-?microscopy|fluorescence|fluo|if'), modality: 'lm-other', words: 'light microscopy', generic: true },
  { test: word('tem|sem|em'), modality: 'em-2d', words: 'electron microscopy', generic: true },
  { test: word('afm|atomic-?force'), modality: 'afm', words: 'AFM' },
  { test: word('hcs|screen(ing)?|plates?'), modality: 'hcs', words: 'screening' },
];

/**
 * Frames and dimensions beat names: a single-frame file in a folder called "movies" (RELION mirrors its input
 * tree there) is no movie, and a multi-frame file in "micrographs" is no single micrograph.
 */
function contradictedByFrames(s: Signals, m: Modality): boolean {
  // A PNG or JPEG holds one 2-D picture: named "map" or "emd-NNNN", it is a picture of a map, not the map.
  if (m === 'density-map') return PICTURE_FORMATS.has(s.f.format);
  const d = s.f.facts.dimensions?.value;
  if (!d) return false;
  // Per file: a numbered series of single-frame files is still single frames. A TIFF reader that read one IFD
  // leaves z unset, so one frame is known only from a count of 1 or a header that says "one image" (MRC nz = 1).
  const frames = d.frames ?? d.z;
  const single = frames === 1 || (frames === undefined && s.arrangement === 'image' && s.arrangementSource === 'header');
  if (m === 'spa-movies') return single;
  if (m === 'spa-micrographs') return frames !== undefined && frames > 1;
  return false;
}

/** The extension of the TOM/Dynamo EM format. */
const EM_FORMAT_EXTENSION = '.em';

/** What folder and file names suggest about image data: a hint, never more. */
const nameHints: ModalityRule = {
  id: 'name-hints',
  votes: (s) => {
    // An archive of light-microscopy files is named like the images it holds (confocal_2024-08_backup.zip).
    if (s.f.kind !== 'image' && s.f.kind !== 'container' && !archivedLmFormat(s)) return [];
    // The extension .em names the TOM/Dynamo EM file format, not "electron microscopy" (TOM toolbox tom_emwrite).
    const named = s.f.extension === EM_FORMAT_EXTENSION ? s.path.slice(0, -EM_FORMAT_EXTENSION.length) : s.path;
    const matched = NAME_HINTS.filter((h) => h.test.test(named) && !contradictedByFrames(s, h.modality));
    // Products keep their movie's name and add their own (cryoSPARC: …_fractions_patch_aligned_doseweighted_particles.mrc): the product's word wins.
    const derived = matched.some((h) => h.modality === 'spa-particles' || h.modality === 'spa-micrographs');
    const hits = derived ? matched.filter((h) => h.modality !== 'spa-movies') : matched;
    // "tomo", "rec" and "tilt series" name what X-ray data are too: of X-ray data they say the X-ray technique.
    const xray = xrayTechnique(s);
    // A generic word ("em" in "fib-sem") says nothing when a specific one is there.
    const specific = hits.some((h) => !h.generic);
    const seen = new Set<Modality>();
    const out: Vote[] = [];
    for (const h of hits) {
      const m = xray && (h.modality === 'cryoet-tomograms' || h.modality === 'cryoet-tilt-series') ? xray : h.modality;
      if (seen.has(m) || (h.generic && specific)) continue;
      seen.add(m);
      out.push(vote(m, W.HINT, 'name', `The path ${s.path} says "${h.words}"${m !== h.modality ? ' (of X-ray data)' : ''}.`));
    }
    return out;
  },
};

/**
 * Segmentations: label images and masks made from the images they segment. EMPIAR and the BioImage Archive take
 * them with those images (EMPIAR image-set categories include "segmentation"; BIA REMBI "analysed data"), and
 * they are named so: `segmentation/`, `labels/` folders (OME-NGFF image-label groups are called `labels`),
 * `_labels`, `_mask`, `_seg` in file names (ilastik, Cellpose `_masks`, napari label layers).
 */
const SEGMENTATION_FOLDER = /(^|\/)(segmentations?|labels|masks)(\/|$)/;
const SEGMENTATION_NAME = /(^|[^a-z0-9])(labels?|masks?|seg|segmentations?)([^a-z0-9]|$)/;

/** Formats of 3-D maps (MRC/CCP4 and the TOM/Dynamo EM format). */
const MAP_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['mrc', 'tom-em']);

/**
 * A cubic volume in a map format named as a mask is the mask of a map (RELION MaskCreate mask.mrc, Dynamo
 * mask.em, EMDB masks/emd_N_msk_1.map: a cube the size of the map's box), which EMDB takes with the map
 * (EMDB map deposition: masks with the primary map), not a segmentation of acquired images.
 */
function mapMask(s: Signals): boolean {
  const d = s.f.facts.dimensions?.value;
  return MAP_FORMATS.has(s.f.format) && s.arrangement === 'volume' && d !== undefined && d.x !== undefined && d.x === d.y && d.y === d.z;
}

/** An image that says nothing of how it was acquired, named as a segmentation: a processing result that follows its images. */
const segmentations: ModalityRule = {
  id: 'segmentation',
  votes: (s) => {
    // An archived map's mask (EMDB masks/emd_N_msk_1.map) is part of the entry, not a segmentation of images.
    const acquired = s.mode || s.kv !== undefined || s.f.facts.channels || s.f.facts.xrayEnergyKeV || s.f.facts.emdbId || s.creator === 'EMDB';
    if (s.f.kind !== 'image' || acquired || mapMask(s)) return [];
    const folder = SEGMENTATION_FOLDER.test(s.f.directory.toLowerCase());
    const name = SEGMENTATION_NAME.test(s.firstName);
    if (!folder && !name) return [];
    const where = [folder ? `the folder ${s.f.directory}` : '', name ? `the name ${s.firstName}` : ''].filter(Boolean).join(' and ');
    return [vote('processing-output', folder && name ? W.GOOD : W.WEAK, 'name', `An image with no acquisition facts, named as a segmentation by ${where}: a label image made from the images it segments, which it follows.`)];
  },
};

/** Every rule about omics, spatial data, correlation, supporting files, clutter, plain images and names. */
export const DATA_RULES: readonly ModalityRule[] = [omicsAndSpatial, correlation, supporting, localisations, analysisOutput, cryoProcessingRecords, accompanying, codeArchive, clutterAndOpaque, genericImages, nameHints, segmentations];
