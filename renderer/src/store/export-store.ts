import { create } from 'zustand';
import type { DepositApi } from '../../../shared/ipc/api';
import type { ExportEvent } from '../../../shared/ipc/contract';
import type { ExportProgress, ExportSummary } from '../../../shared/export/export-result';
import type { ChecksumAlgorithm } from '../../../shared/export/checksum-algorithm';
import type { StudyMetadata } from '../../../shared/deposit/metadata';

/** Where the UI is in an export's life. */
export type ExportPhase = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed' | 'refused' | 'no-folder';

/** Why main refused to export where the user chose (the CLI's exit code 3). */
export interface ExportRefusal {
  readonly reason: string;
  readonly message: string;
}

/** UI state of the Export page: the checksum choice, and the current export's progress and outcome. */
export interface ExportState {
  readonly checksums: readonly ChecksumAlgorithm[];
  readonly phase: ExportPhase;
  /** The scan the export is of; the page shows nothing of an export of another scan. */
  readonly scanId: string | null;
  readonly exportId: string | null;
  readonly out: string | null;
  readonly progress: ExportProgress | null;
  readonly summary: ExportSummary | null;
  readonly refusal: ExportRefusal | null;
  /** `cancelled`: the finished checksums were kept and a re-run to the same folder reuses them. */
  readonly resumable: boolean;
  readonly error: string | null;
  /** The last "Reveal in file manager" answer: `false` when main had no export folder to show. */
  readonly revealed: boolean | null;
}

const INITIAL: ExportState = {
  checksums: ['md5'],
  phase: 'idle',
  scanId: null,
  exportId: null,
  out: null,
  progress: null,
  summary: null,
  refusal: null,
  resumable: false,
  error: null,
  revealed: null,
};

/** The Export page's store. */
export const useExportStore = create<ExportState>(() => INITIAL);

/** Events that arrive before `export:start` has answered with their id (the first progress is sent at once); replayed after. */
const EARLY_EVENTS_KEPT = 64;
let earlyEvents: ExportEvent[] = [];
let subscribedApi: DepositApi | null = null;
let unsubscribe: (() => void) | null = null;

/** Applies one event from main; events of other exports than the current one are ignored. */
export function applyExportEvent(event: ExportEvent): void {
  const { exportId, phase } = useExportStore.getState();
  if (exportId === null && phase === 'starting') {
    earlyEvents = [...earlyEvents.slice(-(EARLY_EVENTS_KEPT - 1)), event];
    return;
  }
  if (event.exportId !== exportId) return;
  switch (event.type) {
    case 'progress':
      if (phase === 'running' || phase === 'starting') useExportStore.setState({ phase: 'running', progress: event.progress });
      return;
    case 'done':
      useExportStore.setState({ phase: 'done', summary: event.summary, out: event.summary.out });
      return;
    case 'cancelled':
      useExportStore.setState({ phase: 'cancelled', progress: event.progress, resumable: event.resumable });
      return;
    case 'failed':
      useExportStore.setState({ phase: 'failed', error: event.message });
      return;
  }
}

/** Listens to main's export events once per API (the page may be left and reopened while an export runs). */
function ensureSubscribed(api: DepositApi): void {
  if (subscribedApi === api) return;
  unsubscribe?.();
  subscribedApi = api;
  unsubscribe = api.export.onEvent(applyExportEvent);
}

/** Chooses which checksum manifests the export writes. */
export function setChecksum(algorithm: ChecksumAlgorithm, on: boolean): void {
  useExportStore.setState((s) => ({ checksums: on ? [...new Set([...s.checksums, algorithm])] : s.checksums.filter((a) => a !== algorithm) }));
}

function messageOf(err: unknown): string {
  // Across Electron's contextBridge only an error's message survives, so that is all the UI relies on.
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
}

/**
 * Asks main to export (main opens the folder dialog); `replace` consents to replacing an earlier export in
 * the chosen folder. The answer sets the phase: running, no folder chosen, or refused with the reason.
 */
export async function startExport(api: DepositApi, scanId: string, metadata: StudyMetadata, replace: boolean): Promise<void> {
  const { phase, checksums } = useExportStore.getState();
  if (phase === 'starting' || phase === 'running') return;
  ensureSubscribed(api);
  earlyEvents = [];
  useExportStore.setState({ ...INITIAL, checksums, scanId, phase: 'starting' });
  try {
    const answer = await api.export.start(scanId, metadata, [...checksums], replace);
    if (answer.status === 'no-folder') {
      useExportStore.setState({ phase: 'no-folder' });
      return;
    }
    if (answer.status === 'refused') {
      useExportStore.setState({ phase: 'refused', refusal: { reason: answer.reason, message: answer.message } });
      return;
    }
    useExportStore.setState({ phase: 'running', exportId: answer.exportId, out: answer.out });
    const early = earlyEvents;
    earlyEvents = [];
    for (const e of early) applyExportEvent(e);
  } catch (err) {
    useExportStore.setState({ phase: 'failed', error: messageOf(err) });
  }
}

/** Cancels the running export. */
export async function cancelExport(api: DepositApi): Promise<void> {
  const { exportId, phase } = useExportStore.getState();
  if (exportId === null || phase !== 'running') return;
  await api.export.cancel(exportId);
}

/** Shows the finished export's folder in the file manager (main reveals the folder it wrote). */
export async function revealExport(api: DepositApi): Promise<void> {
  const { exportId } = useExportStore.getState();
  try {
    const { revealed } = await api.shell.reveal(exportId ?? undefined);
    useExportStore.setState({ revealed });
  } catch (err) {
    useExportStore.setState({ revealed: false, error: messageOf(err) });
  }
}

/** Forgets the export (a new scan; between tests); the checksum choice is kept. */
export function resetExport(): void {
  earlyEvents = [];
  useExportStore.setState((s) => ({ ...INITIAL, checksums: s.checksums }), true);
}
