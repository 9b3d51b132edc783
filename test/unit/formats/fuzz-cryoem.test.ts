import { fixtureCase, fuzzFamily } from './fuzz-kit';

// Issue 12: fuzz/property tests of the cryoem detectors; see fuzz-kit.ts for the case kinds and the contract.
fuzzFamily('cryoem', [
  {
    detector: 'xds',
    // Found by the exhaustive truncations: INTEGRATE.HKL cut inside its header keeps a keyword with an empty value.
    matches: /facts do not parse: .*"path":\["describes"/,
    finding: 'INTEGRATE.HKL truncated to 331 bytes gives describes [""], which FactsSchema rejects (strings need ≥ 1 character)',
    fixed: true,
    reproducer: fixtureCase('cryoem', 'INTEGRATE.HKL', { length: 331 }),
  },
  {
    detector: 'gatan-dm',
    // Found by the bit flips: byte 927 (0 → 2) turns a tag's struct field count huge while its info holds only a
    // few words; the reader built a type list that long (~3 s for a 2 KB file). Fixed in dm-tags.ts.
    matches: /gatan-dm: detect took/,
    finding: 'diffraction_be.dm3 with byte 927 set to 2 took ~3 s: a struct field count larger than its tag info was believed',
    fixed: true,
    reproducer: fixtureCase('cryoem', 'diffraction_be.dm3', { at: 927, patch: [2] }),
  },
]);
