import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { nd2Detector } from '../../../../main/formats/families/lm/nd2';
import { clxAt, decodeClxLite } from '../../../../main/formats/families/lm/nd2-clx';
import { identify } from '../../../../main/formats/registry';
import { clxRecord, writeJp2, writeLegacyNd2, writeNd2, type Nd2Options } from '../../../fixtures/writers/lm/nd2';

const base: Nd2Options = { width: 32, height: 32, umPerPixel: 0.065, channels: [{ name: 'A', modalityMask: 0x101 }] };

describe('ND2 CLX Lite decoding', () => {
  it('decodes nested levels, lists, strings, numbers and booleans', () => {
    const bytes = clxRecord('SLxRoot', { uiWidth: 2048, dCalibration: 0.1625, bCalibrated: true, sName: 'Ch ü', iOffset: -3, list: [{ uiCount: 1 }, { uiCount: 2 }] });
    const root = decodeClxLite(bytes);
    expect(clxAt(root!, 'SLxRoot', 'uiWidth')).toBe(2048);
    expect(clxAt(root!, 'SLxRoot', 'dCalibration')).toBe(0.1625);
    expect(clxAt(root!, 'SLxRoot', 'bCalibrated')).toBe(true);
    expect(clxAt(root!, 'SLxRoot', 'sName')).toBe('Ch ü');
    expect(clxAt(root!, 'SLxRoot', 'iOffset')).toBe(-3);
    expect(clxAt(root!, 'SLxRoot', 'list')).toEqual([{ uiCount: 1 }, { uiCount: 2 }]);
  });

  it('inflates a COMPRESS record (type 76, 10 more bytes, zlib)', () => {
    const inner = clxRecord('SLxRoot', { uiWidth: 7 });
    const compressed = new Uint8Array([76, 0, ...new Uint8Array(10), ...deflateSync(inner)]);
    expect(clxAt(decodeClxLite(compressed)!, 'SLxRoot', 'uiWidth')).toBe(7);
  });

  it('stops on cut or lying input instead of throwing', () => {
    const bytes = clxRecord('SLxRoot', { uiWidth: 1, sText: 'abc', nested: { dValue: 1.5 } });
    for (let n = 0; n < bytes.length; n++) expect(() => decodeClxLite(bytes.subarray(0, n))).not.toThrow();
    const lying = bytes.slice();
    new DataView(lying.buffer).setBigUint64(2 + 16 + 4, 0xffffffffffn, true); // LEVEL length far past the end
    expect(() => decodeClxLite(lying)).not.toThrow();
  });
});

describe('Nikon ND2', () => {
  it.each([
    [0x201, 'confocal'],
    [0x10001, 'multiphoton'],
    [0x40000401, 'super-resolution'],
    [0x20101, 'TIRF'],
    [0x101, 'widefield'],
    [0x102, 'brightfield'],
  ])('maps modality mask %s to %s', async (mask, mode) => {
    const found = await identify(contextFromBytes('m.nd2', writeNd2({ ...base, channels: [{ name: 'A', modalityMask: mask }] })));
    expect(found.format).toBe('nd2');
    expect(found.facts.imagingMode?.value).toBe(mode);
  });

  it('keeps a file without its chunk map as ND2 with the version, and says metadata was not read', async () => {
    const full = writeNd2(base);
    const found = await nd2Detector.detect(contextFromBytes('cut.nd2', full.subarray(0, full.length - 200)));
    expect(found?.format).toBe('nd2');
    expect(found?.confidence).toBe(CONFIDENCE.STRUCTURE);
    expect(found?.facts.header?.value).toMatchObject({ version: 'Ver3.0' });
    expect(found?.problems.join('\n')).toMatch(/No "ND2 CHUNK MAP SIGNATURE".*metadata not read/);
    expect(found?.facts.pixelSize).toBeUndefined();
  });

  it('survives a chunk map pointing outside the file', async () => {
    const bytes = writeNd2(base);
    new DataView(bytes.buffer).setBigUint64(bytes.length - 8, 1n << 40n, true);
    const found = await nd2Detector.detect(contextFromBytes('bad.nd2', bytes));
    expect(found?.problems.join('\n')).toMatch(/Chunk map position .* outside the file/);
  });

  it('reads an ND2 v3 file in a bounded number of reads', async () => {
    const ctx = contextFromBytes('r.nd2', writeNd2(base));
    await nd2Detector.detect(ctx);
    expect(ctx.stats.reads).toBeLessThanOrEqual(14);
  });

  it('identifies a legacy JPEG 2000 ND2 by its trailer whatever its name', async () => {
    const found = await identify(contextFromBytes('renamed.dat', writeLegacyNd2()));
    expect(found.format).toBe('nd2');
    expect(found.problems.join('\n')).toMatch(/metadata was not read/);
  });

  it('takes a JPEG 2000 file named .nd2 without trailer as ND2, with less confidence and a problem', async () => {
    const found = await identify(contextFromBytes('old.nd2', writeJp2()));
    expect(found.format).toBe('nd2');
    expect(found.confidence).toBeLessThan(CONFIDENCE.MAGIC);
    expect(found.problems.join('\n')).toMatch(/No legacy ND2 box map/);
  });

  it('leaves a JPEG 2000 file named .jp2 alone', async () => {
    expect(await nd2Detector.detect(contextFromBytes('x.jp2', writeJp2()))).toBeNull();
  });
});
