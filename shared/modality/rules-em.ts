import { formatLength } from '../formats/describe-facts';
import type { FormatId } from '../formats/format-catalog';
import type { ImagingMode } from '../formats/facts';
import { isCtfOutput, isGainReference } from './rules-data';
import { xrayTechnique } from './rules-imaging';
import { isStack, MIN_STACK_SLICES, type Signals } from './signals';
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

/** Smallest tilt range of a tilt series: cryo-ET schemes span ±40° to ±70° (Hagen et al. 2017 dose-symmetric: ±60°); a few degrees is stage wobble. */
export const MIN_TILT_RANGE_DEG = 20;

/** MRC-family formats: what cryo-EM and electron tomography write (MRC/CCP4, and the TOM/Dynamo EM format of cryo-ET volumes). */
const MRC_LIKE: ReadonlySet<FormatId> = new Set<FormatId>(['mrc', 'tom-em']);

/** Dynamo's dtcrop writes each cropped subtomogram as particle_<tag>.em, the tag zero-padded to 6 digits (Dynamo wiki, "dtcrop"). */
const DYNAMO_PARTICLE = /^particle_\d{6}\.em$/;

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
    // The tilt series of an X-ray microscope is X-ray tomography (the xray rule names which); its angles say nothing of cryo-ET.
    if (xrayTechnique(s)) return [];
    const t = s.f.facts.tiltAngles?.value;
    const range = t ? ` from ${t.min}° to ${t.max}° over ${t.count} images` : '';
    const from = s.arrangementSource === 'header' ? 'read from the header' : `from ${s.f.facts.arrangement?.source ?? 'a sidecar'}`;
    // Tilt series of serial sections are serial-section electron tomography (IMOD "Joining Serial Tomograms"): volume EM.
    if (sectioned(s)) return [vote('vem-sstem', W.STRONG, 'layout', `Tilt angles vary${range} (${from}) in a series of sections: serial-section electron tomography, a volume EM technique.`)];
    return [vote('cryoet-tilt-series', s.arrangementSource === 'header' ? W.DEFINING : W.STRONG, s.arrangementSource, `Tilt angles vary${range} (${from}): a tilt series.`)];
  },
};

/** Fewest exposures of a tilt series: the mdoc reader's own test (main/formats/families/cryoem/tilt.ts isTiltSeries). */
const MIN_TILTS = 3;

/**
 * Movies that a record of several exposures at different tilts names as its frames (SerialEM/Tomography
 * SubFramePath per [ZValue]): the frames of a tilt series. The angles must span a tilt series
 * (MIN_TILT_RANGE_DEG), or the record must be Thermo Tomography's, which records tilt series only (Thermo
 * Scientific Tomography 5 is the cryo-ET acquisition application; single-particle runs are EPU's) and whose
 * TiltAngle per exposure then says the tilts even over a short range.
 */
function namedAsTiltFrames(s: Signals): boolean {
  const t = s.f.facts.tiltAngles;
  if (!t || t.provenance !== 'sidecar' || t.value.count < MIN_TILTS || t.value.max <= t.value.min) return false;
  if (t.value.max - t.value.min >= MIN_TILT_RANGE_DEG) return true;
  const c = s.f.facts.creator;
  return c !== undefined && c.provenance === 'sidecar' && c.source === t.source && /^tomography/i.test(c.value);
}

/** Dose-fractionated movies: frames of one exposure. */
const movies: ModalityRule = {
  id: 'movies',
  votes: (s) => {
    if (s.arrangement !== 'movie' || s.f.kind !== 'image') return [];
    const frames = s.f.facts.dimensions?.value.frames ?? s.f.facts.dimensions?.value.z;
    // Movies that a tilt-series record names as the frames of its tilts (SerialEM SubFramePath) are raw cryo-ET data.
    const t = s.f.facts.tiltAngles;
    if (t && namedAsTiltFrames(s)) {
      return [vote('cryoet-tilt-series', W.STRONG, 'sidecar', `Movies named by ${t.source ?? 'a tilt-series record'} as the frames of a tilt series from ${t.value.min}° to ${t.value.max}°: raw cryo-ET data.`)];
    }
    return [vote('spa-movies', s.arrangementSource === 'header' ? W.GOOD : W.FAIR, s.arrangementSource, `Dose-fractionated movie${frames ? ` (${frames} frames)` : ''}: raw cryo-EM exposures.`)];
  },
};

