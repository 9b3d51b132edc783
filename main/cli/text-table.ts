/** One column of a text table: its heading, how to align it, and the widest it may grow before eliding. */
export interface Column {
  readonly heading: string;
  readonly align?: 'left' | 'right';
  readonly maxWidth?: number;
}

/** Shortens text to `width` characters by cutting its middle, where paths and patterns are least telling. */
export function elideMiddle(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const keepEnd = Math.floor((width - 1) / 2);
  const keepStart = width - 1 - keepEnd;
  return chars.slice(0, keepStart).join('') + '…' + chars.slice(chars.length - keepEnd).join('');
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = width - [...text].length;
  if (gap <= 0) return text;
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

/** Lays rows out as aligned columns separated by two spaces; no trailing spaces on any line. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
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
