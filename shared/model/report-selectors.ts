import { DESTINATIONS, OMICS_ARCHIVES, destinationLabel, type Destination, type OmicsArchive } from './destination';
import type { FilesetView, FormatSource } from './fileset';
import type { Bundle } from './bundle';
import type { ScanReportView } from './scan-report';
import { assertNever } from '../assert-never';
import { formatLabel } from '../formats/format-catalog';
import { MODALITIES, modalityLabel, type Modality } from '../modality/modalities';
import type { AppliedOverride, Override } from '../policy/types';

/** Fileset and file counts and bytes going to one destination. */
export interface DestinationSummary {
  readonly destination: Destination;
  readonly filesets: number;
  readonly files: number;
  readonly bytes: number;
}

/** Per-destination totals in the fixed destination order, only destinations that receive something. */
export function summarizeByDestination(filesets: readonly Pick<FilesetView, 'destination' | 'fileCount' | 'bytes'>[]): DestinationSummary[] {
  return DESTINATIONS.map((destination) => {
    const sets = filesets.filter((f) => f.destination === destination);
    return {
      destination,
      filesets: sets.length,
      files: sets.reduce((n, f) => n + f.fileCount, 0),
      bytes: sets.reduce((n, f) => n + f.bytes, 0),
    };
  }).filter((s) => s.filesets > 0);
}

/**
 * The folder of a fileset as shown to people: the folder relative to its root, prefixed with the root's
 * last segment when the study has several roots (and the root's name alone for its top level).
 */
export function displayFolder(root: string, directory: string, severalRoots: boolean): string {
  const segments = root.split(/[\\/]/).filter(Boolean);
  const rootName = segments[segments.length - 1] ?? root;
  if (directory === '.') return rootName;
  return severalRoots ? `${rootName}/${directory}` : directory;
}

