import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emdbBundler } from '../../../../../shared/bundles/emdb/emdb-bundler';
import { emdbRole } from '../../../../../shared/bundles/emdb/map-roles';
import type { RenderContext } from '../../../../../shared/bundles/bundler';
import { readinessOf } from '../../../../../shared/bundles/bundler';
import { StudyMetadataSchema, type StudyMetadataInput } from '../../../../../shared/deposit/metadata';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';
import { createFileset } from '../../../../helpers/factories';

function context(s: GalleryStudy, metadata: StudyMetadataInput = {}): RenderContext {
  const r = s.report;
  return { target: 'EMDB', members: r.filesets.filter((f) => f.destination === 'EMDB'), filesets: r.filesets, study: r.study, roots: r.roots, metadata: StudyMetadataSchema.parse(metadata) };
}

function item(ctx: RenderContext, id: string) {
  const found = emdbBundler.checklist(ctx).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** Rows of emdb-files.tsv as [path, role]. */
function roles(ctx: RenderContext): [string, string][] {
  const tsv = emdbBundler.render(ctx).find((f) => f.path === 'emdb-files.tsv')!.content;
  const [head, ...rows] = tsv.trim().split('\n');
  expect(head).toBe('root\tpath\trole\tfileset');
  return rows.map((r) => r.split('\t')).map((c) => [c[1]!, c[2]!] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const studies: Record<string, GalleryStudy> = {};
beforeAll(async () => {
  for (const id of ['relion5-spa-project', 'emdb-entry-map-set', 'cryosparc-project-jobs', 'cryoet-study-seven-tomograms']) studies[id] = await scanGalleryLayout(id);
}, 120_000);
afterAll(() => Object.values(studies).forEach((s) => s.remove()));

describe('EMDB bundle: file roles', () => {
  it('RELION 5 SPA project: Refine3D, MaskCreate and PostProcess outputs (RELION SPA tutorial job tree)', () => {
    expect(roles(context(studies['relion5-spa-project']!))).toEqual([
      ['MaskCreate/job011/mask.mrc', 'mask'],
      ['PostProcess/job012/postprocess.mrc', 'map'],
      ['PostProcess/job012/postprocess.star', 'fsc'],
      ['PostProcess/job012/postprocess_masked.mrc', 'map'],
      ['Refine3D/job010/run_class001.mrc', 'map'],
      ['Refine3D/job010/run_half1_class001_unfil.mrc', 'half-map'],
      ['Refine3D/job010/run_half2_class001_unfil.mrc', 'half-map'],
    ]);
  });

  it('EMDB entry layout: map/, other/ half maps, masks/, fsc/, header/, images/ (EMDB FTP archive of EMD-3197)', () => {
    expect(roles(context(studies['emdb-entry-map-set']!))).toEqual([
      ['EMD-3197/fsc/emd_3197_fsc.xml', 'fsc'],
      ['EMD-3197/header/emd-3197-v30.xml', 'other'],
      ['EMD-3197/images/emd_3197.png', 'image'],
      ['EMD-3197/map/emd_3197.map.gz', 'map'],
      ['EMD-3197/masks/emd_3197_msk_1.map', 'mask'],
      ['EMD-3197/other/emd_3197_half_map_1.map.gz', 'half-map'],
      ['EMD-3197/other/emd_3197_half_map_2.map.gz', 'half-map'],
    ]);
  });

  it('cryoSPARC refinement job: volume_map, map_half_A/B, map_sharp, mask_fsc (cryoSPARC guide, job outputs)', () => {
    expect(roles(context(studies['cryosparc-project-jobs']!))).toEqual([
      ['CS-apoferritin/J10/J10_008_volume_map.mrc', 'map'],
      ['CS-apoferritin/J10/J10_008_volume_map_half_A.mrc', 'half-map'],
      ['CS-apoferritin/J10/J10_008_volume_map_half_B.mrc', 'half-map'],
      ['CS-apoferritin/J10/J10_008_volume_map_sharp.mrc', 'map'],
      ['CS-apoferritin/J10/J10_008_volume_mask_fsc.mrc', 'mask'],
    ]);
  });

  it('reads roles from a pattern when the file list does not travel (scan patterns collapse digits to #)', () => {
    const f = createFileset({ modality: 'density-map', format: 'mrc' });
    expect(emdbRole(f, 'Refine3D/job010/run_half#_class###_unfil.mrc')).toBe('half-map');
    expect(emdbRole(f, 'ReconstructParticleTomo/job010/half#.mrc')).toBe('half-map');
    expect(emdbRole(f, 'PostProcess/job012/postprocess_masked.mrc')).toBe('map');
  });
});

describe('EMDB bundle: OneDep checklist (docs/deposit.md §5.1)', () => {
  it('RELION project: three candidate maps, two half maps, a mask and the FSC in postprocess.star; no image of the map yet', () => {
    const ctx = context(studies['relion5-spa-project']!);
    expect(item(ctx, 'emdb-primary-map')).toMatchObject({ done: true, blocking: true });
    expect(item(ctx, 'emdb-primary-map').evidence).toContain('3 candidate maps');
    expect(item(ctx, 'emdb-half-maps')).toMatchObject({ done: true, blocking: true });
    expect(item(ctx, 'emdb-mask').done).toBe(true);
    expect(item(ctx, 'emdb-fsc').done).toBe(true);
    expect(item(ctx, 'emdb-fsc').evidence).toContain('not XML');
    expect(item(ctx, 'emdb-map-image')).toMatchObject({ done: false, blocking: true });
    expect(readinessOf(emdbBundler.checklist(ctx)).ready).toBe(false);
    // The raw data: Movies/*.tiff, MotionCorr micrographs, Extract particles go to EMPIAR (the layout's expected rows).
    expect(item(ctx, 'emdb-empiar-link').evidence).toBe('3 EMPIAR filesets hold the raw data.');
  });

  it('EMDB entry files: every required upload is there, so nothing blocks', () => {
    const ctx = context(studies['emdb-entry-map-set']!);
    const items = emdbBundler.checklist(ctx);
    for (const id of ['emdb-primary-map', 'emdb-half-maps', 'emdb-mask', 'emdb-fsc', 'emdb-map-image']) expect(items.find((i) => i.id === id)!.done).toBe(true);
    expect(readinessOf(items).ready).toBe(true);
    expect(item(ctx, 'emdb-primary-map').evidence).toBe('Found: EMD-3197/map/emd_3197.map.gz.');
  });

  it('seven tomograms: the three representatives of policy note 2 (TS_02, TS_04, TS_06), no half-map item for tomograms', () => {
    const ctx = context(studies['cryoet-study-seven-tomograms']!);
    const items = emdbBundler.checklist(ctx);
    expect(items.some((i) => i.id === 'emdb-half-maps')).toBe(false);
    expect(item(ctx, 'emdb-tomograms')).toMatchObject({ rule: 'note-2-tomograms-representative', done: true });
    expect(item(ctx, 'emdb-tomograms').evidence).toContain('3 representative tomograms of 7');
    expect(roles(ctx).map(([p]) => p)).toEqual(['tomograms/TS_02_rec.mrc', 'tomograms/TS_04_rec.mrc', 'tomograms/TS_06_rec.mrc']);
  });

  it('ticks the accession and the EMPIAR link once valid accessions are entered, and ignores invalid ones', () => {
    const s = studies['relion5-spa-project']!;
    expect(item(context(s, { accessions: { emdb: ['EMD-123'] } }), 'emdb-accession').done).toBe(false);
    const ctx = context(s, { accessions: { emdb: ['EMD-50001'], empiar: 'EMPIAR-12001' } });
    expect(item(ctx, 'emdb-accession')).toMatchObject({ done: true, evidence: 'Entered: EMD-50001.' });
    expect(item(ctx, 'emdb-empiar-link').done).toBe(true);
  });

  it('renders the checklist and the raw-data link as Markdown', () => {
    const md = emdbBundler.render(context(studies['relion5-spa-project']!)).find((f) => f.path === 'onedep-checklist.md')!.content;
    expect(md).toContain('https://deposit.wwpdb.org');
    expect(md).toContain('- [x] Upload the two half maps');
    expect(md).toContain('- [ ] Upload an image of each map');
    expect(md).toContain('- Movies/20170629_#####_frameImage.tiff (3 files)');
    expect(md).toContain('release code EP');
  });
});
