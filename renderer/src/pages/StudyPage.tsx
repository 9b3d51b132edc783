import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { DepositApi } from '../../../shared/ipc/api';
import type { ScanReportView } from '../../../shared/model/scan-report';
import type { FilesetView } from '../../../shared/model/fileset';
import { modalityLabel, type Modality } from '../../../shared/modality/modalities';
import {
  destinationCards,
  destinationKeyLabel,
  displayFolder,
  filterFilesets,
  NO_FILTER,
  overridesByFileset,
  overrideTargetOf,
  parseDestinationKey,
  sortFilesets,
  summarizeByModality,
  type DestinationCard,
  type DestinationKey,
  type FilesetColumn,
  type FilesetFilter,
  type FilesetSort,
} from '../../../shared/model/report-selectors';
import { selectFileset, useScanStore } from '../store/scan-store';
import { showClause } from '../store/view-store';
import { correct, redoCorrection, resetCorrections, undoCorrection, useCorrectionStore } from '../store/correction-store';
import { ReportSummary } from '../components/ReportSummary';
import { DestinationCards } from '../components/DestinationCards';
import { StudyChart } from '../components/StudyChart';
import { TomogramSettings } from '../components/TomogramSettings';
import { ReviewQueue } from '../components/ReviewQueue';
import { FilesetFilters } from '../components/FilesetFilters';
import { FilesetTable } from '../components/FilesetTable';
import { FilesetDetails } from '../components/FilesetDetails';
import { CorrectionPanel } from '../components/CorrectionPanel';
import { IssuesPanel } from '../components/IssuesPanel';
import '../styles/study.css';

/** Policy note 2's clause for the study's tomogram rule, opened from the tomogram settings. */
function tomogramClause(rule: ScanReportView['study']['tomograms']['rule']): string {
  return rule === 'all-to-emdb' ? 'note-2-tomograms-few' : 'note-2-tomograms-representative';
}

/** True when a key press belongs to a text field (its own undo), not to the study's. */
function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox') || target.isContentEditable);
}

