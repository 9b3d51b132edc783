import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { imageTags, TYPE, writeTiff, type TagSpec } from '../../../fixtures/writers/tiff/tiff';
import { sisStructure, vsiVolumeHeader } from '../../../fixtures/writers/tiff/vendors';

/**
 * Olympus SIS TIFF vs cellSens VSI. SIS: tag 33560 → "SIS0" structure whose general-data block (type 1) holds
 * lenexp, xcal, ycal, magnification and the camera name (tifffile read_sis; tifffile is_sis = 33560 or 33471).
 * VSI: a .vsi TIFF whose byte 8 starts the cellSens tag container (header size 24, version 21321; Bio-Formats
 * CellSensReader.readTags), pixels in the .ets files of _<name>_/stackN/. Olympus Soft Imaging's TEM software writes the same
 * container after the TIFF header, so the container alone does not make a slide scan.
 */
const W = 64;

function sisTiff(o: { container: boolean; camera?: string; magnification?: number; software?: string; xcal?: number }): Uint8Array {
  const tags: TagSpec[] = [
    ...imageTags({ width: W, height: W, make: 'Olympus Soft Imaging Solutions', model: 'Quemesa', software: o.software ?? 'iTEM 5.2' }),
    { tag: 33560, type: TYPE.UNDEFINED, value: sisStructure({ camera: o.camera ?? 'Quemesa', magnification: o.magnification ?? 30000, xcal: o.xcal ?? 0.42, lenexp: -9 }) },
  ];
  return writeTiff({ ...(o.container ? { afterHeader: vsiVolumeHeader() } : {}), ifds: [{ tags, strip: new Uint8Array(W * W) }] });
}

describe('Olympus SIS TIFF vs cellSens VSI', () => {
  it('keeps a Quemesa SIS TIFF with the Olympus container at byte 8 an SIS TIFF, with its TEM facts', async () => {
    const found = await identify(contextFromBytes('grid3_0001.tif', sisTiff({ container: true })));
    expect(found.format).toBe('olympus-sis-tiff');
    expect(found.facts.imagingMode?.value).toBe('TEM');
    expect(found.facts.detector?.value).toBe('Quemesa');
    expect(found.facts.magnification?.value).toBe(30000);
    // xcal 0.42 × 10^-9 m (tifffile read_sis: pixelsizex = xcal * 10**lenexp) = 0.42 nm.
    expect(found.facts.pixelSize?.value).toEqual({ x: 0.42, y: 0.42 });
    expect(found.facts.imagingMode?.value).not.toBe('slide-scanner');
  });

  it('still calls the container without an SIS structure, or any TIFF named .vsi, a VSI slide', async () => {
    const bare = writeTiff({ afterHeader: vsiVolumeHeader(), ifds: [{ tags: imageTags({ width: W, height: W, make: 'Olympus', software: 'cellSens Dimension' }), strip: new Uint8Array(W * W) }] });
    expect((await identify(contextFromBytes('slide.tif', bare))).format).toBe('vsi');
    const named = await identify(contextFromBytes('slide_01.vsi', sisTiff({ container: true })));
    expect(named.format).toBe('vsi');
    expect(named.facts.imagingMode?.value).toBe('slide-scanner');
  });

  it('tells TEM from light microscopy by camera, software or magnification, and says nothing when none tells', async () => {
    const byCamera = await identify(contextFromBytes('a.tif', sisTiff({ container: false, camera: 'Morada', software: 'analySIS 5.0', magnification: 800 })));
    expect(byCamera.facts.imagingMode?.value).toBe('TEM');
    const bySoftware = await identify(contextFromBytes('b.tif', sisTiff({ container: false, camera: 'CCD', software: 'RADIUS 2.1', magnification: 800 })));
    expect(bySoftware.facts.imagingMode?.value).toBe('TEM');
    const byMag = await identify(contextFromBytes('c.tif', sisTiff({ container: false, camera: 'CCD', software: 'analySIS 5.0', magnification: 12000 })));
    expect(byMag.facts.imagingMode?.value).toBe('TEM');
    const light = await identify(contextFromBytes('d.tif', sisTiff({ container: false, camera: 'ColorView IIIu', software: 'analySIS 5.0', magnification: 40, xcal: 0.16, })));
    expect(light.format).toBe('olympus-sis-tiff');
    expect(light.facts.imagingMode).toBeUndefined();
  });
});
