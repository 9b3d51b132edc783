import type { ChecklistItem, BundleFile } from '../../model/bundle';
import type { BundleContext, BundleFileset, Bundler, RenderContext } from '../bundler';
import type { Fileset } from '../../model/fileset';
import { ACCESSION_PATTERNS } from '../../deposit/identifiers';
import { assertNever } from '../../assert-never';
import { studyComponents, type StudyComponent } from './study-components';
import { fileListsOf, uploadFolderOf, type BiaFileList } from './file-list';
import { lintFileList, passesFileListRules, type FileListProblem } from './file-list-rules';
import { MIN_TITLE_LENGTH, REMBI_MODULE_TITLES, missingFields, rembiSections, renderRembiMarkdown, type RembiSection } from './rembi';
import { buildRoCrate } from './ro-crate';

/**
 * The BioImage Archive bundle: one file list per study component (docs/bia.md §1), the REMBI checklist
 * (docs/bia.md §2), the submission RO-Crate, and the checklist of what the BIA needs before it takes the
 * submission (licence, title, file lists that pass its rules, REMBI modules, upload method by size, links to
 * EMPIAR and the omics archives: docs/bia.md §0, §5.2, §6).
 */

/** Folder of the file lists inside the bundle. */
export const FILE_LIST_FOLDER = 'file-lists/';

/** Upload limits of docs/bia.md §0, in decimal units as the help page writes them (GB = 10^9 bytes). */
const GB = 1e9;
/** Web upload: under 50 GB in total and 20 GB per file (docs/bia.md §0). */
const WEB_TOTAL_LIMIT = 50 * GB;
const WEB_FILE_LIMIT = 20 * GB;
/** FTP up to 1 TB; above, Aspera (docs/bia.md §0). */
const FTP_TOTAL_LIMIT = 1000 * GB;

/** Above about this many files, the BIA takes directory entries in a file list after being contacted (docs/bia.md §1.1 rule 9). */
const DIRECTORY_ENTRY_THRESHOLD = 500_000;

/** How files reach the BIA user space. */
export type UploadMethod = 'web' | 'ftp' | 'aspera';

/**
 * The upload method docs/bia.md §0 gives for a size: the web tool under 50 GB in total and 20 GB per file, FTP
 * up to 1 TB, Aspera above. `largestFile` is an upper bound when single files are not known.
 */
export function uploadMethodFor(totalBytes: number, largestFile: number): UploadMethod {
  if (totalBytes < WEB_TOTAL_LIMIT && largestFile < WEB_FILE_LIMIT) return 'web';
  return totalBytes <= FTP_TOTAL_LIMIT ? 'ftp' : 'aspera';
}

function uploadWords(m: UploadMethod): string {
  switch (m) {
    case 'web':
      return 'the BioStudies web upload';
    case 'ftp':
      return 'FTP';
    case 'aspera':
      return 'Aspera';
    default:
      return assertNever(m, 'upload method');
  }
}

/** Size for people, decimal units. */
function size(bytes: number): string {
  if (bytes >= 1e12) return `${(bytes / 1e12).toFixed(2)} TB`;
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${bytes} bytes`;
}

/**
 * File-list problems known before rendering, when the file lists do not travel with the filesets: each
 * fileset's upload folder, folder and name pattern linted as a path (the pattern's `#` digit placeholders read
 * as digits), so a `µ` in a folder name is caught at planning time.
 */
function patternProblems(members: readonly BundleFileset[]): FileListProblem[] {
  const paths = members.map((f) => `${uploadFolderOf(f.root)}/${f.directory === '.' ? '' : `${f.directory}/`}${f.pattern.replace(/#/g, '0').replace(/\/$/, '/0')}`);
  return lintFileList({ header: ['Files'], rows: [...new Set(paths)].map((p) => [p]) }).filter((p) => p.severity === 'error' && p.path !== undefined);
}

/**
 * Upload paths of the file lists of the components, without rendering them: the bundle's `file-lists/` folder is
 * uploaded beside the data folders, so the form's `File List` field names `file-lists/<component>.tsv`.
 */