/** EPU names the dose-fractionated movie of each exposure <FoilHole…_Data…>_Fractions.(mrc|tiff|eer); cryoSPARC and RELION keep the name on import. */
const EPU_FRACTIONS = /_fractions\.(mrc|tiff?|eer)$/;

/** Movies by EPU's name for them, when the file itself does not say it holds one frame. */
const epuFractions: ModalityRule = {
  id: 'epu-fractions-name',
  votes: (s) => {
    if (s.f.kind !== 'image' || !EPU_FRACTIONS.test(s.firstName) || s.arrangement === 'movie' || s.arrangement === 'tilt-series' || knownSingleFrame(s)) return [];
    return [vote('spa-movies', W.FAIR, 'name', `Named as EPU names dose-fractionated movies (…_Fractions${s.f.extension}).`)];
  },
};

/** Leginon saves each exposure's frames as <image>.frames.mrc beside the image (Leginon/Appion; EMPIAR-10025 raw frames). */
const LEGINON_FRAMES = /\.frames\.mrc$/;

/** Leginon frame stacks. */
const leginonFrames: ModalityRule = {
  id: 'leginon-frames',
  votes: (s) => (s.f.kind === 'image' && LEGINON_FRAMES.test(s.firstName) && !knownSingleFrame(s) ? [vote('spa-movies', W.GOOD, 'name', 'Leginon names the frame stack of an exposure <image>.frames.mrc: a dose-fractionated movie.')] : []),
};

/** SBEMimage names its tiles <stack>_g<grid>_t<tile>_s<slice>.tif under tiles/g<grid>/t<tile>/ (SBEMimage, github.com/SBEMimage/SBEMimage, acquisition output). */
const SBEMIMAGE_TILE = /_g\d{4}_t\d{4}_s\d{5}\.tiff?$/;

/** SBEMimage serial block-face tiles. */
const sbemimageTiles: ModalityRule = {
  id: 'sbemimage-tiles',
  votes: (s) => (s.f.kind === 'image' && SBEMIMAGE_TILE.test(s.firstName) ? [vote('vem-sbf-sem', W.GOOD, 'name', 'SBEMimage names serial block-face tiles <stack>_gGGGG_tTTTT_sSSSSS.tif (grid, tile, slice): an SBF-SEM acquisition.')] : []),
};

/** EER is the Falcon 4 event-counting movie format: dose-fractionated exposures. */
const eerMovies: ModalityRule = {
  id: 'eer',
  // The frames of a tilt series are EER movies too: then the movie format says nothing of single particle (the movies rule says tilt series).
  votes: (s) => (s.f.format === 'eer' && !namedAsTiltFrames(s) ? [vote('spa-movies', W.GOOD, 'header', 'EER (electron-event representation) is the Falcon 4 movie format: raw dose-fractionated exposures.')] : []),
};

/**
 * What a tomogram is, by the data it was reconstructed from: X-ray projections make X-ray tomography
 * (rules-imaging.ts xrayTechnique); the tilt series of serial sections make serial-section electron tomography,
 * volume EM (IMOD "Joining Serial Tomograms": one tomogram per section, joined); otherwise a cryo-ET tomogram.
 */
function tomogramOf(s: Signals): 'soft-xray-tomography' | 'hard-xray-tomography' | 'vem-sstem' | 'cryoet-tomograms' {
  return xrayTechnique(s) ?? (sectioned(s) ? 'vem-sstem' : 'cryoet-tomograms');
}

