import { formatLength } from '../formats/describe-facts';
import type { Facts } from '../formats/facts';
import type { FormatId } from '../formats/format-catalog';
import type { Evidence } from '../model/evidence';
import { lightLabelOf } from './fluorophores';
import { modalityInfo, modalityLabel, type Modality, type ModalityGroup } from './modalities';
import { LM_PIXEL_MIN_NM } from './rules-imaging';

/** What the hint reads: the result (modality, runner-ups, evidence when at hand) and the fileset's facts. */
export interface HintInput {
  readonly modality: Modality;
  readonly alternatives: readonly { readonly modality: Modality; readonly score: number }[];
  readonly facts: Facts;
  readonly format: FormatId;
  /** The modality evidence, for and against, when the caller has it; facts stand in where it is missing. */
  readonly evidence?: readonly Evidence[];
}

/** Electron-microscopy groups: their evidence against light microscopy's is the CLEM conflict. */
const EM_GROUPS: ReadonlySet<ModalityGroup> = new Set(['cryo-em', 'cryo-et', 'microed', 'map', 'volume-em', 'em-2d']);
/** Light-microscopy groups (screening and spatial-omics images are light microscopy put to a purpose). */
const LIGHT_GROUPS: ReadonlySet<ModalityGroup> = new Set(['light', 'hcs', 'spatial-omics']);
/** Modalities told apart by their sampling: Å pixels for SPA, nm voxels for tomograms, 2 nm and up for room-temperature EM, 100 nm and up for light. */
const BY_PIXEL: ReadonlySet<Modality> = new Set([
  'spa-micrographs',
  'spa-movies',
  'density-map',
  'cryoet-tomograms',
  'cryoet-subtomograms',
  'em-2d',
  'lm-widefield',
  'lm-confocal',
  'lm-other',
  'other-imaging',
]);
/** Volume-EM techniques by section: SEM of sections (array tomography) against TEM of sections. */
const SECTION_TECHNIQUES: ReadonlySet<Modality> = new Set(['vem-sstem', 'vem-array-tomography', 'vem-other']);
/** Electron-microscope modes and formats, for saying what the EM side of a conflict rests on. */
const EM_MODES: ReadonlySet<string> = new Set(['TEM', 'STEM', 'SEM', 'FIB-SEM', 'SBF-SEM', 'diffraction', 'spectroscopy']);
/** Names listed in one sentence. */
const MAX_NAMED = 3;

function groupOf(m: Modality): ModalityGroup {
  return modalityInfo(m).group;
}

