import type { BundleFile } from '../../model/bundle';
import type { Bundler } from '../bundler';
import { buildEmpiarDeposition } from './build-deposition';
import { empiarChecklist } from './checklist';
import { renderMissingNotes } from './missing-notes';
import { renderTransferNotes } from './transfer-notes';

/** The deposition file empiar-depositor takes, written only when EMPIAR would accept it (docs/deposit.md §2). */
export const EMPIAR_DEPOSITION_FILE = 'empiar-deposition.json';
/** The best-effort draft written instead while something is missing, beside `MISSING.md`. */
export const EMPIAR_DRAFT_FILE = 'empiar-deposition.draft.json';

/**
 * The EMPIAR bundle (docs/deposit.md §2): the checklist, and `empiar-deposition.json` when the metadata is
 * complete and the upstream schema accepts it — otherwise `empiar-deposition.draft.json` with `MISSING.md`,
 * never an invalid final file — plus `TRANSFER.md`.
 */
export const empiarBundler: Bundler = {
  checklist(ctx) {
    return empiarChecklist(ctx, buildEmpiarDeposition(ctx));
  },
  render(ctx) {
    const build = buildEmpiarDeposition(ctx);
    const json = `${JSON.stringify(build.deposition, null, 2)}\n`;
    const files: BundleFile[] = build.final
      ? [{ path: EMPIAR_DEPOSITION_FILE, content: json }]
      : [
          { path: EMPIAR_DRAFT_FILE, content: json },
          { path: 'MISSING.md', content: renderMissingNotes(build) },
        ];
    files.push({ path: 'TRANSFER.md', content: renderTransferNotes(ctx, build, EMPIAR_DEPOSITION_FILE) });
    return files;
  },
};
