import type { Bundle, BundleFile, BundleTarget, ChecklistItem } from '../model/bundle';
import type { Fileset } from '../model/fileset';
import type { StudyFindings } from '../policy/types';
import type { StudyMetadata } from '../deposit/metadata';

/** A fileset as bundling sees it: everything but the file list, which only rendering needs. */
export type BundleFileset = Omit<Fileset, 'files'> & { readonly files?: readonly string[] };

/** What a bundle's checklist is worked out from: the study as routed, and the metadata entered so far. */
export interface BundleContext<F extends BundleFileset = BundleFileset> {
  readonly target: BundleTarget;
  /** The filesets this bundle holds (destination = target), in report order. */
  readonly members: readonly F[];
  /** Every fileset of the study, for cross-links (the EMPIAR raw data behind an EMDB map, the BIA side of a correlative study). */
  readonly filesets: readonly F[];
  readonly study: StudyFindings;
  /** Absolute paths of the scanned roots, as the report gives them; fileset `root`s are among them. */
  readonly roots: readonly string[];
  readonly metadata: StudyMetadata;
}

/** What rendering a bundle's files needs: the same, with every fileset's full file list. */
export type RenderContext = BundleContext<Fileset>;

/** One archive's bundle builder: pure functions from the routed study and the metadata to a checklist and files. */
export interface Bundler {
  /** Ordered checklist items of the bundle, ticked where the data or the metadata satisfy them. */
  checklist(ctx: BundleContext): ChecklistItem[];
  /** The bundle's files (deposition JSON or its draft, file lists, checklists as Markdown, transfer notes). */
  render(ctx: RenderContext): BundleFile[];
}

/** Readiness of a checklist: items done of all, ready when no blocking item is left. */
export function readinessOf(items: readonly ChecklistItem[]): Bundle['readiness'] {
  return { done: items.filter((i) => i.done).length, total: items.length, ready: items.every((i) => i.done || !i.blocking) };
}
