import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE } from '../../../main/cli/run-cli';
import { MAX_METADATA_BYTES, readMetadataFile } from '../../../main/cli/read-metadata';
import { localIsoDate } from '../../../main/cli/metadata-command';
import { EXAMPLE_METADATA } from '../../../shared/deposit/example-metadata';
import type { MetadataProblem } from '../../../shared/deposit/metadata-problem';
import { StudyMetadataSchema } from '../../../shared/deposit/metadata';
import { makeTree, removeTree } from '../../helpers/temp-tree';
import { runCliBuffered } from '../../helpers/run-cli-buffered';

/**
 * `deposit-assistant metadata` through `runCli` with buffers (docs/deposit.md §1.1, §1.10): the example
 * round-trips, JSON and YAML files are read, and broken files say what is wrong with exit 1.
 */

let root = '';
afterEach(() => removeTree(root));

async function cli(argv: string[], cwd = process.cwd()) {
  const r = await runCliBuffered(argv, cwd);
  return { ...r, text: r.stdout.replace(/\s+/g, ' ') };
}

/** A temporary folder holding `files` (name → text). */
function folder(files: Record<string, string | Uint8Array>): string {
  root = makeTree(files);
  return root;
}

/** A YAML study as a person writes it: defaults left out, the ORCID iD and the country unquoted. */
const STUDY_YAML = `# study.yaml
title: Correlative light and volume electron microscopy of mitochondria in HeLa cells
description: Live-cell confocal images followed by SBF-SEM of the same cells.
keywords: [CLEM, mitochondria]
authors:
  - givenName: Josiah
    familyName: Carberry
    orcid: 0000-0002-1825-0097
    email: josiah.carberry@example.org
    affiliations: [uni]
    corresponding: true
    principalInvestigator: true
organisations:
  - id: uni
    name: Example University
    country: NO
licence: CC0
release:
  policy: on-publication
organisms:
  - scientificName: Homo sapiens
    ncbiTaxonId: 9606
biosample:
  biologicalEntity: HeLa cells
specimen:
  preparation: High-pressure frozen, freeze-substituted and embedded in Epon.
`;

describe('metadata --example', () => {
  it('prints the example as JSON that the schema takes unchanged', async () => {
    const r = await cli(['metadata', '--example']);
    expect(r.code).toBe(EXIT_OK);
    expect(StudyMetadataSchema.parse(JSON.parse(r.stdout))).toEqual(EXAMPLE_METADATA);
  });

  it('and --check passes what --example printed', async () => {
    const printed = (await cli(['metadata', '--example'])).stdout;
    const cwd = folder({ 'example.json': printed });
    const r = await cli(['metadata', '--check', 'example.json'], cwd);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/example\.json: 0 errors, 1 warning/);
    expect(r.stdout).toMatch(/Nothing blocks EMPIAR, BioImage Archive, EMDB and Omics archive\./);
  });
});

