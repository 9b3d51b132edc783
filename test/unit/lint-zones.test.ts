import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: REPO });

/** Lints `code` as if it were the file at `rel` and returns the messages of the boundary rules. */
async function boundaryMessages(rel: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, rel) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith('no-restricted-') ?? false)
    .map((m) => m.message);
}

describe('ESLint enforces the process boundaries of docs/design.md', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /shared\/ is pure/],
    ['shared/x.ts', "import path from 'path';\nexport const a = path;", /shared\/ is pure/],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;", /no electron/],
    ['shared/x.ts', "import { runScan } from '../main/scan/run-scan';\nexport const a = runScan;", /must not import main/],
    ['shared/x.ts', "import { App } from '../renderer/src/App';\nexport const a = App;", /must not import renderer/],
    ['shared/x.ts', 'export const t = Date.now();', /reads no clock/],
    ['shared/x.ts', 'export const e = process.env;', /reads no globals/],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", /renderer has no Node/],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;", /only through window\.api/],
    ['renderer/src/x.ts', "import { walk } from '../../main/scan/walker';\nexport const a = walk;", /must not import main/],
    ['main/scan/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron\/ may import electron/],
    ['main/scan/x.ts', "import { App } from '../../renderer/src/App';\nexport const a = App;", /must not import renderer/],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await boundaryMessages(file, code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();"],
    ['main/scan/x.ts', "import { readFileSync } from 'node:fs';\nimport { DESTINATIONS } from '../../shared/model/destination';\nexport const a = [readFileSync, DESTINATIONS];"],
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['renderer/src/x.ts', "import { formatBytes } from '../../shared/text/units';\nexport const a = formatBytes;"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});
