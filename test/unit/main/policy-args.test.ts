import { describe, expect, it } from 'vitest';
import { parseOverride, policyOptions, PolicyArgError } from '../../../main/cli/policy-args';

describe('--override TARGET=VALUE', () => {
  it('reads a destination in any case and a modality id, in either order', () => {
    expect(parseOverride('maps/EMD-####.map=emdb', '/nowhere')).toEqual({ target: 'maps/EMD-####.map', destination: 'EMDB' });
    expect(parseOverride('abc123=cryoet-tomograms,EMPIAR', '/nowhere')).toEqual({ target: 'abc123', modality: 'cryoet-tomograms', destination: 'EMPIAR' });
  });

  it('reads an omics archive as OMICS in that archive, alone or with OMICS', () => {
    expect(parseOverride('ms/run.mzML=metabolights', '/nowhere')).toEqual({ target: 'ms/run.mzML', destination: 'OMICS', omicsArchive: 'MetaboLights' });
    expect(parseOverride('x=OMICS,ena', '/nowhere')).toEqual({ target: 'x', destination: 'OMICS', omicsArchive: 'ENA' });
  });

  it('turns a target that exists on disk into an absolute path, and splits at the last "="', () => {
    expect(parseOverride('.=BIA', __dirname)).toEqual({ target: __dirname, destination: 'BIA' });
    expect(parseOverride('odd=name.tif=BIA', '/nowhere')).toEqual({ target: 'odd=name.tif', destination: 'BIA' });
  });

  it('refuses what it cannot read, naming the choices', () => {
    expect(() => parseOverride('x', '/')).toThrow(PolicyArgError);
    expect(() => parseOverride('x=', '/')).toThrow(/TARGET=VALUE/);
    expect(() => parseOverride('x=ARCHIVE', '/')).toThrow(/neither a destination \(EMPIAR, BIA, EMDB, OMICS, NONE, REVIEW\), an omics archive \(ENA, ArrayExpress, PRIDE, MetaboLights\) nor a modality/);
    expect(() => parseOverride('x=BIA,EMPIAR', '/')).toThrow(/two destinations/);
    expect(() => parseOverride('x=lm-confocal,lm-other', '/')).toThrow(/two modalities/);
    expect(() => parseOverride('x=PRIDE,ENA', '/')).toThrow(/two omics archives/);
    expect(() => parseOverride('x=BIA,PRIDE', '/')).toThrow(/PRIDE goes with OMICS, not BIA/);
  });
});

describe('policy thresholds', () => {
  it('passes on only the thresholds given, as whole numbers', () => {
    expect(policyOptions({})).toEqual({});
    expect(policyOptions({ 'tomograms-few': '0', representatives: '2' })).toEqual({ tomogramsFew: 0, representatives: 2 });
  });

  it('refuses negative, fractional or zero-representative values', () => {
    expect(() => policyOptions({ 'tomograms-few': '-1' })).toThrow(/--tomograms-few needs a whole number ≥ 0/);
    expect(() => policyOptions({ 'tomograms-few': '2.5' })).toThrow(PolicyArgError);
    expect(() => policyOptions({ representatives: '0' })).toThrow(/--representatives needs a whole number ≥ 1/);
  });
});
