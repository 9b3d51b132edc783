import { assertNever } from '../../assert-never';
import { checkMetadata } from '../../deposit/check-metadata';
import { ACCESSION_PATTERNS } from '../../deposit/identifiers';
import type { Release, StudyMetadata } from '../../deposit/metadata';
import type { MetadataProblem } from '../../deposit/metadata-problem';
import type { BundleContext, BundleFileset } from '../bundler';
import { SCALE_CODES, type ReleaseCode } from './codes';
import type { DepositionGap, EmpiarDeposition } from './deposition-types';
import { chooseExperimentType, isSupportingFileset, type ExperimentChoice } from './experiment-type';
import { draftImageSet, type ImageSetDraft } from './image-set';
import { authorNameGaps, authorNames, citationOf, peopleOf } from './people';
import { validateEmpiarDeposition, type SchemaError } from './validate';

/** Supporting files listed by name in an image set's details before "and N more". */
const SUPPORTING_LISTED = 8;

/** Everything the EMPIAR bundle is made from: the document, what it lacks, and whether it may be final. */
export interface EmpiarBuild {
  readonly deposition: EmpiarDeposition;
  readonly experiment: ExperimentChoice;
  /** The EMPIAR data filesets, one image set each, in report order. */
  readonly data: readonly BundleFileset[];
  readonly imageSets: readonly ImageSetDraft[];
  /** Supporting filesets by the data fileset they travel with; those of a root without data are under `null`. */
  readonly supporting: ReadonlyMap<string | null, readonly BundleFileset[]>;
  /** The metadata check for EMPIAR (errors block, warnings are shown). */
  readonly problems: readonly MetadataProblem[];
  /** What the study itself lacks (docs/empiar.md §5, §7). */
  readonly gaps: readonly DepositionGap[];
  /** The schema's complaints about the document as built. */
  readonly schemaErrors: readonly SchemaError[];
  /** No blocking problem or gap and the schema accepts it: `empiar-deposition.json` may be written. */
  readonly final: boolean;
}

/** The release code for the metadata's release policy (docs/empiar.md §2.1): immediate RE, on publication HP, held HO. */
export function releaseCodeOf(release: Release | undefined): ReleaseCode | undefined {
  if (release === undefined) return undefined;
  switch (release.policy) {
    case 'immediate':
      return 'RE';
    case 'on-publication':
      return 'HP';
    case 'hold':
      return 'HO';
    default:
      return assertNever(release, 'release policy');
  }
}

function segments(directory: string): string[] {
  return directory === '.' ? [] : directory.split('/');
}

/** A folder of one root in a trie of data folders: the first data fileset at or below it, and its subfolders. */
interface FolderNode {
  first: BundleFileset;
  readonly children: Map<string, FolderNode>;
}

/**
 * Each supporting fileset goes with the data fileset of its root whose folder shares most of its path (the
 * same folder first): mdoc beside its tilt series, EPU XML beside its movies, the session file at the top with
 * the data below it; among equals, the first data fileset. A root with supporting files and no data keeps them
 * under `null`. Linear in the folders' depth: a trie of the data folders per root, built once (issue 11).
 */
export function assignSupporting(data: readonly BundleFileset[], supporting: readonly BundleFileset[]): Map<string | null, BundleFileset[]> {
  const tries = new Map<string, FolderNode>();
  const inFolder = new Map<string, BundleFileset>();
  for (const d of data) {
    const exact = `${d.root}\0${d.directory}`;
    if (!inFolder.has(exact)) inFolder.set(exact, d);
    let node: FolderNode | undefined = tries.get(d.root);
    if (!node) tries.set(d.root, (node = { first: d, children: new Map() }));
    for (const part of segments(d.directory)) {
      let child: FolderNode | undefined = node.children.get(part);
      if (!child) node.children.set(part, (child = { first: d, children: new Map() }));
      node = child;
    }
  }
  const out = new Map<string | null, BundleFileset[]>();
  for (const s of supporting) {
    let best = inFolder.get(`${s.root}\0${s.directory}`);
    if (!best) {
      let node: FolderNode | undefined = tries.get(s.root);
      for (const part of segments(s.directory)) {
        const child: FolderNode | undefined = node?.children.get(part);
        if (!child) break;
        node = child;
      }
      best = node?.first;
    }
    const key = best ? best.id : null;
    const list = out.get(key);
    if (list) list.push(s);
    else out.set(key, [s]);
  }
  return out;
}

/** How a supporting fileset is named in an image set's details: its pattern, with its folder when it lies elsewhere. */
function supportingLabel(s: BundleFileset, data: BundleFileset): string {
  const where = s.directory === data.directory ? s.pattern : s.directory === '.' ? s.pattern : `${s.directory}/${s.pattern}`;
  return s.fileCount > 1 ? `${where} (${s.fileCount} files)` : where;
}

