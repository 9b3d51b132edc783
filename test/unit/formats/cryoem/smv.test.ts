import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { dialsDetector, xdsDetector } from '../../../../main/formats/families/cryoem/mx-processing';
import { smvDetector } from '../../../../main/formats/families/cryoem/smv';
import { electronKvFromWavelength, radiationOf, xrayKevFromWavelength } from '../../../../main/formats/families/cryoem/wavelength';
import { writeDialsExpt, writeDialsRefl, writeSmv, writeXdsAscii, writeXdsInp } from '../../../fixtures/writers/cryoem/smv';
import { writeTvips } from '../../../fixtures/writers/cryoem/tvips';

/**
 * The ALS 8.3.1 SMV header as James Holton's "X-ray image formats" page (bl831.als.lbl.gov/~jamesh/bin_stuff/
 * xray_formats.html) prints it for ALS831_lyso_Gd_001.img: an X-ray frame (λ 0.979340 Å, 3072 × 3072,
 * 0.102592 mm pixels, 249.98 mm, 1° from 342°).
 */
const ALS831_HEADER = [
  '{',
  'HEADER_BYTES=  512;',
  'DIM=2;',
  'BYTE_ORDER=little_endian;',
  'TYPE=unsigned_short;',
  'SIZE1=3072;',
  'SIZE2=3072;',
  'PIXEL_SIZE=0.102592;',
  'BIN=2x2;',
  'BIN_TYPE=HW;',
  'ADC=fast;',
  'CREV=1;',
  'BEAMLINE=ALS831;',
  'DETECTOR_SN=926;',
  'DATE=Tue Jun 26 09:43:09 2007;',
  'TIME=0.096288;',
  'DISTANCE=249.98;',
  'TWOTHETA=0.00;',
  'PHI=342.000;',
  'OSC_START=342.000;',
  'OSC_RANGE=1.000;',
  'WAVELENGTH=0.979340;',
  'BEAM_CENTER_X=154.96;',
  'BEAM_CENTER_Y=155.91;',
  'DENZO_X_BEAM=159.25;',
  'DENZO_Y_BEAM=154.96;',
  '}',
].join('\n');

/** The ALS831 header padded to 512 bytes, followed by `pixelBytes` of data (the real frame has 3072² × 2). */
function als831(pixelBytes: number): Uint8Array {
  const out = new Uint8Array(512 + pixelBytes);
  out.fill(0x20, 0, 512);
  out.set(new TextEncoder().encode(ALS831_HEADER + '\n'), 0);
  return out;
}

describe('electron wavelength ↔ voltage', () => {
  // Williams & Carter, Transmission Electron Microscopy (2nd ed.), Table 1.1 (relativistic λ): 100 kV 0.00370 nm,
  // 200 kV 0.00251 nm, 300 kV 0.00197 nm, 1000 kV 0.000872 nm.
  it.each([
    [0.037, 100],
    [0.0251, 200],
    [0.0197, 300],
    [0.00872, 1000],
  ])('λ %f Å is %i kV to the table’s three digits', (lambda, kv) => {
    expect(radiationOf(lambda)).toBe('electron');
    expect(Number(electronKvFromWavelength(lambda).toPrecision(2))).toBe(Number(kv.toPrecision(2)));
  });

  it('calls Cu Kα (1.5418 Å = 8.04 keV) and Mo Kα (0.7107 Å = 17.45 keV) X-rays', () => {
    // Cu Kα1 8.048 keV, Mo Kα1 17.479 keV (X-ray Data Booklet, Table 1-2); Kα averages 1.5418 / 0.7107 Å.
    expect(radiationOf(1.5418)).toBe('X-ray');
    expect(xrayKevFromWavelength(1.5418)).toBeCloseTo(8.04, 1);
    expect(radiationOf(0.7107)).toBe('X-ray');
    expect(xrayKevFromWavelength(0.7107)).toBeCloseTo(17.45, 1);
  });
});

