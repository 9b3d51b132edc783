import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../../shared/formats/format-catalog';
import { aggregateSamples, type SampleResult } from '../../../shared/formats/aggregate';
import { OUTLIER_FACTOR, SAMPLE_OUTLIERS, SAMPLE_SPREAD, sampleIndices } from '../../../shared/formats/sampling';

describe('sampleIndices', () => {
  it('reads every file of a small fileset', () => {
    expect(sampleIndices([1, 1, 1])).toEqual([0, 1, 2]);
  });

  it('reads the first, the last and a spread of a long homogeneous series', () => {
    const idx = sampleIndices(new Array<number>(600).fill(1000));
    expect(idx).toEqual([0, 150, 300, 449, 599]);
    expect(idx).toHaveLength(2 + SAMPLE_SPREAD);
  });

  it('adds the files whose size stands out, the most different first, at most a few', () => {
    const sizes = new Array<number>(100).fill(1000);
    sizes[42] = 1000 * (OUTLIER_FACTOR + 1); // bigger
    sizes[77] = 10; // far smaller: the most different
    sizes[13] = 0; // empty
    sizes[88] = 1000 * (OUTLIER_FACTOR + 0.5);
    const idx = sampleIndices(sizes);
    expect(idx).toEqual(expect.arrayContaining([13, 77, 42]));
    expect(idx).not.toContain(88);
    expect(idx.length).toBe(2 + SAMPLE_SPREAD + SAMPLE_OUTLIERS);
  });

  it('reads everything when asked', () => {
    expect(sampleIndices(new Array<number>(50).fill(1), true)).toHaveLength(50);
  });
});

const sample = (file: string, format: FormatId, extra: Partial<SampleResult> = {}): SampleResult => ({
  file,
  format,
  formatSource: format === 'unknown' ? 'none' : 'bytes',
  confidence: format === 'unknown' ? 0 : 0.9,
  facts: {},
  evidence: [{ source: 'header', detail: `${format} header`, weight: 1 }],
  problems: [],
  ...extra,
});

describe('aggregateSamples', () => {
  it('takes the agreed format, its first sample’s facts, and says how much was read', () => {
    const r = aggregateSamples([sample('a/1.tif', 'tiff', { facts: { dimensions: { value: { x: 5 }, provenance: 'header' } } }), sample('a/2.tif', 'tiff')], 600, false);
    expect(r).toMatchObject({ format: 'tiff', kind: 'image', confidence: 0.9, facts: { dimensions: { value: { x: 5 } } } });
    expect(r.evidence.map((e) => e.detail)).toEqual(expect.arrayContaining([expect.stringMatching(/Read 2 of 600 files .*: all are TIFF\./)]));
  });

  it('says which facts differ between files of one format, and whose facts it shows', () => {
    const map = (file: string, id: string, z: number) =>
      sample(file, 'mrc', { facts: { emdbId: { value: id, provenance: 'header' }, dimensions: { value: { x: 8, y: 8, z }, provenance: 'header' }, creator: { value: 'EMDB', provenance: 'header' } } });
    const r = aggregateSamples([map('maps/EMD-3001.map', 'EMD-3001', 25), map('maps/EMD-3197.map', 'EMD-3197', 8)], 2, false);
    expect(r.evidence.map((e) => e.detail)).toContain('The files differ in Dimensions, EMDB entry; the facts shown are those of maps/EMD-3001.map.');
    const same = aggregateSamples([map('a/1.map', 'EMD-1', 4), map('a/2.map', 'EMD-1', 4)], 2, false);
    expect(same.evidence.map((e) => e.detail).join()).not.toMatch(/differ/);
  });

  it('lowers the confidence when samples disagree, and says which file differs', () => {
    const r = aggregateSamples([sample('s/1.tif', 'tiff'), sample('s/2.tif', 'tiff'), sample('s/3.tif', 'unknown')], 3, false);
    expect(r.format).toBe('tiff');
    expect(r.confidence).toBeCloseTo(0.6);
    expect(r.evidence.map((e) => e.detail)).toEqual(expect.arrayContaining([expect.stringMatching(/disagree \(2 TIFF, 1 Unknown\)/), 's/3.tif is Unknown.']));
  });

  it('never averages patient data away', () => {
    const patient = { value: { identifiable: true, fields: ['PatientID'], deidentified: false }, provenance: 'header' as const };
    const r = aggregateSamples([sample('d/1.dcm', 'dicom'), sample('d/2.dcm', 'dicom'), sample('d/3.dcm', 'dicom', { facts: { patient } })], 3, false);
    expect(r.facts.patient?.value).toEqual({ identifiable: true, fields: ['PatientID'], deidentified: false });
    expect(r.facts.patient?.source).toBe('d/3.dcm');
  });

  it('is unknown, not a guess, when nothing could be read', () => {
    expect(aggregateSamples([], 4, false)).toMatchObject({ format: 'unknown', confidence: 0, formatSource: 'none' });
  });
});
