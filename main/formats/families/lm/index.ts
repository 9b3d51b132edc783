import type { Detector } from '../../detector';

/** The lm family's detectors (being written). */
export const lightMicroscopyDetectors: readonly Detector[] = [];
