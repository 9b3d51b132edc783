import { DESTINATIONS, type Destination } from './destination';
import type { FilesetView, FormatSource } from './fileset';
import { assertNever } from '../assert-never';

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
