// Image-set fields from facts, by the table of docs/empiar.md §5.1 (MRC modes, TIFF BitsPerSample ×
// SampleFormat, nm → Å with the public values of EMPIAR-13192, 65 nm → 650 Å, and EMPIAR-10511, 1.07 Å) and
// the experiment types of §2.2.
import { describe, expect, it } from 'vitest';
import { categoryOf, draftImageSet, formatCodesOf, nmToAngstrom, voxelTypeOf } from '../../../../../shared/bundles/empiar/image-set';
import { chooseExperimentType } from '../../../../../shared/bundles/empiar/experiment-type';
import { createFileset, headerFact } from '../../../../helpers/factories';

describe('voxel type', () => {
  it.each([
    [0, "T1"],
    [1, 'T4'],
    [2, 'T7'],
    [6, 'T3'],
    [101, 'T9'],
  ])('MRC mode %i is %s (§5.1)', (mode, code) => {
    expect(voxelTypeOf(createFileset({ format: 'mrc', facts: { header: headerFact({ mode }) } }))?.voxel).toEqual({ code });
  });
  it("MRC mode 12 is ('OT', '16 BIT FLOAT') against the master schema (§2.6)", () => {
    expect(voxelTypeOf(createFileset({ format: 'mrc', facts: { header: headerFact({ mode: 12 }) } }))?.voxel).toEqual({ code: 'OT', text: '16 BIT FLOAT' });
  });
  it('MRC mode 0 asks the user to confirm unsigned (§5.1)', () => {
    expect(voxelTypeOf(createFileset({ format: 'mrc', facts: { header: headerFact({ mode: 0 }) } }))?.confirm).toMatch(/signed/);
  });
  it.each([
    [8, undefined, 'T1'],
    [16, 1, 'T3'],
    [16, 2, 'T4'],
    [32, 3, 'T7'],
    [32, 1, 'T5'],
    [32, 2, 'T6'],
  ])('TIFF %i bits, SampleFormat %s is %s (§5.1)', (bits, sampleFormat, code) => {
    const header = { bitsPerSample: bits, samplesPerPixel: 1, ...(sampleFormat === undefined ? {} : { sampleFormat }) };
    expect(voxelTypeOf(createFileset({ format: 'tiff', facts: { header: headerFact(header) } }))?.voxel).toEqual({ code });
  });
  it('is not guessed for RGB TIFF or a header that does not say', () => {
    expect(voxelTypeOf(createFileset({ format: 'tiff', facts: { header: headerFact({ bitsPerSample: 8, samplesPerPixel: 3 }) } }))).toBeNull();
    expect(voxelTypeOf(createFileset({ format: 'gatan-dm', facts: {} }))).toBeNull();
  });
});

describe('formats and categories', () => {
  it('.mrcs is T2, .st is MRC T1 (§5.1)', () => {
    expect(formatCodesOf(createFileset({ format: 'mrc', extension: '.mrcs' }))?.header).toEqual({ code: 'T2' });
    expect(formatCodesOf(createFileset({ format: 'mrc', extension: '.st' }))?.data).toEqual({ code: 'T1' });
  });
  it('BigDataViewer is header T8 (XML) with data T8 (§2.5)', () => {
    expect(formatCodesOf(createFileset({ format: 'bdv-hdf5', extension: '.h5' }))).toEqual({ header: { code: 'T8' }, data: { code: 'T8' } });
  });
  it('DM4 is T6 and EER T9 (§2.5)', () => {
    expect(formatCodesOf(createFileset({ format: 'gatan-dm', extension: '.dm4' }))?.header).toEqual({ code: 'T6' });
    expect(formatCodesOf(createFileset({ format: 'eer', extension: '.eer' }))?.header).toEqual({ code: 'T9' });
  });
  it('movies are T2, tilt series T9, subtomograms T14, diffraction T12 (§5.1)', () => {
    expect(categoryOf(createFileset({ modality: 'spa-movies' }))).toEqual({ code: 'T2' });
    expect(categoryOf(createFileset({ modality: 'cryoet-tilt-series' }))).toEqual({ code: 'T9' });
    expect(categoryOf(createFileset({ modality: 'cryoet-subtomograms' }))).toEqual({ code: 'T14' });
    expect(categoryOf(createFileset({ modality: 'microed' }))).toEqual({ code: 'T12' });
  });
  it('particle stacks are left to the user: T5 or T7 (§5.1 "ask raw or processed")', () => {
    const d = draftImageSet(createFileset({ modality: 'spa-particles', format: 'mrc', extension: '.mrcs' }), 0);
    expect(d.set.category).toBeUndefined();
    expect(d.gaps.map((g) => g.field)).toContain('imagesets[0].category');
  });
});

