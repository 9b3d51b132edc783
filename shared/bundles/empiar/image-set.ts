import type { Facts } from '../../formats/facts';
import { formatLabel, type FormatId } from '../../formats/format-catalog';
import { modalityLabel, type Modality } from '../../modality/modalities';
import type { BundleFileset } from '../bundler';
import {
  CATEGORY_LABELS,
  DATA_FORMAT_LABELS,
  HEADER_FORMAT_LABELS,
  VOXEL_LABELS,
  describeCoded,
  otherFormatText,
  tupleString,
  type CategoryCode,
  type Coded,
  type FormatCode,
  type VoxelCode,
} from './codes';
import type { DepositionGap, EmpiarImageSet } from './deposition-types';
import { empiarDirectory, rootBasename } from './directories';

/** The schema's limit on image-set `name` and `directory` (docs/empiar.md §1.4). */
const NAME_MAX = 200;
const DIRECTORY_MAX = 200;
/** Å per nm: facts are in nm (shared/formats/facts.ts), EMPIAR's pixel sizes in Å (docs/empiar.md §1.4). */
const ANGSTROM_PER_NM = 10;
/** Significant digits kept when converting nm to Å, enough for any header's precision, dropping float noise. */
const PIXEL_DIGITS = 12;
/** TIFF 6.0 SampleFormat (tag 339): 1 unsigned integer (the default when absent), 2 signed integer, 3 IEEE float. */
const TIFF_UINT = 1;
const TIFF_INT = 2;
const TIFF_FLOAT = 3;

/** Format ids whose bytes are TIFF (docs/formats.md §3): EMPIAR header/data format T3. */
const TIFF_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['tiff', 'bigtiff', 'imagej-tiff', 'fei-tiff', 'zeiss-sem-tiff', 'jeol-tiff', 'olympus-sis-tiff', 'gatan-tiff', 'ome-tiff', 'micromanager-tiff', 'operetta-tiff']);

/** What an image set drafted from one fileset holds, what it lacks, and notes for the checklist. */
export interface ImageSetDraft {
  readonly filesetId: string;
  readonly set: EmpiarImageSet;
  readonly category: Coded<CategoryCode> | null;
  /** Fields the files do not give: left out of the draft, listed as missing. */
  readonly gaps: readonly DepositionGap[];
  /** Values prefilled by a default the user should confirm (MRC mode 0 as unsigned, an `OT` category). */
  readonly confirm: readonly string[];
}

function headerValue(facts: Facts, key: string): string | number | boolean | null | undefined {
  return facts.header?.value[key];
}

function numberOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function lowerExt(f: Pick<BundleFileset, 'extension'>): string {
  return f.extension.toLowerCase();
}

/** Volume-EM techniques as an `OT` category text: raw slices are neither micrographs nor reconstructions (docs/empiar.md §5.1: "usually OT or T13"). */
const VEM_STACK_TEXT: Partial<Record<Modality, string>> = {
  'vem-fib-sem': 'FIB-SEM image stack',
  'vem-sbf-sem': 'SBF-SEM image stack',
  'vem-sstem': 'serial-section TEM images',
  'vem-array-tomography': 'array tomography section images',
  'vem-other': 'volume EM image stack',
};

/**
 * The image-set category from the modality and the arrangement the header says (docs/empiar.md §5.1): movies
 * T2, single micrographs T1, tilt series T9, diffraction T12, montages T11, tomograms and maps T13,
 * subtomograms T14; particle stacks are T5 or T7 and only the user knows which; volume-EM slices `OT`.
 * Xradia `.txrm` holds projections at angles (a tilt series), `.txm` a reconstruction (docs/formats.md §12).
 */
