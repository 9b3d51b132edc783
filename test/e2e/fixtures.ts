import path from 'node:path';
import { buildSync } from 'esbuild';
import { test as base, expect as baseExpect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createDispatcher, createHandlers } from '../../main/ipc/handlers';
import { createSenderCheck } from '../../main/ipc/sender';
import { ScanService } from '../../main/services/scan-service';
import { RootGrants } from '../../main/services/root-grants';
import { CommandOutbox } from '../../main/services/command-outbox';
import type { AppCommand } from '../../shared/ipc/contract';
import { DraftStore } from '../../main/services/draft-store';
import { makeTempDir, removeTree } from '../helpers/temp-tree';
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
  /** The user-data folder drafts are kept in (a fresh temporary folder per test unless given, so a test can reopen the app over it). */
  readonly draftsDir?: string;
  /** Where the save dialog puts a saved file: this folder and the suggested name (absent: the user cancels it). */
  readonly saveDir?: string;
  /** The open dialog's answer for a metadata file (absent: the user cancels it). */
  readonly metadataPath?: string;
  /** Records each folder main asks the file manager to show (`shell:reveal`). */
  readonly onReveal?: (folder: string) => void;
  /** Folders the app was launched with (dropped on its icon, or a command line): granted by main and pending for the UI, as the Electron shell does. */
  readonly launchPaths?: readonly string[];
}

/** Opens the built renderer with window.api wired to the real main-process handlers running in the test process. */
export type OpenApp = (options?: BridgeOptions) => Promise<Page>;

/**
 * What the offline guard saw: every request the page made outside the app's own files (blocked, never sent)
 * and every Content-Security-Policy refusal. A test that leaves anything here fails (docs/design.md, Security posture).
 */
export interface OfflineGuard {
  /** Requests and CSP refusals recorded so far. */
  readonly attempts: readonly string[];
  /** Returns the attempts and forgets them, for the test that proves the guard fires. */
  take(): string[];
}

/** True for what the page may load: the static server's own files, and data:/blob: URLs it made itself. */
function isAppRequest(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

export const test = base.extend<{ openApp: OpenApp; offlineGuard: OfflineGuard }, { server: StaticServer; clientScript: string }>({
  offlineGuard: async ({ page, server }, use) => {
    let attempts: string[] = [];
    // Route first, so an outside request is aborted before it leaves the machine, then recorded.
    await page.route(
      (url) => !isAppRequest(url.href, server.origin),
      (route) => {
        attempts.push(`request ${route.request().method()} ${route.request().url()}`);
        return route.abort('blockedbyclient');
      },
    );
    // The page's CSP refuses some requests before they reach the network; those count as attempts too.
    await page.exposeBinding('__depositCspViolation', (_source, text: string) => {
      attempts.push(`csp ${text}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __depositCspViolation?: (t: string) => void }).__depositCspViolation;
        report?.(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use({
      get attempts() {
        return attempts;
      },
      take() {
        const taken = attempts;
        attempts = [];
        return taken;
      },
    });
    baseExpect(attempts, 'the page tried to reach something outside the app (offline guard)').toEqual([]);
  },
  server: [
    async ({}, use) => {
      const server = await serveStatic(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  clientScript: [async ({}, use) => use(bridgeClientScript()), { scope: 'worker' }],
  // `offlineGuard` is named so every test that opens the app runs under the offline guard.
  openApp: async ({ page, server, clientScript, offlineGuard }, use) => {
    void offlineGuard;
    const scans: ScanService[] = [];
    const draftDirs: string[] = [];
    await use(async (options = {}) => {
      const draftsDir = options.draftsDir ?? makeTempDir('da-drafts-');
      if (!options.draftsDir) draftDirs.push(draftsDir);
      const scanService = new ScanService(options.fs ? { fs: options.fs } : {});
      scans.push(scanService);
      const grants = new RootGrants();
      // As main/electron/main.ts does with launch folders: granted in main, then pending until the UI asks.
      const launched = options.launchPaths ? await grants.grant(options.launchPaths) : [];
      const commands = new CommandOutbox(() => false);
      if (launched.length > 0) commands.post({ type: 'open-paths', paths: launched });
      const dispatch = createDispatcher(
        createHandlers({
          scans: scanService,
          grants,
          commands,
          drafts: new DraftStore(draftsDir),
          folders: {
            chooseFolders: async () => [...(options.dialogPaths ?? [])],
            chooseExportFolder: async () => options.exportPath ?? null,
            chooseSaveFile: async (name) => (options.saveDir ? path.join(options.saveDir, name) : null),
            chooseMetadataFile: async () => options.metadataPath ?? null,
          },
          // The user answers main's "scan the dropped folders?" dialog with Scan (main/ipc/handlers.ts DropConsent).
          dropConsent: { confirm: async () => true },
          shell: { showItemInFolder: (folder) => options.onReveal?.(folder) },
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
    for (const d of draftDirs) removeTree(d);
  },
});

export { expect } from '@playwright/test';

/** The axe-core rule sets the app is held to: WCAG 2.0–2.2 A and AA, and axe's best practices. */
const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe-core on the page as it is now; one line per violation with its nodes and what to fix, empty when clean. */
export async function a11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`);
}

/** Fails the test with every axe-core violation on the page, so a regression names what to fix. */
export async function expectNoA11yViolations(page: Page, what = 'the page'): Promise<void> {
  baseExpect(await a11yViolations(page), `accessibility violations on ${what}`).toEqual([]);
}

/** Sends the page a command of the desktop shell, as a menu item would (File ▸ Export…, Help ▸ Image-Archiving Policy). */
export async function sendAppCommand(page: Page, command: AppCommand): Promise<void> {
  await page.evaluate((c) => (window as unknown as { __depositEmit(e: string, p: unknown): void }).__depositEmit('app:command', c), command);
}

/** Drops items with the given names on an element, as a file manager would (their paths come from `dropPaths`). */
export async function dropItems(page: Page, testId: string, names: readonly string[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const name of items) dt.items.add(new File([], name));
    return dt;
  }, names);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}
