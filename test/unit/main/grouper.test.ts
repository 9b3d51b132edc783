import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FilesetGrouper, SINGLETON_MERGE_THRESHOLD } from '../../../main/scan/grouper';
import type { WalkRoot } from '../../../main/scan/walker';
import { numbered } from '../../helpers/temp-tree';

const ROOT: WalkRoot = { index: 0, abs: '/data/study' };

function group(files: readonly [dir: string, name: string][], root: WalkRoot = ROOT) {
  const g = new FilesetGrouper();
  for (const [dir, name] of files) g.add(root, dir, name, 100);
  return g.groups();
}

/** Flattens groups to `[folder, pattern, count]` rows, the shape the tests read. */
function rows(files: readonly [string, string][]) {
  return group(files).map((g) => [g.directory, g.pattern, g.names.length]);
}

describe('FilesetGrouper', () => {
  it('collapses a numbered slice series into one fileset', () => {
    expect(rows(numbered('slice_%d.tif', 600).map((n) => ['stack', n]))).toEqual([['stack', 'slice_####.tif', 600]]);
  });

  it('splits by pattern, extension and folder', () => {
    expect(
      rows([
        ['stack', 'slice_0001.tif'],
        ['stack', 'slice_0002.tif'],
        ['stack', 'mask_0001.tif'],
        ['stack', 'mask_0002.tif'],
        ['stack', 'slice_0001.png'],
        ['other', 'slice_0003.tif'],
        ['other', 'slice_0004.tif'],
      ]),
    ).toEqual([
      ['other', 'slice_####.tif', 2],
      ['stack', 'mask_####.tif', 2],
      ['stack', 'slice_####.tif', 2],
      ['stack', 'slice_0001.png', 1],
    ]);
  });

  it('groups numbers of varying width together', () => {
    expect(rows(['img_1.tif', 'img_10.tif', 'img_100.tif'].map((n) => ['.', n]))).toEqual([['.', 'img_#.tif', 3]]);
  });

  it('treats upper- and lower-case extensions as one', () => {
    expect(rows([['.', 'a_01.TIF'], ['.', 'a_02.tif']])).toEqual([['.', 'a_##.TIF', 2]]);
  });

  it('keeps a few unrelated single files apart, but merges many of them into *.ext', () => {
    const few = ['ACTB', 'GAPDH', 'TUBB'].map((g): [string, string] => ['genes', `${g}.tif`]);
    expect(rows(few)).toHaveLength(3);
    const many = ['ACTB', 'GAPDH', 'TUBB', 'VIM', 'LMNA', 'KRT8'].map((g): [string, string] => ['genes', `${g}.tif`]);
    expect(many.length).toBeGreaterThan(SINGLETON_MERGE_THRESHOLD);
    expect(rows([...many, ['genes', 'notes.txt'], ['genes', 'series_1.tif'], ['genes', 'series_2.tif']])).toEqual([
      ['genes', '*.tif', 6],
      ['genes', 'notes.txt', 1],
      ['genes', 'series_#.tif', 2],
    ]);
  });

  it('sorts names inside a group by code units, and gives stable ids', () => {
    const a = group([['.', 'x_10.tif'], ['.', 'x_02.tif'], ['.', 'x_01.tif']]);
    const b = group([['.', 'x_01.tif'], ['.', 'x_10.tif'], ['.', 'x_02.tif']]);
    expect(a[0]!.names).toEqual(['x_01.tif', 'x_02.tif', 'x_10.tif']);
    expect(a[0]!.id).toBe(b[0]!.id);
    expect(a[0]!.id).toMatch(/^[0-9a-f]{12}$/);
    const otherRoot = group([['.', 'x_01.tif']], { index: 0, abs: '/elsewhere' });
    expect(otherRoot[0]!.id).not.toBe(a[0]!.id);
  });

  it('keeps names holding byte 0x01 in their own folder (no key separator to collide with)', () => {
    // With 0x01 joining folder, stem and extension, these two made one key: "s" + "a\x01b.tif" ≡ "s\x01a" + "b.tif".
    const groups = group([['s', 'a\u0001b.tif'], ['s\u0001a', 'b.tif']]);
    expect(groups.flatMap((g) => g.names.map((n) => `${g.directory}/${n}`)).sort()).toEqual(['s\u0001a/b.tif', 's/a\u0001b.tif']);
    expect(new Set(groups.map((g) => g.id)).size).toBe(2);
  });

  it('puts every file in exactly one group, whatever the names (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_.\- ]{1,12}$/);
    const dir = fc.constantFrom('.', 'a', 'a/b', 'c');
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(dir, name), { selector: ([d, n]) => `${d}/${n}`, maxLength: 200 }), (files) => {
        const groups = group(files);
        const listed = groups.flatMap((g) => g.names.map((n) => `${g.directory}/${n}`)).sort();
        expect(listed).toEqual(files.map(([d, n]) => `${d}/${n}`).sort());
        expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
      }),
    );
  });
});

describe('collapseZarrStores (through FilesetGrouper)', () => {
  it('makes one fileset of an OME-Zarr store, whose header file is its root metadata', () => {
    const groups = group([
      ['light', 'overview.tif'],
      ['light/image-03.ome.zarr', '.zattrs'],
      ['light/image-03.ome.zarr', '.zgroup'],
      ['light/image-03.ome.zarr/0', '.zarray'],
      ['light/image-03.ome.zarr/0/0/0', '0'],
      ['light/image-03.ome.zarr/0/0/1', '0'],
      ['light/image-03.ome.zarr/labels', '.zgroup'],
    ]);
    expect(groups.map((g) => [g.directory, g.pattern, g.names.length, g.layout ?? '-'])).toEqual([
      ['light', 'image-03.ome.zarr/', 6, 'zarr'],
      ['light', 'overview.tif', 1, '-'],
    ]);
    const store = groups[0]!;
    expect(store.names).toContain('image-03.ome.zarr/0/0/1/0');
    expect(store.headerFiles!.map((i) => store.names[i])).toEqual(['image-03.ome.zarr/.zattrs']);
    expect(store.extension).toBe('.ome.zarr');
  });

  it('finds a store by its metadata when the folder is not named .zarr, top-most folder first', () => {
    const groups = group([
      ['plate', 'zarr.json'],
      ['plate/A/1', 'zarr.json'],
      ['plate/A/1/0', 'c'],
      ['elsewhere', 'x.csv'],
    ]);
    expect(groups.map((g) => [g.directory, g.pattern, g.names.length])).toEqual([
      ['.', 'plate/', 3],
      ['elsewhere', 'x.csv', 1],
    ]);
  });
});
