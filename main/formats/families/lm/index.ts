import type { Detector } from '../../detector';
import { cziDetector } from './czi';
import { leicaDetector } from './leica';
import { nd2Detector } from './nd2';
import { oirDetector } from './oir';
import { zarrDetector } from './zarr';
import { etsDetector } from './ets';
import { leicaXmlDetector } from './leica-xml';
import { mesospimDetector } from './mesospim';
import { n5Detector } from './n5';
import { spimDataDetector } from './spimdata';

/** Light-microscopy containers: Zeiss CZI, Leica LIF/LOF (and LAS X export XML), Nikon ND2, Olympus OIR, cellSens ETS, Zarr/OME-Zarr and N5 metadata, BigDataViewer SpimData XML, mesoSPIM metadata. */
export const lightMicroscopyDetectors: readonly Detector[] = [cziDetector, leicaDetector, nd2Detector, oirDetector, zarrDetector, n5Detector, spimDataDetector, mesospimDetector, leicaXmlDetector, etsDetector];
