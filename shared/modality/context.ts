import { modalityInfo, modalityLabel, REVIEW_BELOW, DATA_GROUPS, type Modality } from './modalities';
import { isImagingBasedPlatform } from './platforms';
import type { Signals } from './signals';
import { parentDir } from '../layouts/paths';
import { xrayTechnique } from './rules-imaging';
import type { ModalityResult, Vote } from './types';
import { vote, W } from './weights';

/** SerialEM names tilt-series frames with the tilt angle (`TS_01_003_-6.0.tif`, `name_00993_33.0_Oct08…`). */
const ANGLE_IN_NAME = /_[-+]?\d{1,2}\.\d{1,2}(?=[_.])/;

/** What a context rule adds: votes, and sometimes a new reading of the fileset's own evidence for one modality as evidence for another. */
export interface ContextFinding {
  readonly votes: readonly Vote[];
  readonly relabel?: { readonly from: Modality; readonly to: Modality; readonly why: string };
}

const NONE: ContextFinding = { votes: [] };

/** What the first pass found, by fileset, with the signals it was computed from. */
export interface FirstPass {
  readonly signals: readonly Signals[];
  readonly results: ReadonlyMap<string, ModalityResult>;
}

/** The study around one fileset: what its folder and root hold, found once for all filesets. */
export interface StudyContext {
  /** Confident image data by `root\0directory`. */
  readonly confidentByFolder: ReadonlyMap<string, readonly { readonly pattern: string; readonly modality: Modality }[]>;
  /** Roots holding a confident tilt series (or an mdoc that describes one). */
  readonly rootsWithTiltSeries: ReadonlySet<string>;
  /** Roots holding an EPU session. */
  readonly rootsWithEpu: ReadonlySet<string>;
  /** Folders (`root\0directory`) holding the manifest or transcripts of an imaging-based spatial-omics run. */
  readonly imagingStFolders: ReadonlyMap<string, string>;
  /** Roots holding mass-spectrometry imaging data (imzML), by the first such file's place. */
  readonly rootsWithMsi: ReadonlyMap<string, string>;
  /** Frame names (or XDS `?` templates) that diffraction software imported from electron data, by root, with the program. */
  readonly diffractionFrames: ReadonlyMap<string, readonly { readonly name: string; readonly tool: string }[]>;
  /** Confident tilt series by root: their pattern, pixel size and number of tilts (for stacks reconstructed from them). */
  readonly tiltSeriesByRoot: ReadonlyMap<string, readonly TiltSeriesShape[]>;
}

/** What a tilt series' reconstruction is compared with: its sampling and its number of tilts. */
export interface TiltSeriesShape {
  readonly pattern: string;
  readonly pixelNm: number;
  readonly tilts: number;
}

function key(root: string, dir: string): string {
  return `${root}\0${dir}`;
}

/** Builds the study context from the first pass, in one sweep over the filesets. */
export function studyContext(first: FirstPass): StudyContext {
  const confidentByFolder = new Map<string, { pattern: string; modality: Modality }[]>();
  const rootsWithTiltSeries = new Set<string>();
  const rootsWithEpu = new Set<string>();
  const imagingStFolders = new Map<string, string>();
  const rootsWithMsi = new Map<string, string>();
  const diffractionFrames = new Map<string, { name: string; tool: string }[]>();
  const tiltSeriesByRoot = new Map<string, TiltSeriesShape[]>();
  for (const s of first.signals) {
    const imported = electronDiffractionImports(s);
    if (imported.length > 0) diffractionFrames.set(s.f.root, [...(diffractionFrames.get(s.f.root) ?? []), ...imported]);
    if (isMsi(s) && !rootsWithMsi.has(s.f.root)) rootsWithMsi.set(s.f.root, s.f.pattern);
    const r = first.results.get(s.f.id);
    if (!r) continue;
    const k = key(s.f.root, s.f.directory);
    if (r.confidence >= REVIEW_BELOW && DATA_GROUPS.has(modalityInfo(r.modality).group) && s.f.kind === 'image') {
      const here = confidentByFolder.get(k);
      if (here) here.push({ pattern: s.f.pattern, modality: r.modality });
      else confidentByFolder.set(k, [{ pattern: s.f.pattern, modality: r.modality }]);
    }
    if ((r.modality === 'cryoet-tilt-series' && r.confidence >= REVIEW_BELOW) || r.supports === 'cryoet-tilt-series') rootsWithTiltSeries.add(s.f.root);
    const shape = r.modality === 'cryoet-tilt-series' && r.confidence >= REVIEW_BELOW && s.f.kind === 'image' ? tiltSeriesShape(s) : undefined;
    if (shape) addShape(tiltSeriesByRoot, s.f.root, shape);
    if (s.layoutKinds.has('epu-session')) rootsWithEpu.add(s.f.root);
    const platform = s.f.facts.omics?.value.platform ?? s.f.facts.spatial?.value.platform;
    if (isImagingBasedPlatform(platform)) imagingStFolders.set(k, platform!);
  }
  return { confidentByFolder, rootsWithTiltSeries, rootsWithEpu, imagingStFolders, rootsWithMsi, tiltSeriesByRoot, diffractionFrames };
}

