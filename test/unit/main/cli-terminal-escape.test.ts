import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_OK } from '../../../main/cli/run-cli';
import { escapeControls, terminalText } from '../../../main/cli/terminal-text';
import { renderInspect } from '../../../main/cli/render-report';
import { renderMetadataProblems } from '../../../main/cli/metadata-command';
import { makeTempDir, makeTree, removeTree } from '../../helpers/temp-tree';
import { runCliBuffered as cli } from '../../helpers/run-cli-buffered';

/**
 * Issue 12, finding 5: file names (and anything read from files) reach the terminal. ESC starts escape
 * sequences (ECMA-48 §5.3: ESC ] … BEL sets the window title), BEL rings, CR rewrites the line, and the C1
 * range U+0080–U+009F holds 8-bit CSI/OSC (ECMA-48 §5.2); DEL is C0's neighbour. None may be written raw.
 */
/** The raw control characters in `text` but LF, as code points: what must be `[]`. */
function rawControls(text: string): number[] {
  return [...text].map((c) => c.codePointAt(0)!).filter((n) => n !== 0x0a && (n <= 0x1f || (n >= 0x7f && n <= 0x9f)));
}
const EVIL = 'evil\x1b]0;pwned\x07\r.tif';
const EVIL_C1 = 'c1\u009b31mred\u007f.tif';

let roots: string[] = [];
afterEach(() => {
  for (const r of roots) removeTree(r);
  roots = [];
});

function evilTree(): string {
  const root = makeTree({ [`study/${EVIL}`]: 16, [`study/${EVIL_C1}`]: 16, [`odd\nname/x.tif`]: 16 });
  roots.push(root);
  return root;
}

describe('terminal escapes in the CLI’s text output', () => {
  it('escapes every control character visibly, as JSON would, and leaves other text alone', () => {
    expect(escapeControls(EVIL)).toBe('evil\\u001B]0;pwned\\u0007\\u000D.tif');
    expect(escapeControls('a\nb\tc\u009bd\u007f')).toBe('a\\u000Ab\\u0009c\\u009Bd\\u007F');
    expect(escapeControls('µm slice_0001 — “ok” 日本')).toBe('µm slice_0001 — “ok” 日本');
    expect(terminalText('line one\nline\x1btwo\n')).toBe('line one\nline\\u001Btwo\n');
  });

  it('scan: the text report names the files with their control characters escaped', async () => {
    const root = evilTree();
    const r = await cli(['scan', root]);
    expect(r.code).toBe(EXIT_OK);
    expect(rawControls(r.stdout)).toEqual([]);
    expect(rawControls(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('evil\\u001B]0;pwned\\u0007\\u000D.tif');
    // A newline in a folder's name cannot start a line of its own that looks like the tool's.
    expect(r.stdout).toContain('odd\\u000Aname');
  });

  it('scan --json: C1 and DEL are \\u escapes too, and the names parse back exactly', async () => {
    const root = evilTree();
    const r = await cli(['scan', root, '--json']);
    expect(r.code).toBe(EXIT_OK);
    expect(rawControls(r.stdout)).toEqual([]);
    const report = JSON.parse(r.stdout) as { filesets: { files: string[] }[] };
    expect(report.filesets.flatMap((f) => f.files)).toEqual(expect.arrayContaining([`study/${EVIL}`, `study/${EVIL_C1}`]));
  });

  it('inspect: the path and what was read are escaped', async () => {
    const root = evilTree();
    const r = await cli(['inspect', path.join(root, 'study', EVIL)]);
    expect(r.code).toBe(EXIT_OK);
    expect(rawControls(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('evil\\u001B]0;pwned');
    const text = renderInspect({
      path: `/x/${EVIL}`,
      format: 'unknown',
      formatSource: 'bytes',
      confidence: 0,
      kind: 'file',
      size: 1,
      modifiedAt: '2026-01-01T00:00:00.000Z',
      facts: {},
      evidence: [{ source: 'header', detail: 'Software=\x1b[2J' }],
      problems: ['title \x1b]0;x\x07'],
    } as never);
    expect(rawControls(text)).toEqual([]);
  });

  it('metadata --check: the file name and what the file said are escaped', async () => {
    const dir = makeTempDir();
    roots.push(dir);
    const file = path.join(dir, 'meta\x1b[31m.json');
    writeFileSync(file, JSON.stringify({ study: { title: 'x\x1b]0;t\x07' } }));
    const r = await cli(['metadata', '--check', file]);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
    expect(rawControls(renderMetadataProblems('a\x1bb', [{ severity: 'error', field: 'f\x07', message: 'm\r', blocks: ['EMPIAR'] }] as never))).toEqual([]);
  });

  it('export: the summary and its progress are escaped', async () => {
    const root = evilTree();
    const out = path.join(makeTempDir(), 'out\x1b]0;x\x07');
    roots.push(path.dirname(out));
    const r = await cli(['export', root, '--out', out]);
    expect(r.code).toBe(EXIT_OK);
    expect(rawControls(r.stdout)).toEqual([]);
    expect(rawControls(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('out\\u001B]0;x\\u0007');
  }, 30_000);
});
