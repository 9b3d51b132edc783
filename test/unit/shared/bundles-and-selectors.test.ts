import { describe, expect, it } from 'vitest';
import { groupBundles } from '../../../shared/bundles/group-bundles';
import { displayFolder, formatSourceTag, summarizeByDestination } from '../../../shared/model/report-selectors';
import { createFileset } from '../../helpers/factories';
import type { FormatSource } from '../../../shared/model/fileset';

describe('groupBundles', () => {
  it('makes one bundle per archive in fixed order, none for REVIEW or NONE', () => {
    const bundles = groupBundles([
      createFileset({ id: 'a', destination: 'BIA', fileCount: 2, bytes: 10 }),
      createFileset({ id: 'b', destination: 'EMPIAR', fileCount: 3, bytes: 20 }),
      createFileset({ id: 'c', destination: 'BIA', fileCount: 1, bytes: 5 }),
      createFileset({ id: 'd', destination: 'REVIEW' }),
      createFileset({ id: 'e', destination: 'NONE' }),
    ]);
    expect(bundles).toEqual([
      { archive: 'EMPIAR', filesetIds: ['b'], fileCount: 3, bytes: 20 },
      { archive: 'BIA', filesetIds: ['a', 'c'], fileCount: 3, bytes: 15 },
    ]);
  });

  it('makes none when nothing is decided', () => {
    expect(groupBundles([createFileset({ destination: 'REVIEW' })])).toEqual([]);
  });
});

describe('summarizeByDestination', () => {
  it('totals each destination that receives something, in destination order', () => {
    expect(
      summarizeByDestination([
        createFileset({ destination: 'REVIEW', fileCount: 4, bytes: 40 }),
        createFileset({ destination: 'EMDB', fileCount: 1, bytes: 7 }),
        createFileset({ destination: 'REVIEW', fileCount: 1, bytes: 2 }),
      ]),
    ).toEqual([
      { destination: 'EMDB', filesets: 1, files: 1, bytes: 7 },
      { destination: 'REVIEW', filesets: 2, files: 5, bytes: 42 },
    ]);
  });
});

describe('displayFolder', () => {
  it.each([
    ['/data/study', '.', false, 'study'],
    ['/data/study', 'maps/half', false, 'maps/half'],
    ['/data/study', 'maps/half', true, 'study/maps/half'],
    ['C:\\Users\\me\\study', 'tilts', true, 'study/tilts'],
    ['/', '.', false, '/'],
  ])('%s + %s (several roots: %s) → %s', (root, dir, several, shown) => {
    expect(displayFolder(root, dir, several)).toBe(shown);
  });
});

describe('formatSourceTag', () => {
  it.each<[FormatSource, string]>([
    ['name', 'by name'],
    ['extension', 'by ext.'],
    ['bytes', ''],
    ['none', ''],
  ])('%s → %j', (source, tag) => expect(formatSourceTag(source)).toBe(tag));
});