/** The routed study: what to decide first, where each part goes, every fileset with its evidence, and corrections with undo. */
export function StudyPage({ api, report }: { readonly api: DepositApi; readonly report: ScanReportView }) {
  const selectedId = useScanStore((s) => s.selectedFilesetId);
  const corrections = useCorrectionStore();
  const scanId = report.scanId;
  // The first study since the app started (the store follows every later scan itself).
  useEffect(() => {
    if (useCorrectionStore.getState().scanId === null) resetCorrections(scanId);
  }, [scanId]);

  const [filter, setFilter] = useState<FilesetFilter>(NO_FILTER);
  const [sort, setSort] = useState<FilesetSort | null>(null);
  const severalRoots = report.roots.length > 1;
  const cards = useMemo(() => destinationCards(report), [report]);
  const modalities = useMemo(() => summarizeByModality(report.filesets), [report.filesets]);
  // Typing stays responsive on a large study: the rows follow the filter when React has time.
  const deferredFilter = useDeferredValue(filter);
  const rows = useMemo(() => sortFilesets(filterFilesets(report.filesets, deferredFilter), sort, severalRoots), [report.filesets, deferredFilter, sort, severalRoots]);
  const review = useMemo(() => report.filesets.filter((f) => f.destination === 'REVIEW'), [report.filesets]);
  const overrides = useMemo(() => overridesByFileset(report.study.overrides), [report.study.overrides]);
  const selected = useMemo(() => report.filesets.find((f) => f.id === selectedId) ?? null, [report.filesets, selectedId]);

  const busy = corrections.pending;
  const nameOf = (f: FilesetView) => `${displayFolder(f.root, f.directory, severalRoots)}/${f.pattern}`;
  const setModality = (f: FilesetView, modality: Modality) =>
    void correct(api, scanId, { label: `set the modality of ${nameOf(f)} to ${modalityLabel(modality)}`, add: { target: overrideTargetOf(f), modality } });
  const setDestination = (f: FilesetView, key: DestinationKey) => {
    const { destination, omicsArchive } = parseDestinationKey(key);
    void correct(api, scanId, {
      label: `send ${nameOf(f)} to ${destinationKeyLabel(key)}`,
      add: { target: overrideTargetOf(f), destination, ...(omicsArchive ? { omicsArchive } : {}) },
    });
  };
  const resetFileset = (f: FilesetView) =>
    void correct(api, scanId, { label: `put ${nameOf(f)} back to the policy's decision`, removeTargets: (overrides.get(f.id) ?? []).map((o) => o.target) });
  const sendRepresentative = (f: FilesetView, file: string) =>
    void correct(api, scanId, { label: `send ${file} to EMDB as a representative`, add: { target: `${f.root.replace(/[\\/]+$/, '')}/${file}`, destination: 'EMDB' } });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || inTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undoCorrection(api, scanId);
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void redoCorrection(api, scanId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, scanId]);

  const onSort = (column: FilesetColumn) =>
    setSort((s) => (s?.column !== column ? { column, direction: 'ascending' } : s.direction === 'ascending' ? { column, direction: 'descending' } : null));
  const showTable = () => document.getElementById('fileset-workspace')?.scrollIntoView({ block: 'start' });
  const onShowCard = (card: DestinationCard) => {
    if (card.destination === 'REVIEW' && review.length > 0) {
      document.getElementById('review-queue')?.focus();
      return;
    }
    setFilter({ ...NO_FILTER, destination: card.key });
    showTable();
  };
  const showFileset = (f: FilesetView) => {
    selectFileset(f.id);
    requestAnimationFrame(() => document.getElementById('fileset-details-title')?.focus());
  };
  const past = corrections.past.length > 0 ? corrections.current.label : null;
  const next = corrections.future[0]?.label ?? null;

  return (
    <div className="study">
      <div className="study__bar">
        <h2 className="study__title">Study</h2>
        <div className="study__history" role="group" aria-label="Corrections">
          <button type="button" className="button button--small" disabled={busy || !past} onClick={() => void undoCorrection(api, scanId)} aria-keyshortcuts="Control+Z" title={past ? `Undo: ${past}` : 'Nothing to undo'}>
            Undo
          </button>
          <button type="button" className="button button--small" disabled={busy || !next} onClick={() => void redoCorrection(api, scanId)} aria-keyshortcuts="Control+Shift+Z" title={next ? `Redo: ${next}` : 'Nothing to redo'}>
            Redo
          </button>
        </div>
        <p className="study__status" role="status" data-testid="correction-status">
          {busy ? 'Re-routing the study…' : corrections.outcome ? `${corrections.outcome.refused ? 'Not changed' : 'Done'}: ${corrections.current.label}. ${corrections.outcome.text}` : past ? `Last change: ${past}.` : ''}
        </p>
      </div>
      {corrections.error && (
        <p className="banner banner--error" role="alert">
          {corrections.error}
        </p>
      )}
      <ReviewQueue
        items={review}
        severalRoots={severalRoots}
        disabled={busy}
        onSetModality={setModality}
        onSetDestination={setDestination}
        onShow={showFileset}
        onShowAll={() => {
          setFilter({ ...NO_FILTER, reviewOnly: true });
          showTable();
        }}
      />
      <section className="study__overview" aria-label="Overview">
        <ReportSummary report={report} />
        <DestinationCards cards={cards} onShow={onShowCard} />
        {report.study.tomograms.count > 0 && (
          <TomogramSettings
            key={`${report.study.options.tomogramsFew}:${report.study.options.representatives}`}
            tomograms={report.study.tomograms}
            options={report.study.options}
            disabled={busy}
            onApply={(options) => void correct(api, scanId, { label: `count at most ${options.tomogramsFew} tomograms as a small number, ${options.representatives} representatives above`, options })}
            onOpenPolicy={() => showClause(tomogramClause(report.study.tomograms.rule))}
          />
        )}
        <StudyChart cards={cards} modalities={modalities} />
      </section>
      <section className="study__workspace" id="fileset-workspace" aria-label="Filesets">
        <FilesetFilters filter={filter} onChange={setFilter} cards={cards} modalities={modalities} shown={rows.length} total={report.filesets.length} />
        <div className="study__panes">
          <FilesetTable
            rows={rows}
            selectedId={selectedId}
            onSelect={selectFileset}
            onOpen={() => document.getElementById('fileset-details-title')?.focus()}
            severalRoots={severalRoots}
            sort={sort}
            onSort={onSort}
            overrides={overrides}
          />
          {selected && (
            <FilesetDetails
              key={selected.id}
              api={api}
              scanId={scanId}
              fileset={selected}
              overrides={overrides.get(selected.id) ?? []}
              tomograms={report.study.tomograms}
              onRepresentative={busy ? undefined : (file) => sendRepresentative(selected, file)}
              correction={
                <>
                {corrections.outcome?.refused && corrections.current.overrides.at(-1)?.target === overrideTargetOf(selected) && (
                  <p className="banner banner--error" role="alert" data-testid="correction-refused">
                    Not changed: {corrections.outcome.text}
                  </p>
                )}
                <CorrectionPanel
                  key={`${selected.modality}:${selected.destination}:${selected.omicsArchive ?? ''}:${report.study.overrides.length}`}
                  fileset={selected}
                  name={nameOf(selected)}
                  disabled={busy}
                  onSetModality={(m) => setModality(selected, m)}
                  onSetDestination={(k) => setDestination(selected, k)}
                  {...(selected.overridden ? { onReset: () => resetFileset(selected) } : {})}
                />
                </>
              }
            />
          )}
        </div>
      </section>
      <IssuesPanel issues={report.issues} omitted={report.issuesOmitted} />
    </div>
  );
}
