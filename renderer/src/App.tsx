import { useEffect, type DragEvent } from 'react';
import type { DepositApi } from '../../shared/ipc/api';
import {
  applyScanEvent,
  cancelScan,
  openFoldersAndScan,
  resetScan,
  scanDemo,
  scanDropped,
  selectFileset,
  useScanStore,
} from './store/scan-store';
import { DropZone } from './components/DropZone';
import { ProgressPanel } from './components/ProgressPanel';
import { ReportSummary } from './components/ReportSummary';
import { FilesetTable } from './components/FilesetTable';
import { FilesetDetails } from './components/FilesetDetails';
import { IssuesPanel } from './components/IssuesPanel';

/** The whole window: start screen, live progress, then the report. */
export function App({ api }: { readonly api: DepositApi }) {
  const state = useScanStore();
  useEffect(() => api.scan.onEvent(applyScanEvent), [api]);

  const onFolders = (files: FileList) => void scanDropped(api, files);
  const dropZone = (compact: boolean) => (
    <DropZone compact={compact} onFolders={onFolders} onOpen={() => void openFoldersAndScan(api)} onDemo={() => void scanDemo(api)} />
  );
  // Dropping anywhere on the window starts a scan; without this the browser would open the dropped file.
  const onWindowDrop = (e: DragEvent) => {
    e.preventDefault();
    if (state.phase !== 'scanning' && state.phase !== 'starting' && e.dataTransfer.files.length > 0) onFolders(e.dataTransfer.files);
  };

  const selected = state.report?.filesets.find((f) => f.id === state.selectedFilesetId) ?? null;
  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={onWindowDrop}>
      <header className="app__header">
        <h1>Deposit Assistant</h1>
        <p className="app__tagline">Where does each part of your study go — EMPIAR, BioImage Archive, EMDB or an omics archive?</p>
        {state.phase === 'done' && (
          <button type="button" className="button" onClick={resetScan}>
            New scan
          </button>
        )}
      </header>
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
                Scan cancelled after {state.progress?.files ?? 0} files. Nothing was changed on disk.
              </p>
            )}
            {dropZone(false)}
          </>
        )}
        {(state.phase === 'starting' || state.phase === 'scanning') && (
          <ProgressPanel roots={state.roots} progress={state.progress} onCancel={() => void cancelScan(api)} />
        )}
        {state.phase === 'done' && state.report && (
          <div className="report">
            <ReportSummary report={state.report} />
            <div className="report__body">
              <FilesetTable
                filesets={state.report.filesets}
                selectedId={state.selectedFilesetId}
                onSelect={selectFileset}
                severalRoots={state.report.roots.length > 1}
              />
              {selected && <FilesetDetails key={selected.id} api={api} scanId={state.report.scanId} fileset={selected} />}
            </div>
            <IssuesPanel issues={state.report.issues} omitted={state.report.issuesOmitted} />
          </div>
        )}
      </main>
    </div>
  );
}
