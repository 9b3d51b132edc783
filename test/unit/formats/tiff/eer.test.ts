import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { imageTags, tag, TYPE, writeTiff, type TagSpec } from '../../../fixtures/writers/tiff/tiff';
import { EER_ITEMS, eerXml } from '../../../fixtures/writers/tiff/vendors';

/**
 * EER movies as the TFS "EER file format" specification describes them (version history: v2.0 7-bit
 * compression, v2.1 final-image directory, v2.2 acquisition metadata) and as FEI's EerReader reads them
 * (EerFile.cpp: TIFFTAG_EER_ACQUISITION_METADATA = 65001; TIFF_COMPRESSION_EER_V0/V1 = 65000/65001): a BigTIFF,
 * one IFD per frame compressed 65000–65002, the `<metadata>` XML in tag 65001 of IFD0 from v2.2 on.
 * tifffile `TiffPage.is_eer`: BigTIFF, tag 65001 of dtype 7, value starting `<metadata>`.
 */
const W = 64;

function movie(o: { bigTiff: boolean; xml?: string; xmlType?: number; compression?: number; frames?: number }): Uint8Array {
  const frame = (): TagSpec[] => imageTags({ width: W, height: W, bitsPerSample: 1, compression: o.compression ?? 65002 });
  const meta: TagSpec[] = o.xml === undefined ? [] : [o.xmlType === undefined ? tag.undefinedBytes(65001, o.xml) : { tag: 65001, type: o.xmlType, value: o.xmlType === TYPE.ASCII ? o.xml : new TextEncoder().encode(o.xml) }];
  return writeTiff({
    bigTiff: o.bigTiff,
    ifds: [{ tags: [...frame(), ...meta], strip: new Uint8Array(64) }, ...Array.from({ length: (o.frames ?? 3) - 1 }, () => ({ tags: frame(), strip: new Uint8Array(64) }))],
  });
}

describe('EER movies', () => {
  const xml = eerXml(EER_ITEMS);

  it('reads the v2.2+ movie the spec describes (BigTIFF, <metadata> in 65001, frames compressed 65002)', async () => {
    const found = await identify(contextFromBytes('FoilHole_1_fractions.eer', movie({ bigTiff: true, xml })));
    expect(found.format).toBe('eer');
    expect(found.confidence).toBeGreaterThanOrEqual(0.95);
    // EER_ITEMS: commercialName Falcon 4i, sensorPixelSize 7.4e-11 m = 0.074 nm, numberOfFrames 3, totalDose 40.2 e/Å².
    expect(found.facts.detector?.value).toBe('Falcon 4i');
    expect(found.facts.pixelSize?.value.x).toBeCloseTo(0.074, 6);
    expect(found.facts.dose?.value).toBe(40.2);
    expect(found.facts.arrangement?.value).toBe('movie');
  });

  it('accepts an XML declaration before <metadata> (the acquisition XML is an XML document)', async () => {
    const found = await identify(contextFromBytes('m.eer', movie({ bigTiff: true, xml: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` })));
    expect(found.format).toBe('eer');
    expect(found.facts.detector?.value).toBe('Falcon 4i');
  });

  it('accepts tag 65001 typed BYTE (uninterpreted bytes, like UNDEFINED) but not ASCII (tifffile is_eer: dtype 7)', async () => {
    const asBytes = await identify(contextFromBytes('m.eer', movie({ bigTiff: true, xml, xmlType: TYPE.BYTE })));
    expect(asBytes.format).toBe('eer');
    expect(asBytes.facts.dose?.value).toBe(40.2);
    const asText = await identify(contextFromBytes('m.eer', movie({ bigTiff: true, xml, xmlType: TYPE.ASCII })));
    expect(asText.format).not.toBe('eer');
  });

  it('identifies a pre-v2.2 movie (no acquisition XML) by its EER compression, whichever compression value', async () => {
    for (const compression of [65000, 65001, 65002]) {
      const found = await identify(contextFromBytes('old.tif', movie({ bigTiff: true, compression })));
      expect(found.format).toBe('eer');
      expect(found.facts.arrangement?.value).toBe('movie');
      expect(found.problems.join(' ')).toMatch(/No acquisition metadata/);
    }
  });

  it('does not take the compression value 65001 on a classic TIFF, or tag 65001 with other content, for EER', async () => {
    const classic = await identify(contextFromBytes('x.tif', movie({ bigTiff: false, compression: 65001 })));
    expect(classic.format).not.toBe('eer');
    const other = await identify(contextFromBytes('x.tif', movie({ bigTiff: true, xml: '<gain><point x="1" y="2"/></gain>', compression: 1 })));
    expect(other.format).not.toBe('eer');
  });

  it('keeps a classic-TIFF EER (XML + EER compression) as EER, unverified', async () => {
    const found = await identify(contextFromBytes('m.eer', movie({ bigTiff: false, xml })));
    expect(found.format).toBe('eer');
    expect(found.confidence).toBeLessThan(0.95);
  });
});
