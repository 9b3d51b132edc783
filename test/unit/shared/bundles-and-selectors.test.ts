import { describe, expect, it } from 'vitest';
import { planBundles } from '../../../shared/bundles/plan-bundles';
import type { Fileset } from '../../../shared/model/fileset';
import { displayFolder, formatSourceTag, summarizeByDestination } from '../../../shared/model/report-selectors';
import { createFileset, createReport } from '../../helpers/factories';
import type { FormatSource } from '../../../shared/model/fileset';

describe('planBundles', () => {
  const { study } = createReport();
  const plan = (filesets: Fileset[]) => planBundles({ filesets, study, roots: ['/data'] });

  it('makes one bundle per target in fixed order (archives, then the part left out), none for REVIEW', () => {
    const bundles = plan([
      createFileset({ id: 'a', destination: 'BIA', fileCount: 2, bytes: 10 }),
      createFileset({ id: 'b', destination: 'EMPIAR', fileCount: 3, bytes: 20 }),
      createFileset({ id: 'c', destination: 'BIA', fileCount: 1, bytes: 5 }),
      createFileset({ id: 'd', destination: 'REVIEW' }),
      createFileset({ id: 'e', destination: 'NONE', fileCount: 4, bytes: 1 }),
    ]);
    expect(bundles.map((b) => [b.archive, b.filesetIds, b.fileCount, b.bytes])).toEqual([
      ['EMPIAR', ['b'], 3, 20],
      ['BIA', ['a', 'c'], 3, 15],
      ['NONE', ['e'], 4, 1],
    ]);
  });

  it('gives every bundle a checklist whose readiness counts its items, not ready while metadata is missing', () => {
    const [empiar] = plan([createFileset({ destination: 'EMPIAR' })]);
    expect(empiar!.checklist.length).toBeGreaterThan(0);
    expect(empiar!.readiness.total).toBe(empiar!.checklist.length);
    expect(empiar!.readiness.done).toBe(empiar!.checklist.filter((i) => i.done).length);
    // No authors, no title: EMPIAR refuses such a deposition (docs/empiar.md §1.1), so it cannot be ready.
    expect(empiar!.readiness.ready).toBe(false);
    expect(new Set(empiar!.checklist.map((i) => i.id)).size).toBe(empiar!.checklist.length);
  });

  it('makes none when nothing is decided', () => {
    expect(plan([createFileset({ destination: 'REVIEW' })])).toEqual([]);
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