export function categoryOf(f: Pick<BundleFileset, 'modality' | 'facts' | 'format' | 'extension'>): Coded<CategoryCode> | null {
  switch (f.modality) {
    case 'spa-movies':
      return { code: 'T2' };
    case 'spa-micrographs':
      return { code: 'T1' };
    case 'spa-particles':
      return null;
    case 'cryoet-tilt-series':
      return { code: 'T9' };
    case 'cryoet-tomograms':
    case 'density-map':
      return { code: 'T13' };
    case 'cryoet-subtomograms':
      return { code: 'T14' };
    case 'microed':
      return { code: 'T12' };
    default:
      break;
  }
  switch (f.facts.arrangement?.value) {
    case 'movie':
      return { code: 'T2' };
    case 'tilt-series':
      return { code: 'T9' };
    case 'diffraction-series':
      return { code: 'T12' };
    case 'montage':
      return { code: 'T11' };
    case 'volume':
      return { code: 'T13' };
    default:
      break;
  }
  if (f.format === 'xradia') {
    if (lowerExt(f) === '.txrm') return { code: 'T9' };
    if (lowerExt(f) === '.txm') return { code: 'T13' };
  }
  const vem = VEM_STACK_TEXT[f.modality];
  return vem ? { code: 'OT', text: vem } : null;
}

/**
 * Header and data format codes from the format the bytes say (docs/empiar.md §2.5): `.mrcs` is T2, other MRC
 * T1; every TIFF flavour T3; DM3/DM4 by the DigitalMicrograph version the header gives, else the extension;
 * BigDataViewer is header T8 (XML) with data T8. Anything else is `OT` with the extension (or format name) in
 * capitals, the form the pattern `[A-Z0-9 ]+` takes.
 */
export function formatCodesOf(f: Pick<BundleFileset, 'format' | 'extension' | 'facts'>): { readonly header: Coded<FormatCode>; readonly data: Coded<FormatCode> } | null {
  const same = (code: FormatCode) => ({ header: { code }, data: { code } }) as const;
  const ext = lowerExt(f);
  if (f.format === 'mrc') return same(ext === '.mrcs' ? 'T2' : 'T1');
  if (TIFF_FORMATS.has(f.format)) return same('T3');
  switch (f.format) {
    case 'eer':
      return same('T9');
    case 'gatan-dm': {
      const v = numberOf(headerValue(f.facts, 'dmVersion'));
      if (v === 3 || (v === undefined && ext === '.dm3')) return same('T5');
      if (v === 4 || (v === undefined && ext === '.dm4')) return same('T6');
      return null;
    }
    case 'smv':
      return same('T12');
    case 'tom-em':
      return same('T13');
    case 'png':
      return same('T10');
    case 'jpeg':
      return same('T11');
    case 'bdv-hdf5':
      return same('T8');
    case 'unknown':
      return null;
    default: {
      const text = otherFormatText(ext.replace(/^\./, '')) ?? otherFormatText(formatLabel(f.format));
      return text ? { header: { code: 'OT', text }, data: { code: 'OT', text } } : null;
    }
  }
}

/** MRC modes (MRC2014, docs/empiar.md §5.1) → voxel type; mode 0 defaults to unsigned as EMPIAR annotates counting movies. */
const MRC_MODE_VOXEL: Readonly<Record<number, Coded<VoxelCode>>> = {
  0: { code: 'T1' },
  1: { code: 'T4' },
  2: { code: 'T7' },
  3: { code: 'OT', text: 'COMPLEX 16 BIT INTEGER' },
  4: { code: 'OT', text: 'COMPLEX 32 BIT FLOAT' },
  6: { code: 'T3' },
  12: { code: 'OT', text: '16 BIT FLOAT' },
  101: { code: 'T9' },
};

/** TIFF BitsPerSample × SampleFormat → voxel type (docs/empiar.md §5.1); `key` is `bits/format`. */
const TIFF_VOXEL: Readonly<Record<string, Coded<VoxelCode>>> = {
  [`1/${TIFF_UINT}`]: { code: 'T8' },
  [`4/${TIFF_UINT}`]: { code: 'T9' },
  [`8/${TIFF_UINT}`]: { code: 'T1' },
  [`8/${TIFF_INT}`]: { code: 'T2' },
  [`16/${TIFF_UINT}`]: { code: 'T3' },
  [`16/${TIFF_INT}`]: { code: 'T4' },
  [`16/${TIFF_FLOAT}`]: { code: 'OT', text: '16 BIT FLOAT' },
  [`32/${TIFF_UINT}`]: { code: 'T5' },
  [`32/${TIFF_INT}`]: { code: 'T6' },
  [`32/${TIFF_FLOAT}`]: { code: 'T7' },
};

