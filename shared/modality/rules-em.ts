import { formatLength } from '../formats/describe-facts';
import { isStack, type Signals } from './signals';
import type { Vote } from './types';
import { vote, W, type ModalityRule } from './weights';

/**
 * Largest pixel size of single-particle data: SPA is collected at 0.5–1.5 Å/pixel so that 2–4 Å maps
 * stay below Nyquist (EMPIAR SPA entries, e.g. EMPIAR-10002 at 1.77 Å, EMPIAR-10061 at 0.64 Å).
 */
export const CRYO_PIXEL_MAX_NM = 0.3;
/** Cryo-EM microscopes run at 200–300 kV (Glacios 200, Krios 300); room-temperature TEM of sections at 80–120 kV. */
export const CRYO_KV_MIN = 200;
/** Smallest voxel of a reconstructed tomogram: tomograms are binned 2–8× from 1–3 Å tilt images, so ≥ 4 Å. */
export const TOMOGRAM_PIXEL_MIN_NM = 0.4;
/** Largest accelerating voltage of an SEM (FIB-SEM, SBF-SEM and array tomography image at 1–30 kV). */
export const SEM_KV_MAX = 30;
/**
 * Coarsest voxel of a cubic volume read as a map: single-particle maps sit at 0.5–1.5 Å/voxel, subtomogram
 * averages at 0.5–1.5 nm (EMDB STA entries, e.g. EMD-3197 at 1.14 nm); coarser cubes are rarely maps.
 */
export const MAP_PIXEL_MAX_NM = 2;
/** A box no larger than this (pixels) reads as a subtomogram or particle, not a tomogram (RELION/Warp/Dynamo boxes are 32–256). */
export const SUBVOLUME_BOX_MAX = 256;

/** MRC-family formats: what cryo-EM and electron tomography write. */
const MRC_LIKE = new Set(['mrc']);

function kvText(kv: number): string {
  return `${kv} kV`;
}

/** True when pixel and voltage read as cryo-EM high-resolution data (either may be unknown, not both). */
function cryoSampling(s: Signals): boolean {
  if (s.pixelNm === undefined && s.kv === undefined) return false;
  return (s.pixelNm === undefined || s.pixelNm <= CRYO_PIXEL_MAX_NM) && (s.kv === undefined || s.kv >= CRYO_KV_MIN);
}

function dims(s: Signals): { x: number; y: number; z: number } {
  const d = s.f.facts.dimensions?.value;
  return { x: d?.x ?? 0, y: d?.y ?? 0, z: d?.z ?? 1 };
}

/** An EMDB accession in the labels: the file is (a copy of) an archived map. */
const emdbMap: ModalityRule = {
  id: 'emdb-label',
  votes: (s) => {
    const id = s.f.facts.emdbId?.value;
    if (id) return [vote('density-map', W.DEFINING, 'header', `The header carries the EMDB accession ${id}: an archived 3D map.`)];
    if (s.creator === 'EMDB') return [vote('density-map', W.STRONG, 'header', 'The labels say EMDB wrote the file: an archived 3D map.')];
    return [];
  },
};

/** Tilt angles that vary across sections (from the header or an mdoc / .rawtlt beside it). */
const tiltSeries: ModalityRule = {
  id: 'tilt-series',
  votes: (s) => {
    if (s.arrangement !== 'tilt-series' || s.f.kind !== 'image') return [];
    const t = s.f.facts.tiltAngles?.value;
    const range = t ? ` from ${t.min}° to ${t.max}° over ${t.count} images` : '';
    const from = s.arrangementSource === 'header' ? 'read from the header' : `from ${s.f.facts.arrangement?.source ?? 'a sidecar'}`;
    return [vote('cryoet-tilt-series', s.arrangementSource === 'header' ? W.DEFINING : W.STRONG, s.arrangementSource, `Tilt angles vary${range} (${from}): a tilt series.`)];
  },
};

/** Dose-fractionated movies: frames of one exposure. */
const movies: ModalityRule = {
  id: 'movies',
  votes: (s) => {
    if (s.arrangement !== 'movie' || s.f.kind !== 'image') return [];
    const frames = s.f.facts.dimensions?.value.frames ?? s.f.facts.dimensions?.value.z;
    return [vote('spa-movies', s.arrangementSource === 'header' ? W.GOOD : W.FAIR, s.arrangementSource, `Dose-fractionated movie${frames ? ` (${frames} frames)` : ''}: raw cryo-EM exposures.`)];
  },
};

