import { formatLength } from '../formats/describe-facts';
import { FORMAT_CATALOG, type FormatId } from '../formats/format-catalog';
import type { Facts, ImagingMode } from '../formats/facts';
import { isLightWavelength, lightLabelOf, wavelengthInName } from './fluorophores';
import type { Modality } from './modalities';
import type { Signals } from './signals';
import type { Vote } from './types';
import { vote, W, type ModalityRule } from './weights';
import { plateSupportKind } from './plate-support';

/** Soft X-rays: the water window is 0.28–0.54 keV (carbon and oxygen K edges); soft X-ray microscopes stay below ~2 keV. */
export const SOFT_XRAY_MAX_KEV = 2;
/** Hard X-ray micro-CT and synchrotron tomography image at 5 keV and above. */
export const HARD_XRAY_MIN_KEV = 5;
/** Light cannot resolve below ~20 nm even with single-molecule localisation; pixels under 2 nm are electron microscopy. */
export const LM_PIXEL_MIN_NM = 2;
/** Clinical CT/MRI/PET voxels are 0.2–5 mm; at 0.1 mm and above a volume reads as medical imaging. */
export const CLINICAL_VOXEL_MIN_NM = 1e5;
/** Microscopy and micro-CT voxels stay below 20 µm; finer than that is not clinical imaging. */
export const MICROSCOPY_VOXEL_MAX_NM = 2e4;

/** One channel as the format engine reads it. */
type Channel = NonNullable<Facts['channels']>['value'][number];

/** Light-microscopy imaging modes as the format engine names them, and the modality each makes. */
const LM_MODES: Partial<Record<ImagingMode, { modality: Modality; weight: number; words: string }>> = {
  widefield: { modality: 'lm-widefield', weight: W.STRONG, words: 'widefield acquisition' },
  brightfield: { modality: 'lm-widefield', weight: W.GOOD, words: 'transmitted-light brightfield' },
  TIRF: { modality: 'lm-widefield', weight: W.GOOD, words: 'TIRF (widefield evanescent illumination)' },
  confocal: { modality: 'lm-confocal', weight: W.STRONG, words: 'laser-scanning confocal acquisition' },
  'spinning-disk': { modality: 'lm-confocal', weight: W.STRONG, words: 'spinning-disk confocal acquisition' },
  multiphoton: { modality: 'lm-confocal', weight: W.GOOD, words: 'multiphoton point-scanning acquisition' },
  'light-sheet': { modality: 'lm-light-sheet', weight: W.STRONG, words: 'light-sheet acquisition' },
  'super-resolution': { modality: 'lm-super-resolution', weight: W.STRONG, words: 'super-resolution acquisition (SIM, STED or localisation)' },
  'slide-scanner': { modality: 'lm-other', weight: W.STRONG, words: 'a slide scanner (whole-slide imaging)' },
};

/**
 * Image data: an image fileset, or a chunked store (N5, Zarr) whose reader found its arrays (their
 * dimensions): the store holds the images, its metadata files are not sidecars.
 */
export function holdsImages(s: Signals): boolean {
  return s.f.kind === 'image' || (s.f.kind === 'container' && s.f.facts.dimensions !== undefined);
}

/** The light-microscopy mode the file states. */
const lmModes: ModalityRule = {
  id: 'lm-imaging-mode',
  votes: (s) => {
    const m = s.mode ? LM_MODES[s.mode] : undefined;
    // A plate index or sidecar that names the mode describes the images; it is not one.
    if (!m || !holdsImages(s)) return [];
    const named = s.f.facts.acquisitionModes?.value;
    return [vote(m.modality, m.weight, s.modeSource, `The file states ${m.words}${named ? ` (${named.join(', ')})` : ''}.`)];
  },
};

/** Imaging modes of electron microscopes: under them "bright field", "phase" or "DIC" name EM contrast, not light. */
const EM_MODES: ReadonlySet<ImagingMode> = new Set(['TEM', 'STEM', 'SEM', 'FIB-SEM', 'SBF-SEM', 'diffraction', 'spectroscopy']);

/** Names listed in an evidence sentence. */
const MAX_NAMED = 4;

