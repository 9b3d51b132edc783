import type { ScanProgress } from '../../../shared/ipc/contract';
import { formatBytes, formatCount, formatDuration } from '../../../shared/text/units';

/** Props of the progress panel. */
export interface ProgressPanelProps {
  readonly roots: readonly string[];
  readonly progress: ScanProgress | null;
  readonly onCancel: () => void;
}

/** Live progress of a scan: files and bytes seen, rates, the folder being read, and Cancel. */
export function ProgressPanel({ roots, progress, onCancel }: ProgressPanelProps) {
  const reading = progress?.phase === 'reading';
  const phase =
    progress?.phase === 'grouping'
      ? 'Grouping files into filesets…'
      : reading
        ? `Reading file headers… ${formatCount(progress.headersRead)} of ${formatCount(progress.headersTotal)}`
        : 'Reading folders…';
  const share = reading && progress.headersTotal > 0 ? progress.headersRead / progress.headersTotal : null;
  return (
    <section className="progress" aria-label="Scan progress" data-testid="progress">
      <header className="progress__header">
        <h2>Scanning {roots.length === 1 ? roots[0] : `${roots.length} folders`}</h2>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </header>
      <div
        className="progress__bar"
        role="progressbar"
        aria-label={phase}
        aria-busy="true"
        {...(share !== null ? { 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(share * 100) } : {})}
      >
        {share === null ? <div className="progress__bar-fill" /> : <div className="progress__bar-determinate" style={{ width: `${Math.round(share * 100)}%` }} />}
      </div>
      <p className="progress__phase" data-testid="progress-phase">
        {phase}
      </p>
      <dl className="progress__stats">
        <div>
          <dt>Files</dt>
          <dd data-testid="progress-files">{formatCount(progress?.files ?? 0)}</dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd data-testid="progress-bytes">{formatBytes(progress?.bytes ?? 0)}</dd>
        </div>
        <div>
          <dt>Folders</dt>
          <dd>{formatCount(progress?.directories ?? 0)}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>
            {formatCount(progress?.filesPerSecond ?? 0)} files/s · {formatBytes(progress?.bytesPerSecond ?? 0)}/s
          </dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(progress?.elapsedMs ?? 0)}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd>{formatCount(progress?.errors ?? 0)}</dd>
        </div>
      </dl>
      <p className="progress__current" title={progress?.currentDirectory ?? ''}>
        <span className="muted">Current folder: </span>
        <span data-testid="progress-current">{progress?.currentDirectory ?? '—'}</span>
      </p>
    </section>
  );
}
