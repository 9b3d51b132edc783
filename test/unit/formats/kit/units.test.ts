import { describe, expect, it } from 'vitest';
import { significant, toNanometres } from '../../../../main/formats/kit/units';

describe('length units', () => {
  it('rounds float32 noise away', () => {
    expect(significant(800000.011920929)).toBe(800000);
    expect(significant(0.10559999942779541)).toBe(0.1056);
    expect(significant(0)).toBe(0);
  });

  it.each([
    [1.0559e-10, 'm', 0.10559],
    [1.056, 'Å', 0.1056],
    [1.0833, 'micrometer', 1083.3],
    [3.37, 'nm', 3.37],
    [0.5, 'mm', 500000],
    [1, 'µm', 1000],
  ])('%s %s = %s nm', (v, unit, nm) => expect(toNanometres(v, unit)).toBeCloseTo(nm, 9));

  it('refuses unknown units and non-positive values', () => {
    expect(toNanometres(1, 'furlong')).toBeUndefined();
    expect(toNanometres(0, 'nm')).toBeUndefined();
    expect(toNanometres(-80, 'Å')).toBeUndefined();
    expect(toNanometres(Number.NaN, 'nm')).toBeUndefined();
  });
});