/**
 * Distinct tilt-series shapes kept per root. A session has a handful of acquisition settings (pixel size, tilt
 * scheme); keeping each shape once keeps the comparison per stack short however many tilt series there are.
 */
const MAX_SHAPES_PER_ROOT = 64;

/** Adds a tilt-series shape to its root's list unless one of the same pixel and tilt count is there, or the list is full. */
function addShape(byRoot: Map<string, TiltSeriesShape[]>, root: string, shape: TiltSeriesShape): void {
  const list = byRoot.get(root);
  if (!list) byRoot.set(root, [shape]);
  else if (list.length < MAX_SHAPES_PER_ROOT && !list.some((t) => t.pixelNm === shape.pixelNm && t.tilts === shape.tilts)) list.push(shape);
}

/** A tilt series' pixel size and tilt count (its angles, else its sections), when both are known. */
function tiltSeriesShape(s: Signals): TiltSeriesShape | undefined {
  const tilts = s.f.facts.tiltAngles?.value.count ?? (s.arrangement === 'tilt-series' ? s.f.facts.dimensions?.value.z : undefined);
  return s.pixelNm !== undefined && tilts !== undefined && tilts > 1 ? { pattern: s.f.pattern, pixelNm: s.pixelNm, tilts } : undefined;
}

/** How close a pixel ratio must be to a whole number to read as binning (MRC cell sizes are written to 0.1 %–1 %). */
const BINNING_TOLERANCE = 0.02;
/**
 * How far a section count must be from a tilt count to be no copy of the tilt series: aligned stacks drop a
 * few bad tilts at most (IMOD excludelist, AreTomo dark-frame removal), 20 % of 41 is 8 tilts.
 */
const TILT_COUNT_SLACK = 0.2;
/** IMOD's names for tilt-series stacks (.st raw, .ali / .preali aligned): never reconstructions. */
const TILT_STACK_EXT: ReadonlySet<string> = new Set(['.st', '.ali', '.preali']);

/**
 * A stack of sections that is a reconstruction of a tilt series of the study: an MRC volume or image stack
 * without tilt angles whose pixel is a whole multiple (≥ 2) of the tilt series' pixel and whose section count
 * is not the tilt count. Tomograms are reconstructed binned 2–8× (IMOD tilt -IMAGEBINNED, AreTomo -OutBin,
 * WarpTools --angpix) and have as many sections as the slab is thick, not one per tilt; a tilt stack,
 * binned or not, keeps one section per tilt.
 */
export function binnedFromTiltSeries(s: Signals, ctx: StudyContext): { readonly of: TiltSeriesShape; readonly bin: number } | undefined {
  if (s.f.format !== 'mrc' || s.f.kind !== 'image' || s.f.facts.tiltAngles || TILT_STACK_EXT.has(s.f.extension) || s.pixelNm === undefined) return undefined;
  if (s.arrangement !== 'volume' && s.arrangement !== 'image-stack') return undefined;
  const z = s.f.facts.dimensions?.value.z ?? 1;
  if (z < 2) return undefined;
  for (const t of ctx.tiltSeriesByRoot.get(s.f.root) ?? []) {
    const ratio = s.pixelNm / t.pixelNm;
    const bin = Math.round(ratio);
    if (bin < 2 || Math.abs(ratio - bin) > BINNING_TOLERANCE * bin) continue;
    if (Math.abs(z - t.tilts) <= TILT_COUNT_SLACK * t.tilts) continue;
    return { of: t, bin };
  }
  return undefined;
}

