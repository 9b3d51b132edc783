// The BIA bundle's checklist rules on small studies: upload method by size (docs/bia.md §0), a path the BIA
// refuses (docs/bia.md §1.3) listed unchanged and turned into a blocking rename item, the FBbi table's
// verified ids (fbbi-edit.obo, as cited in shared/bundles/bia/fbbi.ts), and the omics link types of docs/bia.md §6.
import { describe, expect, it } from 'vitest';
import { createFileset, headerFact } from '../../../../helpers/factories';
import { biaBundler, uploadMethodFor } from '../../../../../shared/bundles/bia/bia-bundler';
import { fbbiTermFor } from '../../../../../shared/bundles/bia/fbbi';
import { uploadFolderOf } from '../../../../../shared/bundles/bia/file-list';
import { pathTokens } from '../../../../../shared/bundles/bia/path-tokens';
import type { BundleContext, RenderContext } from '../../../../../shared/bundles/bundler';
import { EMPTY_METADATA, StudyMetadataSchema } from '../../../../../shared/deposit/metadata';
import type { Fileset } from '../../../../../shared/model/fileset';
import type { StudyFindings } from '../../../../../shared/policy/types';

const STUDY: StudyFindings = {
  correlative: false,
  correlativeSplit: false,
  correlationInformation: false,
  components: ['lm-confocal'],
  tomograms: { count: 0, rule: 'none', representatives: [] },
  patientData: false,
  options: { tomogramsFew: 5, representatives: 3 },
  overrides: [],
  policyVersion: 'test',
};

function confocal(partial: Partial<Fileset> = {}): Fileset {
  return createFileset({ modality: 'lm-confocal', destination: 'BIA', clauseId: 'row-light-microscopy', root: '/data/study', directory: 'lm', pattern: 'cell_#.tif', files: ['lm/cell_1.tif', 'lm/cell_2.tif'], facts: { imagingMode: headerFact('confocal' as const) }, ...partial });
}

function ctx(members: Fileset[], extra: Partial<RenderContext> = {}): RenderContext {
  return { target: 'BIA', members, filesets: members, study: STUDY, roots: ['/data/study'], metadata: EMPTY_METADATA, ...extra };
}

describe('upload method by size (docs/bia.md §0)', () => {
  const GB = 1e9;
  it('web under 50 GB in total and 20 GB per file; FTP up to 1 TB; Aspera above', () => {
    expect(uploadMethodFor(49 * GB, 19 * GB)).toBe('web');
    expect(uploadMethodFor(49 * GB, 21 * GB)).toBe('ftp');
    expect(uploadMethodFor(50 * GB, 1 * GB)).toBe('ftp');
    expect(uploadMethodFor(1000 * GB, 1 * GB)).toBe('ftp');
    expect(uploadMethodFor(1001 * GB, 1 * GB)).toBe('aspera');
  });
  it('a fileset of many files is judged by its average file (its files share one pattern)', () => {
    const stack = confocal({ fileCount: 100, bytes: 40e9 });
    expect(biaBundler.checklist(ctx([stack])).find((i) => i.id === 'bia-upload-method')!.text).toContain('web upload');
    const one = confocal({ fileCount: 1, files: ['lm/cell_1.tif'], bytes: 25e9 });
    expect(biaBundler.checklist(ctx([one])).find((i) => i.id === 'bia-upload-method')!.text).toContain('with FTP');
  });
  it('the checklist names the method and the folders to upload', () => {
    const item = biaBundler.checklist(ctx([confocal({ bytes: 60e9 })])).find((i) => i.id === 'bia-upload-method')!;
    expect(item.text).toContain('with FTP');
    expect(item.text).toContain('study');
    expect(item.rule).toBe('docs/bia.md §0');
  });
});

describe('a path the BIA refuses (docs/bia.md §1.3)', () => {
  const micro = confocal({ directory: 'lm/5µm', pattern: 'cell_#.tif', files: ['lm/5µm/cell_1.tif', 'lm/5µm/cell_2.tif'] });

  it('is listed as it is (never rewritten) and blocks with a rename item', () => {
    const files = biaBundler.render(ctx([micro]));
    const tsv = files.find((f) => f.path === 'file-lists/lm-confocal.tsv')!.content;
    expect(tsv).toContain('study/lm/5µm/cell_1.tif');
    const item = biaBundler.checklist(ctx([micro])).find((i) => i.id === 'bia-file-list-lm-confocal')!;
    expect(item).toMatchObject({ done: false, blocking: true, rule: 'docs/bia.md §1.3' });
    expect(item.text).toContain('Rename');
    expect(item.text).toContain('"µ" (U+00B5)');
  });

  it('is caught from the folder and pattern when the file lists do not travel with the filesets', () => {
    const { files: _files, ...withoutFiles } = micro;
    const planning: BundleContext = { ...ctx([]), members: [withoutFiles], filesets: [withoutFiles] };
    const item = biaBundler.checklist(planning).find((i) => i.id === 'bia-file-list-lm-confocal')!;
    expect(item).toMatchObject({ done: false, blocking: true });
  });

  it('a clean list is done with the evidence of the rules it passed', () => {
    const item = biaBundler.checklist(ctx([confocal()])).find((i) => i.id === 'bia-file-list-lm-confocal')!;
    expect(item).toMatchObject({ done: true, blocking: false });
    expect(item.evidence).toContain('pass every BIA file-list rule');
  });
});

