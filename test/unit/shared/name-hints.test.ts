import { describe, expect, it } from 'vitest';
import { hintFromName } from '../../../shared/formats/name-hints';

describe('hintFromName', () => {
  it.each([
    ['EpuSession.dm', 'epu-session', 'name'],
    ['Atlas.dm', 'epu-session', 'name'],
    ['GridSquare_8999138.dm', 'epu-session', 'name'],
    ['FoilHole_9015883_Data_9017347_6_20250108_154915.xml', 'epu-xml', 'name'],
    ['movie_0001_info.txt', 'de-info', 'name'],
    ['Index.idx.xml', 'opera-index', 'name'],
    ['scalefactors_json.json', 'visium-scalefactors', 'name'],
    ['.zattrs', 'zarr', 'name'],
    ['.DS_Store', 'os-clutter', 'name'],
    ['._slice_0001.tif', 'os-clutter', 'name'],
    ['stack.st', 'mrc', 'extension'],
    ['EMD-3197.map', 'mrc', 'extension'],
    ['cells.ome.tif', 'ome-tiff', 'extension'],
    ['cells.tif', 'tiff', 'extension'],
    ['brain.nii.gz', 'nifti', 'extension'],
    ['reads.fq.gz', 'fastq', 'extension'],
    ['image.DM4', 'gatan-dm', 'extension'],
    ['scan.log', 'text', 'name'],
  ])('%s suggests %s by %s', (name, format, source) => {
    expect(hintFromName(name)).toMatchObject({ format, source });
  });

  it.each(['data.xyz', 'README', 'scan.001', 'Makefile'])('%s suggests nothing', (name) => {
    expect(hintFromName(name)).toBeNull();
  });

  it('says why, so the UI can show it as evidence', () => {
    expect(hintFromName('EpuSession.dm')?.because).toMatch(/XML, not Gatan DM/);
    expect(hintFromName('a.czi')?.because).toBe('the extension .czi');
  });
});
