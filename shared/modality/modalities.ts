import { z } from 'zod';

/**
 * Groups of modalities the archiving policy speaks of (docs/policy-source.md: the EBI table rows and
 * notes 1–3, and "About EMPIAR" for maps): the policy routes by group, the user sees the modality.
 */
export const MODALITY_GROUPS = [
  'cryo-em',
  'cryo-et',
  'microed',
  'map',
  'volume-em',
  'xray',
  'light',
  'em-2d',
  'hcs',
  'other-imaging',
  'spatial-omics',
  'omics',
  'correlation',
  'medical',
  'supporting',
  'processing',
  'not-data',
  'unknown',
] as const;

/** A modality group. */
export type ModalityGroup = (typeof MODALITY_GROUPS)[number];

/** One modality: a stable id, a label for people, its group, and whether its images are 3D (the correlative split needs it). */
export interface ModalityInfo {
  readonly id: string;
  readonly label: string;
  readonly group: ModalityGroup;
  /** `3d` for volumes and the raw data behind them, `2d` for planar imaging, `null` for what is not imaging. */
  readonly dimensionality: '2d' | '3d' | null;
}

/** Every modality the product infers, by stable id, in display order. */
export const MODALITY_CATALOG = [
  { id: 'spa-movies', label: 'Cryo-EM single particle: movies', group: 'cryo-em', dimensionality: '3d' },
  { id: 'spa-micrographs', label: 'Cryo-EM single particle: micrographs', group: 'cryo-em', dimensionality: '3d' },
  { id: 'spa-particles', label: 'Cryo-EM single particle: particle stacks', group: 'cryo-em', dimensionality: '3d' },
  { id: 'cryoet-tilt-series', label: 'Cryo-ET: tilt series', group: 'cryo-et', dimensionality: '3d' },
  { id: 'cryoet-tomograms', label: 'Cryo-ET: tomograms', group: 'cryo-et', dimensionality: '3d' },
  { id: 'cryoet-subtomograms', label: 'Cryo-ET: subtomograms', group: 'cryo-et', dimensionality: '3d' },
  { id: 'microed', label: 'MicroED (3D electron diffraction)', group: 'microed', dimensionality: '3d' },
  { id: 'density-map', label: '3D cryo-EM density map', group: 'map', dimensionality: '3d' },
  { id: 'vem-fib-sem', label: 'Volume EM: FIB-SEM', group: 'volume-em', dimensionality: '3d' },
  { id: 'vem-sbf-sem', label: 'Volume EM: serial block-face SEM', group: 'volume-em', dimensionality: '3d' },
  { id: 'vem-sstem', label: 'Volume EM: serial-section TEM/ET', group: 'volume-em', dimensionality: '3d' },
  { id: 'vem-array-tomography', label: 'Volume EM: array tomography / ATUM', group: 'volume-em', dimensionality: '3d' },
  { id: 'vem-other', label: 'Volume EM (technique not stated)', group: 'volume-em', dimensionality: '3d' },
  { id: 'soft-xray-tomography', label: 'Soft X-ray tomography', group: 'xray', dimensionality: '3d' },
  { id: 'hard-xray-tomography', label: 'Hard X-ray tomography / micro-CT', group: 'xray', dimensionality: '3d' },
  { id: 'lm-widefield', label: 'Light microscopy: widefield', group: 'light', dimensionality: '2d' },
  { id: 'lm-confocal', label: 'Light microscopy: confocal', group: 'light', dimensionality: '2d' },
  { id: 'lm-light-sheet', label: 'Light microscopy: light-sheet', group: 'light', dimensionality: '2d' },
  { id: 'lm-super-resolution', label: 'Light microscopy: super-resolution', group: 'light', dimensionality: '2d' },
  { id: 'lm-other', label: 'Light microscopy', group: 'light', dimensionality: '2d' },
  { id: 'em-2d', label: '2D electron microscopy', group: 'em-2d', dimensionality: '2d' },
  { id: 'hcs', label: 'High-content screening', group: 'hcs', dimensionality: '2d' },
  { id: 'afm', label: 'Atomic force microscopy', group: 'other-imaging', dimensionality: '2d' },
  { id: 'other-imaging', label: 'Other biological imaging', group: 'other-imaging', dimensionality: '2d' },
  { id: 'spatial-omics-image', label: 'Spatial omics: images and spatial data', group: 'spatial-omics', dimensionality: '2d' },
  { id: 'omics-data', label: 'Omics data', group: 'omics', dimensionality: null },
  { id: 'correlation', label: 'Correlation information (registrations, transforms)', group: 'correlation', dimensionality: null },
  { id: 'medical-imaging', label: 'Patient-associated medical imaging', group: 'medical', dimensionality: null },
  { id: 'supporting-metadata', label: 'Supporting metadata', group: 'supporting', dimensionality: null },
  { id: 'processing-output', label: 'Processing output', group: 'processing', dimensionality: null },
  { id: 'not-data', label: 'Not research data (OS clutter)', group: 'not-data', dimensionality: null },
  { id: 'unknown', label: 'Unknown', group: 'unknown', dimensionality: null },
] as const satisfies readonly ModalityInfo[];

