import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, createHandlers, type CallContext, type DropConsent } from '../../../main/ipc/handlers';
import { createSenderCheck } from '../../../main/ipc/sender';
import { ScanService } from '../../../main/services/scan-service';
import { RootGrants } from '../../../main/services/root-grants';
import { isAllowedRequest } from '../../../main/electron/request-policy';
import { devRendererUrl, windowWebPreferences } from '../../../main/electron/window-options';
import { makeTree, removeTree } from '../../helpers/temp-tree';

let root = '';
afterEach(() => removeTree(root));

const TRUSTED = 'file:///opt/app/dist/renderer/index.html';

/** The real handler table behind the real dispatcher; `consent` answers main's "scan these dropped folders?" dialog. */
function dispatcher(chosen: string[], consent?: DropConsent) {
  const dispatch = createDispatcher(
    createHandlers({
      scans: new ScanService(),
      grants: new RootGrants(),
      folders: { chooseFolders: async () => chosen, chooseExportFolder: async () => null },
      ...(consent ? { dropConsent: consent } : {}),
      appInfo: () => ({ name: 'Deposit Assistant', version: '1', demoStudyPath: null }),
    }),
    createSenderCheck({ fileUrl: TRUSTED, origins: ['http://localhost:5173'] }),
  );
  const ctx = (senderUrl: string | undefined = TRUSTED): CallContext => ({ senderUrl, emit: () => {} });
  return { dispatch, ctx };
}

