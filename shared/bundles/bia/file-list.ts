import type { Fileset } from '../../model/fileset';
import type { Facts } from '../../formats/facts';
import { formatLabel } from '../../formats/format-catalog';
import { modalityInfo } from '../../modality/modalities';
import { splitExtension } from '../../naming/name-pattern';
import { componentFilesets, isGeoJson, type StudyComponent } from './study-components';
import { pathTokens, type PathTokens } from './path-tokens';
import { FILES_HEADER, lintFileList, type FileListProblem } from './file-list-rules';

/**
 * The BIA file lists of a study: one TSV per study component and one per component's annotations
 * (docs/bia.md §1.1 rule 1), every file of every member fileset listed (rule 4), first column `Files` (rule 3),
 * then columns that vary (rule 10) from the facts and from what names encode. Paths are never rewritten: a
 * path that breaks a rule is listed as it is (the listed file must exist in the upload, docs/bia.md §1.2) and
 * the lint's problem goes to the checklist, which tells the user to rename it.
 */

/** One file list, as a table and as the TSV text written (UTF-8, `\n`, no BOM: docs/bia.md §1.3). */
export interface BiaFileList {
  readonly componentId: string;
  readonly kind: 'component' | 'annotation';
  /** File name as uploaded and named in the form's `File List` field (`lm-confocal.tsv`). */
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly content: string;
  /** The lint of the list as written (docs/bia.md §1.3); errors are renames the user must make. */
  readonly problems: readonly FileListProblem[];
}

/**
 * The folder a scan root is uploaded as: its last path segment. The user uploads each scan root as one folder
 * into the BIA user space (docs/bia.md §0), so a file's path in the list is `<root folder name>/<path in root>`
 * (docs/bia.md §1.1 rule 5: relative to the user space's root, mirroring the uploaded folders). Roots may be
 * Windows paths, so both separators end a segment.
 */
export function uploadFolderOf(root: string): string {
  const trimmed = root.replace(/[\\/]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return trimmed.slice(i + 1) || trimmed;
}

/** A file's path in the upload: the root's folder name, then its path in the root. */
export function uploadPath(root: string, relPath: string): string {
  return `${uploadFolderOf(root)}/${relPath}`;
}

/** Columns the builder can write, in order after `Files`. */
const COLUMNS = ['Plate', 'Well', 'Field', 'Sample', 'Channel', 'Z', 'T', 'Role', 'Format', 'Dimensions', 'Pixel size (µm)'] as const;
type Column = (typeof COLUMNS)[number];

/** Annotation lists: `Files`, the annotation type and the source image (docs/bia.md §1.1 rule 11, as S-BIAD1492 names them). */
const ANNOTATION_COLUMNS = ['Annotation type', 'Source image', 'Format', 'Dimensions'] as const;
type AnnotationColumn = (typeof ANNOTATION_COLUMNS)[number];

/** Columns an annotation list keeps even when every row has the same value: the BIA asks for them (rule 11). */
const REQUIRED_ANNOTATION_COLUMNS: ReadonlySet<string> = new Set(['Annotation type']);

/** A cell value: tabs and line breaks would split the row (docs/bia.md §1.2), so they become spaces. Never applied to paths. */
function cell(v: string | undefined): string {
  return (v ?? '').replace(/[\t\r\n]+/g, ' ').trim();
}

/** A length in nm as µm with up to four significant digits (facts are in nm: shared/formats/facts.ts). */
function micrometres(nm: number): string {
  return String(Number((nm / 1000).toPrecision(4)));
}

/** Pixel (voxel) size in µm, `x x y x z`. */
export function pixelSizeUm(facts: Facts): string {
  const p = facts.pixelSize?.value;
  if (!p) return '';
  return [p.x, p.y ?? p.x, ...(p.z !== undefined ? [p.z] : [])].map(micrometres).join(' x ');
}

/** Dimensions as the header gives them (`x=64 y=32 z=5 c=2`). */
export function dimensionsText(facts: Facts): string {
  const d = facts.dimensions?.value;
  if (!d) return '';
  return (['x', 'y', 'z', 'c', 't', 'frames'] as const)
    .filter((k) => d[k] !== undefined)
    .map((k) => `${k}=${d[k]}`)
    .join(' ');
}

/** Channel names of a fileset (`DAPI;GFP`: docs/bia.md §1.4), or their wavelengths when unnamed. */
function channelNames(facts: Facts): string[] {
  return (facts.channels?.value ?? []).map((c) => c.name ?? c.fluor ?? (c.excitationNm ? `ex${c.excitationNm}${c.emissionNm ? `/em${c.emissionNm}` : ''}` : '')).filter((s) => s !== '');
}

/**
 * The channel of one file: spelled in its name, numbered in its name (looked up in the fileset's channels, or
 * the component's when the fileset states none, as a thumbnail does), or all of the fileset's.
 */
function channelOf(t: PathTokens, facts: Facts, componentNames: readonly string[]): string {
  if (t.channelName) return t.channelName;
  const own = channelNames(facts);
  const names = own.length > 0 || t.channelIndex === undefined ? own : componentNames;
  if (t.channelIndex !== undefined) return names[t.channelIndex - 1] ?? `channel ${t.channelIndex}`;
  return names.join(';');
}

/** Landmark and fiducial files among correlation files (docs/bia.md §1.4 role `fiducials`), by what their reader says they are. */
const FIDUCIAL_KIND = /landmark|fiducial|point/i;

/** The role of a fileset's files: raw / processed / transform / fiducials (docs/bia.md §1.4), metadata, or the spatial-omics role its reader named. */
export function roleOf(f: Pick<Fileset, 'modality' | 'facts'>): string {
  const group = modalityInfo(f.modality).group;
  if (group === 'correlation') return FIDUCIAL_KIND.test(f.facts.transform?.value.kind ?? '') ? 'fiducials' : 'transform';
  if (f.facts.spatial?.value.role) return f.facts.spatial.value.role;
  if (group === 'processing' || f.facts.processing) return 'processed';
  if (group === 'supporting') return 'metadata';
  return 'raw';
}

/** The plate a fileset belongs to: the folder of its HCS plate layout, when it has one. */
function plateOf(f: Fileset): string {
  const l = f.layouts.find((x) => x.kind === 'hcs-plate');
  if (!l) return '';
  const parts = l.directory.split('/').filter((p) => p !== '.' && p !== 'Images');
  return parts[parts.length - 1] ?? '';
}

/** Drops columns with no value, and (for two rows or more) columns with one value throughout (docs/bia.md §1.1 rule 10). */
function varyingColumns<C extends string>(columns: readonly C[], rows: readonly Readonly<Record<C, string>>[], keep: ReadonlySet<string>): C[] {
  return columns.filter((c) => {
    const values = new Set(rows.map((r) => r[c]));
    if (keep.has(c)) return true;
    if (values.size === 1 && values.has('')) return false;
    return rows.length < 2 || values.size > 1;
  });
}

/** TSV text: tabs between cells, `\n` after every line, no BOM (docs/bia.md §1.3). */
export function toTsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => `${r.join('\t')}\n`).join('');
}