describe('SMV/ADSC frames', () => {
  it('reads the ALS 8.3.1 X-ray frame header and does not call it electron diffraction', async () => {
    const found = await identify(contextFromBytes('ALS831_lyso_Gd_001.img', als831(3072 * 3072 * 2)));
    expect(found.format).toBe('smv');
    expect(found.facts.dimensions?.value).toEqual({ x: 3072, y: 3072 });
    expect(found.facts.imagingMode).toBeUndefined();
    expect(found.facts.voltageKV).toBeUndefined();
    expect(found.facts.pixelSize).toBeUndefined(); // PIXEL_SIZE is the detector pixel in mm
    // 12.398 keV·Å / 0.97934 Å = 12.660 keV.
    expect(found.facts.xrayEnergyKeV?.value).toBeCloseTo(12.66, 2);
    expect(found.facts.header?.value).toMatchObject({ radiation: 'X-ray', wavelengthA: 0.97934, detectorPixelSizeMm: 0.102592, distanceMm: 249.98, oscStartDeg: 342, oscRangeDeg: 1, DETECTOR_SN: '926', BEAMLINE: 'ALS831' });
    expect(found.problems).toEqual([]);
  });

  it('reads a MicroED frame (λ 0.02508 Å, Timepix at 200 kV, as instamatic writes it) as electron diffraction', async () => {
    const bytes = writeSmv({ width: 516, height: 516, wavelengthA: 0.02508, oscStart: -30, oscRange: 0.5 });
    const found = await identify(contextFromBytes('00001.img', bytes));
    expect(found.format).toBe('smv');
    expect(found.confidence).toBeGreaterThanOrEqual(0.95);
    expect(found.facts.imagingMode?.value).toBe('diffraction');
    expect(found.facts.voltageKV?.value).toBe(200); // Williams & Carter Table 1.1: 200 kV ↔ 0.00251 nm
    expect(found.facts.arrangement?.value).toBe('image');
    expect(found.facts.pixelSize).toBeUndefined();
    expect(found.facts.header?.value).toMatchObject({ radiation: 'electron', detectorPixelSizeMm: 0.055, oscStartDeg: -30, oscRangeDeg: 0.5 });
  });

  it('says what it cannot tell: no wavelength, a truncated frame, a CRLF header', async () => {
    const none = await smvDetector.detect(contextFromBytes('a.img', writeSmv({ width: 64, height: 64, wavelengthA: null })));
    expect(none?.facts.imagingMode).toBeUndefined();
    expect(none?.problems.join(' ')).toMatch(/No WAVELENGTH/);
    const cut = await smvDetector.detect(contextFromBytes('b.img', writeSmv({ width: 64, height: 64, dataBytes: 100 })));
    expect(cut?.format).toBe('smv');
    expect(cut?.problems.join(' ')).toMatch(/Truncated/);
    const crlf = await smvDetector.detect(contextFromBytes('c.img', writeSmv({ width: 64, height: 64, eol: '\r\n' })));
    expect(crlf?.facts.dimensions?.value).toEqual({ x: 64, y: 64 });
  });

  it('is not fooled by text that merely starts with a brace', async () => {
    const json = new TextEncoder().encode('{\n"HEADER_BYTES": 512}\n');
    expect(smvDetector.sniff(contextFromBytes('x.img', json))).toBe(false);
  });
});