describe('metadata --check', () => {
  it('reads YAML 1.2: an unquoted ORCID iD and the country NO (Norway) stay text', async () => {
    const cwd = folder({ 'study.yaml': STUDY_YAML });
    const read = await readMetadataFile('study.yaml', cwd);
    expect('metadata' in read && read.metadata.authors[0]!.orcid).toBe('0000-0002-1825-0097');
    expect('metadata' in read && read.metadata.organisations[0]!.country).toBe('NO');
    const r = await cli(['metadata', '--check', 'study.yaml'], cwd);
    expect(r.code).toBe(EXIT_OK);
  });

  it('reads a file without a known extension by its content', async () => {
    const cwd = folder({ 'study.txt': STUDY_YAML, 'study': JSON.stringify(EXAMPLE_METADATA) });
    expect((await cli(['metadata', '--check', 'study.txt'], cwd)).code).toBe(EXIT_OK);
    expect((await cli(['metadata', '--check', 'study'], cwd)).code).toBe(EXIT_OK);
  });

  it('lists errors grouped by what they block, exit 1', async () => {
    const broken = STUDY_YAML.replace('country: NO', 'country: UK').replace('licence: CC0', 'licence: CC BY 4.0').replace('0000-0002-1825-0097', '0000-0002-1825-0098');
    const cwd = folder({ 'study.yaml': broken });
    const r = await cli(['metadata', '--check', 'study.yaml'], cwd);
    expect(r.code).toBe(EXIT_UNREADABLE);
    expect(r.stdout).toMatch(/study\.yaml: 3 errors/);
    expect(r.text).toMatch(/Blocks EMPIAR and BioImage Archive: error authors\[0\]\.orcid ORCID iD 0000-0002-1825-0098 has a wrong check digit/);
    expect(r.text).toMatch(/Blocks EMPIAR: error organisations\[0\]\.country "UK" is not an ISO 3166-1 country code: use GB/);
    expect(r.text).toMatch(/error licence EMPIAR releases all its data under CC0/);
    expect(r.stdout).toMatch(/Nothing blocks EMDB and Omics archive\./);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('--json prints the problems as a JSON array', async () => {
    const cwd = folder({ 'study.yaml': STUDY_YAML.replace('licence: CC0\n', '') });
    const r = await cli(['metadata', '--check', 'study.yaml', '--json'], cwd);
    expect(r.code).toBe(EXIT_UNREADABLE);
    const problems = JSON.parse(r.stdout) as MetadataProblem[];
    expect(problems.filter((p) => p.severity === 'error')).toEqual([{ field: 'licence', severity: 'error', blocks: ['BIA'], message: expect.stringContaining('CC0') }]);
  });

  it('measures a hold from today', async () => {
    const year = Number(localIsoDate().slice(0, 4));
    const held = STUDY_YAML.replace('policy: on-publication', `policy: hold\n  until: "${year + 3}-01-01"`);
    const cwd = folder({ 'study.yaml': held });
    const problems = JSON.parse((await cli(['metadata', '--check', 'study.yaml', '--json'], cwd)).stdout) as MetadataProblem[];
    expect(problems.filter((p) => p.severity === 'error').map((p) => [p.field, p.blocks])).toEqual([
      ['release.until', ['EMPIAR']],
      ['release.until', ['BIA']],
    ]);
  });

  it('renders schema errors as field paths and plain words', async () => {
    const bad = STUDY_YAML.replace('ncbiTaxonId: 9606', 'ncbiTaxonId: human').replace('licence: CC0', 'licence: MIT').replace('    corresponding: true', '    corespondng: true');
    const cwd = folder({ 'study.yaml': bad });
    const r = await cli(['metadata', '--check', 'study.yaml'], cwd);
    expect(r.code).toBe(EXIT_UNREADABLE);
    expect(r.text).toContain('authors[0].corespondng There is no field "corespondng" here');
    expect(r.text).toContain('licence Should be one of "CC0", "CC BY 4.0", not the text "MIT".');
    expect(r.text).toContain('organisms[0].ncbiTaxonId Should be a number, not the text "human".');
    expect(r.stdout).not.toMatch(/invalid_type|ZodError|"code"/);
  });

  it.each([
    ['broken.json', '{"title": "x",', /broken\.json is not valid JSON/],
    ['broken.yaml', 'title: [unclosed\nauthors: x', /broken\.yaml is not valid YAML \(line \d+, column \d+\)/],
    ['twice.yml', 'title: A\ntitle: B\n', /twice\.yml is not valid YAML \(line 2, column 1\): Map keys must be unique/],
    ['notes.txt', 'title: "unclosed\n', /notes\.txt is neither valid JSON nor valid YAML/],
    ['list.yaml', '- a\n- b\n', /holds a list, not study metadata/],
    ['words.txt', 'Just a note about the study.\n', /holds a single value, not study metadata/],
    ['empty.yaml', '\n\n', /is empty/],
    ['image.tif', Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0xff, 0xfe]), /is not a text file/],
  ])('%s is refused with a reason, exit 1', async (name, content, message) => {
    const cwd = folder({ [name]: content });
    const r = await cli(['metadata', '--check', name], cwd);
    expect(r.code).toBe(EXIT_UNREADABLE);
    expect(r.text).toMatch(message);
    expect(r.stdout).toMatch(/Blocks EMPIAR, BioImage Archive, EMDB and Omics archive:/);
  });

  it('a missing file and a folder are refused, exit 1', async () => {
    const cwd = folder({});
    expect((await cli(['metadata', '--check', 'nope.yaml'], cwd)).text).toMatch(/nope\.yaml cannot be read: it does not exist/);
    const r = await cli(['metadata', '--check', '.'], cwd);
    expect(r.code).toBe(EXIT_UNREADABLE);
    expect(r.text).toMatch(/is not a file \(it is a folder\)/);
  });

  it(`refuses a file over ${MAX_METADATA_BYTES} bytes without parsing it`, async () => {
    const cwd = folder({ 'huge.json': `{"title": "${'x'.repeat(MAX_METADATA_BYTES)}"}` });
    const r = await cli(['metadata', '--check', 'huge.json'], cwd);
    expect(r.code).toBe(EXIT_UNREADABLE);
    expect(r.text).toMatch(/larger than 4\.00 MiB/);
  });
});

describe('metadata usage', () => {
  it.each([
    [['metadata'], /one of --example and --check/],
    [['metadata', '--example', '--check', 'x.json'], /one of --example and --check/],
    [['metadata', 'study.yaml'], /no arguments besides/],
    [['metadata', '--check'], /argument missing/],
    [['policy', '--example'], /apply to metadata only/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(message);
  });
});