/** Mass-spectrometry imaging: mass spectra with a spatial arrangement (imzML, docs/bia.md §6). */
function isMsi(s: Signals): boolean {
  return s.f.facts.omics?.value.kind === 'mass-spectrometry' && s.f.facts.spatial !== undefined;
}

/** Image data the first pass could not decide take the most common confident modality of their folder, or of its parent. */
function neighbours(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (r.confidence >= REVIEW_BELOW || (s.f.kind !== 'image' && s.f.kind !== 'container')) return NONE;
  // What the study says of the fileset itself (a reconstruction of one of its tilt series) beats what lies beside it.
  if (binnedFromTiltSeries(s, ctx)) return NONE;
  for (let dir: string | undefined = s.f.directory, hops = 0; dir !== undefined && hops < 2; dir = parentDir(dir), hops++) {
    const around = (ctx.confidentByFolder.get(key(s.f.root, dir)) ?? []).filter((n) => n.pattern !== s.f.pattern || dir !== s.f.directory);
    if (around.length === 0) continue;
    const counts = new Map<Modality, number>();
    for (const n of around) counts.set(n.modality, (counts.get(n.modality) ?? 0) + 1);
    const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const example = around.filter((n) => n.modality === best![0]).sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0))[0]!;
    const where = hops === 0 ? 'in the same folder' : 'in the parent folder';
    return { votes: [vote(best![0], W.WEAK, 'neighbour', `${example.pattern} ${where} is ${modalityLabel(best![0])}.`)] };
  }
  return NONE;
}

/** Volumes in a study with tilt series are most likely their tomograms. */
function tomogramsBesideTiltSeries(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  // A volume reconstructed from X-ray data is X-ray tomography, whatever tilt series lie beside it (rules-imaging.ts xrayTechnique).
  // Nor is the tomogram of one section of a serial-section series a cryo-ET tomogram (rules-em.ts tomogramOf).
  if (!ctx.rootsWithTiltSeries.has(s.f.root) || s.f.format !== 'mrc' || s.f.facts.emdbId || xrayTechnique(s) || s.layoutKinds.has('section-series')) return NONE;
  const binned = r.modality === 'cryoet-tilt-series' || r.modality === 'cryoet-subtomograms' ? undefined : binnedFromTiltSeries(s, ctx);
  if (binned) {
    const z = s.f.facts.dimensions?.value.z ?? 0;
    return { votes: [vote('cryoet-tomograms', W.GOOD, 'study', `${z} sections at ${binned.bin}× the pixel of the tilt series ${binned.of.pattern} (${binned.of.tilts} tilts): sampled as a tomogram binned from it, not one section per tilt.`)] };
  }
  const volume = s.arrangement === 'volume' || (s.arrangement === 'image-stack' && s.creator === 'IMOD' && !s.f.facts.tiltAngles);
  if (!volume || r.modality === 'cryoet-tilt-series' || r.modality === 'cryoet-subtomograms') return NONE;
  return { votes: [vote('cryoet-tomograms', W.WEAK, 'study', 'The study holds tilt series; a volume beside them is most likely one of their tomograms.')] };
}

/**
 * Movies whose names carry tilt angles are the frames of tilt series when the study holds tilt series and no
 * single-particle (EPU) session: then the movie evidence itself speaks for the tilt series (tilt images are
 * recorded as dose-fractionated movies too), so it is read that way rather than weighed against it.
 */
function tiltFrames(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  // Motion-corrected averages of tilt movies keep the angle in their names too (WarpTools average/<movie>.mrc).
  if ((r.modality !== 'spa-movies' && r.modality !== 'spa-micrographs') || !ANGLE_IN_NAME.test(s.firstName)) return NONE;
  // A record of one exposure says what the frames are: a SerialEM frame-set mdoc ([FrameSet], one TiltAngle) is the
  // record of a single movie, whatever stage tilt its name carries (SerialEM help, "Saving frames": <frames>.mdoc).
  if (oneExposureRecord(s)) return NONE;
  const inStudy = ctx.rootsWithTiltSeries.has(s.f.root) && !ctx.rootsWithEpu.has(s.f.root);
  // SerialEM puts the stage tilt in single-particle frame names too (…_00993_0.0_Oct08…): a tilt series needs angles that vary.
  if (!inStudy && !anglesVary(s)) return NONE;
  const named = vote('cryoet-tilt-series', W.WEAK, 'name', `The frame names carry a tilt angle (${s.firstName}), as SerialEM names the frames of tilt series.`);
  if (!inStudy) return r.modality === 'spa-movies' ? { votes: [named] } : NONE;
  return {
    votes: [named, vote('cryoet-tilt-series', W.WEAK, 'study', 'The study holds tilt series and no single-particle (EPU) session.')],
    relabel: { from: r.modality, to: 'cryoet-tilt-series', why: 'read here as the frames of a tilt series' },
  };
}

