import { useEffect, type DragEvent, type JSX } from 'react';
import type { DepositApi } from '../../shared/ipc/api';
import { applyInvalidScanEvent, applyScanEvent, cancelScan, dismissNotice, openFoldersAndScan, removeRoot, rescanStudy, resetScan, scanDemo, scanDropped, useScanStore } from './store/scan-store';
import { resetView, showView, useViewStore, VIEW_LABELS, VIEWS, type View } from './store/view-store';
import type { ScanReportView } from '../../shared/model/scan-report';
import { DropZone } from './components/DropZone';
import { ProgressPanel } from './components/ProgressPanel';
import { StudyRoots } from './components/StudyRoots';
import { PageErrorBoundary } from './components/PageErrorBoundary';
import { WindowDropHint } from './components/WindowDropHint';
import { listenToAppCommands } from './store/app-commands';
import { RecentStudies } from './components/RecentStudies';
import { startAutosave } from './store/draft-store';
import { StudyPage } from './pages/StudyPage';
import { PreparePage } from './pages/PreparePage';
import { CitePage } from './pages/CitePage';
import { ExportPage } from './pages/ExportPage';
import { PolicyPage } from './pages/PolicyPage';

/** The page component of each view; a new view is a compile error here until it has one. */
const PAGES: Readonly<Record<View, (props: { readonly api: DepositApi; readonly report: ScanReportView }) => JSX.Element>> = {
  study: StudyPage,
  prepare: PreparePage,
  cite: CitePage,
  export: ExportPage,
  policy: PolicyPage,
};

/** The whole window: start screen, live progress, then the report. */
export function App({ api }: { readonly api: DepositApi }) {
  const state = useScanStore();
  useEffect(() => api.scan.onEvent(applyScanEvent, applyInvalidScanEvent), [api]);
  useEffect(() => listenToAppCommands(api), [api]);
  // The study's draft (metadata, corrections) is saved as it changes and restored when its folders are scanned again.
  useEffect(() => startAutosave(api), [api]);

  const onFolders = (files: FileList) => void scanDropped(api, files);
  const dropZone = (compact: boolean) => (
    <DropZone compact={compact} onFolders={onFolders} onOpen={() => void openFoldersAndScan(api)} onDemo={() => void scanDemo(api)} />
  );
  // Dropping anywhere on the window starts a scan; without this the browser would open the dropped file.
  const onWindowDrop = (e: DragEvent) => {
    e.preventDefault();
    if (state.phase !== 'scanning' && state.phase !== 'starting' && e.dataTransfer.files.length > 0) onFolders(e.dataTransfer.files);
  };

  const view = useViewStore((v) => v.view);
  const Page = PAGES[view];
  const newScan = () => {
    resetScan();
    resetView();
  };
  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={onWindowDrop}>
      <header className="app__header">
        <h1>Deposit Assistant</h1>
        <p className="app__tagline">Where does each part of your study go — EMPIAR, BioImage Archive, EMDB or an omics archive?</p>
        {state.phase === 'done' && (
          <button type="button" className="button" onClick={newScan}>
            New scan
          </button>
        )}
      </header>
      {state.phase === 'done' && state.report && (
        <nav className="app__nav" aria-label="Study pages">
          {VIEWS.map((v) => (
            <button key={v} type="button" className="app__nav-item" aria-current={v === view ? 'page' : undefined} onClick={() => showView(v)}>
              {VIEW_LABELS[v]}
            </button>
          ))}
        </nav>
      )}
      <main className="app__main">
        {(state.phase === 'idle' || state.phase === 'failed' || state.phase === 'cancelled') && (
          <>
            {state.phase === 'failed' && (
              <p className="banner banner--error" role="alert" data-testid="scan-error">
                {state.error}
              </p>
            )}
            {state.phase === 'cancelled' && (
              <p className="banner" role="status" data-testid="scan-cancelled">
                Scan cancelled after {state.progress?.files ?? 0} files. Nothing was changed on disk. Drop the folders again, or choose Open
                folders…, to scan them.
              </p>
            )}
            {dropZone(false)}
            <RecentStudies api={api} />
          </>
        )}
        {(state.phase === 'starting' || state.phase === 'scanning') && (
          <ProgressPanel roots={state.roots} progress={state.progress} readingAnchor={state.readingAnchor} change={state.change} onCancel={() => void cancelScan(api)} />
        )}
        {state.phase === 'done' && <WindowDropHint text="Drop to add these folders to the study" />}
        {state.phase === 'done' && state.report && (view === 'study' || state.notice !== null) && (
          <StudyRoots
            report={state.report}
            notice={state.notice}
            onAdd={() => void openFoldersAndScan(api)}
            onRemove={(root) => void removeRoot(api, root)}
            onRescan={() => void rescanStudy(api)}
            onDismissNotice={dismissNotice}
          />
        )}
        {state.phase === 'done' && state.report && (
          <PageErrorBoundary resetKey={`${view}:${state.report.scanId}`}>
            <Page api={api} report={state.report} />
          </PageErrorBoundary>
        )}
      </main>
    </div>
  );
}
