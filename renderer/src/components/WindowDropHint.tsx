import { useEffect, useState } from 'react';
import '../styles/window-drop-hint.css';

/** Props of the drop hint. */
export interface WindowDropHintProps {
  /** What dropping does, e.g. "Drop to add these folders to the study". */
  readonly text: string;
}

/**
 * While files are dragged over the window, a banner says what dropping them will do (once a study is open
 * there is no drop zone to aim at: the whole window is one). It never takes the drop itself.
 */
export function WindowDropHint({ text }: WindowDropHintProps) {
  const [over, setOver] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every element crossed; a count tells when the drag has left the window.
    let depth = 0;
    const isFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!isFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const end = () => {
      depth = 0;
      setOver(false);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', end);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', end);
      window.removeEventListener('dragend', end);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="window-drop-hint" data-testid="window-drop-hint" aria-hidden="true">
      <p className="window-drop-hint__text">{text}</p>
    </div>
  );
}