/** The frames' arrangement (a movie) and a single tilt angle come from the same record: the record of one exposure. */
function oneExposureRecord(s: Signals): boolean {
  const movie = s.f.facts.arrangement;
  const t = s.f.facts.tiltAngles;
  return s.arrangement === 'movie' && movie?.provenance === 'sidecar' && t !== undefined && t.provenance === 'sidecar' && t.source === movie.source && t.value.count <= 1;
}

/** File names read for the tilt angle they carry (a tilt series has 30–120 tilts). */
const MAX_NAMES_FOR_ANGLES = 256;

/** True when the angles in the fileset's file names differ (a tilt series), or one file's angle is not 0°. */
function anglesVary(s: Signals): boolean {
  const angles = new Set<number>();
  for (const file of s.f.files.slice(0, MAX_NAMES_FOR_ANGLES)) {
    const m = ANGLE_IN_NAME.exec(file.slice(file.lastIndexOf('/') + 1));
    if (m) angles.add(Number(m[0].slice(1)));
    if (angles.size > 1) return true;
  }
  return s.f.files.length === 1 && angles.size === 1 && !angles.has(0);
}

/** Images in the output folder of an imaging-based spatial-omics run are its spatial data (morphology images). */
function imagingStImages(s: Signals, _r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (s.f.kind !== 'image' || s.f.facts.omics || s.f.facts.spatial) return NONE;
  const platform = ctx.imagingStFolders.get(key(s.f.root, s.f.directory));
  return platform ? { votes: [vote('spatial-omics-image', W.STRONG, 'neighbour', `An image in the output folder of a ${platform} run: its morphology/spatial image data.`)] } : NONE;
}

/**
 * A light-microscopy image in a study of mass-spectrometry imaging is its optical image (the H&E or
 * fluorescence image of the section the spectra were taken from, or of the one beside it): the spatial data
 * of the spatial-omics study, which goes to the BioImage Archive while the spectra go to MetaboLights (EBI
 * policy "Spatial-omics data": "spatial data (i.e. images, segmentations etc.) … centralised within the
 * BioImage Archive, while the corresponding omics data is deposited in relevant omics repositories").
 */
function msiOpticalImages(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (s.f.kind !== 'image' || s.f.facts.omics || s.f.facts.spatial || modalityInfo(r.modality).group !== 'light') return NONE;
  const msi = ctx.rootsWithMsi.get(s.f.root);
  return msi ? { votes: [vote('spatial-omics-image', W.WEAK, 'study', `The study holds mass-spectrometry imaging (${msi}): a light-microscopy image beside it is its optical (spatial) image.`)] } : NONE;
}

/**
 * Finest pixel of a grid atlas: SerialEM's low-magnification maps (LMM) and EPU's atlas are montages at
 * 100–500× (SerialEM help, "Navigator"; ~50–700 nm/pixel), while montages of sections for volume EM are taken
 * at 1–10 nm/pixel. 20 nm sits between them.
 */
export const ATLAS_PIXEL_MIN_NM = 20;

/** A coarse montage in a cryo-EM/ET session is its grid atlas: a navigation image of the session, not data. */
function gridAtlas(s: Signals, _r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (s.f.kind !== 'image' || s.arrangement !== 'montage' || s.pixelNm === undefined || s.pixelNm < ATLAS_PIXEL_MIN_NM) return NONE;
  const tilt = ctx.rootsWithTiltSeries.has(s.f.root);
  if (!tilt && !ctx.rootsWithEpu.has(s.f.root)) return NONE;
  const data: Modality = tilt ? 'cryoet-tilt-series' : 'spa-movies';
  return { votes: [vote('supporting-metadata', W.GOOD, 'study', `A montage at ${s.pixelNm} nm/pixel in a session with ${tilt ? 'tilt series' : 'an EPU session'}: its grid atlas (low-magnification map), a navigation image.`, data)] };
}