/** IMOD signs the tomograms its `tilt` program reconstructs in the first label. */
const imodTomogram: ModalityRule = {
  id: 'imod-tomogram',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || !s.mrcLabel) return [];
    if (!/^\s*tilt\s*:/i.test(s.mrcLabel)) return [];
    const xray = xrayTechnique(s);
    if (xray) return [vote(xray, W.STRONG, 'header', `First label "${s.mrcLabel.trim()}": written by IMOD's tilt, a tomogram reconstructed from X-ray projections.`)];
    if (sectioned(s)) return [vote('vem-sstem', W.STRONG, 'header', `First label "${s.mrcLabel.trim()}": written by IMOD's tilt, the tomogram of one section of a series: serial-section electron tomography.`)];
    return [vote('cryoet-tomograms', W.STRONG, 'header', `First label "${s.mrcLabel.trim()}": written by IMOD's tilt, a tomogram reconstruction.`)];
  },
};

/** IMOD's names for raw (.st) and aligned (.ali, .preali) tilt series (IMOD's etomo conventions). */
const IMOD_TILT_EXT = new Set(['.st', '.ali', '.preali']);

/** Tomograms as AreTomo (AreTomo3 manual: <stem>_Vol.mrc) and WarpTools (ts_reconstruct: reconstruction/<ts>_<pixel>Apx.mrc) name them. */
const TOMOGRAM_NAMES = /(_vol\.mrc|_\d+(\.\d+)?apx\.mrc)$/;
/** RELION 5 tomography jobs that write tomograms (ReconstructTomograms, Denoise). */
const RELION_TOMOGRAM_JOBS = /^(reconstructtomograms|denoisetomo)/i;

/** IMOD's file-name conventions: .st/.ali/.preali tilt series, .rec tomograms; AreTomo and WarpTools tomogram names; RELION tomogram jobs. */
const imodNames: ModalityRule = {
  id: 'imod-names',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || s.arrangement === 'tilt-series') return [];
    const xray = xrayTechnique(s);
    if (IMOD_TILT_EXT.has(s.f.extension)) return [vote(xray ?? 'cryoet-tilt-series', W.FAIR, 'extension', `IMOD names tilt series ${s.f.extension}${xray ? ' (of X-ray projections here)' : ''}.`)];
    if (s.f.extension === '.rec' || /_rec\.mrc$/.test(s.path)) return [vote(tomogramOf(s), W.FAIR, 'name', `Named as IMOD names reconstructions (.rec / _rec)${xray ? ' of X-ray data' : ''}.`)];
    if (s.f.extension === '.join') return [vote('vem-sstem', W.GOOD, 'extension', 'IMOD finishjoin writes the tomograms of serial sections joined into one volume as .join: serial-section electron tomography.')];
    if (TOMOGRAM_NAMES.test(s.firstName)) return [vote('cryoet-tomograms', W.FAIR, 'name', `Named as AreTomo (<stem>_Vol.mrc) or WarpTools (<ts>_<pixel>Apx.mrc) name reconstructed tomograms.`)];
    if (s.processingKind !== undefined && RELION_TOMOGRAM_JOBS.test(s.processingKind) && (s.arrangement === 'volume' || s.arrangement === 'image-stack')) {
      return [vote('cryoet-tomograms', W.GOOD, 'layout', `A volume in the RELION ${s.processingKind} job folder: a reconstructed tomogram.`)];
    }
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
    if (cubic && x <= SUBVOLUME_BOX_MAX && s.f.format === 'tom-em' && DYNAMO_PARTICLE.test(s.firstName)) {
      out.push(vote('cryoet-subtomograms', W.GOOD, 'name', `A small cubic EM volume (${x}³ voxels) named as Dynamo's dtcrop names the subtomograms it crops (particle_<tag>.em).`));
      return out;
    }
    if (cubic && x <= SUBVOLUME_BOX_MAX && s.numberedStack && (px === undefined || px >= TOMOGRAM_PIXEL_MIN_NM)) {
      out.push(vote('cryoet-subtomograms', W.FAIR, 'header', `${s.f.fileCount} small cubic volumes (${x}³ voxels${px ? ` of ${formatLength(px)}` : ''}): subtomograms.`));
    } else if (cubic && (px === undefined || px <= MAP_PIXEL_MAX_NM)) {
      out.push(vote('density-map', W.FAIR, 'header', `A cubic ${x}³ volume${px ? ` at ${formatLength(px)}/voxel` : ''}: the shape of a reconstructed map.`));
    } else if (flat && (px === undefined || px >= TOMOGRAM_PIXEL_MIN_NM)) {
      out.push(vote(tomogramOf(s), W.FAIR, 'header', `A slab-shaped ${x}×${y}×${z} volume${px ? ` at ${formatLength(px)}/voxel` : ''}: the shape of a tomogram.`));
    }
    return out;
  },
};

