import { describe, expect, it } from 'vitest';
import { NamePattern, originalExtension, splitExtension, stemKey } from '../../../shared/naming/name-pattern';

function patternOf(names: readonly string[]): string {
  const [first, ...rest] = names;
  const { stem, ext } = splitExtension(first!);
  const p = new NamePattern(stem, ext, originalExtension(first!, ext));
  for (const n of rest) p.add(splitExtension(n).stem);
  return p.toString();
}

describe('splitExtension', () => {
  it.each([
    ['slice_0001.tif', 'slice_0001', '.tif'],
    ['image.OME.TIFF', 'image', '.ome.tiff'],
    ['scan.nii.gz', 'scan', '.nii.gz'],
    ['reads_R1.fastq.gz', 'reads_R1', '.fastq.gz'],
    ['archive.tar.gz', 'archive', '.tar.gz'],
    ['movie.mrc.eer', 'movie', '.mrc.eer'],
    ['map.MRC', 'map', '.mrc'],
    ['cell.jpk-qi-image', 'cell', '.jpk-qi-image'],
    ['scan.001', 'scan.001', ''],
    ['.DS_Store', '.DS_Store', ''],
    ['README', 'README', ''],
    ['trailingdot.', 'trailingdot.', ''],
    ['.ome.tiff', '.ome', '.tiff'],
    ['x.averyveryverylongextension', 'x.averyveryverylongextension', ''],
  ])('%s → stem %s, ext %s', (name, stem, ext) => {
    expect(splitExtension(name)).toEqual({ stem, ext });
  });

  it('keeps the extension as written for display', () => {
    expect(originalExtension('A.TIF', '.tif')).toBe('.TIF');
    expect(originalExtension('README', '')).toBe('');
  });
});

describe('stemKey', () => {
  it('collapses every digit run, whatever its width', () => {
    expect(stemKey('slice_0001')).toBe(stemKey('slice_12'));
    expect(stemKey('a1b22c333')).toBe(stemKey('a9b8c7'));
    expect(stemKey('slice_0001')).not.toBe(stemKey('mask_0001'));
    expect(stemKey('no digits')).toBe('no digits');
  });
});

describe('NamePattern', () => {
  it('shows a varying fixed-width run as one # per digit', () => {
    expect(patternOf(['slice_0001.tif', 'slice_0600.tif', 'slice_0002.tif'])).toBe('slice_####.tif');
  });
  it('shows a varying run of varying width as a single #', () => {
    expect(patternOf(['img_1.tif', 'img_12.tif', 'img_600.tif'])).toBe('img_#.tif');
  });
  it('keeps a run that never changes as written', () => {
    expect(patternOf(['run2_slice_001.tif', 'run2_slice_002.tif'])).toBe('run2_slice_###.tif');
  });
  it('is the name itself for one file', () => {
    expect(patternOf(['FoilHole_9015883_Data_9017347_6.xml'])).toBe('FoilHole_9015883_Data_9017347_6.xml');
  });
  it('keeps the first file’s extension spelling', () => {
    expect(patternOf(['A_01.TIF', 'A_02.tif'])).toBe('A_##.TIF');
  });
});
