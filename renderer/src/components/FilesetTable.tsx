import { useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FilesetView } from '../../../shared/model/fileset';
import { displayFolder, formatSourceTag } from '../../../shared/model/report-selectors';
import { formatLabel } from '../../../shared/formats/format-catalog';
import { formatBytes, formatCount } from '../../../shared/text/units';
import { DestinationBadge } from './DestinationBadge';
import { modalityLabel, REVIEW_BELOW } from '../../../shared/modality/modalities';

/** Height of one table row in pixels; matches `.fs-table__row` in styles.css. */
const ROW_HEIGHT = 36;
/** Rows rendered beyond the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 12;

/** Props of the fileset table. */
export interface FilesetTableProps {
  readonly filesets: readonly FilesetView[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly severalRoots: boolean;
}


/** Every fileset of the scan, one row each, virtualized so a study with thousands of filesets scrolls smoothly. */
export function FilesetTable({ filesets, selectedId, onSelect, severalRoots }: FilesetTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // This build has no React Compiler, so nothing memoizes the virtualizer's functions; it re-renders on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: filesets.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const index = filesets.findIndex((f) => f.id === selectedId);
    const next = Math.min(filesets.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)));
    const target = filesets[next];
    if (target) {
      onSelect(target.id);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <div className="fs-table" role="grid" aria-label="Filesets" aria-rowcount={filesets.length + 1} data-testid="fileset-table">
      <div className="fs-table__row fs-table__row--head" role="row" aria-rowindex={1}>
        <span role="columnheader">Folder</span>
        <span role="columnheader">Name pattern</span>
        <span role="columnheader" className="num">
          Files
        </span>
        <span role="columnheader" className="num">
          Size
        </span>
        <span role="columnheader">Format</span>
        <span role="columnheader">Modality</span>
        <span role="columnheader">Destination</span>
      </div>
      <div className="fs-table__scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const f = filesets[item.index]!;
            const folder = displayFolder(f.root, f.directory, severalRoots);
            const sourceTag = f.format === 'unknown' ? '' : formatSourceTag(f.formatSource);
            return (
              <div
                key={f.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={f.id === selectedId}
                data-testid="fileset-row"
                className={`fs-table__row${f.id === selectedId ? ' fs-table__row--selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(f.id)}
              >
                <span role="gridcell" className="cell--path-end" title={f.directory === '.' ? f.root : `${f.root}/${f.directory}`}>
                  <bdi>{folder}</bdi>
                </span>
                <span role="gridcell" className="mono" title={f.pattern}>
                  {f.pattern}
                </span>
                <span role="gridcell" className="num">
                  {formatCount(f.fileCount)}
                </span>
                <span role="gridcell" className="num">
                  {formatBytes(f.bytes)}
                </span>
                <span role="gridcell">
                  {formatLabel(f.format)}
                  {sourceTag && <span className="tag tag--source">{sourceTag}</span>}
                </span>
                <span role="gridcell" className={f.confidence < REVIEW_BELOW && !f.overridden?.modality ? 'muted' : undefined} title={`confidence ${f.confidence.toFixed(2)}`}>
                  {modalityLabel(f.modality)}
                </span>
                <span role="gridcell">
                  <DestinationBadge destination={f.destination} omicsArchive={f.omicsArchive} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