describe('upload folder of a scan root', () => {
  it('is the root folder name, POSIX or Windows', () => {
    expect(uploadFolderOf('/media/lm_disk')).toBe('lm_disk');
    expect(uploadFolderOf('/media/lm_disk/')).toBe('lm_disk');
    expect(uploadFolderOf('D:\\microscopy\\run1')).toBe('run1');
  });
  it('two roots of one name are a blocking item', () => {
    const a = confocal({ id: 'a', root: '/disk1/data' });
    const b = confocal({ id: 'b', root: '/disk2/data' });
    expect(biaBundler.checklist(ctx([a, b])).find((i) => i.id === 'bia-upload-folder-names')).toMatchObject({ done: false, blocking: true });
  });
});

describe('FBbi terms (ids as the ontology source spells them)', () => {
  it('maps verified modalities and header modes, and leaves the rest to the user', () => {
    expect(fbbiTermFor('lm-confocal', [])).toEqual({ termId: 'FBbi_00000251', name: 'confocal microscopy' });
    expect(fbbiTermFor('lm-light-sheet', [])).toEqual({ termId: 'FBbi_00000369', name: 'SPIM' });
    expect(fbbiTermFor('hcs', ['spinning-disk'])).toEqual({ termId: 'FBbi_00000253', name: 'spinning disk confocal microscopy' });
    expect(fbbiTermFor('em-2d', [])).toEqual({ termId: 'FBbi_00000256', name: 'electron microscopy' });
    expect(fbbiTermFor('lm-super-resolution', [])).toBeNull();
    expect(fbbiTermFor('hcs', [])).toBeNull();
  });
  it('an unverified method is a missing REMBI field, so a blocking item', () => {
    const sr = confocal({ modality: 'lm-super-resolution', facts: {} });
    const item = biaBundler.checklist(ctx([sr])).find((i) => i.id === 'bia-rembi-image-acquisition-lm-super-resolution')!;
    expect(item.done).toBe(false);
    expect(item.text).toContain('Imaging method');
  });
});

describe('links to the omics archives (docs/bia.md §6)', () => {
  it('asks for the ArrayExpress accession, then gives url and Type', () => {
    const omics = createFileset({ id: 'o', modality: 'omics-data', destination: 'OMICS', omicsArchive: 'ArrayExpress', clauseId: 'spatial-omics-functional-genomics' });
    const image = confocal({ modality: 'spatial-omics-image' });
    const base = ctx([image], { filesets: [image, omics] });
    expect(biaBundler.checklist(base).find((i) => i.id === 'bia-link-omics')).toMatchObject({ done: false, blocking: false });
    const known = { ...base, metadata: StudyMetadataSchema.parse({ accessions: { omics: [{ archive: 'ArrayExpress', accession: 'E-MTAB-12345' }] } }) };
    expect(biaBundler.checklist(known).find((i) => i.id === 'bia-link-omics')!.text).toContain('url = E-MTAB-12345, Type = arrayexpress');
  });
});

describe('path tokens', () => {
  it('reads the screening systems\' documented names', () => {
    expect(pathTokens('Images/r02c03f01p01-ch2sk1fk1fl1.tiff')).toMatchObject({ well: 'B03', field: '1', z: '1', channelIndex: 2 });
    expect(pathTokens('1234/PlateA_A01_s2_w1C3A6.tif')).toMatchObject({ well: 'A01', field: '2', channelIndex: 1 });
    expect(pathTokens('Plate_0042/B - 3(fld 1 wv HOECHST 33342 - HOECHST 33342).tif')).toMatchObject({ well: 'B03', field: '1', channelName: 'HOECHST 33342' });
    expect(pathTokens('m/title_B03_T0002F001L01A01Z02C01.tif')).toMatchObject({ well: 'B03', t: '2', field: '1', z: '2', channelIndex: 1 });
    expect(pathTokens('images/mosaic_DAPI_z1.tif')).toMatchObject({ z: '1' });
    expect(pathTokens('Sample1/imageFile1.tif').sample).toBe('Sample1');
    expect(pathTokens('out/cells.csv.gz').sample).toBeUndefined();
  });
});
