// Nested OME-Zarr (OpenOrganelle/COSEM) and N5 containers read from disk: the root metadata file's reader walks
// the store's folders (bounded) to the first image. Expected values are those the trees are written with, per
// the OME-NGFF 0.4 spec (multiscales axes z/y/x in "nanometer", scale transforms [5.24, 4, 4] as the COSEM
// jrc_hela-2 FIB-SEM volume publishes them) and the N5 spec (dimensions fastest axis first).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromFile } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { MAX_WALK_DEPTH } from '../../../../main/formats/families/lm/store-walk';
import { FilesetGrouper } from '../../../../main/scan/grouper';
import { writeBdvN5 } from '../../../fixtures/writers/lm/bdv';

function tree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'da-store-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

async function identifyFile(file: string) {
  const { ctx, close } = await contextFromFile(file);
  try {
    return await identify(ctx);
  } finally {
    await close();
  }
}

const GROUP = '{\n  "zarr_format": 2\n}';
const NGFF_EM = JSON.stringify({
  multiscales: [
    {
      version: '0.4',
      name: 'fibsem-uint8',
      axes: [
        { name: 'z', type: 'space', unit: 'nanometer' },
        { name: 'y', type: 'space', unit: 'nanometer' },
        { name: 'x', type: 'space', unit: 'nanometer' },
      ],
      datasets: [{ path: 's0', coordinateTransformations: [{ type: 'scale', scale: [5.24, 4, 4] }] }],
    },
  ],
});

describe('nested OME-Zarr', () => {
  it('reads the first multiscales below a root group that has none (OpenOrganelle recon-1/em/fibsem-uint8)', async () => {
    const g = 'jrc_hela-2.zarr/recon-1/em/fibsem-uint8';
    const root = tree({
      'jrc_hela-2.zarr/.zgroup': GROUP,
      'jrc_hela-2.zarr/recon-1/.zgroup': GROUP,
      'jrc_hela-2.zarr/recon-1/em/.zgroup': GROUP,
      [`${g}/.zgroup`]: GROUP,
      [`${g}/.zattrs`]: NGFF_EM,
      [`${g}/s0/.zarray`]: JSON.stringify({ zarr_format: 2, shape: [8, 8, 8], chunks: [8, 8, 8], dtype: '|u1', compressor: null, fill_value: 0, order: 'C', filters: null }),
      [`${g}/s0/0/0/0`]: new Uint8Array(16),
    });
    const found = await identifyFile(path.join(root, 'jrc_hela-2.zarr/.zgroup'));
    expect(found.format).toBe('ome-zarr');
    expect(found.facts.pixelSize).toMatchObject({ value: { x: 4, y: 4, z: 5.24 }, unit: 'nm' });
    expect(found.facts.header?.value).toMatchObject({ multiscalesPath: 'recon-1/em/fibsem-uint8', ngffVersion: '0.4' });
    expect(found.facts.imagingMode).toMatchObject({ value: 'FIB-SEM', provenance: 'name' });
  });

  it('keeps a root group whose groups hold no image as plain Zarr, and names no technique for other group names', async () => {
    const plain = tree({ 's.zarr/.zgroup': GROUP, 's.zarr/a/.zgroup': GROUP, 's.zarr/a/.zattrs': '{"note": "no image here"}' });
    expect((await identifyFile(path.join(plain, 's.zarr/.zgroup'))).format).toBe('zarr');
    const lm = tree({ 'cells.zarr/.zgroup': GROUP, 'cells.zarr/raw/.zgroup': GROUP, 'cells.zarr/raw/.zattrs': NGFF_EM });
    const found = await identifyFile(path.join(lm, 'cells.zarr/.zgroup'));
    expect(found.format).toBe('ome-zarr');
    expect(found.facts.imagingMode).toBeUndefined();
  });

  it('also walks from a root .zattrs whose attributes are not OME-NGFF (read first when a root has both)', async () => {
    const root = tree({ 'c.zarr/.zgroup': GROUP, 'c.zarr/.zattrs': '{"title": "jrc_hela-2"}', 'c.zarr/recon-1/em/fibsem-uint8/.zattrs': NGFF_EM });
    const found = await identifyFile(path.join(root, 'c.zarr/.zattrs'));
    expect(found.format).toBe('ome-zarr');
    expect(found.facts.header?.value).toMatchObject({ multiscalesPath: 'recon-1/em/fibsem-uint8' });
  });

  it('stops at the depth limit', async () => {
    const deep = Array.from({ length: MAX_WALK_DEPTH + 1 }, (_, i) => `g${i}`).join('/');
    const root = tree({ 'd.zarr/.zgroup': GROUP, [`d.zarr/${deep}/.zattrs`]: NGFF_EM });
    expect((await identifyFile(path.join(root, 'd.zarr/.zgroup'))).format).toBe('zarr');
  });
});

describe('N5 containers', () => {
  it('reads the root version and, below it, the first dataset of a BigDataViewer N5', async () => {
    const files: Record<string, string | Uint8Array> = {};
    for (const [rel, bytes] of Object.entries(writeBdvN5({ setups: 2, size: [16, 12, 8] }))) files[`dataset.n5/${rel}`] = bytes;
    const root = tree(files);
    const found = await identifyFile(path.join(root, 'dataset.n5/attributes.json'));
    expect(found.format).toBe('n5');
    expect(found.facts.dimensions?.value).toEqual({ x: 16, y: 12, z: 8 });
    expect(found.facts.header?.value).toMatchObject({ n5: '2.5.1', firstDataset: 'setup0/timepoint0/s0', dataType: 'uint16' });
    expect(found.facts.creator?.value).toBe('BigDataViewer');
  });

  it('groups every file of a *.n5 folder into one fileset read from its root attributes.json', () => {
    const g = new FilesetGrouper();
    const root = { index: 0, abs: '/data/study' };
    for (const [dir, name] of [
      ['stitching', 'dataset.xml'],
      ['stitching/dataset.n5', 'attributes.json'],
      ['stitching/dataset.n5/setup0', 'attributes.json'],
      ['stitching/dataset.n5/setup0/timepoint0/s0', 'attributes.json'],
      ['stitching/dataset.n5/setup0/timepoint0/s0/0/0', '0'],
    ] as const)
      g.add(root, dir, name, 100);
    const groups = g.groups();
    const store = groups.find((x) => x.pattern === 'dataset.n5/');
    expect(store).toMatchObject({ directory: 'stitching', extension: '.n5', layout: 'zarr' });
    expect(store!.names).toHaveLength(4);
    expect(store!.headerFiles!.map((i) => store!.names[i])).toEqual(['dataset.n5/attributes.json']);
    expect(groups.find((x) => x.pattern === 'dataset.xml')).toBeDefined();
  });
});
