import type { Detector } from '../../detector';
import { alignmentsDetector } from './alignments';
import { fastqDetector } from './fastq';
import { hdf5Detector } from './hdf5';
import { ibdDetector, mzmlDetector } from './mzml';
import { merscopeTranscriptsDetector, visiumPositionsDetector, visiumScalefactorsDetector, xeniumExperimentDetector } from './spatial';
import { xeniumCellsDetector, xeniumTranscriptsDetector } from './xenium-tables';

/** HDF5 and its sub-types (AnnData, Loom, 10x, Imaris, Velox, NeXus…), spatial-omics bundles and omics files. */
export const omicsHdf5Detectors: readonly Detector[] = [
  hdf5Detector,
  alignmentsDetector,
  fastqDetector,
  mzmlDetector,
  ibdDetector,
  visiumScalefactorsDetector,
  visiumPositionsDetector,
  xeniumExperimentDetector,
  merscopeTranscriptsDetector,
  xeniumCellsDetector,
  xeniumTranscriptsDetector,
];
