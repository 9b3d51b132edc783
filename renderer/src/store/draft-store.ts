import { create } from 'zustand';
import type { DepositApi } from '../../../shared/ipc/api';
import type { DraftSummary, StudyDraft } from '../../../shared/drafts/draft';
import type { StudyMetadataInput } from '../../../shared/deposit/metadata';
import { resetMetadata, setMetadata, useMetadataStore } from './metadata-store';
import { replaceReport, startScan, useScanStore } from './scan-store';
import { useCorrectionStore } from './correction-store';

/**
 * The study's draft as the UI sees it: the recent studies main keeps (drafts:list), what became of the last
 * automatic save, and messages about drafts that could not be read. Main does the writing (atomic, in the
 * user-data folder); this store only decides when to ask.
 */
export interface DraftState {
  readonly recent: readonly DraftSummary[];
  /** Messages to show once: a corrupt draft set aside, a reopened study whose folders are gone. */
  readonly notices: readonly string[];
  /** `pending`: a change waits for the save delay; `saving`: main is writing it. */
  readonly save: 'idle' | 'pending' | 'saving' | 'saved' | 'failed';
  /** ISO time of the last save main confirmed. */
  readonly savedAt: string | null;
  /** Why the last save failed or was refused, in words. */
  readonly saveMessage: string | null;
  /** The draft the study on screen was restored from, its time, for the "restored" note. */
  readonly restoredFrom: string | null;
}

const INITIAL: DraftState = { recent: [], notices: [], save: 'idle', savedAt: null, saveMessage: null, restoredFrom: null };

/** Wait after the last keystroke before saving: the form is typed in bursts, and each save is a disk write. */
export const DRAFT_SAVE_DELAY_MS = 800;

