import { create } from 'zustand';
import type { DepositApi } from '../../../shared/ipc/api';
import type { Override, PolicyOptions } from '../../../shared/policy/types';
import type { ScanReportView } from '../../../shared/model/scan-report';
import { replaceReport, useScanStore } from './scan-store';

/** Everything the user has corrected of a study: the policy thresholds and the overrides, in the order set (later wins). */
export interface Corrections {
  readonly options: Partial<PolicyOptions>;
  readonly overrides: readonly Override[];
  /** What the step that led here did, in words ("Set modality of a.xyz to …"); for the undo and redo buttons. */
  readonly label: string;
}

/** The engine's answer to the last step, in words: applied, or refused with its reason (patient data). */
export interface CorrectionOutcome {
  readonly text: string;
  readonly refused: boolean;
}

/** Undo/redo history of the corrections of one scan; the report itself lives in the scan store. */
export interface CorrectionState {
  readonly scanId: string | null;
  readonly current: Corrections;
  readonly past: readonly Corrections[];
  readonly future: readonly Corrections[];
  /** A re-routing is running; the controls wait for it. */
  readonly pending: boolean;
  readonly outcome: CorrectionOutcome | null;
  readonly error: string | null;
}

const NONE: Corrections = { options: {}, overrides: [], label: 'the scan as routed' };
const INITIAL: CorrectionState = { scanId: null, current: NONE, past: [], future: [], pending: false, outcome: null, error: null };

/** The corrections store. */
export const useCorrectionStore = create<CorrectionState>(() => INITIAL);

/** Starts an empty history for a scan (a new study); nothing happens when the history is already that scan's. */
export function resetCorrections(scanId: string | null): void {
  if (useCorrectionStore.getState().scanId === scanId && scanId !== null) return;
  useCorrectionStore.setState({ ...INITIAL, scanId }, true);
}

/** Steps run one after another, so a fast double click cannot route an older state after a newer one. */
let queue: Promise<void> = Promise.resolve();

/** The API the last step went through; a re-scan of the same study re-routes the corrections through it. */
let lastApi: DepositApi | null = null;

/** True when there is something to carry over: an override or a threshold set. */
function hasCorrections(c: Corrections): boolean {
  return c.overrides.length > 0 || Object.keys(c.options).length > 0;
}

/**
 * Follows the scan on screen. A new study starts an empty history; the same study scanned again under a new
 * id (folders added or removed, a re-scan) keeps the corrections and their history and re-routes the new
 * scan with them, since fileset ids are stable for the same root, folder and pattern across scans.
 */
function followScan(scanId: string, kind: string): void {
  const state = useCorrectionStore.getState();
  if (state.scanId === scanId) return;
  if (kind === 'new' || state.scanId === null || !lastApi) {
    resetCorrections(scanId);
    return;
  }
  useCorrectionStore.setState({ scanId, outcome: null, error: null });
  if (!hasCorrections(state.current)) return;
  const current = state.current;
  void run(lastApi, scanId, (s) => ({ next: current, past: s.past, future: s.future, added: false }));
}

useScanStore.subscribe((s) => {
  if (s.phase === 'done' && s.report) followScan(s.report.scanId, s.change.kind);
});

/** What the engine said of the override a step added (the last one), read from the re-routed report. */
function outcomeOf(report: ScanReportView, next: Corrections, added: boolean): CorrectionOutcome | null {
  if (!added) return null;
  const applied = report.study.overrides[next.overrides.length - 1];
  if (!applied) return null;
  const refused = applied.matched.length === 0 || applied.note.includes('Not applied');
  return { text: applied.note, refused };
}

/** Where a step leads: the corrections to route and the history once they are shown; `null` when there is nothing to do. */
type Plan = (s: CorrectionState) => { readonly next: Corrections; readonly past: readonly Corrections[]; readonly future: readonly Corrections[]; readonly added: boolean } | null;

/** Runs a step in turn: plans it from the history as it is then, re-routes, and shows the report main answers. */
function run(api: DepositApi, scanId: string, plan: Plan): Promise<void> {
  lastApi = api;
  queue = queue.then(async () => {
    const state = useCorrectionStore.getState();
    if (state.scanId !== scanId) return;
    const step = plan(state);
    if (!step) return;
    useCorrectionStore.setState({ pending: true, error: null });
    try {
      const report = await api.scan.route(scanId, { ...step.next.options }, [...step.next.overrides]);
      if (useCorrectionStore.getState().scanId !== scanId) return;
      replaceReport(report);
      useCorrectionStore.setState({ current: step.next, past: step.past, future: step.future, pending: false, outcome: outcomeOf(report, step.next, step.added) });
    } catch (err) {
      useCorrectionStore.setState({ pending: false, error: `The study could not be re-routed: ${err instanceof Error ? err.message : String(err)}. Nothing was changed.` });
    }
  });
  return queue;
}

/** One correction step: an override added, overrides of a target removed, or thresholds changed. */
export interface CorrectionStep {
  readonly label: string;
  readonly add?: Override;
  /** Removes every override naming one of these targets (back to the engine's own decision). */
  readonly removeTargets?: readonly string[];
  readonly options?: Partial<PolicyOptions>;
}

/** Applies one correction: the study re-routes at once, and the step can be undone. */
export function correct(api: DepositApi, scanId: string, step: CorrectionStep): Promise<void> {
  return run(api, scanId, (s) => {
    const removed = new Set(step.removeTargets ?? []);
    const kept = s.current.overrides.filter((o) => !removed.has(o.target));
    const next: Corrections = { label: step.label, options: { ...s.current.options, ...step.options }, overrides: step.add ? [...kept, step.add] : kept };
    return { next, past: [...s.past, s.current], future: [], added: step.add !== undefined };
  });
}

/** Undoes the last correction step. */
export function undoCorrection(api: DepositApi, scanId: string): Promise<void> {
  return run(api, scanId, (s) => {
    const previous = s.past[s.past.length - 1];
    return previous ? { next: previous, past: s.past.slice(0, -1), future: [s.current, ...s.future], added: false } : null;
  });
}

/** Re-applies the last undone step. */
export function redoCorrection(api: DepositApi, scanId: string): Promise<void> {
  return run(api, scanId, (s) => {
    const next = s.future[0];
    return next ? { next, past: [...s.past, s.current], future: s.future.slice(1), added: false } : null;
  });
}