/** EER is the Falcon 4 event-counting movie format: dose-fractionated exposures. */
const eerMovies: ModalityRule = {
  id: 'eer',
  votes: (s) => (s.f.format === 'eer' ? [vote('spa-movies', W.GOOD, 'header', 'EER (electron-event representation) is the Falcon 4 movie format: raw dose-fractionated exposures.')] : []),
};

/** IMOD signs the tomograms its `tilt` program reconstructs in the first label. */
const imodTomogram: ModalityRule = {
  id: 'imod-tomogram',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || !s.mrcLabel) return [];
    if (!/^\s*tilt\s*:/i.test(s.mrcLabel)) return [];
    return [vote('cryoet-tomograms', W.STRONG, 'header', `First label "${s.mrcLabel.trim()}": written by IMOD's tilt, a tomogram reconstruction.`)];
  },
};

/** IMOD's names for raw (.st) and aligned (.ali, .preali) tilt series (IMOD's etomo conventions). */
const IMOD_TILT_EXT = new Set(['.st', '.ali', '.preali']);

/** IMOD's file-name conventions: .st/.ali/.preali tilt series, .rec tomograms. */
const imodNames: ModalityRule = {
  id: 'imod-names',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || s.arrangement === 'tilt-series') return [];
    if (IMOD_TILT_EXT.has(s.f.extension)) return [vote('cryoet-tilt-series', W.FAIR, 'extension', `IMOD names tilt series ${s.f.extension}.`)];
    if (s.f.extension === '.rec' || /_rec\.mrc$/.test(s.path)) return [vote('cryoet-tomograms', W.FAIR, 'name', 'Named as IMOD names reconstructions (.rec / _rec).')];
    return [];
  },
};

/** Volumes that are not archived maps: their shape and sampling say tomogram, map, subvolume or crystal. */
const mrcVolumes: ModalityRule = {
  id: 'mrc-volume-shape',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || s.f.facts.emdbId || s.creator === 'EMDB') return [];
    const out: Vote[] = [];
    const { x, y, z } = dims(s);
    const px = s.pixelNm;
    if (s.f.facts.spaceGroup) out.push(vote('microed', W.FAIR, 'header', `Crystallographic space group ${s.f.facts.spaceGroup.value}: a crystal map or diffraction volume (MicroED).`));
    if (s.arrangement === 'volume-stack') out.push(vote('cryoet-subtomograms', W.FAIR, 'header', 'A stack of volumes (MRC space group ≥ 400): subtomograms or 3D classes.'));
    const imodStack = s.arrangement === 'image-stack' && s.creator === 'IMOD' && !s.f.facts.tiltAngles && !IMOD_TILT_EXT.has(s.f.extension) && !/^\s*newstack\s*:/i.test(s.mrcLabel ?? '');
    const volume = s.arrangement === 'volume' || imodStack;
    if (!volume || z < 2) return out;
    const cubic = x === y && y === z;
    const flat = z * 2 <= Math.min(x, y);
    if (cubic && x <= SUBVOLUME_BOX_MAX && s.numberedStack && (px === undefined || px >= TOMOGRAM_PIXEL_MIN_NM)) {
      out.push(vote('cryoet-subtomograms', W.FAIR, 'header', `${s.f.fileCount} small cubic volumes (${x}³ voxels${px ? ` of ${formatLength(px)}` : ''}): subtomograms.`));
    } else if (cubic && (px === undefined || px <= MAP_PIXEL_MAX_NM)) {
      out.push(vote('density-map', W.FAIR, 'header', `A cubic ${x}³ volume${px ? ` at ${formatLength(px)}/voxel` : ''}: the shape of a reconstructed map.`));
    } else if (flat && (px === undefined || px >= TOMOGRAM_PIXEL_MIN_NM)) {
      out.push(vote('cryoet-tomograms', W.FAIR, 'header', `A slab-shaped ${x}×${y}×${z} volume${px ? ` at ${formatLength(px)}/voxel` : ''}: the shape of a tomogram.`));
    }
    return out;
  },
};

