import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE, MAX_TOTAL_READ_BYTES } from '../../../../main/formats/detector';
import { deltavisionDetector } from '../../../../main/formats/families/cryoem/deltavision';
import { mrcDetector } from '../../../../main/formats/families/cryoem/mrc';
import { MAX_FEI_SECTIONS } from '../../../../main/formats/families/cryoem/mrc-ext';
import { identify } from '../../../../main/formats/registry';
import { deltaVision, feiTiltSeries } from '../../../fixtures/writers/cryoem/samples';
import { real } from '../../../fixtures/format-fixture';
import { writeDeltaVision, writeFeiExtendedHeader, writeMrc } from '../../../fixtures/writers/cryoem/mrc';

const detect = (name: string, bytes: Uint8Array) => mrcDetector.detect(contextFromBytes(name, bytes));

describe('MRC', () => {
  it('is STRUCTURE with "MAP " and consistent sizes, WEAK without, raised only by an MRC extension', async () => {
    expect((await detect('a.mrc', writeMrc({ nx: 4, ny: 4, nz: 2 })))?.confidence).toBe(CONFIDENCE.STRUCTURE);
    const old = writeMrc({ nx: 4, ny: 4, nz: 2, map: false });
    expect((await detect('a.bin', old))?.confidence).toBe(CONFIDENCE.WEAK);
    const withExt = (await detect('a.rec', old))?.confidence ?? 0;
    expect(withExt).toBeGreaterThan(CONFIDENCE.WEAK);
    expect(withExt).toBeLessThan(CONFIDENCE.MAGIC);
  });

  it('leaves DeltaVision to the DeltaVision reader, and an MRC with "MAP " to MRC', async () => {
    expect(await detect('cells.mrc', deltaVision())).toBeNull();
    expect((await deltavisionDetector.detect(contextFromBytes('cells.mrc', deltaVision())))?.format).toBe('deltavision');
    // nDVID at 96 but "MAP " at 208: Bio-Formats calls it MRC, so do we.
    const both = writeMrc({ nx: 4, ny: 4, nz: 1 });
    new DataView(both.buffer).setInt16(96, -16224, true);
    expect(await deltavisionDetector.detect(contextFromBytes('x.mrc', both))).toBeNull();
    expect((await detect('x.mrc', both))?.format).toBe('mrc');
  });

  it('ignores implausible pixel sizes (negative cella, as on a DE camera file) with a problem', async () => {
    const found = await detect('de.mrc', writeMrc({ nx: 8, ny: 8, nz: 1, cella: [-80, -80, -10] }));
    expect(found?.facts.pixelSize).toBeUndefined();
    expect(found?.problems.join(' ')).toMatch(/Pixel size not plausible/);
    const agar = await detect('agar.mrc', writeMrc({ nx: 8, ny: 8, nz: 1, cella: [8, 8, 1], exttyp: 'AGAR' }));
    expect(agar?.facts.pixelSize).toBeUndefined();
  });

  it('flags a 1 Å pixel size as a likely placeholder', async () => {
    const found = await detect('one.mrc', writeMrc({ nx: 8, ny: 8, nz: 1, cella: [8, 8, 1] }));
    expect(found?.facts.pixelSize?.value.x).toBe(0.1);
    expect(found?.problems.join(' ')).toMatch(/placeholder/);
  });

  it('keeps a truncated MRC2014 file as MRC, with a problem', async () => {
    const full = writeMrc({ nx: 64, ny: 64, nz: 4, mode: 2 });
    const found = await detect('cut.mrc', full.subarray(0, 3000));
    expect(found?.format).toBe('mrc');
    expect(found?.problems.join(' ')).toMatch(/Truncated/);
  });

  it('reads FEI extended headers only up to MAX_FEI_SECTIONS, within the read budget', async () => {
    const n = MAX_FEI_SECTIONS + 200;
    const ext = writeFeiExtendedHeader(
      1,
      Array.from({ length: n }, (_, i) => ({ alphaTilt: -60 + (120 * i) / n, ht: 300_000, pixelSize: 1e-10, application: 'Tomography' })),
    );
    const ctx = contextFromBytes('big.mrc', writeMrc({ nx: 1, ny: 1, nz: n, exttyp: 'FEI1', extendedHeader: ext }));
    const found = await mrcDetector.detect(ctx);
    expect(found?.facts.tiltAngles?.value.count).toBe(MAX_FEI_SECTIONS);
    expect(found?.problems.join(' ')).toMatch(new RegExp(`first ${MAX_FEI_SECTIONS} of ${n}`));
    expect(ctx.stats.bytes).toBeLessThan(MAX_TOTAL_READ_BYTES);
  });

  it('turns FEI dose (e/m²) into e/Å² summed over sections, and names the application as creator', async () => {
    const found = await detect('ts.mrc', feiTiltSeries());
    expect(found?.facts.dose).toEqual({ value: 21, unit: 'e/Å²', provenance: 'header' });
    expect(found?.evidence.some((e) => /summed over 7 section/.test(e.detail))).toBe(true);
  });

  it('prefers the EMDB accession over other labels', async () => {
    const found = await detect('m.map', writeMrc({ nx: 2, ny: 2, nz: 2, ispg: 1, labels: ['Relion  2020', '::::EMDATABANK.org::::EMD-12345::::'] }));
    expect(found?.facts.creator?.value).toBe('EMDB');
    expect(found?.facts.emdbId?.value).toBe('EMD-12345');
  });

  it('reads SerialEM montage stacks (piece coordinates flag) as montages', async () => {
    // nreal 2 = piece coordinates, 6 bytes per section (IMOD mrc_format.txt).
    const ext = new Uint8Array(6 * 4);
    const found = await detect('mont.st', writeMrc({ nx: 4, ny: 4, nz: 4, exttyp: 'SERI', extendedHeader: ext, nint: 6, nreal: 2 }));
    expect(found?.facts.arrangement?.value).toBe('montage');
  });

  it('reports invalid space groups and unknown extended-header types as problems', async () => {
    const found = await detect('odd.mrc', writeMrc({ nx: 2, ny: 2, nz: 2, ispg: 300, exttyp: 'ABCD' }));
    expect(found?.facts.arrangement).toBeUndefined();
    expect(found?.problems.join(' ')).toMatch(/Space group 300/);
    expect(found?.problems.join(' ')).toMatch(/Unknown extended-header type "ABCD"/);
  });

  it('never throws when reads fail', async () => {
    const ctx = { ...contextFromBytes('ts.mrc', feiTiltSeries()), head: feiTiltSeries().subarray(0, 1024), read: () => Promise.reject(new Error('disk gone')) };
    const found = await mrcDetector.detect(ctx);
    expect(found?.format).toBe('mrc');
    expect(found?.problems.join(' ')).toMatch(/could not be read/);
  });

  it('identifies the real EMDB maps without reading past the head', async () => {
    const ctx = contextFromBytes('EMD-3197.map', real('mrc/EMD-3197.map')());
    const found = await identify(ctx);
    expect(found.format).toBe('mrc');
    expect(ctx.stats.reads).toBe(0);
  });
});

describe('DeltaVision', () => {
  it('reads time points and leaves the imaging mode out', async () => {
    const found = await deltavisionDetector.detect(contextFromBytes('t.dv', writeDeltaVision({ nx: 8, ny: 8, nz: 3, nt: 4, pixelUm: [0.065, 0.065, 0.3] })));
    expect(found?.facts.dimensions?.value).toEqual({ x: 8, y: 8, z: 3, t: 4 });
    expect(found?.facts.pixelSize?.value).toEqual({ x: 65, y: 65, z: 300 });
    expect(found?.facts.imagingMode).toBeUndefined();
  });

  it('does not take a short header as DeltaVision', async () => {
    expect(await deltavisionDetector.detect(contextFromBytes('t.dv', deltaVision().subarray(0, 100)))).toBeNull();
  });
});