describe('pixel size in Å', () => {
  it('is ten times the nm of the facts: 65 nm → 650 Å (EMPIAR-13192), 0.107 nm → 1.07 Å (EMPIAR-10511)', () => {
    expect(nmToAngstrom(65)).toBe(650);
    expect(nmToAngstrom(0.107)).toBe(1.07);
  });
  it('is a blocking gap when no file gives it, never a made-up number', () => {
    const d = draftImageSet(createFileset({ modality: 'vem-fib-sem', format: 'tiff', facts: { dimensions: headerFact({ x: 32, y: 32 }), header: headerFact({ bitsPerSample: 8 }) } }), 2);
    expect(d.set.pixel_width).toBeUndefined();
    expect(d.gaps).toContainEqual(expect.objectContaining({ field: 'imagesets[2].pixel_width', blocking: true }));
  });
});

describe('experiment type (§2.2)', () => {
  const plain = { correlative: false };
  it.each([
    ['vem-fib-sem', 5],
    ['vem-sbf-sem', 4],
    ['microed', 9],
    ['vem-array-tomography', 11],
    ['hard-xray-tomography', 12],
    ['vem-sstem', 13],
    ['soft-xray-tomography', 1],
    ['spa-movies', 3],
    ['cryoet-tilt-series', 3],
  ] as const)('%s is %i', (modality, type) => {
    expect(chooseExperimentType([createFileset({ modality, clauseId: 'row-volume-em-xm', destination: 'EMPIAR' })], plain).type).toBe(type);
  });
  it('a correlative study is CLEM (7) with EM, CLXM (8) with X-ray only', () => {
    expect(chooseExperimentType([createFileset({ modality: 'vem-sbf-sem', clauseId: 'note-3-3d-em-xray' })], { correlative: true }).type).toBe(7);
    expect(chooseExperimentType([createFileset({ modality: 'soft-xray-tomography', clauseId: 'note-3-3d-em-xray' })], { correlative: true }).type).toBe(8);
  });
  it('mixed volume EM takes the type with most bytes and says why', () => {
    const choice = chooseExperimentType(
      [createFileset({ id: 'a', modality: 'vem-fib-sem', clauseId: 'row-volume-em-xm', bytes: 10 }), createFileset({ id: 'b', modality: 'vem-sbf-sem', clauseId: 'row-volume-em-xm', bytes: 99 })],
      plain,
    );
    expect(choice.type).toBe(4);
    expect(choice.candidates).toEqual([4, 5]);
    expect(choice.reason).toMatch(/one type per entry/);
  });
  it('supporting files do not vote, and volume EM of an unstated technique is left to the user', () => {
    expect(chooseExperimentType([createFileset({ modality: 'supporting-metadata', clauseId: 'supporting-follows-data' })], plain).type).toBeNull();
    expect(chooseExperimentType([createFileset({ modality: 'vem-other', clauseId: 'row-volume-em-xm' })], plain).type).toBeNull();
  });
});

describe('counts the files do not give (§5.1)', () => {
  it('leaves tilt-series count and tilts to the user when each file holds one tilt', () => {
    const d = draftImageSet(createFileset({ modality: 'cryoet-tilt-series', format: 'eer', extension: '.eer', fileCount: 41, facts: { arrangement: headerFact('movie') } }), 0);
    expect(d.set.num_images_or_tilt_series).toBeUndefined();
    expect(d.set.frames_per_image).toBeUndefined();
    expect(d.gaps.map((g) => g.field)).toEqual(expect.arrayContaining(['imagesets[0].num_images_or_tilt_series', 'imagesets[0].frames_per_image']));
  });
  it('counts the particles of one particle stack (its nz), one frame each', () => {
    const d = draftImageSet(createFileset({ modality: 'spa-particles', format: 'mrc', extension: '.mrcs', fileCount: 1, facts: { dimensions: headerFact({ x: 64, y: 64, z: 40 }) } }), 0);
    expect(d.set.num_images_or_tilt_series).toBe(40);
    expect(d.set.frames_per_image).toBe(1);
  });
  it('takes a directory store (OME-Zarr) as one image in its own folder', () => {
    const d = draftImageSet(createFileset({ root: '/data/openorganelle', directory: '.', pattern: 'jrc_hela-2.zarr/', modality: 'vem-fib-sem', format: 'ome-zarr', extension: '.zarr', fileCount: 9 }), 0);
    expect(d.set.num_images_or_tilt_series).toBe(1);
    expect(d.set.directory).toBe('data/openorganelle/jrc_hela-2.zarr');
  });
});
