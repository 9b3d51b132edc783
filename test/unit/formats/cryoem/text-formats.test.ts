import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { cryosparcDetector } from '../../../../main/formats/families/cryoem/cryosparc';
import { deInfoDetector } from '../../../../main/formats/families/cryoem/de-info';
import { epuXmlDetector } from '../../../../main/formats/families/cryoem/epu';
import { imodTiltDetector, imodXfDetector } from '../../../../main/formats/families/cryoem/imod-text';
import { mdocDetector } from '../../../../main/formats/families/cryoem/mdoc';
import { parsePyLiteral, structFields } from '../../../../main/formats/families/cryoem/npy';
import { relionStarDetector } from '../../../../main/formats/families/cryoem/relion-star';
import { tiaEmiDetector, tiaSerDetector } from '../../../../main/formats/families/cryoem/tia';
import { real, utf8 } from '../../../fixtures/format-fixture';
import { writeEmi, writeSer } from '../../../fixtures/writers/cryoem/tia';
import { writeDeInfo, writeNpyStructured, writeTilt, writeXf } from '../../../fixtures/writers/cryoem/text';

const ctx = (name: string, bytes: Uint8Array) => contextFromBytes(name, bytes);

describe('SerialEM mdoc', () => {
  const stack = (name: string, extra = '') =>
    utf8(`PixelSpacing = 2.1\nImageFile = ${extra || 'stack.mrc'}\nImageSize = 1024 1024\n\n[T = SerialEM: Digitized on Krios  01-Jan-24  10:00:00]\n\n${[0, 1, 2].map((z) => `[ZValue = ${z}]\nTiltAngle = ${z * 2}\nExposureDose = 1.5\n`).join('\n')}`);

  it('pairs stack.mrc.mdoc with stack.mrc and reports the summed dose as a total', async () => {
    const found = await mdocDetector.detect(ctx('stack.mrc.mdoc', stack('stack.mrc.mdoc', 'C:\\data\\stack.mrc')));
    expect(found?.facts.describes?.value).toEqual(['stack.mrc']);
    expect(found?.facts.dose?.value).toBe(4.5);
    expect(found?.evidence.some((e) => /summed over 3 sections \(total, not per image\)/.test(e.detail))).toBe(true);
    // Three images within 4°: a stack, not a tilt series.
    expect(found?.facts.arrangement?.value).toBe('image-stack');
  });

  it('reads an .idoc: each [Image = name] section is one single-image TIFF of the stack', async () => {
    // SerialEM help, "File Formats — Image Metadata Files": the .idoc's section type is "Image" and each
    // section's name is the TIFF file name; the keys are those of an .mdoc.
    const idoc = utf8(`PixelSpacing = 22.4\nVoltage = 120\nImageFile = run.idoc\nDataMode = 6\n\n[T = SerialEM: Digitized on Talos L120C   11-Oct-22  14:05:31]\n\n${['run_001.tif', 'run_002.tif', 'run_003.tif'].map((n, i) => `[Image = ${n}]\nTiltAngle = ${-30 + i * 30}\nMagnification = 2600\n`).join('\n')}`);
    const found = await mdocDetector.detect(ctx('run.idoc', idoc));
    expect(found?.format).toBe('mdoc');
    expect(found?.facts.describes?.value).toEqual(expect.arrayContaining(['run_001.tif', 'run_002.tif', 'run_003.tif']));
    expect(found?.facts.voltageKV?.value).toBe(120);
    expect(found?.facts.dimensions?.value.z).toBe(3);
    expect(found?.facts.tiltAngles?.value).toMatchObject({ min: -30, max: 30, count: 3 });
    expect(found?.evidence.some((e) => /3 \[Image\] section\(s\), one single-image TIFF each/.test(e.detail))).toBe(true);
  });

  it('does not require Voltage and accepts a sectionless mdoc only with its extension', async () => {
    const globalOnly = utf8('PixelSpacing = 5.4\nImageFile = a.mrc\nDataMode = 1\n');
    expect((await mdocDetector.detect(ctx('a.mrc.mdoc', globalOnly)))?.confidence).toBe(CONFIDENCE.MAGIC);
    expect(await mdocDetector.detect(ctx('a.txt', globalOnly))).toBeNull();
  });

  it('reads the real tilt series without a voltage fact', async () => {
    const found = await mdocDetector.detect(ctx('tilt_series.mdoc', real('mdoc/tilt_series.mdoc')()));
    expect(found?.facts.voltageKV).toBeUndefined();
    expect(found?.facts.dose).toBeUndefined();
  });
});

describe('IMOD text files', () => {
  it('is only claimed with an IMOD extension: nothing but the name marks a column of numbers', async () => {
    const tlt = writeTilt([-45, -30, -15, 0, 15, 30, 45]);
    expect(await imodTiltDetector.detect(ctx('angles.txt', tlt))).toBeNull();
    expect((await imodTiltDetector.detect(ctx('angles.tlt', tlt)))?.confidence).toBeGreaterThan(CONFIDENCE.WEAK);
    const xf = writeXf([[1, 0, 0, 1, 0, 0]]);
    expect(await imodXfDetector.detect(ctx('t.txt', xf))).toBeNull();
    expect((await imodXfDetector.detect(ctx('t.prexf', xf)))?.confidence).toBeGreaterThan(CONFIDENCE.WEAK);
  });

  it('rejects a single number, text lines, and six-number files as tilt files', async () => {
    expect(await imodTiltDetector.detect(ctx('one.tlt', utf8('12.5\n')))).toBeNull();
    expect(await imodTiltDetector.detect(ctx('mixed.tlt', utf8('12.5\nabc\n')))).toBeNull();
    expect(await imodTiltDetector.detect(ctx('x.tlt', writeXf([[1, 0, 0, 1, 0, 0]])))).toBeNull();
    expect(await imodXfDetector.detect(ctx('x.xf', writeTilt([1, 2, 3])))).toBeNull();
  });
});

