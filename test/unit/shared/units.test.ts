import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, perSecond } from '../../../shared/text/units';

describe('units', () => {
  it.each([
    [0, '0 B'],
    [912, '912 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024 * 1024, '10.0 MiB'],
    [123 * 1024 ** 3, '123 GiB'],
    [3.4 * 1024 ** 4, '3.40 TiB'],
    [-1, '–'],
    [Number.NaN, '–'],
  ])('formatBytes(%s) = %s', (n, s) => expect(formatBytes(n)).toBe(s));

  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
    [12.6, '13'],
  ])('formatCount(%s) = %s', (n, s) => expect(formatCount(n)).toBe(s));

  it.each([
    [850, '850 ms'],
    [12_340, '12.3 s'],
    [245_000, '4 min 05 s'],
  ])('formatDuration(%s) = %s', (n, s) => expect(formatDuration(n)).toBe(s));

  it('computes rates and survives zero time', () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(500, 0)).toBe(0);
  });
});
