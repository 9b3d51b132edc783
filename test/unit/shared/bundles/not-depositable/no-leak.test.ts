import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBundles, planBundles } from '../../../../../shared/bundles/plan-bundles';
import { renderStudyFiles } from '../../../../../shared/bundles/study-files';
import { notDepositableBundler } from '../../../../../shared/bundles/not-depositable/not-depositable-bundler';
import { showableFolder, REDACTED_SEGMENT } from '../../../../../shared/bundles/not-depositable/left-out';
import { StudyMetadataSchema } from '../../../../../shared/deposit/metadata';
import type { Fileset } from '../../../../../shared/model/fileset';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';

/** Facts whose values are the product's own vocabulary or DICOM attribute names, not values read from the data. */
const VOCABULARY = new Set(['imagingMode', 'arrangement', 'patient']);

/** Every string leaf of a value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** What of a fileset must not leak: its files (paths and names), its pattern, and the string values of its facts. */
function identifying(f: Fileset): string[] {
  const facts = Object.entries(f.facts).flatMap(([name, fact]) => (VOCABULARY.has(name) ? [] : strings((fact as { value: unknown }).value)));
  return [...f.files, ...f.files.map(basename), f.pattern, ...facts];
}

/** Strings of the NONE filesets that no depositable fileset shares (a shared instrument name is not theirs to hide). */
function forbidden(filesets: readonly Fileset[]): string[] {
  const none = filesets.filter((f) => f.destination === 'NONE');
  const shared = new Set(filesets.filter((f) => f.destination !== 'NONE').flatMap(identifying));
  return [...new Set(none.flatMap(identifying))].filter((s) => s.trim() !== '' && !shared.has(s));
}

/** Short values (CT, 05) are matched as whole words; longer ones anywhere. */
function leaks(text: string, value: string): boolean {
  if (value.length >= 4) return text.includes(value);
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9])${escaped}([^A-Za-z0-9]|$)`).test(text);
}

/** Every file an export writes from the study: each bundle's files and the study files. */
function everything(s: GalleryStudy): { path: string; content: string }[] {
  const input = { filesets: s.report.filesets, study: s.report.study, roots: s.report.roots };
  const metadata = StudyMetadataSchema.parse({});
  const bundles = renderBundles(input, metadata);
  return [
    ...bundles.flatMap((b) => b.files.map((f) => ({ path: `${b.bundle.archive}/${f.path}`, content: f.content }))),
    ...bundles.map((b) => ({ path: `${b.bundle.archive}/bundle.json`, content: JSON.stringify(b.bundle) })),
    ...renderStudyFiles(input, metadata, bundles),
  ];
}

const studies: Record<string, GalleryStudy> = {};
beforeAll(async () => {
  for (const id of ['clinical-dicom-pacs-export', 'dicom-wsi-deidentified-and-identifiable', 'empiar-upload-folder-mac-copy']) studies[id] = await scanGalleryLayout(id);
}, 120_000);
afterAll(() => Object.values(studies).forEach((s) => s.remove()));

describe('no file name or header value of not-depositable data appears in any exported file (docs/deposit.md §7)', () => {
  for (const id of ['clinical-dicom-pacs-export', 'dicom-wsi-deidentified-and-identifiable']) {
    it(id, () => {
      const s = studies[id]!;
      const bad = forbidden(s.report.filesets);
      // At least the layouts' patient files themselves (PACS export: 5 files; WSI from PACS: 3 levels under a UID folder).
      expect(bad.length).toBeGreaterThanOrEqual(3);
      const files = everything(s);
      expect(files.some((f) => f.path === 'NONE/not-depositable.md')).toBe(true);
      for (const f of files) for (const v of bad) expect(leaks(f.content, v), `${f.path} holds "${v}"`).toBe(false);
    });
  }

  it('clinical PACS export: counts and folders of the patient-identifiable data, in the clause’s words, no file list', () => {
    const s = studies['clinical-dicom-pacs-export']!;
    const ctx = { target: 'NONE' as const, members: s.report.filesets.filter((f) => f.destination === 'NONE'), filesets: s.report.filesets, study: s.report.study, roots: s.report.roots, metadata: StudyMetadataSchema.parse({}) };
    const [md] = notDepositableBundler.render(ctx);
    // The gallery tree: CT000001–2.dcm, MR000001–2.dcm and IM0001 in three series folders of ST000001.
    expect(md!.content).toContain('3 filesets, 5 files');
    expect(md!.content).toContain('- PACS_export/DICOM/ST000001/SE000001/');
    expect(md!.content).toContain('- PACS_export/DICOM/ST000001/SE000003/');
    expect(md!.content).toContain('Patient associated medical imaging data cannot currently be deposited into any resource at EBI.');
    expect(md!.content).not.toContain('.dcm');
  });

  it('does not show a folder named by a DICOM UID (the WSI exported from PACS)', () => {
    const files = everything(studies['dicom-wsi-deidentified-and-identifiable']!);
    const all = files.map((f) => f.content).join('\n');
    expect(all).not.toContain('1.2.826.0.1.3680043.8.498.1');
    expect(files.find((f) => f.path === 'NONE/not-depositable.md')!.content).toContain(`from_pacs/${REDACTED_SEGMENT}/`);
  });

  it('redacts DICOM UIDs and person names in folder names, keeps ordinary folders', () => {
    expect(showableFolder('from_pacs/1.2.826.0.1.3680043.8.498.1')).toBe(`from_pacs/${REDACTED_SEGMENT}`);
    expect(showableFolder('export/DOE^JOHN/series1')).toBe(`export/${REDACTED_SEGMENT}/series1`);
    expect(showableFolder('PACS_export/DICOM/ST000001')).toBe('PACS_export/DICOM/ST000001');
    expect(showableFolder('.')).toBe('(the root folder)');
  });

  it('counts operating-system clutter (.DS_Store, AppleDouble ._ files) without naming a folder', () => {
    const s = studies['empiar-upload-folder-mac-copy']!;
    const none = planBundles({ filesets: s.report.filesets, study: s.report.study, roots: s.report.roots }).find((b) => b.archive === 'NONE')!;
    const clutter = s.report.filesets.filter((f) => f.clauseId === 'not-research-data');
    expect(none.filesetIds).toEqual(clutter.map((f) => f.id));
    const ctx = { target: 'NONE' as const, members: clutter, filesets: s.report.filesets, study: s.report.study, roots: s.report.roots, metadata: StudyMetadataSchema.parse({}) };
    const md = notDepositableBundler.render(ctx)[0]!.content;
    expect(md).toContain('counted only');
    expect(md).not.toContain('EMPIAR-10204/data/Movies/');
    expect(md).not.toMatch(/^- EMPIAR-10204/m);
    expect(notDepositableBundler.checklist(ctx).map((i) => i.id)).toEqual(['none-not-research-data']);
  });
});