/** Image stacks written by particle pickers, in RELION Extract jobs, or named .mrcs. */
const particleStacks: ModalityRule = {
  id: 'particle-stacks',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || s.arrangement !== 'image-stack') return [];
    const out: Vote[] = [];
    if (s.processingKind && /extract/i.test(s.processingKind)) out.push(vote('spa-particles', W.GOOD, 'layout', `In a ${s.processingTool ?? ''} ${s.processingKind} job folder: extracted particle stacks.`.replace('  ', ' ')));
    else if (s.creator === 'RELION') out.push(vote('spa-particles', W.WEAK, 'header', 'An image stack written by RELION: particles.'));
    if (s.f.extension === '.mrcs' || /particle/.test(s.path)) out.push(vote('spa-particles', W.HINT, 'name', 'Named as particle stacks (.mrcs / "particles").'));
    return out;
  },
};

/** RELION job folders that hold maps: Refine3D, PostProcess, Class3D, InitialModel, LocalRes, MaskCreate, MultiBody. */
const RELION_MAP_JOBS = /^(refine3d|postprocess|class3d|initialmodel|localres|maskcreate|multibody|reconstruct)/i;

/** Volumes in RELION's map-making job folders are maps (half-maps, masks, class volumes among them). */
const relionMaps: ModalityRule = {
  id: 'relion-map-jobs',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || s.arrangement !== 'volume' || !s.processingKind || !RELION_MAP_JOBS.test(s.processingKind)) return [];
    return [vote('density-map', W.GOOD, 'layout', `A volume in the RELION ${s.processingKind} job folder: a map (final, half-map, mask or class volume).`)];
  },
};

/** Single high-resolution frames (motion-corrected sums) read as SPA micrographs. */
const micrographs: ModalityRule = {
  id: 'micrographs',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || s.arrangement !== 'image' || !cryoSampling(s)) return [];
    const why = [s.pixelNm !== undefined ? `${formatLength(s.pixelNm)} pixels` : '', s.kv !== undefined ? kvText(s.kv) : ''].filter(Boolean).join(' at ');
    return [vote('spa-micrographs', W.FAIR, 'header', `Single MRC images with ${why}: cryo-EM micrographs.`)];
  },
};

/** Thermo's Tomography software writes the tilt images and movies of cryo-ET sessions. */
const tomographyApp: ModalityRule = {
  id: 'thermo-tomography',
  votes: (s) => (s.creator && /^tomo/i.test(s.creator) && s.f.kind === 'image' && s.arrangement !== 'tilt-series' ? [vote('cryoet-tilt-series', W.FAIR, 'header', `Written by Thermo ${s.creator}: images of a cryo-ET tilt series.`)] : []),
};

/** The electron-microscopy imaging modes: TEM/STEM, SEM, FIB-SEM, SBF-SEM, diffraction, spectroscopy. */
const emModes: ModalityRule = {
  id: 'em-imaging-mode',
  votes: (s) => {
    const m = s.mode;
    if (!m || s.f.kind !== 'image' || s.arrangement === 'tilt-series' || s.arrangement === 'movie') return [];
    const src = s.modeSource;
    const stack = isStack(s);
    const n = `${s.slices} slices`;
    switch (m) {
      case 'FIB-SEM':
        return stack
          ? [vote('vem-fib-sem', W.STRONG, src, `FIB-SEM imaging (a DualBeam instrument) over ${n}: a FIB-SEM volume.`)]
          : [vote('em-2d', W.GOOD, src, 'A single image from a FIB-SEM instrument: 2D SEM imaging (a volume would be a numbered series of slices).')];
      case 'SBF-SEM':
        return stack ? [vote('vem-sbf-sem', W.STRONG, src, `Serial block-face SEM over ${n}.`)] : [vote('vem-sbf-sem', W.WEAK, src, 'Serial block-face SEM imaging.')];
      case 'SEM':
        if (!stack) return [vote('em-2d', W.GOOD, src, 'Single SEM images: 2D electron microscopy.')];
        return s.f.format === 'gatan-dm' ? [] : [vote('vem-other', W.GOOD, src, `SEM images over ${n}: a volume EM series.`)];
      case 'TEM':
      case 'STEM': {
        if (gatan3View(s)) return [];
        if (stack && s.f.kind === 'image' && !MRC_LIKE.has(s.f.format) && /(serial|section|sstem|sset)/.test(s.path)) return [vote('vem-sstem', W.GOOD, src, `${m} images of serial sections over ${n}.`)];
        // Single-particle micrographs are parallel-beam TEM; STEM at Å sampling is analytical or materials imaging.
        if (m === 'TEM' && cryoSampling(s) && s.pixelNm !== undefined) return [vote('spa-micrographs', W.FAIR, src, `TEM images at ${formatLength(s.pixelNm)}/pixel${s.kv ? ` and ${kvText(s.kv)}` : ''}: cryo-EM sampling.`)];
        const why = [s.pixelNm !== undefined ? `${formatLength(s.pixelNm)} pixels` : '', s.kv !== undefined ? kvText(s.kv) : ''].filter(Boolean).join(', ');
        return [vote('em-2d', W.GOOD, src, `${m} images${why ? ` (${why})` : ''}: 2D electron microscopy.`)];
      }
      case 'diffraction':
        return [vote('microed', stack ? W.GOOD : W.FAIR, src, stack ? `Electron diffraction patterns over ${n}: a MicroED rotation series.` : 'Electron diffraction patterns (MicroED).')];
      case 'spectroscopy':
        return [vote('em-2d', W.FAIR, src, 'EELS/EDS spectra or spectrum images: analytical electron microscopy, 2D.')];
      default:
        return [];
    }
  },
};