/**
 * Voxel type from what the header says (docs/empiar.md §5.1): the MRC mode, TIFF BitsPerSample with
 * SampleFormat (greyscale only), or SMV's `TYPE=unsigned_short` (dxtbx FormatSMV); `null` when the header
 * does not say. EER frames are electron events, not samples of a declared type, so they are left to the user.
 */
export function voxelTypeOf(f: Pick<BundleFileset, 'format' | 'facts'>): { readonly voxel: Coded<VoxelCode>; readonly confirm?: string } | null {
  if (f.format === 'mrc') {
    const mode = numberOf(headerValue(f.facts, 'mode'));
    const voxel = mode === undefined ? undefined : MRC_MODE_VOXEL[mode];
    if (!voxel) return null;
    return mode === 0 ? { voxel, confirm: 'MRC mode 0 is written as unsigned byte (T1), as EMPIAR annotates counting movies; choose signed byte (T2) if the data are signed (docs/empiar.md §5.1).' } : { voxel };
  }
  if (TIFF_FORMATS.has(f.format)) {
    const bits = numberOf(headerValue(f.facts, 'bitsPerSample'));
    const samples = numberOf(headerValue(f.facts, 'samplesPerPixel')) ?? 1;
    const sampleFormat = numberOf(headerValue(f.facts, 'sampleFormat')) ?? TIFF_UINT;
    if (bits === undefined || samples !== 1) return null;
    const voxel = TIFF_VOXEL[`${bits}/${sampleFormat}`];
    return voxel ? { voxel } : null;
  }
  if (f.format === 'smv' && headerValue(f.facts, 'type') === 'unsigned_short') return { voxel: { code: 'T3' } };
  if (f.format === 'gatan-dm') {
    const type = numberOf(headerValue(f.facts, 'dataType'));
    const voxel = type === undefined ? undefined : DM_DATA_TYPE_VOXEL[type];
    return voxel ? { voxel } : null;
  }
  return null;
}

/**
 * Gatan DigitalMicrograph `ImageData.DataType` → voxel type (docs/formats.md §4: 6 uint8, 9 int8, 10 uint16,
 * 1 int16, 11 uint32, 7 int32, 2 float32; ncempy dm.py `_DM2NPDataType`). Float64, complex and RGB have no
 * EMPIAR code and are left to the user.
 */
const DM_DATA_TYPE_VOXEL: Readonly<Record<number, Coded<VoxelCode>>> = {
  6: { code: 'T1' },
  9: { code: 'T2' },
  10: { code: 'T3' },
  1: { code: 'T4' },
  11: { code: 'T5' },
  7: { code: 'T6' },
  2: { code: 'T7' },
};

/** Frames per image (docs/empiar.md §5.1): movie frames, tilts of a tilt series, sections of a volume, 1 for single frames. */
export function framesPerImageOf(f: Pick<BundleFileset, 'facts' | 'modality'>, category: Coded<CategoryCode> | null): number | null {
  const dims = f.facts.dimensions?.value;
  const pages = headerValue(f.facts, 'pagesComplete') === false ? undefined : numberOf(headerValue(f.facts, 'pages'));
  const arrangement = f.facts.arrangement?.value;
  // Picked particles are single-frame images (categories T5/T7); a stack's nz counts particles, not frames.
  if (f.modality === 'spa-particles') return 1;
  switch (category?.code) {
    case 'T2':
      return dims?.frames ?? pages ?? dims?.z ?? null;
    case 'T9': {
      // A tilt series counts its tilts; files that hold one tilt each do not say how many a series has.
      if (oneTiltPerFile(f, category)) return null;
      return f.facts.tiltAngles?.value.count ?? dims?.z ?? numberOf(headerValue(f.facts, 'projections')) ?? null;
    }
    default:
      if (arrangement === 'image') return 1;
      return dims?.frames ?? dims?.z ?? pages ?? 1;
  }
}

/** True when each file of a tilt-series fileset holds a single tilt (Tomography 5 and SerialEM frame files), not a whole series. */
function oneTiltPerFile(f: Pick<BundleFileset, 'facts'>, category: Coded<CategoryCode> | null): boolean {
  const arrangement = f.facts.arrangement?.value;
  return category?.code === 'T9' && (arrangement === 'image' || arrangement === 'movie');
}

