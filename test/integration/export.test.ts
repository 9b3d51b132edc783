// `deposit-assistant export` end to end, on study trees laid out as instruments write them (the layout
// gallery): the CLI run in-process with buffer io, the manifests checked by the system's own md5sum and
// sha256sum (GNU coreutils), the source folders hashed before and after.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../main/cli/run-cli';
import { exportCommand, type ExportFlags } from '../../main/cli/export-command';
import { ExportSummarySchema, type ExportSummary } from '../../shared/export/export-result';
import { ScanReportSchema } from '../../shared/model/scan-report';
import { EXAMPLE_METADATA } from '../../shared/deposit/example-metadata';
import { lintFileList, passesFileListRules } from '../../shared/bundles/bia/file-list-rules';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { GALLERY } from '../layouts/gallery';
import { listRegularFiles, makeTempDir, makeTree, removeTree } from '../helpers/temp-tree';

const REPO = path.join(__dirname, '..', '..');
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) removeTree(t);
});

/** A gallery layout written to a fresh temp folder: its top and its roots. */
function writeLayout(id: string): { top: string; roots: string[] } {
  const layout = GALLERY.find((l) => l.id === id);
  if (!layout) throw new Error(`no gallery layout ${id}`);
  const top = makeTree(layout.tree());
  temps.push(top);
  return { top, roots: layout.roots ? layout.roots.map((r) => path.join(top, r)) : [top] };
}

function bufferIo(signal?: AbortSignal): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    cwd: '/',
    demoSearchFrom: REPO,
    ...(signal ? { signal } : {}),
    out: () => out,
    err: () => err,
  };
}

function freshOut(name = 'export'): string {
  const parent = makeTempDir('da-export-');
  temps.push(parent);
  return path.join(parent, name);
}

