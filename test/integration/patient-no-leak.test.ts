import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScan } from '../../main/scan/run-scan';
import { EXAMPLE_METADATA } from '../../shared/deposit/example-metadata';
import { dicomCorpus } from '../fixtures/writers/medical/dicom-corpus';
import { writeMrc } from '../fixtures/writers/cryoem/mrc';
import { runCliBuffered } from '../helpers/run-cli-buffered';
import { makeTempDir, makeTree, numbered, removeTree } from '../helpers/temp-tree';

// Issue 12: the DICOM variant corpus must prove identifiable data is never listed in a bundle, copied, echoed in
// reports, logs or exports, or overridable into an archive. Each variant carries its own fake name and ID
// (dicom-corpus.ts), so any leak is found by searching for them.

const corpus = dicomCorpus();
const identifiable = corpus.filter((v) => v.identifiable);
const secrets = [...new Set(identifiable.flatMap((v) => v.secrets))];

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) removeTree(d);
  dirs = [];
  vi.restoreAllMocks();
});

/** Every file under `dir`, with its bytes. */
function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [{ file: p, bytes: readFileSync(p) }];
  });
}

/** The secrets found in a text or in bytes read both as Latin-1 and as UTF-8. */
function leaked(where: string | Buffer): string[] {
  const texts = typeof where === 'string' ? [where] : [where.toString('latin1'), where.toString('utf8')];
  return secrets.filter((s) => texts.some((t) => t.includes(s) || t.includes(s.replace('^', ' '))));
}

/** Where a variant is written: identifiable ones under clinic/, the anonymous animal study under animal/. */
function placeOf(v: (typeof corpus)[number]): string {
  return `${v.identifiable ? 'clinic' : 'animal'}/${v.name}`;
}

function study(): { root: string; dicomNames: string[] } {
  const files: Record<string, Uint8Array> = {};
  // The animal study in a folder of its own: files of one folder and type form one fileset, and a fileset with any
  // identifiable file is locked as a whole.
  for (const v of corpus) files[placeOf(v)] = v.bytes;
  const mrc = writeMrc({ nx: 16, ny: 16, nz: 41, cella: [32, 32, 41] });
  for (const n of numbered('tomo/TS_%d.mrc', 3)) files[n] = mrc;
  const root = makeTree(files);
  dirs.push(root);
  return { root, dicomNames: identifiable.map((v) => v.name) };
}

describe('patient data never leaves (issue 12)', () => {
  it('is locked, cannot be overridden into an archive, and is named nowhere in the report, the CLI output or the logs', async () => {
    expect(identifiable.length).toBeGreaterThan(10);
    expect(secrets.length).toBeGreaterThan(10);
    const { root } = study();
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));

    const outcome = await runScan([root], {
      fullHeaders: true,
      policy: { overrides: [{ target: 'clinic', destination: 'BIA' }, { target: `clinic/${identifiable[0]!.name}`, destination: 'EMPIAR' }] },
    });
    if (outcome.status !== 'done') throw new Error(`scan ended ${outcome.status}`);
    const { report } = outcome;
    for (const v of corpus) {
      const f = report.filesets.find((x) => x.files.includes(placeOf(v)));
      expect(f, v.name).toBeDefined();
      // docs/policy.md: patient-identifiable data cannot be deposited at EBI, whatever the user asks.
      if (v.identifiable) expect([v.name, f!.destination]).toEqual([v.name, 'NONE']);
      else expect([v.name, f!.destination]).not.toEqual([v.name, 'NONE']);
    }
    expect(leaked(JSON.stringify(report))).toEqual([]);

    for (const args of [['scan', '--json', '--full', root], ['scan', '--full', root], ['scan', root, '--override', 'clinic=BIA']]) {
      const run = await runCliBuffered(args);
      expect(leaked(run.stdout + run.stderr), args.join(' ')).toEqual([]);
    }
    expect(leaked(logged.join('\n'))).toEqual([]);
  }, 60_000);

  it('is neither listed, copied nor named in an export with complete metadata', async () => {
    const { root, dicomNames } = study();
    const parent = makeTempDir('da-noleak-');
    dirs.push(parent);
    const out = path.join(parent, 'export');
    const metaFile = path.join(parent, 'metadata.json');
    writeFileSync(metaFile, JSON.stringify(EXAMPLE_METADATA));
    const run = await runCliBuffered(['export', root, '--out', out, '--metadata', metaFile, '--override', 'clinic=BIA']);
    expect(run.code, run.stderr).toBe(0);
    expect(leaked(run.stdout + run.stderr)).toEqual([]);
    const exported = filesUnder(out);
    expect(exported.length).toBeGreaterThan(3);
    for (const { file, bytes } of exported) {
      expect([path.relative(out, file), leaked(bytes)]).toEqual([path.relative(out, file), []]);
      const text = bytes.toString('utf8');
      // No DICOM file is listed in a bundle, a manifest or report.json, by name…
      for (const name of dicomNames) expect(text.includes(name), `${path.relative(out, file)} lists ${name}`).toBe(false);
      // …nor copied: no exported file is a DICOM Part 10 file ("DICM" at byte 128, PS3.10 §7.1; the export copies no
      // source file at all, docs/deposit.md).
      expect(bytes.length > 132 && bytes.toString('latin1', 128, 132) === 'DICM').toBe(false);
      expect(statSync(file).isFile()).toBe(true);
    }
    // The rest was exported as usual: the anonymous mouse slide is in the BioImage Archive's file list (animal
    // imaging, docs/policy.md), the MRC stacks in a bundle's manifest.
    const listing = (dir: string, name: string) => exported.some(({ file, bytes }) => path.relative(out, file).startsWith(`${dir}/`) && bytes.toString('utf8').includes(name));
    expect(listing('bia', corpus.find((v) => !v.identifiable)!.name)).toBe(true);
    expect(exported.some(({ bytes }) => bytes.toString('utf8').includes('tomo/TS_'))).toBe(true);
  }, 60_000);
});
