import path from 'node:path';
import { z } from 'zod';
import {
  IPC_CONTRACT,
  IPC_EVENTS,
  isIpcChannel,
  type AppCommand,
  type AppInfo,
  type IpcChannel,
  type IpcEnvelope,
  type IpcError,
  type IpcEventName,
  type IpcEventPayload,
  type IpcRequest,
  type IpcResponse,
} from '../../shared/ipc/contract';
import { InvalidRootsError, UnknownScanError, type ScanService } from '../services/scan-service';
import { NotGrantedError, type RootGrants } from '../services/root-grants';
import { ExportService } from '../services/export-service';
import type { DraftStore } from '../services/draft-store';
import { ARCHIVE_DESTINATIONS } from '../../shared/model/destination';
import { planBundles } from '../../shared/bundles/plan-bundles';
import { checkMetadata } from '../../shared/deposit/check-metadata';
import { parseStudyMetadata } from '../../shared/deposit/parse-metadata';
import { EMPTY_METADATA } from '../../shared/deposit/metadata';
import { localIsoDate } from '../cli/metadata-command';
import { bundleStudyOf } from '../export/export-study';
import { buildCitations } from '../services/citations';
import { saveTextFile } from '../services/save-text';
import { readMetadataFile } from '../cli/read-metadata';

/** The OS folder picker; Electron's dialog in the app, a fixed answer in the browser test bridge. */
export interface FolderPicker {
  chooseFolders(): Promise<string[]>;
  /** Asks where to write an export (a save dialog: an absolute path, or `null` when the user cancels). */
  chooseExportFolder(): Promise<string | null>;
  /** Asks where to save a file, suggesting `defaultName` (a save dialog; `null` when cancelled). Absent: saving is cancelled. */
  chooseSaveFile?(defaultName: string): Promise<string | null>;
  /** Asks for a study metadata file to read (an open dialog; `null` when cancelled). Absent: opening is cancelled. */
  chooseMetadataFile?(): Promise<string | null>;
}

/**
 * The user's word on folders dropped on the window. Main cannot see a drop: the preload reads the dropped
 * items' paths in the renderer, and a compromised renderer could send any path. So main asks, in a dialog
 * of its own that names the folders, before it grants them (issue 12, finding 6a).
 */
export interface DropConsent {
  /** True when the user agrees to scan `paths` (absolute, on disk, not yet granted). */
  confirm(paths: readonly string[]): Promise<boolean>;
}

/** The desktop shell: Electron's `shell` in the app, a recorder in the browser test bridge. */
export interface DesktopShell {
  /** Shows a folder main itself wrote in the system file manager. */
  showItemInFolder(absPath: string): void;
}

/** Commands of the desktop shell waiting for the UI (main/services/command-outbox.ts). */
export interface PendingCommands {
  /** The commands posted so far, forgotten once taken; from now on the UI is listening. */
  take(): AppCommand[];
}

/** Everything the handlers need from the rest of main. */
export interface Services {
  /** The shell's commands posted before the UI listened; none without a shell (the CLI, the browser test bridge unless given). */
  readonly commands?: PendingCommands;
  readonly scans: ScanService;
  /** The folders the user chose; the only ones the renderer may scan. */
  readonly grants: RootGrants;
  readonly folders: FolderPicker;
  /** Asks the user to confirm dropped folders; without it, no dropped folder is granted (only the dialog's are). */
  readonly dropConsent?: DropConsent;
  readonly appInfo: () => AppInfo;
  /** Exports of finished scans; one over `scans` is made when absent. */
  readonly exports?: ExportService;
  /** Reveals exported folders; without one, `shell:reveal` answers not revealed. */
  readonly shell?: DesktopShell;
  /** Drafts of studies in the app's user data; without it the recent-studies list stays empty and saving fails with a message. */
  readonly drafts?: DraftStore;
}

/** Who called: the URL of the calling frame, and how to send events back to it. */
export interface CallContext {
  readonly senderUrl: string | undefined;
  emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void;
}

