// Opera .flex (Bio-Formats FlexReader: FlexXML in tag 65200), Aperio SVS (OpenSlide "Aperio format": ImageDescription
// "Aperio Image Library …|key = value|…"), and multi-file OME-TIFF (OME-TIFF specification, companion files and
// BinaryOnly). Expected values follow those sources: FlexReader reads Plate XSize/YSize as rows/columns and
// ImageResolutionX in metres; OpenSlide reads MPP as µm per pixel and AppMag as the objective power; the companion's
// TiffData/UUID@FileName name the plane files.
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { aperioFields } from '../../../../main/formats/families/tiff/aperio-svs';
import { CONF } from '../../../../main/formats/families/tiff/found';
import { binaryOnlyXml, companionXml } from '../../../fixtures/families/tiff';
import { utf8 } from '../../../fixtures/format-fixture';
import { blankStrip, imageTags, tag, writeTiff, type TagSpec } from '../../../fixtures/writers/tiff/tiff';

const one = (extra: readonly TagSpec[], description?: string) =>
  writeTiff({ littleEndian: true, ifds: [{ tags: [...imageTags({ width: 32, height: 16, description }), ...extra], strip: blankStrip(32, 16) }] });
const id = (name: string, bytes: Uint8Array) => identify(contextFromBytes(name, bytes));

describe('Opera .flex', () => {
  it('reads a 384-well plate (16 × 24) and the well of the file', async () => {
    const xml = '<Root><FLEX version="1.8.1.0"><Plate><XSize>16</XSize><YSize>24</YSize></Plate><Well><WellCoordinate Row="3" Col="17"/><Images><Image BufferNo="0"><Sublayout>4</Sublayout></Image></Images></Well></FLEX></Root>';
    const r = await id('003017004.flex', one([tag.ascii(65200, xml)]));
    expect(r.format).toBe('opera-flex');
    expect(r.facts.plate?.value).toEqual({ rows: 16, columns: 24, wells: 1, fields: 1 });
    expect(r.facts.header?.value).toMatchObject({ wellRow: 3, wellColumn: 17 });
    expect(r.facts.instrument?.value).toEqual({ manufacturer: 'PerkinElmer', model: 'Opera' });
  });

  it('reports FlexXML without a <FLEX> element, and keeps the file as a .flex read from its tags only', async () => {
    const r = await id('001001000.flex', one([tag.ascii(65200, '<Root><Arrays><Array Name="Exp1Cam1"/></Arrays></Root>')]));
    expect(r.format).toBe('opera-flex');
    expect(r.confidence).toBe(CONF.TAGGED);
    expect(r.facts.plate).toBeUndefined();
    expect(r.problems.join(' ')).toMatch(/FlexXML/);
  });

  it('accepts a non-XML tag 65200 only in a file named .flex, unverified', async () => {
    const bytes = one([tag.ascii(65200, 'binary-ish value')]);
    expect((await id('x.flex', bytes)).format).toBe('opera-flex');
    expect((await id('x.flex', bytes)).confidence).toBe(CONF.TAGGED);
    expect((await id('x.tif', bytes)).format).toBe('tiff');
  });
});

describe('Aperio SVS', () => {
  it('splits the |-separated key = value fields after the library line', () => {
    const f = aperioFields('Aperio Image Library v12.0.15\r\n1000x800 -> 500x400 - |AppMag = 40|MPP = 0.2527|ScanScope ID = SS1234');
    expect(Object.fromEntries(f)).toEqual({ AppMag: '40', MPP: '0.2527', 'ScanScope ID': 'SS1234' });
  });

  it('reads a 40× slide: MPP 0.2527 µm = 252.7 nm', async () => {
    const r = await id('slide.svs', one([], 'Aperio Image Library v12.0.15\r\n1000x800 -> 500x400 - |AppMag = 40|MPP = 0.2527'));
    expect(r.format).toBe('aperio-svs');
    expect(r.confidence).toBe(CONF.VERIFIED);
    expect(r.facts.pixelSize?.value).toEqual({ x: 252.7, y: 252.7 });
    expect(r.facts.magnification?.value).toBe(40);
    expect(r.facts.imagingMode?.value).toBe('slide-scanner');
  });

  it('reports an unusable MPP and claims a bare "Aperio" prefix only as tagged', async () => {
    const r = await id('slide.tif', one([], 'Aperio Leica Biosystems GT450 v1.0.1|MPP = n/a|AppMag = 40'));
    expect(r.format).toBe('aperio-svs');
    expect(r.confidence).toBe(CONF.TAGGED);
    expect(r.facts.pixelSize).toBeUndefined();
    expect(r.problems.join(' ')).toMatch(/MPP "n\/a"/);
  });
});

describe('multi-file OME-TIFF', () => {
  it('points a BinaryOnly plane to its companion in the header, without describes or acquisition facts', async () => {
    const r = await id('cells_z2.ome.tif', one([], binaryOnlyXml('cells.companion.ome')));
    expect(r.format).toBe('ome-tiff');
    expect(r.facts.header?.value).toMatchObject({ binaryOnly: true, metadataFile: 'cells.companion.ome' });
    expect(r.facts.describes).toBeUndefined();
    expect(r.facts.imagingMode).toBeUndefined();
  });

  it('names the plane files of a companion larger than the read limit from its first part, and says so', async () => {
    const text = companionXml();
    const at = text.indexOf('</Pixels>');
    const big = `${text.slice(0, at)}<!--${'x'.repeat(5 * 1024 * 1024)}-->${text.slice(at)}`;
    const r = await id('cells.companion.ome', utf8(big));
    expect(r.format).toBe('ome-companion');
    expect(r.facts.describes?.value).toEqual(['cells_z1.ome.tif', 'cells_z2.ome.tif', 'cells_z3.ome.tif']);
    expect(r.facts.imagingMode).toBeUndefined();
    expect(r.problems.join(' ')).toMatch(/read limit/);
  });

  it('does not take an OME-TIFF itself for a companion', async () => {
    const r = await id('cells.companion.ome', one([], companionXml()));
    expect(r.format).not.toBe('ome-companion');
  });
});
