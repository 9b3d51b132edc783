import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import type { Detector } from '../../../../main/formats/detector';
import { gwyddionDetector } from '../../../../main/formats/families/xray-afm-hcs/gwyddion';
import { igorDetector } from '../../../../main/formats/families/xray-afm-hcs/igor';
import { nanoscopeDetector } from '../../../../main/formats/families/xray-afm-hcs/nanoscope';
import { oibDetector, oifDetector } from '../../../../main/formats/families/xray-afm-hcs/olympus';
import { skyscanDetector } from '../../../../main/formats/families/xray-afm-hcs/ct-text';
import { xradiaDetector } from '../../../../main/formats/families/xray-afm-hcs/xradia';
import { identify } from '../../../../main/formats/registry';
import { utf8 } from '../../../fixtures/format-fixture';
import { gwyDataField, writeGwy, writeIbw, writeNanoscope } from '../../../fixtures/writers/xray-afm-hcs/afm';
import { writeSkyScanLog } from '../../../fixtures/writers/xray-afm-hcs/ct-text';
import { utf16le, writeCompoundFile } from '../../../fixtures/writers/xray-afm-hcs/ole2';
import { fluoViewSettings, writeOib } from '../../../fixtures/writers/xray-afm-hcs/olympus';
import { writeXradia } from '../../../fixtures/writers/xray-afm-hcs/xradia';

async function run(d: Detector, name: string, bytes: Uint8Array) {
  const ctx = contextFromBytes(name, bytes);
  return { found: await d.detect(ctx), ctx };
}

const FV = { objective: 'UPLAPO 40X', magnification: 40, pixelSizeUm: 0.31, width: 256, height: 256, channels: [{ name: 'Ch1', dye: 'DAPI', excitationNm: 358, emissionNm: 461, laserNm: 405 }] };

describe('Xradia', () => {
  it('reads a scan with many projections through few reads', async () => {
    const { found, ctx } = await run(xradiaDetector, 'big.txrm', writeXradia({ width: 16, height: 16, projections: 2000, storedImages: 250, pixelSizeUm: 2, voltageKV: 60, system: 'Xradia Versa' }));
    expect(found?.format).toBe('xradia');
    expect(found?.facts.dimensions?.value.z).toBe(2000);
    expect(found?.facts.header?.value).toMatchObject({ anglesRead: 2000, rotationMinDeg: -90, rotationMaxDeg: 90 });
    expect(ctx.stats.reads).toBeLessThan(100);
  });

  it('ignores an implausible voltage and says so', async () => {
    const { found } = await run(xradiaDetector, 'x.txrm', writeXradia({ width: 8, height: 8, projections: 2, pixelSizeUm: 1, voltageKV: 5e6 }));
    expect(found?.facts.voltageKV).toBeUndefined();
    expect(found?.problems.join(' ')).toMatch(/implausible/);
  });

  it('falls back on the extension, less surely, when the directory cannot be read', async () => {
    const bytes = writeXradia({ width: 8, height: 8, projections: 2, pixelSizeUm: 1, voltageKV: 50 });
    new DataView(bytes.buffer).setUint32(44, 0, true); // [MS-CFB] header: number of FAT sectors
    const named = await identify(contextFromBytes('scan.txrm', bytes));
    expect(named.format).toBe('xradia');
    expect(named.confidence).toBe(0.55);
    expect(named.problems.join(' ')).toMatch(/FAT sectors/);
    expect((await identify(contextFromBytes('scan.bin', bytes))).format).toBe('unknown');
  });

  it('shares one compound-file reader between the OLE2 detectors of a file', async () => {
    const ctx = contextFromBytes('big.txrm', writeXradia({ width: 64, height: 64, projections: 40, storedImages: 40, pixelSizeUm: 1, voltageKV: 50 }));
    expect(ctx.size).toBeGreaterThan(200_000);
    await xradiaDetector.detect(ctx);
    const after = ctx.stats.reads;
    expect(await oibDetector.detect(ctx)).toBeNull();
    expect(ctx.stats.reads).toBe(after);
  });

  it('is not fooled by an OIB (also OLE2) and the OIB reader not by an Xradia file', async () => {
    expect((await run(xradiaDetector, 'a.oib', writeOib(FV))).found).toBeNull();
    expect((await run(oibDetector, 'a.txrm', writeXradia({ width: 8, height: 8, projections: 2, pixelSizeUm: 1, voltageKV: 50 }))).found).toBeNull();
  });
});

describe('Olympus FluoView', () => {
  it('keeps an OIB whose main settings stream is missing as OIB, with the problem', async () => {
    const bytes = writeCompoundFile([{ path: 'OibInfo.txt', content: utf16le('[OibSaveInfo]\r\nVersion=2.0.0.0\r\nMainFileName=Stream00009\r\n') }]);
    const { found } = await run(oibDetector, 'x.oib', bytes);
    expect(found?.format).toBe('oib');
    expect(found?.problems.join(' ')).toMatch(/Stream00009/);
  });

  it('reads UTF-16LE settings without a byte-order mark, and decimal commas', async () => {
    const text = fluoViewSettings(FV).replace('WidthConvertValue=0.31', 'WidthConvertValue=0,310.0');
    const { found } = await run(oifDetector, 'x.oif', utf16le(text).subarray(2));
    expect(found?.format).toBe('oif');
    expect(found?.facts.pixelSize?.value.x).toBe(310);
  });

  it('recognises a plane property (.pty) file with less certainty than a main .oif', async () => {
    const pty = utf16le('[Acquisition Parameters Common]\r\nMagnification=40.0\r\nObjectiveLens Name="UPLAPO 40X"\r\n[File Info]\r\nDataName="s_C001.tif"\r\n');
    const { found } = await run(oifDetector, 's_C001.pty', pty);
    expect(found?.confidence).toBeLessThan(0.95);
    expect(found?.evidence[0]?.detail).toMatch(/plane property/);
  });
});

