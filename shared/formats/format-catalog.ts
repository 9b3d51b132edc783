import { z } from 'zod';
import type { FileKind } from './file-kind';

/** One entry of the format catalog: a stable id, a label for people, its usual role and usual extensions. */
export interface FormatInfo<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
  readonly kind: FileKind;
  /** Lower-case extensions with the dot, compound ones first where they exist (".ome.tiff" before ".tiff"). */
  readonly extensions: readonly string[];
}

/**
 * Every format the product names, by stable id. Extensions here are hints only: several formats share
 * an extension (".map", ".h5", ".xml", ".dm") and the bytes decide (docs/formats.md §0.2).
 * Where an extension is shared, only the most common owner lists it and the rest are found from bytes.
 */
export const FORMAT_CATALOG = [
  // Cryo-EM and electron tomography (docs/formats.md §1, §2)
  { id: 'mrc', label: 'MRC/CCP4', kind: 'image', extensions: ['.mrc', '.mrcs', '.map', '.ccp4', '.st', '.ali', '.rec', '.preali'] },
  { id: 'deltavision', label: 'DeltaVision', kind: 'image', extensions: ['.dv', '.r3d'] },
  { id: 'eer', label: 'EER movie', kind: 'image', extensions: ['.eer', '.mrc.eer'] },
  { id: 'eer-gain', label: 'EER gain reference', kind: 'metadata', extensions: ['.gain'] },
  { id: 'mdoc', label: 'SerialEM mdoc', kind: 'metadata', extensions: ['.mdoc', '.idoc'] },
  { id: 'imod-tilt', label: 'IMOD tilt angles', kind: 'metadata', extensions: ['.tlt', '.rawtlt', '.xtilt'] },
  { id: 'imod-xf', label: 'IMOD transforms', kind: 'metadata', extensions: ['.xf', '.prexf', '.xg'] },
  { id: 'imod-model', label: 'IMOD model', kind: 'processing', extensions: ['.mod'] },
  { id: 'tom-em', label: 'TOM/Dynamo EM volume', kind: 'image', extensions: ['.em'] },
  { id: 'epu-xml', label: 'Thermo EPU image XML', kind: 'metadata', extensions: [] },
  { id: 'epu-session', label: 'Thermo EPU session', kind: 'metadata', extensions: [] },
  { id: 'relion-star', label: 'RELION STAR', kind: 'processing', extensions: ['.star'] },
  { id: 'cryosparc-cs', label: 'cryoSPARC .cs', kind: 'processing', extensions: ['.cs'] },
  { id: 'gatan-dm', label: 'Gatan DM3/DM4', kind: 'image', extensions: ['.dm3', '.dm4'] },
  { id: 'tia-ser', label: 'FEI TIA series', kind: 'image', extensions: ['.ser'] },
  { id: 'tia-emi', label: 'FEI TIA metadata', kind: 'metadata', extensions: ['.emi'] },
  { id: 'velox-emd', label: 'Velox EMD', kind: 'image', extensions: ['.emd'] },
  { id: 'de-info', label: 'Direct Electron info', kind: 'metadata', extensions: [] },
  // Diffraction (MicroED / X-ray crystallography): frames and the processing files of XDS and DIALS
  { id: 'smv', label: 'SMV/ADSC diffraction frame', kind: 'image', extensions: ['.img'] },
  { id: 'tvips', label: 'TVIPS image stream', kind: 'image', extensions: ['.tvips'] },
  { id: 'xds', label: 'XDS parameters/reflections', kind: 'processing', extensions: ['.hkl', '.inp'] },
  { id: 'dials', label: 'DIALS experiments/reflections', kind: 'processing', extensions: ['.expt', '.refl'] },
  // TIFF family (docs/formats.md §1, §3)
  { id: 'ome-tiff', label: 'OME-TIFF', kind: 'image', extensions: ['.ome.tiff', '.ome.tif', '.ome.btf'] },
  { id: 'tiff', label: 'TIFF', kind: 'image', extensions: ['.tiff', '.tif'] },
  { id: 'bigtiff', label: 'BigTIFF', kind: 'image', extensions: ['.btf', '.tf8'] },
  { id: 'imagej-tiff', label: 'ImageJ TIFF', kind: 'image', extensions: [] },
  { id: 'fei-tiff', label: 'FEI/Thermo SEM/FIB TIFF', kind: 'image', extensions: [] },
  { id: 'zeiss-sem-tiff', label: 'Zeiss SEM TIFF', kind: 'image', extensions: [] },
  { id: 'jeol-tiff', label: 'JEOL TIFF', kind: 'image', extensions: [] },
  { id: 'olympus-sis-tiff', label: 'Olympus SIS TIFF', kind: 'image', extensions: [] },
  { id: 'gatan-tiff', label: 'Gatan-exported TIFF', kind: 'image', extensions: [] },
  { id: 'zeiss-lsm', label: 'Zeiss LSM', kind: 'image', extensions: ['.lsm'] },
  { id: 'metamorph-stk', label: 'MetaMorph STK', kind: 'image', extensions: ['.stk'] },
  { id: 'micromanager-tiff', label: 'Micro-Manager TIFF', kind: 'image', extensions: [] },
  { id: 'operetta-tiff', label: 'Operetta/Harmony TIFF', kind: 'image', extensions: [] },
  // Opera .flex (Bio-Formats FlexReader, tag 65200), Aperio SVS (OpenSlide "Aperio format"), multi-file OME-TIFF companion (OME-TIFF spec)
  { id: 'opera-flex', label: 'PerkinElmer Opera Flex', kind: 'image', extensions: ['.flex'] },
  { id: 'aperio-svs', label: 'Aperio SVS slide', kind: 'image', extensions: ['.svs'] },
  { id: 'ome-companion', label: 'OME-XML companion', kind: 'metadata', extensions: ['.companion.ome'] },
  { id: 'jpk', label: 'JPK AFM', kind: 'image', extensions: ['.jpk', '.jpk-qi-image', '.jpk-force', '.jpk-qi-data'] },
  // Light-microscopy containers
  { id: 'czi', label: 'Zeiss CZI', kind: 'image', extensions: ['.czi'] },
  { id: 'lif', label: 'Leica LIF', kind: 'image', extensions: ['.lif'] },
  { id: 'lof', label: 'Leica LOF', kind: 'image', extensions: ['.lof'] },
  { id: 'nd2', label: 'Nikon ND2', kind: 'image', extensions: ['.nd2'] },
  { id: 'oir', label: 'Olympus OIR', kind: 'image', extensions: ['.oir'] },
  { id: 'oib', label: 'Olympus OIB', kind: 'image', extensions: ['.oib'] },
  { id: 'oif', label: 'Olympus OIF', kind: 'metadata', extensions: ['.oif'] },
  { id: 'vsi', label: 'Olympus VSI', kind: 'image', extensions: ['.vsi'] },
  { id: 'ims', label: 'Imaris IMS', kind: 'image', extensions: ['.ims'] },
  { id: 'ome-zarr', label: 'OME-Zarr', kind: 'image', extensions: ['.ome.zarr'] },
  { id: 'zarr', label: 'Zarr', kind: 'container', extensions: ['.zarr'] },
  // X-ray
  { id: 'xradia', label: 'Zeiss Xradia TXRM/TXM/XRM', kind: 'image', extensions: ['.txrm', '.txm', '.xrm'] },
  { id: 'skyscan-log', label: 'Bruker SkyScan log', kind: 'metadata', extensions: [] },
  { id: 'nikon-xtekct', label: 'Nikon XT H CT', kind: 'metadata', extensions: ['.xtekct'] },
  // AFM
  { id: 'nanoscope', label: 'Bruker Nanoscope', kind: 'image', extensions: ['.spm'] },
  { id: 'gwyddion', label: 'Gwyddion', kind: 'image', extensions: ['.gwy'] },
  { id: 'igor-ibw', label: 'Igor binary wave', kind: 'image', extensions: ['.ibw'] },
  // High-content screening layouts
  { id: 'opera-index', label: 'Opera/Operetta/Phenix index', kind: 'metadata', extensions: [] },
  { id: 'columbus-index', label: 'Columbus index', kind: 'metadata', extensions: [] },
  { id: 'yokogawa-mrf', label: 'Yokogawa measurement detail', kind: 'metadata', extensions: ['.mrf'] },
  { id: 'yokogawa-mlf', label: 'Yokogawa measurement data', kind: 'metadata', extensions: ['.mlf'] },
  { id: 'cellvoyager', label: 'CellVoyager measurement', kind: 'metadata', extensions: [] },
  { id: 'metaxpress-htd', label: 'MetaXpress HTD', kind: 'metadata', extensions: ['.htd'] },
  { id: 'incell-xdce', label: 'InCell XDCE', kind: 'metadata', extensions: ['.xdce'] },
  // Spatial omics and omics
  { id: 'visium-scalefactors', label: 'Visium scale factors', kind: 'metadata', extensions: [] },
  { id: 'visium-positions', label: 'Visium tissue positions', kind: 'table', extensions: [] },
  { id: 'xenium-experiment', label: 'Xenium experiment', kind: 'metadata', extensions: ['.xenium'] },
  { id: 'merscope-transcripts', label: 'MERSCOPE transcripts', kind: 'omics', extensions: [] },
  { id: 'anndata', label: 'AnnData', kind: 'omics', extensions: ['.h5ad'] },
  { id: 'loom', label: 'Loom', kind: 'omics', extensions: ['.loom'] },
  { id: 'tenx-h5', label: '10x feature-barcode matrix', kind: 'omics', extensions: [] },
  { id: 'fastq', label: 'FASTQ', kind: 'omics', extensions: ['.fastq.gz', '.fq.gz', '.fastq', '.fq'] },
  { id: 'bam', label: 'BAM', kind: 'omics', extensions: ['.bam'] },
  { id: 'cram', label: 'CRAM', kind: 'omics', extensions: ['.cram'] },
  { id: 'mzml', label: 'mzML', kind: 'omics', extensions: ['.mzml'] },
  { id: 'imzml', label: 'imzML', kind: 'omics', extensions: ['.imzml', '.ibd'] },
  // Medical
  { id: 'dicom', label: 'DICOM', kind: 'image', extensions: ['.dcm', '.dicom'] },
  { id: 'nifti', label: 'NIfTI', kind: 'image', extensions: ['.nii.gz', '.nii'] },
  // Generic
  { id: 'hdf5', label: 'HDF5', kind: 'container', extensions: ['.h5', '.hdf5', '.hdf', '.he5', '.nxs'] },
  { id: 'png', label: 'PNG', kind: 'image', extensions: ['.png'] },
  { id: 'jpeg', label: 'JPEG', kind: 'image', extensions: ['.jpg', '.jpeg'] },
  { id: 'pdf', label: 'PDF', kind: 'document', extensions: ['.pdf'] },
  { id: 'zip', label: 'ZIP', kind: 'archive', extensions: ['.zip'] },
  { id: 'tar', label: 'tar', kind: 'archive', extensions: ['.tar.gz', '.tgz', '.tar'] },
  { id: 'gzip', label: 'gzip', kind: 'archive', extensions: ['.gz'] },
  { id: 'xml', label: 'XML', kind: 'metadata', extensions: ['.xml'] },
  { id: 'json', label: 'JSON', kind: 'metadata', extensions: ['.json'] },
  { id: 'csv', label: 'CSV/TSV table', kind: 'table', extensions: ['.csv', '.tsv'] },
  { id: 'text', label: 'Plain text', kind: 'document', extensions: ['.txt', '.log', '.md', '.rst'] },
  { id: 'bigwarp-landmarks', label: 'BigWarp landmarks', kind: 'metadata', extensions: [] },
  { id: 'ec-clem', label: 'ec-CLEM registration', kind: 'metadata', extensions: [] },
  { id: 'elastix-transform', label: 'elastix transform', kind: 'metadata', extensions: [] },
  { id: 'itk-transform', label: 'ITK transform', kind: 'metadata', extensions: ['.tfm'] },
  { id: 'os-clutter', label: 'Operating-system clutter', kind: 'system', extensions: [] },
  // Volume EM, X-ray and multiview/light-sheet containers and sidecars (gallery findings: vem-xray, lm-omics)
  { id: 'janelia-dat', label: 'Janelia FIB-SEM .dat', kind: 'image', extensions: [] },
  { id: 'nxtomo', label: 'NeXus NXtomo', kind: 'image', extensions: ['.nx'] },
  { id: 'dxchange', label: 'APS Data Exchange HDF5', kind: 'image', extensions: [] },
  { id: 'esrf-edf', label: 'ESRF Data Format (EDF)', kind: 'image', extensions: [] },
  { id: 'esrf-info', label: 'ESRF tomography scan .info', kind: 'metadata', extensions: [] },
  { id: 'bdv-hdf5', label: 'BigDataViewer HDF5', kind: 'image', extensions: [] },
  { id: 'n5', label: 'N5 container', kind: 'image', extensions: ['.n5'] },
  { id: 'spimdata-xml', label: 'BigDataViewer/BigStitcher SpimData XML', kind: 'metadata', extensions: [] },
  { id: 'mesospim-meta', label: 'mesoSPIM metadata', kind: 'metadata', extensions: [] },
  { id: 'leica-xml', label: 'Leica LAS X image XML', kind: 'metadata', extensions: [] },
  { id: 'cellsens-ets', label: 'Olympus cellSens ETS tiles', kind: 'image', extensions: ['.ets'] },
  { id: 'fluoview-pty', label: 'FluoView plane properties', kind: 'metadata', extensions: ['.pty'] },
  { id: 'xenium-cells', label: 'Xenium cells table', kind: 'omics', extensions: [] },
  { id: 'xenium-transcripts', label: 'Xenium transcripts table', kind: 'omics', extensions: [] },
  // Office Open XML packages (ECMA-376 Part 2: a ZIP with [Content_Types].xml)
  { id: 'docx', label: 'Word document (OOXML)', kind: 'document', extensions: ['.docx'] },
  { id: 'xlsx', label: 'Excel workbook (OOXML)', kind: 'table', extensions: ['.xlsx'] },
  { id: 'pptx', label: 'PowerPoint presentation (OOXML)', kind: 'document', extensions: ['.pptx'] },
] as const satisfies readonly FormatInfo[];

