import type { Modality } from './modalities';
import type { Signals } from './signals';
import type { Vote } from './types';
import { fallbackVote, vote, W, type ModalityRule } from './weights';

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
    return [];
  },
};

/** Registrations and transforms between coordinate spaces: the correlation information of note 3. */
const CORRELATION_FORMATS = new Set(['bigwarp-landmarks', 'ec-clem', 'elastix-transform', 'itk-transform']);
const correlation: ModalityRule = {
  id: 'correlation',
  votes: (s) => {
    const t = s.f.facts.transform?.value;
    if (t) return [vote('correlation', W.STRONG, s.f.facts.transform!.provenance, `${t.kind}${t.dimensions ? ` (${t.dimensions}D)` : ''}: a registration between coordinate spaces.`)];
    if (CORRELATION_FORMATS.has(s.f.format)) return [vote('correlation', W.STRONG, 'header', 'A registration or transform file.')];
    if ((s.f.kind === 'metadata' || s.f.kind === 'table' || s.f.kind === 'document') && /(regist|transform|landmark|correlat|clem|bigwarp|affine)/.test(s.path)) {
      return [vote('correlation', W.WEAK, 'name', 'Named as a registration, transform or landmark file.')];
    }
    return [];
  },
};

/** Acquisition sidecars and the data each describes (reference/formats.md §5–§14). */
const SIDECARS: Readonly<Record<string, { because: string; supports?: (s: Signals) => Modality | undefined }>> = {
  mdoc: {
    because: 'A SerialEM mdoc: the acquisition record of the images it names',
    supports: (s) => (s.arrangement === 'tilt-series' ? 'cryoet-tilt-series' : s.arrangement === 'movie' ? 'spa-movies' : undefined),
  },
  'imod-tilt': { because: 'IMOD tilt angles of a tilt series', supports: () => 'cryoet-tilt-series' },
  'imod-xf': { because: 'IMOD alignment transforms of a tilt series', supports: () => 'cryoet-tilt-series' },
  'epu-xml': { because: 'EPU per-image XML: the acquisition record of a movie or micrograph', supports: () => 'spa-movies' },
  'epu-session': { because: 'The EPU session file of a single-particle collection', supports: () => 'spa-movies' },
  'eer-gain': { because: 'A gain reference for EER movies', supports: () => 'spa-movies' },
  'de-info': { because: 'Direct Electron acquisition info of a movie', supports: () => 'spa-movies' },
  'tia-emi': { because: 'TIA metadata of its .ser series', supports: () => 'em-2d' },
  'skyscan-log': { because: 'A SkyScan scan log: the acquisition record of a micro-CT scan', supports: () => 'hard-xray-tomography' },
  'nikon-xtekct': { because: 'A Nikon XT H CT scan record', supports: () => 'hard-xray-tomography' },
  'opera-index': { because: 'An Opera/Operetta/Phenix plate index', supports: () => 'hcs' },
  'columbus-index': { because: 'A Columbus plate index', supports: () => 'hcs' },
  'yokogawa-mrf': { because: 'A Yokogawa measurement detail file', supports: () => 'hcs' },
  'yokogawa-mlf': { because: 'A Yokogawa measurement data file', supports: () => 'hcs' },
  cellvoyager: { because: 'A CellVoyager measurement file', supports: () => 'hcs' },
  'metaxpress-htd': { because: 'A MetaXpress plate description', supports: () => 'hcs' },
  'incell-xdce': { because: 'An InCell Analyzer plate description', supports: () => 'hcs' },
  oif: { because: 'An Olympus FluoView OIF header', supports: () => 'lm-confocal' },
};

/** What a RELION STAR or cryoSPARC .cs file lists: particles, micrographs, movies → the data it describes. */
function processingSupports(kind: string | undefined): Modality | undefined {
  if (!kind) return undefined;
  if (/particle|coord|pick|extract/i.test(kind)) return 'spa-particles';
  if (/micrograph|motion|ctf/i.test(kind)) return 'spa-micrographs';
  if (/movie|import/i.test(kind)) return 'spa-movies';
  if (/tomo|tilt/i.test(kind)) return 'cryoet-tilt-series';
  return undefined;
}

