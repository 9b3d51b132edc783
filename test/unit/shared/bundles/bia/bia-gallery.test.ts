// The BIA bundle of real gallery studies (test/layouts/gallery), scanned by the real engine. Expected paths come
// from each layout's tree; expected columns and values from the BIA rules (docs/bia.md §1.1, §1.4) applied to
// the names the instruments write (Harmony r<row>c<col>f<field>…-ch<n>, MetaXpress <plate>_<well>_s<site>_w<wave>)
// and the channel names the layouts' plate index files declare.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';
import { biaBundler } from '../../../../../shared/bundles/bia/bia-bundler';
import { studyComponents } from '../../../../../shared/bundles/bia/study-components';
import { fileListsOf, type BiaFileList } from '../../../../../shared/bundles/bia/file-list';
import { lintFileList, passesFileListRules } from '../../../../../shared/bundles/bia/file-list-rules';
import { readinessOf, type RenderContext } from '../../../../../shared/bundles/bundler';
import { EMPTY_METADATA, StudyMetadataSchema, type StudyMetadata } from '../../../../../shared/deposit/metadata';
import type { Fileset } from '../../../../../shared/model/fileset';
import { BundleSchema } from '../../../../../shared/model/bundle';
import { renderBundles } from '../../../../../shared/bundles/plan-bundles';

function ctxOf(s: GalleryStudy, metadata: StudyMetadata = EMPTY_METADATA): RenderContext {
  const filesets: readonly Fileset[] = s.report.filesets;
  return { target: 'BIA', members: filesets.filter((f) => f.destination === 'BIA'), filesets, study: s.report.study, roots: s.roots, metadata };
}

/** Rows of a list by path: column name → value. */
function byPath(l: BiaFileList): Map<string, Record<string, string>> {
  return new Map(l.rows.map((r) => [r[0]!, Object.fromEntries(l.header.map((h, i) => [h, r[i]!]))]));
}

/** RO-Crate 1.1 shape checks (https://w3id.org/ro/crate/1.1, "Root Data Entity" and "RO-Crate Metadata File Descriptor"). */
function crateProblems(crate: { '@context': unknown; '@graph': Record<string, unknown>[] }, listedPaths: readonly string[]): string[] {
  const out: string[] = [];
  const graph = crate['@graph'];
  const ids = new Map(graph.map((e) => [e['@id'] as string, e]));
  if (ids.size !== graph.length) out.push('duplicate @id');
  const ctx = crate['@context'];
  if (!(Array.isArray(ctx) ? ctx[0] : ctx)?.toString().startsWith('https://w3id.org/ro/crate/1.1/context')) out.push('context is not RO-Crate 1.1');
  const descriptor = ids.get('ro-crate-metadata.json');
  if (!descriptor) out.push('no metadata descriptor');
  else {
    if (descriptor['@type'] !== 'CreativeWork') out.push('descriptor is not a CreativeWork');
    if ((descriptor['conformsTo'] as { '@id'?: string })?.['@id'] !== 'https://w3id.org/ro/crate/1.1') out.push('descriptor conformsTo');
    if ((descriptor['about'] as { '@id'?: string })?.['@id'] !== './') out.push('descriptor about');
  }
  const root = ids.get('./');
  const types = (e: Record<string, unknown>) => [e['@type']].flat() as string[];
  if (!root || !types(root).includes('Dataset')) out.push('root is not a Dataset');
  // Flattened: every nested object is a bare reference, and every reference names an entity (the descriptor's conformsTo is the spec's permalink).
  const visit = (v: unknown, where: string) => {
    if (Array.isArray(v)) v.forEach((x) => visit(x, where));
    else if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length !== 1 || keys[0] !== '@id') out.push(`${where}: nested entity`);
      else if (!ids.has((v as { '@id': string })['@id'])) out.push(`${where}: dangling ${(v as { '@id': string })['@id']}`);
    }
  };
  for (const e of graph) for (const [k, v] of Object.entries(e)) if (!k.startsWith('@') && !(e['@id'] === 'ro-crate-metadata.json' && k === 'conformsTo')) visit(v, `${String(e['@id'])}.${k}`);
  // Every listed file is a File entity or lies in a folder Dataset.
  const folders = graph.filter((e) => types(e).includes('Dataset') && String(e['@id']).endsWith('/')).map((e) => decodeURI(String(e['@id'])));
  for (const p of listedPaths) if (!ids.has(p) && !folders.some((f) => p.startsWith(f))) out.push(`not covered: ${p}`);
  return out;
}

