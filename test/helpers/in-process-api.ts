import { createApi, grantDroppedPaths, type DepositApi, type IpcTransport } from '../../shared/ipc/api';
import type { IpcEventName } from '../../shared/ipc/contract';
import { createDispatcher, createHandlers, type Services } from '../../main/ipc/handlers';
import { createSenderCheck } from '../../main/ipc/sender';
import { ScanService } from '../../main/services/scan-service';
import { RootGrants } from '../../main/services/root-grants';
import { DraftStore } from '../../main/services/draft-store';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** The origin the in-process UI pretends to be loaded from. */
export const TEST_ORIGIN = 'http://127.0.0.1:4173';

/** `window.api` wired straight to the real handler table in this process: the real dispatcher, real services. */
export function inProcessApi(overrides: Partial<Services> = {}, dropPaths: Record<string, string> = {}): DepositApi {
  const services: Services = {
    scans: new ScanService(),
    grants: new RootGrants(),
    // A user-data folder of its own (created on the first save); a test that reopens a study passes one store to both instances.
    drafts: new DraftStore(path.join(os.tmpdir(), `da-drafts-${randomUUID()}`)),
    folders: { chooseFolders: async () => [], chooseExportFolder: async () => null },
    // The user answers main's "scan the dropped folders?" dialog with Scan (main/ipc/handlers.ts DropConsent).
    dropConsent: { confirm: async () => true },
    appInfo: () => ({ name: 'Deposit Assistant', version: '0.0.0-test', demoStudyPath: null }),
    ...overrides,
  };
  const dispatch = createDispatcher(createHandlers(services), createSenderCheck({ origins: [TEST_ORIGIN] }));
  const listeners = new Map<IpcEventName, Set<(p: unknown) => void>>();
  const transport: IpcTransport = {
    invoke: (channel, payload) =>
      dispatch(channel, payload, {
        senderUrl: `${TEST_ORIGIN}/index.html`,
        emit: (event, p) => listeners.get(event)?.forEach((l) => l(p)),
      }),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return {
    ...createApi(transport),
    files: { pathsForDrop: (files) => grantDroppedPaths(transport, files.map((f) => dropPaths[(f as { name: string }).name] ?? '')) },
  };
}
