import { describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../../shared/ipc/contract';
import { describeRemaining, estimateRemainingMs, nextReadingAnchor } from '../../../shared/scan/progress-estimate';

function progress(partial: Partial<ScanProgress>): ScanProgress {
  return {
    phase: 'reading',
    files: 1000,
    bytes: 1e6,
    directories: 3,
    errors: 0,
    headersRead: 0,
    headersTotal: 100,
    elapsedMs: 0,
    filesPerSecond: 0,
    bytesPerSecond: 0,
    currentDirectory: null,
    ...partial,
  };
}

describe('the time-left estimate', () => {
  it('is never given while walking or grouping: the number of files is not known yet', () => {
    expect(estimateRemainingMs({ elapsedMs: 0, headersRead: 0 }, progress({ phase: 'walking', elapsedMs: 60_000, headersTotal: 0 }))).toBeNull();
    expect(estimateRemainingMs({ elapsedMs: 0, headersRead: 0 }, progress({ phase: 'grouping', elapsedMs: 60_000 }))).toBeNull();
    expect(nextReadingAnchor({ elapsedMs: 1, headersRead: 1 }, progress({ phase: 'walking' }))).toBeNull();
  });

  it('waits for a second and a few reads of the reading phase', () => {
    const anchor = { elapsedMs: 5000, headersRead: 0 };
    expect(estimateRemainingMs(anchor, progress({ elapsedMs: 5500, headersRead: 50 }))).toBeNull();
    expect(estimateRemainingMs(anchor, progress({ elapsedMs: 8000, headersRead: 4 }))).toBeNull();
    expect(estimateRemainingMs(null, progress({ elapsedMs: 8000, headersRead: 40 }))).toBeNull();
  });

  it('extrapolates the reading rate since the phase began, not since the walk began', () => {
    // 20 reads in the 2 s since reading began (the 10 s walk does not count): 80 left at 10 per second.
    const anchor = nextReadingAnchor(null, progress({ elapsedMs: 10_000, headersRead: 0 }));
    expect(anchor).toEqual({ elapsedMs: 10_000, headersRead: 0 });
    expect(nextReadingAnchor(anchor, progress({ elapsedMs: 11_000, headersRead: 10 }))).toBe(anchor);
    expect(estimateRemainingMs(anchor, progress({ elapsedMs: 12_000, headersRead: 20 }))).toBe(8000);
    expect(estimateRemainingMs(anchor, progress({ elapsedMs: 20_000, headersRead: 100 }))).toBe(0);
  });

  it.each([
    [3000, 'less than 10 s'],
    [12_300, 'about 15 s'],
    [59_000, 'about 60 s'],
    [61_000, 'about 1 min 05 s'],
    [119_000, 'about 2 min'],
    [120_000, 'about 2 min'],
    [754_000, 'about 13 min'],
  ])('reads %d ms as “%s”', (ms, text) => {
    expect(describeRemaining(ms)).toBe(text);
  });
});