describe('CLEM on two disks (clem-two-disks-registration-folder)', () => {
  let s: GalleryStudy;
  beforeAll(async () => {
    s = await scanGalleryLayout('clem-two-disks-registration-folder');
  });
  afterAll(() => s?.remove());

  it('lists the LM data and the registration folder in one LM component list (docs/bia.md §1.4), paths as <root folder>/<path>', () => {
    const lists = fileListsOf(studyComponents(ctxOf(s).members));
    expect(lists.map((l) => l.name)).toEqual(['lm-confocal.tsv']);
    const l = lists[0]!;
    expect(l.header[0]).toBe('Files');
    expect([...byPath(l).keys()].sort()).toEqual([
      'em_disk/registration/TransformParameters.0.txt',
      'em_disk/registration/cellA_LM_to_EM_transfo.xml',
      'em_disk/registration/cellA_landmarks.csv',
      'lm_disk/confocal/cellA_spinning.nd2',
      'lm_disk/confocal/cellB_spinning.nd2',
    ]);
    const rows = byPath(l);
    // Roles of docs/bia.md §1.4: raw data, transforms, fiducials (the BigWarp landmark table).
    expect(rows.get('lm_disk/confocal/cellA_spinning.nd2')!['Role']).toBe('raw');
    expect(rows.get('em_disk/registration/TransformParameters.0.txt')!['Role']).toBe('transform');
    expect(rows.get('em_disk/registration/cellA_LM_to_EM_transfo.xml')!['Role']).toBe('transform');
    expect(rows.get('em_disk/registration/cellA_landmarks.csv')!['Role']).toBe('fiducials');
    // Sample from the name token (cellA / cellB); the elastix file names none.
    expect(rows.get('lm_disk/confocal/cellB_spinning.nd2')!['Sample']).toBe('cellB');
    expect(rows.get('em_disk/registration/cellA_landmarks.csv')!['Sample']).toBe('cellA');
    expect(rows.get('em_disk/registration/TransformParameters.0.txt')!['Sample']).toBe('');
    // No plate columns in a study without plates; the list passes every rule and is written as TSV without BOM.
    expect(l.header).not.toContain('Well');
    expect(lintFileList(l.content, { name: l.name }).filter((p) => p.severity === 'error')).toEqual([]);
    expect(l.content.startsWith('Files\t')).toBe(true);
    expect(l.content.endsWith('\n')).toBe(true);
    expect(l.content).not.toContain('\r');
  });

  it('asks for the EMPIAR link until the accession is known, then gives it (docs/bia.md §5.2)', () => {
    const before = biaBundler.checklist(ctxOf(s)).find((i) => i.id === 'bia-link-empiar')!;
    expect(before.done).toBe(false);
    expect(before.text).toContain('After EMPIAR gives the accession, add it as a link');
    const after = biaBundler.checklist(ctxOf(s, StudyMetadataSchema.parse({ accessions: { empiar: 'EMPIAR-10412' } }))).find((i) => i.id === 'bia-link-empiar')!;
    expect(after.done).toBe(true);
    expect(after.text).toContain('url = EMPIAR-10412, Type = empiar');
  });

  it('prefills Image correlation from the transforms and the imaging method from the header (spinning disk → FBbi_00000253)', () => {
    const files = biaBundler.render(ctxOf(s));
    const rembi = files.find((f) => f.path === 'rembi-checklist.md')!.content;
    expect(rembi).toContain('## Image correlation');
    expect(rembi).toContain('BigWarp landmarks');
    expect(rembi).toContain('spinning disk confocal microscopy (FBbi_00000253)');
    const crate = JSON.parse(files.find((f) => f.path === 'ro-crate-metadata.json')!.content);
    expect(crateProblems(crate, [...byPath(fileListsOf(studyComponents(ctxOf(s).members))[0]!).keys()])).toEqual([]);
    expect(crate['@graph'].some((e: Record<string, unknown>) => e['@type'] === 'bia:ImageCorrelationMethod')).toBe(true);
  });

  it('is not ready without licence and title; with complete metadata only the form fields the scan cannot know are left', () => {
    const empty = biaBundler.checklist(ctxOf(s));
    expect(empty.find((i) => i.id === 'bia-licence')).toMatchObject({ done: false, blocking: true });
    expect(empty.find((i) => i.id === 'bia-title')).toMatchObject({ done: false, blocking: true });
    expect(readinessOf(empty).ready).toBe(false);
    const full = StudyMetadataSchema.parse({
      title: 'Correlative light and electron microscopy of HeLa cells',
      description: 'Confocal and SBF-SEM of the same cells.',
      keywords: ['CLEM'],
      licence: 'CC0',
      authors: [{ givenName: 'Josiah', familyName: 'Carberry', orcid: '0000-0002-1825-0097', corresponding: true }],
      organisms: [{ scientificName: 'Homo sapiens', ncbiTaxonId: 9606 }],
      biosample: { biologicalEntity: 'HeLa cells' },
      specimen: { preparation: 'High-pressure frozen, freeze-substituted, resin embedded.' },
    });
    const items = biaBundler.checklist(ctxOf(s, full));
    // The crate names the author by ORCID's own example iD (ORCID support, "Structure of the ORCID Identifier").
    const crate = JSON.parse(biaBundler.render(ctxOf(s, full)).find((f) => f.path === 'ro-crate-metadata.json')!.content);
    const root = crate['@graph'].find((e: Record<string, unknown>) => e['@id'] === './');
    expect(root).toMatchObject({ name: full.title, license: { '@id': 'https://creativecommons.org/publicdomain/zero/1.0/' }, author: [{ '@id': 'https://orcid.org/0000-0002-1825-0097' }] });
    expect(items.find((i) => i.id === 'bia-licence')!.done).toBe(true);
    expect(items.find((i) => i.id === 'bia-rembi-biosample')!.done).toBe(true);
    // With every required form field known (the component description drafted from the scan), nothing blocks.
    expect(items.filter((i) => i.blocking && !i.done).map((i) => i.id)).toEqual([]);
    const sections = biaBundler.render(ctxOf(s, full)).find((f) => f.path === 'rembi-checklist.md')!.content;
    // The layout holds two ND2 stacks with channels DAPI and GFP and three registration files (its tree).
    expect(sections).toMatch(/2 image files \(Nikon ND2\); channels DAPI, GFP; with 3 registration or landmark files/);
  });
});

