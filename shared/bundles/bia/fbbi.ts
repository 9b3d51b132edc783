import type { ImagingMode } from '../../formats/facts';
import type { Modality } from '../../modality/modalities';

/**
 * FBbi imaging-method terms for the REMBI `Imaging method` field (docs/bia.md §2.2: terms below
 * FBbi_00000222 "imaging method"). Every id here was looked up in the ontology's own source, never derived
 * from a name (docs/bia.md §2.2 warns that ids in BIA metadata are sometimes wrong): Imaging-semantics/fbbi
 * `src/ontology/fbbi-edit.obo` at commit 0ed135ff5715f44f2a510e97186bb7fcec8c1f39, each term's `id:` and
 * `name:` lines as quoted below, and its `is_a` chain reaching FBbi:00000222. The table is repeated with its
 * source in docs/deposit.md §3. Resolution-enhancing methods (SIM FBbi:00000332, STED FBbi:00000334, STORM
 * FBbi:00000336) are NOT used: in that source they sit under FBbi:00000321 "resolution-enhancing method", not
 * under "imaging method", so super-resolution data get no term here and the user picks one.
 */

/** One verified FBbi term. */
export interface FbbiTerm {
  /** Short form as PageTab's `TermId` qualifier writes it (`FBbi_00000251`: docs/bia.md §3). */
  readonly termId: string;
  /** The term's `name:` in the ontology source. */
  readonly name: string;
}

/** Where each id was read (kept beside the table so a reviewer can check it). */
export const FBBI_SOURCE = 'Imaging-semantics/fbbi src/ontology/fbbi-edit.obo @ 0ed135ff5715f44f2a510e97186bb7fcec8c1f39';

/** The verified terms, by the ontology's own names. */
export const FBBI_TERMS = {
  lightMicroscopy: { termId: 'FBbi_00000345', name: 'light microscopy' },
  brightField: { termId: 'FBbi_00000243', name: 'bright-field microscopy' },
  fluorescence: { termId: 'FBbi_00000246', name: 'fluorescence microscopy' },
  confocal: { termId: 'FBbi_00000251', name: 'confocal microscopy' },
  spinningDisk: { termId: 'FBbi_00000253', name: 'spinning disk confocal microscopy' },
  multiPhoton: { termId: 'FBbi_00000255', name: 'multi-photon microscopy' },
  spim: { termId: 'FBbi_00000369', name: 'SPIM' },
  electron: { termId: 'FBbi_00000256', name: 'electron microscopy' },
  sem: { termId: 'FBbi_00000257', name: 'scanning electron microscopy (SEM)' },
  tem: { termId: 'FBbi_00000258', name: 'transmission electron microscopy (TEM)' },
  stem: { termId: 'FBbi_00000380', name: 'scanning-transmission electron microscopy' },
  afm: { termId: 'FBbi_00000259', name: 'atomic force microscopy' },
  xray: { termId: 'FBbi_00000260', name: 'X-ray microscopy' },
} as const satisfies Readonly<Record<string, FbbiTerm>>;

/**
 * The term of an imaging mode read from headers (shared/formats/facts.ts), the most specific evidence: a
 * spinning-disk acquisition is "spinning disk confocal microscopy" whatever the modality's group. Modes with no
 * verified term of their own (widefield, TIRF, super-resolution, slide scanner, diffraction, …) have none.
 */
const BY_MODE: Readonly<Partial<Record<ImagingMode, FbbiTerm>>> = {
  confocal: FBBI_TERMS.confocal,
  'spinning-disk': FBBI_TERMS.spinningDisk,
  multiphoton: FBBI_TERMS.multiPhoton,
  'light-sheet': FBBI_TERMS.spim,
  brightfield: FBBI_TERMS.brightField,
  SEM: FBBI_TERMS.sem,
  'FIB-SEM': FBBI_TERMS.sem,
  'SBF-SEM': FBBI_TERMS.sem,
  TEM: FBBI_TERMS.tem,
  STEM: FBBI_TERMS.stem,
  AFM: FBBI_TERMS.afm,
  'soft X-ray': FBBI_TERMS.xray,
};

/**
 * The term of a modality, when its name says the method: FIB-SEM and SBF-SEM are scanning electron
 * microscopy, serial-section TEM is TEM (their `is_a` parents in the source). Screening, spatial omics,
 * super-resolution and "other" name a purpose or a family, not one method: the user chooses.
 */
const BY_MODALITY: Readonly<Partial<Record<Modality, FbbiTerm>>> = {
  'lm-confocal': FBBI_TERMS.confocal,
  'lm-light-sheet': FBBI_TERMS.spim,
  'lm-widefield': FBBI_TERMS.lightMicroscopy,
  'lm-other': FBBI_TERMS.lightMicroscopy,
  'em-2d': FBBI_TERMS.electron,
  'vem-fib-sem': FBBI_TERMS.sem,
  'vem-sbf-sem': FBBI_TERMS.sem,
  'vem-sstem': FBBI_TERMS.tem,
  afm: FBBI_TERMS.afm,
  'soft-xray-tomography': FBBI_TERMS.xray,
};

/** The FBbi term of a study component: from the imaging mode its headers state, else from its modality; `null` when unverified (the user picks it). */
export function fbbiTermFor(modality: Modality, modes: readonly ImagingMode[]): FbbiTerm | null {
  const distinct = [...new Set(modes)];
  if (distinct.length === 1) {
    const t = BY_MODE[distinct[0]!];
    if (t) return t;
  }
  return BY_MODALITY[modality] ?? null;
}