/** Class-average stacks: RELION run_itNNN_classes.mrcs, cryoSPARC <job>_class_averages.mrc. */
const CLASS_AVERAGES = /(_classes\.mrcs|_class_averages\.mrcs?)$/;

/** Image stacks written by particle pickers, in RELION Extract jobs, or named .mrcs; class averages are processing outputs. */
const particleStacks: ModalityRule = {
  id: 'particle-stacks',
  votes: (s) => {
    if (!MRC_LIKE.has(s.f.format) || s.arrangement !== 'image-stack') return [];
    // RELION Class2D writes the class averages of each iteration as run_itNNN_classes.mrcs (RELION SPA tutorial, "2D class averaging").
    if ((s.processingKind && /^class2d/i.test(s.processingKind)) || CLASS_AVERAGES.test(s.firstName)) {
      return [vote('processing-output', W.GOOD, s.processingKind ? 'layout' : 'name', '2D class averages: a processing result of the particles.', 'spa-particles')];
    }
    const out: Vote[] = [];
    if (s.processingKind && /extract/i.test(s.processingKind)) out.push(vote('spa-particles', W.GOOD, 'layout', `In a ${s.processingTool ?? ''} ${s.processingKind} job folder: extracted particle stacks.`.replace('  ', ' ')));
    else if (s.creator === 'RELION' && !(s.processingKind !== undefined && RELION_TOMOGRAM_JOBS.test(s.processingKind))) out.push(vote('spa-particles', W.WEAK, 'header', 'An image stack written by RELION: particles.'));
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
    // A diffraction pattern or a spectrum is no micrograph, however it is sampled.
    if (!MRC_LIKE.has(s.f.format) || s.arrangement !== 'image' || !cryoSampling(s) || s.mode === 'diffraction' || s.mode === 'spectroscopy' || isGainReference(s) || isCtfOutput(s)) return [];
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
    if (!m || s.f.kind !== 'image' || s.arrangement === 'tilt-series' || s.arrangement === 'movie' || isGainReference(s)) return [];
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
        if (sectioned(s)) return [];
        if (!stack) return [vote('em-2d', W.GOOD, src, 'Single SEM images: 2D electron microscopy.')];
        return DM_FORMATS.has(s.f.format) ? [] : [vote('vem-other', W.GOOD, src, `SEM images over ${n}: a volume EM series.`)];
      case 'TEM':
      case 'STEM': {
        if (gatan3View(s) || sectioned(s)) return [];
        if (stack && s.f.kind === 'image' && !MRC_LIKE.has(s.f.format) && /(serial|section|sstem|sset)/.test(s.path)) return [vote('vem-sstem', W.GOOD, src, `${m} images of serial sections over ${n}.`)];
        // Single-particle micrographs are parallel-beam TEM; STEM at Å sampling is analytical or materials imaging.
        if (m === 'TEM' && cryoSampling(s) && s.pixelNm !== undefined) return [vote('spa-micrographs', W.FAIR, src, `TEM images at ${formatLength(s.pixelNm)}/pixel${s.kv ? ` and ${kvText(s.kv)}` : ''}: cryo-EM sampling.`)];
        const why = [s.pixelNm !== undefined ? `${formatLength(s.pixelNm)} pixels` : '', s.kv !== undefined ? kvText(s.kv) : ''].filter(Boolean).join(', ');
        return [vote('em-2d', W.GOOD, src, `${m} images${why ? ` (${why})` : ''}: 2D electron microscopy.`)];
      }
      case 'diffraction':
        if (xrayDiffraction(s)) return [];
        return [vote('microed', stack ? W.GOOD : W.FAIR, src, stack ? `Electron diffraction patterns over ${n}: a MicroED rotation series.` : 'Electron diffraction patterns (MicroED).')];
      case 'spectroscopy':
        return [vote('em-2d', W.FAIR, src, 'EELS/EDS spectra or spectrum images: analytical electron microscopy, 2D.')];
      default:
        return [];
    }
  },
};