/**
 * The flat-field ("white", "reference") and dark images of an X-ray tomography scan, as beamline software names
 * them: ESRF `refHST0000.edf` / `dark.edf` (tomwer edfdwprocess.py dark/refs patterns "dark*", "refHST*"),
 * `flat_*` / `dark_*` (tomopy/dxchange, Diamond). They calibrate the projections (tomopy normalize(proj, flat,
 * dark)) and go with them, as gain references go with cryo-EM movies.
 */
const XRAY_REFERENCE_NAME = /^(refhst|ref|flats?|white|darks?|darkend|darkhst)([-_.\d]|$)/;

/** Images named as flats or darks in a folder of confident X-ray tomography data are that scan's calibration images. */
function xrayReferences(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (s.f.kind !== 'image' || !XRAY_REFERENCE_NAME.test(s.firstName)) return NONE;
  const around = (ctx.confidentByFolder.get(key(s.f.root, s.f.directory)) ?? []).filter((n) => n.pattern !== s.f.pattern && modalityInfo(n.modality).group === 'xray');
  if (around.length === 0) return NONE;
  const scan = around[0]!;
  const why = 'read here as a calibration image of the scan beside it';
  return {
    votes: [vote('supporting-metadata', W.GOOD, 'neighbour', `${s.firstName} is named as a flat-field or dark image, beside the X-ray projections ${scan.pattern}: the calibration they are normalised with.`, scan.modality)],
    ...(r.modality === 'soft-xray-tomography' || r.modality === 'hard-xray-tomography' ? { relabel: { from: r.modality, to: 'supporting-metadata' as const, why } } : {}),
  };
}

/** XDS, DIALS and xia2 (Kabsch 2010; Winter et al. 2018) name the frames they import: XDS NAME_TEMPLATE_OF_DATA_FRAMES, DIALS imageset templates. */
const DIFFRACTION_TOOLS = /^(xds|dials|xia2)/i;
/** Names a diffraction record lends, and file names compared with them per fileset. */
const MAX_IMPORTED_NAMES = 16;
const MAX_NAMES_COMPARED = 64;

/** The frame names a diffraction-processing record says it imported, when it processed electron data (no X-ray energy). */
function electronDiffractionImports(s: Signals): { name: string; tool: string }[] {
  const tool = s.processingTool;
  if (!tool || !DIFFRACTION_TOOLS.test(tool) || s.f.facts.xrayEnergyKeV) return [];
  return (s.f.facts.describes?.value ?? []).slice(0, MAX_IMPORTED_NAMES).map((n) => ({ name: n.slice(n.lastIndexOf('/') + 1), tool }));
}

/** True when a file name matches an imported name (XDS templates stand a `?` for each digit of the frame number). */
function matchesImported(file: string, name: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (!name.includes('?')) return base === name;
  if (base.length !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (name[i] === '?' ? base[i]! < '0' || base[i]! > '9' : base[i] !== name[i]) return false;
  return true;
}

/**
 * Frames that XDS or DIALS imported from electron data are diffraction frames: a MicroED rotation series,
 * whatever the camera's file says its mode was (a Velox TEM acquisition on a Ceta in diffraction mode, say);
 * the microscope evidence is then read as the microscope of the diffraction experiment.
 */
function importedByDiffractionSoftware(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (s.f.kind !== 'image' || r.modality === 'microed') return NONE;
  const imported = ctx.diffractionFrames.get(s.f.root);
  if (!imported) return NONE;
  const files = s.f.files.slice(0, MAX_NAMES_COMPARED);
  const hit = imported.find((i) => files.some((f) => matchesImported(f, i.name)));
  if (!hit) return NONE;
  return {
    votes: [vote('microed', W.STRONG, 'study', `${hit.tool} imported ${hit.name} as diffraction frames of electron data: a MicroED rotation series.`)],
    ...(r.modality === 'em-2d' ? { relabel: { from: 'em-2d' as const, to: 'microed' as const, why: 'read here as the microscope that recorded the diffraction frames' } } : {}),
  };
}

/** Rules that read the study around a fileset; they run after every fileset's own rules. */
export const CONTEXT_RULES: readonly ((s: Signals, r: ModalityResult, ctx: StudyContext) => ContextFinding)[] = [neighbours, tomogramsBesideTiltSeries, tiltFrames, imagingStImages, msiOpticalImages, gridAtlas, xrayReferences, importedByDiffractionSoftware];