/**
 * Images or tilt series in the set (docs/empiar.md §5.1): the files (movies, micrographs, slices, tilt-series
 * stacks); a directory store is one image; one particle stack counts its particles (nz). Files that hold one
 * tilt each, or several particle stacks whose particles were not all counted, are left to the user.
 */
export function imageCountOf(f: Pick<BundleFileset, 'facts' | 'fileCount' | 'modality'>, category: Coded<CategoryCode> | null, store: boolean): number | null {
  if (store) return 1;
  if (oneTiltPerFile(f, category)) return null;
  if (f.modality === 'spa-particles') return f.fileCount === 1 ? (f.facts.dimensions?.value.z ?? 1) : null;
  return f.fileCount;
}

function imageCountQuestion(f: Pick<BundleFileset, 'modality' | 'fileCount'>, label: string): string {
  return f.modality === 'spa-particles'
    ? `${label} holds ${f.fileCount} particle stacks: enter the number of particles they hold together.`
    : `Each file of ${label} holds one tilt: enter how many tilt series the ${f.fileCount} files make.`;
}

/** A pixel size in Å from one in nm, without float noise (0.105588 nm → 1.05588 Å). */
export function nmToAngstrom(nm: number): number {
  return Number((nm * ANGSTROM_PER_NM).toPrecision(PIXEL_DIGITS));
}

function round(n: number, digits: number): string {
  return String(Number(n.toPrecision(digits)));
}

/** Acquisition details the facts give, as one line for `details` (docs/empiar.md §5.1). */
export function detailsOf(f: Pick<BundleFileset, 'facts'>, supporting: readonly string[]): string | undefined {
  const x = f.facts;
  const parts: string[] = [];
  const inst = x.instrument?.value;
  if (inst && (inst.manufacturer || inst.model)) parts.push(`Instrument: ${[inst.manufacturer, inst.model].filter(Boolean).join(' ')}`);
  if (x.voltageKV) parts.push(`${round(x.voltageKV.value, 6)} kV`);
  if (x.xrayEnergyKeV) parts.push(`X-ray energy ${round(x.xrayEnergyKeV.value, 6)} keV`);
  if (x.detector) parts.push(`detector ${x.detector.value}`);
  if (x.magnification) parts.push(`magnification ${round(x.magnification.value, 6)}×`);
  if (x.dose) parts.push(`dose ${round(x.dose.value, 4)} e/Å²`);
  if (x.tiltAngles) parts.push(`tilt range ${round(x.tiltAngles.value.min, 4)}° to ${round(x.tiltAngles.value.max, 4)}° (${x.tiltAngles.value.count} tilts)`);
  if (x.imagingMode) parts.push(`imaging mode ${x.imagingMode.value}`);
  if (x.software) parts.push(`software ${x.software.value}`);
  else if (x.creator) parts.push(`written by ${x.creator.value}`);
  if (supporting.length > 0) parts.push(`supporting files: ${supporting.join(', ')}`);
  return parts.length > 0 ? `${parts.join('; ')}.` : undefined;
}

/** `text` cut to `max` characters (code points), with an ellipsis when cut. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * An image set drafted from one EMPIAR data fileset (docs/empiar.md §1.4, §5.1). `index` is its place in
 * `imagesets`, for the field paths of its gaps; `supporting` names the supporting files that travel with it.
 * Nothing the files do not say is written: each such field is a gap, blocking when the schema requires it.
 */
