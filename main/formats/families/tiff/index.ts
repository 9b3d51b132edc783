import type { Detector } from '../../detector';

/** The tiff family's detectors (being written). */
export const tiffDetectors: readonly Detector[] = [];