/** A stable format id, or `unknown` when nothing identifies the file. */
export type FormatId = (typeof FORMAT_CATALOG)[number]['id'] | 'unknown';

/** A format id the catalog lists (every id but `unknown`). */
export type CatalogFormatId = Exclude<FormatId, 'unknown'>;

/** Every format id in catalog order, then `unknown`. */
export const FORMAT_IDS: readonly FormatId[] = [...FORMAT_CATALOG.map((f) => f.id), 'unknown'];

/** A format id in a report: one of the catalog's ids or `unknown`; the report's JSON Schema lists them. */
export const FormatIdSchema = z.enum(FORMAT_IDS);

const BY_ID: ReadonlyMap<string, FormatInfo<CatalogFormatId>> = new Map(FORMAT_CATALOG.map((f) => [f.id, f]));

/** True when `id` is a format id (for ids read from outside the type system: saved reports, CLI arguments). */
export function isFormatId(id: string): id is FormatId {
  return id === 'unknown' || BY_ID.has(id);
}

/** The catalog entry of a format id; `undefined` for `unknown`. */
export function formatInfo(id: FormatId): FormatInfo<CatalogFormatId> | undefined {
  return BY_ID.get(id);
}

/** Label for a format id. */
export function formatLabel(id: FormatId): string {
  return id === 'unknown' ? 'Unknown' : (BY_ID.get(id)?.label ?? id);
}
