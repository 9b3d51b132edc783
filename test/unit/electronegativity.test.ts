import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithAllowlist, readAllowlist, runElectronegativity, type Finding } from '../../scripts/electronegativity';

const finding = (check: string, file: string, line = 1): Finding => ({ check, file, line, description: '' });

describe('the Electronegativity gate (scripts/electronegativity.ts)', () => {
  it('fails on a finding the allow-list does not explain, and on an entry that explains nothing', () => {
    const list = { findings: [{ check: 'SANDBOX_JS_CHECK', file: 'main/electron/main.ts', why: 'w' }, { check: 'PRELOAD_JS_CHECK', file: 'main/electron/main.ts', why: 'w' }] };
    const verdict = compareWithAllowlist(
      [finding('SANDBOX_JS_CHECK', 'main/electron/main.ts', 48), finding('SANDBOX_JS_CHECK', 'main/electron/other.ts'), finding('NODE_INTEGRATION_JS_CHECK', 'main/electron/main.ts')],
      list,
    );
    expect(verdict.unexpected.map((f) => `${f.check} ${f.file}`)).toEqual(['SANDBOX_JS_CHECK main/electron/other.ts', 'NODE_INTEGRATION_JS_CHECK main/electron/main.ts']);
    expect(verdict.stale.map((e) => e.check)).toEqual(['PRELOAD_JS_CHECK']);
  });

  it('refuses an allow-list entry without its reason', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'egn-list-'));
    try {
      const file = path.join(dir, 'list.json');
      writeFileSync(file, JSON.stringify({ excludedChecks: [], findings: [{ check: 'SANDBOX_JS_CHECK', file: 'main/electron/main.ts', why: ' ' }] }));
      expect(() => readAllowlist(file)).toThrow(/needs "check", "file" and "why"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every entry of the checked-in allow-list has a reason', () => {
    const list = readAllowlist();
    expect(list.findings.length).toBeGreaterThan(0);
    for (const e of [...list.findings, ...list.excludedChecks]) expect(e.why.length, e.check).toBeGreaterThan(40);
  });

  describe('on a shell that turns the protections off', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'egn-root-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('reports the new findings, which the checked-in list does not explain, and never opens a socket', async () => {
      mkdirSync(path.join(root, 'main', 'electron'), { recursive: true });
      // Electronegativity's documented checks (its wiki, "NODE_INTEGRATION_JS_CHECK", "CONTEXT_ISOLATION_JS_CHECK",
      // "SANDBOX_JS_CHECK"): nodeIntegration true, contextIsolation false and no sandbox are each a finding.
      writeFileSync(
        path.join(root, 'main', 'electron', 'unsafe.ts'),
        "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
      );
      const connect = net.Socket.prototype.connect;
      let connections = 0;
      net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
        connections += 1;
        return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
      } as typeof connect;
      let result;
      try {
        result = await runElectronegativity({ root, files: ['main/electron'], excludedChecks: readAllowlist().excludedChecks.map((c) => c.check) });
      } finally {
        net.Socket.prototype.connect = connect;
      }
      expect(connections).toBe(0);
      expect(result.parseErrors).toEqual([]);
      const inFile = result.findings.filter((f) => f.file === 'main/electron/unsafe.ts').map((f) => f.check);
      expect(inFile).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
      const verdict = compareWithAllowlist(result.findings, readAllowlist());
      expect(verdict.unexpected.map((f) => f.check)).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
    });
  });
});
