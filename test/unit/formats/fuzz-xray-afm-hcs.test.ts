import { fixtureCase, fuzzFamily } from './fuzz-kit';

// Issue 12: fuzz/property tests of the xray-afm-hcs detectors; see fuzz-kit.ts for the case kinds and the contract.
fuzzFamily('xray-afm-hcs', [
  {
    detector: 'igor-ibw',
    // Found by the 1-byte field overwrites: byte 155 is the high byte of a little-endian float64 in WaveHeader5's
    // sfA (dimension deltas); 0x7F makes it ~1e300 m, and the conversion to nm overflows to Infinity.
    matches: /facts do not parse: .*"received":"(Infinity|NaN)","path":\["pixelSize"/,
    finding: 'afm0001.ibw with byte 155 set to 0x7F gives pixelSize.x = Infinity, which FactsSchema rejects (no finiteness check)',
    fixed: true,
    reproducer: fixtureCase('xray-afm-hcs', 'afm0001.ibw', { at: 155, patch: [0x7f] }),
  },
]);
