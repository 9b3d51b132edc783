import { useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FilesetView } from '../../../shared/model/fileset';
import type { AppliedOverride } from '../../../shared/policy/types';
import { describeOverride, displayFolder, formatSourceTag, FILESET_COLUMNS, type FilesetColumn, type FilesetSort } from '../../../shared/model/report-selectors';
import { formatLabel } from '../../../shared/formats/format-catalog';
import { formatBytes, formatCount } from '../../../shared/text/units';
import { DestinationBadge } from './DestinationBadge';
import { destinationLabel } from '../../../shared/model/destination';
import { modalityLabel, REVIEW_BELOW } from '../../../shared/modality/modalities';

/** Height of one table row in pixels; matches `.fs-table__row` in study.css. */
const ROW_HEIGHT = 36;
/** Rows rendered beyond the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 12;
/** Rows a Page Up / Page Down moves. */
const PAGE_ROWS = 10;

/** Column headings, as people read them. */
const COLUMN_LABELS: Readonly<Record<FilesetColumn, string>> = {
  folder: 'Folder',
  pattern: 'Name pattern',
  files: 'Files',
  size: 'Size',
  format: 'Format',
  modality: 'Modality',
  destination: 'Destination',
};

/** Props of the fileset table. */
export interface FilesetTableProps {
  /** The filesets to show, filtered and sorted. */
  readonly rows: readonly FilesetView[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  /** Enter on a row: go to its details. */
  readonly onOpen: () => void;
  readonly severalRoots: boolean;
  readonly sort: FilesetSort | null;
  readonly onSort: (column: FilesetColumn) => void;
  /** The overrides that set something of each fileset, for the "set by you" marks and their why. */
  readonly overrides: ReadonlyMap<string, readonly AppliedOverride[]>;
}

/** Why a row is marked as set by you: each override that matched it and what the engine said of it. */
function whyOverridden(list: readonly AppliedOverride[] | undefined): string {
  return (list ?? []).map((o) => `You set ${describeOverride(o)}. ${o.note}`).join(' ');
}

/**
 * Every fileset of the study, one row each, virtualized (only the rows in view exist in the page, so
 * 100,000 filesets scroll like 100). A grid: the arrow keys move the selected row and the active cell; the
 * active cell shows its whole text while the grid has the keyboard focus, and every cell has it on hover.
 */
export function FilesetTable({ rows, selectedId, onSelect, onOpen, severalRoots, sort, onSort, overrides }: FilesetTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeColumn, setActiveColumn] = useState(1);
  // This build has no React Compiler, so nothing memoizes the virtualizer's functions; it re-renders on scroll itself
  // (react-hooks/incompatible-library is off for this file in eslint.config.mjs: no inline config in the renderer).
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The sticky header row sits above the rows inside the same scroll box.
    scrollPaddingStart: ROW_HEIGHT,
  });
  const selectedIndex = rows.findIndex((f) => f.id === selectedId);
  const items = virtualizer.getVirtualItems();
  const activeInView = selectedIndex >= 0 && items.some((i) => i.index === selectedIndex);

  const moveTo = (index: number) => {
    const target = rows[Math.min(rows.length - 1, Math.max(0, index))];
    if (!target) return;
    onSelect(target.id);
    virtualizer.scrollToIndex(rows.indexOf(target));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys on the sort buttons are theirs
    const from = selectedIndex < 0 ? -1 : selectedIndex;
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveTo(from + 1),
      ArrowUp: () => moveTo(Math.max(0, from - 1)),
      PageDown: () => moveTo(from + PAGE_ROWS),
      PageUp: () => moveTo(from - PAGE_ROWS),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () => setActiveColumn((c) => Math.min(FILESET_COLUMNS.length - 1, c + 1)),
      ArrowLeft: () => setActiveColumn((c) => Math.max(0, c - 1)),
      Enter: onOpen,
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    move();
  };

  return (
    <div
      className="fs-table"
      role="grid"
      aria-label="Filesets"
      aria-rowcount={rows.length + 1}
      aria-colcount={FILESET_COLUMNS.length}
      aria-activedescendant={activeInView ? `fs-cell-${selectedIndex}-${activeColumn}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="fileset-table"
    >
      <div className="fs-table__scroll" ref={scrollRef}>
        <div className="fs-table__head" role="rowgroup">
          <div className="fs-table__row fs-table__row--head" role="row" aria-rowindex={1}>
            {FILESET_COLUMNS.map((column) => {
              const sorted = sort?.column === column ? sort.direction : undefined;
              return (
                <span key={column} role="columnheader" aria-sort={sorted ?? 'none'} className={column === 'files' || column === 'size' ? 'num' : undefined}>
                  <button type="button" className="fs-table__sort" onClick={() => onSort(column)}>
                    {COLUMN_LABELS[column]}
                    <span aria-hidden="true" className="fs-table__arrow">
                      {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                    </span>
                  </button>
                </span>
              );
            })}
          </div>
        </div>
        <div className="fs-table__body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const f = rows[item.index]!;
            const folder = displayFolder(f.root, f.directory, severalRoots);
            const sourceTag = f.format === 'unknown' ? '' : formatSourceTag(f.formatSource);
            const selected = f.id === selectedId;
            // Every cell: its id (the grid's active descendant), its whole text as a tooltip, and the active mark.
            const cellProps = (col: number, title: string, className = '') => ({
              role: 'gridcell' as const,
              id: `fs-cell-${item.index}-${col}`,
              title,
              className: `${className}${selected && col === activeColumn ? ' cell--active' : ''}`.trim() || undefined,
            });
            const why = f.overridden ? whyOverridden(overrides.get(f.id)) : '';
            const destination = destinationLabel(f.destination, f.omicsArchive);
            return (
              <div
                key={f.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-testid="fileset-row"
                data-overridden={f.overridden ? 'true' : undefined}
                className={`fs-table__row${selected ? ' fs-table__row--selected' : ''}${f.overridden ? ' fs-table__row--overridden' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(f.id)}
              >
                <span {...cellProps(0, f.directory === '.' ? f.root : `${f.root}/${f.directory}`, 'cell--path-end')}>
                  <bdi>{folder}</bdi>
                </span>
                <span {...cellProps(1, f.pattern, 'mono')}>
                  {f.pattern}
                </span>
                <span {...cellProps(2, `${formatCount(f.fileCount)} files`, 'num')}>
                  {formatCount(f.fileCount)}
                </span>
                <span {...cellProps(3, formatBytes(f.bytes), 'num')}>
                  {formatBytes(f.bytes)}
                </span>
                <span {...cellProps(4, `${formatLabel(f.format)}${sourceTag ? ` (${sourceTag})` : ''}`)}>
                  {formatLabel(f.format)}
                  {sourceTag && <span className="tag tag--source">{sourceTag}</span>}
                </span>
                <span
                  {...cellProps(5, `${modalityLabel(f.modality)} — ${f.overridden?.modality ? 'set by you' : `confidence ${f.confidence.toFixed(2)}`}`, f.confidence < REVIEW_BELOW && !f.overridden?.modality ? 'muted' : '')}
                >
                  {modalityLabel(f.modality)}
                </span>
                <span {...cellProps(6, why ? `${destination} — ${why}` : destination)}>
                  <DestinationBadge destination={f.destination} omicsArchive={f.omicsArchive} />
                  {f.overridden && (
                    <span className="tag tag--override" data-testid="overridden-mark">
                      set by you
                    </span>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
