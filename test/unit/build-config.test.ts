import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateDemoStudy, PACKAGED_DEMO_DIR } from '../../main/demo/demo-study';
import { makeTree, removeTree } from '../helpers/temp-tree';

const REPO = path.join(__dirname, '..', '..');
const read = (rel: string) => readFileSync(path.join(REPO, rel), 'utf8');
const rootPkg = JSON.parse(read('package.json')) as { version: string; name: string; bin: Record<string, string>; type?: string };
const appPkg = JSON.parse(read('app/package.json')) as { version: string; main: string; dependencies?: object };

describe('packaging manifests', () => {
  it('keep one version and point at the built main process', () => {
    expect(appPkg.version).toBe(rootPkg.version);
    expect(appPkg.main).toBe('dist/main/index.js');
    expect(appPkg.dependencies ?? {}).toEqual({});
  });

  it('stay CommonJS so the sandboxed preload builds as CommonJS', () => {
    expect(rootPkg.type).toBeUndefined();
  });

  it('expose the CLI as the deposit-assistant bin', () => {
    expect(rootPkg.bin).toEqual({ 'deposit-assistant': 'bin/deposit-assistant.js' });
  });

  it('tell electron-builder about app/, build/, every target and the demo study', () => {
    const yml = read('electron-builder.yml');
    expect(yml).toMatch(/^\s+app: app$/m);
    expect(yml).toMatch(/^\s+buildResources: build$/m);
    expect(yml).toMatch(/target: \[AppImage, deb\]/);
    expect(yml).toMatch(/target: nsis/);
    expect(yml).toMatch(/target: dmg/);
    expect(yml).toMatch(new RegExp(`from: demo/study\\s+to: ${PACKAGED_DEMO_DIR}`));
  });
});

describe('locateDemoStudy', () => {
  it('finds the checkout’s demo study from the build output folder', () => {
    expect(locateDemoStudy(path.join(REPO, 'app', 'dist', 'main'))).toBe(path.join(REPO, 'demo', 'study'));
  });

  it('prefers the packaged copy beside the resources', () => {
    const resources = makeTree({ [`${PACKAGED_DEMO_DIR}/a.txt`]: 'x' });
    try {
      expect(locateDemoStudy('/nonexistent/app/dist/main', resources)).toBe(path.join(resources, PACKAGED_DEMO_DIR));
    } finally {
      removeTree(resources);
    }
  });

  it('is null when there is none', () => {
    expect(locateDemoStudy('/nonexistent/a/b/c')).toBeNull();
  });
});
