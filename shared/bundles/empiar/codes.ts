/**
 * EMPIAR's deposition codes as typed unions, each list as the upstream schema (empiar-depositor 1.6b30,
 * docs/empiar.md §0) declares it, and the tuple strings its image sets take (docs/empiar.md §2, §3 item 1).
 */

/** `release_date` codes (docs/empiar.md §2.1): RE on processing, EP with the EMDB entry, HP on publication, HO one year on. */
export const RELEASE_CODES = ['RE', 'EP', 'HP', 'HO'] as const;

/** A `release_date` code. */
export type ReleaseCode = (typeof RELEASE_CODES)[number];

/** `experiment_type` codes (docs/empiar.md §2.2): 1–9, 11, 12, 13; the schema has no 10. */
export const EXPERIMENT_TYPES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13] as const;

/** An `experiment_type` code. */
export type ExperimentType = (typeof EXPERIMENT_TYPES)[number];

/** What each experiment type means, in the schema's words (docs/empiar.md §2.2). */
export const EXPERIMENT_TYPE_LABELS: Readonly<Record<ExperimentType, string>> = {
  1: 'soft X-ray tomography',
  2: 'simulated data',
  3: 'raw image data of structures deposited to EMDB',
  4: 'serial block-face SEM',
  5: 'focused ion beam SEM',
  6: 'integrative hybrid modelling',
  7: 'correlative light–electron microscopy',
  8: 'correlative light–X-ray microscopy',
  9: 'microcrystal electron diffraction',
  11: 'ATUM-SEM',
  12: 'hard X-ray / X-ray microCT',
  13: 'serial-section electron tomography (ssET)',
};

/** `scale` codes, strings although the schema's default is the integer 3 (docs/empiar.md §2.3, §3 item 3). */
export const SCALE_CODES = { molecule: '1', virus: '2', cell: '3', tissue: '4', organism: '5' } as const;

/** A `scale` code. */
export type ScaleCode = (typeof SCALE_CODES)[keyof typeof SCALE_CODES];

/** Image-set `category` codes T1–T14 (docs/empiar.md §2.4); `OT` carries its own text. */
export const CATEGORY_CODES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13', 'T14'] as const;

/** A category code. */
export type CategoryCode = (typeof CATEGORY_CODES)[number];

/** What each category means (docs/empiar.md §2.4). */
export const CATEGORY_LABELS: Readonly<Record<CategoryCode, string>> = {
  T1: 'micrographs - single frame',
  T2: 'micrographs - multiframe',
  T3: 'micrographs - focal pairs - unprocessed',
  T4: 'micrographs - focal pairs - contrast inverted',
  T5: 'picked particles - single frame - unprocessed',
  T6: 'picked particles - multiframe - unprocessed',
  T7: 'picked particles - single frame - processed',
  T8: 'picked particles - multiframe - processed',
  T9: 'tilt series',
  T10: 'class averages',
  T11: 'stitched maps',
  T12: 'diffraction images',
  T13: 'reconstructed volumes',
  T14: 'subtomograms',
};

/**
 * `header_format` / `data_format` codes T1–T14 (docs/empiar.md §2.5). T15 exists only in the unmerged 2024
 * branch's description and fails this schema's pattern, so it is not a member (docs/empiar.md §3 item 5).
 */
export const FORMAT_CODES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13', 'T14'] as const;

/** A header/data format code. */
export type FormatCode = (typeof FORMAT_CODES)[number];

/** The header format each code names (docs/empiar.md §2.5). */
export const HEADER_FORMAT_LABELS: Readonly<Record<FormatCode, string>> = {
  T1: 'MRC', T2: 'MRCS', T3: 'TIFF', T4: 'IMAGIC', T5: 'DM3', T6: 'DM4', T7: 'SPIDER', T8: 'XML', T9: 'EER', T10: 'PNG', T11: 'JPEG', T12: 'SMV', T13: 'EM', T14: 'TPX3',
};

/** The data format each code names: as the header format, but T8 is BigDataViewer HDF5 (docs/empiar.md §2.5). */
export const DATA_FORMAT_LABELS: Readonly<Record<FormatCode, string>> = { ...HEADER_FORMAT_LABELS, T8: 'BIG DATA VIEWER HDF5' };

/**
 * `voxel_type` codes T1–T9 (docs/empiar.md §2.6). T10 (16-bit float) is in the 2024 branch only and fails
 * this schema's pattern `T([1-9])`, so 16-bit float is written `('OT', '16 BIT FLOAT')`.
 */
export const VOXEL_CODES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'] as const;

/** A voxel-type code. */
export type VoxelCode = (typeof VOXEL_CODES)[number];

/** What each voxel type is (docs/empiar.md §2.6). */
export const VOXEL_LABELS: Readonly<Record<VoxelCode, string>> = {
  T1: 'unsigned byte',
  T2: 'signed byte',
  T3: 'unsigned 16-bit integer',
  T4: 'signed 16-bit integer',
  T5: 'unsigned 32-bit integer',
  T6: 'signed 32-bit integer',
  T7: '32-bit float',
  T8: 'bit',
  T9: '4-bit integer',
};

/** A coded choice: one of the schema's codes, or `OT` with the text that says what it is. */
export type Coded<C extends string> = { readonly code: C } | { readonly code: 'OT'; readonly text: string };

/**
 * Text of an `OT` header/data format or voxel type: the schema's pattern is `[A-Z0-9 ]+` (docs/empiar.md
 * §2.5), so it is upper-cased and everything else becomes a space; `null` when nothing is left.
 */
export function otherFormatText(text: string): string | null {
  const t = text.toUpperCase().replace(/[^A-Z0-9 ]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  return t === '' ? null : t;
}

/** Text of an `OT` category: anything but NUL (pattern `[^\0]+`), and no quote that would end the tuple early. */
function otherCategoryText(text: string): string | null {
  const t = text.replace(/[\0']/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * The tuple string the schema takes, built exactly as `('T9', '')` or `('OT', 'TEXT')`: single quotes, a
 * comma and one space (docs/empiar.md §3 item 1). The category pattern's alternation anchors each half at one end
 * only, so these strings are built here and never trusted to the pattern. `kind` says which rule the `OT`
 * text follows; `null` when an `OT` text is empty after cleaning.
 */
export function tupleString<C extends string>(value: Coded<C>, kind: 'category' | 'format' | 'voxel'): string | null {
  if (value.code !== 'OT') return `('${value.code}', '')`;
  const text = 'text' in value ? (kind === 'category' ? otherCategoryText(value.text) : otherFormatText(value.text)) : null;
  return text === null ? null : `('OT', '${text}')`;
}

/** A coded choice in words, for checklists and notes: "T9 (tilt series)", "OT (FIB-SEM image stack)". */
export function describeCoded<C extends string>(value: Coded<C>, labels: Readonly<Record<C, string>>): string {
  return value.code === 'OT' ? `OT (${'text' in value ? value.text : 'other'})` : `${value.code} (${labels[value.code as C]})`;
}
