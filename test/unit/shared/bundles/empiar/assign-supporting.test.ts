import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BundleFileset } from '../../../../../shared/bundles/bundler';
import { assignSupporting } from '../../../../../shared/bundles/empiar/build-deposition';

// The rule assignSupporting implements, written out the slow, obvious way (docs/deposit.md, EMPIAR image sets):
// a supporting fileset joins the data fileset of its root in the same folder, else the one whose folder shares
// the most leading path segments with it; ties go to the first data fileset in order; no data in its root → null.
function reference(data: readonly BundleFileset[], supporting: readonly BundleFileset[]): Map<string | null, string[]> {
  const parts = (d: string) => (d === '.' ? [] : d.split('/'));
  const shared = (a: string, b: string) => {
    const x = parts(a);
    const y = parts(b);
    let n = 0;
    while (n < x.length && n < y.length && x[n] === y[n]) n++;
    return n;
  };
  const out = new Map<string | null, string[]>();
  for (const s of supporting) {
    let best: BundleFileset | undefined;
    let depth = -1;
    for (const d of data) {
      if (d.root !== s.root) continue;
      const n = d.directory === s.directory ? Infinity : shared(d.directory, s.directory);
      if (n > depth) [best, depth] = [d, n];
    }
    const key = best?.id ?? null;
    out.set(key, [...(out.get(key) ?? []), s.id]);
  }
  return out;
}

const fileset = (id: string, root: string, directory: string): BundleFileset => ({ id, root, directory }) as unknown as BundleFileset;

describe('assignSupporting', () => {
  it('puts an mdoc with the tilt series of its own folder, EPU XML with the movies below the session', () => {
    const data = [fileset('ts1', '/r', 'tomo/TS_1'), fileset('ts2', '/r', 'tomo/TS_2'), fileset('movies', '/r', 'epu/GridSquare_1/Data')];
    const supporting = [fileset('mdoc2', '/r', 'tomo/TS_2'), fileset('session', '/r', 'epu'), fileset('gs', '/r', 'epu/GridSquare_1'), fileset('lone', '/other', 'x')];
    const got = assignSupporting(data, supporting);
    expect(Object.fromEntries([...got].map(([k, v]) => [String(k), v.map((s) => s.id)]))).toEqual({ ts2: ['mdoc2'], movies: ['session', 'gs'], null: ['lone'] });
  });

  it('agrees with the pairwise rule on random trees', () => {
    const folder = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }).map((p) => (p.length ? p.join('/') : '.'));
    const entry = fc.tuple(fc.constantFrom('/r1', '/r2'), folder);
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 12 }), (d, s) => {
        const data = d.map(([r, dir], i) => fileset(`d${i}`, r, dir));
        const supporting = s.map(([r, dir], i) => fileset(`s${i}`, r, dir));
        const got = new Map([...assignSupporting(data, supporting)].map(([k, v]) => [k, v.map((x) => x.id)]));
        expect(got).toEqual(reference(data, supporting));
      }),
      { numRuns: 2000 },
    );
  });
});