function listNames(components: readonly StudyComponent[]): Map<string, { list: string; annotations?: string }> {
  return new Map(components.map((c) => [c.id, { list: `${FILE_LIST_FOLDER}${c.id}.tsv`, ...(c.annotations.length > 0 ? { annotations: `${FILE_LIST_FOLDER}${c.id}-annotations.tsv` } : {}) }]));
}

/** True when every member carries its file list (a rendering context). */
function withFiles(members: readonly BundleFileset[]): members is readonly Fileset[] {
  return members.every((f) => Array.isArray(f.files));
}

/** Link `Type` of an omics accession in a BIA study (docs/bia.md §6 table); PRIDE and MetaboLights are linked by full address. */
function omicsLink(archive: string, accession: string): { url: string; type: string } {
  switch (archive) {
    case 'ENA':
      return { url: accession, type: 'ena' };
    case 'ArrayExpress':
      return { url: accession, type: 'arrayexpress' };
    case 'EGA':
      return { url: accession, type: 'ega' };
    case 'BioSamples':
      return { url: accession, type: 'biosamples' };
    case 'PRIDE':
      return { url: `https://www.ebi.ac.uk/pride/archive/projects/${accession}`, type: 'full URL' };
    default:
      return { url: `https://www.ebi.ac.uk/metabolights/${accession}`, type: 'full URL' };
  }
}