describe('XDS and DIALS processing files', () => {
  it('XDS.INP of a MicroED series: XDS input, electron wavelength, frames it names', async () => {
    const found = await identify(contextFromBytes('XDS.INP', writeXdsInp({ wavelengthA: 0.02508, spaceGroup: 96 })));
    expect(found.format).toBe('xds');
    expect(found.facts.processing?.value).toEqual({ tool: 'XDS', kind: 'input parameters' });
    expect(found.facts.voltageKV?.value).toBe(200);
    expect(found.facts.spaceGroup?.value).toBe(96);
    expect(found.facts.describes?.value).toEqual(['SMV/data/?????.img']);
    expect(found.facts.header?.value).toMatchObject({ JOB: 'XYCORR INIT COLSPOT IDXREF DEFPIX INTEGRATE CORRECT', DETECTOR: 'ADSC', OSCILLATION_RANGE: '0.500' });
  });

  it('INTEGRATE.HKL and XDS_ASCII.HKL by their !FORMAT=XDS_ASCII header; an X-ray one keeps its space group out of the MicroED fact', async () => {
    const integrate = await xdsDetector.detect(contextFromBytes('INTEGRATE.HKL', writeXdsAscii({ outputFile: 'INTEGRATE.HKL', wavelengthA: 0.02508, spaceGroup: 96 })));
    expect(integrate?.facts.processing?.value).toEqual({ tool: 'XDS', kind: 'integrated reflections' });
    expect(integrate?.facts.spaceGroup?.value).toBe(96);
    const xray = await identify(contextFromBytes('XDS_ASCII.HKL', writeXdsAscii({ outputFile: 'XDS_ASCII.HKL', wavelengthA: 0.97934, spaceGroup: 96 })));
    expect(xray.format).toBe('xds');
    expect(xray.facts.processing?.value).toEqual({ tool: 'XDS', kind: 'scaled reflections' });
    expect(xray.facts.spaceGroup).toBeUndefined();
    expect(xray.facts.header?.value).toMatchObject({ spaceGroup: 96, radiation: 'X-ray' });
  });

  it('DIALS .expt (ExperimentList JSON) and .refl (msgpack reflection table)', async () => {
    const expt = await identify(contextFromBytes('integrated.expt', writeDialsExpt({ wavelengthA: 0.0251, probe: 'electron' })));
    expect(expt.format).toBe('dials');
    expect(expt.facts.processing?.value).toEqual({ tool: 'DIALS', kind: 'experiment models' });
    expect(expt.facts.header?.value).toMatchObject({ probe: 'electron', radiation: 'electron' });
    const refl = await identify(contextFromBytes('strong.refl', writeDialsRefl({ rows: 48 })));
    expect(refl.format).toBe('dials');
    expect(refl.confidence).toBeGreaterThanOrEqual(0.95);
    expect(refl.facts.processing?.value).toEqual({ tool: 'DIALS', kind: 'reflections' });
    expect(refl.facts.header?.value).toMatchObject({ version: 1, rows: 48, experiments: 1 });
  });

  it('a .refl without the msgpack marker is DIALS by name only, with a problem; plain JSON is not DIALS', async () => {
    const byName = await dialsDetector.detect(contextFromBytes('old.refl', new Uint8Array([0x80, 0x02, 0x63, 0x64, 0x69, 0x61, 0x6c, 0x73])));
    expect(byName?.confidence).toBeLessThan(0.5);
    expect(byName?.problems.join(' ')).toMatch(/name only/);
    const json = await identify(contextFromBytes('x.json', new TextEncoder().encode('{"__id__": "Beam", "wavelength": 0.02}')));
    expect(json.format).not.toBe('dials');
  });
});

describe('TVIPS image streams', () => {
  // RosettaSciIO rsciio/tvips/_api.py: 256-byte general header (version 2, dimx, dimy, bitsperpixel, ht, magtotal,
  // frameheaderbytes), frame records of frameheaderbytes + dimy × dimx pixels, frame mode 1 image / 2 diffraction.
  it('reads part 000 of a diffraction stream: size, frames from the record size, high tension, mode', async () => {
    const found = await identify(contextFromBytes('rotation_000.tvips', writeTvips({ width: 64, height: 64, frames: 5, htKv: 200, mode: 2 })));
    expect(found.format).toBe('tvips');
    expect(found.confidence).toBeGreaterThanOrEqual(0.95);
    // 5 records of 60 + 64 × 64 × 2 bytes after the 256-byte header.
    expect(found.facts.dimensions?.value).toEqual({ x: 64, y: 64, frames: 5 });
    expect(found.facts.voltageKV?.value).toBe(200);
    expect(found.facts.imagingMode?.value).toBe('diffraction');
    expect(found.problems).toEqual([]);
  });

  it('reads an image stream with its magnification, and reports a cut frame', async () => {
    const image = await identify(contextFromBytes('insitu_000.tvips', writeTvips({ width: 32, height: 32, frames: 3, mode: 1, magtotal: 25_000, bitsPerPixel: 8 })));
    expect(image.facts.imagingMode?.value).toBe('TEM');
    expect(image.facts.magnification?.value).toBe(25_000);
    const cut = await identify(contextFromBytes('cut_000.tvips', writeTvips({ width: 32, height: 32, frames: 3, keepBytes: 256 + 60 + 100 })));
    expect(cut.format).toBe('tvips');
    expect(cut.problems.join(' ')).toMatch(/ends inside a frame/);
  });

  it('a continuation part (no header) is TVIPS by name only, with the reason', async () => {
    const part = await identify(contextFromBytes('rotation_001.tvips', new Uint8Array(4096).fill(7)));
    expect(part.format).toBe('tvips');
    expect(part.confidence).toBeLessThan(0.85);
    expect(part.problems.join(' ')).toMatch(/Part 001/);
  });
});
