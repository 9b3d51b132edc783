import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE, ReadBudgetError, type DetectContext } from '../../../../main/formats/detector';
import { H5File, MAX_OBJECTS_VISITED } from '../../../../main/formats/families/omics-hdf5/h5-access';
import { h5Host, inlineH5Host } from '../../../../main/formats/families/omics-hdf5/h5-host';
import { hdf5Detector } from '../../../../main/formats/families/omics-hdf5/hdf5';
import { signatureOffsets } from '../../../../main/formats/families/omics-hdf5/hdf5-signature';
import { identify } from '../../../../main/formats/registry';
import { real } from '../../../fixtures/format-fixture';
import { writeNexusTomo, writePlainHdf5 } from '../../../fixtures/writers/omics-hdf5/generic-hdf5';
import { writeHdf5 } from '../../../fixtures/writers/omics-hdf5/hdf5';
import { writeImaris } from '../../../fixtures/writers/omics-hdf5/imaris';
import { writeVelox } from '../../../fixtures/writers/omics-hdf5/velox';

const detect = (name: string, bytes: Uint8Array) => hdf5Detector.detect(contextFromBytes(name, bytes));

describe('HDF5 signature and superblock', () => {
  it('tries 0 and 512·2ⁿ only, up to a cap', () => {
    expect(signatureOffsets(4096)).toEqual([0, 512, 1024, 2048]);
    const big = signatureOffsets(Number.MAX_SAFE_INTEGER);
    expect(big.at(-1)).toBe(512 * 2 ** 15);
    expect(big).toHaveLength(17);
  });

  it('finds a signature behind a user block larger than the first 64 KiB, with a few small reads', async () => {
    const bytes = writeNexusTomo({ size: 128 * 1024, text: 'a large user block' });
    const ctx = contextFromBytes('big-userblock.nxs', bytes);
    expect(hdf5Detector.sniff(ctx)).toBe(true);
    const found = await hdf5Detector.detect(ctx);
    expect(found?.format).toBe('nxtomo');
    expect(found?.evidence[0]?.detail).toMatch(/at byte 131072, after a 131072-byte user block/);
    expect(ctx.stats.reads).toBeLessThanOrEqual(4);
  });

  it('reports a truncated file as damaged HDF5 without opening it', async () => {
    const cut = real('hdf5/adata_v0.11.4.h5ad')().subarray(0, 5000);
    const found = await detect('cut.h5ad', cut);
    expect(found).toMatchObject({ format: 'hdf5', confidence: 0.6 });
    expect(found?.problems[0]).toMatch(/^truncated: the superblock says the HDF5 data end at byte 16408, the file has 5000 bytes/);
  });

  it('reports an unknown superblock version as damaged HDF5', async () => {
    const bytes = writePlainHdf5();
    bytes[8] = 7;
    const found = await detect('odd.h5', bytes);
    expect(found?.format).toBe('hdf5');
    expect(found?.problems[0]).toMatch(/unknown superblock version 7/);
  });

  it('never throws when reads run out of budget', async () => {
    const bytes = writeNexusTomo({ size: 128 * 1024, text: 'x' });
    const base = contextFromBytes('budget.h5', bytes);
    const ctx: DetectContext = { ...base, read: () => Promise.reject(new ReadBudgetError('more than 512 reads')) };
    await expect(hdf5Detector.detect(ctx)).resolves.toBeNull();
  });

  it('returns null for bytes without a signature', async () => {
    expect(await detect('x.h5', new TextEncoder().encode('not hdf5 at all'))).toBeNull();
  });
});

