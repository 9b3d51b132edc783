import { create } from 'zustand';
import type { ScanEvent, ScanProgress } from '../../../shared/ipc/contract';
import type { ScanReportView } from '../../../shared/model/scan-report';
import type { DepositApi } from '../../../shared/ipc/api';

/** Where the UI is in a scan's life. */
export type ScanPhase = 'idle' | 'starting' | 'scanning' | 'done' | 'cancelled' | 'failed';

/** UI state of the scan screen; derived numbers come from selectors in shared/, not from here. */
export interface ScanState {
  readonly phase: ScanPhase;
  readonly roots: readonly string[];
  readonly scanId: string | null;
  readonly progress: ScanProgress | null;
  readonly report: ScanReportView | null;
  readonly error: string | null;
  readonly selectedFilesetId: string | null;
}

const INITIAL: ScanState = {
  phase: 'idle',
  roots: [],
  scanId: null,
  progress: null,
  report: null,
  error: null,
  selectedFilesetId: null,
};

/** Events that arrive before `scan:start` has answered with their id; replayed once it has. */
const EARLY_EVENTS_KEPT = 64;
let earlyEvents: ScanEvent[] = [];

/** The scan screen's store. */
export const useScanStore = create<ScanState>(() => INITIAL);

/** Back to the start screen (also used between tests). */
export function resetScan(): void {
  earlyEvents = [];
  useScanStore.setState(INITIAL, true);
}

/** Applies one event from main; events of other scans than the current one are ignored. */
export function applyScanEvent(event: ScanEvent): void {
  const { scanId, phase } = useScanStore.getState();
  if (scanId === null && phase === 'starting') {
    earlyEvents = [...earlyEvents.slice(-(EARLY_EVENTS_KEPT - 1)), event];
    return;
  }
  if (event.scanId !== scanId) return;
  switch (event.type) {
    case 'progress':
      useScanStore.setState({ phase: 'scanning', progress: event.progress });
      return;
    case 'done':
      useScanStore.setState({ phase: 'done', report: event.report, progress: null, selectedFilesetId: event.report.filesets[0]?.id ?? null });
      return;
    case 'cancelled':
      useScanStore.setState({ phase: 'cancelled', progress: event.progress });
      return;
    case 'failed':
      useScanStore.setState({ phase: 'failed', error: event.message });
      return;
  }
}

function messageOf(err: unknown): string {
  // Across Electron's contextBridge only an error's message survives, so that is all the UI relies on.
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
}

/** Starts scanning the given folders; refused roots show as an error, nothing else changes. */
export async function startScan(api: DepositApi, roots: readonly string[]): Promise<void> {
  if (roots.length === 0) return;
  const current = useScanStore.getState();
  if (current.phase === 'starting' || current.phase === 'scanning') return;
  earlyEvents = [];
  useScanStore.setState({ ...INITIAL, phase: 'starting', roots });
  try {
    const { scanId } = await api.scan.start([...roots]);
    useScanStore.setState({ scanId, phase: 'scanning' });
    const early = earlyEvents.filter((e) => e.scanId === scanId);
    earlyEvents = [];
    for (const e of early) applyScanEvent(e);
  } catch (err) {
    useScanStore.setState({ phase: 'failed', error: messageOf(err) });
  }
}

/** Asks main to cancel the running scan. */
export async function cancelScan(api: DepositApi): Promise<void> {
  const { scanId } = useScanStore.getState();
  if (!scanId) return;
  await api.scan.cancel(scanId);
}

/** Opens the OS folder picker and scans what the user chose. */
export async function openFoldersAndScan(api: DepositApi): Promise<void> {
  try {
    const { paths } = await api.dialog.openFolders();
    await startScan(api, paths);
  } catch (err) {
    useScanStore.setState({ phase: 'failed', error: messageOf(err) });
  }
}

/** Scans the demo study bundled with the app. */
export async function scanDemo(api: DepositApi): Promise<void> {
  try {
    const info = await api.app.info();
    if (!info.demoStudyPath) {
      useScanStore.setState({ phase: 'failed', error: 'This installation does not include the demo study.' });
      return;
    }
    await startScan(api, [info.demoStudyPath]);
  } catch (err) {
    useScanStore.setState({ phase: 'failed', error: messageOf(err) });
  }
}

/** Shows one fileset's details. */
export function selectFileset(id: string | null): void {
  useScanStore.setState({ selectedFilesetId: id });
}

/** Scans the folders the user dropped; items without a place on disk are skipped, and if none is left the user is told. */
export async function scanDropped(api: DepositApi, files: ArrayLike<File>): Promise<void> {
  try {
    const paths = await api.files.pathsForDrop(Array.from(files));
    if (paths.length === 0) {
      useScanStore.setState({ phase: 'failed', error: 'The dropped items have no location on disk. Drop folders from your file manager.' });
      return;
    }
    await startScan(api, paths);
  } catch (err) {
    useScanStore.setState({ phase: 'failed', error: messageOf(err) });
  }
}
