import type { BundleFile, ChecklistItem } from '../../model/bundle';
import { formatBytes, formatCount } from '../../text/units';
import type { BundleContext, Bundler, RenderContext } from '../bundler';
import { leftOutGroups, type LeftOutGroup } from './left-out';

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function counts(g: LeftOutGroup): string {
  return `${plural(g.filesets, 'fileset', 'filesets')}, ${plural(g.files, 'file', 'files')} (${formatBytes(g.bytes)}) in ${plural(g.folderCount, 'folder', 'folders')}`;
}

/** Clauses about patients: their files may be de-identified or non-clinical data the user can re-route (the clause says how). */
function isPatient(g: LeftOutGroup): boolean {
  return g.clause.flags?.includes('patient') === true;
}

/**
 * The not-depositable bundle (docs/deposit.md §7): per clause, how many filesets and files were left out,
 * in which folders, and why in the clause's own words — never a file name, a pattern or a header value, and
 * no file list: the bundle exists so the user sees what stays behind, not to carry it.
 */
export const notDepositableBundler: Bundler = {
  checklist(ctx: BundleContext): ChecklistItem[] {
    const groups = leftOutGroups(ctx.members, ctx.roots);
    const items: ChecklistItem[] = groups.map((g) => ({
      id: `none-${g.clause.id}`,
      text: `Left out: ${counts(g)}. ${g.clause.sentence}`,
      rule: g.clause.id,
      done: true,
      evidence: `Routed to no archive by clause ${g.clause.id}; not copied into or listed by any bundle.`,
      blocking: false,
    }));
    if (groups.some(isPatient)) {
      items.push({
        id: 'none-patient-check',
        text: 'Check the patient-data folders: if any holds preclinical or phantom imaging rather than patient data, set its modality so it is routed as what it is; patient-identifiable data stays out whatever you set.',
        rule: 'patient-medical-imaging',
        done: false,
        evidence: null,
        blocking: false,
      });
    }
    return items;
  },

  render(ctx: RenderContext): BundleFile[] {
    const groups = leftOutGroups(ctx.members, ctx.roots);
    const files = groups.reduce((n, g) => n + g.files, 0);
    const out: string[] = ['# Not depositable', ''];
    out.push(`${plural(groups.reduce((n, g) => n + g.filesets, 0), 'fileset', 'filesets')} (${plural(files, 'file', 'files')}) of this study go to no archive. They are not copied into, listed in or checksummed by any bundle; no file name or header value of theirs is written anywhere in this export.`, '');
    // Several roots: folders are prefixed "root N", N counting the roots in the order they were scanned.
    if (ctx.roots.length > 1) out.push(`The study was scanned from ${ctx.roots.length} roots; folders are shown as "root N: folder", counting the roots in the order they were given.`, '');
    for (const g of groups) {
      out.push(`## ${g.clause.title} (\`${g.clause.id}\`)`, '');
      out.push(`${counts(g)}.`, '');
      out.push(`> ${g.clause.sourceText}`, '');
      out.push(`— ${g.clause.sourceRef}`, '');
      out.push(g.clause.sentence, '');
      if (g.folders.length > 0) {
        out.push('Folders (relative to their root; names that are themselves identifiers are not shown):', '');
        for (const f of g.folders) out.push(`- ${f.endsWith(')') ? f : `${f}/`}`);
        out.push('');
      } else {
        out.push('These are counted only: housekeeping files sit in many folders and hold no research data.', '');
      }
    }
    return [{ path: 'not-depositable.md', content: out.join('\n') }];
  },
};
