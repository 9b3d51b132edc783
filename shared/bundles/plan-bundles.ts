import { BUNDLE_TARGETS, type Bundle, type BundleFile, type BundleTarget } from '../model/bundle';
import type { Fileset } from '../model/fileset';
import type { StudyFindings } from '../policy/types';
import { EMPTY_METADATA, type StudyMetadata } from '../deposit/metadata';
import { readinessOf, type BundleContext, type BundleFileset, type Bundler, type RenderContext } from './bundler';
import { empiarBundler } from './empiar/empiar-bundler';
import { biaBundler } from './bia/bia-bundler';
import { emdbBundler } from './emdb/emdb-bundler';
import { omicsBundler } from './omics/omics-bundler';
import { notDepositableBundler } from './not-depositable/not-depositable-bundler';

/** One builder per bundle target; a new target is a compile error here until it has one. */
export const BUNDLERS: Readonly<Record<BundleTarget, Bundler>> = {
  EMPIAR: empiarBundler,
  BIA: biaBundler,
  EMDB: emdbBundler,
  OMICS: omicsBundler,
  NONE: notDepositableBundler,
};

/** The study a set of bundles is built from. */
export interface BundleStudy<F extends BundleFileset = BundleFileset> {
  readonly filesets: readonly F[];
  readonly study: StudyFindings;
  readonly roots: readonly string[];
}

function contexts<F extends BundleFileset>(input: BundleStudy<F>, metadata: StudyMetadata): BundleContext<F>[] {
  const out: BundleContext<F>[] = [];
  for (const target of BUNDLE_TARGETS) {
    const members = input.filesets.filter((f) => f.destination === target);
    if (members.length > 0) out.push({ target, members, filesets: input.filesets, study: input.study, roots: input.roots, metadata });
  }
  return out;
}

/**
 * One bundle per target the study sends data to (archives in fixed order, then `NONE`), with its checklist
 * and readiness; `REVIEW` makes none. Without metadata, the checklist says what is still to be entered.
 */
export function planBundles(input: BundleStudy, metadata: StudyMetadata = EMPTY_METADATA): Bundle[] {
  return contexts(input, metadata).map((ctx) => {
    const checklist = BUNDLERS[ctx.target].checklist(ctx);
    return {
      archive: ctx.target,
      filesetIds: ctx.members.map((f) => f.id),
      fileCount: ctx.members.reduce((n, f) => n + f.fileCount, 0),
      bytes: ctx.members.reduce((n, f) => n + f.bytes, 0),
      checklist,
      readiness: readinessOf(checklist),
    };
  });
}

/** A bundle with the files it is made of. */
export interface RenderedBundle {
  readonly bundle: Bundle;
  readonly files: readonly BundleFile[];
}

/** Every bundle of the study with its files, for export. Pure: writing them is main/export's job. */
export function renderBundles(input: BundleStudy<Fileset>, metadata: StudyMetadata): RenderedBundle[] {
  const planned = planBundles(input, metadata);
  return contexts(input, metadata).map((ctx: RenderContext, i) => ({ bundle: planned[i]!, files: BUNDLERS[ctx.target].render(ctx) }));
}
