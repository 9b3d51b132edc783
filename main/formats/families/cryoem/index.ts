import type { Detector } from '../../detector';
import { cryosparcDetector } from './cryosparc';
import { deInfoDetector } from './de-info';
import { deltavisionDetector } from './deltavision';
import { epuSessionDetector, epuXmlDetector } from './epu';
import { gatanDmDetector } from './gatan-dm';
import { imodTiltDetector, imodXfDetector } from './imod-text';
import { janeliaDatDetector } from './janelia-dat';
import { mdocDetector } from './mdoc';
import { mrcDetector } from './mrc';
import { mrcGzDetector } from './mrc-gz';
import { imodModelDetector } from './imod-model';
import { tomEmDetector } from './tom-em';
import { relionStarDetector } from './relion-star';
import { dialsDetector, xdsDetector } from './mx-processing';
import { smvDetector } from './smv';
import { tvipsDetector } from './tvips';
import { tiaEmiDetector, tiaSerDetector } from './tia';

/** Cryo-EM and electron tomography: MRC/CCP4, DeltaVision, SerialEM mdoc, IMOD text files, EPU XML, RELION STAR, cryoSPARC, Gatan DM, FEI TIA, Direct Electron; SMV diffraction frames, TVIPS streams and XDS/DIALS processing files (MicroED). */
export const cryoEmDetectors: readonly Detector[] = [
  deltavisionDetector,
  mrcDetector,
  gatanDmDetector,
  tiaSerDetector,
  tiaEmiDetector,
  cryosparcDetector,
  epuXmlDetector,
  epuSessionDetector,
  mdocDetector,
  relionStarDetector,
  deInfoDetector,
  imodTiltDetector,
  imodXfDetector,
  smvDetector,
  tvipsDetector,
  xdsDetector,
  dialsDetector,
  janeliaDatDetector,
  mrcGzDetector,
  imodModelDetector,
  tomEmDetector,
];
