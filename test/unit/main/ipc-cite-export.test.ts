// The channels of the Cite and Export pages (citations:build, files:saveText, shell:reveal, metadata:open)
// through the real dispatcher and handlers, as window.api calls them (docs/design.md, IPC, conventions 1–3).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DepositApi } from '../../../shared/ipc/api';
import type { ExportEvent, ScanEvent } from '../../../shared/ipc/contract';
import { EMPTY_METADATA, StudyMetadataSchema } from '../../../shared/deposit/metadata';
import { EXAMPLE_METADATA } from '../../../shared/deposit/example-metadata';
import { studyCitations, citationBib } from '../../../shared/bundles/citations/study-citations';
import { citationMarkdown } from '../../../shared/bundles/citations/citation-markdown';
import { ScanService } from '../../../main/services/scan-service';
import { inProcessApi } from '../../helpers/in-process-api';
import { GALLERY } from '../../layouts/gallery';
import { makeTempDir, makeTree, removeTree } from '../../helpers/temp-tree';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) removeTree(t);
});
function temp(prefix: string): string {
  const dir = makeTempDir(prefix);
  temps.push(dir);
  return dir;
}

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The correlative two-disk layout, scanned through the API as the UI does. */
async function scannedClem(api: DepositApi): Promise<string> {
  const events: ScanEvent[] = [];
  api.scan.onEvent((e) => events.push(e));
  await api.dialog.openFolders();
  const { scanId } = await api.scan.start(clemRoots);
  await until(() => events.some((e) => e.scanId === scanId && e.type === 'done'));
  return scanId;
}

const layout = GALLERY.find((l) => l.id === 'clem-two-disks-registration-folder')!;
const clemTop = makeTree(layout.tree());
temps.push(clemTop);
const clemRoots = layout.roots!.map((r) => path.join(clemTop, r));

describe('citations:build', () => {
  it('answers the text the export writes (CITATION.md, citation.bib), with placeholders until accessions are entered', async () => {
    const scans = new ScanService();
    const api = inProcessApi({ scans, folders: { chooseFolders: async () => clemRoots, chooseExportFolder: async () => null } });
    const scanId = await scannedClem(api);
    const c = await api.citations.build(scanId, EMPTY_METADATA);
    // The layout's expert table: SBF-SEM to EMPIAR, confocal and registrations to the BIA.
    expect(c.archives).toEqual(['EMPIAR', 'BIA']);
    expect(c.availability.text).toContain('EMPIAR-XXXXX [to be filled]');
    // The same builders as the export: the page and the exported files cannot differ.
    const report = scans.fullReport(scanId);
    const direct = studyCitations(report.filesets, report.study, EMPTY_METADATA);
    expect(c.markdown).toBe(citationMarkdown(direct));
    expect(c.bibtex).toBe(citationBib(direct));
    expect(c.references.map((r) => r.archives)).toEqual([['EMPIAR'], ['BIA'], ['BIA']]);

    // docs/empiar.md §8: the accession and its DOI 10.6019/EMPIAR-#####; a malformed EMDB accession is left out and said.
    const withAccessions = StudyMetadataSchema.parse({ accessions: { empiar: 'EMPIAR-12345', emdb: ['EMD-123'] } });
    const d = await api.citations.build(scanId, withAccessions);
    expect(d.availability.text).toContain('EMPIAR-12345 (https://doi.org/10.6019/EMPIAR-12345)');
    expect(d.availability.problems.map((p) => p.field)).toEqual(['accessions.emdb[0]']);
  });
});

describe('files:saveText', () => {
  it('writes where the save dialog says, and writes nothing when it is cancelled or absent', async () => {
    const dir = temp('da-save-');
    let answer: string | null = path.join(dir, 'refs.bib');
    const api = inProcessApi({ folders: { chooseFolders: async () => [], chooseExportFolder: async () => null, chooseSaveFile: async () => answer } });
    expect(await api.saveFile.text('citation.bib', '@article{x,}\n')).toEqual({ status: 'saved', path: path.join(dir, 'refs.bib') });
    expect(readFileSync(path.join(dir, 'refs.bib'), 'utf8')).toBe('@article{x,}\n');
    answer = null;
    expect(await api.saveFile.text('citation.bib', 'y')).toEqual({ status: 'cancelled' });
    expect(await inProcessApi().saveFile.text('citation.bib', 'y')).toEqual({ status: 'cancelled' });
  });

  it('refuses a suggested name that holds a folder: the renderer never names a path', async () => {
    const api = inProcessApi({ folders: { chooseFolders: async () => [], chooseExportFolder: async () => null, chooseSaveFile: async () => '/tmp/never' } });
    await expect(api.saveFile.text('../etc/passwd', 'x')).rejects.toThrow(/Invalid files:saveText request/);
  });
});

describe('metadata:open', () => {
  it('reads the chosen JSON or YAML file as metadata --check does, and says why a file cannot be used', async () => {
    const dir = temp('da-meta-');
    const good = path.join(dir, 'study.json');
    writeFileSync(good, JSON.stringify(EXAMPLE_METADATA));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'title: [unclosed\n');
    let answer: string | null = good;
    const api = inProcessApi({ folders: { chooseFolders: async () => [], chooseExportFolder: async () => null, chooseMetadataFile: async () => answer } });
    expect(await api.metadataFile.open()).toEqual({ status: 'opened', file: good, metadata: EXAMPLE_METADATA });
    answer = bad;
    const invalid = await api.metadataFile.open();
    expect(invalid.status).toBe('invalid');
    if (invalid.status === 'invalid') expect(invalid.problems[0]?.field).toBe('(document)');
    answer = null;
    expect(await api.metadataFile.open()).toEqual({ status: 'cancelled' });
  });
});

describe('shell:reveal', () => {
  it('shows only a folder main exported itself: nothing before an export, the export folder after', async () => {
    const shown: string[] = [];
    const out = path.join(temp('da-reveal-'), 'bundles');
    const api = inProcessApi({ folders: { chooseFolders: async () => clemRoots, chooseExportFolder: async () => out }, shell: { showItemInFolder: (p) => shown.push(p) } });
    expect(await api.shell.reveal()).toEqual({ revealed: false });
    const scanId = await scannedClem(api);
    const events: ExportEvent[] = [];
    api.export.onEvent((e) => events.push(e));
    const started = await api.export.start(scanId, EMPTY_METADATA, ['md5'], false);
    if (started.status !== 'started') throw new Error(`export ${started.status}`);
    await until(() => events.some((e) => e.type === 'done' || e.type === 'failed'));
    expect(await api.shell.reveal('some-other-export')).toEqual({ revealed: false });
    expect(await api.shell.reveal(started.exportId)).toEqual({ revealed: true });
    expect(await api.shell.reveal()).toEqual({ revealed: true });
    expect(shown).toEqual([out, out]);
  });
});