function sentence(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** The strongest piece of evidence for one side (modalities satisfying `test`), as a phrase. */
function strongest(evidence: readonly Evidence[], test: (m: Modality) => boolean): string | undefined {
  const best = evidence.filter((e) => e.supports !== undefined && test(e.supports)).sort((a, b) => b.weight - a.weight)[0];
  return best ? sentence(best.detail) : undefined;
}

/** What the facts say for electron microscopy, when no evidence sentence is at hand. */
function emFromFacts(f: Facts, format: FormatId): string | undefined {
  const px = f.pixelSize?.value.x;
  if (px !== undefined && px < LM_PIXEL_MIN_NM) return `the pixel size ${formatLength(px)} is below what light resolves`;
  if (f.voltageKV) return `the header states an accelerating voltage of ${f.voltageKV.value} kV`;
  if (f.imagingMode && EM_MODES.has(f.imagingMode.value)) return `the header states ${f.imagingMode.value} imaging`;
  return format === 'mrc' ? 'the MRC format is what electron microscopes write' : undefined;
}

/** What the facts say for light microscopy, when no evidence sentence is at hand. */
function lightFromFacts(f: Facts): string | undefined {
  const names = (f.channels?.value ?? []).flatMap((c) => [c.fluor, c.name]).filter((n): n is string => n !== undefined && lightLabelOf(n) !== undefined);
  if (names.length > 0) return `the channels are named ${[...new Set(names)].slice(0, MAX_NAMED).join(', ')}`;
  const waves = (f.channels?.value ?? []).map((c) => c.emissionNm ?? c.excitationNm).filter((n) => n !== undefined);
  if (waves.length > 0) return `the channels have wavelengths of light (${waves.slice(0, MAX_NAMED).join(', ')} nm)`;
  if (f.imagingMode && !EM_MODES.has(f.imagingMode.value)) return `the header states ${f.imagingMode.value} acquisition`;
  return undefined;
}

/** "A or B", with the modality labels. */
function between(a: Modality, b: Modality): string {
  return `${modalityLabel(a)} and ${modalityLabel(b)}`;
}

/**
 * What would decide a result below the review threshold, in the user's words: the fact that is missing
 * (tilt angles, frames, pixel size, electron voltage, the microscope) or the conflict between the evidence
 * for the best guess and for its strongest rival, with what to do about it. Pure; derived from the result's
 * alternatives, its evidence and the facts, never from the fileset's name.
 */
export function whatWouldDecide(r: HintInput): string {
  const f = r.facts;
  const rival = r.alternatives[0]?.modality;
  const pair: Modality[] = rival ? [r.modality, rival] : [r.modality];
  const has = (m: Modality) => pair.includes(m);
  const evidence = r.evidence ?? [];

  if (rival) {
    const [g1, g2] = [groupOf(r.modality), groupOf(rival)];
    const emVsLight = (EM_GROUPS.has(g1) && LIGHT_GROUPS.has(g2)) || (LIGHT_GROUPS.has(g1) && EM_GROUPS.has(g2));
    if (emVsLight) {
      const em = strongest(evidence, (m) => EM_GROUPS.has(groupOf(m))) ?? emFromFacts(f, r.format) ?? 'the electron-microscopy evidence';
      const lm = strongest(evidence, (m) => LIGHT_GROUPS.has(groupOf(m))) ?? lightFromFacts(f) ?? 'the light-microscopy evidence';
      return `EM and light microscopy evidence conflict: ${em}, but ${lm}. Set the modality (a CLEM overlay of both is correlation information).`;
    }
  }
  if (has('cryoet-tilt-series') && !f.tiltAngles) {
    return 'Tilt angles would decide: keep the .mdoc (or IMOD .tlt/.rawtlt) beside the stack, or set the modality.';
  }
  if (has('spa-movies') && has('spa-micrographs') && !f.dimensions?.value.frames && f.dimensions?.value.z === undefined) {
    return 'The number of frames per file would decide between movies (many frames) and motion-corrected micrographs (one): it was not read from the headers; set the modality.';
  }
  if (has('microed') || (r.format === 'smv' && !f.voltageKV)) {
    if (!f.voltageKV) return 'The beam would decide: an electron voltage or wavelength in the frame headers makes these MicroED frames, X-ray diffraction is not MicroED; set the modality.';
  }
  if (pair.length === 2 && pair.every((m) => SECTION_TECHNIQUES.has(m)) && !f.voltageKV && !f.imagingMode) {
    return 'The microscope would decide: sections imaged by SEM (≤ 30 kV) are array tomography, by TEM serial-section TEM; the headers state neither the mode nor the voltage; set the modality.';
  }
  if (rival && ((groupOf(r.modality) === 'em-2d' && groupOf(rival) === 'volume-em') || (groupOf(r.modality) === 'volume-em' && groupOf(rival) === 'em-2d'))) {
    return 'Whether these images are slices of one volume would decide between 2D and volume EM: keep the slices or sections in one numbered series (slice_0001…, section_001/…), or set the modality.';
  }
  if (rival && pair.every((m) => BY_PIXEL.has(m)) && !f.pixelSize) {
    return `The pixel size would decide between ${between(r.modality, rival)}: it is not in the headers; keep the acquisition metadata with the files, or set the modality.`;
  }
  if (has('correlation') && (has('supporting-metadata') || has('processing-output'))) {
    return 'Whether this file holds a registration (a transform matrix or landmark pairs) would decide between correlation information and supporting metadata; set the modality.';
  }
  if (rival) {
    const mine = strongest(evidence, (m) => m === r.modality);
    const theirs = strongest(evidence, (m) => m === rival);
    const why = mine && theirs ? `: ${mine}, but ${theirs}` : '';
    return `The evidence for ${between(r.modality, rival)} conflicts${why}. Set the modality.`;
  }
  if (r.modality === 'other-imaging' || groupOf(r.modality) === 'light') {
    return 'How the images were acquired would decide: no channel names, wavelengths, acquisition mode or instrument were read from the headers; set the modality.';
  }
  const only = strongest(evidence, (m) => m === r.modality);
  return `Only weak evidence says ${modalityLabel(r.modality)}${only ? ` (${only})` : ''}: a header fact such as the pixel size, voltage, channels or acquisition mode would decide; set the modality.`;
}
