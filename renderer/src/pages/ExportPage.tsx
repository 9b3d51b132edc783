import { useEffect, useMemo, useRef, useState } from 'react';
import type { DepositApi } from '../../../shared/ipc/api';
import type { ScanReportView } from '../../../shared/model/scan-report';
import type { Bundle } from '../../../shared/model/bundle';
import type { MetadataProblem } from '../../../shared/deposit/metadata-problem';
import type { ExportSummary } from '../../../shared/export/export-result';
import { CHECKSUM_ALGORITHMS } from '../../../shared/export/checksum-algorithm';
import { DESTINATION_LABELS } from '../../../shared/model/destination';
import { bundleFolder } from '../../../shared/export/bundle-folder';
import { formatBytes, formatCount } from '../../../shared/text/units';
import { setMetadata, useMetadataStore, validateMetadata } from '../store/metadata-store';
import { engineMetadata } from '../store/engine-metadata';
import { cancelExport, revealExport, setChecksum, startExport, useExportStore } from '../store/export-store';
import { PatientDataBanner } from '../components/PatientDataBanner';
import { ExportProgressPanel } from '../components/ExportProgressPanel';
import '../styles/export.css';

/** Metadata edits pause this long before main rebuilds the bundle summary. */
const REBUILD_AFTER_MS = 150;

/** Checksum algorithms as the page names them. */
const CHECKSUM_LABELS: Readonly<Record<(typeof CHECKSUM_ALGORITHMS)[number], string>> = { md5: 'MD5 (what the archives check)', sha256: 'SHA-256' };

function bundleLabel(archive: Bundle['archive']): string {
  return archive === 'NONE' ? 'Not depositable (left out)' : DESTINATION_LABELS[archive];
}