describe('h5wasm access', () => {
  it('closes the file every time (no file descriptors left open)', async () => {
    const fdDir = '/proc/self/fd';
    if (!existsSync(fdDir)) return;
    const bytes = real('hdf5/adata_v0.11.4.h5ad')();
    await detect('warmup.h5ad', bytes);
    const before = readdirSync(fdDir).length;
    for (let i = 0; i < 15; i++) await detect(`run${i}.h5ad`, bytes);
    expect(readdirSync(fdDir).length - before).toBeLessThan(5);
  });

  it('stops after MAX_OBJECTS_VISITED lookups and says so', async () => {
    // In this thread, so that a loaded machine cannot run the file's time budget out first.
    const host = await inlineH5Host();
    const path = await contextFromBytes('many.h5', writePlainHdf5()).localPath();
    const h5 = H5File.open(host, path)!;
    try {
      for (let i = 0; i < MAX_OBJECTS_VISITED + 10; i++) h5.kind(`/missing_${i}`);
      expect(h5.exhausted).toBe(true);
      expect(h5.kind('/measurements')).toBeUndefined();
    } finally {
      h5.close();
    }
  });

  it('runs in a worker thread, and reads the same in this thread when no worker can start', async () => {
    expect((await h5Host()).kind).toBe('worker');
    const host = await inlineH5Host();
    expect(host.kind).toBe('inline');
    const path = await contextFromBytes('inline.h5ad', real('hdf5/adata_v0.11.4.h5ad')()).localPath();
    const h5 = H5File.open(host, path)!;
    try {
      expect(h5.attribute('/', 'encoding-type')).toBe('anndata');
      expect(h5.children('/')?.names).toContain('obs');
      expect(h5.shape('/obs/_index')).toEqual([10]);
    } finally {
      h5.close();
    }
  });

  it('does not open a file the HDF5 library refuses', async () => {
    const host = await h5Host();
    const path = await contextFromBytes('garbage.h5', new Uint8Array(1024).fill(7)).localPath();
    expect(H5File.open(host, path)).toBeNull();
  });

  it('stops an HDF5 call that loops on a damaged file, and reads the next file with a new worker', async () => {
    // A global heap collection ("GCOL", HDF5 spec §III.E) whose first object has index 0 and size 0 makes the
    // HDF5 library's heap parser step by zero bytes forever when a variable-length string is read.
    const bytes = writeNexusTomo();
    const gcol = Buffer.from(bytes).indexOf('GCOL');
    expect(gcol).toBeGreaterThan(0);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint16(gcol + 16, 0, true);
    view.setBigUint64(gcol + 24, 0n, true);
    const started = Date.now();
    const found = await detect('loop.nxs', bytes);
    expect(Date.now() - started).toBeLessThan(3500);
    expect(found?.format).toBe('hdf5');
    expect(found?.problems.join(' ')).toMatch(/HDF5 reading stopped|could not open the file/);
    expect((await detect('after.h5ad', real('hdf5/adata_v0.11.4.h5ad')()))?.format).toBe('anndata');
  });
});

