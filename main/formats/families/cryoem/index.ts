import type { Detector } from '../../detector';

/** The cryoem family's detectors (being written). */
export const cryoEmDetectors: readonly Detector[] = [];
