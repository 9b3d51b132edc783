// The Study page's selectors (shared/model/report-selectors.ts): cards, filter, sort, review questions, overrides.
import { describe, expect, it } from 'vitest';
import type { FilesetView } from '../../../shared/model/fileset';
import type { Bundle } from '../../../shared/model/bundle';
import {
  destinationCards,
  describeOverride,
  filterFilesets,
  keepSelection,
  NO_FILTER,
  overridesByFileset,
  overrideTargetOf,
  reviewQuestion,
  sortFilesets,
  summarizeByModality,
} from '../../../shared/model/report-selectors';
import { createFileset } from '../../helpers/factories';

function view(partial: Partial<FilesetView>): FilesetView {
  const { files, ...rest } = createFileset(partial);
  return { ...rest, ...partial, sampleFiles: files.slice(0, 20) };
}

function bundle(archive: Bundle['archive'], done: number, total: number, ready: boolean): Bundle {
  return { archive, filesetIds: ['x'], fileCount: 1, bytes: 1, checklist: [], readiness: { done, total, ready } };
}

const STUDY = [
  view({ id: 'a', directory: 'lm', pattern: 'cell_##.tif', destination: 'BIA', modality: 'lm-confocal', fileCount: 10, bytes: 500 }),
  view({ id: 'b', directory: 'omics', pattern: 'counts.h5ad', destination: 'OMICS', omicsArchive: 'ArrayExpress', modality: 'omics-data', fileCount: 1, bytes: 50 }),
  view({ id: 'c', directory: 'omics', pattern: 'peptides.mzML', destination: 'OMICS', omicsArchive: 'PRIDE', modality: 'omics-data', fileCount: 2, bytes: 70 }),
  view({ id: 'd', directory: 'maps', pattern: 'EMD-####.map', destination: 'EMDB', modality: 'density-map', fileCount: 2, bytes: 900 }),
  view({ id: 'e', directory: 'misc', pattern: 'blob.bin', destination: 'REVIEW', modality: 'unknown', clauseId: 'review-unknown', fileCount: 1, bytes: 5 }),
  view({ id: 'f', directory: 'lm', pattern: 'Cell_b.tif', destination: 'BIA', modality: 'lm-confocal', fileCount: 3, bytes: 500 }),
];

describe('destinationCards', () => {
  it('makes a card per destination present, omics split by archive, with the bundle readiness (none for review)', () => {
    const cards = destinationCards({ filesets: STUDY, bundles: [bundle('BIA', 2, 5, false), bundle('OMICS', 1, 3, true), bundle('EMDB', 0, 4, false)] });
    expect(cards.map((c) => [c.key, c.filesets, c.files, c.bytes, c.readiness?.done ?? null])).toEqual([
      ['BIA', 2, 13, 1000, 2],
      ['EMDB', 1, 2, 900, 0],
      ['OMICS:ArrayExpress', 1, 1, 50, 1],
      ['OMICS:PRIDE', 1, 2, 70, 1],
      ['REVIEW', 1, 1, 5, null],
    ]);
  });
  it('totals modalities in catalog order', () => {
    expect(summarizeByModality(STUDY).map((m) => [m.modality, m.files])).toEqual([
      ['density-map', 2],
      ['lm-confocal', 13],
      ['omics-data', 3],
      ['unknown', 1],
    ]);
  });
});

describe('filterFilesets', () => {
  const ids = (f: Parameters<typeof filterFilesets>[1]) => filterFilesets(STUDY, f).map((x) => x.id);
  it('keeps everything (the same array) without a filter', () => {
    expect(filterFilesets(STUDY, NO_FILTER)).toBe(STUDY);
  });
  it('filters by destination key, the generic omics key taking every omics archive', () => {
    expect(ids({ ...NO_FILTER, destination: 'OMICS:PRIDE' })).toEqual(['c']);
    expect(ids({ ...NO_FILTER, destination: 'OMICS' })).toEqual(['b', 'c']);
  });
  it('filters by modality, review only, and words of the text in any order and case', () => {
    expect(ids({ ...NO_FILTER, modality: 'lm-confocal' })).toEqual(['a', 'f']);
    expect(ids({ ...NO_FILTER, reviewOnly: true })).toEqual(['e']);
    expect(ids({ ...NO_FILTER, text: 'CELL lm' })).toEqual(['a', 'f']);
    expect(ids({ ...NO_FILTER, text: 'arrayexpress' })).toEqual(['b']);
    expect(ids({ ...NO_FILTER, text: 'density map' })).toEqual(['d']);
  });
});

