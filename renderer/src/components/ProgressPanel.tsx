import { useState } from 'react';
import type { ScanProgress } from '../../../shared/ipc/contract';
import { describeRemaining, estimateRemainingMs, type ReadingAnchor } from '../../../shared/scan/progress-estimate';
import { formatBytes, formatCount, formatDuration } from '../../../shared/text/units';
import type { StudyChange } from '../store/scan-store';

/** Props of the progress panel. */
export interface ProgressPanelProps {
  readonly roots: readonly string[];
  readonly progress: ScanProgress | null;
  /** Where the reading rate is measured from; the estimate is shown only from it on. */
  readonly readingAnchor: ReadingAnchor | null;
  /** A new study, or folders added to / removed from the one on screen. */
  readonly change: StudyChange;
  readonly onCancel: () => void;
}

/**
 * How often progress is spoken to a screen reader: each phase change at once, and otherwise a summary this
 * often — the numbers change ten times a second, and reading each of them out would drown everything else.
 */
export const ANNOUNCE_EVERY_MS = 15_000;

function phaseText(progress: ScanProgress | null): string {
  switch (progress?.phase) {
    case undefined:
      return 'Starting…';
    case 'walking':
      return 'Listing folders…';
    case 'grouping':
      return 'Grouping files into filesets…';
    case 'reading':
      return `Reading file headers… ${formatCount(progress.headersRead)} of ${formatCount(progress.headersTotal)}`;
  }
}

function title(roots: readonly string[], change: StudyChange): string {
  switch (change.kind) {
    case 'new':
      return `Scanning ${roots.length === 1 ? roots[0] : `${roots.length} folders`}`;
    case 'add':
      return `Adding ${change.paths.length === 1 ? change.paths[0] : `${change.paths.length} folders`} to the study`;
    case 'remove':
      return `Removing ${change.path} from the study`;
    case 'rescan':
      return `Scanning the study again`;
  }
}

/** The sentence a screen reader hears: phase, what was seen so far, and the estimate when there is one. */
function announcement(progress: ScanProgress | null, remaining: string | null): string {
  if (!progress) return 'Scan starting.';
  const seen = `${formatCount(progress.files)} files, ${formatBytes(progress.bytes)} so far`;
  return `${phaseText(progress)} ${seen}.${remaining ? ` About ${remaining.replace(/^about /, '')} left.` : ''}`;
}

/** Live progress of a scan: files and bytes seen, rate, elapsed and remaining time, the folder being read, and Cancel. */
export function ProgressPanel({ roots, progress, readingAnchor, change, onCancel }: ProgressPanelProps) {
  const reading = progress?.phase === 'reading';
  const phase = phaseText(progress);
  const share = reading && progress.headersTotal > 0 ? progress.headersRead / progress.headersTotal : null;
  const remainingMs = progress ? estimateRemainingMs(readingAnchor, progress) : null;
  const remaining = remainingMs === null ? null : describeRemaining(remainingMs);

  // Spoken progress changes with the phase and every ANNOUNCE_EVERY_MS, not with every tick (state adjusted
  // during render, React's pattern for state derived from changing props).
  const bucket = `${progress?.phase ?? 'start'}:${Math.floor((progress?.elapsedMs ?? 0) / ANNOUNCE_EVERY_MS)}`;
  const [spoken, setSpoken] = useState({ bucket: '', text: '' });
  if (spoken.bucket !== bucket) setSpoken({ bucket, text: announcement(progress, remaining) });

  const heading = title(roots, change);
  return (
    <section className="progress" aria-labelledby="progress-title" data-testid="progress">
      <header className="progress__header">
        <h2 id="progress-title" title={heading}>
          {heading}
        </h2>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </header>
      <div
        className="progress__bar"
        role="progressbar"
        aria-label={share === null ? 'Scan progress' : 'File headers read'}
        aria-valuetext={share === null ? phase : `${Math.round(share * 100)}%`}
        {...(share !== null ? { 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(share * 100) } : {})}
      >
        {share === null ? <div className="progress__bar-fill" /> : <div className="progress__bar-determinate" style={{ width: `${Math.round(share * 100)}%` }} />}
      </div>
      <p className="progress__phase" data-testid="progress-phase">
        {phase}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="progress-announcement">
        {spoken.text}
      </p>
      <dl className="progress__stats">
        <div>
          <dt>Files seen</dt>
          <dd data-testid="progress-files">{formatCount(progress?.files ?? 0)}</dd>
        </div>
        <div>
          <dt>Data seen</dt>
          <dd data-testid="progress-bytes">{formatBytes(progress?.bytes ?? 0)}</dd>
        </div>
        <div>
          <dt>Folders</dt>
          <dd data-testid="progress-folders">{formatCount(progress?.directories ?? 0)}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd data-testid="progress-rate">
            {formatCount(progress?.filesPerSecond ?? 0)} files/s · {formatBytes(progress?.bytesPerSecond ?? 0)}/s
          </dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd data-testid="progress-elapsed">{formatDuration(progress?.elapsedMs ?? 0)}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd data-testid="progress-remaining" title={remaining === null ? 'Estimated once file headers are being read: until then the number of files is not known.' : undefined}>
            {remaining ?? <span className="muted">not known yet</span>}
          </dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd data-testid="progress-errors">{formatCount(progress?.errors ?? 0)}</dd>
        </div>
      </dl>
      <p className="progress__current">
        <span className="muted">Current folder:</span>
        {/* Ellipsis at the start of a long path, whose end is the telling part; the path itself stays left-to-right. */}
        <span className="progress__current-path" title={progress?.currentDirectory ?? ''}>
          <bdi dir="ltr" data-testid="progress-current">
            {progress?.currentDirectory ?? '—'}
          </bdi>
        </span>
      </p>
    </section>
  );
}
