import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { tiffDetectors } from '../../../../main/formats/families/tiff';
import { MAX_PAGES_COUNTED } from '../../../../main/formats/families/tiff/reader';
import { parseCzSem } from '../../../../main/formats/families/tiff/zeiss-sem';
import { identify } from '../../../../main/formats/registry';
import { eerMovie, noise } from '../../../fixtures/families/tiff';
import { real } from '../../../fixtures/format-fixture';
import { TYPE, blankStrip, imageTags, tag, writeTiff, type TagSpec } from '../../../fixtures/writers/tiff/tiff';
import { EER_ITEMS, czSemText, eerXml, feiIni, jeolTemReporter, sisStructure, vsiVolumeHeader } from '../../../fixtures/writers/tiff/vendors';

const one = (extra: readonly TagSpec[], o: Partial<Parameters<typeof imageTags>[0]> & { bigTiff?: boolean; littleEndian?: boolean } = {}) => {
  const { bigTiff, littleEndian, ...image } = o;
  return writeTiff({ bigTiff, littleEndian, ifds: [{ tags: [...imageTags({ width: 32, height: 16, ...image }), ...extra], strip: blankStrip(32, 16) }] });
};

const id = (name: string, bytes: Uint8Array) => identify(contextFromBytes(name, bytes));