describe('sortFilesets', () => {
  const ids = (sort: Parameters<typeof sortFilesets>[1]) => sortFilesets(STUDY, sort, false).map((x) => x.id);
  it('keeps the report order without a sort', () => {
    expect(ids(null)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
  it('sorts numbers as numbers and keeps ties in report order, both ways', () => {
    expect(ids({ column: 'size', direction: 'ascending' })).toEqual(['e', 'b', 'c', 'a', 'f', 'd']);
    expect(ids({ column: 'size', direction: 'descending' })).toEqual(['d', 'a', 'f', 'c', 'b', 'e']);
    expect(ids({ column: 'files', direction: 'descending' })).toEqual(['a', 'f', 'c', 'd', 'b', 'e']);
  });
  it('sorts text case-insensitively and destinations in destination order', () => {
    expect(ids({ column: 'pattern', direction: 'ascending' })).toEqual(['e', 'a', 'f', 'b', 'd', 'c']);
    expect(ids({ column: 'destination', direction: 'ascending' })).toEqual(['a', 'f', 'd', 'b', 'c', 'e']);
  });
});

describe('reviewQuestion', () => {
  it('asks what unidentified files hold, where supporting files belong, and which modality a conflict is', () => {
    expect(reviewQuestion(view({ clauseId: 'review-unknown' }))).toMatch(/^What do these files hold\?/);
    expect(reviewQuestion(view({ clauseId: 'review-supporting-unresolved' }))).toMatch(/^Which data do these files belong with\?/);
    const conflict = view({
      clauseId: 'review-low-confidence',
      modality: 'lm-confocal',
      evidence: [
        { source: 'header', stage: 'modality', detail: 'x', weight: 0.4, supports: 'lm-confocal' },
        { source: 'name', stage: 'modality', detail: 'y', weight: 0.3, supports: 'em-2d' },
      ],
    });
    expect(reviewQuestion(conflict)).toBe('Is this Light microscopy: confocal or 2D electron microscopy? Set the modality it really is.');
  });
});

describe('overrides', () => {
  it('lists the overrides that set something of each fileset, and says what each sets', () => {
    const applied = [
      { target: 'a', modality: 'lm-widefield' as const, matched: ['a'], note: 'Applied to the fileset lm/cell_##.tif.' },
      { target: 'lm', destination: 'OMICS' as const, omicsArchive: 'PRIDE' as const, matched: ['a', 'f'], note: 'Applied to 2 filesets.' },
      { target: '/x/CT.dcm', destination: 'BIA' as const, matched: [], note: 'Not applied: the data it names are patient-identifiable and cannot be deposited at EBI.' },
    ];
    const by = overridesByFileset(applied);
    expect(by.get('a')?.map((o) => o.target)).toEqual(['a', 'lm']);
    expect(by.get('f')?.map((o) => o.target)).toEqual(['lm']);
    expect(describeOverride(applied[1]!)).toBe('destination PRIDE');
    expect(describeOverride({ modality: 'density-map', destination: 'EMDB' })).toBe('destination EMDB, modality 3D cryo-EM density map');
  });
  it('names a policy-split part by the fileset it came from, and keeps the selection across a re-routing', () => {
    expect(overrideTargetOf({ id: 'c42~r1' })).toBe('c42');
    expect(overrideTargetOf({ id: 'c42~u1' })).toBe('c42~u1');
    const after = [{ id: 'x' }, { id: 'c42' }, { id: 'c42~u1' }];
    expect(keepSelection(after, 'c42~u1')).toBe('c42~u1');
    expect(keepSelection(after, 'c42~r1')).toBe('c42');
    expect(keepSelection([{ id: 'x' }, { id: 'c42~r1' }], 'c42')).toBe('c42~r1');
    expect(keepSelection(after, 'gone')).toBe('x');
    expect(keepSelection([], 'gone')).toBeNull();
  });
});
