import { create } from 'zustand';
import type { ScanEvent, ScanProgress } from '../../../shared/ipc/contract';
import type { ScanReportView } from '../../../shared/model/scan-report';
import type { DepositApi, InvalidEvent } from '../../../shared/ipc/api';
import { keepSelection } from '../../../shared/model/report-selectors';
import { unionRoots } from '../../../shared/model/root-summary';
import { nextReadingAnchor, type ReadingAnchor } from '../../../shared/scan/progress-estimate';
import { formatCount } from '../../../shared/text/units';

/** Where the UI is in a scan's life. */
export type ScanPhase = 'idle' | 'starting' | 'scanning' | 'done' | 'cancelled' | 'failed';

/** The study on screen, kept while a re-scan (folders added or removed) runs, and put back if it does not finish. */
export interface StudySnapshot {
  readonly roots: readonly string[];
  readonly scanId: string;
  readonly report: ScanReportView;
  readonly selectedFilesetId: string | null;
}

/** What the running scan does: start a study, or change the roots of the one on screen. */
export type StudyChange =
  | { readonly kind: 'new' }
  | { readonly kind: 'add'; readonly paths: readonly string[] }
  | { readonly kind: 'remove'; readonly path: string }
  | { readonly kind: 'rescan' };

/** UI state of the scan screen; derived numbers come from selectors in shared/, not from here. */
export interface ScanState {
  readonly phase: ScanPhase;
  readonly roots: readonly string[];
  readonly scanId: string | null;
  readonly progress: ScanProgress | null;
  /** Where the reading phase's rate is measured from, for the estimate (shared/scan/progress-estimate.ts). */
  readonly readingAnchor: ReadingAnchor | null;
  readonly report: ScanReportView | null;
  readonly error: string | null;
  readonly selectedFilesetId: string | null;
  readonly change: StudyChange;
  /** The study shown before the running re-scan; `null` when no study was open. */
  readonly previous: StudySnapshot | null;
  /** What became of the last change to the study on screen when it did not finish (cancelled, failed), in words. */
  readonly notice: string | null;
}

const INITIAL: ScanState = {
  phase: 'idle',
  roots: [],
  scanId: null,
  progress: null,
  readingAnchor: null,
  report: null,
  error: null,
  selectedFilesetId: null,
  change: { kind: 'new' },
  previous: null,
  notice: null,
};

/** Events that arrive before `scan:start` has answered with their id; replayed once it has. */
const EARLY_EVENTS_KEPT = 64;
let earlyEvents: ScanEvent[] = [];
/** Unreadable events that arrived before `scan:start` answered; replayed once it has, after `earlyEvents`. */
let earlyInvalid: InvalidEvent[] = [];

/** The scan screen's store. */
export const useScanStore = create<ScanState>(() => INITIAL);

/** Back to the start screen (also used between tests). */
export function resetScan(): void {
  earlyEvents = [];
  earlyInvalid = [];
  useScanStore.setState(INITIAL, true);
}

/** What a change was, in a few words, for the messages that say it did not happen. */
function describeChange(change: StudyChange): string {
  switch (change.kind) {
    case 'new':
      return 'The scan';
    case 'add':
      return change.paths.length === 1 ? `Adding ${change.paths[0]}` : `Adding ${change.paths.length} folders`;
    case 'remove':
      return `Removing ${change.path}`;
    case 'rescan':
      return 'Scanning the study again';
  }
}

/** Puts the study that was on screen back after a re-scan that did not finish, saying what happened. */
function restorePrevious(previous: StudySnapshot, notice: string): void {
  earlyEvents = [];
  earlyInvalid = [];
  useScanStore.setState({
    ...INITIAL,
    phase: 'done',
    roots: previous.roots,
    scanId: previous.scanId,
    report: previous.report,
    selectedFilesetId: previous.selectedFilesetId,
    notice,
  });
}