/** DigitalMicrograph's own files and its TIFF exports (tags 65003–65027 keep the DM tag tree): the same images. */
const DM_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['gatan-dm', 'gatan-tiff']);

/** DigitalMicrograph images from an SEM (≤ 30 kV) in a slice series: Gatan 3View, the serial block-face system DM drives. */
function gatan3View(s: Signals): boolean {
  return DM_FORMATS.has(s.f.format) && isStack(s) && ((s.kv !== undefined && s.kv <= SEM_KV_MAX) || (s.kv === undefined && s.mode === 'SEM'));
}

/** A Gatan 3View run: SBF-SEM. */
const gatanSbf: ModalityRule = {
  id: 'gatan-3view',
  votes: (s) =>
    gatan3View(s) ? [vote('vem-sbf-sem', W.GOOD, 'header', `Gatan DigitalMicrograph images${s.kv !== undefined ? ` at ${kvText(s.kv)} (an SEM)` : ' from an SEM'} over ${s.slices} slices: the signature of a Gatan 3View serial block-face run.`)] : [],
};

/** Formats only electron microscopes write (TIA, Velox, DigitalMicrograph, vendor SEM TIFFs). */
const EM_FORMATS: Readonly<Partial<Record<FormatId, string>>> = {
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
    if (!why || s.mode || s.arrangement === 'tilt-series' || s.arrangement === 'movie' || gatan3View(s) || sectioned(s) || isGainReference(s)) return [];
    return isStack(s) ? [vote('vem-other', W.WEAK, 'header', `${why}; ${s.slices} numbered slices may be a volume.`), vote('em-2d', W.WEAK, 'header', `${why}.`)] : [vote('em-2d', W.FAIR, 'header', `${why}.`)];
  },
};

/**
 * Coarsest pixel of a single-particle exposure is ~0.2 nm (CRYO_PIXEL_MAX_NM); EPU's atlas tiles (hundreds of
 * nm/pixel), grid-square (tens of nm) and foil-hole (several nm) images are navigation images. 1 nm sits
 * well between an exposure and a navigation image.
 */
export const NAVIGATION_PIXEL_MIN_NM = 1;

/** Image data inside an EPU session folder are its single-particle exposures (EPU writes *_Fractions movies and their sums). */
const epuSession: ModalityRule = {
  id: 'epu-session',
  votes: (s) => {
    if (!s.layoutKinds.has('epu-session') || s.f.kind !== 'image' || s.f.format === 'jpeg' || s.f.format === 'png' || s.arrangement === 'tilt-series' || isGainReference(s)) return [];
    if (s.pixelNm !== undefined && s.pixelNm >= NAVIGATION_PIXEL_MIN_NM) {
      return [vote('supporting-metadata', W.GOOD, 'layout', `An image at ${formatLength(s.pixelNm)}/pixel inside an EPU session: an atlas, grid-square or foil-hole navigation image, not an exposure.`, 'spa-movies')];
    }
    const multiFrame = s.arrangement === 'movie' || (s.f.facts.dimensions?.value.z ?? 1) > 1 || s.f.format === 'eer';
    return [vote(multiFrame ? 'spa-movies' : 'spa-micrographs', W.GOOD, 'layout', `Inside an EPU single-particle session: its ${multiFrame ? 'dose-fractionated movies' : 'micrographs'}.`)];
  },
};

/**
 * SMV (ADSC "Super Marty View") diffraction frames: the format of X-ray crystallography detectors, which
 * MicroED labs also write from electron cameras so that XDS/DIALS can process them. The SMV reader sets
 * `voltageKV` only from an electron wavelength (WAVELENGTH ≈ 0.0251 Å at 200 kV, 0.0197 Å at 300 kV).
 */
const SMV_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['smv']);

