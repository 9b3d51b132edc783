import { describe, expect, it } from 'vitest';
import { summarizeRoots, unionRoots } from '../../../shared/model/root-summary';
import type { Issue } from '../../../shared/model/issue';

const sets = [
  { root: '/data/lm', fileCount: 3, bytes: 300 },
  { root: '/data/lm', fileCount: 1, bytes: 5 },
  { root: '/data/em', fileCount: 10, bytes: 1000 },
];

describe('summarizeRoots', () => {
  it('totals each root and finds the one that could not be read', () => {
    const issues: Issue[] = [
      { severity: 'error', code: 'EACCES', path: '/data/locked', message: 'permission denied' },
      { severity: 'error', code: 'EACCES', path: '/data/em/raw/sub', message: 'permission denied' },
      { severity: 'warning', code: 'SYMLINK', path: '/data/lm/link', message: 'a link' },
      // Same prefix, another folder: not inside /data/em.
      { severity: 'error', code: 'EIO', path: '/data/em2/x', message: 'io' },
    ];
    expect(summarizeRoots(['/data/lm', '/data/em', '/data/locked'], sets, issues)).toEqual([
      { root: '/data/lm', files: 4, bytes: 305, filesets: 2, unreadable: null, errorsInside: 0 },
      { root: '/data/em', files: 10, bytes: 1000, filesets: 1, unreadable: null, errorsInside: 1 },
      { root: '/data/locked', files: 0, bytes: 0, filesets: 0, unreadable: issues[0], errorsInside: 0 },
    ]);
  });

  it('understands Windows paths', () => {
    const issues: Issue[] = [{ severity: 'error', code: 'EPERM', path: 'D:\\scope\\run 1\\a', message: 'permission denied' }];
    expect(summarizeRoots(['D:\\scope'], [], issues)[0]?.errorsInside).toBe(1);
  });
});

describe('unionRoots', () => {
  it('appends new folders once, keeping the study’s order', () => {
    expect(unionRoots(['/a', '/b'], ['/c', '/a', '/c'])).toEqual(['/a', '/b', '/c']);
  });
});
