// Sidecars of light-microscopy data and the names they hand the pairing (`describes`). Expected names follow
// the writers' conventions: SpimData ImageLoader <hdf5>/<n5> (bigdataviewer-core XmlIoSpimDataMinimal), LAS X
// "Export → TIFF" planes <Series>_z<ZZ>_ch<CC>.tif one folder above MetaData/ (LAS X help), mesoSPIM
// <file>_meta.txt beside <file> (mesoSPIM-control).
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { leicaXml } from '../../../fixtures/writers/lm/leica';
import { writeSpimDataXml } from '../../../fixtures/writers/lm/bdv';
import { writeMesospimMeta } from '../../../fixtures/writers/lm/mesospim';

const u = (s: string) => new TextEncoder().encode(s);

describe('light-microscopy sidecars', () => {
  it('SpimData with a bdv.hdf5 loader names its HDF5 container', async () => {
    const xml = writeSpimDataXml({ loader: 'hdf5', container: 'dataset.h5', setups: [{ id: 0, size: [32, 32, 10], voxelUm: [0.406, 0.406, 2], channel: 0, tile: 0 }], timepoints: 3 });
    const found = await identify(contextFromBytes('dataset.xml~1', u(xml)));
    expect(found).toMatchObject({ format: 'spimdata-xml', facts: { describes: { value: ['dataset.h5'] }, pixelSize: { value: { x: 406, y: 406, z: 2000 } }, dimensions: { value: { x: 32, y: 32, z: 10, t: 3 } } } });
  });

  it('a LAS X _Properties.xml of a single-plane, single-channel image names its one TIFF', async () => {
    const xml = leicaXml({ name: 'Image001', sizeX: 256, sizeY: 256, lengthMetres: 255 * 3.25e-7, channels: [{ dye: 'DAPI' }], system: 'DMi8', source: 'Camera' });
    const found = await identify(contextFromBytes('Image001_Properties.xml', u(xml)));
    expect(found.format).toBe('leica-xml');
    expect(found.facts.describes?.value).toEqual(['../Image001.tif']);
  });

  it('a mesoSPIM record keeps its data name, and a record not named after a file still reads as mesoSPIM', async () => {
    const text = writeMesospimMeta({ pixelUm: 6.55, zStepUm: 10, zPlanes: 100, laserNm: 561, filter: '593/40' });
    expect((await identify(contextFromBytes('tile_3.btf_meta.txt', u(text)))).facts.describes?.value).toEqual(['tile_3.btf']);
    const loose = await identify(contextFromBytes('meta.txt', u(text)));
    expect(loose.format).toBe('mesospim-meta');
    expect(loose.facts.describes).toBeUndefined();
  });
});