/** One channel's wavelengths of light: stated ex/em, else one its name states ("488 nm", a bare laser line). */
function channelWaves(c: Channel): { name: string; ex?: number; em?: number } | undefined {
  const name = c.name ?? c.fluor ?? 'channel';
  const ex = c.excitationNm !== undefined && isLightWavelength(c.excitationNm) ? c.excitationNm : undefined;
  const em = c.emissionNm !== undefined && isLightWavelength(c.emissionNm) ? c.emissionNm : undefined;
  if (ex !== undefined || em !== undefined) return { name, ...(ex !== undefined ? { ex } : {}), ...(em !== undefined ? { em } : {}) };
  const inName = [c.name, c.fluor].map((t) => (t ? wavelengthInName(t) : undefined)).find((n) => n !== undefined);
  return inName !== undefined ? { name, ex: inName } : undefined;
}

/**
 * Channels are light-microscopy evidence whatever the container: wavelengths of light (stated, or in the
 * name), fluorescent proteins and dyes by name (FPbase; the dye makers), and light contrast methods (DIC,
 * phase, brightfield, reflection — OME ContrastMethod), the last not under an electron-microscope mode.
 */
const lmChannels: ModalityRule = {
  id: 'lm-channels',
  votes: (s) => {
    const fact = s.f.facts.channels;
    const ch = fact?.value;
    if (!fact || !ch || ch.length === 0 || s.f.kind !== 'image') return [];
    const out: Vote[] = [];
    const waves = ch.map(channelWaves).filter((w) => w !== undefined);
    if (waves.length > 0) {
      const list = waves.map((w) => `${w.name} ${w.ex !== undefined ? `ex ${w.ex}` : ''}${w.ex !== undefined && w.em !== undefined ? '/' : ''}${w.em !== undefined ? `em ${w.em}` : ''} nm`.replace(/\s+/g, ' '));
      out.push(vote('lm-other', W.GOOD, fact.provenance, `Channels with light wavelengths: ${list.slice(0, MAX_NAMED).join('; ')}.`));
    }
    const labels = ch.flatMap((c) => [c.fluor, c.name].filter((t): t is string => t !== undefined).map(lightLabelOf).filter((l) => l !== undefined).slice(0, 1));
    const markers = [...new Set(labels.filter((l) => l.kind !== 'contrast').map((l) => l.matched))];
    const contrast = [...new Set(labels.filter((l) => l.kind === 'contrast').map((l) => l.matched))];
    if (markers.length > 0) out.push(vote('lm-other', W.GOOD, fact.provenance, `Channels name fluorescent proteins or dyes (${markers.slice(0, MAX_NAMED).join(', ')}): fluorescence light microscopy.`));
    const emMode = s.mode !== undefined && EM_MODES.has(s.mode);
    if (contrast.length > 0 && !emMode) out.push(vote('lm-other', W.FAIR, fact.provenance, `Channels name light-microscopy contrast methods (${contrast.slice(0, MAX_NAMED).join(', ')}).`));
    if (out.length > 0) return out;
    // A fluor the lists above do not know is still a fluorophore the file names.
    const fluor = ch.filter((c) => c.fluor);
    if (fluor.length > 0) return [vote('lm-other', W.FAIR, fact.provenance, `Channels with dyes or contrast methods: ${fluor.map((c) => c.fluor).slice(0, MAX_NAMED).join(', ')}.`)];
    return [];
  },
};

/** Vendor light-microscopy containers, and what each is mostly used for. */
const LM_FORMATS: Readonly<Partial<Record<FormatId, { modality: Modality; because: string }>>> = {
  czi: { modality: 'lm-other', because: 'Zeiss ZEN writes CZI for its light microscopes' },
  lif: { modality: 'lm-other', because: 'Leica LAS X writes LIF for its light microscopes' },
  lof: { modality: 'lm-other', because: 'Leica LAS X writes LOF for its light microscopes' },
  nd2: { modality: 'lm-other', because: 'Nikon NIS-Elements writes ND2 for its light microscopes' },
  oir: { modality: 'lm-confocal', because: 'Olympus FV31S writes OIR for FluoView confocal systems' },
  oib: { modality: 'lm-confocal', because: 'Olympus FluoView writes OIB for its confocal systems' },
  vsi: { modality: 'lm-other', because: 'Olympus cellSens/VS writes VSI for slide scanners and widefield systems' },
  ims: { modality: 'lm-other', because: 'Imaris files hold light-microscopy volumes (Andor, Bitplane)' },
  deltavision: { modality: 'lm-widefield', because: 'DeltaVision/OMX systems write .dv widefield and SIM data' },
  'zeiss-lsm': { modality: 'lm-confocal', because: 'Zeiss LSM is the laser-scanning confocal format' },
  'metamorph-stk': { modality: 'lm-widefield', because: 'MetaMorph STK stacks come from widefield systems' },
  'micromanager-tiff': { modality: 'lm-other', because: 'Micro-Manager drives light microscopes' },
  'aperio-svs': { modality: 'lm-other', because: 'Aperio (Leica) ScanScope/GT slide scanners write SVS whole-slide images (OpenSlide "Aperio format")' },
};

