import { ACCESSION_PATTERNS } from '../../deposit/identifiers';
import { OMICS_ARCHIVES, type OmicsArchive } from '../../model/destination';
import type { BundleFile, ChecklistItem } from '../../model/bundle';
import type { BundleContext, BundleFileset, Bundler, RenderContext } from '../bundler';
import { HUMAN_TAXON, OMICS_ROUTES } from './omics-routes';

/** The members of each omics archive present, in the catalog's archive order. */
function byArchive<F extends BundleFileset>(members: readonly F[]): [OmicsArchive, F[]][] {
  return OMICS_ARCHIVES.map((a) => [a, members.filter((f) => f.omicsArchive === a)] as [OmicsArchive, F[]]).filter(([, fs]) => fs.length > 0);
}

function slug(a: OmicsArchive): string {
  return a.toLowerCase();
}

/** The valid accessions entered for an archive. */
function accessionsOf(ctx: BundleContext, archive: OmicsArchive): string[] {
  return ctx.metadata.accessions.omics.filter((o) => o.archive === archive && ACCESSION_PATTERNS[archive].test(o.accession.trim())).map((o) => o.accession.trim());
}

/** The link a BIA study makes to an omics accession: `url` = accession with `Type`, or the entry's full address (docs/bia.md §6). */
function linkHow(archive: OmicsArchive, accession: string | undefined): string {
  const r = OMICS_ROUTES[archive];
  const acc = accession ?? `the ${archive} accession`;
  return r.linkType ? `a study link with url = ${acc}, Type = ${r.linkType}` : `a study link whose url is the full https:// address of ${acc} in ${archive}`;
}

/**
 * The omics bundle (docs/deposit.md §6): per omics archive the study sends data to, its files, how to submit
 * them, the accession to record, and how the BIA study links back to it (docs/bia.md §6; clause
 * `spatial-omics-linking`). Identifiable human sequence data belong in EGA, not in an open archive.
 */
export const omicsBundler: Bundler = {
  checklist(ctx: BundleContext): ChecklistItem[] {
    const items: ChecklistItem[] = [];
    const archives = byArchive(ctx.members);
    const viaArrayExpress = archives.some(([a]) => a === 'ArrayExpress');
    for (const [archive, fs] of archives) {
      const s = slug(archive);
      const files = fs.reduce((n, f) => n + f.fileCount, 0);
      const brokered = archive === 'ENA' && viaArrayExpress;
      items.push({
        id: `omics-${s}-submit`,
        text: brokered
          ? `Submit the ${files} read files with the ArrayExpress submission in Annotare, which brokers them to ENA.`
          : `Submit the ${files === 1 ? 'file' : `${files} files`} (${OMICS_ROUTES[archive].holds}) to ${archive} through ${OMICS_ROUTES[archive].route}.`,
        rule: fs[0]!.clauseId,
        done: false,
        evidence: `${fs.length} ${fs.length === 1 ? 'fileset' : 'filesets'} routed to ${archive}.`,
        blocking: false,
      });
      const acc = accessionsOf(ctx, archive);
      items.push({
        id: `omics-${s}-accession`,
        text: `Enter the ${archive} accession in the study metadata (accessions.omics), for the BIA link and the data-availability statement.`,
        rule: 'docs/bia.md §6',
        done: acc.length > 0,
        evidence: acc.length > 0 ? `Entered: ${acc.join(', ')}.` : null,
        blocking: false,
      });
      items.push({
        id: `omics-${s}-bia-link`,
        text: `Link the ${archive} accession from the BioImage Archive study: ${linkHow(archive, acc[0])}, with a Description.`,
        rule: 'spatial-omics-linking',
        done: false,
        evidence: acc.length > 0 ? `Link to make: ${linkHow(archive, acc[0])}.` : null,
        blocking: false,
      });
    }
    const human = ctx.metadata.organisms.some((o) => o.ncbiTaxonId === HUMAN_TAXON);
    if (human && archives.some(([a]) => a === 'ENA' || a === 'ArrayExpress')) {
      items.push({
        id: 'omics-human-ega',
        text: 'Human sequence data: ENA and ArrayExpress make them public. If the donors could be identified from them or did not consent to open release, deposit them in EGA (controlled access) instead.',
        rule: 'docs/bia.md §6',
        done: false,
        evidence: `The study metadata names Homo sapiens (NCBI taxon ${HUMAN_TAXON}).`,
        blocking: false,
      });
    }
    return items;
  },

  render(ctx: RenderContext): BundleFile[] {
    const items = omicsBundler.checklist(ctx);
    const archives = byArchive(ctx.members);
    const rootLabel = (root: string) => `root ${ctx.roots.indexOf(root) + 1}`;
    const md: string[] = ['# Omics deposits', ''];
    md.push('The spatial data (images, segmentations, positions) of the study go to the BioImage Archive; the omics data go to the omics archives below, and the deposits are linked to each other (EBI image-archiving policy, Spatial-omics data).', '');
    const out: BundleFile[] = [];
    for (const [archive, fs] of archives) {
      const r = OMICS_ROUTES[archive];
      const file = `${slug(archive)}-files.tsv`;
      md.push(`## ${archive}`, '');
      const brokered = archive === 'ENA' && archives.some(([a]) => a === 'ArrayExpress');
      md.push(`Holds: ${r.holds}. ${brokered ? 'Submitted with the ArrayExpress submission: Annotare brokers the reads to ENA.' : `Submit through ${r.route}.`}`, '');
      md.push(`Files: ${fs.reduce((n, f) => n + f.fileCount, 0)} in ${fs.length} ${fs.length === 1 ? 'fileset' : 'filesets'}, listed in \`${file}\`.`, '');
      md.push(`Link from the BIA study: ${linkHow(archive, accessionsOf(ctx, archive)[0])}.`, '');
      const rows = fs.flatMap((f) => f.files.map((p) => [ctx.roots.length > 1 ? rootLabel(f.root) : f.root, p, f.facts.omics?.value.kind ?? '', f.facts.omics?.value.platform ?? f.facts.spatial?.value.platform ?? '', f.clauseId].join('\t')));
      out.push({ path: file, content: ['root\tpath\tkind\tplatform\tclause', ...rows].join('\n') + '\n' });
    }
    md.push('## Checklist', '');
    for (const i of items) md.push(`- [${i.done ? 'x' : ' '}] ${i.text}${i.evidence ? `\n  - ${i.evidence}` : ''}`);
    md.push('');
    return [{ path: 'omics-submission.md', content: md.join('\n') }, ...out];
  },
};