/** The draft store. */
export const useDraftStore = create<DraftState>(() => INITIAL);

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sameRoots(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function addNotice(text: string): void {
  useDraftStore.setState((s) => ({ notices: [...s.notices.filter((n) => n !== text), text] }));
}

/** Dismisses one notice. */
export function dismissDraftNotice(text: string): void {
  useDraftStore.setState((s) => ({ notices: s.notices.filter((n) => n !== text) }));
}

/** Asks main for the recent studies (unreadable drafts are set aside there and reported here). */
export async function loadRecent(api: DepositApi): Promise<void> {
  try {
    const { drafts, notices } = await api.drafts.list();
    useDraftStore.setState({ recent: drafts });
    for (const n of notices) addNotice(n);
  } catch (err) {
    addNotice(`The recent studies could not be listed: ${messageOf(err)}`);
  }
}

/** The study being reopened: the draft whose roots are scanning, so the scan that ends with them gets its corrections back (its metadata is already set). */
let reopening: StudyDraft | null = null;

/**
 * Re-applies a draft's routing corrections to the fresh scan of its folders (one re-routing), and makes them
 * the start of the correction history: undo goes back no further than the draft.
 */
async function restoreCorrections(api: DepositApi, scanId: string, draft: StudyDraft): Promise<void> {
  const report = useScanStore.getState().report;
  if (!report || report.scanId !== scanId) return;
  const optionsDiffer = Object.entries(draft.options).some(([k, v]) => report.study.options[k as keyof typeof report.study.options] !== v);
  if (draft.overrides.length === 0 && !optionsDiffer) return;
  try {
    const routed = await api.scan.route(scanId, draft.options, draft.overrides);
    if (useScanStore.getState().report?.scanId !== scanId) return;
    replaceReport(routed);
    useCorrectionStore.setState({
      scanId,
      current: { options: draft.options, overrides: draft.overrides, label: 'the corrections saved in the draft' },
      past: [],
      future: [],
      pending: false,
      outcome: null,
      error: null,
    });
  } catch (err) {
    addNotice(`The corrections saved with this study could not be applied again: ${messageOf(err)}. The study is shown as the engine routes it.`);
  }
}

/** Reopens a recent study: main grants its folders from the draft, the metadata comes back, and the folders are scanned again. */
export async function reopenStudy(api: DepositApi, key: string): Promise<void> {
  try {
    const loaded = await api.drafts.load(key);
    if (loaded.status !== 'loaded') {
      addNotice(loaded.message);
      await loadRecent(api);
      return;
    }
    if (loaded.missingRoots.length > 0) {
      addNotice(
        loaded.roots.length === 0
          ? `The folders of this study are no longer there (${loaded.missingRoots.join(', ')}): connect the disk they are on and try again. The draft is kept.`
          : `Some folders of this study are no longer there and were left out: ${loaded.missingRoots.join(', ')}.`,
      );
    }
    if (loaded.roots.length === 0) return;
    setMetadata(loaded.draft.metadata as StudyMetadataInput);
    useDraftStore.setState({ restoredFrom: loaded.draft.savedAt });
    reopening = loaded.draft;
    await startScan(api, loaded.roots);
  } catch (err) {
    addNotice(`The study could not be reopened: ${messageOf(err)}`);
  }
}

/** Forgets a recent study (its draft file); the data folders are untouched. */
export async function forgetStudy(api: DepositApi, key: string): Promise<void> {
  try {
    await api.drafts.remove(key);
  } catch (err) {
    addNotice(`The draft could not be removed: ${messageOf(err)}`);
  }
  await loadRecent(api);
}

/** The save waiting for the delay to pass after the last change; while it waits, an earlier save's answer is not "saved". */
let timer: ReturnType<typeof setTimeout> | null = null;

/** Saves the draft of the study on screen now. */
export async function saveDraft(api: DepositApi): Promise<void> {
  const { phase, report } = useScanStore.getState();
  if (phase !== 'done' || !report) return;
  useDraftStore.setState({ save: 'saving' });
  try {
    const result = await api.drafts.save(report.scanId, useMetadataStore.getState().metadata as Record<string, unknown>);
    if (result.status === 'saved') useDraftStore.setState({ save: timer ? 'pending' : 'saved', savedAt: result.savedAt, saveMessage: null });
    else useDraftStore.setState({ save: 'failed', saveMessage: result.message });
  } catch (err) {
    useDraftStore.setState({ save: 'failed', saveMessage: `The draft could not be saved: ${messageOf(err)}` });
  }
}

/**
 * Saves the study's draft whenever it changes — the metadata as typed, the report after a correction —
 * waiting `DRAFT_SAVE_DELAY_MS` after the last change; a scanned study whose folders have a draft gets its
 * metadata back; going back to the start screen starts a new, empty document. Returns the unsubscriber.
 */
export function startAutosave(api: DepositApi): () => void {
  const schedule = () => {
    if (timer) clearTimeout(timer);
    useDraftStore.setState({ save: 'pending' });
    timer = setTimeout(() => {
      timer = null;
      void saveDraft(api);
    }, DRAFT_SAVE_DELAY_MS);
  };
  const onStudyScanned = async (scanId: string, roots: readonly string[]) => {
    const draft = reopening;
    reopening = null;
    // A reopened study gets its corrections back; folders that went missing make it another study, whose roots differ.
    if (draft && sameRoots(draft.roots, roots)) {
      await restoreCorrections(api, scanId, draft);
      schedule();
      return;
    }
    // The same folders dropped again: bring back what was typed for them, unless something has been typed since.
    const { metadata } = useMetadataStore.getState();
    if (Object.keys(metadata).length === 0) {
      const known = useDraftStore.getState().recent.find((d) => sameRoots(d.roots, roots));
      if (known) {
        const loaded = await api.drafts.load(known.key).catch(() => null);
        if (loaded?.status === 'loaded' && Object.keys(useMetadataStore.getState().metadata).length === 0) {
          setMetadata(loaded.draft.metadata as StudyMetadataInput);
          useDraftStore.setState({ restoredFrom: loaded.draft.savedAt });
          await restoreCorrections(api, scanId, loaded.draft);
        }
      }
    }
    schedule();
  };
  const offScan = useScanStore.subscribe((s, prev) => {
    if (s.phase === 'done' && s.report && (prev.phase !== 'done' || prev.report?.scanId !== s.report.scanId)) void onStudyScanned(s.report.scanId, s.report.roots);
    else if (s.phase === 'done' && s.report && s.report !== prev.report) schedule(); // re-routed: the corrections changed
    if (s.phase === 'idle' && prev.phase !== 'idle') {
      // Back at the start screen: the next study starts empty, and the list shows the one just left.
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      reopening = null;
      resetMetadata();
      useDraftStore.setState({ save: 'idle', savedAt: null, saveMessage: null, restoredFrom: null });
      void loadRecent(api);
    }
  });
  const offMetadata = useMetadataStore.subscribe((s, prev) => {
    if (s.revision !== prev.revision && useScanStore.getState().phase === 'done') schedule();
  });
  return () => {
    if (timer) clearTimeout(timer);
    offScan();
    offMetadata();
  };
}

/** Forgets everything (between tests). */
export function resetDrafts(): void {
  reopening = null;
  useDraftStore.setState(INITIAL, true);
}