/** A light-microscopy vendor format. */
const lmFormats: ModalityRule = {
  id: 'lm-format',
  votes: (s) => {
    const f = LM_FORMATS[s.f.format];
    return f ? [vote(f.modality, W.FAIR, 'header', `${f.because}.`)] : [];
  },
};

/** File extensions of the vendor light-microscopy formats (from the format catalog), and the format each names. */
const LM_EXTENSIONS: ReadonlyMap<string, FormatId> = new Map(
  FORMAT_CATALOG.filter((f) => LM_FORMATS[f.id] !== undefined).flatMap((f) => f.extensions.map((e) => [e.slice(1).toLowerCase(), f.id] as const)),
);

/** The extensions and counts a ZIP reader lists of its file entries ("lif ×2, txt ×1"), when the list is complete. */
export function archiveExtensions(s: Signals): ReadonlyMap<string, number> | undefined {
  if (s.f.format !== 'zip') return undefined;
  const h = s.f.facts.header?.value;
  const contains = h?.['contains'];
  const files = h?.['files'];
  if (typeof contains !== 'string' || typeof files !== 'number' || contains.endsWith('…')) return undefined;
  const out = new Map<string, number>();
  for (const part of contains.split(', ')) {
    const m = /^(\S+) ×(\d+)$/.exec(part);
    if (!m) return undefined;
    out.set(m[1]!, Number(m[2]));
  }
  return [...out.values()].reduce((a, b) => a + b, 0) === files ? out : undefined;
}

/** The vendor light-microscopy format every file of a ZIP archive is in, by the entries' extensions. */
export function archivedLmFormat(s: Signals): FormatId | undefined {
  const ext = archiveExtensions(s);
  if (!ext || ext.size === 0) return undefined;
  const formats = new Set([...ext.keys()].map((e) => LM_EXTENSIONS.get(e)));
  const [only] = formats;
  return formats.size === 1 && only !== undefined ? only : undefined;
}

/** A ZIP of vendor light-microscopy files (a backup of a session) holds light microscopy, as those files do. */
const lmArchive: ModalityRule = {
  id: 'lm-archive',
  votes: (s) => {
    const format = archivedLmFormat(s);
    const f = format ? LM_FORMATS[format] : undefined;
    return f ? [vote(f.modality, W.FAIR, 'header', `The archive's entries are all ${format!.toUpperCase()} files, and ${f.because.charAt(0).toLowerCase()}${f.because.slice(1)}.`)] : [];
  },
};

/** Pixels finer than light can resolve contradict light microscopy (a CZI from a Zeiss SEM, say). */
const subLightPixels: ModalityRule = {
  id: 'sub-light-pixels',
  votes: (s) => {
    if (s.pixelNm === undefined || s.pixelNm >= LM_PIXEL_MIN_NM || s.f.kind !== 'image') return [];
    const lm = (s.mode && LM_MODES[s.mode]) || LM_FORMATS[s.f.format] || s.f.facts.channels;
    return lm ? [vote('em-2d', W.FAIR, 'header', `Pixel size ${formatLength(s.pixelNm)} is far below what light can resolve: electron microscopy.`)] : [];
  },
};

