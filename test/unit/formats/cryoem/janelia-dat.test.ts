// Janelia FIB-SEM .dat headers beyond the FileVersion 8 fixture: the FileVersion 1–2 layout (fibsem-tools
// dat.py parse_header: Mag, PixelSize, WD, EHT as >f8 at 408/416/424/432; Mode u1 @600; no MachineID before
// version 5), truncated headers and implausible values.
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { janeliaDatDetector } from '../../../../main/formats/families/cryoem/janelia-dat';
import { writeJaneliaDat } from '../../../fixtures/writers/vem/janelia-dat';

function versionTwo(): Uint8Array {
  const buf = new Uint8Array(1024 + 4 * 4 * 2);
  const v = new DataView(buf.buffer);
  v.setUint32(0, 3555587570, false); // FileMagicNum
  v.setUint16(4, 2, false); // FileVersion 2
  buf[32] = 1; // ChanNum
  v.setUint32(100, 4, false); // XResolution
  v.setUint32(104, 4, false); // YResolution
  v.setFloat64(416, 5, false); // PixelSize >f8 @416 (nm)
  v.setFloat64(432, 2, false); // EHT >f8 @432 (kV)
  buf[600] = 0; // Mode 0 = SEM
  return buf;
}

describe('Janelia FIB-SEM .dat', () => {
  it('reads the FileVersion 1–2 layout (double-precision optics fields)', async () => {
    const found = await janeliaDatDetector.detect(contextFromBytes('old.dat', versionTwo()));
    expect(found).toMatchObject({ format: 'janelia-dat', facts: { pixelSize: { value: { x: 5, y: 5 } }, voltageKV: { value: 2 }, dimensions: { value: { x: 4, y: 4, c: 1 } }, header: { value: { fileVersion: 2, mode: '0 (SEM)' } } } });
    expect(found?.facts.instrument).toBeUndefined();
  });

  it('reports a truncated header and an implausible EHT instead of trusting them', async () => {
    const cut = await janeliaDatDetector.detect(contextFromBytes('cut.dat', writeJaneliaDat({ width: 4, height: 4 }).subarray(0, 600)));
    expect(cut?.problems.join()).toMatch(/truncated/);
    expect(cut?.facts.pixelSize).toBeUndefined();
    const hot = await janeliaDatDetector.detect(contextFromBytes('hot.dat', writeJaneliaDat({ width: 4, height: 4, ehtKV: 300 })));
    expect(hot?.facts.voltageKV).toBeUndefined();
    expect(hot?.problems.join()).toMatch(/EHT 300 kV/);
  });

  it('notes a FileLength that disagrees with the file size', async () => {
    const b = writeJaneliaDat({ width: 4, height: 4 });
    const found = await janeliaDatDetector.detect(contextFromBytes('short.dat', b.subarray(0, b.length - 8)));
    expect(found?.problems.join()).toMatch(/FileLength says/);
  });
});
