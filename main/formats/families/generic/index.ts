import type { Detector } from '../../detector';

/** The generic family's detectors (being written). */
export const genericDetectors: readonly Detector[] = [];