/** High-content screening: plates and wells, HCS layouts, Operetta/Harmony exports. */
const hcs: ModalityRule = {
  id: 'hcs',
  votes: (s) => {
    // A plate's previews and calibration images are not screen images (rules-data.ts plateSupportKind).
    if (s.f.kind !== 'image' || plateSupportKind(s)) return [];
    const out: Vote[] = [];
    if (s.f.format === 'operetta-tiff') out.push(vote('hcs', W.STRONG, 'header', 'Operetta/Harmony TIFF: a high-content screening export.'));
    // Bio-Formats FlexReader: an Opera measurement holds one .flex per well (RRRCCCFFF.flex), the FlexXML naming the plate and well.
    if (s.f.format === 'opera-flex') out.push(vote('hcs', W.STRONG, 'header', 'Opera .flex (FlexXML in tag 65200): one well of a high-content screening plate.'));
    if (s.layoutKinds.has('hcs-plate')) out.push(vote('hcs', W.STRONG, 'layout', 'Images of a plate indexed by an HCS system.'));
    else if (s.arrangement === 'plate' || s.f.facts.plate) out.push(vote('hcs', W.GOOD, s.f.facts.plate?.provenance ?? s.arrangementSource, 'Images arranged by plate, well and field.'));
    return out;
  },
};

/** Atomic force microscopy, from the mode or the AFM formats. */
const AFM_FORMATS = new Set(['nanoscope', 'gwyddion', 'jpk', 'igor-ibw']);
const afm: ModalityRule = {
  id: 'afm',
  votes: (s) => {
    const out: Vote[] = [];
    if (s.mode === 'AFM') out.push(vote('afm', W.STRONG, s.modeSource, 'Atomic force microscopy scan (height/deflection channels).'));
    else if (AFM_FORMATS.has(s.f.format)) out.push(vote('afm', s.f.format === 'igor-ibw' ? W.FAIR : W.GOOD, 'header', `${s.f.format === 'igor-ibw' ? 'Igor waves are what Asylum AFMs write' : 'A scanning-probe (AFM) data format'}.`));
    return out;
  },
};

/**
 * The X-ray technique of a fileset, when something says it is X-ray data: the soft X-ray mode or an energy
 * at or below SOFT_XRAY_MAX_KEV is soft X-ray tomography; the X-ray CT mode, an X-ray format or a SkyScan
 * scan otherwise hard X-ray tomography. Tilt angles and tomograms of X-ray data are X-ray tomography: a
 * tomogram is named after the radiation it was reconstructed from (EMPIAR experiment types "soft X-ray
 * tomography" vs "electron tomography"), so the cryo-ET readings of angles and volumes do not apply.
 */
export function xrayTechnique(s: Signals): 'soft-xray-tomography' | 'hard-xray-tomography' | undefined {
  const keV = s.f.facts.xrayEnergyKeV?.value;
  const xray = s.mode === 'X-ray CT' || s.mode === 'soft X-ray' || s.f.format === 'xradia' || s.layoutKinds.has('skyscan-scan') || keV !== undefined;
  if (!xray) return undefined;
  return s.mode === 'soft X-ray' || (keV !== undefined && keV <= SOFT_XRAY_MAX_KEV) ? 'soft-xray-tomography' : 'hard-xray-tomography';
}

/** X-ray tomography: the mode, the X-ray formats, and the energy that tells soft from hard. */
const xray: ModalityRule = {
  id: 'xray',
  votes: (s) => {
    const keV = s.f.facts.xrayEnergyKeV?.value;
    const xrayFormat = s.f.format === 'xradia' || s.layoutKinds.has('skyscan-scan');
    if (s.mode !== 'X-ray CT' && s.mode !== 'soft X-ray' && !xrayFormat) return [];
    // A container whose header states X-ray CT holds the scan itself (NeXus NXtomo, APS Data Exchange /exchange/data).
    if (s.f.kind !== 'image' && !(s.f.kind === 'container' && s.mode !== undefined)) return [];
    const out: Vote[] = [];
    const soft = keV !== undefined && keV <= SOFT_XRAY_MAX_KEV;
    if (s.mode === 'soft X-ray') out.push(vote('soft-xray-tomography', W.STRONG, s.modeSource, 'Soft X-ray imaging.'));
    // Computed tomography at a soft energy is soft X-ray tomography (full-field TXM in the water window, e.g. Diamond B24).
    else if (s.mode === 'X-ray CT' && soft) out.push(vote('soft-xray-tomography', W.GOOD, s.modeSource, 'X-ray computed tomography at a soft X-ray energy: soft X-ray tomography.'));
    else if (s.mode === 'X-ray CT') out.push(vote('hard-xray-tomography', W.GOOD, s.modeSource, 'X-ray computed tomography (micro-CT / X-ray microscope).'));
    if (s.layoutKinds.has('skyscan-scan')) out.push(vote('hard-xray-tomography', W.GOOD, 'layout', 'In a Bruker SkyScan micro-CT scan folder.'));
    if (keV !== undefined && keV <= SOFT_XRAY_MAX_KEV) out.push(vote('soft-xray-tomography', W.DEFINING, 'header', `X-ray energy ${keV} keV: soft X-rays (the water window lies at 0.28–0.54 keV).`));
    else if (keV !== undefined && keV >= HARD_XRAY_MIN_KEV) out.push(vote('hard-xray-tomography', W.FAIR, 'header', `X-ray energy ${keV} keV: hard X-rays.`));
    return out;
  },
};

