import path from 'node:path';
import { buildSync } from 'esbuild';
import { test as base, type Page } from '@playwright/test';
import { createDispatcher, createHandlers } from '../../main/ipc/handlers';
import { createSenderCheck } from '../../main/ipc/sender';
import { ScanService } from '../../main/services/scan-service';
import { RootGrants } from '../../main/services/root-grants';
import { locateDemoStudy } from '../../main/demo/demo-study';
import type { WalkFs } from '../../main/scan/walk-fs';
import { serveStatic, type StaticServer } from './static-server';

/** The repository root. */
export const REPO = path.join(__dirname, '..', '..');
const RENDERER_DIR = path.join(REPO, 'app', 'dist', 'renderer');

/** The init script that builds window.api in the page, bundled once per worker from bridge-client.ts. */
function bridgeClientScript(): string {
  const out = buildSync({ entryPoints: [path.join(__dirname, 'bridge-client.ts')], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'chrome120' });
  return out.outputFiles[0]!.text;
}

/** What a test can set about the world outside the page: the folder picker's answer, dropped items' paths, a file system. */
export interface BridgeOptions {
  readonly dialogPaths?: readonly string[];
  readonly dropPaths?: Readonly<Record<string, string>>;
  readonly fs?: WalkFs;
  /** The save dialog's answer for an export (`null`: the user cancels it). */
  readonly exportPath?: string;
}

/** Opens the built renderer with window.api wired to the real main-process handlers running in the test process. */
export type OpenApp = (options?: BridgeOptions) => Promise<Page>;

export const test = base.extend<{ openApp: OpenApp }, { server: StaticServer; clientScript: string }>({
  server: [
    async ({}, use) => {
      const server = await serveStatic(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  clientScript: [async ({}, use) => use(bridgeClientScript()), { scope: 'worker' }],
  openApp: async ({ page, server, clientScript }, use) => {
    const scans: ScanService[] = [];
    await use(async (options = {}) => {
      const scanService = new ScanService(options.fs ? { fs: options.fs } : {});
      scans.push(scanService);
      const dispatch = createDispatcher(
        createHandlers({
          scans: scanService,
          grants: new RootGrants(),
          folders: { chooseFolders: async () => [...(options.dialogPaths ?? [])], chooseExportFolder: async () => options.exportPath ?? null },
          appInfo: () => ({ name: 'Deposit Assistant', version: 'e2e', demoStudyPath: locateDemoStudy(REPO) }),
        }),
        createSenderCheck({ origins: [server.origin] }),
      );
      await page.exposeBinding('__depositInvoke', ({ frame }, channel: string, payload: unknown) =>
        dispatch(channel, payload, {
          senderUrl: frame.url(),
          emit: (event, eventPayload) => {
            const args: [string, unknown] = [event, eventPayload];
            page.evaluate(([e, p]) => (window as unknown as { __depositEmit(e: string, p: unknown): void }).__depositEmit(e, p), args).catch(() => {
              // the page is gone (test over); events after that have no one to show them to
            });
          },
        }),
      );
      await page.addInitScript({ content: clientScript });
      if (options.dropPaths) await page.addInitScript((paths) => Object.assign(window, { __depositDropPaths: paths }), options.dropPaths);
      await page.goto(`${server.origin}/index.html`);
      return page;
    });
    for (const s of scans) s.cancelAll();
  },
});

export { expect } from '@playwright/test';

/** Drops items with the given names on an element, as a file manager would (their paths come from `dropPaths`). */
export async function dropItems(page: Page, testId: string, names: readonly string[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const name of items) dt.items.add(new File([], name));
    return dt;
  }, names);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}
