// bioformats2raw layout 3 (NGFF 0.4 "bioformats2raw.layout" transitional spec, ngff.openmicroscopy.org/0.4/#bf2raw;
// glencoesoftware/bioformats2raw README): root attributes {"bioformats2raw.layout": 3}, OME/METADATA.ome.xml with the
// full OME-XML, OME/.zattrs {"series": [...]} naming the image groups (else 0/, 1/, …), each an NGFF image.
// Expected values are those the trees are written with, read per those specs (scale 0.043 micrometer = 43 nm;
// AcquisitionMode LaserScanningConfocalMicroscopy = a confocal, OME-XML 2016-06 enum).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromFile } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'da-bf2raw-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

async function identifyFile(file: string) {
  const { ctx, close } = await contextFromFile(file);
  try {
    return await identify(ctx);
  } finally {
    await close();
  }
}

const GROUP = '{"zarr_format": 2}';
const OME_XML =
  '<?xml version="1.0" encoding="UTF-8"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06" Creator="OME Bio-Formats 7.0.0"><Instrument ID="Instrument:0"><Microscope Manufacturer="Zeiss" Model="LSM 980"/></Instrument>' +
  '<Image ID="Image:0"><Pixels ID="Pixels:0" DimensionOrder="XYZCT" Type="uint16" SizeX="64" SizeY="64" SizeZ="4" SizeC="2" SizeT="1"><Channel ID="Channel:0:0" Name="AF488" AcquisitionMode="LaserScanningConfocalMicroscopy"/><Channel ID="Channel:0:1" Name="AF568" AcquisitionMode="LaserScanningConfocalMicroscopy"/><MetadataOnly/></Pixels></Image></OME>';
const image = (name: string) =>
  JSON.stringify({
    multiscales: [{ version: '0.4', name, axes: [{ name: 'c', type: 'channel' }, { name: 'y', type: 'space', unit: 'micrometer' }, { name: 'x', type: 'space', unit: 'micrometer' }], datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [1, 0.043, 0.043] }] }] }],
    omero: { channels: [{ label: 'AF488', color: '00FF00' }, { label: 'AF568', color: 'FF0000' }] },
  });

describe('bioformats2raw layout', () => {
  it('reads the series group named by OME/.zattrs and the OME-XML instrument and acquisition mode', async () => {
    const root = tree({
      '.zgroup': GROUP,
      '.zattrs': JSON.stringify({ 'bioformats2raw.layout': 3 }),
      'OME/.zattrs': JSON.stringify({ series: ['A'] }),
      'OME/METADATA.ome.xml': OME_XML,
      'A/.zattrs': image('cells'),
    });
    const r = await identifyFile(path.join(root, '.zattrs'));
    expect(r.format).toBe('ome-zarr');
    expect(r.facts.instrument?.value).toEqual({ manufacturer: 'Zeiss', model: 'LSM 980' });
    expect(r.facts.imagingMode?.value).toBe('confocal');
    expect(r.facts.acquisitionModes?.value).toEqual(['LaserScanningConfocalMicroscopy']);
    expect(r.facts.pixelSize?.value).toMatchObject({ x: 43, y: 43 });
    expect(r.facts.channels?.value.map((c) => c.name)).toEqual(['AF488', 'AF568']);
    expect(r.facts.header?.value).toMatchObject({ 'bioformats2raw.layout': 3, multiscalesPath: 'A', series: 1 });
  });

  it('falls back to the group 0/ and reports a missing METADATA.ome.xml', async () => {
    const root = tree({ '.zattrs': JSON.stringify({ 'bioformats2raw.layout': 3 }), '0/.zattrs': image('cells') });
    const r = await identifyFile(path.join(root, '.zattrs'));
    expect(r.format).toBe('ome-zarr');
    expect(r.facts.pixelSize?.value).toMatchObject({ x: 43 });
    expect(r.facts.imagingMode).toBeUndefined();
    expect(r.problems.join(' ')).toMatch(/METADATA\.ome\.xml/);
  });

  it('refuses a series path that leaves the store', async () => {
    const root = tree({ '.zattrs': JSON.stringify({ 'bioformats2raw.layout': 3 }), 'OME/.zattrs': JSON.stringify({ series: ['../outside'] }), 'OME/METADATA.ome.xml': OME_XML });
    const r = await identifyFile(path.join(root, '.zattrs'));
    expect(r.format).toBe('ome-zarr');
    expect(r.problems.join(' ')).toMatch(/not a path inside the store/);
    expect(r.facts.imagingMode?.value).toBe('confocal');
  });
});