/** DICOM modalities of clinical imaging (DICOM PS3.3 C.7.3.1.1.1); SM is slide microscopy, not clinical. */
const CLINICAL_DICOM = new Set(['CT', 'MR', 'US', 'PT', 'NM', 'CR', 'DX', 'MG', 'XA', 'RF', 'IO', 'PX', 'OP', 'OPT', 'OCT', 'ES', 'XC', 'RG', 'DG', 'BMD', 'IVUS', 'IVOCT']);

/** Medical imaging: patient tags, clinical DICOM modalities, NIfTI, and clinical voxel sizes. */
const medical: ModalityRule = {
  id: 'medical',
  votes: (s) => {
    const out: Vote[] = [];
    const p = s.f.facts.patient?.value;
    const species = s.f.facts.species?.value;
    const dicomModality = s.f.facts.medicalModality?.value;
    // An animal is not a patient (Patient Species, DICOM PS3.3 C.7.1.1): preclinical imaging is "Other imaging … all biological
    // imaging methods not explicitly listed elsewhere" (policy Examples table), slide microscopy of it light microscopy.
    if (species && !species.human) {
      out.push(vote(dicomModality === 'SM' ? 'lm-other' : 'other-imaging', W.STRONG, 'header', `Patient Species ${species.name}: preclinical imaging of an animal, not patient data.`));
      return out;
    }
    if (p?.identifiable) out.push(vote('medical-imaging', W.DEFINING, 'header', p.fields.length ? `Patient-identifying fields are filled (${p.fields.join(', ')}).` : 'A human clinical DICOM class: patient data.'));
    else if (p?.deidentified) out.push(vote('medical-imaging', W.STRONG, 'header', 'Marked de-identified (Patient Identity Removed): it was patient data.'));
    if (dicomModality === 'SM') out.push(vote('lm-other', W.GOOD, 'header', 'DICOM modality SM: slide microscopy (whole-slide light microscopy).'));
    else if (dicomModality && CLINICAL_DICOM.has(dicomModality)) out.push(vote('medical-imaging', W.GOOD, 'header', `DICOM modality ${dicomModality}: clinical imaging.`));
    if (s.f.format === 'nifti') out.push(vote('medical-imaging', W.FAIR, 'header', 'NIfTI is the format of neuroimaging (MRI, CT, PET).'));
    else if (s.mode === 'medical' && !dicomModality) out.push(vote('medical-imaging', W.FAIR, s.modeSource, 'A medical-imaging format.'));
    const medicalFormat = s.f.format === 'nifti' || s.f.format === 'dicom';
    if (medicalFormat && s.pixelNm !== undefined && dicomModality !== 'SM') {
      if (s.pixelNm >= CLINICAL_VOXEL_MIN_NM) out.push(vote('medical-imaging', W.HINT, 'header', `Voxels of ${formatLength(s.pixelNm)}: the scale of clinical scanners.`));
      else if (s.pixelNm < MICROSCOPY_VOXEL_MAX_NM) out.push(vote('other-imaging', W.FAIR, 'header', `Voxels of ${formatLength(s.pixelNm)}: microscopy or micro-CT scale, not clinical imaging.`));
    }
    return out;
  },
};

/** Every rule about light microscopy, screening, AFM, X-ray and medical imaging. */
export const IMAGING_RULES: readonly ModalityRule[] = [lmModes, lmChannels, lmFormats, lmArchive, subLightPixels, hcs, afm, xray, medical];
