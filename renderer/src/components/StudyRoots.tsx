import type { ScanReportView } from '../../../shared/model/scan-report';
import { summarizeRoots } from '../../../shared/model/root-summary';
import { formatBytes, formatCount } from '../../../shared/text/units';
import '../styles/study-roots.css';

/** Props of the study's folder list. */
export interface StudyRootsProps {
  readonly report: ScanReportView;
  /** What became of the last change to the study that did not finish, if anything. */
  readonly notice: string | null;
  readonly onAdd: () => void;
  readonly onRemove: (root: string) => void;
  readonly onRescan: () => void;
  readonly onDismissNotice: () => void;
}

/**
 * The folders the study is made of: each with what it holds, a way to remove it, and — when it could not be
 * read — what happened and what to do. More folders are added by dropping them on the window or with Add folders….
 */
export function StudyRoots({ report, notice, onAdd, onRemove, onRescan, onDismissNotice }: StudyRootsProps) {
  const roots = summarizeRoots(report.roots, report.filesets, report.issues);
  const several = roots.length > 1;
  return (
    <section className="study-roots" aria-labelledby="study-roots-title" data-testid="study-roots">
      {notice && (
        <div className="banner banner--warning study-roots__notice" role="alert" data-testid="study-notice">
          <span>{notice}</span>
          <button type="button" className="button button--small" onClick={onDismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      <div className="study-roots__bar">
        <h2 id="study-roots-title" className="study-roots__title">
          {several ? `${roots.length} folders in this study` : 'Folder in this study'}
        </h2>
        <ul className="study-roots__list">
          {roots.map((r) => (
            <li key={r.root} className={`study-roots__root${r.unreadable ? ' study-roots__root--error' : ''}`} data-testid="study-root">
              <span className="mono study-roots__path" title={r.root}>
                <bdi dir="ltr">{r.root}</bdi>
              </span>
              <span className="muted study-roots__counts">
                {formatCount(r.files)} files · {formatBytes(r.bytes)}
              </span>
              {several && (
                <button type="button" className="button button--small" aria-label={`Remove ${r.root} from the study`} onClick={() => onRemove(r.root)}>
                  Remove
                </button>
              )}
              {r.unreadable && (
                <p className="study-roots__problem" data-testid="study-root-problem">
                  {r.unreadable.message} None of its files are in the study. Check that your account may open it (ask its owner or your IT
                  for read access), then choose Scan again.
                </p>
              )}
              {!r.unreadable && r.errorsInside > 0 && (
                <p className="study-roots__problem" data-testid="study-root-problem">
                  {formatCount(r.errorsInside)} {r.errorsInside === 1 ? 'item' : 'items'} inside could not be read; their files are missing from
                  the study. The notes and problems list says which. Fix access, then choose Scan again.
                </p>
              )}
            </li>
          ))}
        </ul>
        <div className="study-roots__actions">
          <span className="study-roots__hint muted">Drop more folders anywhere to add them</span>
          <button type="button" className="button button--small" onClick={onAdd}>
            Add folders…
          </button>
          <button type="button" className="button button--small" onClick={onRescan}>
            Scan again
          </button>
        </div>
      </div>
    </section>
  );
}
