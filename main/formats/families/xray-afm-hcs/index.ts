import type { Detector } from '../../detector';

/** The xray-afm-hcs family's detectors (being written). */
export const xrayAfmHcsDetectors: readonly Detector[] = [];