/** DigitalMicrograph images from an SEM (≤ 30 kV) in a slice series: Gatan 3View, the serial block-face system DM drives. */
function gatan3View(s: Signals): boolean {
  return s.f.format === 'gatan-dm' && isStack(s) && ((s.kv !== undefined && s.kv <= SEM_KV_MAX) || (s.kv === undefined && s.mode === 'SEM'));
}

/** A Gatan 3View run: SBF-SEM. */
const gatanSbf: ModalityRule = {
  id: 'gatan-3view',
  votes: (s) =>
    gatan3View(s) ? [vote('vem-sbf-sem', W.GOOD, 'header', `Gatan DigitalMicrograph images${s.kv !== undefined ? ` at ${kvText(s.kv)} (an SEM)` : ' from an SEM'} over ${s.slices} slices: the signature of a Gatan 3View serial block-face run.`)] : [],
};

/** Formats only electron microscopes write (TIA, Velox, DigitalMicrograph, vendor SEM TIFFs). */
const EM_FORMATS: Readonly<Record<string, string>> = {
  'tia-ser': 'FEI TIA series are written by TEM/STEM acquisition software',
  'velox-emd': 'Velox writes (S)TEM acquisitions',
  'gatan-dm': 'DigitalMicrograph writes electron-microscope camera images',
  'gatan-tiff': 'Gatan TIFF exports come from electron-microscope cameras',
  'fei-tiff': 'FEI/Thermo TIFFs with an instrument block come from SEM/FIB instruments',
  'zeiss-sem-tiff': 'Zeiss SEM TIFFs come from scanning electron microscopes',
  'jeol-tiff': 'JEOL TIFFs with a reporter block come from JEOL electron microscopes',
};

/** An EM vendor format without an imaging mode is still electron microscopy: 2D unless something says volume. */
const emFormats: ModalityRule = {
  id: 'em-format',
  votes: (s) => {
    const why = EM_FORMATS[s.f.format];
    if (!why || s.mode || s.arrangement === 'tilt-series' || s.arrangement === 'movie' || gatan3View(s)) return [];
    return isStack(s) ? [vote('vem-other', W.WEAK, 'header', `${why}; ${s.slices} numbered slices may be a volume.`), vote('em-2d', W.WEAK, 'header', `${why}.`)] : [vote('em-2d', W.FAIR, 'header', `${why}.`)];
  },
};

/** Image data inside an EPU session folder are its single-particle exposures (EPU writes *_Fractions movies and their sums). */
const epuSession: ModalityRule = {
  id: 'epu-session',
  votes: (s) => {
    if (!s.layoutKinds.has('epu-session') || s.f.kind !== 'image' || s.f.format === 'jpeg' || s.f.format === 'png' || s.arrangement === 'tilt-series') return [];
    const multiFrame = s.arrangement === 'movie' || (s.f.facts.dimensions?.value.z ?? 1) > 1 || s.f.format === 'eer';
    return [vote(multiFrame ? 'spa-movies' : 'spa-micrographs', W.GOOD, 'layout', `Inside an EPU single-particle session: its ${multiFrame ? 'dose-fractionated movies' : 'micrographs'}.`)];
  },
};

/** Every rule about electron microscopy, cheapest first. */
export const EM_RULES: readonly ModalityRule[] = [emdbMap, tiltSeries, movies, eerMovies, imodTomogram, imodNames, mrcVolumes, particleStacks, relionMaps, micrographs, tomographyApp, epuSession, emModes, gatanSbf, emFormats];