const omeXml = (channels: string, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06" Creator="tifffile.py 2025.3.13">` +
  `<Instrument ID="Instrument:0"><Microscope Manufacturer="Zeiss" Model="LSM 880" Type="Inverted"/><Objective ID="Objective:0" NominalMagnification="63" LensNA="1.4"/></Instrument>` +
  `<Image ID="Image:0"><InstrumentRef ID="Instrument:0"/><Pixels ID="Pixels:0" DimensionOrder="XYCZT" Type="uint16" SizeX="32" SizeY="16" SizeZ="4" SizeC="2" SizeT="1" PhysicalSizeX="65" PhysicalSizeXUnit="nm" PhysicalSizeY="65" PhysicalSizeYUnit="nm" PhysicalSizeZ="0.3">${channels}<TiffData/></Pixels></Image>${extra}</OME>`;

describe('OME-TIFF', () => {
  it('maps AcquisitionMode, wavelengths with units, instrument and objective', async () => {
    const xml = omeXml(
      '<Channel ID="Channel:0:0" Name="GFP" AcquisitionMode="LaserScanningConfocalMicroscopy" ExcitationWavelength="488" EmissionWavelength="0.52" EmissionWavelengthUnit="µm" Fluor="EGFP"/>' +
        '<Channel ID="Channel:0:1" Name="RFP" AcquisitionMode="LaserScanningConfocalMicroscopy" ExcitationWavelength="561"/>',
    );
    const r = await id('cells.ome.btf', one([], { bigTiff: true, description: xml }));
    expect(r.format).toBe('ome-tiff');
    expect(r.facts).toMatchObject({
      imagingMode: { value: 'confocal' },
      acquisitionModes: { value: ['LaserScanningConfocalMicroscopy'] },
      channels: { value: [{ name: 'GFP', excitationNm: 488, emissionNm: 520, fluor: 'EGFP' }, { name: 'RFP', excitationNm: 561 }] },
      instrument: { value: { manufacturer: 'Zeiss', model: 'LSM 880' } },
      magnification: { value: 63 },
      pixelSize: { value: { x: 65, y: 65, z: 300 } },
      dimensions: { value: { x: 32, y: 16, z: 4, c: 2, t: 1 } },
      arrangement: { value: 'volume' },
    });
  });

  it('says when channels were acquired in different modes', async () => {
    const xml = omeXml('<Channel ID="Channel:0:0" AcquisitionMode="TIRF"/><Channel ID="Channel:0:1" AcquisitionMode="WideField"/>');
    const r = await id('x.ome.tif', one([], { description: xml }));
    expect(r.facts.imagingMode?.value).toBe('TIRF');
    expect(r.problems.join(' ')).toMatch(/different modes/);
  });

  it('falls back to plain TIFF with a problem when the OME-XML lies beyond the end of a cut file', async () => {
    const bytes = real('tiff/s_1_t_1_c_1_z_1.ome.tiff')().subarray(0, 200_000);
    const r = await id('s_1_t_1_c_1_z_1.ome.tiff', bytes);
    expect(r.format).toBe('tiff');
    expect(r.problems.join(' ')).toMatch(/Tag 270 points to byte 271736, outside the file/);
  });
});

describe('ImageJ', () => {
  it('reads the escaped µ unit ImageJ writes', async () => {
    const r = await id('x.tif', one([], { description: 'ImageJ=1.53t\nimages=3\nslices=3\nunit=\\u00B5m\nspacing=2\n', resolution: { x: [4, 1], unit: 1 } }));
    expect(r.format).toBe('imagej-tiff');
    expect(r.facts.pixelSize?.value).toEqual({ x: 250, y: 250, z: 2000 });
    expect(r.facts.arrangement?.value).toBe('volume');
  });
});

describe('EM vendors', () => {
  it('takes FEI metadata from the Helios tag when the Titan tag is empty (Bio-Formats FEITiffReader)', async () => {
    const r = await id('x.tif', one([tag.ascii(34682, feiIni({ beam: 'IBeam' })), tag.ascii(34683, ' ')]));
    expect(r.format).toBe('fei-tiff');
    expect(r.facts.voltageKV?.value).toBe(30); // [Beam] Beam=IBeam → [IBeam] HV=30000
    expect(r.evidence.some((e) => /taken with the ion beam/.test(e.detail))).toBe(true);
  });

  it('reads FEI XML metadata partly and says what it leaves out', async () => {
    const r = await id('x.tif', one([tag.ascii(34683, '<Metadata><Microscope>Titan Krios</Microscope></Metadata>')]));
    expect(r).toMatchObject({ format: 'fei-tiff', facts: { instrument: { value: { model: 'Titan Krios' } } } });
    expect(r.problems.join(' ')).toMatch(/not read from this layout/);
  });

  it('parses CZ_SEM text with volts, units and upper-case values that are not keys', () => {
    const p = parseCzSem(czSemText([['AP_ACTUALKV', 'EHT = 500 V'], ['SV_SERIAL_NUMBER', 'SEM = MERLIN-1'], ['AP_PIXEL_SIZE', 'Pixel Size = 1.2 µm']]));
    expect(p.get('ap_actualkv')).toMatchObject({ number: 500, unit: 'V' });
    expect(p.get('sv_serial_number')?.raw).toBe('MERLIN-1');
    expect(p.has('sem = merlin-1')).toBe(false);
  });

  it('converts a CZ_SEM voltage in volts and a pixel size in µm', async () => {
    const r = await id('x.tif', one([tag.ascii(34118, czSemText([['AP_ACTUALKV', 'EHT = 500 V'], ['AP_PIXEL_SIZE', 'Pixel Size = 1.2 µm']]))]));
    expect(r.facts).toMatchObject({ voltageKV: { value: 0.5 }, pixelSize: { value: { x: 1200 } } });
  });

  it('reads a JEOL voltage written in volts and a diffraction pattern', async () => {
    const r = await id('x.tif', one([], { description: jeolTemReporter({ accVoltage: 300000, unitType: 'UnitType_Diffraction' }) }));
    expect(r).toMatchObject({ format: 'jeol-tiff', facts: { voltageKV: { value: 300 }, imagingMode: { value: 'diffraction' } } });
  });

  it('follows an OlympusSIS tag stored as a pointer (Bio-Formats SISReader style)', async () => {
    const structure = sisStructure({ xcal: 1.5, lenexp: -9 });
    const bytes = writeTiff({ afterHeader: structure.build(8), ifds: [{ tags: [...imageTags({ width: 8, height: 8 }), tag.long(33560, 8)] }] });
    const r = await id('sis.tif', bytes);
    expect(r).toMatchObject({ format: 'olympus-sis-tiff', confidence: 0.95, facts: { pixelSize: { value: { x: 1.5 } } } });
  });

  it('reads a DigitalMicrograph scale given in µm', async () => {
    const r = await id('x.tif', one([tag.ascii(65003, 'µm'), tag.ascii(65004, 'µm'), tag.double(65009, 0.16867), tag.double(65010, 0.16867)]));
    expect(r).toMatchObject({ format: 'gatan-tiff', confidence: 0.9, facts: { pixelSize: { value: { x: 168.67 } } } });
  });
});

describe('EER', () => {
  it('gives the count of frames as a lower bound when the chain is longer than the cap', async () => {
    const ctx = contextFromBytes('long.eer', eerMovie(200, EER_ITEMS.map((i) => (i[0] === 'numberOfFrames' ? ['numberOfFrames', '200'] : i))));
    const r = await identify(ctx);
    expect(r.format).toBe('eer');
    expect(r.facts.dimensions?.value.frames).toBe(200);
    expect(r.facts.header?.value).toMatchObject({ pages: MAX_PAGES_COUNTED, pagesComplete: false });
    expect(r.evidence.some((e) => new RegExp(`at least ${MAX_PAGES_COUNTED} IFD`).test(e.detail))).toBe(true);
    expect(ctx.stats.reads).toBeLessThan(200);
  });

  it('converts a dose per pixel to e/Å² with the sensor pixel size', async () => {
    const items = EER_ITEMS.map((i) => (i[0] === 'totalDose' ? (['totalDose', '0.25', 'e/pixel'] as const) : i));
    const r = await id('x.eer', eerMovie(2, items));
    expect(r.facts.dose?.value).toBeCloseTo(0.25 / 0.74 ** 2, 5);
  });

  it('accepts classic-TIFF EER only with EER frame compression, at lower confidence', async () => {
    const xml = tag.undefinedBytes(65001, eerXml(EER_ITEMS));
    expect(await id('x.eer', one([xml], { compression: 65001 }))).toMatchObject({ format: 'eer', confidence: 0.9 });
    expect((await id('x.eer', one([xml]))).format).toBe('tiff');
  });

  it('does not call 65001 text of type ASCII EER', async () => {
    expect((await id('x.eer', one([tag.ascii(65001, eerXml(EER_ITEMS))], { bigTiff: true }))).format).toBe('bigtiff');
  });
});

describe('cellSens VSI', () => {
  it('reads the volume header in big-endian files too', async () => {
    const bytes = writeTiff({ littleEndian: false, afterHeader: vsiVolumeHeader(false), ifds: [{ tags: imageTags({ width: 8, height: 8 }) }] });
    expect(await id('any_name.tif', bytes)).toMatchObject({ format: 'vsi', confidence: 0.95 });
  });

  it('trusts the .vsi name only a little without a header, more with an Olympus marker', async () => {
    const bare = await id('slide.vsi', one([]));
    expect(bare).toMatchObject({ format: 'vsi', confidence: 0.85 });
    expect(bare.problems.join(' ')).toMatch(/Only the \.vsi name/);
    expect(await id('slide.vsi', one([], { make: 'Olympus' }))).toMatchObject({ format: 'vsi', confidence: 0.9 });
    expect((await id('slide.tif', one([]))).format).toBe('tiff');
  });
});

describe('LM variants and AFM', () => {
  it('reads Micro-Manager 1.4 property maps', async () => {
    const r = await id('x.tif', one([tag.ascii(51123, JSON.stringify({ PixelSizeUm: { type: 'DOUBLE', scalar: 0.325 }, 'Core-Camera': { scalar: 'Andor' } }))]));
    expect(r.facts).toMatchObject({ pixelSize: { value: { x: 325 } }, detector: { value: 'Andor' } });
  });

  it('reports Micro-Manager metadata that is not JSON', async () => {
    const r = await id('x.tif', one([tag.ascii(51123, 'not json')]));
    expect(r).toMatchObject({ format: 'micromanager-tiff', confidence: 0.9 });
    expect(r.problems.join(' ')).toMatch(/not a JSON object/);
  });

  it('accepts a .jpk TIFF with JPK tags but no grid lengths, at lower confidence', async () => {
    const r = await id('x.jpk', one([tag.ascii(0x8000, '1'), tag.ascii(0x8002, 'SPM'), tag.ascii(0x8030, 'AC')]));
    expect(r).toMatchObject({ format: 'jpk', confidence: 0.9, facts: { imagingMode: { value: 'AFM' } } });
    expect((await id('x.tif', one([tag.ascii(0x8000, '1'), tag.ascii(0x8002, 'SPM'), tag.ascii(0x8030, 'AC')]))).format).toBe('tiff');
  });

  it('leaves an LSM tag without the magic number at lower confidence', async () => {
    const r = await id('x.lsm', one([{ tag: 34412, type: TYPE.BYTE, value: new Uint8Array(96) }]));
    expect(r).toMatchObject({ format: 'zeiss-lsm', confidence: 0.9 });
  });
});

describe('plain TIFF and hostile input', () => {
  it('ignores display resolutions', async () => {
    const r = await id('x.tif', one([], { resolution: { x: [72, 1], unit: 2 } }));
    expect(r.facts.pixelSize).toBeUndefined();
    expect(r.evidence.some((e) => /display resolution/.test(e.detail))).toBe(true);
  });

  it('lets DICOM win over the TIFF header in its preamble, while the TIFF reader reports its problem', async () => {
    const bytes = real('dicom/CT_small.dcm')();
    expect((await id('CT_small.dcm', bytes)).format).toBe('dicom');
    const plain = tiffDetectors.find((d) => d.id === 'tiff')!;
    const own = await plain.detect(contextFromBytes('CT_small.dcm', bytes));
    expect(own).toMatchObject({ format: 'tiff', confidence: 0.5 });
    expect(own?.problems.join(' ')).toMatch(/outside the file/);
  });

  it('answers with exactly one detector per TIFF, and none for non-TIFF bytes', async () => {
    const bytes = one([tag.ascii(34682, feiIni())]);
    const answers = (await Promise.all(tiffDetectors.map((d) => d.detect(contextFromBytes('x.tif', bytes))))).filter(Boolean);
    expect(answers.map((a) => a!.format)).toEqual(['fei-tiff']);
    for (const d of tiffDetectors) {
      const ctx = contextFromBytes('x.tif', noise(1000, 9));
      expect(d.sniff(ctx)).toBe(false);
      expect(await d.detect(ctx)).toBeNull();
    }
  });

  it('never throws on a TIFF whose every offset is garbage', async () => {
    const bytes = one([tag.ascii(270, 'x'.repeat(300)), tag.ascii(34682, feiIni())]);
    const dv = new DataView(bytes.buffer);
    const n = dv.getUint16(8, true);
    for (let i = 0; i < n; i++) dv.setUint32(10 + i * 12 + 8, 0xfffffff0, true);
    const r = await id('x.tif', bytes);
    expect(['tiff', 'fei-tiff']).toContain(r.format);
  });
});