/** Acquisition sidecars, particle lists and processing records: they follow the data they describe. */
const supporting: ModalityRule = {
  id: 'supporting',
  votes: (s) => {
    const side = SIDECARS[s.f.format];
    if (side) return [vote('supporting-metadata', W.STRONG, 'header', `${side.because}.`, side.supports?.(s))];
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

/** Formats that hold text, tables or structured metadata without saying which data they belong to. */
const ACCOMPANYING = new Set(['text', 'pdf', 'csv', 'json', 'xml']);

/** READMEs, protocols, tables and generic metadata accompany the data around them. */
const accompanying: ModalityRule = {
  id: 'accompanying',
  votes: (s) => (ACCOMPANYING.has(s.f.format) && !s.f.facts.transform ? [vote('supporting-metadata', W.FAIR, 'header', `A ${s.f.format === 'pdf' ? 'PDF document' : s.f.kind === 'table' ? 'table' : s.f.kind === 'document' ? 'text document' : `${s.f.format.toUpperCase()} metadata file`}: it accompanies the data near it.`)] : []),
};

/** Containers whose contents the engine does not read: what they hold stays unknown until a person says. */
const OPAQUE: Readonly<Record<string, string>> = {
  zip: 'A ZIP archive: its contents are not read',
  tar: 'A tar archive: its contents are not read',
  gzip: 'A gzip file whose contents were not recognised',
  hdf5: 'An HDF5 container whose layout was not recognised',
  zarr: 'A Zarr store without OME metadata: its array could be anything',
};

/** OS housekeeping files and opaque containers. */
const clutterAndOpaque: ModalityRule = {
  id: 'clutter-opaque',
  votes: (s) => {
    if (s.f.format === 'os-clutter') return [vote('not-data', W.DEFINING, 'name', 'An operating-system housekeeping file (.DS_Store, Thumbs.db, ._*), not research data.')];
    const why = OPAQUE[s.f.format];
    return why ? [vote('unknown', W.FAIR, 'header', `${why}.`)] : [];
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
    return [fallbackVote('other-imaging', W.HINT, 'header', `A ${s.f.format === 'ome-zarr' ? 'OME-Zarr image' : 'picture'} whose header does not say how it was acquired.`)];
  },
};

/** A word in a path: between separators, so "tomo" matches "tomo/" and "TS_01_tomo.mrc" but not "atomic". */
function word(alternatives: string): RegExp {
  return new RegExp(`(^|[^a-z0-9])(${alternatives})([^a-z0-9]|$)`);
}

/** Words that people and acquisition software put in folder and file names, and the modality each suggests. */
const NAME_HINTS: readonly { readonly test: RegExp; readonly modality: Modality; readonly words: string; readonly generic?: true }[] = [
  { test: word('fib-?sem|fibsem|crossbeam|helios|dualbeam'), modality: 'vem-fib-sem', words: 'FIB-SEM' },
  { test: word('sbf-?sem|sbem|sbfsem|3view|serial-?block-?face'), modality: 'vem-sbf-sem', words: 'SBF-SEM / 3View' },
  { test: word('sstem|ss-?tem|sset|ss-?et|serial-?sections?'), modality: 'vem-sstem', words: 'serial-section TEM/ET' },
  { test: word('array-?tomography|atum|wafer'), modality: 'vem-array-tomography', words: 'array tomography / ATUM' },
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

/** What folder and file names suggest about image data: a hint, never more. */
const nameHints: ModalityRule = {
  id: 'name-hints',
  votes: (s) => {
    if (s.f.kind !== 'image' && s.f.kind !== 'container') return [];
    const hits = NAME_HINTS.filter((h) => h.test.test(s.path));
    // A generic word ("em" in "fib-sem") says nothing when a specific one is there.
    const specific = hits.some((h) => !h.generic);
    const seen = new Set<Modality>();
    const out: Vote[] = [];
    for (const h of hits) {
      if (seen.has(h.modality) || (h.generic && specific)) continue;
      seen.add(h.modality);
      out.push(vote(h.modality, W.HINT, 'name', `The path ${s.path} says "${h.words}".`));
    }
    return out;
  },
};

/** Every rule about omics, spatial data, correlation, supporting files, clutter, plain images and names. */
export const DATA_RULES: readonly ModalityRule[] = [omicsAndSpatial, correlation, supporting, accompanying, clutterAndOpaque, genericImages, nameHints];
