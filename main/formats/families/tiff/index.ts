import type { Detector } from '../../detector';
import { eerDetector } from './eer';
import { emVendorDetector } from './em-vendors';
import { feiDetector } from './fei';
import { imageJDetector } from './imagej';
import { jpkDetector } from './jpk';
import { lmVariantDetector } from './lm-variants';
import { omeTiffDetector } from './ome-tiff';
import { omeCompanionDetector } from './ome-companion';
import { operaFlexDetector } from './opera-flex';
import { aperioSvsDetector } from './aperio-svs';
import { plainTiffDetector } from './plain';
import { vsiDetector } from './vsi';
import { zeissSemDetector } from './zeiss-sem';

/**
 * The TIFF family: TIFF, BigTIFF, OME-TIFF, ImageJ, vendor SEM/FIB/TEM TIFFs, LSM, MetaMorph, Micro-Manager,
 * Operetta, Opera .flex, Aperio SVS, JPK, EER and EER gain, cellSens VSI, and the OME-XML companion of a
 * multi-file OME-TIFF set (not a TIFF itself; read with the OME-TIFF XML code). All share one bounded read of IFD0 and one classification
 * (classify.ts, most specific first), so exactly one of them answers for a given TIFF.
 */
export const tiffDetectors: readonly Detector[] = [
  eerDetector,
  vsiDetector,
  omeTiffDetector,
  omeCompanionDetector,
  operaFlexDetector,
  aperioSvsDetector,
  feiDetector,
  zeissSemDetector,
  emVendorDetector,
  lmVariantDetector,
  jpkDetector,
  imageJDetector,
  plainTiffDetector,
];