/** How a format was established, in a word or two for a table cell; empty when it was read from the file. */
export function formatSourceTag(source: FormatSource): string {
  switch (source) {
    case 'name':
      return 'by name';
    case 'extension':
      return 'by ext.';
    case 'bytes':
    case 'layout':
    case 'none':
      return '';
    default:
      return assertNever(source, 'format source');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The Study page (issue 10): overview cards, charts, the table's sort and filter, the review queue and the
// corrections. Pure functions of the report, so a 100,000-fileset study costs one pass each.
// ---------------------------------------------------------------------------------------------------------------

/** What the table and the cards group by: a destination, an omics destination split by its archive (`OMICS:ENA`). */
export type DestinationKey = Exclude<Destination, 'OMICS'> | `OMICS:${OmicsArchive}` | 'OMICS';

/** The key of a fileset's destination: omics filesets by their archive when they name one. */
export function destinationKey(destination: Destination, omicsArchive: OmicsArchive | null | undefined): DestinationKey {
  return destination === 'OMICS' && omicsArchive ? `OMICS:${omicsArchive}` : destination;
}

/** Every destination key in display order: the archives, each omics archive, then not depositable and review. */
export const DESTINATION_KEYS: readonly DestinationKey[] = ['EMPIAR', 'BIA', 'EMDB', 'OMICS', ...OMICS_ARCHIVES.map((a) => `OMICS:${a}` as const), 'NONE', 'REVIEW'];

/** The destination and omics archive a key stands for. */
export function parseDestinationKey(key: DestinationKey): { readonly destination: Destination; readonly omicsArchive: OmicsArchive | null } {
  if (key.startsWith('OMICS:')) return { destination: 'OMICS', omicsArchive: key.slice('OMICS:'.length) as OmicsArchive };
  return { destination: key as Destination, omicsArchive: null };
}

/** How a destination key reads for people. */
export function destinationKeyLabel(key: DestinationKey): string {
  const { destination, omicsArchive } = parseDestinationKey(key);
  return destinationLabel(destination, omicsArchive);
}

/** One overview card: what goes to one destination, and how ready its bundle is (`null`: no bundle, as for review). */
export interface DestinationCard {
  readonly key: DestinationKey;
  readonly destination: Destination;
  readonly omicsArchive: OmicsArchive | null;
  readonly filesets: number;
  readonly files: number;
  readonly bytes: number;
  readonly readiness: Bundle['readiness'] | null;
}

/** The overview's cards: one per destination the study sends something to, omics split per archive, readiness from the report's bundles. */
export function destinationCards(report: Pick<ScanReportView, 'filesets' | 'bundles'>): DestinationCard[] {
  const totals = new Map<DestinationKey, { filesets: number; files: number; bytes: number }>();
  for (const f of report.filesets) {
    const key = destinationKey(f.destination, f.omicsArchive);
    const t = totals.get(key) ?? { filesets: 0, files: 0, bytes: 0 };
    t.filesets += 1;
    t.files += f.fileCount;
    t.bytes += f.bytes;
    totals.set(key, t);
  }
  return DESTINATION_KEYS.flatMap((key) => {
    const t = totals.get(key);
    if (!t) return [];
    const { destination, omicsArchive } = parseDestinationKey(key);
    const bundle = report.bundles.find((b) => b.archive === destination);
    return [{ key, destination, omicsArchive, ...t, readiness: bundle ? bundle.readiness : null }];
  });
}

/** Files and bytes of one modality. */
export interface ModalitySummary {
  readonly modality: Modality;
  readonly filesets: number;
  readonly files: number;
  readonly bytes: number;
}

/** Per-modality totals in catalog order, only modalities present. */
export function summarizeByModality(filesets: readonly Pick<FilesetView, 'modality' | 'fileCount' | 'bytes'>[]): ModalitySummary[] {
  const totals = new Map<Modality, { filesets: number; files: number; bytes: number }>();
  for (const f of filesets) {
    const t = totals.get(f.modality) ?? { filesets: 0, files: 0, bytes: 0 };
    t.filesets += 1;
    t.files += f.fileCount;
    t.bytes += f.bytes;
    totals.set(f.modality, t);
  }
  return MODALITIES.flatMap((modality) => {
    const t = totals.get(modality);
    return t ? [{ modality, ...t }] : [];
  });
}

/** Columns of the fileset table, in display order. */
export const FILESET_COLUMNS = ['folder', 'pattern', 'files', 'size', 'format', 'modality', 'destination'] as const;

/** One column of the fileset table. */
export type FilesetColumn = (typeof FILESET_COLUMNS)[number];

/** A sort of the table: a column and a direction. */
export interface FilesetSort {
  readonly column: FilesetColumn;
  readonly direction: 'ascending' | 'descending';
}

/** What the table shows: `null` fields do not filter; `text` matches folder, name, format, modality and destination. */
export interface FilesetFilter {
  readonly destination: DestinationKey | null;
  readonly modality: Modality | null;
  readonly reviewOnly: boolean;
  readonly text: string;
}

/** A filter that shows every fileset. */
export const NO_FILTER: FilesetFilter = { destination: null, modality: null, reviewOnly: false, text: '' };

/** The text a row is searched by: everything a person reads in it, lower-cased. */
function searchText(f: FilesetView): string {
  return `${f.root}/${f.directory}/${f.pattern}\u0000${formatLabel(f.format)}\u0000${modalityLabel(f.modality)}\u0000${destinationLabel(f.destination, f.omicsArchive)}`.toLowerCase();
}

/** The filesets a filter keeps, in their given order. */
export function filterFilesets(filesets: readonly FilesetView[], filter: FilesetFilter): readonly FilesetView[] {
  const text = filter.text.trim().toLowerCase();
  if (filter.destination === null && filter.modality === null && !filter.reviewOnly && text === '') return filesets;
  const words = text.split(/\s+/).filter(Boolean);
  return filesets.filter((f) => {
    if (filter.destination !== null) {
      const key = destinationKey(f.destination, f.omicsArchive);
      if (key !== filter.destination && !(filter.destination === 'OMICS' && f.destination === 'OMICS')) return false;
    }
    if (filter.modality !== null && f.modality !== filter.modality) return false;
    if (filter.reviewOnly && f.destination !== 'REVIEW') return false;
    if (words.length === 0) return true;
    const haystack = searchText(f);
    return words.every((w) => haystack.includes(w));
  });
}

/** The value a fileset is sorted by in a column: numbers for counts, lower-cased text for the rest. */
function sortKey(f: FilesetView, column: FilesetColumn, severalRoots: boolean): string | number {
  switch (column) {
    case 'folder':
      return displayFolder(f.root, f.directory, severalRoots).toLowerCase();
    case 'pattern':
      return f.pattern.toLowerCase();
    case 'files':
      return f.fileCount;
    case 'size':
      return f.bytes;
    case 'format':
      return formatLabel(f.format).toLowerCase();
    case 'modality':
      return modalityLabel(f.modality).toLowerCase();
    case 'destination':
      return DESTINATION_KEYS.indexOf(destinationKey(f.destination, f.omicsArchive));
    default:
      return assertNever(column, 'fileset column');
  }
}

/** The filesets sorted by a column (stable: equal keys keep the report's order); `null` keeps the report's order. Keys are computed once per row. */
export function sortFilesets(filesets: readonly FilesetView[], sort: FilesetSort | null, severalRoots: boolean): readonly FilesetView[] {
  if (sort === null) return filesets;
  const keys = filesets.map((f) => sortKey(f, sort.column, severalRoots));
  const order = filesets.map((_, i) => i);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a - b;
  });
  return order.map((i) => filesets[i]!);
}