describe('SkyScan log', () => {
  it('reads a Latin-1 log with a micro sign and refuses a non-SkyScan [System]', async () => {
    const log = writeSkyScanLog({ scanner: 'SkyScan1272', voltageKV: 50, pixelSizeUm: 4.5, files: 361, rows: 1000, columns: 1000, rotationStepDeg: 0.5, filter: 'No filter' }).replace('Filter=No filter', 'Filter=Al 500\u00b5m');
    const latin1 = Uint8Array.from(log, (c) => c.charCodeAt(0));
    const { found } = await run(skyscanDetector, 'scan.log', latin1);
    expect(found?.facts.header?.value['filter']).toBe('Al 500µm');
    expect((await run(skyscanDetector, 'x.log', utf8('[System]\nScanner=Nikon\n'))).found).toBeNull();
  });
});

describe('Nanoscope', () => {
  it('reads a header longer than the first 64 KiB, up to "\\Data length"', async () => {
    const channels = Array.from({ length: 300 }, (_, i) => `Ch${i}`);
    const bytes = writeNanoscope({ version: '0x05300001', samps: 4, lines: 4, scanSize: '10 10 ~m', channels, headerBytes: 120_000 });
    const { found } = await run(nanoscopeDetector, 'big.spm', bytes);
    expect(found?.facts.channels?.value).toHaveLength(300);
    expect(found?.facts.pixelSize?.value.x).toBe(2500);
  });

  it('says when the header line ends were rewritten', async () => {
    const bytes = utf8('\\*File list\n\\Version: 0x04220200\n\\Data length: 8192\n');
    const { found } = await run(nanoscopeDetector, 'damaged.001', bytes);
    expect(found?.format).toBe('nanoscope');
    expect(found?.problems.join(' ')).toMatch(/damaged/);
  });

  it('reads a force-curve file', async () => {
    const bytes = writeNanoscope({ version: '0x09200000', samps: 8, lines: 1, scanSize: '0 0 nm', channels: ['Deflection Error'], force: true });
    const { found } = await run(nanoscopeDetector, 'curve.000', bytes);
    expect(found?.facts.header?.value['fileType']).toBe('force curves');
  });
});

describe('Gwyddion', () => {
  it('skips large data arrays with windowed reads, within the budget', async () => {
    const gwy = writeGwy({
      type: 'GwyContainer',
      components: [
        ['/0/data', { t: 'o', v: gwyDataField(512, 512, 5e-6, 5e-6) }],
        ['/1/data', { t: 'o', v: gwyDataField(512, 512, 5e-6, 5e-6) }],
        ['/0/data/title', { t: 's', v: 'Height' }],
        ['/1/data/title', { t: 's', v: 'Amplitude' }],
      ],
    });
    const { found, ctx } = await run(gwyddionDetector, 'big.gwy', gwy);
    expect(found?.facts.channels?.value.map((c) => c.name)).toEqual(['Height', 'Amplitude']);
    expect(found?.facts.pixelSize?.value.x).toBeCloseTo(9.765625, 6);
    expect(ctx.stats.reads).toBeLessThan(10);
  });

  it('keeps a truncated file as Gwyddion, with a problem', async () => {
    const gwy = writeGwy({ type: 'GwyContainer', components: [['/0/data', { t: 'o', v: gwyDataField(128, 128, 1e-6, 1e-6) }], ['/0/data/title', { t: 's', v: 'Height' }]] });
    const { found } = await run(gwyddionDetector, 'cut.gwy', gwy.subarray(0, 70_000));
    expect(found?.format).toBe('gwyddion');
    expect(found?.problems.join(' ')).toMatch(/truncated|past the end|ends/);
  });
});

describe('Igor binary wave', () => {
  it('reads version 5 big-endian with an Asylum note', async () => {
    const { found } = await run(igorDetector, 'a.ibw', writeIbw({ version: 5, littleEndian: false, name: 'img', dims: [8, 8, 2], stepM: 1e-7, note: 'ScanSize: 8e-07\rImagingMode: Contact\r' }));
    expect(found?.facts.imagingMode?.value).toBe('AFM');
    expect(found?.facts.header?.value).toMatchObject({ byteOrder: 'big-endian', imagingModeText: 'Contact' });
  });

  it('lowers confidence when the checksum does not sum to zero', async () => {
    const bytes = writeIbw({ version: 5, littleEndian: true, name: 'img', dims: [8] });
    bytes[3] = (bytes[3] ?? 0) ^ 0x40;
    const { found } = await run(igorDetector, 'a.ibw', bytes);
    expect(found?.confidence).toBe(0.55);
    expect(found?.problems.join(' ')).toMatch(/checksum/);
    expect((await identify(contextFromBytes('a.ibw', bytes))).format).toBe('igor-ibw');
  });

  it('refuses inconsistent sizes', async () => {
    const bytes = writeIbw({ version: 2, littleEndian: true, name: 'w', dims: [10] });
    new DataView(bytes.buffer).setInt32(2, 9999, true);
    expect((await run(igorDetector, 'a.ibw', bytes)).found).toBeNull();
  });
});