/** Diffraction frames without an electron voltage from a detector format X-ray crystallography writes: X-ray diffraction, not MicroED. */
function xrayDiffraction(s: Signals): boolean {
  return SMV_FORMATS.has(s.f.format) && s.kv === undefined;
}

/** Frames of a rotation series: numbered diffraction images, or a diffraction series in one file. */
function rotationSeries(s: Signals): boolean {
  return s.numberedStack || s.arrangement === 'diffraction-series' || s.slices >= MIN_STACK_SLICES;
}

/**
 * MicroED: electron diffraction frames (an SMV frame with an electron wavelength, an MRC/DM in diffraction
 * mode, a diffraction series); a numbered series of them is the continuous-rotation series MicroED records
 * (Nannenga & Gonen 2014, Nat Methods 11:927; EMPIAR MicroED entries deposit the frames). SMV frames without
 * an electron voltage are X-ray diffraction: not MicroED.
 */
const electronDiffraction: ModalityRule = {
  id: 'electron-diffraction',
  votes: (s) => {
    if (s.f.kind !== 'image') return [];
    const smv = SMV_FORMATS.has(s.f.format);
    if (smv && s.kv === undefined) {
      return [vote('other-imaging', W.WEAK, 'header', 'SMV diffraction frames with no electron wavelength: X-ray diffraction (crystallography), not MicroED.')];
    }
    const diffraction = smv || s.mode === 'diffraction' || s.arrangement === 'diffraction-series';
    if (!diffraction || s.kv === undefined) return s.arrangement === 'diffraction-series' && !smv ? [vote('microed', W.GOOD, s.arrangementSource, 'A series of diffraction patterns in one file: a MicroED rotation series.')] : [];
    const series = rotationSeries(s);
    const frames = s.numberedStack ? `${s.f.fileCount} numbered frames` : s.slices > 1 ? `${s.slices} frames` : 'a frame';
    const what = smv ? 'SMV diffraction' : 'Electron diffraction';
    return [vote('microed', series ? W.STRONG : W.FAIR, 'header', `${what} ${series ? `over ${frames}` : 'pattern'} at ${kvText(s.kv)} (an electron wavelength)${series ? ': a MicroED rotation series' : ''}.`)];
  },
};

/** The file is known to hold one frame: a count of 1, or a header that says one image (MRC nz = 1); a TIFF read at its first IFD says neither. */
function knownSingleFrame(s: Signals): boolean {
  const d = s.f.facts.dimensions?.value;
  const n = d?.frames ?? d?.z;
  return n === 1 || (n === undefined && s.arrangement === 'image' && s.arrangementSource === 'header');
}

/** Frames in one file: `frames` (dose fractions), else sections along z. */
function frameCount(s: Signals): number {
  const d = s.f.facts.dimensions?.value;
  return d?.frames ?? d?.z ?? 1;
}

/**
 * Deepest sample of a counting-camera frame: a dose fraction holds a few electrons per pixel, so SerialEM
 * truncates counted K2/K3 frames to bytes and packs super-resolution frames into 4 bits before saving them as
 * TIFF (SerialEM help, "Frame File Options"; Brandeis EM docs, "Dealing with K2 movie data size": "Packing
 * and Compression"). Light-microscopy cameras write 12–16 bits.
 */
const COUNTING_BITS_MAX = 8;
/** Folder and file words for movies and their frames (the names EPU, SerialEM and EMPIAR uploads give them). */
const MOVIE_WORDS = /(^|[^a-z0-9])(movies?|frames|fractions)([^a-z0-9]|$)/;

/**
 * A TIFF of several one-channel pages of at most COUNTING_BITS_MAX bits, named as movies or frames by its
 * folder or name: the frames of a counting-mode exposure (EMPIAR-10204 ships Movies/*_frameImage.tiff as
 * such). Its page count, when so.
 */
