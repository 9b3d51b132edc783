import type { BundleFileset } from '../bundler';

/**
 * What a file going to EMDB is for in a OneDep map deposition (docs/deposit.md §5.1): the primary map (or
 * an additional map), a half map, a mask, the FSC curve, the image of the map, a tomogram (each its own
 * entry), or something else that travels with them (an entry header).
 */
export type EmdbRole = 'map' | 'half-map' | 'mask' | 'fsc' | 'image' | 'tomogram' | 'other';

/** Every role, in the order the checklist and the file list show them. */
export const EMDB_ROLES: readonly EmdbRole[] = ['map', 'half-map', 'mask', 'fsc', 'image', 'tomogram', 'other'];

/**
 * Half-map names the processing packages write (docs/deposit.md §5.2): RELION Refine3D
 * `run_half1_class001_unfil.mrc`, RELION subtomogram `half1.mrc`, cryoSPARC `…_map_half_A.mrc`, EMDB's own
 * `emd_N_half_map_1.map`; `#` is the scan's collapsed digit. Anchored on separators, bounded.
 */
const HALF = /(^|[_.-])half[_-]?(map[_-]?)?[12ab#]([_.-]|$)/;
/** Mask names: RELION MaskCreate `mask.mrc`, cryoSPARC `…_mask_fsc.mrc`, EMDB `emd_N_msk_1.map`; `…_masked.mrc` is a masked map, not a mask. */
const MASK = /(^|[_.-])(mask|msk)([_.\d-]|$)/;
/** FSC names: EMDB `emd_N_fsc.xml`, cryoSPARC and others' `…fsc….xml|txt|star`. */
const FSC = /(^|[_.-])fsc([_.\d-]|$)/;
/** Formats of map files: MRC/CCP4 (docs/formats.md §2) and the TOM/EM volumes Dynamo writes. */
const MAP_FORMATS: ReadonlySet<string> = new Set(['mrc', 'tom-em']);
/** Formats of the entry image OneDep asks for (docs/deposit.md §5.1: .jpg, .png, …). */
const IMAGE_FORMATS: ReadonlySet<string> = new Set(['png', 'jpeg']);

function basename(path: string): string {
  return (path.slice(path.lastIndexOf('/') + 1) || path).toLowerCase();
}

/** The names a fileset's files go by: its files when the list travels with it, else its pattern standing for all of them. */
export function memberNames(f: Pick<BundleFileset, 'files' | 'pattern' | 'directory'>): readonly string[] {
  return f.files ?? [f.directory === '.' ? f.pattern : `${f.directory}/${f.pattern}`];
}

/** True when the fileset's facts say it holds an FSC curve: a STAR file with an `fsc` block (RELION PostProcess), an XML with an `fsc` root (EMDB). */
function hasFscFacts(f: Pick<BundleFileset, 'facts'>): boolean {
  const h = f.facts.header?.value;
  if (!h) return false;
  const blocks = typeof h.blocks === 'string' ? h.blocks.split(',') : [];
  return blocks.includes('fsc') || h.root === 'fsc';
}

/** The role of one file of a fileset going to EMDB, from the fileset's modality, format and facts and the file's name. */
export function emdbRole(f: Pick<BundleFileset, 'modality' | 'format' | 'facts'>, file: string): EmdbRole {
  const name = basename(file);
  if (f.modality === 'cryoet-tomograms') return 'tomogram';
  if (f.modality === 'density-map' || MAP_FORMATS.has(f.format)) {
    if (HALF.test(name)) return 'half-map';
    if (MASK.test(name) || f.facts.processing?.value.kind === 'MaskCreate') return 'mask';
    return 'map';
  }
  if (FSC.test(name) || hasFscFacts(f)) return 'fsc';
  if (IMAGE_FORMATS.has(f.format)) return 'image';
  return 'other';
}

/** One file bound for EMDB with its role. */
export interface EmdbFile {
  readonly filesetId: string;
  readonly root: string;
  /** Relative to `root` (or the fileset's pattern when its file list did not travel). */
  readonly path: string;
  readonly role: EmdbRole;
  /** How many files this row stands for: 1, or the fileset's count when only its pattern is known. */
  readonly count: number;
}

/** Every file of the EMDB bundle's members with its role, in member order. */
export function emdbFiles(members: readonly BundleFileset[]): EmdbFile[] {
  return members.flatMap((f) => {
    const names = memberNames(f);
    const count = f.files ? 1 : f.fileCount;
    return names.map((path) => ({ filesetId: f.id, root: f.root, path, role: emdbRole(f, path), count }));
  });
}
