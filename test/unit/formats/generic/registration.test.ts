import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { bigwarpDetector, ecClemDetector } from '../../../../main/formats/families/generic/landmarks';
import { elastixDetector, itkDetector } from '../../../../main/formats/families/generic/transforms';
import { identify } from '../../../../main/formats/registry';
import { utf8 } from '../../../fixtures/format-fixture';
import { writeBigwarpCsv, writeEcClemSchema, writeItkTransform } from '../../../fixtures/writers/generic/registration';

describe('BigWarp landmarks', () => {
  it('accepts the Id column of newer BigWarp versions and unpaired (Infinity) points', async () => {
    const csv = utf8('"Pt-0","true","0","1.0","2.0","3.0","4.0","5.0","6.0"\n"Pt-1","false","1","7.0","8.0","9.0","Infinity","Infinity","Infinity"\n');
    const found = await bigwarpDetector.detect(contextFromBytes('lm.csv', csv));
    expect(found?.facts.transform?.value).toEqual({ kind: 'BigWarp landmarks', dimensions: 3 });
    expect(found?.facts.header?.value).toMatchObject({ idColumn: true, active: 1 });
  });

  it('accepts unquoted rows', async () => {
    const found = await bigwarpDetector.detect(contextFromBytes('lm.csv', utf8('Pt-0,true,1,2,3,4\n')));
    expect(found).toMatchObject({ format: 'bigwarp-landmarks', confidence: CONFIDENCE.MAGIC });
  });

  it('is less sure of unquoted rows with names BigWarp does not give', async () => {
    const found = await bigwarpDetector.detect(contextFromBytes('t.csv', utf8('s1,true,1,2,3,4\ns2,false,5,6,7,8\n')));
    expect(found?.confidence).toBeLessThan(CONFIDENCE.MAGIC);
    expect(found?.confidence).toBeGreaterThan(0.5);
    expect(found?.problems.length).toBe(1);
  });

  it('refuses rows of different shapes, a header line, or non-numeric coordinates', async () => {
    const mixed = utf8('"Pt-0","true","1","2","3","4"\n"Pt-1","true","1","2","3","4","5","6"\n');
    expect(await bigwarpDetector.detect(contextFromBytes('a.csv', mixed))).toBeNull();
    expect(await bigwarpDetector.detect(contextFromBytes('b.csv', utf8('name,active,x,y,x2,y2\nPt-0,true,1,2,3,4\n')))).toBeNull();
    expect(await bigwarpDetector.detect(contextFromBytes('c.csv', utf8('Pt-0,true,a,b,c,d\n')))).toBeNull();
  });

  it('wins over the generic CSV reader through the registry', async () => {
    const found = await identify(contextFromBytes('pairs.csv', writeBigwarpCsv([{ moving: [1, 2], fixed: [3, 4] }])));
    expect(found.format).toBe('bigwarp-landmarks');
  });
});

describe('ec-CLEM', () => {
  it('reads the transformation type and the fiducial dimension of a schema', async () => {
    const found = await ecClemDetector.detect(contextFromBytes('x.xml', writeEcClemSchema({ type: 'RIGID', dimension: 2, points: [[1, 2], [3, 4], [5, 6]] })));
    expect(found?.facts.transform?.value).toEqual({ kind: 'ec-CLEM rigid', dimensions: 2 });
    expect(found?.confidence).toBe(CONFIDENCE.STRUCTURE);
  });

  it('refuses a <root> document without ec-CLEM elements', async () => {
    expect(await ecClemDetector.detect(contextFromBytes('x.xml', utf8('<root><name>a</name></root>')))).toBeNull();
  });
});

describe('elastix', () => {
  it('recognises a registration parameter file (settings, no fitted parameters) a little less surely', async () => {
    const text = '// rigid 2D\n(FixedImageDimension 2)\n(MovingImageDimension 2)\n(Registration "MultiResolutionRegistration")\n(Transform "EulerTransform")\n(Metric "AdvancedMattesMutualInformation")\n';
    const found = await elastixDetector.detect(contextFromBytes('Parameters_Rigid.txt', utf8(text)));
    expect(found).toMatchObject({ format: 'elastix-transform', confidence: CONFIDENCE.MAGIC });
    expect(found?.facts.transform?.value).toEqual({ kind: 'EulerTransform', dimensions: 2 });
  });

  it('says when the dimension is missing', async () => {
    const found = await elastixDetector.detect(contextFromBytes('t.txt', utf8('(Transform "BSplineTransform")\n(NumberOfParameters 100)\n')));
    expect(found?.facts.transform?.value).toEqual({ kind: 'BSplineTransform' });
    expect(found?.problems.join()).toMatch(/FixedImageDimension/);
  });
});

describe('ITK transforms', () => {
  it('names the first component of a composite transform', async () => {
    const found = await itkDetector.detect(
      contextFromBytes(
        'c.tfm',
        writeItkTransform([
          { type: 'CompositeTransform_double_3_3', parameters: [], fixed: [] },
          { type: 'Euler3DTransform_double_3_3', parameters: [0, 0, 0, 1, 2, 3], fixed: [0, 0, 0, 0] },
        ]),
      ),
    );
    expect(found?.facts.transform?.value).toEqual({ kind: 'Euler3DTransform (in a composite)', dimensions: 3 });
  });

  it('keeps a header without a Transform line at magic confidence, with a problem', async () => {
    const found = await itkDetector.detect(contextFromBytes('x.tfm', utf8('#Insight Transform File V1.0\n')));
    expect(found).toMatchObject({ confidence: CONFIDENCE.MAGIC });
    expect(found?.problems.length).toBe(1);
  });
});