function fileListItem(name: string, problems: readonly FileListProblem[], checkedOn: string): ChecklistItem {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const ok = passesFileListRules(problems);
  const first = errors.slice(0, 3).map((p) => p.message).join(' ');
  return {
    id: `bia-file-list-${name.replace(/\.tsv$/, '')}`,
    text: ok
      ? `Upload ${FILE_LIST_FOLDER}${name} (the bundle's ${FILE_LIST_FOLDER} folder, beside the data folders) and name it in the form's File List field.`
      : `Rename what the BIA refuses before uploading, then upload ${FILE_LIST_FOLDER}${name}: ${errors.length} path problem${errors.length === 1 ? '' : 's'} (the list names the files as they are; renaming is yours to do). ${first}`,
    rule: 'docs/bia.md §1.3',
    done: ok,
    evidence: ok ? `${checkedOn} pass every BIA file-list rule${warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${[...new Set(warnings.map((w) => w.code))].join(', ')})` : ''}.` : `${errors.length} error${errors.length === 1 ? '' : 's'}: ${[...new Set(errors.map((e) => e.code))].join(', ')}.`,
    blocking: !ok,
  };
}

function rembiItem(s: RembiSection): ChecklistItem {
  const missing = missingFields(s);
  const where = s.componentId ? ` (${s.title})` : '';
  return {
    id: `bia-rembi-${s.module}${s.componentId ? `-${s.componentId}` : ''}`,
    text: missing.length === 0 ? `Check the prefilled ${REMBI_MODULE_TITLES[s.module]} section${where} in the BioImages form.` : `Fill in the ${REMBI_MODULE_TITLES[s.module]} section${where}: ${missing.map((f) => f.name).join(', ')}.`,
    rule: 'docs/bia.md §2.2',
    done: missing.length === 0,
    evidence: missing.length === 0 ? `Prefilled from ${[...new Set(s.fields.map((f) => f.from).filter((x): x is string => x !== null))].join('; ')}.` : `Missing: ${missing.map((f) => f.name).join(', ')}.`,
    blocking: s.required && missing.length > 0,
  };
}

/** The BIA bundle's checklist, in the order a submission is made (docs/bia.md §0). */
function checklist(ctx: BundleContext, lists?: readonly BiaFileList[]): ChecklistItem[] {
  const m = ctx.metadata;
  const components = studyComponents(ctx.members);
  const items: ChecklistItem[] = [];

  // Upload: which method the size calls for (docs/bia.md §0).
  const total = ctx.members.reduce((n, f) => n + f.bytes, 0);
  // A fileset's files share one name pattern (digit runs collapsed, docs/design.md "Group"), so its average file
  // size stands for its files; a single-file fileset's size is exact. The report keeps no per-file sizes.
  const largest = ctx.members.reduce((n, f) => Math.max(n, Math.ceil(f.bytes / f.fileCount)), 0);
  const method = uploadMethodFor(total, largest);
  const folders = [...new Set(ctx.members.map((f) => uploadFolderOf(f.root)))];
  items.push({
    id: 'bia-upload-method',
    text: `Upload the folder${folders.length === 1 ? '' : 's'} ${folders.join(', ')} to your BIA user space with ${uploadWords(method)}, keeping the folder names: the file lists name files as <folder>/<path>.`,
    rule: 'docs/bia.md §0',
    done: false,
    evidence: `${size(total)} in ${ctx.members.reduce((n, f) => n + f.fileCount, 0)} files; the largest file is about ${size(largest)} (its fileset's average). Web under 50 GB in total and 20 GB per file, FTP up to 1 TB, Aspera above; the FAQ recommends Aspera from 10 GiB.`,
    blocking: false,
  });

  // Two roots uploaded under the same folder name would collide in the user space (docs/bia.md §1.1 rule 5).
  const byFolder = new Map<string, string[]>();
  for (const r of new Set(ctx.members.map((f) => f.root))) byFolder.set(uploadFolderOf(r), [...(byFolder.get(uploadFolderOf(r)) ?? []), r]);
  const clashes = [...byFolder].filter(([, rs]) => rs.length > 1);
  if (clashes.length > 0) {
    items.push({
      id: 'bia-upload-folder-names',
      text: `Scanned folders share a name (${clashes.map(([n]) => n).join(', ')}): rename one, scan again, then upload; the user space cannot hold two folders of one name.`,
      rule: 'docs/bia.md §1.1',
      done: false,
      evidence: `${clashes.map(([n, rs]) => `${rs.length} scanned folders are named ${n}`).join('; ')}.`,
      blocking: true,
    });
  }

  items.push({
    id: 'bia-licence',
    text: m.licence ? `Licence ${m.licence}: choose it in the Study section's License field.` : 'Choose the licence: CC0 (the BIA policy for new submissions) or CC BY 4.0.',
    rule: 'docs/bia.md §0',
    done: m.licence !== undefined,
    evidence: m.licence ? `metadata.licence = ${m.licence}.` : 'No licence in the metadata.',
    blocking: m.licence === undefined,
  });
  const titleOk = m.title.length >= MIN_TITLE_LENGTH;
  items.push({
    id: 'bia-title',
    text: titleOk ? 'Study title: enter it in the Study section.' : `Give the study a title of at least ${MIN_TITLE_LENGTH} characters.`,
    rule: 'docs/bia.md §2.2',
    done: titleOk,
    evidence: m.title ? `The title has ${m.title.length} characters.` : 'No title in the metadata.',
    blocking: !titleOk,
  });

  // File lists: the rendered lists when the files travel with the filesets, else the folders and name patterns.
  if (lists) for (const l of lists) items.push(fileListItem(l.name, l.problems, `All ${l.rows.length} paths`));
  else {
    for (const c of components) {
      items.push(fileListItem(`${c.id}.tsv`, patternProblems([...c.data, ...c.followers, ...c.correlation]), 'The folders and name patterns'));
      if (c.annotations.length > 0) items.push(fileListItem(`${c.id}-annotations.tsv`, patternProblems(c.annotations), 'The folders and name patterns'));
    }
  }

  // Very large components: listing every file is still valid, but the BIA offers directory entries (docs/bia.md §1.1 rule 9).
  for (const c of components) {
    const count = [...c.data, ...c.followers, ...c.correlation].reduce((n, f) => n + f.fileCount, 0);
    if (count > DIRECTORY_ENTRY_THRESHOLD) {
      items.push({
        id: `bia-file-list-size-${c.id}`,
        text: `${c.label} has ${count} files: the list names each one; for datasets this large the BIA accepts directory entries instead, after you contact it.`,
        rule: 'docs/bia.md §1.1',
        done: true,
        evidence: `${count} files, over about ${DIRECTORY_ENTRY_THRESHOLD}.`,
        blocking: false,
      });
    }
  }

  // REMBI modules (docs/bia.md §2.2), each component's own after the study-wide ones.
  for (const s of rembiSections({ components, metadata: m, study: ctx.study, fileLists: listNames(components) })) items.push(rembiItem(s));

  // Links: the EMPIAR entry of a correlative study (docs/bia.md §5.2), omics accessions (docs/bia.md §6).
  const empiarSide = ctx.filesets.some((f) => f.destination === 'EMPIAR');
  if (empiarSide) {
    const acc = m.accessions.empiar;
    const valid = acc !== undefined && ACCESSION_PATTERNS.EMPIAR.test(acc);
    items.push({
      id: 'bia-link-empiar',
      text: valid ? `Add the study link url = ${acc}, Type = empiar, Description "Electron microscopy data of this study".` : 'After EMPIAR gives the accession, add it as a link: url = EMPIAR-nnnnn, Type = empiar.',
      rule: 'docs/bia.md §5.2',
      done: valid,
      evidence: valid ? `metadata.accessions.empiar = ${acc}.` : acc ? `"${acc}" is not an EMPIAR accession (EMPIAR-10009).` : 'No EMPIAR accession yet.',
      blocking: false,
    });
  }
  const omicsSide = ctx.filesets.filter((f) => f.destination === 'OMICS');
  if (omicsSide.length > 0) {
    const archives = [...new Set(omicsSide.map((f) => f.omicsArchive).filter((a): a is NonNullable<typeof a> => a !== null))];
    const known = m.accessions.omics.filter((o) => archives.includes(o.archive as (typeof archives)[number]));
    const links = known.map((o) => omicsLink(o.archive, o.accession));
    const done = archives.length > 0 && archives.every((a) => known.some((o) => o.archive === a));
    items.push({
      id: 'bia-link-omics',
      text: done ? `Add the study links ${links.map((l) => `url = ${l.url}, Type = ${l.type}`).join('; ')}.` : `After ${archives.join(' and ') || 'the omics archive'} give${archives.length === 1 ? 's' : ''} the accession, add it as a study link (docs/bia.md §6 table: ena, arrayexpress, or the full address).`,
      rule: 'docs/bia.md §6',
      done,
      evidence: done ? `metadata.accessions.omics: ${known.map((o) => `${o.archive} ${o.accession}`).join(', ')}.` : `Omics data go to ${archives.join(', ') || 'an omics archive'}; no accession yet.`,
      blocking: false,
    });
  }
  return items;
}

/** The bundle's files: file lists, the REMBI checklist and the submission RO-Crate. */
function render(ctx: RenderContext): BundleFile[] {
  if (!withFiles(ctx.members)) return [];
  const components = studyComponents(ctx.members);
  const lists = fileListsOf(components);
  const sections = rembiSections({ components, metadata: ctx.metadata, study: ctx.study, fileLists: listNames(components) });
  const crate = buildRoCrate({ components, fileLists: lists, metadata: ctx.metadata, sections, fileListFolder: FILE_LIST_FOLDER });
  return [
    ...lists.map((l) => ({ path: `${FILE_LIST_FOLDER}${l.name}`, content: l.content })),
    { path: 'rembi-checklist.md', content: renderRembiMarkdown(sections) },
    { path: 'ro-crate-metadata.json', content: `${JSON.stringify(crate, null, 2)}\n` },
  ];
}

/** The BIA bundler: with the file lists present it lints the lists it would write; without, the folders and patterns. */
export const biaBundler: Bundler = {
  checklist: (ctx) => checklist(ctx, withFiles(ctx.members) ? fileListsOf(studyComponents(ctx.members)) : undefined),
  render,
};
