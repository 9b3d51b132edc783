import { useState, type DragEvent } from 'react';

/** Props of the drop zone. */
export interface DropZoneProps {
  readonly onFolders: (files: FileList) => void;
  readonly onOpen: () => void;
  readonly onDemo: () => void;
  readonly compact?: boolean;
}

/** The big target a researcher drops dataset folders on, with the two other ways in: the folder picker and the demo study. */
export function DropZone({ onFolders, onOpen, onDemo, compact = false }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation(); // the window's own drop handler must not start the same scan again
    setOver(false);
    if (e.dataTransfer.files.length > 0) onFolders(e.dataTransfer.files);
  };
  return (
    <section
      className={`drop-zone${over ? ' drop-zone--over' : ''}${compact ? ' drop-zone--compact' : ''}`}
      data-testid="drop-zone"
      aria-label="Drop dataset folders here"
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="drop-zone__icon" aria-hidden="true">
        ⇩
      </div>
      <h2 className="drop-zone__title">Drop dataset folders here</h2>
      {!compact && (
        <p className="drop-zone__hint">
          Every file is inventoried, grouped into filesets and matched against EMBL-EBI&apos;s image-archiving policy. Files are
          only read — never changed, moved or uploaded.
        </p>
      )}
      <div className="drop-zone__actions">
        <button type="button" className="button button--primary" onClick={onOpen}>
          Open folders…
        </button>
        <button type="button" className="button" onClick={onDemo}>
          Try the demo study
        </button>
      </div>
    </section>
  );
}
