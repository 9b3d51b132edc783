import { fuzzFamily } from './fuzz-kit';

// Issue 12: fuzz/property tests of the tiff detectors; see fuzz-kit.ts for the case kinds and the contract.
fuzzFamily('tiff');