function countingFrames(s: Signals): number | undefined {
  if ((s.f.format !== 'tiff' && s.f.format !== 'bigtiff') || s.numberedStack || !MOVIE_WORDS.test(s.path)) return undefined;
  const h = s.f.facts.header?.value;
  const pages = h?.['pages'];
  const bits = h?.['bitsPerSample'];
  const samples = h?.['samplesPerPixel'];
  if (typeof pages !== 'number' || pages < 2 || h?.['pagesComplete'] !== true) return undefined;
  return typeof bits === 'number' && bits <= COUNTING_BITS_MAX && samples === 1 ? pages : undefined;
}

/** Formats that hold dose-fractionated movies when they hold several frames (docs/formats.md: MRC, TIFF, EER). */
const MOVIE_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['mrc', 'tiff', 'bigtiff', 'eer']);

/** Movie formats RELION reads but never writes (RELION "Import" of TIFF/EER movies; its own outputs are MRC). */
const RELION_INPUT_MOVIE_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['tiff', 'bigtiff', 'eer']);

/** RELION job types whose images are motion-corrected sums (RELION 3–5 pipeline: MotionCorr writes one sum per movie). */
const RELION_SUM_JOBS = /^motioncorr/i;

/**
 * Frames and sampling beat names: a single 2-D cryo-EM image (z = 1) written by RELION's MotionCorr is a
 * motion-corrected micrograph, even in the `Movies/` folder RELION mirrors from its input tree (RELION
 * tutorial: MotionCorr/job002/Movies/*.mrc); several frames of a movie format at cryo-EM sampling are a
 * dose-fractionated movie whatever the folder is called.
 */
const framesAndSampling: ModalityRule = {
  id: 'frames-and-sampling',
  votes: (s) => {
    if (s.f.kind !== 'image' || s.arrangement === 'tilt-series' || s.arrangement === 'movie' || s.f.facts.emdbId || isGainReference(s)) return [];
    // RELION writes MRC, STAR and logs, never TIFF or EER: those in a RELION project are its input movies (RELION SPA tutorial: Movies/*.tiff).
    if (s.processingTool === 'RELION' && RELION_INPUT_MOVIE_FORMATS.has(s.f.format)) {
      return [vote('spa-movies', W.FAIR, 'layout', `${s.f.format.toUpperCase()} images in a RELION project: RELION writes none, so these are the movies it imports.`)];
    }
    const n = frameCount(s);
    if (n <= 1 && MRC_LIKE.has(s.f.format) && (s.arrangement === undefined || s.arrangement === 'image')) {
      const motionJob = s.processingKind !== undefined && RELION_SUM_JOBS.test(s.processingKind);
      const relion = s.creator === 'RELION' || s.processingTool === 'RELION';
      if (motionJob && relion && cryoSampling(s)) {
        return [vote('spa-micrographs', W.GOOD, 'layout', `Single 2-D images${s.pixelNm !== undefined ? ` at ${formatLength(s.pixelNm)}/pixel` : ''} in a RELION ${s.processingKind} job: motion-corrected micrographs (one sum per movie; the folder names mirror RELION's input tree).`)];
      }
      return [];
    }
    const explicitFrames = s.f.facts.dimensions?.value.frames;
    if (explicitFrames !== undefined && explicitFrames > 1 && MOVIE_FORMATS.has(s.f.format)) {
      return [vote('spa-movies', W.GOOD, 'header', `${explicitFrames} frames in one file: a dose-fractionated movie.`)];
    }
    const stackOfFrames = s.arrangement === undefined || s.arrangement === 'image-stack';
    if (n > 1 && stackOfFrames && !s.numberedStack && (s.f.format === 'tiff' || s.f.format === 'bigtiff') && cryoSampling(s)) {
      return [vote('spa-movies', W.FAIR, 'header', `${n} frames in one TIFF at cryo-EM sampling: a dose-fractionated movie.`)];
    }
    const counted = countingFrames(s);
    if (counted !== undefined && stackOfFrames) {
      return [vote('spa-movies', W.FAIR, 'header', `${counted} one-channel pages of at most ${COUNTING_BITS_MAX} bits in one TIFF, in a folder of movies or frames: the frames of a counting-mode exposure.`)];
    }
    // An MRC image stack at cryo-EM sampling that no program signed as particles, a tilt series or a reconstruction: frames of one exposure.
    const signed = s.creator === 'RELION' || s.creator === 'IMOD' || (s.processingKind !== undefined && /extract|class|tomo|tilt/i.test(s.processingKind));
    if (n > 1 && s.arrangement === 'image-stack' && MRC_LIKE.has(s.f.format) && !signed && !IMOD_TILT_EXT.has(s.f.extension) && s.f.extension !== '.mrcs' && s.pixelNm !== undefined && s.kv !== undefined && cryoSampling(s)) {
      return [vote('spa-movies', W.FAIR, 'header', `${n} frames in one MRC at ${formatLength(s.pixelNm)}/pixel and ${kvText(s.kv)}: a dose-fractionated movie.`)];
    }
    return [];
  },
};

