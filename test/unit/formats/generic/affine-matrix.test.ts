import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { affineMatrixDetector, matrixTransformIn } from '../../../../main/formats/families/generic/transforms';
import { utf8 } from '../../../fixtures/format-fixture';

// Affine matrices as software writes them. numpy.savetxt's defaults are fmt='%.18e', delimiter=' ' (NumPy
// reference, numpy.savetxt); MATLAB's writematrix writes comma-separated values to .csv (MATLAB reference,
// writematrix); a homogeneous affine ends in 0 0 1 (2-D) or 0 0 0 1 (3-D). IMOD .xf lines are
// "a11 a12 a21 a22 dx dy" (IMOD xf file format, xfproduct man page); BigDataViewer keeps per-view
// <affine> elements of 12 numbers in <SpimData> (bigdataviewer-core XmlIoViewRegistrations).

describe('matrixTransformIn', () => {
  it('reads numpy.savetxt of a 4×4 homogeneous matrix as a 3-D affine', () => {
    // np.savetxt('m.txt', [[0.5, 0, 0, 12.5], [0, 0.5, 0, -3.25], [0, 0, 0.5, 0], [0, 0, 0, 1]]) with the default fmt and delimiter.
    const text = [
      '5.000000000000000000e-01 0.000000000000000000e+00 0.000000000000000000e+00 1.250000000000000000e+01',
      '0.000000000000000000e+00 5.000000000000000000e-01 0.000000000000000000e+00 -3.250000000000000000e+00',
      '0.000000000000000000e+00 0.000000000000000000e+00 5.000000000000000000e-01 0.000000000000000000e+00',
      '0.000000000000000000e+00 0.000000000000000000e+00 0.000000000000000000e+00 1.000000000000000000e+00',
      '',
    ].join('\n');
    expect(matrixTransformIn(text)).toEqual({ rows: 4, cols: 4, dimensions: 3, delimited: false });
  });

  it('reads a MATLAB writematrix CSV as a delimited 3-D affine', () => {
    expect(matrixTransformIn('0.98,-0.17,0,12.5\n0.17,0.98,0,-3.25\n0,0,1,0\n0,0,0,1\n')).toEqual({ rows: 4, cols: 4, dimensions: 3, delimited: true });
  });

  it('reads a 3×3 matrix with the homogeneous row 0 0 1 as a 2-D affine, brackets allowed', () => {
    expect(matrixTransformIn('[[1.0, 0.0, 10.0],\n [0.0, 1.0, 20.0],\n [0.0, 0.0, 1.0]]\n')).toEqual({ rows: 3, cols: 3, dimensions: 2, delimited: true });
  });

  it('reads a 3×4 block only when the text names a transform', () => {
    const block = '1 0 0 5\n0 1 0 6\n0 0 1 7\n';
    expect(matrixTransformIn(`# affine transform fluorescence -> EM\n${block}`)).toEqual({ rows: 3, cols: 4, dimensions: 3, delimited: false });
    expect(matrixTransformIn(block)).toBeUndefined();
  });

  it('refuses tables: a 4-column table of 20 rows, a 3×3 without a homogeneous row, a header over 3 rows', () => {
    const table = Array.from({ length: 20 }, (_, i) => `${i},${i * 2},${i * 3},${i * 4}`).join('\n');
    expect(matrixTransformIn(table)).toBeUndefined();
    expect(matrixTransformIn('1 2 3\n4 5 6\n7 8 9\n')).toBeUndefined();
    expect(matrixTransformIn('x,y,z,intensity\n1,2,3,4\n5,6,7,8\n9,10,11,12\n')).toBeUndefined();
  });

  it('refuses an IMOD .xf (six numbers per tilt)', () => {
    expect(matrixTransformIn('   0.9998  -0.0175   0.0175   0.9998      3.210     -1.050\n   0.9997  -0.0230   0.0230   0.9997      2.110     -0.950\n')).toBeUndefined();
  });

  it('reads a matrix-named XML element of 16 numbers, and leaves BigDataViewer view registrations alone', () => {
    const xml = '<?xml version="1.0"?>\n<Registration><Source>LM</Source><Target>EM</Target><matrix>1 0 0 10 0 1 0 20 0 0 1 30 0 0 0 1</matrix></Registration>\n';
    expect(matrixTransformIn(xml)).toEqual({ rows: 4, cols: 4, dimensions: 3, delimited: false });
    const bdv = '<?xml version="1.0" encoding="UTF-8"?>\n<SpimData version="0.2"><BasePath type="relative">.</BasePath><ViewRegistrations><ViewRegistration timepoint="0" setup="0"><ViewTransform type="affine"><affine>1.0 0.0 0.0 0.0 0.0 1.0 0.0 0.0 0.0 0.0 1.0 0.0</affine></ViewTransform></ViewRegistration></ViewRegistrations></SpimData>\n';
    expect(matrixTransformIn(bdv)).toBeUndefined();
  });

  it('does not read the cut last line of a head that is not the whole file', () => {
    expect(matrixTransformIn('1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1', false)).toBeUndefined();
  });

  it('stays fast on hostile XML: an unclosed matrix element and thousands of open tags', () => {
    const t0 = performance.now();
    expect(matrixTransformIn(`<matrix>${'1 '.repeat(30_000)}`)).toBeUndefined();
    expect(matrixTransformIn(`<r>${'<matrix a="'.repeat(5_000)}`)).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('stays linear on a large numeric file', () => {
    const big = '1 2 3\n'.repeat(20_000);
    const t0 = performance.now();
    expect(matrixTransformIn(big)).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('affineMatrixDetector', () => {
  it('gives a CSV matrix a transform fact and keeps the generic format id', async () => {
    const found = await affineMatrixDetector.detect(contextFromBytes('lm_to_em.csv', utf8('0.98,-0.17,0,12.5\n0.17,0.98,0,-3.25\n0,0,1,0\n0,0,0,1\n')));
    expect(found?.format).toBe('csv');
    expect(found?.facts.transform?.value).toEqual({ kind: 'affine matrix 4×4', dimensions: 3 });
    expect(found?.confidence).toBeGreaterThan(0.5);
  });

  it('gives plain text "text" and XML "xml"', async () => {
    expect((await affineMatrixDetector.detect(contextFromBytes('m.txt', utf8('1 0 10\n0 1 20\n0 0 1\n'))))?.format).toBe('text');
    expect((await affineMatrixDetector.detect(contextFromBytes('m.xml', utf8('<t><affine>1 0 0 0 1 0 0 0 1 0 0 0</affine></t>'))))?.format).toBe('xml');
  });

  it('does not sniff IMOD .xf files, binary data, or text without a matrix', async () => {
    expect(affineMatrixDetector.sniff(contextFromBytes('TS_01.xf', utf8('1 0 0 1 0 0\n')))).toBe(false);
    expect(affineMatrixDetector.sniff(contextFromBytes('a.bin', new Uint8Array([1, 0, 2, 0])))).toBe(false);
    expect(await affineMatrixDetector.detect(contextFromBytes('notes.txt', utf8('Grid 3, square 12: good ice.\n')))).toBeNull();
  });
});