export function draftImageSet(f: BundleFileset, index: number, supporting: readonly string[] = []): ImageSetDraft {
  const at = (field: string) => `imagesets[${index}].${field}`;
  const gaps: DepositionGap[] = [];
  const confirm: string[] = [];
  const where = f.directory === '.' ? rootBasename(f.root) : `${rootBasename(f.root)}/${f.directory}`;
  const label = `${where}/${f.pattern}`;
  const set: { -readonly [K in keyof EmpiarImageSet]: EmpiarImageSet[K] } = {};

  set.name = clip(`${modalityLabel(f.modality)} — ${where}`, NAME_MAX);
  // A directory store (OME-Zarr, N5: a pattern ending in "/") is one image, and its folder is the set's directory.
  const store = f.pattern.endsWith('/') ? f.pattern.slice(0, -1) : null;
  const directory = empiarDirectory(f.root, store === null ? f.directory : f.directory === '.' ? store : `${f.directory}/${store}`);
  if ([...directory].length > DIRECTORY_MAX) gaps.push({ field: at('directory'), blocking: true, message: `The folder path ${directory} is longer than the ${DIRECTORY_MAX} characters EMPIAR takes for an image-set directory: upload ${label} from a shorter path.` });
  else set.directory = directory;

  const category = categoryOf(f);
  if (category) {
    set.category = tupleString(category, 'category') ?? undefined;
    if (category.code === 'OT') confirm.push(`${label}: category written as ${describeCoded(category, CATEGORY_LABELS)}; EMPIAR may prefer T13 (reconstructed volumes) for an aligned volume — confirm.`);
  } else {
    const hint = f.modality === 'spa-particles' ? 'T5 (picked particles, unprocessed) or T7 (processed)' : `one of EMPIAR's categories (docs/empiar.md §2.4)`;
    gaps.push({ field: at('category'), blocking: true, message: `The files do not say which image category ${label} is: choose ${hint}.` });
  }

  const formats = formatCodesOf(f);
  if (formats) {
    set.header_format = tupleString(formats.header, 'format') ?? undefined;
    set.data_format = tupleString(formats.data, 'format') ?? undefined;
  } else gaps.push({ field: at('header_format'), blocking: true, message: `The file format of ${label} (${formatLabel(f.format)}) has no EMPIAR header/data format code: choose one (docs/empiar.md §2.5).` });

  const count = imageCountOf(f, category, store !== null);
  if (count !== null) set.num_images_or_tilt_series = count;
  else gaps.push({ field: at('num_images_or_tilt_series'), blocking: true, message: imageCountQuestion(f, label) });

  const frames = framesPerImageOf(f, category);
  if (frames !== null && frames > 0) {
    set.frames_per_image = frames;
    if (category?.code === 'T2' || category?.code === 'T9') {
      set.frame_range_min = 1;
      set.frame_range_max = frames;
    }
  } else gaps.push({ field: at('frames_per_image'), blocking: true, message: `The files of ${label} do not say how many frames (movie frames, tilts) each image has: enter frames per image.` });

  const voxel = voxelTypeOf(f);
  if (voxel) {
    set.voxel_type = tupleString(voxel.voxel, 'voxel') ?? undefined;
    if (voxel.confirm) confirm.push(`${label}: ${voxel.confirm}`);
  } else gaps.push({ field: at('voxel_type'), blocking: true, message: `The headers of ${label} do not give the data type of its pixels: choose the voxel type (docs/empiar.md §2.6), such as unsigned 16-bit integer (T3).` });

  const px = f.facts.pixelSize?.value;
  if (px) {
    set.pixel_width = nmToAngstrom(px.x);
    set.pixel_height = nmToAngstrom(px.y ?? px.x);
  } else if (category?.code !== 'T12') {
    // Diffraction patterns have no specimen-plane pixel size; every real-space image needs one to be reused.
    gaps.push({ field: at('pixel_width'), blocking: true, message: `No pixel size was found for ${label} (in its headers or sidecar files): enter it in Å.` });
  }

  const dims = f.facts.dimensions?.value;
  if (dims?.x && dims.y) {
    set.image_width = dims.x;
    set.image_height = dims.y;
  } else gaps.push({ field: at('image_width'), blocking: false, message: `The image size of ${label} was not read: enter its width and height in pixels.` });

  const details = detailsOf(f, supporting);
  if (details) set.details = details;
  return { filesetId: f.id, set, category, gaps, confirm };
}

/** A short description of an image set's codes for the checklist ("T2 (micrographs - multiframe), TIFF (T3), unsigned byte (T1)"). */
export function describeImageSet(d: ImageSetDraft, f: Pick<BundleFileset, 'format' | 'extension' | 'facts'>): string {
  const formats = formatCodesOf(f);
  const voxel = voxelTypeOf(f);
  return [
    d.category ? `category ${describeCoded(d.category, CATEGORY_LABELS)}` : 'category not known',
    formats ? `header ${describeCoded(formats.header, HEADER_FORMAT_LABELS)}, data ${describeCoded(formats.data, DATA_FORMAT_LABELS)}` : 'format code not known',
    voxel ? `voxel ${describeCoded(voxel.voxel, VOXEL_LABELS)}` : 'voxel type not known',
  ].join('; ');
}