/** SEM vendor formats (Zeiss SmartSEM and FEI/Thermo SEM/FIB TIFF tags, docs/formats.md §3). */
const SEM_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['zeiss-sem-tiff', 'fei-tiff']);
/** TEM/STEM acquisition formats (FEI TIA, Velox). */
const TEM_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['tia-ser', 'velox-emd']);

/** The fileset belongs to a series of sections (per-section folders or numbered section images grouped as one). */
function sectioned(s: Signals): boolean {
  return s.layoutKinds.has('section-series');
}

/** Imaging modes under which a series of sections can be volume EM. */
const SECTION_EM_MODES: ReadonlySet<ImagingMode> = new Set<ImagingMode>(['SEM', 'TEM', 'STEM', 'FIB-SEM', 'SBF-SEM']);

/**
 * A series of sections is a volume, not 2D EM: imaged by SEM (SEM tags, ≤ 30 kV) it is array tomography
 * (Micheva & Smith 2007, Neuron 55:25; ATUM-SEM, Kasthuri et al. 2015, Cell 162:648); by TEM it is
 * serial-section TEM (ssTEM/ssET). Both are volume EM in the policy's table ("Volume EM" row).
 */
const sectionSeries: ModalityRule = {
  id: 'section-series',
  votes: (s) => {
    if (!sectioned(s) || s.f.kind !== 'image') return [];
    const kv = s.kv !== undefined ? ` at ${kvText(s.kv)}` : '';
    const semTagged = SEM_FORMATS.has(s.f.format) || s.mode === 'SEM';
    const semVoltage = s.kv !== undefined && s.kv <= SEM_KV_MAX;
    const temTagged = TEM_FORMATS.has(s.f.format) || s.mode === 'TEM' || s.mode === 'STEM';
    const temVoltage = s.kv !== undefined && s.kv > SEM_KV_MAX;
    if ((semTagged && !temVoltage) || (semVoltage && !temTagged)) {
      return [vote('vem-array-tomography', W.GOOD, 'layout', `A series of sections imaged by SEM${kv}: array tomography (serial sections on a substrate), a volume.`)];
    }
    if ((temTagged && !semVoltage) || (temVoltage && !semTagged)) {
      return [vote('vem-sstem', W.GOOD, 'layout', `A series of sections imaged by ${s.mode === 'STEM' ? 'STEM' : 'TEM'}${kv}: serial-section TEM, a volume.`)];
    }
    // Sections imaged by light (the immunofluorescence rounds of conjugate array tomography, Micheva & Smith 2007;
    // serial histology) are light microscopy: only sections that nothing says were imaged by light may be volume EM.
    if (s.f.facts.channels || (s.mode !== undefined && !SECTION_EM_MODES.has(s.mode))) return [];
    return [vote('vem-other', W.FAIR, 'layout', 'A series of sections: a volume EM series (the instrument does not say SEM or TEM).')];
  },
};

/** Every rule about electron microscopy, cheapest first. */
export const EM_RULES: readonly ModalityRule[] = [emdbMap, tiltSeries, movies, epuFractions, leginonFrames, sbemimageTiles, eerMovies, imodTomogram, imodNames, mrcVolumes, particleStacks, relionMaps, micrographs, framesAndSampling, tomographyApp, epuSession, emModes, electronDiffraction, sectionSeries, gatanSbf, emFormats];

