import { useState } from 'react';
import type { ExportProgress } from '../../../shared/export/export-result';
import { formatBytes, formatCount, formatDuration } from '../../../shared/text/units';

/** Progress is spoken at each phase change and otherwise this often: the numbers change ten times a second. */
const ANNOUNCE_EVERY_MS = 15_000;

function phaseText(p: ExportProgress | null): string {
  switch (p?.phase) {
    case undefined:
      return 'Starting the export…';
    case 'rendering':
      return 'Writing the bundle files…';
    case 'checksums':
      return 'Computing checksums of the data files…';
    case 'finishing':
      return 'Writing the manifests and moving the export into place…';
  }
}

/** A running export: phase, files and bytes checksummed of all, the rate, the elapsed time, and Cancel. */
export function ExportProgressPanel({ out, progress, onCancel }: { readonly out: string | null; readonly progress: ExportProgress | null; readonly onCancel: () => void }) {
  const share = progress && progress.bytesTotal > 0 ? Math.min(1, progress.bytesDone / progress.bytesTotal) : null;
  const bucket = `${progress?.phase ?? 'start'}:${Math.floor((progress?.elapsedMs ?? 0) / ANNOUNCE_EVERY_MS)}`;
  const [spoken, setSpoken] = useState({ bucket: '', text: '' });
  if (spoken.bucket !== bucket) {
    const seen = progress ? ` ${formatCount(progress.filesDone)} of ${formatCount(progress.filesTotal)} files checksummed.` : '';
    setSpoken({ bucket, text: `${phaseText(progress)}${seen}` });
  }
  return (
    <section className="progress export__progress" aria-labelledby="export-progress-title" data-testid="export-progress">
      <header className="progress__header">
        <h3 id="export-progress-title">Exporting{out ? ` to ${out}` : ''}</h3>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </header>
      <p className="progress__phase">{phaseText(progress)}</p>
      <div className="progress__bar" role="progressbar" aria-label="Checksums" aria-valuemin={0} aria-valuemax={100} aria-valuenow={share === null ? undefined : Math.round(share * 100)}>
        {share === null ? <div className="progress__bar-fill" /> : <div className="progress__bar-determinate" style={{ width: `${share * 100}%` }} />}
      </div>
      <dl className="progress__stats">
        <div>
          <dt>Files</dt>
          <dd data-testid="export-files">
            {formatCount(progress?.filesDone ?? 0)} of {formatCount(progress?.filesTotal ?? 0)}
          </dd>
        </div>
        <div>
          <dt>Bytes</dt>
          <dd data-testid="export-bytes">
            {formatBytes(progress?.bytesDone ?? 0)} of {formatBytes(progress?.bytesTotal ?? 0)}
          </dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd data-testid="export-rate">{formatBytes(progress?.bytesPerSecond ?? 0)}/s</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(progress?.elapsedMs ?? 0)}</dd>
        </div>
        {(progress?.reused ?? 0) > 0 && (
          <div>
            <dt>Reused</dt>
            <dd>{formatCount(progress?.reused ?? 0)}</dd>
          </div>
        )}
      </dl>
      <p className="visually-hidden" role="status" aria-live="polite">
        {spoken.text}
      </p>
    </section>
  );
}
