import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, USAGE } from '../../../main/cli/run-cli';
import { renderTable } from '../../../main/cli/text-table';
import { elideMiddle } from '../../../shared/text/elide';
import { formatCell } from '../../../main/cli/render-report';
import { wrap } from '../../../shared/text/wrap';
import { makeTree, numbered, removeTree } from '../../helpers/temp-tree';
import { runCliBuffered } from '../../helpers/run-cli-buffered';
import { writeNifti1 } from '../../fixtures/writers/medical/nifti';
import { REAL } from '../../fixtures/format-fixture';

let root = '';
afterEach(() => removeTree(root));

const cli = runCliBuffered;

describe('runCli arguments', () => {
  it.each([
    [[], /no command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['scan'], /at least one folder/],
    [['inspect'], /exactly one file/],
    [['inspect', 'a', 'b'], /exactly one file/],
    [['demo', 'extra'], /no arguments/],
    [['scan', '.', '--colour'], /Unknown option '--colour'/],
  ])('%j is a usage error (exit 2) with the usage text', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage:');
    expect(r.stdout).toBe('');
  });

  it('prints the report’s JSON Schema', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.stdout)).toMatchObject({ $id: expect.stringContaining('scan-report-v5'), type: 'object' });
    expect((await cli(['schema', 'x'])).code).toBe(EXIT_USAGE);
  });

  it('prints help and version on stdout', async () => {
    expect(await cli(['--help'])).toMatchObject({ code: EXIT_OK, stdout: USAGE });
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('exits 1 for a root that does not exist, naming it', async () => {
    const r = await cli(['scan', '/no/such/folder', '--json']);
    expect(r.code).toBe(EXIT_UNREADABLE);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\/no\/such\/folder cannot be scanned: it does not exist/);
  });

  it('exits 1 when inspect is given a folder or nothing', async () => {
    root = makeTree({ 'a.tif': 1 });
    expect((await cli(['inspect', root])).stderr).toMatch(/is not a regular file \(it is a folder; use `scan`\)/);
    expect((await cli(['inspect', `${root}/nope.tif`])).code).toBe(EXIT_UNREADABLE);
  });
});

describe('runCli output', () => {
  it('prints a readable table per root with the decisions explained', async () => {
    root = makeTree(Object.fromEntries(numbered('stack/slice_%d.nii', 12).map((n) => [n, writeNifti1({ dims: [4, 4], pixdim: [1, 1] })])));
    const r = await cli(['scan', root]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/12 files · 4.13 KiB · 1 filesets/);
    expect(r.stdout).toMatch(/^FOLDER\s+PATTERN\s+FILES\s+SIZE\s+FORMAT\s+MODALITY\s+DESTINATION$/m);
    expect(r.stdout).toMatch(/^stack\s+slice_####\.nii\s+12\s+4\.13 KiB\s+NIfTI\s+Patient-associated…al imaging \(0\.\d\d\)\s+Not depositable$/m);
    expect(r.stdout).toMatch(/Not depositable: 1 filesets, 12 files\.\n\s+\[patient-medical-imaging\] Patient-associated medical imaging\n\s+stack\/slice_####\.nii:\n\s+Read as Patient-associated medical imaging/);
  });

  it('with --json prints one report on stdout and nothing else', async () => {
    root = makeTree({ 'a/x.tif': 1 });
    const r = await cli(['scan', root, '--json']);
    expect(r.code).toBe(EXIT_OK);
    const parsed = JSON.parse(r.stdout) as { schemaVersion: number; filesets: unknown[] };
    expect(parsed.schemaVersion).toBe(5);
    expect(parsed.filesets).toHaveLength(1);
  });

  it('inspect --json prints what the engine read from the bytes', async () => {
    const r = await cli(['inspect', path.join(REAL, 'dicom', 'MR_small.dcm'), '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'dicom', formatSource: 'bytes', kind: 'image', facts: { medicalModality: { value: 'MR', provenance: 'header' } } });
  });

  it('inspect reports a file nobody recognises as unknown, with the reason and what the name suggested', async () => {
    root = makeTree({ 'EMD-1.map': 64 });
    const r = await cli(['inspect', `${root}/EMD-1.map`, '--json']);
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.stdout)).toMatchObject({
      path: `${root}/EMD-1.map`,
      size: 64,
      format: 'unknown',
      formatSource: 'none',
      problems: [expect.stringMatching(/recognised/)],
      evidence: [{ source: 'extension', detail: expect.stringMatching(/MRC\/CCP4 suggested by the extension \.map, not confirmed by the bytes/) }],
    });
    const human = await cli(['inspect', `${root}/EMD-1.map`]);
    expect(human.stdout).toMatch(/Format\s+Unknown/);
  });
});

describe('text helpers', () => {
  it('elides in the middle', () => {
    expect(elideMiddle('abcdefghij', 10)).toBe('abcdefghij');
    expect(elideMiddle('abcdefghijk', 7)).toBe('abc…ijk');
    expect(elideMiddle('abcdefghijk', 1)).toBe('…');
  });

  it('aligns columns and trims trailing space', () => {
    expect(renderTable([{ heading: 'A' }, { heading: 'N', align: 'right' }], [['xy', '1'], ['z', '100']])).toBe('A     N\nxy    1\nz   100');
  });

  it('wraps at spaces', () => {
    expect(wrap('one two three four', 9, '> ')).toBe('> one two\n> three\n> four');
  });

  it('marks formats not read from bytes', () => {
    expect(formatCell('tiff', 'extension')).toBe('TIFF (by ext.)');
    expect(formatCell('epu-session', 'name')).toBe('Thermo EPU session (by name)');
    expect(formatCell('tiff', 'bytes')).toBe('TIFF');
    expect(formatCell('unknown', 'none')).toBe('Unknown');
  });
});