describe('roots:grant (issue 12, finding 6a): the renderer cannot grant itself a folder', () => {
  it('grants nothing when no one in main asks the user', async () => {
    root = makeTree({ 'secret/a.tif': 1 });
    const { dispatch, ctx } = dispatcher([]);
    await expect(dispatch('roots:grant', { paths: [`${root}/secret`] }, ctx())).resolves.toEqual({ ok: true, value: { paths: [] } });
    await expect(dispatch('scan:start', { roots: [`${root}/secret`] }, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
  });

  it('grants dropped folders only when the user confirms them in main’s own dialog, which names them', async () => {
    root = makeTree({ 'lm/a.tif': 1, 'em/b.tif': 1 });
    const asked: (readonly string[])[] = [];
    let answer = false;
    const { dispatch, ctx } = dispatcher([], { confirm: async (paths) => (asked.push(paths), answer) });
    await expect(dispatch('roots:grant', { paths: [`${root}/lm`] }, ctx())).resolves.toEqual({ ok: true, value: { paths: [] } });
    await expect(dispatch('scan:start', { roots: [`${root}/lm`] }, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
    answer = true;
    await expect(dispatch('roots:grant', { paths: [`${root}/lm`, `${root}/em`, '/does/not/exist'] }, ctx())).resolves.toEqual({ ok: true, value: { paths: [`${root}/lm`, `${root}/em`] } });
    expect(asked).toEqual([[`${root}/lm`], [`${root}/lm`, `${root}/em`]]);
    await expect(dispatch('scan:start', { roots: [`${root}/em`] }, ctx())).resolves.toMatchObject({ ok: true });
    // Folders already granted (or inside one) are not asked about again.
    answer = false;
    await expect(dispatch('roots:grant', { paths: [`${root}/lm`] }, ctx())).resolves.toEqual({ ok: true, value: { paths: [`${root}/lm`] } });
    expect(asked).toHaveLength(2);
  });

  it('does not ask at all about paths that are not on disk', async () => {
    const asked: (readonly string[])[] = [];
    const { dispatch, ctx } = dispatcher([], { confirm: async (paths) => (asked.push(paths), true) });
    await expect(dispatch('roots:grant', { paths: ['/does/not/exist'] }, ctx())).resolves.toEqual({ ok: true, value: { paths: [] } });
    expect(asked).toEqual([]);
  });
});

describe('the grant check of a root that does not exist (issue 12, finding 6b)', () => {
  it('refuses a missing root outside every granted folder as not granted', async () => {
    const { dispatch, ctx } = dispatcher([]);
    await expect(dispatch('scan:start', { roots: ['/does/not/exist'] }, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
  });

  it('lets a missing root inside a granted folder through to say it does not exist', async () => {
    root = makeTree({ 'chosen/a.tif': 1 });
    const { dispatch, ctx } = dispatcher([`${root}/chosen`]);
    await dispatch('dialog:openFolders', {}, ctx());
    await expect(dispatch('scan:start', { roots: [`${root}/chosen/gone`] }, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ROOT', message: expect.stringMatching(/does not exist/) } });
    await expect(dispatch('scan:start', { roots: [`${root}/chosen/../elsewhere`] }, ctx())).resolves.toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
  });
});

describe('the sender check compares the whole origin (issue 12, finding 6c)', () => {
  it.each([
    ['a file page on another host', 'file://remotehost/opt/app/dist/renderer/index.html', false],
    // The URL standard reads file://localhost/ as this machine (host ''), the same page.
    ['the app’s page named with localhost', 'file://localhost/opt/app/dist/renderer/index.html', true],
    ['the app’s page', TRUSTED, true],
    ['the dev server', 'http://localhost:5173/index.html', true],
    ['the dev server’s host over https', 'https://localhost:5173/', false],
  ])('%s → %s', async (_what, url, trusted) => {
    const { dispatch, ctx } = dispatcher([]);
    const answer = await dispatch('app:info', {}, ctx(url));
    expect(answer.ok).toBe(trusted);
    if (!answer.ok) expect(answer.error.code).toBe('FORBIDDEN');
  });
});

describe('isAllowedRequest refuses, never throws (issue 12, finding 6d)', () => {
  const policy = { rendererDir: '/opt/app/dist/renderer' };
  it.each([
    'file://remotehost/opt/app/dist/renderer/index.html',
    'file:///opt/app/dist/renderer/a%2F..%2F..%2Fmain.js',
    'file:///opt/app/dist/renderer/%00.js',
    'http://[::1',
    '',
  ])('%j → refused', (url) => {
    expect(() => isAllowedRequest(url, policy)).not.toThrow();
    expect(isAllowedRequest(url, policy)).toBe(false);
  });

  it('refuses rather than throws when the dev origin itself is malformed, and matches the dev server by scheme too', () => {
    expect(isAllowedRequest('http://localhost:5173/', { ...policy, devOrigin: 'not a url' })).toBe(false);
    const dev = { ...policy, devOrigin: 'http://localhost:5173' };
    expect(isAllowedRequest('https://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRequest('wss://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
  });

  it('lets DevTools load only where DevTools are on', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { ...policy, devTools: false })).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { ...policy, devTools: true })).toBe(true);
  });
});

describe('the packaged app (issue 12, finding 6e, 6f)', () => {
  it('flips the Electron fuses in electron-builder.yml, under the key names electron-builder knows', () => {
    const config = parseYaml(readFileSync(path.join(__dirname, '../../../electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
    // The key names are electron-builder's own schema (FuseOptionsV1; docs: electron.build "Adding Electron Fuses").
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    for (const key of Object.keys(config.electronFuses ?? {})) expect(Object.keys(scheme.definitions.FuseOptionsV1.properties)).toContain(key);
  });

  it('honours ELECTRON_RENDERER_URL only when not packaged, and only for a loopback dev server', () => {
    expect(devRendererUrl({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toBeUndefined();
    expect(devRendererUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toBe('http://localhost:5173');
    expect(devRendererUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' } })).toBe('http://127.0.0.1:5173/');
    expect(devRendererUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'https://evil.example/' } })).toBeUndefined();
    expect(devRendererUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'file:///tmp/evil.html' } })).toBeUndefined();
    expect(devRendererUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'not a url' } })).toBeUndefined();
    expect(devRendererUrl({ isPackaged: false, env: {} })).toBeUndefined();
  });

  it('turns DevTools off in a packaged build and keeps the window locked down either way', () => {
    expect(windowWebPreferences({ isPackaged: true, preload: '/p.js' })).toMatchObject({ devTools: false, contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/p.js' });
    expect(windowWebPreferences({ isPackaged: false, preload: '/p.js' })).toMatchObject({ devTools: true, contextIsolation: true, sandbox: true });
  });
});