/** A modality id. */
export type Modality = (typeof MODALITY_CATALOG)[number]['id'];

/** Every modality id in catalog order. */
export const MODALITIES = MODALITY_CATALOG.map((m) => m.id) as [Modality, ...Modality[]];

/** Schema of a modality id. */
export const ModalitySchema = z.enum(MODALITIES);

const BY_ID: ReadonlyMap<string, ModalityInfo> = new Map(MODALITY_CATALOG.map((m) => [m.id, m]));

/** The catalog entry of a modality id (`unknown` for an id the catalog does not know). */
export function modalityInfo(id: string): ModalityInfo {
  return BY_ID.get(id) ?? BY_ID.get('unknown')!;
}

/** Label of a modality id, for people. */
export function modalityLabel(id: string): string {
  return BY_ID.get(id)?.label ?? id;
}

/** Below this modality confidence the policy does not route: the fileset goes to REVIEW (a user can still override). */
export const REVIEW_BELOW = 0.5;

/** The modality that stands for its whole group when evidence says the group but not the technique. */
export const GENERIC_MODALITY: Readonly<Partial<Record<ModalityGroup, Modality>>> = {
  light: 'lm-other',
  'volume-em': 'vem-other',
  'other-imaging': 'other-imaging',
};

/** True when `m` is the generic modality of its group (evidence for it also supports the group's specific techniques). */
export function isGeneric(m: Modality): boolean {
  return GENERIC_MODALITY[modalityInfo(m).group] === m;
}

/**
 * Modalities in one conflict class route alike, so evidence split between them costs little confidence;
 * across classes it costs much. Screening and spatial-omics images are light microscopy put to a purpose
 * (their images carry light-microscopy modes and channels), so they share its class. Cryo-ET is split by
 * product because the policy splits it (note 2: tilt series to EMPIAR, tomograms to EMDB).
 */
export function conflictClass(m: Modality): string {
  const g = modalityInfo(m).group;
  if (g === 'cryo-et') return m;
  return g === 'hcs' || g === 'spatial-omics' ? 'light' : g;
}

/** Groups whose filesets are image or omics data the policy routes by themselves. */
export const DATA_GROUPS: ReadonlySet<ModalityGroup> = new Set(['cryo-em', 'cryo-et', 'microed', 'map', 'volume-em', 'xray', 'light', 'em-2d', 'hcs', 'other-imaging', 'spatial-omics', 'omics', 'medical', 'correlation']);

/** Groups whose filesets describe or derive from other data and follow it (docs/design.md "Destinations and policy clauses"). */
export const FOLLOWER_GROUPS: ReadonlySet<ModalityGroup> = new Set(['supporting', 'processing']);
