import type { Detector } from '../../detector';
import { cellVoyagerDetector } from './cellvoyager';
import { skyscanDetector, xtekctDetector } from './ct-text';
import { gwyddionDetector } from './gwyddion';
import { columbusDetector, operaDetector } from './harmony';
import { igorDetector } from './igor';
import { inCellDetector } from './incell';
import { htdDetector } from './metaxpress';
import { nanoscopeDetector } from './nanoscope';
import { oibDetector, oifDetector } from './olympus';
import { ptyDetector } from './fluoview-pty';
import { edfDetector, edfInfoDetector } from './esrf-edf';
import { mlfDetector, mrfDetector } from './yokogawa';
import { xradiaDetector } from './xradia';

/** X-ray (Xradia, SkyScan, Nikon XT), AFM (Nanoscope, Gwyddion, Igor) and high-content-screening indexes. */
export const xrayAfmHcsDetectors: readonly Detector[] = [
  xradiaDetector,
  oibDetector,
  oifDetector,
  ptyDetector,
  skyscanDetector,
  xtekctDetector,
  edfDetector,
  edfInfoDetector,
  nanoscopeDetector,
  gwyddionDetector,
  igorDetector,
  operaDetector,
  columbusDetector,
  mrfDetector,
  mlfDetector,
  cellVoyagerDetector,
  htdDetector,
  inCellDetector,
];
