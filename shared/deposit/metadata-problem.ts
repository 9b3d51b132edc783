import type { BundleTarget } from '../model/bundle';

/**
 * One thing wrong with or missing from the study metadata: the field (a path such as `authors[1].orcid`),
 * what is wrong in words a researcher understands, and which bundles it blocks (a final EMPIAR deposition
 * file is not written while an EMPIAR-blocking problem is left; it is reported with the draft).
 */
export interface MetadataProblem {
  readonly field: string;
  readonly message: string;
  /** `error`: wrong or missing and needed; `warning`: allowed, but an archive advises against it. */
  readonly severity: 'error' | 'warning';
  /** Bundles that cannot be final until this is fixed; empty for warnings. */
  readonly blocks: readonly BundleTarget[];
}