/** Every file below `dir` with its MD5 and mtime — read independently of the code under test. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of listRegularFiles(dir)) {
    const abs = path.join(dir, rel);
    out[rel] = `${createHash('md5').update(readFileSync(abs)).digest('hex')} ${statSync(abs).mtimeMs}`;
  }
  return out;
}

function allText(dir: string): string {
  return listRegularFiles(dir).map((rel) => readFileSync(path.join(dir, rel), 'latin1')).join('\n');
}

function verify(tool: 'md5sum' | 'sha256sum', root: string, manifest: string) {
  return spawnSync(tool, ['--strict', '-c', manifest], { cwd: root, encoding: 'utf8' });
}

describe('export of a correlative study on two disks (clem-two-disks-registration-folder)', () => {
  let roots: string[] = [];
  let out = '';
  let summary: ExportSummary;
  let before: Record<string, string>[] = [];
  let code: number;
  let io: ReturnType<typeof bufferIo>;

  beforeAll(async () => {
    ({ roots } = writeLayout('clem-two-disks-registration-folder'));
    before = roots.map(fingerprint);
    out = freshOut();
    io = bufferIo();
    code = await runCli(['export', ...roots, '--out', out, '--checksums', 'md5,sha256', '--json'], io);
    summary = ExportSummarySchema.parse(JSON.parse(io.out()));
  });

  it('writes one folder per bundle and the study files', () => {
    expect(code).toBe(0);
    // The layout's expert table: SBF-SEM to EMPIAR, confocal and the registration folder to the BIA.
    expect(summary.bundles.map((b) => b.folder)).toEqual(['empiar', 'bia']);
    for (const f of ['report.json', 'README.md', 'CITATION.md', 'citation.bib', 'citation.ris', 'empiar/PREFLIGHT.md', 'bia/PREFLIGHT.md']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const report = ScanReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')));
    expect(report.bundles.map((b) => b.archive)).toEqual(['EMPIAR', 'BIA']);
    expect(report.bundles.every((b) => b.checklist.length > 0)).toBe(true);
  });

  it('writes manifests per bundle and root that md5sum -c and sha256sum -c verify from the root', () => {
    const [lm, em] = roots as [string, string];
    // Files per bundle and root, from the layout: 12 SBF-SEM slices on em_disk (EMPIAR); 2 ND2 on lm_disk and
    // 3 registration files on em_disk (BIA).
    const expected: Array<[string, string, number]> = [
      ['empiar/MANIFEST-em_disk', em, 12],
      ['bia/MANIFEST-lm_disk', lm, 2],
      ['bia/MANIFEST-em_disk', em, 3],
    ];
    for (const [stem, root, entries] of expected) {
      for (const [tool, ext] of [['md5sum', 'md5'], ['sha256sum', 'sha256']] as const) {
        const r = verify(tool, root, path.join(out, `${stem}.${ext}`));
        expect(r.status, `${stem}.${ext}: ${r.stderr}`).toBe(0);
        expect(r.stdout.trim().split('\n').filter((l) => l.endsWith(': OK')), `${stem}.${ext}`).toHaveLength(entries);
      }
    }
    expect(summary.checksums).toMatchObject({ files: 17, hashed: 17, reused: 0, failed: 0 });
  });

  it('copies no source data and leaves every source file byte-for-byte and mtime unchanged', () => {
    expect(roots.map(fingerprint)).toEqual(before);
    const sourceDigests = new Set(Object.values(before).flatMap((fp) => Object.values(fp).map((v) => v.split(' ')[0])));
    for (const rel of listRegularFiles(out)) {
      const digest = createHash('md5').update(readFileSync(path.join(out, rel))).digest('hex');
      expect(sourceDigests.has(digest), rel).toBe(false);
    }
  });

  it('lists what the archives will question in PREFLIGHT.md and in the JSON', () => {
    // The layout writes cellA and cellB from the same ND2 sample and every slice from the same bytes.
    const bia = summary.bundles.find((b) => b.archive === 'BIA')!;
    expect(bia.preflight.map((f) => f.code)).toContain('duplicate-content');
    expect(readFileSync(path.join(out, 'bia', 'PREFLIGHT.md'), 'utf8')).toContain('lm_disk/confocal/cellA_spinning.nd2 = lm_disk/confocal/cellB_spinning.nd2');
  });
});

describe('the issue\'s "done when": a correlative study with complete metadata', () => {
  it('yields an EMPIAR JSON that passes the upstream schema, BIA file lists that pass every rule, and verifying manifests', async () => {
    const { roots } = writeLayout('clem-two-disks-registration-folder');
    const metaDir = makeTempDir('da-meta-');
    temps.push(metaDir);
    const metaFile = path.join(metaDir, 'study.json');
    writeFileSync(metaFile, JSON.stringify(EXAMPLE_METADATA));
    const before = roots.map(fingerprint);
    const out = freshOut();
    const io = bufferIo();
    expect(await runCli(['export', ...roots, '--out', out, '--metadata', metaFile, '--json'], io), io.err()).toBe(0);
    // The upstream schema (empiar-depositor, copied in the repository), compiled here with Ajv as draft-07.
    const { $schema: _meta, ...schema } = JSON.parse(readFileSync(path.join(REPO, 'shared', 'bundles', 'empiar', 'empiar-deposition.schema.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const empiar = path.join(out, 'empiar', 'empiar-deposition.json');
    expect(existsSync(empiar), readdirSync(path.join(out, 'empiar')).join(', ')).toBe(true);
    expect(validate(JSON.parse(readFileSync(empiar, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    const lists = listRegularFiles(path.join(out, 'bia')).filter((f) => f.endsWith('.tsv'));
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) {
      const problems = lintFileList(readFileSync(path.join(out, 'bia', list), 'utf8'), { name: list });
      expect(passesFileListRules(problems), `${list}: ${JSON.stringify(problems)}`).toBe(true);
    }
    expect(verify('md5sum', roots[1]!, path.join(out, 'empiar', 'MANIFEST-em_disk.md5')).status).toBe(0);
    expect(roots.map(fingerprint)).toEqual(before);
  });
});

describe('the issue\'s "done when", continued: what the paper and the archives get', () => {
  async function exportWith(metadata: unknown): Promise<{ out: string; code: number; err: string }> {
    const { roots } = writeLayout('clem-two-disks-registration-folder');
    const metaDir = makeTempDir('da-meta-');
    temps.push(metaDir);
    const metaFile = path.join(metaDir, 'study.json');
    writeFileSync(metaFile, JSON.stringify(metadata));
    const out = freshOut();
    const io = bufferIo();
    const code = await runCli(['export', ...roots, '--out', out, '--metadata', metaFile], io);
    return { out, code, err: io.err() };
  }

  it('is experiment type 7 (CLEM), links both accessions, and the data-availability text cites them with their DOIs', async () => {
    // Accessions in the archives' documented forms (docs/empiar.md §8: EMPIAR-#####, DOI 10.6019/EMPIAR-#####;
    // docs/bia.md §4: S-BIAD<n>, DOI 10.6019/S-BIAD<n>).
    const metadata = { ...EXAMPLE_METADATA, accessions: { ...EXAMPLE_METADATA.accessions, empiar: 'EMPIAR-12345', bia: 'S-BIAD1234' } };
    const { out, code, err } = await exportWith(metadata);
    expect(code, err).toBe(0);
    const empiar = JSON.parse(readFileSync(path.join(out, 'empiar', 'empiar-deposition.json'), 'utf8')) as Record<string, unknown>;
    // EMPIAR experiment type 7 is correlative light-electron microscopy (docs/empiar.md §2.2); the BIA study is
    // linked from the EMPIAR side as biostudies_references (docs/bia.md §5.2).
    expect(empiar.experiment_type).toBe(7);
    expect(empiar.biostudies_references).toEqual([{ name: 'S-BIAD1234' }]);
    const citation = readFileSync(path.join(out, 'CITATION.md'), 'utf8');
    expect(citation).toContain('EMPIAR-12345');
    expect(citation).toContain('10.6019/EMPIAR-12345');
    expect(citation).toContain('S-BIAD1234');
    expect(citation).toContain('10.6019/S-BIAD1234');
    expect(citation).not.toContain('[to be filled]');
    // The archives' own papers (docs/empiar.md §8, docs/bia.md §4), in all three forms.
    for (const f of ['CITATION.md', 'citation.bib', 'citation.ris']) {
      const text = readFileSync(path.join(out, f), 'utf8');
      expect(text, f).toContain('10.1093/nar/gkac1062');
      expect(text, f).toContain('10.1016/j.jmb.2022.167505');
    }
    // The BIA lists the light microscopy (2 ND2 stacks) and the 3 registration files of the layout's tree, and
    // the EMPIAR entry (docs/bia.md §5.2: a study link of Type empiar) in its RO-Crate or checklist.
    const lists = listRegularFiles(path.join(out, 'bia')).filter((f) => f.endsWith('.tsv'));
    const listed = lists.flatMap((l) => readFileSync(path.join(out, 'bia', l), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t')[0]));
    expect(listed.sort()).toEqual([
      'em_disk/registration/TransformParameters.0.txt',
      'em_disk/registration/cellA_LM_to_EM_transfo.xml',
      'em_disk/registration/cellA_landmarks.csv',
      'lm_disk/confocal/cellA_spinning.nd2',
      'lm_disk/confocal/cellB_spinning.nd2',
    ]);
    expect(allText(path.join(out, 'bia'))).toContain('EMPIAR-12345');
  });

  it('with incomplete metadata writes drafts that say what is missing, never a final EMPIAR file', async () => {
    const authors = EXAMPLE_METADATA.authors.map((a) => ({ ...a, corresponding: false }));
    const { out, code, err } = await exportWith({ ...EXAMPLE_METADATA, authors });
    expect(code, err).toBe(0);
    const files = readdirSync(path.join(out, 'empiar'));
    expect(files).not.toContain('empiar-deposition.json');
    expect(files).toContain('empiar-deposition.draft.json');
    // EMPIAR needs one corresponding author (docs/empiar.md §1.1); the missing list says so in words.
    expect(readFileSync(path.join(out, 'empiar', 'MISSING.md'), 'utf8')).toMatch(/corresponding author/i);
    const report = ScanReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')));
    expect(report.bundles.find((b) => b.archive === 'EMPIAR')?.readiness.ready).toBe(false);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toMatch(/corresponding author/i);
  });
});

describe('export refuses, writing nothing', () => {
  let roots: string[] = [];
  let top = '';
  beforeAll(() => {
    ({ top, roots } = writeLayout('correlative-cryosim-soft-xray'));
  });

  async function refused(args: string[], expectedCode = 3) {
    const io = bufferIo();
    const code = await runCli(['export', ...roots, ...args], io);
    expect(code, io.err()).toBe(expectedCode);
    expect(io.out()).toBe('');
    return io.err();
  }

  it('inside a scanned root', async () => {
    const before = fingerprint(top);
    expect(await refused(['--out', path.join(top, 'SXT', 'export')])).toMatch(/inside the scanned folder/);
    expect(fingerprint(top)).toEqual(before);
    expect(readdirSync(path.join(top, 'SXT')).sort()).toEqual(['cell01', 'cell02']);
  });

  it('around a scanned root', async () => {
    const sub = writeLayout('correlative-cryosim-soft-xray');
    const io = bufferIo();
    expect(await runCli(['export', path.join(sub.top, 'SXT'), '--out', sub.top, '--force'], io)).toBe(3);
    expect(io.err()).toMatch(/would hold the scanned folder/);
  });

  it('over an existing folder without --force, and over a folder that is not an export even with --force', async () => {
    const out = freshOut();
    mkdirSync(out);
    writeFileSync(path.join(out, 'thesis.docx'), 'precious');
    expect(await refused(['--out', out])).toMatch(/already exists; use --force/);
    expect(await refused(['--out', out, '--force'])).toMatch(/not an export written by deposit-assistant/);
    expect(readdirSync(out)).toEqual(['thesis.docx']);
    expect(readdirSync(path.dirname(out))).toEqual(['export']);
  });

  it('when the parent folder is missing', async () => {
    expect(await refused(['--out', path.join(freshOut(), 'a', 'b')])).toMatch(/does not exist/);
  });

  it.skipIf(process.getuid?.() === 0)('when the parent folder is not writable', async () => {
    const out = freshOut();
    const parent = path.dirname(out);
    spawnSync('chmod', ['a-w', parent]);
    try {
      expect(await refused(['--out', out])).toMatch(/not writable/);
    } finally {
      spawnSync('chmod', ['u+w', parent]);
    }
  });

  it.each([
    [['--checksums', 'crc32', '--out', '/tmp/x'], /unknown algorithm "crc32"/],
    [[], /export needs --out DIR/],
  ])('on a usage error (%j), with exit code 2', async (args, message) => {
    expect(await refused(args, 2)).toMatch(message);
  });
});

describe('an interrupted export', () => {
  it('leaves nothing at DIR, keeps the finished checksums and hashes only the rest when run again', async () => {
    const { roots } = writeLayout('clem-two-disks-registration-folder');
    const out = freshOut();
    const flags: ExportFlags = { out, checksums: ['md5'], force: false, json: true, quiet: true, follow: false, full: false, policy: {} };
    const controller = new AbortController();
    const finished: string[] = [];
    const first = await exportCommand(roots, flags, {
      ...bufferIo(controller.signal),
      exportHooks: {
        onFileDone: (root, rel) => {
          finished.push(`${root}/${rel}`);
          if (finished.length === 4) controller.abort();
        },
      },
    });
    expect(first).toBe('interrupted');
    expect(existsSync(out)).toBe(false);
    const partial = readdirSync(path.dirname(out));
    expect(partial).toHaveLength(1);
    expect(partial[0]).toMatch(/^export\.partial-[0-9a-f]{8}$/);

    const hashed: string[] = [];
    const io = bufferIo();
    const second = await exportCommand(roots, flags, { ...io, exportHooks: { onHashed: (root, rel) => hashed.push(`${root}/${rel}`) } });
    expect(second).toBe('written');
    const all = roots.flatMap((r) => listRegularFiles(r).map((rel) => `${r}/${rel}`));
    // The 17 files of the layout's EMPIAR and BIA bundles: all but the 4 finished before the interruption.
    expect(all).toHaveLength(17);
    expect(hashed.sort()).toEqual(all.filter((f) => !finished.slice(0, 4).includes(f)).sort());
    expect(ExportSummarySchema.parse(JSON.parse(io.out())).checksums).toMatchObject({ hashed: 13, reused: 4 });
    expect(verify('md5sum', roots[1]!, path.join(out, 'empiar', 'MANIFEST-em_disk.md5')).status).toBe(0);
    expect(readdirSync(path.dirname(out))).toEqual(['export']);
  });
});

describe('Ctrl-C', () => {
  it('exits 130 with nothing written', async () => {
    const { roots } = writeLayout('correlative-cryosim-soft-xray');
    const out = freshOut();
    const io = bufferIo(AbortSignal.abort());
    expect(await runCli(['export', ...roots, '--out', out], io)).toBe(130);
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });
});

describe('a failure mid-export', () => {
  it('leaves no export folder and no half bundle', async () => {
    const { roots } = writeLayout('clem-two-disks-registration-folder');
    const out = freshOut();
    const flags: ExportFlags = { out, checksums: ['md5'], force: false, json: true, quiet: true, follow: false, full: false, policy: {} };
    let writes = 0;
    const io = bufferIo();
    const result = await exportCommand(roots, flags, {
      ...io,
      exportHooks: {
        beforeWrite: (rel) => {
          writes++;
          if (rel.startsWith('bia/')) throw new Error('no space left on device (injected)');
        },
      },
    });
    expect(result).toBe('unreadable');
    expect(writes).toBeGreaterThan(1); // the EMPIAR bundle was being written when it failed
    expect(io.err()).toMatch(/could not be written \(no space left on device \(injected\)\)/);
    expect(existsSync(out)).toBe(false);
    // Nothing of any bundle is left in the temporary folder (no checksum had been computed yet either).
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });
});

describe('patient data', () => {
  it('appears in no exported file, by path or header value, and gets no manifest', async () => {
    const { roots } = writeLayout('dicom-wsi-deidentified-and-identifiable');
    const out = freshOut();
    const io = bufferIo();
    expect(await runCli(['export', ...roots, '--out', out, '--checksums', 'md5,sha256', '--json'], io)).toBe(0);
    const summary = ExportSummarySchema.parse(JSON.parse(io.out()));
    // Both cohorts are human pathology slides that still carry identifying fields, so both are locked out
    // (issue 12, finding 8; the gallery's expert table): nothing is bundled for an archive.
    expect(summary.bundles.map((b) => b.folder)).toEqual(['not-depositable']);
    const none = summary.bundles.find((b) => b.archive === 'NONE')!;
    expect(none.manifests).toEqual([]);
    expect(none.files.some((f) => /MANIFEST|PREFLIGHT/.test(f))).toBe(false);
    const text = allText(out);
    // The identifiable slide's paths and the patient fields the layout writes (PatientName, PatientID, BirthDate).
    for (const level of [0, 1, 2]) expect(text).not.toContain(`1.2.826.0.1.3680043.8.498.1/level-${level}.dcm`);
    for (const value of ['DOE^JANE', 'MRN4471902', '19610214']) expect(text).not.toContain(value);
    // Nor do the "de-identified" cohort's files, now locked too: no bundle folder of an archive was written.
    expect(existsSync(path.join(out, 'bia'))).toBe(false);
    expect(text).not.toContain('ANON0001');
  });
});

describe('odd file names', () => {
  it('verify with md5sum -c: a space, quotes, a backslash, a newline and a name that is not UTF-8', async () => {
    const root = makeTree({ 'lm/cell A.tif': 'a', "lm/it's \"x\".tif": 'b', 'lm/back\\slash.tif': 'c', 'lm/new\nline.tif': 'd' });
    temps.push(root);
    writeFileSync(Buffer.concat([Buffer.from(`${root}/lm/caf`), Buffer.from([0xe9]), Buffer.from('.tif')]), 'e');
    const out = freshOut();
    const io = bufferIo();
    // The files are plain TIFF-named bytes the engine leaves for review: the user sends the folder to the BIA.
    expect(await runCli(['export', root, '--out', out, '--override', `${root}/lm=BIA`, '--json'], io), io.err()).toBe(0);
    const manifest = path.join(out, 'bia', `MANIFEST-${path.basename(root)}.md5`);
    const r = verify('md5sum', root, manifest);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').filter((l) => l.endsWith(': OK'))).toHaveLength(5);
    const bia = ExportSummarySchema.parse(JSON.parse(io.out())).bundles.find((b) => b.archive === 'BIA')!;
    expect(bia.preflight.map((f) => f.code)).toEqual(expect.arrayContaining(['not-utf8-name', 'bia-path-characters', 'bia-path-space']));
  });
});
