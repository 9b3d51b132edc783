import { useEffect } from 'react';
import type { DepositApi } from '../../../shared/ipc/api';
import type { ScanReportView } from '../../../shared/model/scan-report';
import type { Bundle } from '../../../shared/model/bundle';
import type { MetadataProblem } from '../../../shared/deposit/metadata-problem';
import { DESTINATION_LABELS } from '../../../shared/model/destination';
import { buildBundles, useMetadataStore, validateMetadata } from '../store/metadata-store';
import { useDraftStore } from '../store/draft-store';
import { BundleChecklist } from '../components/BundleChecklist';
import { MetadataForm } from '../components/MetadataForm';
import { fieldId, fieldLabel } from '../components/MetadataFields';
import '../styles/prepare.css';

/** Wait after the last keystroke before asking main to check the document and rebuild the checklists. */
export const PREPARE_CHECK_DELAY_MS = 300;

const FOCUSABLE = 'input, select, textarea, button';

/**
 * Moves focus to the input of a problem's field: the input itself, the first of its choices (`licence` →
 * its first radio button), or for a whole list (`authors`) the first control of its section.
 */
function focusField(field: string): void {
  const id = fieldId(field);
  const el = document.getElementById(id) ?? document.querySelector(`[id^="${id}-"]`);
  if (!el) return;
  const target = el.matches(FOCUSABLE) ? el : el.closest('section, fieldset')?.querySelector(FOCUSABLE);
  if (!(target instanceof HTMLElement)) return;
  target.scrollIntoView({ block: 'center' });
  target.focus();
}

/** One problem in the summary: the field by the form's name, a button to its input, and what is wrong. */
function SummaryProblem({ problem }: { readonly problem: MetadataProblem }) {
  return (
    <li>
      <button type="button" className="prepare__link" onClick={() => focusField(problem.field)}>
        {fieldLabel(problem.field)}
      </button>
      : {problem.message}
    </li>
  );
}

/** Per archive the study goes to: the metadata errors that block it, named in one line and listed in full on demand. */
function MissingSummary({ bundles, problems }: { readonly bundles: readonly Bundle[]; readonly problems: readonly MetadataProblem[] }) {
  const archives = bundles.map((b) => b.archive).filter((a) => a !== 'NONE');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <section className="missing" aria-labelledby="missing-title">
      <h3 id="missing-title">What is missing for {archives.map((a) => DESTINATION_LABELS[a]).join(' / ') || 'the archives'}</h3>
      {archives.map((a) => {
        const blocking = problems.filter((p) => p.severity === 'error' && p.blocks.includes(a));
        const fields = [...new Set(blocking.map((p) => fieldLabel(p.field)))];
        if (blocking.length === 0) {
          return (
            <p key={a} className="missing__archive missing__archive--done" data-testid={`missing-${a}`}>
              <strong>{DESTINATION_LABELS[a]}:</strong> nothing in the metadata.
            </p>
          );
        }
        return (
          <details key={a} className="missing__archive" data-testid={`missing-${a}`}>
            <summary>
              <strong>
                {DESTINATION_LABELS[a]}: {blocking.length} {blocking.length === 1 ? 'problem' : 'problems'}
              </strong>{' '}
              — {fields.join(', ')}
            </summary>
            <ul>
              {blocking.map((p) => (
                <SummaryProblem key={`${p.field}-${p.message}`} problem={p} />
              ))}
            </ul>
          </details>
        );
      })}
      {warnings.length > 0 && (
        <details className="missing__archive">
          <summary>
            {warnings.length} {warnings.length === 1 ? 'warning' : 'warnings'} (nothing blocked) — {[...new Set(warnings.map((p) => fieldLabel(p.field)))].join(', ')}
          </summary>
          <ul>
            {warnings.map((p) => (
              <SummaryProblem key={`${p.field}-${p.message}`} problem={p} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The draft's state in words, announced politely: saved, saving, or why it was not. */
function DraftStatus() {
  const { save, savedAt, saveMessage, restoredFrom } = useDraftStore();
  const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <p className={`prepare__draft${save === 'failed' ? ' error' : ' muted'}`} role="status" data-testid="draft-status">
      {save === 'failed' && saveMessage}
      {(save === 'saving' || save === 'pending') && 'Saving the draft…'}
      {save === 'saved' && savedAt && `Draft saved at ${time(savedAt)}.`}
      {save === 'idle' && 'Your entries are saved as a draft as you type.'}
      {restoredFrom && save !== 'failed' && ` Restored from the draft of ${new Date(restoredFrom).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}.`}
    </p>
  );
}

/** The Prepare page: per-archive checklists with readiness, and the study-metadata form that says what each archive still needs. */
export function PreparePage({ api, report }: { readonly api: DepositApi; readonly report: ScanReportView }) {
  const revision = useMetadataStore((s) => s.revision);
  const problems = useMetadataStore((s) => s.problems);
  const built = useMetadataStore((s) => (s.bundlesScanId === report.scanId ? s.bundles : null));
  const stale = useMetadataStore((s) => s.bundlesStale);
  const error = useMetadataStore((s) => s.error);
  const bundles = built ?? report.bundles;

  // Checked and rebuilt as the user types, a moment after the last keystroke; a re-routed report rebuilds too.
  useEffect(() => {
    const timer = setTimeout(() => {
      void validateMetadata(api, report.scanId);
      void buildBundles(api, report.scanId);
    }, PREPARE_CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, report, revision]);

  return (
    <section className="page prepare" aria-labelledby="page-title">
      <header className="prepare__head">
        <h2 id="page-title">Prepare</h2>
        <DraftStatus />
      </header>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      <div className="prepare__body">
        <div className="prepare__form-col">
          <MissingSummary bundles={bundles} problems={problems} />
          <MetadataForm />
        </div>
        <aside className="prepare__checklists" aria-label="Checklists">
          {stale && (
            <p className="banner banner--warning" role="status">
              The checklists show the last complete version of the form: fix the fields marked in the form to update them.
            </p>
          )}
          {bundles.map((b) => (
            <BundleChecklist key={b.archive} bundle={b} />
          ))}
        </aside>
      </div>
    </section>
  );
}