describe('the BIA bundle through the bundle registry', () => {
  it('is a valid Bundle with unique checklist ids and the three kinds of files', async () => {
    const s = await scanGalleryLayout('clem-two-disks-registration-folder');
    try {
      const out = renderBundles({ filesets: s.report.filesets, study: s.report.study, roots: s.roots }, EMPTY_METADATA);
      const bia = out.find((b) => b.bundle.archive === 'BIA')!;
      expect(() => BundleSchema.parse(bia.bundle)).not.toThrow();
      const ids = bia.bundle.checklist.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(bia.files.map((f) => f.path)).toEqual(['file-lists/lm-confocal.tsv', 'rembi-checklist.md', 'ro-crate-metadata.json']);
      // The EMPIAR side (the SBF-SEM run) is not in the BIA's lists.
      expect(bia.files[0]!.content).not.toContain('.dm4');
    } finally {
      s.remove();
    }
  });
});

describe('HCS plates: plate/well/field columns from the names', () => {
  it('Harmony export: r02c02 → B02, r02c03 → B03, f01/f02 → fields 1/2, ch1/ch2 → the index channels', async () => {
    const s = await scanGalleryLayout('harmony-phenix-export');
    try {
      const [l] = fileListsOf(studyComponents(ctxOf(s).members));
      expect(l!.name).toBe('hcs.tsv');
      // 8 images (2 wells × 2 fields × 2 channels), the index, the assay layout and the flat-field profile.
      expect(l!.rows).toHaveLength(11);
      const m = 'Plate1__2024-02-01T10_11_12-Measurement 1';
      const top = s.top.slice(s.top.lastIndexOf('/') + 1);
      const row = byPath(l!).get(`${top}/${m}/Images/r02c03f02p01-ch2sk1fk1fl1.tiff`)!;
      expect(row).toMatchObject({ Well: 'B03', Field: '2', Channel: 'Alexa 488', Role: 'raw' });
      expect(byPath(l!).get(`${top}/${m}/Images/r02c02f01p01-ch1sk1fk1fl1.tiff`)).toMatchObject({ Well: 'B02', Field: '1', Channel: 'HOECHST 33342' });
      // "Measurement 1" has a space: allowed, warned (docs/bia.md §1.3), not an error.
      expect(passesFileListRules(l!.problems)).toBe(true);
      expect(l!.problems.some((p) => p.code === 'space')).toBe(true);
    } finally {
      s.remove();
    }
  });

  it('MetaXpress plate: _A01_s2_w2 → well A01, field 2, channel FITC (the HTD wave names)', async () => {
    const s = await scanGalleryLayout('metaxpress-htd-plate');
    try {
      const [l] = fileListsOf(studyComponents(ctxOf(s).members));
      const top = s.top.slice(s.top.lastIndexOf('/') + 1);
      const rows = byPath(l!);
      expect(rows.get(`${top}/2024-07-01/1234/PlateA_A01_s2_w2D4B7A0F3-1C2E-5F60-AB9C-8D7E6F5A4B32.tif`)).toMatchObject({ Well: 'A01', Field: '2', Channel: 'FITC', Role: 'raw' });
      expect(rows.get(`${top}/2024-07-01/1234/PlateA_A02_s1_w1C3A6F9E2-0B1D-4E5F-9A8B-7C6D5E4F3A21.tif`)).toMatchObject({ Well: 'A02', Field: '1', Channel: 'DAPI' });
      // The thumbnails are MetaXpress's processed previews; the HTD the plate's metadata.
      // The thumbnail states no channels; its w1 is the plate's first wave, DAPI.
      expect(rows.get(`${top}/2024-07-01/1234/PlateA_A01_s1_w1_thumbC3A6F9E2-0B1D-4E5F-9A8B-7C6D5E4F3A21.tif`)).toMatchObject({ Role: 'processed', Channel: 'DAPI' });
      expect(rows.get(`${top}/2024-07-01/1234/PlateA.HTD`)!['Role']).toBe('metadata');
      // 8 images + 4 thumbnails + the HTD.
      expect(l!.rows).toHaveLength(13);
    } finally {
      s.remove();
    }
  });
});

