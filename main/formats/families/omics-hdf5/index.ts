import type { Detector } from '../../detector';

/** The omics-hdf5 family's detectors (being written). */
export const omicsHdf5Detectors: readonly Detector[] = [];
