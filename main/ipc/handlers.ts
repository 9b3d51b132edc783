import { z } from 'zod';
import {
  IPC_CONTRACT,
  IPC_EVENTS,
  isIpcChannel,
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
import { ARCHIVE_DESTINATIONS } from '../../shared/model/destination';
import { planBundles } from '../../shared/bundles/plan-bundles';
import { checkMetadata } from '../../shared/deposit/check-metadata';
import { parseStudyMetadata } from '../../shared/deposit/parse-metadata';
import { localIsoDate } from '../cli/metadata-command';
import { bundleStudyOf } from '../export/export-study';

/** The OS folder picker; Electron's dialog in the app, a fixed answer in the browser test bridge. */
export interface FolderPicker {
  chooseFolders(): Promise<string[]>;
  /** Asks where to write an export (a save dialog: an absolute path, or `null` when the user cancels). */
  chooseExportFolder(): Promise<string | null>;
}

/** Everything the handlers need from the rest of main. */
export interface Services {
  readonly scans: ScanService;
  /** The folders the user chose; the only ones the renderer may scan. */
  readonly grants: RootGrants;
  readonly folders: FolderPicker;
  readonly appInfo: () => AppInfo;
  /** Exports of finished scans; one over `scans` is made when absent. */
  readonly exports?: ExportService;
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
    'dialog:openFolders': async () => ({ paths: await services.grants.grant(await services.folders.chooseFolders()) }),
    'roots:grant': async ({ paths }) => ({ paths: await services.grants.grant(paths) }),
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
      if ('problems' in parsed) return { problems: parsed.problems.map((p) => ({ ...p, blocks: [...p.blocks] })) };
      // The archives of the scan's bundles, when the UI names the scan; else every archive.
      const targets = scanId ? planBundles(bundleStudyOf(services.scans.fullReport(scanId)), parsed.metadata).map((b) => b.archive) : [...ARCHIVE_DESTINATIONS];
      return { problems: checkMetadata(parsed.metadata, targets, { today: localIsoDate() }).map((p) => ({ ...p, blocks: [...p.blocks] })) };
    },
    'export:start': async ({ scanId, metadata, checksums, replace }, ctx) => {
      services.scans.fullReport(scanId); // an unknown scan fails before the dialog opens
      const out = await services.folders.chooseExportFolder();
      if (out === null) return { status: 'no-folder' as const };
      return exportService.start({ scanId, metadata, out, checksums, replace }, (event) => ctx.emit('export:event', event));
    },
    'export:cancel': async ({ exportId }) => ({ cancelled: exportService.cancel(exportId) }),
  };
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