describe('Xenium output bundle (xenium-output-bundle)', () => {
  it('one spatial-omics component lists the images and the transcript tables (imaging-based ST: all to the BIA, docs/bia.md §6)', async () => {
    const s = await scanGalleryLayout('xenium-output-bundle');
    try {
      const ctx = ctxOf(s);
      const lists = fileListsOf(studyComponents(ctx.members));
      expect(lists.map((l) => l.name)).toEqual(['spatial-omics-image.tsv']);
      const top = s.top.slice(s.top.lastIndexOf('/') + 1);
      const b = `${top}/output-XETG00123__0010456__Region_1__20240115__101112`;
      expect([...byPath(lists[0]!).keys()].sort()).toEqual(
        [
          `${b}/cell_feature_matrix.h5`,
          `${b}/cells.csv.gz`,
          `${b}/experiment.xenium`,
          `${b}/gene_panel.json`,
          `${b}/morphology.ome.tif`,
          `${b}/morphology_focus/morphology_focus_0000.ome.tif`,
          `${b}/morphology_focus/morphology_focus_0001.ome.tif`,
          `${b}/transcripts.csv.gz`,
        ].sort(),
      );
      expect(lists[0]!.header).toContain('Role');
      expect(passesFileListRules(lists[0]!.problems)).toBe(true);
      const crate = JSON.parse(biaBundler.render(ctx).find((f) => f.path === 'ro-crate-metadata.json')!.content);
      expect(crateProblems(crate, [...byPath(lists[0]!).keys()])).toEqual([]);
      // No omics archive takes imaging-based ST, so there is nothing to link.
      expect(biaBundler.checklist(ctx).some((i) => i.id === 'bia-link-omics')).toBe(false);
    } finally {
      s.remove();
    }
  });
});

describe('an OME-Zarr HCS plate (ome-zarr-hcs-plate)', () => {
  it('lists every file of the store (docs/bia.md §1.1 rule 9), wells and fields from the NGFF plate folders <row>/<column>/<field>', async () => {
    const s = await scanGalleryLayout('ome-zarr-hcs-plate');
    try {
      const [l] = fileListsOf(studyComponents(ctxOf(s).members));
      const top = s.top.slice(s.top.lastIndexOf('/') + 1);
      const p = `${top}/screen/plate-01.ome.zarr`;
      // The plate's .zgroup and .zattrs, then per well (A/1, A/2, B/1, B/2) 6 files: 2 + 4 × 6.
      expect(l!.rows).toHaveLength(26);
      expect(l!.rows.some((r) => r[0]!.endsWith('/'))).toBe(false);
      const rows = byPath(l!);
      expect(rows.get(`${p}/B/2/0/0/0/0/0`)).toMatchObject({ Well: 'B02', Field: '0' });
      expect(rows.get(`${p}/A/1/.zattrs`)).toMatchObject({ Well: 'A01', Field: '' });
      expect(rows.get(`${p}/.zattrs`)).toMatchObject({ Well: '', Field: '' });
      expect(passesFileListRules(l!.problems)).toBe(true);
    } finally {
      s.remove();
    }
  });
});
