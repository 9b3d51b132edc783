import { useEffect, useId, useMemo, useState } from 'react';
import type { DepositApi } from '../../../shared/ipc/api';
import type { ScanReportView } from '../../../shared/model/scan-report';
import type { PolicyClause } from '../../../shared/policy/types';
import { clauseDestinationText, policyPage } from '../../../shared/policy/render';
import { CLAUSE_SOURCE_DOCS } from '../../../shared/policy/render-markdown';
import { useViewStore } from '../store/view-store';
import '../styles/policy.css';

/** Everything a clause says, in one lower-case string, for the search box. */
function searchText(c: PolicyClause): string {
  return [c.id, c.title, c.condition, c.sentence, c.sourceRef, c.sourceText, clauseDestinationText(c), CLAUSE_SOURCE_DOCS[c.source].label].join('\n').toLowerCase();
}

/** The DOM id of a clause's article, which `showClause` scrolls to. */
export function clauseElementId(clauseId: string): string {
  return `clause-${clauseId}`;
}

/** One clause: title, where it sends data, when it applies, what it tells the user, and the source's own words. */
function ClauseArticle({ clause, target, decides }: { readonly clause: PolicyClause; readonly target: boolean; readonly decides: number }) {
  const titleId = `${clauseElementId(clause.id)}-title`;
  return (
    <article id={clauseElementId(clause.id)} className={`policy__clause${target ? ' policy__clause--target' : ''}`} tabIndex={-1} aria-labelledby={titleId} data-clause-id={clause.id}>
      <header className="policy__clause-head">
        <h4 id={titleId}>{clause.title}</h4>
        <span className="policy__dest">→ {clauseDestinationText(clause)}</span>
      </header>
      <p className="policy__id mono">{clause.id}</p>
      <dl className="policy__facts">
        <dt>When</dt>
        <dd>{clause.condition}</dd>
        <dt>Says</dt>
        <dd>{clause.sentence}</dd>
        <dt>Source</dt>
        <dd>
          {clause.sourceRef} — {CLAUSE_SOURCE_DOCS[clause.source].label}
        </dd>
      </dl>
      <blockquote className="policy__quote">{clause.sourceText}</blockquote>
      {decides > 0 && (
        <p className="policy__used">
          Decides {decides} {decides === 1 ? 'fileset' : 'filesets'} of this study.
        </p>
      )}
    </article>
  );
}

/**
 * The Policy page, generated from the rule catalog (shared/policy/render.ts `policyPage`, as the CLI's
 * `policy` and docs/policy.md are): the thresholds in force, then every clause with its source text.
 * Opened from a decision (`showClause`), it scrolls to that clause and focuses it. Searchable.
 */
export function PolicyPage({ report }: { readonly api: DepositApi; readonly report: ScanReportView }) {
  const page = useMemo(() => policyPage(report.study.options), [report.study.options]);
  const clauseId = useViewStore((v) => v.clauseId);
  const [query, setQuery] = useState('');
  const searchId = useId();
  const index = useMemo(() => new Map(page.sections.flatMap((s) => s.clauses).map((c) => [c.id, searchText(c)])), [page]);
  const decides = useMemo(() => {
    const n = new Map<string, number>();
    for (const f of report.filesets) n.set(f.clauseId, (n.get(f.clauseId) ?? 0) + 1);
    return n;
  }, [report.filesets]);

  // A clause asked for from a decision is shown whatever was searched (state adjusted during render, React's
  // pattern for state that follows a changing value), then scrolled to and focused.
  const [shownClause, setShownClause] = useState<string | null>(null);
  if (clauseId !== shownClause) {
    setShownClause(clauseId);
    if (clauseId !== null) setQuery('');
  }
  useEffect(() => {
    if (clauseId === null) return;
    const raf = requestAnimationFrame(() => {
      const el = document.getElementById(clauseElementId(clauseId));
      if (!el) return;
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(raf);
  }, [clauseId]);

  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (c: PolicyClause) => terms.every((t) => index.get(c.id)?.includes(t));
  const total = page.sections.reduce((n, s) => n + s.clauses.length, 0);
  const shown = page.sections.reduce((n, s) => n + s.clauses.filter(matches).length, 0);

  return (
    <section className="policy" aria-labelledby="page-title">
      <div className="policy__head">
        <h2 id="page-title">Policy</h2>
        <p className="policy__intro">
          {page.title}. Catalog {page.version}; the policy itself: <span className="mono">{page.url}</span>. Every decision names one of the clauses below.
        </p>
        <div className="policy__search">
          <label htmlFor={searchId}>Search the policy</label>
          <input id={searchId} type="search" className="policy__search-input" value={query} placeholder="e.g. tomogram, patient, correlative" onChange={(e) => setQuery(e.target.value)} />
          <span role="status" aria-live="polite" className="policy__count">
            {terms.length === 0 ? `${total} clauses` : `${shown} of ${total} clauses match`}
          </span>
        </div>
      </div>

      <section className="policy__section" aria-labelledby="policy-thresholds">
        <h3 id="policy-thresholds">Thresholds</h3>
        <table className="policy__thresholds">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {page.thresholds.map((t) => (
              <tr key={t.name}>
                <th scope="row" className="mono">
                  {t.name}
                </th>
                <td className="num">{t.value}</td>
                <td>{t.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {page.sections.map((s, i) => {
        const clauses = s.clauses.filter(matches);
        return (
          <section key={s.heading} className="policy__section" aria-labelledby={`policy-section-${i}`}>
            <h3 id={`policy-section-${i}`}>
              {s.heading} ({terms.length === 0 ? s.clauses.length : `${clauses.length} of ${s.clauses.length}`})
            </h3>
            {clauses.length === 0 && <p className="muted">No clause here matches the search.</p>}
            {clauses.map((c) => (
              <ClauseArticle key={c.id} clause={c} target={c.id === clauseId} decides={decides.get(c.id) ?? 0} />
            ))}
          </section>
        );
      })}

      <details className="policy__modalities">
        <summary>Modalities decisions name ({page.modalities.length})</summary>
        <ul>
          {page.modalities.map((m) => (
            <li key={m.id}>
              <span className="mono">{m.id}</span> — {m.label}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
