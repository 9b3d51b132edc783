import type { Detector } from '../../detector';
import { cziDetector } from './czi';
import { leicaDetector } from './leica';
import { nd2Detector } from './nd2';
import { oirDetector } from './oir';
import { zarrDetector } from './zarr';

/** Light-microscopy containers: Zeiss CZI, Leica LIF/LOF, Nikon ND2, Olympus OIR, Zarr and OME-Zarr metadata. */
export const lightMicroscopyDetectors: readonly Detector[] = [cziDetector, leicaDetector, nd2Detector, oirDetector, zarrDetector];