/** Applies one event from main; events of other scans than the current one are ignored. */
export function applyScanEvent(event: ScanEvent): void {
  const { scanId, phase, previous, change, readingAnchor } = useScanStore.getState();
  if (scanId === null && phase === 'starting') {
    earlyEvents = [...earlyEvents.slice(-(EARLY_EVENTS_KEPT - 1)), event];
    return;
  }
  if (event.scanId !== scanId || (phase !== 'scanning' && phase !== 'starting')) return;
  switch (event.type) {
    case 'progress':
      useScanStore.setState({ phase: 'scanning', progress: event.progress, readingAnchor: nextReadingAnchor(readingAnchor, event.progress) });
      return;
    case 'done':
      useScanStore.setState({
        phase: 'done',
        roots: event.report.roots,
        report: event.report,
        progress: null,
        readingAnchor: null,
        previous: null,
        notice: null,
        selectedFilesetId: keptSelection(previous, event.report) ?? event.report.filesets[0]?.id ?? null,
      });
      return;
    case 'cancelled':
      if (previous) {
        restorePrevious(previous, `${describeChange(change)} was cancelled after ${formatCount(event.progress.files)} files. The study is as it was; nothing was changed on disk.`);
        return;
      }
      useScanStore.setState({ phase: 'cancelled', progress: event.progress, readingAnchor: null });
      return;
    case 'failed':
      if (previous) {
        restorePrevious(previous, `${describeChange(change)} failed: ${event.message} The study is as it was. Try again, or use the command line (deposit-assistant scan) for the full error.`);
        return;
      }
      useScanStore.setState({ phase: 'failed', error: `The scan failed: ${event.message} Nothing was changed on disk. Try again; if it fails again, the command line (deposit-assistant scan) shows the full error.` });
      return;
  }
}

/**
 * An event of main's that failed the window's parse (shared/ipc/api.ts): the end of the current scan that
 * cannot be read ends the scan with an error that says what to do, rather than leaving "scanning" on screen.
 * A progress tick that cannot be read is skipped (the next one, or the end, follows); other scans' are ignored.
 */
export function applyInvalidScanEvent(invalid: InvalidEvent): void {
  const { scanId, phase, previous, change } = useScanStore.getState();
  if (invalid.type === 'progress') return;
  if (scanId === null && phase === 'starting') {
    earlyInvalid = [...earlyInvalid.slice(-(EARLY_EVENTS_KEPT - 1)), invalid];
    return;
  }
  if ((invalid.id !== null && invalid.id !== scanId) || (phase !== 'scanning' && phase !== 'starting')) return;
  const what = invalid.type === 'done' ? 'The scan finished, but the window could not read its report' : 'The window could not read how the scan ended';
  const advice = 'Nothing was changed on disk. Scan again; if it happens again, run deposit-assistant scan --json on the folders and report the problem with that output.';
  if (previous) {
    restorePrevious(previous, `${describeChange(change)}: ${what.charAt(0).toLowerCase()}${what.slice(1)} (${invalid.problem}). The study is as it was. ${advice}`);
    return;
  }
  useScanStore.setState({ phase: 'failed', progress: null, readingAnchor: null, error: `${what} (${invalid.problem}). ${advice}` });
}

/** The fileset selected before a re-scan, when it is still in the new report (ids are stable across scans). */
function keptSelection(previous: StudySnapshot | null, report: ScanReportView): string | null {
  const id = previous?.selectedFilesetId;
  return id && report.filesets.some((f) => f.id === id) ? id : null;
}

function messageOf(err: unknown): string {
  // Across Electron's contextBridge only an error's message survives, so that is all the UI relies on.
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
}

/** Main's refusal of a folder, with what the user can do about it (main says what happened, not what to do). */
export function explainRefusal(message: string): string {
  if (/permission denied/.test(message)) return `${message}\nCheck that your account may open the folder (ask its owner or your IT for read access), then try again.`;
  if (/does not exist/.test(message)) return `${message}\nIt may have been moved or renamed, or its network share disconnected. Reconnect it and try again, or choose the folder where it is now.`;
  if (/was not chosen by you/.test(message)) return `${message}\nDrop the folder on the window, or choose it in the folder picker.`;
  return message;
}

/** Runs a scan of `roots` as `change`; while it runs, `previous` (the study on screen, if any) is kept to come back to. */
async function runScan(api: DepositApi, roots: readonly string[], change: StudyChange, previous: StudySnapshot | null): Promise<void> {
  earlyEvents = [];
  earlyInvalid = [];
  useScanStore.setState({ ...INITIAL, phase: 'starting', roots, change, previous });
  try {
    const { scanId } = await api.scan.start([...roots]);
    useScanStore.setState({ scanId, phase: 'scanning' });
    const early = earlyEvents.filter((e) => e.scanId === scanId);
    const invalid = earlyInvalid.filter((e) => e.id === null || e.id === scanId);
    earlyEvents = [];
    earlyInvalid = [];
    for (const e of early) applyScanEvent(e);
    for (const e of invalid) applyInvalidScanEvent(e);
  } catch (err) {
    const message = explainRefusal(messageOf(err));
    if (previous) restorePrevious(previous, `${describeChange(change)} did not start: ${message}\nThe study is as it was.`);
    else useScanStore.setState({ phase: 'failed', error: message });
  }
}

function busy(): boolean {
  const { phase } = useScanStore.getState();
  return phase === 'starting' || phase === 'scanning';
}

