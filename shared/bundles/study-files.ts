import type { StudyMetadata } from '../deposit/metadata';
import { DESTINATION_LABELS } from '../model/destination';
import type { BundleFile, BundleTarget } from '../model/bundle';
import type { Fileset } from '../model/fileset';
import { assertNever } from '../assert-never';
import { formatCount } from '../text/units';
import type { BundleStudy, RenderedBundle } from './plan-bundles';
import { citationMarkdown } from './citations/citation-markdown';
import { citationBib, citationRis, studyCitations } from './citations/study-citations';

/**
 * The order a study's deposits are best made in (docs/deposit.md §4.5): EMDB first, since EMPIAR asks for the
 * EMD accession (docs/empiar.md §7); then EMPIAR, whose accession the BIA study links (docs/bia.md §5.2);
 * the omics archives before the BIA, as the BIA's spatial-omics guidance prefers (docs/bia.md §6); the BIA
 * last of the archives; the data left out at the end.
 */
export const DEPOSIT_ORDER: readonly BundleTarget[] = ['EMDB', 'EMPIAR', 'OMICS', 'BIA', 'NONE'];

/** What to do at one archive, in a sentence, given the rest of the study. */
function nextStep(target: BundleTarget, present: ReadonlySet<BundleTarget>, correlativeSplit: boolean): string {
  switch (target) {
    case 'EMDB':
      return 'Deposit the maps and tomograms through OneDep; note the EMD accessions, which the EMPIAR entry cites.';
    case 'EMPIAR':
      return `Deposit the raw images with empiar-depositor${present.has('EMDB') ? ', cross-referenced to the EMD accessions (release code EP waits for the EMDB entry)' : ''}; note the EMPIAR accession${present.has('BIA') ? ', which the BioImage Archive study links' : ''}.`;
    case 'OMICS':
      return 'Submit the omics data to their archives; note the accessions, which the BioImage Archive study links.';
    case 'BIA':
      return correlativeSplit && present.has('EMPIAR')
        ? 'Submit the light-microscopy data and the correlation information to the BioImage Archive, with a study link to the EMPIAR entry (Type empiar); then add the S-BIAD accession to the EMPIAR entry (biostudies_references).'
        : `Submit the image data to the BioImage Archive with its file lists and REMBI metadata${present.has('OMICS') ? ', linking the omics accessions' : ''}.`;
    case 'NONE':
      return 'Nothing to deposit: these filesets stay behind (see the not-depositable bundle for how many, where and why).';
    default:
      return assertNever(target, 'bundle target');
  }
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function label(target: BundleTarget): string {
  return target === 'NONE' ? 'Not depositable' : DESTINATION_LABELS[target];
}

/** `README.md`: what to do next, archive by archive in the order that makes the cross-links possible, with each bundle's readiness and its open blocking items. */
function readme(input: BundleStudy<Fileset>, bundles: readonly RenderedBundle[], problems: readonly string[]): string {
  const present = new Set(bundles.map((b) => b.bundle.archive));
  const ordered = DEPOSIT_ORDER.flatMap((t) => bundles.filter((b) => b.bundle.archive === t));
  const out: string[] = ['# Deposition bundles', ''];
  out.push(`${plural(input.filesets.length, 'fileset', 'filesets')} from ${plural(input.roots.length, 'root', 'roots')}; ${plural(bundles.length, 'bundle', 'bundles')}. No source file was copied, moved or changed.`, '');
  out.push('## What to do next', '');
  let step = 0;
  for (const { bundle } of ordered) {
    const r = bundle.readiness;
    const isNone = bundle.archive === 'NONE';
    out.push(`${isNone ? '-' : `${++step}.`} **${label(bundle.archive)}** — ${plural(bundle.filesetIds.length, 'fileset', 'filesets')}, ${plural(bundle.fileCount, 'file', 'files')}. ${nextStep(bundle.archive, present, input.study.correlativeSplit)}`);
    if (!isNone) {
      out.push(`   Readiness: ${r.done} of ${r.total} checklist items done; ${r.ready ? 'nothing blocks the deposition.' : 'blocked by:'}`);
      for (const i of bundle.checklist.filter((c) => c.blocking && !c.done)) out.push(`   - ${i.text} (${i.rule})`);
    }
    out.push('');
  }
  const review = input.filesets.filter((f) => f.destination === 'REVIEW').length;
  if (review > 0) out.push(`${plural(review, 'fileset needs', 'filesets need')} review and ${review === 1 ? 'is' : 'are'} in no bundle yet: choose their modality or destination in the app, then export again.`, '');
  if (problems.length > 0) {
    out.push('## Metadata to correct', '');
    for (const p of problems) out.push(`- ${p}`);
    out.push('');
  }
  out.push('## Citing the data', '');
  out.push('`CITATION.md` holds the data-availability statement, a methods paragraph per modality and the facility acknowledgement; `citation.bib` and `citation.ris` hold the archives’ references.', '');
  return out.join('\n');
}

/**
 * The study-level files of an export (docs/deposit.md §4): `README.md` (what to do next, per archive, in
 * order), `CITATION.md`, `citation.bib` and `citation.ris`. Pure: main/export writes them.
 */
export function renderStudyFiles(input: BundleStudy<Fileset>, metadata: StudyMetadata, bundles: readonly RenderedBundle[]): BundleFile[] {
  const c = studyCitations(input.filesets, input.study, metadata);
  const problems = c.availability.problems.map((p) => `\`${p.field}\`: ${p.message}`);
  return [
    { path: 'README.md', content: readme(input, bundles, problems) },
    { path: 'CITATION.md', content: citationMarkdown(c) },
    { path: 'citation.bib', content: citationBib(c) },
    { path: 'citation.ris', content: citationRis(c) },
  ];
}
