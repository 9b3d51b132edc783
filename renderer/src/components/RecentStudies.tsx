import { useEffect } from 'react';
import type { DepositApi } from '../../../shared/ipc/api';
import type { DraftSummary } from '../../../shared/drafts/draft';
import { dismissDraftNotice, forgetStudy, loadRecent, reopenStudy, useDraftStore } from '../store/draft-store';
import '../styles/prepare.css';

/** The last folder name of a path, for a study without a title. */
function folderName(p: string): string {
  const parts = p.split(/[\\/]+/).filter((x) => x !== '');
  return parts[parts.length - 1] ?? p;
}

/** How a study is named in the list: its title, or its folders' names. */
function studyName(d: DraftSummary): string {
  return d.title ?? d.roots.map(folderName).join(' + ');
}

/** When a draft was last used, in the user's locale. */
function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The start screen's list of studies with a draft: reopening one scans its folders again and brings back its metadata. */
export function RecentStudies({ api }: { readonly api: DepositApi }) {
  const recent = useDraftStore((s) => s.recent);
  const notices = useDraftStore((s) => s.notices);
  useEffect(() => {
    void loadRecent(api);
  }, [api]);
  if (recent.length === 0 && notices.length === 0) return null;
  return (
    <section className="recent" aria-labelledby="recent-title">
      <h2 id="recent-title" className="recent__title">
        Recent studies
      </h2>
      {notices.map((n) => (
        <div key={n} className="banner banner--warning recent__notice" role="alert">
          <span>{n}</span>
          <button type="button" className="button button--small" onClick={() => dismissDraftNotice(n)}>
            Dismiss
          </button>
        </div>
      ))}
      {recent.length > 0 && (
        <ul className="recent__list">
          {recent.map((d) => (
            <li key={d.key} className="recent__item">
              <button type="button" className="recent__open" onClick={() => void reopenStudy(api, d.key)} aria-describedby={`recent-${d.key}-roots`}>
                <span className="recent__name">{studyName(d)}</span>
                <span className="recent__when muted">Last opened {when(d.lastUsedAt)}</span>
              </button>
              <span id={`recent-${d.key}-roots`} className="recent__roots muted mono" title={d.roots.join('\n')}>
                {d.roots.join(' · ')}
              </span>
              <button type="button" className="button button--small recent__forget" aria-label={`Forget ${studyName(d)}`} onClick={() => void forgetStudy(api, d.key)}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
