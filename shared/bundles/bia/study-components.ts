import type { BundleFileset } from '../bundler';
import { MODALITY_CATALOG, modalityInfo, modalityLabel, type Modality } from '../../modality/modalities';

/**
 * The BIA bundle's study components: the filesets going to the BIA grouped by imaging method, one file list
 * each (docs/bia.md §1.1 rule 1; §2.2 "Study Component"). Supporting files and processing outputs join the
 * component of the data they belong with; correlation files join the light-microscopy component they register
 * (docs/bia.md §1.4, §5.2); segmentations and annotations get their own annotation list beside the component
 * of the images they were made from (docs/bia.md §1.1 rule 11).
 */

/** One study component of the BIA submission. */
export interface StudyComponent<F extends BundleFileset = BundleFileset> {
  /** Stable, kebab-case, unique in the bundle: the modality id (`lm-confocal`), or `correlation` when only correlation files are there. */
  readonly id: string;
  /** The imaging method of its data; `correlation` for a component of correlation files alone. */
  readonly modality: Modality;
  readonly label: string;
  /** Image data of this method, in report order. */
  readonly data: readonly F[];
  /** Supporting metadata and processing outputs (not annotations) that go with the data. */
  readonly followers: readonly F[];
  /** Registrations, transforms and landmarks (docs/bia.md §5.2: in the LM component's list). */
  readonly correlation: readonly F[];
  /** Segmentations and annotations made from the data: listed in the component's annotation list. */
  readonly annotations: readonly F[];
}

/**
 * Segmentation and annotation outputs, named as the modality engine names them (shared/modality/rules-data.ts,
 * "Segmentations": `segmentation/`, `labels/`, `masks/` folders, `_labels`, `_mask`, `_seg` in names) and the
 * GeoJSON object exports of annotation tools (QuPath, napari).
 */
const ANNOTATION_FOLDER = /(^|\/)(segmentations?|labels|masks|annotations?)(\/|$)/i;
const ANNOTATION_NAME = /(^|[^a-z0-9])(labels?|masks?|seg|segmentations?|annotations?)([^a-z0-9]|$)/i;

/** A GeoJSON export (`.geojson`, RFC 7946): shapes drawn on or segmented from images. */
export function isGeoJson(f: Pick<BundleFileset, 'extension'>): boolean {
  return f.extension === '.geojson';
}

/** True for a processing output that is an annotation of images (a label image, a mask, drawn or segmented objects). */
export function isAnnotation(f: BundleFileset): boolean {
  if (f.modality !== 'processing-output') return false;
  if (isGeoJson(f)) return true;
  return f.kind === 'image' && (ANNOTATION_FOLDER.test(f.directory) || ANNOTATION_NAME.test(f.pattern));
}

/** Modalities whose filesets make a study component of their own (imaging data, and the spatial omics the BIA takes). */
function isComponentData(m: Modality): boolean {
  const g = modalityInfo(m).group;
  return g !== 'correlation' && g !== 'supporting' && g !== 'processing' && g !== 'not-data' && g !== 'unknown' && g !== 'medical' && g !== 'omics';
}

const CATALOG_ORDER: ReadonlyMap<string, number> = new Map(MODALITY_CATALOG.map((m, i) => [m.id, i]));

/** Folders from `dir` up to the root (`.`), nearest first. */
function ancestors(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d !== '.'; ) {
    const i = d.lastIndexOf('/');
    d = i < 0 ? '.' : d.slice(0, i);
    out.push(d);
  }
  return out;
}

/** True when `dir` is `folder` or lies below it. */
function within(dir: string, folder: string): boolean {
  return folder === '.' || dir === folder || dir.startsWith(`${folder}/`);
}

/**
 * The component a follower goes with: the one whose data share a folder layout with it (the same plate, Zarr
 * store, described-by pairing), else the one with data nearest it in its root (its folder, then each folder
 * above), else the first component. This mirrors how the router chose where the follower goes
 * (shared/policy/follow.ts, `FollowIndex.candidates`).
 */
function homeOf<F extends BundleFileset>(f: F, comps: readonly { id: string; data: F[] }[]): string | undefined {
  const key = (l: { kind: string; directory: string; marker: string }) => `${l.kind}\0${l.directory}\0${l.marker}`;
  const mine = new Set(f.layouts.map(key));
  if (mine.size > 0) {
    for (const c of comps) if (c.data.some((d) => d.root === f.root && d.layouts.some((l) => mine.has(key(l))))) return c.id;
  }
  for (const folder of ancestors(f.directory)) {
    for (const c of comps) if (c.data.some((d) => d.root === f.root && within(d.directory, folder))) return c.id;
  }
  return comps[0]?.id;
}

/** The study components of the filesets going to the BIA (`members`), in catalog order of their imaging method. */
export function studyComponents<F extends BundleFileset>(members: readonly F[]): StudyComponent<F>[] {
  const byModality = new Map<Modality, { id: string; modality: Modality; data: F[]; followers: F[]; correlation: F[]; annotations: F[] }>();
  for (const f of members) {
    if (!isComponentData(f.modality)) continue;
    let c = byModality.get(f.modality);
    if (!c) byModality.set(f.modality, (c = { id: f.modality, modality: f.modality, data: [], followers: [], correlation: [], annotations: [] }));
    c.data.push(f);
  }
  const comps = [...byModality.values()].sort((a, b) => (CATALOG_ORDER.get(a.modality) ?? 0) - (CATALOG_ORDER.get(b.modality) ?? 0));
  const correlation = members.filter((f) => modalityInfo(f.modality).group === 'correlation');
  if (correlation.length > 0) {
    // docs/bia.md §1.4 and §5.2: the correlation files are listed with the light-microscopy data they register.
    const lm = comps.find((c) => modalityInfo(c.modality).group === 'light') ?? comps[0];
    if (lm) lm.correlation.push(...correlation);
    else comps.push({ id: 'correlation', modality: 'correlation', data: [], followers: [], correlation: [...correlation], annotations: [] });
  }
  for (const f of members) {
    if (isComponentData(f.modality) || modalityInfo(f.modality).group === 'correlation') continue;
    const home = homeOf(f, comps);
    const c = comps.find((x) => x.id === home);
    if (!c) {
      // No imaging data at all in the BIA bundle: the followers make a component of their own.
      comps.push({ id: f.modality, modality: f.modality, data: [], followers: [f], correlation: [], annotations: [] });
      continue;
    }
    (isAnnotation(f) ? c.annotations : c.followers).push(f);
  }
  return comps.map((c) => ({ ...c, label: c.modality === 'correlation' ? 'Correlation information' : modalityLabel(c.modality) }));
}

/** Every fileset of a component, in list order: data, followers, correlation files (annotations are listed apart). */
export function componentFilesets<F extends BundleFileset>(c: StudyComponent<F>): readonly F[] {
  return [...c.data, ...c.followers, ...c.correlation];
}