/** What will be exported, bundle by bundle, before anything is written: files, size and checklist readiness. */
function BundleSummary({ bundles }: { readonly bundles: readonly Bundle[] }) {
  return (
    <table className="export__bundles" aria-label="Bundles to export" data-testid="export-bundles">
      <thead>
        <tr>
          <th scope="col">Bundle</th>
          <th scope="col">Folder</th>
          <th scope="col" className="num">
            Filesets
          </th>
          <th scope="col" className="num">
            Files
          </th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">Readiness</th>
        </tr>
      </thead>
      <tbody>
        {bundles.map((b) => {
          const blocking = b.checklist.filter((c) => c.blocking && !c.done).length;
          return (
            <tr key={b.archive}>
              <th scope="row">{bundleLabel(b.archive)}</th>
              <td className="mono">{bundleFolder(b.archive)}/</td>
              <td className="num">{formatCount(b.filesetIds.length)}</td>
              <td className="num">{formatCount(b.fileCount)}</td>
              <td className="num">{formatBytes(b.bytes)}</td>
              <td>
                {b.archive === 'NONE'
                  ? 'Counted only: no file list, no checksums'
                  : `${b.readiness.done} of ${b.readiness.total} done; ${b.readiness.ready ? 'ready' : `${blocking} blocking — written as a draft`}`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The pre-flight lint of a finished export, bundle by bundle (docs/deposit.md §8.4). */
function PreflightFindings({ summary }: { readonly summary: ExportSummary }) {
  const bundles = summary.bundles.filter((b) => b.archive !== 'NONE');
  return (
    <section className="export__preflight" aria-labelledby="preflight-title" data-testid="export-preflight">
      <h4 id="preflight-title">Pre-flight check</h4>
      {bundles.map((b) => {
        const problems = b.preflight.filter((f) => f.severity !== 'info');
        return (
          <div key={b.archive} className="export__preflight-bundle">
            <p>
              <strong>{bundleLabel(b.archive)}</strong>: {problems.length === 0 ? 'nothing the archive is known to refuse.' : `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to look at before uploading (${b.folder}/PREFLIGHT.md).`}
            </p>
            {b.preflight.length > 0 && (
              <ul>
                {b.preflight.map((f) => (
                  <li key={f.code} className={`export__finding export__finding--${f.severity}`}>
                    <span className="export__severity">{f.severity}</span> {f.message} <span className="muted">({f.rule}{f.count > 0 ? `; ${formatCount(f.count)} found` : ''})</span>
                    {f.paths.length > 0 && (
                      <ul className="export__paths mono">
                        {f.paths.slice(0, 5).map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                        {f.count > 5 && <li>… and {formatCount(f.count - 5)} more in PREFLIGHT.md</li>}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** A finished export: where, what was written per bundle, the checksums, the pre-flight findings, and Reveal. */
function ExportDone({ summary, onReveal, revealed }: { readonly summary: ExportSummary; readonly onReveal: () => void; readonly revealed: boolean | null }) {
  const c = summary.checksums;
  return (
    <section className="export__done" aria-labelledby="export-done-title" data-testid="export-done">
      <h3 id="export-done-title">Exported{summary.replaced ? ', replacing the earlier export' : ''}</h3>
      <p className="mono export__out">{summary.out}</p>
      <div className="export__actions">
        <button type="button" className="button button--primary" onClick={onReveal}>
          Reveal in file manager
        </button>
        {revealed === false && <span className="error">There is no export folder to show.</span>}
      </div>
      <ul className="export__written">
        {summary.bundles.map((b) => (
          <li key={b.archive}>
            <strong className="mono">{b.folder}/</strong> — {formatCount(b.files.length)} files
            {b.manifests.length > 0 && `, ${b.manifests.length} checksum ${b.manifests.length === 1 ? 'manifest' : 'manifests'}`}
            {b.archive !== 'NONE' && `; readiness ${b.readiness.done} of ${b.readiness.total}${b.readiness.ready ? '' : ' (drafts: see MISSING.md)'}`}
          </li>
        ))}
        <li>
          At the top: <span className="mono">{summary.studyFiles.join(', ')}</span>
        </li>
      </ul>
      <p className="muted">
        {c.algorithms.length === 0
          ? 'No checksums were asked for.'
          : `${formatCount(c.files)} files (${formatBytes(c.bytes)}) checksummed with ${c.algorithms.join(' and ')}: ${formatCount(c.hashed)} read now, ${formatCount(c.reused)} reused from an interrupted run${c.failed > 0 ? `, ${formatCount(c.failed)} unreadable` : ''}.`}
      </p>
      <PreflightFindings summary={summary} />
    </section>
  );
}

/** The sentence a screen reader hears when the export's state changes. */
function outcomeSentence(phase: string, out: string | null, refusal: string | null, error: string | null): string {
  switch (phase) {
    case 'running':
      return `Exporting${out ? ` to ${out}` : ''}.`;
    case 'done':
      return `Export done${out ? `: ${out}` : ''}.`;
    case 'cancelled':
      return 'Export cancelled.';
    case 'no-folder':
      return 'No folder was chosen; nothing was written.';
    case 'refused':
      return `Not exported: ${refusal ?? ''}`;
    case 'failed':
      return `The export failed: ${error ?? ''}`;
    default:
      return '';
  }
}

/**
 * The Export page: what will be written (bundles, readiness) and the study metadata used, the checksum choice,
 * Export (main asks for the folder), live progress with Cancel, the outcome — refused with the reason and a way
 * on, failed, or done with the pre-flight findings — and Reveal in file manager. Patient-associated data gets a
 * banner that must be acknowledged: it is never exported.
 */
export function ExportPage({ api, report }: { readonly api: DepositApi; readonly report: ScanReportView }) {
  const metadataInput = useMetadataStore((s) => s.metadata);
  const problems = useMetadataStore((s) => (s.validatedRevision === s.revision ? s.problems : null));
  const { metadata, complete } = useMemo(() => engineMetadata(metadataInput), [metadataInput]);
  const ex = useExportStore();
  const mine = ex.scanId === report.scanId;
  const phase = mine ? ex.phase : 'idle';
  const [bundles, setBundles] = useState<readonly Bundle[] | null>(null);
  const [bundleError, setBundleError] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [loaded, setLoaded] = useState<{ readonly file: string; readonly problems: readonly MetadataProblem[] | null } | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.bundles.build(report.scanId, metadata).then(
        (r) => {
          if (!live) return;
          setBundles(r.bundles);
          setBundleError(null);
        },
        (err: unknown) => {
          if (live) setBundleError(err instanceof Error ? err.message : String(err));
        },
      );
      void validateMetadata(api, report.scanId);
    }, REBUILD_AFTER_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, report.scanId, metadata]);

  const loadMetadata = async () => {
    const r = await api.metadataFile.open();
    if (r.status === 'cancelled') return;
    if (r.status === 'invalid') {
      setLoaded({ file: r.file, problems: r.problems });
      return;
    }
    setMetadata(r.metadata);
    setLoaded({ file: r.file, problems: null });
  };

  const patient = report.study.patientData;
  const busy = phase === 'starting' || phase === 'running';
  const blockedByPatient = patient && !acknowledged;
  const errors = problems?.filter((p) => p.severity === 'error') ?? [];
  const start = (replace: boolean) => void startExport(api, report.scanId, metadata, replace);

  // The outcome (progress, then done, refused or failed) is below the form: bring it into view as it changes,
  // and move focus to it when the export ends, so keyboard and screen-reader users land on what happened.
  const outcomeRef = useRef<HTMLDivElement>(null);
  const progressPhase = ex.progress?.phase;
  const bundlesShown = bundles !== null;
  useEffect(() => {
    const el = outcomeRef.current;
    if (!el || phase === 'idle' || phase === 'starting') return;
    // Running: the whole progress panel at the bottom of the view; ended: the outcome from its top.
    el.scrollIntoView({ block: phase === 'running' ? 'end' : 'start' });
    if (phase !== 'running') el.focus({ preventScroll: true });
    // Again when the bundle table above it appears or the export changes phase: both move it down.
  }, [phase, progressPhase, bundlesShown]);

  return (
    <section className="export" aria-labelledby="page-title">
      <div className="export__head">
        <h2 id="page-title">Export</h2>
        <p className="export__intro">
          One folder per archive with its files, checklists and checksum manifests, beside your data — never inside it. No data file is copied, moved or changed.
        </p>
      </div>

      {patient && <PatientDataBanner filesets={report.filesets} acknowledged={acknowledged} onAcknowledge={setAcknowledged} />}

      <section className="export__panel" aria-labelledby="export-metadata-title">
        <h3 id="export-metadata-title">Study metadata</h3>
        <p data-testid="export-metadata">
          {metadata.title ? <>“{metadata.title}”. </> : 'No title yet. '}
          {problems === null ? 'Checking…' : errors.length === 0 ? 'Nothing the archives need is missing.' : `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} left (see Prepare): the bundles they block are written as drafts that list them.`}
          {!complete && ' Part of the metadata does not fit the schema yet, so only the accessions and facility are used.'}
        </p>
        <div className="export__actions">
          <button type="button" className="button" onClick={() => void loadMetadata()} disabled={busy}>
            Load metadata file…
          </button>
          {loaded && loaded.problems === null && (
            <span role="status">
              Loaded <span className="mono">{loaded.file}</span>.
            </span>
          )}
        </div>
        {loaded && loaded.problems !== null && (
          <div className="banner banner--error" role="alert">
            <span className="mono">{loaded.file}</span> cannot be used:
            <ul>
              {loaded.problems.map((p, i) => (
                <li key={i}>
                  {p.field === '(document)' ? '' : `${p.field}: `}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section className="export__panel" aria-labelledby="export-bundles-title">
        <h3 id="export-bundles-title">What will be written</h3>
        {bundleError && (
          <p className="banner banner--error" role="alert">
            The bundles could not be planned: {bundleError}
          </p>
        )}
        {bundles ? <BundleSummary bundles={bundles} /> : !bundleError && <p className="muted">Planning the bundles…</p>}
        <p className="muted export__note">
          The pre-flight check (names the archives refuse, empty files, duplicates, sizes) runs while the files are checksummed; its findings are shown here when the export is done, and written to each bundle’s PREFLIGHT.md.
        </p>
        <fieldset className="export__checksums" disabled={busy}>
          <legend>Checksum manifests</legend>
          {CHECKSUM_ALGORITHMS.map((a) => (
            <label key={a}>
              <input type="checkbox" checked={ex.checksums.includes(a)} onChange={(e) => setChecksum(a, e.target.checked)} /> {CHECKSUM_LABELS[a]}
            </label>
          ))}
          {ex.checksums.length === 0 && <span className="muted">No manifests: the archives cannot check the uploads.</span>}
        </fieldset>
        <div className="export__actions">
          <button type="button" className="button button--primary" disabled={busy || blockedByPatient} aria-describedby={blockedByPatient ? 'patient-title' : undefined} onClick={() => start(false)}>
            Export…
          </button>
          {blockedByPatient && <span className="muted">Confirm the patient-data notice above to export.</span>}
        </div>
      </section>

      <div ref={outcomeRef} className="export__outcome" tabIndex={-1} role="region" aria-label="Export outcome" data-testid="export-outcome">
        {busy && <ExportProgressPanel out={ex.out} progress={ex.progress} onCancel={() => void cancelExport(api)} />}
        {phase === 'no-folder' && <p className="banner">No folder was chosen; nothing was written.</p>}
        {phase === 'cancelled' && (
          <p className="banner">
            Export cancelled; nothing was left at the chosen folder.{' '}
            {ex.resumable ? 'The checksums finished so far were kept: exporting to the same folder again reuses them.' : ''}
          </p>
        )}
        {phase === 'done' && ex.summary && <ExportDone summary={ex.summary} revealed={ex.revealed} onReveal={() => void revealExport(api)} />}
        {phase === 'refused' && ex.refusal && (
          <div className="banner banner--error export__refused" data-testid="export-refused">
            <p>Not exported: {ex.refusal.message}</p>
            {ex.refusal.reason === 'exists' && (
              <button type="button" className="button" onClick={() => start(true)}>
                Replace the earlier export
              </button>
            )}
          </div>
        )}
        {phase === 'failed' && (
          <p className="banner banner--error" data-testid="export-failed">
            {ex.error} Your study is unchanged; correct the cause and export again.
          </p>
        )}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {outcomeSentence(phase, ex.out, ex.refusal?.message ?? null, ex.error)}
      </p>
    </section>
  );
}