/** The one question that would decide a fileset in review, by the review clause that sent it there. */
export function reviewQuestion(f: Pick<FilesetView, 'clauseId' | 'modality' | 'evidence'>): string {
  switch (f.clauseId) {
    case 'review-unknown':
      return 'What do these files hold? Set their modality, or where they go.';
    case 'review-supporting-unresolved':
      return 'Which data do these files belong with? Choose where they go.';
    case 'review-low-confidence': {
      // The modalities the evidence also spoke for are the candidates the user chooses between.
      const others = [...new Set(f.evidence.flatMap((e) => (e.supports && e.supports !== f.modality && e.weight > 0 ? [e.supports] : [])))].slice(0, 2);
      return `Is this ${[f.modality, ...others].map(modalityLabel).join(' or ')}? Set the modality it really is.`;
    }
    default:
      return 'Where should these files go? Set their modality or destination.';
  }
}

/** For each fileset, the overrides that set something of it, with the engine's note on each (the "why" of an overridden row). */
export function overridesByFileset(overrides: readonly AppliedOverride[]): ReadonlyMap<string, readonly AppliedOverride[]> {
  const out = new Map<string, AppliedOverride[]>();
  for (const o of overrides) for (const id of o.matched) out.set(id, [...(out.get(id) ?? []), o]);
  return out;
}

/** What an override sets, in words: "destination EMDB, modality Cryo-ET: tomograms". */
export function describeOverride(o: Pick<Override, 'modality' | 'destination' | 'omicsArchive'>): string {
  const parts: string[] = [];
  if (o.destination) parts.push(`destination ${destinationLabel(o.destination, o.omicsArchive)}`);
  if (o.modality) parts.push(`modality ${modalityLabel(o.modality)}`);
  return parts.join(', ');
}

/**
 * The override target that names a fileset: its id, except for a part the policy split off (representative
 * tomograms, id `<id>~r<n>`), which exists only after routing and is named by the fileset it came from.
 */
export function overrideTargetOf(f: Pick<FilesetView, 'id'>): string {
  return f.id.replace(/~r\d+$/, '');
}

/** The fileset to keep selected after a re-routing: the same one, else what it was split into or from, else the first. */
export function keepSelection(filesets: readonly Pick<FilesetView, 'id'>[], previous: string | null): string | null {
  if (previous === null) return filesets[0]?.id ?? null;
  if (filesets.some((f) => f.id === previous)) return previous;
  const base = previous.split('~')[0]!;
  return (filesets.find((f) => f.id === base) ?? filesets.find((f) => f.id.startsWith(`${base}~`)) ?? filesets[0])?.id ?? null;
}