describe('HDF5 sub-types', () => {
  it('reads AnnData with uns/spatial as spatial transcriptomics', async () => {
    const bytes = writeHdf5({
      groups: ['/obs', '/var', '/obsm', '/uns/spatial/V1_Mouse_Brain/images'],
      datasets: [
        { path: '/X', data: [1, 0, 2, 0, 3, 0], dtype: '<f', shape: [3, 2] },
        { path: '/obs/_index', data: ['c1', 'c2', 'c3'] },
        { path: '/var/_index', data: ['g1', 'g2'] },
      ],
      attrs: [
        { path: '/', name: 'encoding-type', value: 'anndata' },
        { path: '/', name: 'encoding-version', value: '0.1.0' },
        { path: '/obs', name: '_index', value: '_index' },
        { path: '/var', name: '_index', value: '_index' },
      ],
    });
    const found = await detect('visium.h5ad', bytes);
    expect(found).toMatchObject({
      format: 'anndata',
      confidence: CONFIDENCE.STRUCTURE,
      facts: { omics: { value: { kind: 'spatial-transcriptomics' } }, spatial: { value: { platform: 'AnnData spatial' } }, header: { value: { observations: 3, variables: 2 } } },
    });
  });

  it('recognises a pre-0.7 AnnData file from its groups, with a problem', async () => {
    const bytes = writeHdf5({
      groups: ['/uns', '/obsm'],
      datasets: [
        { path: '/X', data: [1, 2, 3, 4], dtype: '<f', shape: [2, 2] },
        { path: '/obs', data: ['c1', 'c2'] },
        { path: '/var', data: ['g1', 'g2'] },
      ],
    });
    const found = await detect('old.h5ad', bytes);
    expect(found).toMatchObject({ format: 'anndata', confidence: CONFIDENCE.MAGIC });
    expect(found?.problems[0]).toMatch(/pre-0.7/);
  });

  it('reads a Cell Ranger 2 matrix and a Xenium cell_feature_matrix', async () => {
    const v2 = writeHdf5({
      datasets: [
        { path: '/GRCh38/barcodes', data: ['AAAC-1', 'AAAG-1'] },
        { path: '/GRCh38/genes', data: ['ENSG1', 'ENSG2', 'ENSG3'] },
        { path: '/GRCh38/gene_names', data: ['A', 'B', 'C'] },
        { path: '/GRCh38/shape', data: [3, 2], dtype: '<i', shape: [2] },
      ],
    });
    expect(await detect('matrix.h5', v2)).toMatchObject({ format: 'tenx-h5', facts: { omics: { value: { kind: 'count-matrix' } }, header: { value: { features: 3, barcodes: 2 } } } });
    const xenium = writeHdf5({
      datasets: [
        { path: '/matrix/barcodes', data: ['cell1', 'cell2'] },
        { path: '/matrix/features/id', data: ['ENSG1'] },
        { path: '/matrix/features/name', data: ['A'] },
        { path: '/matrix/features/feature_type', data: ['Gene Expression'] },
      ],
      attrs: [
        { path: '/', name: 'software_version', value: 'xenium-1.4.0.6' },
        { path: '/', name: 'filetype', value: 'matrix' },
      ],
    });
    expect(await detect('cell_feature_matrix.h5', xenium)).toMatchObject({
      format: 'tenx-h5',
      facts: { omics: { value: { platform: 'Xenium' } }, spatial: { value: { platform: 'Xenium', role: 'count matrix' } }, software: { value: 'xenium-1.4.0.6' } },
    });
  });

  it('reads Imaris extents in nanometres', async () => {
    const found = await detect('nm.ims', writeImaris({ size: [10, 10, 1], voxel: [50, 50, 200], unit: 'nm', channels: [{ name: 'A' }] }));
    expect(found?.facts.pixelSize).toEqual({ value: { x: 50, y: 50 }, unit: 'nm', provenance: 'header' });
    expect(found?.facts.dimensions?.value).toMatchObject({ x: 10, y: 10, z: 1, c: 1 });
  });

  it('reads Velox TEM images and refuses reciprocal pixel sizes', async () => {
    const tem = await detect('tem.emd', writeVelox({ width: 4, height: 4, metadata: { Optics: { AccelerationVoltage: '300000', IlluminationMode: 'Parallel' }, BinaryResult: { PixelSize: { width: '1e-10', height: '1e-10' }, PixelUnitX: 'm' }, Detectors: { 'Detector-0': { DetectorName: 'BM-Ceta' } }, Instrument: { InstrumentClass: 'Titan' } } }));
    expect(tem).toMatchObject({ format: 'velox-emd', facts: { imagingMode: { value: 'TEM' }, voltageKV: { value: 300 }, detector: { value: 'BM-Ceta' }, instrument: { value: { model: 'Titan' } }, pixelSize: { value: { x: 0.1 } } } });
    const diffraction = await detect('dp.emd', writeVelox({ width: 4, height: 4, frames: 3, metadata: { BinaryResult: { PixelSize: { width: '1e7', height: '1e7' }, PixelUnitX: '1/m' } } }));
    expect(diffraction?.facts.pixelSize).toBeUndefined();
    expect(diffraction?.facts.dimensions?.value).toEqual({ x: 4, y: 4, frames: 3 });
    expect(diffraction?.problems.join(' ')).toMatch(/not a length/);
  });

  it('reads a Velox diffraction pattern from Optics.ProjectorMode (rosettasciio EMD Velox metadata), whatever the illumination', async () => {
    const dp = await detect('dp.emd', writeVelox({ width: 4, height: 4, metadata: { Optics: { AccelerationVoltage: '200000', IlluminationMode: 'Parallel', ProjectorMode: 'Diffraction' } } }));
    expect(dp?.facts.imagingMode?.value).toBe('diffraction');
    expect(dp?.facts.voltageKV?.value).toBe(200);
  });

  it('leaves a Version dataset that is not Velox to the generic reader', async () => {
    const bytes = writeHdf5({ groups: ['/Data'], datasets: [{ path: '/Version', data: ['{"format": "Other"}'], shape: [1] }] });
    expect((await detect('other.emd', bytes))?.format).toBe('hdf5');
  });

  it('notes EMAN2, BigDataViewer and Berkeley EMD layouts in the generic detection', async () => {
    const eman = writeHdf5({
      datasets: [{ path: '/MDF/images/0/image', data: [0, 0, 0, 0], dtype: '<f', shape: [2, 2] }],
      attrs: [
        { path: '/MDF/images/0', name: 'EMAN.apix_x', value: 1.06, dtype: '<d' },
        { path: '/MDF/images/0', name: 'EMAN.apix_y', value: 1.06, dtype: '<d' },
        { path: '/MDF/images/0', name: 'EMAN.nx', value: 2, dtype: '<i' },
        { path: '/MDF/images/0', name: 'EMAN.ny', value: 2, dtype: '<i' },
      ],
    });
    expect(await detect('particles.hdf', eman)).toMatchObject({ format: 'hdf5', facts: { creator: { value: 'EMAN2' }, pixelSize: { value: { x: expect.closeTo(0.106, 9), y: expect.closeTo(0.106, 9) } }, dimensions: { value: { x: 2, y: 2 } } } });
    const bdv = writeHdf5({ datasets: [{ path: '/s00/resolutions', data: [1, 1, 1], dtype: '<d', shape: [1, 3] }, { path: '/t00000/s00/0/cells', data: [0], dtype: '<H', shape: [1, 1, 1] }] });
    expect(await detect('dataset.h5', bdv)).toMatchObject({ format: 'hdf5', facts: { creator: { value: 'BigDataViewer' }, header: { value: { layout: 'BigDataViewer HDF5' } } } });
    const emd = writeHdf5({
      groups: ['/data/image'],
      attrs: [
        { path: '/', name: 'version_major', value: 0, dtype: '<i' },
        { path: '/', name: 'version_minor', value: 2, dtype: '<i' },
      ],
    });
    expect(await detect('ncem.emd', emd)).toMatchObject({ format: 'hdf5', facts: { header: { value: { layout: 'Berkeley EMD', emdVersion: '0.2' } } } });
  });

  it('wins over the name: a 10x-named file without the layout is plain HDF5', async () => {
    const found = await identify(contextFromBytes('raw_feature_bc_matrix.h5', writePlainHdf5()));
    expect(found.format).toBe('hdf5');
    expect(found.evidence.some((e) => /name suggests 10x feature-barcode matrix/.test(e.detail))).toBe(true);
  });
});
