import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { MAX_READS, MAX_TOTAL_READ_BYTES } from '../../../../main/formats/detector';
import { MAX_DEPTH, readDmTree } from '../../../../main/formats/families/cryoem/dm-tags';
import { gatanDmDetector } from '../../../../main/formats/families/cryoem/gatan-dm';
import { dmAllTypes } from '../../../fixtures/writers/cryoem/samples';
import { real } from '../../../fixtures/format-fixture';
import { dm, dmImageTree, writeDm, type DmTag } from '../../../fixtures/writers/cryoem/dm';

describe('Gatan DM tag tree', () => {
  for (const version of [3, 4] as const) {
    for (const le of [true, false]) {
      it(`reads every simple type (DM${version}, ${le ? 'little' : 'big'}-endian data)`, async () => {
        const tree = await readDmTree(contextFromBytes(`t.dm${version}`, writeDm(version, dmAllTypes, le)));
        expect(tree?.complete).toBe(true);
        expect(Object.fromEntries(tree!.values)).toEqual({
          'Types.i16': -2,
          'Types.i32': -3,
          'Types.u16': 4,
          'Types.u32': 5,
          'Types.f32': 6.5,
          'Types.f64': 7.25,
          'Types.bool': 1,
          'Types.u8': 10,
        });
      });
    }
  }

  it('skips a large pixel array to reach the image tags behind it, within the read budget', async () => {
    // 1024 × 1024 × 4 uint16 = 8 MiB of pixels, more than the head and more than one read window.
    const bytes = writeDm(4, dmImageTree({ width: 1024, height: 1024, frames: 4, voltageV: 300_000, device: 'K3' }));
    const ctx = contextFromBytes('big.dm4', bytes);
    const found = await gatanDmDetector.detect(ctx);
    expect(found?.facts.voltageKV?.value).toBe(300);
    expect(found?.facts.detector?.value).toBe('K3');
    expect(found?.facts.dimensions?.value).toEqual({ x: 1024, y: 1024, z: 4 });
    expect(ctx.stats.reads).toBeLessThan(MAX_READS / 8);
    expect(ctx.stats.bytes).toBeLessThan(MAX_TOTAL_READ_BYTES / 4);
  });

  it('stops at MAX_DEPTH nested groups with a problem, without throwing', async () => {
    let tag: DmTag = dm.num('leaf', 'u8', 1);
    for (let i = 0; i < MAX_DEPTH + 5; i++) tag = dm.group(`g${i}`, tag);
    const tree = await readDmTree(contextFromBytes('deep.dm3', writeDm(3, [tag])));
    expect(tree?.complete).toBe(false);
    expect(tree?.problems.join(' ')).toMatch(/deeper than/);
  });

  it('keeps a truncated file as Gatan DM with what it read', async () => {
    const full = writeDm(3, dmImageTree({ width: 64, height: 64, voltageV: 200_000 }));
    const found = await gatanDmDetector.detect(contextFromBytes('cut.dm3', full.subarray(0, Math.floor(full.length / 2))));
    expect(found?.format).toBe('gatan-dm');
    expect(found?.problems.join(' ')).toMatch(/ended early|file size/);
  });

  it('is not fooled by EPU session XML named .dm, nor by other versions', async () => {
    expect(await gatanDmDetector.detect(contextFromBytes('EpuSession.dm', real('epu/EpuSession.dm')()))).toBeNull();
    const v5 = writeDm(4, dmAllTypes);
    v5[3] = 5;
    expect(await gatanDmDetector.detect(contextFromBytes('x.dm4', v5))).toBeNull();
  });

  it('takes the largest image, not the thumbnail, and converts Å and µm calibrations', async () => {
    const a = await gatanDmDetector.detect(contextFromBytes('a.dm3', writeDm(3, dmImageTree({ width: 40, height: 30, scaleNm: 2.5, units: 'Å' }))));
    expect(a?.facts.dimensions?.value).toEqual({ x: 40, y: 30 });
    expect(a?.facts.pixelSize?.value).toEqual({ x: 0.25, y: 0.25 });
    const u = await gatanDmDetector.detect(contextFromBytes('u.dm3', writeDm(3, dmImageTree({ width: 40, height: 30, scaleNm: 0.002, units: 'um' }))));
    expect(u?.facts.pixelSize?.value.x).toBe(2);
    const r = await gatanDmDetector.detect(contextFromBytes('r.dm3', writeDm(3, dmImageTree({ width: 40, height: 30, scaleNm: 0.01, units: '1/nm' }))));
    expect(r?.facts.pixelSize).toBeUndefined();
  });

  // ncempy dm.py parseHeader: ImageList entry 0 with DataType 23 (RGBA) and two dimensions is the thumbnail and
  // getDataset skips it; rosettasciio reads Microscope Info.{Voltage (V), Operation Mode, Indicated Magnification,
  // Name} and Meta Data.Signal of the data entry.
  it('passes over a thumbnail that has more values than the data: a 2048-channel EELS spectrum', async () => {
    const bytes = writeDm(4, dmImageTree({ width: 2048, thumbnail: { width: 256, height: 256 }, units: 'eV', scaleNm: 0.25, signal: 'EELS', voltageV: 300_000 }));
    const found = await gatanDmDetector.detect(contextFromBytes('EELS.dm4', bytes));
    expect(found?.facts.dimensions?.value).toEqual({ x: 2048 });
    expect(found?.facts.imagingMode?.value).toBe('spectroscopy');
    expect(found?.facts.pixelSize).toBeUndefined(); // eV per channel is not a length
    expect(found?.facts.voltageKV?.value).toBe(300);
    expect(found?.facts.header?.value).toMatchObject({ image: 'ImageList.1', signal: 'EELS' });
  });

  it('calls a one-dimensional data entry a spectrum even without Meta Data.Signal', async () => {
    const found = await gatanDmDetector.detect(contextFromBytes('s.dm3', writeDm(3, dmImageTree({ width: 1024, thumbnail: { width: 128, height: 128 }, units: 'eV' }))));
    expect(found?.facts.imagingMode?.value).toBe('spectroscopy');
  });

  it('reads Operation Mode DIFFRACTION as a diffraction pattern, with reciprocal calibrations kept out of the pixel size', async () => {
    const tree = dmImageTree({ width: 2048, height: 2048, thumbnail: { width: 256, height: 256 }, operationMode: 'DIFFRACTION', imagingMode: 'SA DIFF', illumination: 'TEM', units: '1/nm', scaleNm: 0.01, voltageV: 200_000, magnification: 1, name: 'Titan Krios' });
    const found = await gatanDmDetector.detect(contextFromBytes('diff.dm4', writeDm(4, tree)));
    expect(found?.facts.imagingMode?.value).toBe('diffraction');
    expect(found?.facts.pixelSize).toBeUndefined();
    expect(found?.facts.voltageKV?.value).toBe(200);
    expect(found?.facts.instrument?.value).toEqual({ model: 'Titan Krios' });
    expect(found?.facts.header?.value).toMatchObject({ operationMode: 'DIFFRACTION' });
  });

  it('reads an IMAGING-mode image with its nm calibration and magnification', async () => {
    const tree = dmImageTree({ width: 4096, height: 4096, thumbnail: { width: 256, height: 256 }, operationMode: 'IMAGING', illumination: 'TEM', units: 'nm', scaleNm: 0.1365, magnification: 64_000, voltageV: 300_000 });
    const found = await gatanDmDetector.detect(contextFromBytes('img.dm4', writeDm(4, tree)));
    expect(found?.facts.imagingMode?.value).toBe('TEM');
    expect(found?.facts.pixelSize?.value).toEqual({ x: 0.1365, y: 0.1365 });
    expect(found?.facts.magnification?.value).toBe(64_000);
    expect(found?.facts.dimensions?.value).toEqual({ x: 4096, y: 4096 });
    // The writer stores the image as u16 with DataType 10 and the thumbnail as RGBA, DataType 23: the data
    // entry's type is the one kept (ncempy dm.py _DM2NPDataType: 10 = uint16).
    expect(found?.facts.header?.value).toMatchObject({ image: 'ImageList.1', dataType: 10 });
  });
});
