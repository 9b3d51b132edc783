import type { Issue } from '../../../shared/model/issue';
import { formatCount } from '../../../shared/text/units';

/** Props of the issues panel. */
export interface IssuesPanelProps {
  readonly issues: readonly Issue[];
  readonly omitted: number;
}

/** Problems found per path during the scan — the scan went on past each of them. */
export function IssuesPanel({ issues, omitted }: IssuesPanelProps) {
  if (issues.length === 0) return null;
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <details className="issues" open={errors > 0} data-testid="issues">
      <summary>
        {formatCount(issues.length + omitted)} notes and problems
        {errors > 0 && <span className="badge badge--none"> {formatCount(errors)} errors</span>}
      </summary>
      <ul>
        {issues.map((i, n) => (
          <li key={n} className={`issue issue--${i.severity}`}>
            <span className="tag">{i.severity}</span> <span className="mono">{i.code}</span>{' '}
            {i.path && <span className="mono issue__path">{i.path}</span>} {i.message}
          </li>
        ))}
      </ul>
      {omitted > 0 && <p className="muted">… and {formatCount(omitted)} more; the CLI&apos;s --json report lists them all.</p>}
    </details>
  );
}
