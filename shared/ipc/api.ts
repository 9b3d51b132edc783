import { z } from 'zod';
import {
  IPC_CONTRACT,
  IPC_EVENTS,
  IpcEnvelopeSchema,
  type IpcChannel,
  type IpcError,
  type IpcEventName,
  type IpcEventPayload,
  type IpcRequest,
  type IpcResponse,
} from './contract';

/** How the API reaches main: the preload wires it to `ipcRenderer`, the browser test bridge to Playwright bindings. */
export interface IpcTransport {
  invoke(channel: IpcChannel, payload: unknown): Promise<unknown>;
  subscribe(event: IpcEventName, listener: (payload: unknown) => void): () => void;
}

/** An IPC call that main refused or failed, with the code it gave. */
export class ApiError extends Error {
  /** Wraps an error envelope from main. */
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

async function call<C extends IpcChannel>(t: IpcTransport, channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const envelope = IpcEnvelopeSchema.parse(await t.invoke(channel, request));
  if (!envelope.ok) throw new ApiError(envelope.error);
  return IPC_CONTRACT[channel].response.parse(envelope.value) as IpcResponse<C>;
}

/** An event from main that failed the contract's parse: what little can be read of it, and why it failed. */
export interface InvalidEvent {
  /** The event's `scanId` (or `exportId`) when it is a string, so the UI can tell whose event it was. */
  readonly id: string | null;
  /** The event's `type` when it is a string. */
  readonly type: string | null;
  /** What the parse refused, shortened. */
  readonly problem: string;
}

/** Longest parse problem kept in an `InvalidEvent`: a sentence or two, not a whole report's worth of paths. */
const INVALID_EVENT_PROBLEM_CHARS = 400;

function describeInvalid(payload: unknown, problem: string): InvalidEvent {
  const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const id = record['scanId'] ?? record['exportId'];
  const type = record['type'];
  return {
    id: typeof id === 'string' ? id : null,
    type: typeof type === 'string' ? type : null,
    problem: problem.length > INVALID_EVENT_PROBLEM_CHARS ? `${problem.slice(0, INVALID_EVENT_PROBLEM_CHARS)}…` : problem,
  };
}

function on<E extends IpcEventName>(t: IpcTransport, event: E, listener: (payload: IpcEventPayload<E>) => void, onInvalid?: (invalid: InvalidEvent) => void): () => void {
  return t.subscribe(event, (payload) => {
    const parsed = IPC_EVENTS[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as IpcEventPayload<E>);
    // Never dropped without a word: the UI is told, so it can say so instead of waiting forever (issue 12).
    else onInvalid?.(describeInvalid(payload, z.prettifyError(parsed.error)));
  });
}

/** The named functions the UI calls; built once from a transport so the preload and the test bridge cannot differ. */
export function createApi(t: IpcTransport) {
  return {
    app: {
      info: () => call(t, 'app:info', {}),
      /** Shell commands posted before the UI listened (folders the app was launched with); asked once, after `onCommand`. */
      pendingCommands: () => call(t, 'app:pendingCommands', {}),
      /** Commands of the desktop shell: its menus, the dock or taskbar icon, a second launch. */
      onCommand: (listener: (command: IpcEventPayload<'app:command'>) => void) => on(t, 'app:command', listener),
    },
    dialog: {
      openFolders: () => call(t, 'dialog:openFolders', {}),
    },
    scan: {
      start: (roots: string[]) => call(t, 'scan:start', { roots }),
      cancel: (scanId: string) => call(t, 'scan:cancel', { scanId }),
      report: (scanId: string) => call(t, 'scan:report', { scanId }),
      route: (scanId: string, options: IpcRequest<'scan:route'>['options'], overrides: IpcRequest<'scan:route'>['overrides']) =>
        call(t, 'scan:route', { scanId, options, overrides }),
      files: (scanId: string, filesetId: string, offset: number, limit: number) =>
        call(t, 'scan:files', { scanId, filesetId, offset, limit }),
      /** Scan events; `onInvalid` hears of events that fail the contract's parse (a report the window cannot read). */
      onEvent: (listener: (event: IpcEventPayload<'scan:event'>) => void, onInvalid?: (invalid: InvalidEvent) => void) => on(t, 'scan:event', listener, onInvalid),
    },
    bundles: {
      /** The bundles of a finished scan with their checklists and readiness under `metadata`. */
      build: (scanId: string, metadata: IpcRequest<'bundles:build'>['metadata']) => call(t, 'bundles:build', { scanId, metadata }),
    },
    metadata: {
      /** What a metadata document lacks, for the archives of `scanId` when given. */
      validate: (metadata: IpcRequest<'metadata:validate'>['metadata'], scanId?: string) =>
        call(t, 'metadata:validate', { metadata, ...(scanId !== undefined ? { scanId } : {}) }),
    },
    export: {
      /** Asks the user for a folder (main's save dialog) and exports the scan's bundles there. */
      start: (scanId: string, metadata: IpcRequest<'export:start'>['metadata'], checksums: IpcRequest<'export:start'>['checksums'], replace: boolean) =>
        call(t, 'export:start', { scanId, metadata, checksums, replace }),
      cancel: (exportId: string) => call(t, 'export:cancel', { exportId }),
      onEvent: (listener: (event: IpcEventPayload<'export:event'>) => void) => on(t, 'export:event', listener),
    },
    citations: {
      /** The citation text of a finished scan under `metadata` (data availability, methods, references, BibTeX, RIS). */
      build: (scanId: string, metadata: IpcRequest<'citations:build'>['metadata']) => call(t, 'citations:build', { scanId, metadata }),
    },
    saveFile: {
      /** Saves `content` where the user chooses in main's save dialog, suggesting `defaultName`. */
      text: (defaultName: string, content: string) => call(t, 'files:saveText', { defaultName, content }),
    },
    shell: {
      /** Shows the folder of a finished export (the latest when no id is given) in the file manager. */
      reveal: (exportId?: string) => call(t, 'shell:reveal', exportId !== undefined ? { exportId } : {}),
    },
    metadataFile: {
      /** Asks the user for a metadata file (main's open dialog) and reads it. */
      open: () => call(t, 'metadata:open', {}),
    },
    drafts: {
      /** The recent studies, most recently used first. */
      list: () => call(t, 'drafts:list', {}),
      /** Opens a recent study's draft; main grants its roots. */
      load: (key: string) => call(t, 'drafts:load', { key }),
      /** Saves the draft of a finished scan with the metadata as typed. */
      save: (scanId: string, metadata: IpcRequest<'drafts:save'>['metadata']) => call(t, 'drafts:save', { scanId, metadata }),
      /** Forgets a recent study's draft (the data folders are untouched). */
      remove: (key: string) => call(t, 'drafts:remove', { key }),
    },
  };
}

/**
 * Grants main the folders the user dropped and returns those it accepted. The paths come from the dropped
 * items themselves (Electron's `webUtils.getPathForFile` in the preload), so page script cannot name a
 * folder the user did not drop; items without a path on disk are left out.
 */
export async function grantDroppedPaths(t: IpcTransport, paths: readonly string[]): Promise<string[]> {
  const onDisk = paths.filter((p) => p.length > 0);
  if (onDisk.length === 0) return [];
  return (await call(t, 'roots:grant', { paths: onDisk })).paths;
}

/** What `window.api` offers: the contract's functions plus the one thing only the preload can do, turn dropped items into folders. */
export type DepositApi = ReturnType<typeof createApi> & {
  files: {
    /** Paths of the dropped items that are on disk, granted to main as scan roots. */
    pathsForDrop(files: readonly unknown[]): Promise<string[]>;
  };
};