function supportingList(list: readonly BundleFileset[], data: BundleFileset): string[] {
  const labels = list.map((s) => supportingLabel(s, data));
  return labels.length <= SUPPORTING_LISTED ? labels : [...labels.slice(0, SUPPORTING_LISTED), `and ${labels.length - SUPPORTING_LISTED} more`];
}

/** Valid accessions of one kind from the metadata; invalid ones are the metadata check's to report. */
function valid(pattern: RegExp, values: readonly (string | undefined)[]): string[] {
  return values.flatMap((v) => (v !== undefined && pattern.test(v.trim()) ? [v.trim()] : []));
}

/** EMDB accessions the files themselves carry (MRC labels), to suggest when the metadata has none. */
function emdbIdsInFiles(filesets: readonly BundleFileset[]): string[] {
  return [...new Set(filesets.flatMap((f) => (f.facts.emdbId ? [f.facts.emdbId.value] : [])))].sort();
}

/** Study gaps that are not image-set fields: the experiment type, its EMDB link, the citation, image data at all. */
function studyGaps(ctx: BundleContext, experiment: ExperimentChoice, emdb: readonly string[], data: readonly BundleFileset[]): DepositionGap[] {
  const gaps: DepositionGap[] = [];
  if (data.length === 0) gaps.push({ field: 'imagesets', blocking: true, message: 'The EMPIAR bundle holds only supporting files: EMPIAR needs at least one image set.' });
  if (experiment.type === null) gaps.push({ field: 'experiment_type', blocking: true, message: experiment.reason });
  if (experiment.type === 3 && emdb.length === 0) {
    const seen = emdbIdsInFiles(ctx.filesets);
    const hint = seen.length > 0 ? ` The maps of this study name ${seen.join(', ')} in their headers.` : '';
    gaps.push({ field: 'accessions.emdb', blocking: true, message: `EMPIAR entries of type 3 hold the raw data behind EMDB entries: enter the EMD-#### accession of each map these data produced (docs/empiar.md §7).${hint}` });
  }
  if (!ctx.metadata.publication) gaps.push({ field: 'publication', blocking: true, message: 'EMPIAR needs a citation: enter the related publication (its title and status; "in preparation" is fine).' });
  return gaps;
}

/** The EMPIAR deposition of a routed study and its metadata, with everything it still lacks (docs/empiar.md §1, §5, §7). */
export function buildEmpiarDeposition(ctx: BundleContext): EmpiarBuild {
  const meta: StudyMetadata = ctx.metadata;
  const data = ctx.members.filter((f) => !isSupportingFileset(f));
  const supporting = assignSupporting(
    data,
    ctx.members.filter((f) => isSupportingFileset(f)),
  );
  const experiment = chooseExperimentType(ctx.members, ctx.study);
  const imageSets = data.map((f, i) => draftImageSet(f, i, supportingList(supporting.get(f.id) ?? [], f)));
  const emdb = valid(ACCESSION_PATTERNS.EMDB, meta.accessions.emdb);
  const bia = valid(ACCESSION_PATTERNS.BIA, [meta.accessions.bia]);
  const authors = authorNames(meta.authors);
  const people = peopleOf(meta);
  const release = releaseCodeOf(meta.release);

  const deposition: EmpiarDeposition = {
    ...(meta.title ? { title: meta.title } : {}),
    ...(release ? { release_date: release } : {}),
    ...(experiment.type !== null ? { experiment_type: experiment.type } : {}),
    ...(meta.scale ? { scale: SCALE_CODES[meta.scale] } : {}),
    ...(emdb.length > 0 ? { cross_references: emdb.map((name) => ({ name })) } : {}),
    ...(bia.length > 0 ? { biostudies_references: bia.map((name) => ({ name })) } : {}),
    ...(authors.length > 0 ? { authors } : {}),
    ...(people.corresponding ? { corresponding_author: people.corresponding } : {}),
    ...(people.investigators.length > 0 ? { principal_investigator: people.investigators } : {}),
    ...(imageSets.length > 0 ? { imagesets: imageSets.map((d) => d.set) } : {}),
    ...(meta.publication ? { citation: [citationOf(meta.publication, authors)] } : {}),
  };

  const problems = checkMetadata(meta, ['EMPIAR']);
  const gaps = [...studyGaps(ctx, experiment, emdb, data), ...authorNameGaps(meta.authors), ...imageSets.flatMap((d) => d.gaps)];
  const schemaErrors = validateEmpiarDeposition(deposition);
  const blocked = problems.some((p) => p.blocks.includes('EMPIAR')) || gaps.some((g) => g.blocking);
  return { deposition, experiment, data, imageSets, supporting, problems, gaps, schemaErrors, final: !blocked && schemaErrors.length === 0 };
}
