import { elideMiddle } from '../../shared/text/elide';
import { escapeControls } from './terminal-text';

/** One column of a text table: its heading, how to align it, and the widest it may grow before eliding. */
export interface Column {
  readonly heading: string;
  readonly align?: 'left' | 'right';
  readonly maxWidth?: number;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = width - [...text].length;
  if (gap <= 0) return text;
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

/** Lays rows out as aligned columns separated by two spaces; no trailing spaces on any line. Cells are one line each: their control characters are escaped. */
export function renderTable(columns: readonly Column[], cellRows: readonly (readonly string[])[]): string {
  const rows = cellRows.map((r) => r.map(escapeControls));
  const widths = columns.map((c, i) => {
    const widest = Math.max([...c.heading].length, ...rows.map((r) => [...(r[i] ?? '')].length));
    return Math.min(widest, c.maxWidth ?? Number.POSITIVE_INFINITY);
  });
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => pad(elideMiddle(cells[i] ?? '', widths[i]!), widths[i]!, c.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.heading)), ...rows.map(line)].join('\n');
}
