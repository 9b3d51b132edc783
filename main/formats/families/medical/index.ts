import type { Detector } from '../../detector';
import { dicomDetector } from './dicom';
import { niftiDetector } from './nifti';

/** DICOM and NIfTI — first, so a DICOM file whose preamble looks like TIFF is never taken for a TIFF (docs/formats.md §0.1). */
export const medicalDetectors: readonly Detector[] = [dicomDetector, niftiDetector];