/** One handler per channel, typed from the contract. */
export type HandlerTable = { readonly [C in IpcChannel]: (request: IpcRequest<C>, ctx: CallContext) => Promise<IpcResponse<C>> };

/** Builds the handler table from services; the Electron registration and the browser test bridge both call it. */
export function createHandlers(services: Services): HandlerTable {
  const exportService = services.exports ?? new ExportService(services.scans);
  return {
    'app:info': async () => {
      const info = services.appInfo();
      if (info.demoStudyPath) await services.grants.grant([info.demoStudyPath]);
      return info;
    },
    'app:pendingCommands': async () => ({ commands: services.commands?.take() ?? [] }),
    'dialog:openFolders': async () => ({ paths: await services.grants.grant(await services.folders.chooseFolders()) }),
    'roots:grant': async ({ paths }) => {
      // The renderer's word alone grants nothing: folders not yet granted are granted only once the user confirms them in main's dialog.
      const { granted, ask } = await services.grants.sortDropped(paths);
      const confirmed = ask.length > 0 && services.dropConsent ? await services.dropConsent.confirm(ask) : false;
      const accepted = new Set([...granted, ...(confirmed ? await services.grants.grant(ask) : [])]);
      return { paths: [...new Set(paths.map((p) => path.resolve(p)))].filter((p) => accepted.has(p)) };
    },
    'scan:start': async ({ roots }, ctx) => {
      await services.grants.check(roots);
      return { scanId: await services.scans.start(roots, (event) => ctx.emit('scan:event', event)) };
    },
    'scan:cancel': async ({ scanId }) => ({ cancelled: services.scans.cancel(scanId) }),
    'scan:report': async ({ scanId }) => services.scans.report(scanId),
    'scan:route': async ({ scanId, options, overrides }) => services.scans.route(scanId, { options, overrides }),
    'scan:files': async ({ scanId, filesetId, offset, limit }) => services.scans.files(scanId, filesetId, offset, limit),
    'bundles:build': async ({ scanId, metadata }) => ({ bundles: planBundles(bundleStudyOf(services.scans.fullReport(scanId)), metadata) }),
    'metadata:validate': async ({ metadata, scanId }) => {
      const parsed = parseStudyMetadata(metadata);
      // The archives of the scan's bundles, when the UI names the scan; else every archive. Which archives a study goes to does not depend on its metadata.
      const targetsOf = (id: string) => planBundles(bundleStudyOf(services.scans.fullReport(id)), 'metadata' in parsed ? parsed.metadata : EMPTY_METADATA).map((b) => b.archive);
      if ('problems' in parsed) {
        // A document that does not parse blocks every archive; for a scan, that is every archive the scan goes to.
        const wanted = scanId ? new Set<string>(targetsOf(scanId)) : null;
        return { problems: parsed.problems.map((p) => ({ ...p, blocks: wanted ? p.blocks.filter((b) => wanted.has(b)) : [...p.blocks] })) };
      }
      const targets = scanId ? targetsOf(scanId) : [...ARCHIVE_DESTINATIONS];
      return { problems: checkMetadata(parsed.metadata, targets, { today: localIsoDate() }).map((p) => ({ ...p, blocks: [...p.blocks] })) };
    },
    'export:start': async ({ scanId, metadata, checksums, replace }, ctx) => {
      services.scans.fullReport(scanId); // an unknown scan fails before the dialog opens
      const out = await services.folders.chooseExportFolder();
      if (out === null) return { status: 'no-folder' as const };
      return exportService.start({ scanId, metadata, out, checksums, replace }, (event) => ctx.emit('export:event', event));
    },
    'export:cancel': async ({ exportId }) => ({ cancelled: exportService.cancel(exportId) }),
    'citations:build': async ({ scanId, metadata }) => buildCitations(services.scans.fullReport(scanId), metadata),
    'files:saveText': async ({ defaultName, content }) => {
      const file = services.folders.chooseSaveFile ? await services.folders.chooseSaveFile(defaultName) : null;
      if (file === null) return { status: 'cancelled' as const };
      await saveTextFile(file, content);
      return { status: 'saved' as const, path: file };
    },
    'shell:reveal': async ({ exportId }) => {
      // Only a folder this process exported is shown; the renderer names an export, never a path.
      const folder = exportService.folderOf(exportId);
      if (folder === null || !services.shell) return { revealed: false };
      services.shell.showItemInFolder(folder);
      return { revealed: true };
    },
    'metadata:open': async () => {
      const file = services.folders.chooseMetadataFile ? await services.folders.chooseMetadataFile() : null;
      if (file === null) return { status: 'cancelled' as const };
      const parsed = await readMetadataFile(file);
      if ('problems' in parsed) return { status: 'invalid' as const, file, problems: parsed.problems.map((p) => ({ ...p, blocks: [...p.blocks] })) };
      return { status: 'opened' as const, file, metadata: parsed.metadata };
    },
    'drafts:list': async () => (services.drafts ? services.drafts.list() : { drafts: [], notices: [] }),
    'drafts:load': async ({ key }) => {
      const loaded = await draftsOf(services).load(key);
      if (loaded.status !== 'loaded') return loaded;
      // The user chose these folders when the draft was made; main grants them from its own copy, never from a path the renderer sends.
      const roots = await services.grants.grant(loaded.draft.roots);
      const missingRoots = loaded.draft.roots.filter((r) => !roots.includes(r));
      return { status: 'loaded' as const, draft: loaded.draft, roots, missingRoots };
    },
    'drafts:save': async ({ scanId, metadata }) => {
      const { roots, study } = services.scans.fullReport(scanId);
      const overrides = study.overrides.map(({ target, modality, destination, omicsArchive }) => ({
        target,
        ...(modality !== undefined ? { modality } : {}),
        ...(destination !== undefined ? { destination } : {}),
        ...(omicsArchive !== undefined ? { omicsArchive } : {}),
      }));
      return draftsOf(services).save({ roots, metadata, options: study.options, overrides });
    },
    'drafts:remove': async ({ key }) => ({ removed: await draftsOf(services).remove(key) }),
  };
}