function table<C extends string>(componentId: string, kind: BiaFileList['kind'], name: string, columns: readonly C[], entries: readonly { path: string; values: Readonly<Record<C, string>> }[], keep: ReadonlySet<string>): BiaFileList {
  const used = varyingColumns(columns, entries.map((e) => e.values), keep);
  const header = [FILES_HEADER, ...used];
  const rows = entries.map((e) => [e.path, ...used.map((c) => e.values[c])]);
  const content = toTsv(header, rows);
  return { componentId, kind, name, header, rows, content, problems: lintFileList(content, { name }) };
}

/** The component's file list: every file of its data, followers and correlation files. */
export function componentFileList(c: StudyComponent<Fileset>): BiaFileList {
  const componentNames = c.data.map((d) => channelNames(d.facts)).find((n) => n.length > 0) ?? [];
  const entries = componentFilesets(c).flatMap((f) => {
    const role = roleOf(f);
    const format = formatLabel(f.format);
    const dims = dimensionsText(f.facts);
    const px = pixelSizeUm(f.facts);
    const plate = plateOf(f);
    const isImage = f.kind === 'image';
    return f.files.map((rel) => {
      const t = pathTokens(rel);
      const values: Record<Column, string> = {
        Plate: cell(plate),
        Well: cell(isImage ? t.well : undefined),
        Field: cell(isImage ? t.field : undefined),
        Sample: cell(t.sample),
        Channel: cell(isImage || f.kind === 'metadata' ? channelOf(t, f.facts, componentNames) : ''),
        Z: cell(isImage ? t.z : undefined),
        T: cell(isImage ? t.t : undefined),
        Role: role,
        Format: cell(format),
        Dimensions: cell(dims),
        'Pixel size (µm)': px,
      };
      return { path: uploadPath(f.root, rel), values };
    });
  });
  return table(c.id, 'component', `${c.id}.tsv`, COLUMNS, entries, new Set());
}

/** MIFA annotation type of an annotation fileset (docs/bia.md §2.2): drawn or segmented shapes, or a label image / mask. */
function annotationType(f: Fileset): string {
  return isGeoJson(f) ? 'geometrical_annotations' : 'segmentation_mask';
}

/** Suffixes that name a file as the annotation of another (`_mask`, `_labels`, `_seg`: shared/modality/rules-data.ts). */
const ANNOTATION_SUFFIX = /[_\-. ](masks?|labels?|seg|segmentations?|annotations?)$/i;

/**
 * The image an annotation file was made from, when exactly one data file of the component has the stem the
 * annotation's name starts with (`cellA_confocal_mask.tif` → `cellA_confocal.ome.tif`); otherwise unknown.
 */
function sourceImageOf(rel: string, c: StudyComponent<Fileset>): string {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  const base = splitExtension(name).stem.replace(ANNOTATION_SUFFIX, '');
  const found: string[] = [];
  for (const d of c.data) {
    for (const file of d.files) {
      const stem = splitExtension(file.slice(file.lastIndexOf('/') + 1)).stem;
      if (stem === base || base.startsWith(`${stem}_`)) found.push(uploadPath(d.root, file));
    }
  }
  return found.length === 1 ? found[0]! : '';
}

/** The component's annotation list, or `null` when it has no annotations. */
export function annotationFileList(c: StudyComponent<Fileset>): BiaFileList | null {
  if (c.annotations.length === 0) return null;
  const entries = c.annotations.flatMap((f) =>
    f.files.map((rel) => {
      const values: Record<AnnotationColumn, string> = {
        'Annotation type': annotationType(f),
        'Source image': sourceImageOf(rel, c),
        Format: cell(formatLabel(f.format)),
        Dimensions: cell(dimensionsText(f.facts)),
      };
      return { path: uploadPath(f.root, rel), values };
    }),
  );
  return table(c.id, 'annotation', `${c.id}-annotations.tsv`, ANNOTATION_COLUMNS, entries, REQUIRED_ANNOTATION_COLUMNS);
}

/** Every file list of the components: each component's list, then its annotation list when it has one. */
export function fileListsOf(components: readonly StudyComponent<Fileset>[]): BiaFileList[] {
  return components.flatMap((c) => {
    const a = annotationFileList(c);
    return a ? [componentFileList(c), a] : [componentFileList(c)];
  });
}