describe('RELION STAR', () => {
  it('reads pixel size and voltage from data_optics of a RELION 3.1 particles file', async () => {
    const star = utf8(
      '# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n_rlnMicrographOriginalPixelSize #3\n_rlnVoltage #4\n_rlnImagePixelSize #5\nopticsGroup1 1 0.885 300.0 1.77\n\n# version 30001\n\ndata_particles\n\nloop_\n_rlnCoordinateX #1\n_rlnImageName #2\n100 000001@Extract/job007/a.mrcs\n',
    );
    const found = await relionStarDetector.detect(ctx('particles.star', star));
    expect(found?.facts.processing?.value).toEqual({ tool: 'RELION', kind: 'particles' });
    expect(found?.facts.pixelSize?.value.x).toBe(0.177);
    expect(found?.facts.voltageKV?.value).toBe(300);
    expect(found?.facts.header?.value['optics']).toBe(true);
  });

  it('reads only the head of a long file and says so', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i}.0 ${i}@p.mrcs`).join('\n');
    const c = ctx('run_data.star', utf8(`data_particles\nloop_\n_rlnCoordinateX #1\n_rlnImageName #2\n${rows}\n`));
    const found = await relionStarDetector.detect(c);
    expect(found?.format).toBe('relion-star');
    expect(found?.problems.join(' ')).toMatch(/Read the first/);
    expect(c.stats.reads).toBe(0);
  });
});

describe('EPU XML', () => {
  it('names Thermo Tomography as the creator', async () => {
    const xml = new TextDecoder().decode(real('epu/FoilHole_9015883_Data_9017347_6_20250108_154915.xml')()).replace('<ApplicationSoftware>EPU<', '<ApplicationSoftware>Tomography<');
    const found = await epuXmlDetector.detect(ctx('Position_1.xml', utf8(xml)));
    expect(found?.facts.creator?.value).toBe('Tomography');
    expect(found?.evidence.some((e) => /cryo-ET/.test(e.detail))).toBe(true);
  });
});

describe('cryoSPARC .cs and the .npy header', () => {
  it('parses Python literals with nesting, and refuses malformed ones', () => {
    expect(parsePyLiteral("{'descr': [('a', '<f4', (2,)), ('b', '|S3')], 'fortran_order': False, 'shape': (3,), }")).toEqual({
      descr: [
        ['a', '<f4', [2]],
        ['b', '|S3'],
      ],
      fortran_order: false,
      shape: [3],
    });
    expect(parsePyLiteral("{'descr': [('a', ")).toBeUndefined();
    expect(parsePyLiteral('('.repeat(1000))).toBeUndefined();
    expect(structFields([['a', '<f4', [2, 3]], ['o', '|O']])).toEqual([
      { name: 'a', type: '<f4', bytes: 24 },
      { name: 'o', type: '|O' },
    ]);
  });

  it('calls movie_blob datasets movies', async () => {
    const found = await cryosparcDetector.detect(ctx('J1_imported_movies.cs', writeNpyStructured([['uid', '<u8'], ['movie_blob/path', '|S8'], ['movie_blob/psize_A', '<f4']], 1, { 'movie_blob/psize_A': 0.5 })));
    expect(found?.facts.processing?.value).toEqual({ tool: 'cryoSPARC', kind: 'movies' });
    expect(found?.facts.pixelSize?.value.x).toBe(0.05);
  });

  it('does not decode records when a field has no fixed size (Python objects)', async () => {
    const bytes = writeNpyStructured([['uid', '<u8'], ['blob/path', '|S8'], ['blob/psize_A', '<f4']], 1, { 'blob/psize_A': 1 });
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf("'|S8'");
    bytes.set(utf8("'|O' "), at);
    const found = await cryosparcDetector.detect(ctx('x.cs', bytes));
    expect(found?.facts.processing?.value.kind).toBe('particles');
    expect(found?.facts.pixelSize).toBeUndefined();
  });
});

describe('TIA', () => {
  it('keeps an unknown TIA version as MAGIC with a problem', async () => {
    const ser = writeSer({ width: 4, height: 4 });
    new DataView(ser.buffer).setUint16(4, 0x0300, true);
    const found = await tiaSerDetector.detect(ctx('x.ser', ser));
    expect(found?.confidence).toBe(CONFIDENCE.MAGIC);
    expect(found?.problems).toContain('Unknown TIA version, data type or tag type.');
  });

  it('finds <ObjectInfo> after a binary prefix and reads the TEM mode', async () => {
    const found = await tiaEmiDetector.detect(ctx('a.emi', writeEmi({ acceleratingVoltageV: 200_000, mode: 'TEM uP SA Zoom Image' })));
    expect(found?.facts.imagingMode?.value).toBe('TEM');
    expect(found?.facts.voltageKV?.value).toBe(200);
  });
});

describe('Direct Electron info', () => {
  it('needs the Server Software Version first line', async () => {
    expect(await deInfoDetector.detect(ctx('x_info.txt', writeDeInfo([['Camera Model', 'Apollo']])))).toBeNull();
    const found = await deInfoDetector.detect(ctx('x_info.txt', writeDeInfo([['Server Software Version', '2.7.2.9048']])));
    expect(found?.confidence).toBe(CONFIDENCE.MAGIC);
  });
});