function draftsOf(services: Services): DraftStore {
  if (!services.drafts) throw new Error('drafts are not kept in this session (no user-data folder)');
  return services.drafts;
}

function toIpcError(err: unknown): IpcError {
  if (err instanceof InvalidRootsError) return { code: 'INVALID_ROOT', message: err.message };
  if (err instanceof UnknownScanError) return { code: 'NOT_FOUND', message: err.message };
  if (err instanceof NotGrantedError) return { code: 'NOT_GRANTED', message: err.message };
  return { code: 'INTERNAL', message: `Internal error: ${err instanceof Error ? err.message : String(err)}` };
}

/** Receives one raw IPC call and answers with an envelope; never throws. */
export type Dispatcher = (channel: string, payload: unknown, ctx: CallContext) => Promise<IpcEnvelope>;

/**
 * Wraps the handler table in the trust boundary: unknown channels and untrusted senders are refused,
 * requests are parsed with the contract before a handler sees them, responses and events are checked
 * against it on the way out, and every failure becomes a typed error envelope.
 */
export function createDispatcher(table: HandlerTable, isTrustedSender: (url: string | undefined) => boolean): Dispatcher {
  return async (channel, payload, ctx) => {
    if (!isIpcChannel(channel)) return { ok: false, error: { code: 'BAD_REQUEST', message: `Unknown channel ${JSON.stringify(channel)}.` } };
    if (!isTrustedSender(ctx.senderUrl)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only accepted from the app’s own window.' } };
    const parsed = IPC_CONTRACT[channel].request.safeParse(payload);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid ${channel} request: ${z.prettifyError(parsed.error)}` } };
    const checkedCtx: CallContext = {
      senderUrl: ctx.senderUrl,
      emit: (event, eventPayload) => ctx.emit(event, IPC_EVENTS[event].parse(eventPayload) as typeof eventPayload),
    };
    try {
      const handler = table[channel] as (req: unknown, c: CallContext) => Promise<unknown>;
      const value = IPC_CONTRACT[channel].response.parse(await handler(parsed.data, checkedCtx));
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toIpcError(err) };
    }
  };
}
