import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { leicaDetector, MAX_LEICA_XML_BYTES } from '../../../../main/formats/families/lm/leica';
import { identify } from '../../../../main/formats/registry';
import { leicaXml, writeLif, writeLof, type LeicaImage } from '../../../fixtures/writers/lm/leica';

const confocal: LeicaImage = { name: 'S1', sizeX: 1024, sizeY: 1024, lengthMetres: 1023 * 9e-8, channels: [{ dye: 'mCherry' }], system: 'STELLARIS 8', source: 'Confocal' };

describe('Leica LIF/LOF', () => {
  it('reads a confocal LIF header: instrument, mode, pixel size from Length/(N−1)', async () => {
    const found = await identify(contextFromBytes('a.lif', writeLif(leicaXml(confocal))));
    expect(found.format).toBe('lif');
    expect(found.confidence).toBe(CONFIDENCE.STRUCTURE);
    expect(found.facts.instrument?.value).toEqual({ manufacturer: 'Leica Microsystems', model: 'STELLARIS 8' });
    expect(found.facts.imagingMode?.value).toBe('confocal');
    expect(found.facts.pixelSize?.value).toEqual({ x: 90, y: 90 });
    expect(found.facts.channels?.value).toEqual([{ name: 'mCherry', fluor: 'mCherry' }]);
  });

  it('tells LOF from LIF by the "LMS_Object_File" type name and finds the XML after the pixels', async () => {
    const pixels = new Uint8Array(200_000).fill(9);
    const ctx = contextFromBytes('b.lof', writeLof(leicaXml({ ...confocal, source: 'Camera', system: 'THUNDER Imager' }), pixels));
    const found = await leicaDetector.detect(ctx);
    expect(found?.format).toBe('lof');
    expect(found?.facts.imagingMode?.value).toBe('widefield');
    expect(found?.facts.header?.value).toMatchObject({ lofVersion: '2.0', version: '2', dataSource: 'Camera' });
    expect(found?.evidence.some((e) => /camera-based acquisition, read as widefield/.test(e.detail))).toBe(true);
  });

  it('keeps a LIF whose XML is cut as LIF, reading instrument and mode by pattern', async () => {
    const full = writeLif(leicaXml(confocal));
    const cut = full.subarray(0, Math.floor(full.length * 0.8));
    const found = await leicaDetector.detect(contextFromBytes('cut.lif', cut));
    expect(found?.format).toBe('lif');
    expect(found?.problems.join('\n')).toMatch(/Truncated: the XML header/);
    expect(found?.facts.instrument?.value).toMatchObject({ model: 'STELLARIS 8' });
    expect(found?.facts.imagingMode?.value).toBe('confocal');
  });

  it('caps the XML read and says the header was too large to parse', async () => {
    const head = new Uint8Array(13 + 64);
    const v = new DataView(head.buffer);
    v.setUint32(0, 0x70, true);
    v.setUint8(8, 0x2a);
    v.setUint32(9, MAX_LEICA_XML_BYTES, true); // characters: twice the cap in bytes
    head.set(new TextEncoder().encode('<\0L\0'), 13);
    const ctx = contextFromBytes('huge.lif', head);
    const found = await leicaDetector.detect(ctx);
    expect(found?.format).toBe('lif');
    expect(found?.problems.join('\n')).toMatch(/too large to parse/);
    expect(ctx.stats.bytes).toBeLessThanOrEqual(MAX_LEICA_XML_BYTES);
  });

  it('keeps a LOF cut inside its pixel memory as LOF, without metadata', async () => {
    const full = writeLof(leicaXml(confocal), new Uint8Array(10_000));
    const found = await leicaDetector.detect(contextFromBytes('cut.lof', full.subarray(0, 5_000)));
    expect(found?.format).toBe('lof');
    expect(found?.confidence).toBe(CONFIDENCE.MAGIC);
    expect(found?.problems.join('\n')).toMatch(/no XML block after/);
  });
});