/** The study on screen, if a scan has finished. */
function currentStudy(): StudySnapshot | null {
  const { phase, report, scanId, roots, selectedFilesetId } = useScanStore.getState();
  return phase === 'done' && report && scanId ? { report, scanId, roots, selectedFilesetId } : null;
}

/** Starts a new study of the given folders; refused roots show as an error, nothing else changes. */
export async function startScan(api: DepositApi, roots: readonly string[]): Promise<void> {
  if (roots.length === 0 || busy()) return;
  await runScan(api, roots, { kind: 'new' }, null);
}

/**
 * Adds folders to the study on screen: the engine scans roots, not increments, so the study is scanned
 * again with the union of its roots. Until that scan finishes the study stays as it was, and comes back
 * if the scan is cancelled or fails. Without a study on screen this starts one.
 */
export async function addRoots(api: DepositApi, paths: readonly string[]): Promise<void> {
  if (paths.length === 0 || busy()) return;
  const study = currentStudy();
  if (!study) return startScan(api, paths);
  const added = paths.filter((p) => !study.roots.includes(p));
  if (added.length === 0) {
    useScanStore.setState({ notice: `${paths.length === 1 ? paths[0] : 'These folders'} ${paths.length === 1 ? 'is' : 'are'} already in the study.` });
    return;
  }
  await runScan(api, unionRoots(study.roots, added), { kind: 'add', paths: added }, study);
}

/** Removes one folder from the study on screen by scanning the others again; the last folder is not removed (start a new scan instead). */
export async function removeRoot(api: DepositApi, root: string): Promise<void> {
  const study = currentStudy();
  if (!study || busy() || !study.roots.includes(root) || study.roots.length < 2) return;
  await runScan(api, study.roots.filter((r) => r !== root), { kind: 'remove', path: root }, study);
}

/** Scans the same folders again (after fixing access to one, say), keeping the study until the new scan is done. */
export async function rescanStudy(api: DepositApi): Promise<void> {
  const study = currentStudy();
  if (!study || busy()) return;
  await runScan(api, study.roots, { kind: 'rescan' }, study);
}

/** Forgets the notice about a change that did not happen. */
export function dismissNotice(): void {
  useScanStore.setState({ notice: null });
}

/** Asks main to cancel the running scan. */
export async function cancelScan(api: DepositApi): Promise<void> {
  const { scanId } = useScanStore.getState();
  if (!scanId) return;
  await api.scan.cancel(scanId);
}

/** Folders main has already granted (the folder picker, a menu, the dock icon, a second launch): added to the study on screen, or a new one. */
export async function openPaths(api: DepositApi, paths: readonly string[]): Promise<void> {
  if (currentStudy()) await addRoots(api, paths);
  else await startScan(api, paths);
}

/** Shows a failure that happened before any scan started: as a notice when a study is on screen (it stays), else as the error. */
function failBeforeScan(message: string): void {
  if (currentStudy()) useScanStore.setState({ notice: message });
  else useScanStore.setState({ ...INITIAL, phase: 'failed', error: message });
}

/** Opens the OS folder picker and scans what the user chose (added to the study on screen, if there is one). */
export async function openFoldersAndScan(api: DepositApi): Promise<void> {
  if (busy()) return;
  try {
    const { paths } = await api.dialog.openFolders();
    await openPaths(api, paths);
  } catch (err) {
    failBeforeScan(explainRefusal(messageOf(err)));
  }
}

/** Scans the demo study bundled with the app. */
export async function scanDemo(api: DepositApi): Promise<void> {
  try {
    const info = await api.app.info();
    if (!info.demoStudyPath) {
      failBeforeScan('This installation does not include the demo study.');
      return;
    }
    await startScan(api, [info.demoStudyPath]);
  } catch (err) {
    failBeforeScan(messageOf(err));
  }
}

/** Replaces the finished report with a re-routed one (a correction, undo, redo); the selection stays on the same fileset where it can. */
export function replaceReport(report: ScanReportView): void {
  useScanStore.setState((s) => ({ report, selectedFilesetId: keepSelection(report.filesets, s.selectedFilesetId) }));
}

/** Shows one fileset's details. */
export function selectFileset(id: string | null): void {
  useScanStore.setState({ selectedFilesetId: id });
}

/**
 * Scans the folders the user dropped — added to the study on screen, if there is one; items without a
 * place on disk are skipped, and if none is left the user is told.
 */
export async function scanDropped(api: DepositApi, files: ArrayLike<File>): Promise<void> {
  if (busy()) return;
  try {
    const paths = await api.files.pathsForDrop(Array.from(files));
    if (paths.length === 0) {
      failBeforeScan('The dropped items have no location on disk. Drop folders from your file manager.');
      return;
    }
    await openPaths(api, paths);
  } catch (err) {
    failBeforeScan(explainRefusal(messageOf(err)));
  }
}
