import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { MAX_ZARR_JSON_BYTES, zarrDetector } from '../../../../main/formats/families/lm/zarr';
import { identify } from '../../../../main/formats/registry';
import { real, utf8 } from '../../../fixtures/format-fixture';

const json = (v: unknown): Uint8Array => utf8(JSON.stringify(v));

function image(unit: string | undefined, scale: number[], axes: unknown[] = ['y', 'x'].map((name) => ({ name, type: 'space', ...(unit ? { unit } : {}) }))): Uint8Array {
  return json({ multiscales: [{ version: '0.4', axes, datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale }] }] }] });
}

describe('Zarr and OME-Zarr metadata', () => {
  it.each([
    ['nanometer', [65, 65], 65],
    ['angstrom', [10, 10], 1],
    ['micrometer', [0.325, 0.325], 325],
  ])('converts %s scales to nm', async (unit, scale, nm) => {
    const found = await zarrDetector.detect(contextFromBytes('.zattrs', image(unit, scale)));
    expect(found?.format).toBe('ome-zarr');
    expect(found?.facts.pixelSize?.value).toEqual({ x: nm, y: nm });
  });

  it('applies the multiscale-wide scale after the dataset scale', async () => {
    const bytes = json({ multiscales: [{ axes: [{ name: 'y', type: 'space', unit: 'micrometer' }, { name: 'x', type: 'space', unit: 'micrometer' }], datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [2, 2] }] }], coordinateTransformations: [{ type: 'scale', scale: [0.5, 0.25] }] }] });
    const found = await zarrDetector.detect(contextFromBytes('.zattrs', bytes));
    expect(found?.facts.pixelSize?.value).toEqual({ x: 500, y: 1000 });
  });

  it('sets no pixel size for space axes without a unit, and says so', async () => {
    const found = await zarrDetector.detect(contextFromBytes('.zattrs', image(undefined, [1, 1])));
    expect(found?.facts.pixelSize).toBeUndefined();
    expect(found?.problems.join('\n')).toMatch(/no length unit/);
  });

  it('reads NGFF 0.3 string axes as names only', async () => {
    const found = await zarrDetector.detect(contextFromBytes('.zattrs', image(undefined, [1, 1, 1], ['z', 'y', 'x'])));
    expect(found?.format).toBe('ome-zarr');
    expect(found?.facts.header?.value).toMatchObject({ axes: 'z,y,x' });
  });

  it('counts the fields of a well and of a plate with field_count', async () => {
    const well = await zarrDetector.detect(contextFromBytes('.zattrs', json({ well: { images: [{ path: '0' }, { path: '1' }, { path: '2' }], version: '0.4' } })));
    expect(well?.facts.plate?.value).toEqual({ fields: 3 });
    const plate = await zarrDetector.detect(contextFromBytes('.zattrs', json({ plate: { rows: [{ name: 'A' }], columns: [{ name: '1' }], wells: [{ path: 'A/1' }], field_count: 4, acquisitions: [{ id: 0, maximumfieldcount: 2 }] } })));
    expect(plate?.facts.plate?.value).toEqual({ rows: 1, columns: 1, wells: 1, fields: 4 });
  });

  it('reads consolidated metadata whose root attributes are NGFF as OME-Zarr', async () => {
    const bytes = json({ zarr_consolidated_format: 1, metadata: { '.zgroup': { zarr_format: 2 }, '.zattrs': { 'bioformats2raw.layout': 3 } } });
    const found = await zarrDetector.detect(contextFromBytes('.zmetadata', bytes));
    expect(found?.format).toBe('ome-zarr');
    expect(found?.evidence.some((e) => /METADATA\.ome\.xml/.test(e.detail))).toBe(true);
  });

  it('lets the content decide: the real plate under its on-disk name is OME-Zarr, with magic confidence', async () => {
    const found = await identify(contextFromBytes('plate-01.zarr.zattrs.json', real('omezarr/plate-01.zarr.zattrs.json')()));
    expect(found.format).toBe('ome-zarr');
    expect(found.confidence).toBe(CONFIDENCE.MAGIC);
  });

  it('does not read a metadata file over the size limit, and claims it only weakly by name', async () => {
    const big = new Uint8Array(MAX_ZARR_JSON_BYTES + 10).fill(0x20);
    big.set(utf8('{"multiscales": ['));
    const ctx = contextFromBytes('.zattrs', big);
    const found = await zarrDetector.detect(ctx);
    expect(found?.format).toBe('ome-zarr');
    expect(found?.confidence).toBe(CONFIDENCE.WEAK);
    expect(found?.problems.join('\n')).toMatch(/too large to read/);
    expect(ctx.stats.reads).toBe(0);
    expect(await zarrDetector.detect(contextFromBytes('notes.json', big))).toBeNull();
  });
});
