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
]);
