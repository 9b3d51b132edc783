import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Fileset } from '../../../shared/model/fileset';
import { CROSS_CLASS_PENALTY, fuse } from '../../../shared/modality/fuse';
import { inferModalities } from '../../../shared/modality/infer';
import { GENERIC_MODALITY, MODALITIES, MODALITY_CATALOG, modalityInfo, REVIEW_BELOW, type Modality } from '../../../shared/modality/modalities';
import type { ModalityResult, Vote } from '../../../shared/modality/types';
import { fallbackVote, vote, W } from '../../../shared/modality/weights';
import { createSeries, headerFact } from '../../helpers/factories';

// ---------------------------------------------------------------------------------------------------
// Builders: a fileset as the scan hands it to modality inference, with facts read from a header.
// ---------------------------------------------------------------------------------------------------


const h = headerFact;

/** A fact lent by a sidecar (an mdoc beside the data, say). */
function side<T>(value: T): { value: T; provenance: 'sidecar'; source: string } {
  return { value, provenance: 'sidecar', source: 'sidecar.mdoc' };
}

/** A fileset as the scan hands it to inference (test/helpers/factories.ts). */
const fs = createSeries;

/** Confidence bands a row asserts: exactly 0; below the review threshold; routed but not sure; sure. */
type Band = 'zero' | 'review' | 'routed' | 'sure';
const SURE = 0.8;

function expectBand(r: ModalityResult, band: Band): void {
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  switch (band) {
    case 'zero':
      expect(r.confidence).toBe(0);
      break;
    case 'review':
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThan(REVIEW_BELOW);
      break;
    case 'routed':
      expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
      expect(r.confidence).toBeLessThan(SURE);
      break;
    case 'sure':
      expect(r.confidence).toBeGreaterThanOrEqual(SURE);
      break;
  }
}

/** Infers a study and returns the result for its first fileset (the subject of the row). */
function subject(study: readonly Fileset[]): ModalityResult {
  const r = inferModalities(study).get(study[0]!.id);
  expect(r).toBeDefined();
  return r!;
}

/** Every modality some row expects, to check at the end that the table reaches the whole catalog. */
const reached = new Set<Modality>();

/** Runs table rows: [what, pattern, study (subject first), expected modality, band]. */
function table(rows: readonly (readonly [string, Fileset[], Modality, Band])[]): void {
  it.each(rows.map(([what, study, m, band]) => [what, study[0]!.pattern, m, band, study] as const))('%s: %s → %s (%s)', (_what, pattern, m, band, study) => {
    reached.add(m);
    const r = subject(study);
    expect([pattern, r.modality]).toEqual([pattern, m]);
    expectBand(r, band);
  });
}

// Facts used by several rows.
const cryoPixel = h({ x: 0.1 });
const kv300 = h(300);
const slab = h({ x: 1000, y: 1000, z: 200 });
const confocal = h('confocal' as const);
const fibSem = h('FIB-SEM' as const);
const sem = h('SEM' as const);
const tem = h('TEM' as const);

describe('inferModalities: electron cryo-microscopy and cryo-ET', () => {
  table([
    ['EMDB-labelled MRC volume', [fs('maps', 'EMD-1234.map', 'mrc', { emdbId: h('EMD-1234'), arrangement: h('volume' as const), dimensions: h({ x: 100, y: 100, z: 100 }), pixelSize: cryoPixel })], 'density-map', 'sure'],
    ['MRC volume whose labels say EMDB wrote it', [fs('data', 'volume.mrc', 'mrc', { creator: h('EMDB'), arrangement: h('volume' as const), dimensions: h({ x: 100, y: 100, z: 100 }) })], 'density-map', 'sure'],
    ['MRC with a tilt-series arrangement in its header', [fs('data', 'grid1_pos01.mrc', 'mrc', { arrangement: h('tilt-series' as const), tiltAngles: h({ min: -60, max: 60, count: 41 }) })], 'cryoet-tilt-series', 'sure'],
    ['tilt-series arrangement lent by an mdoc', [fs('data', 'grid1_pos01.mrc', 'mrc', { arrangement: side('tilt-series' as const) })], 'cryoet-tilt-series', 'sure'],
    ['IMOD .st stack without angles', [fs('data', 'grid1_pos01.st', 'mrc', { arrangement: h('image-stack' as const) })], 'cryoet-tilt-series', 'routed'],
    ['Thermo Tomography images', [fs('data', 'pos01.mrc', 'mrc', { creator: h('Tomography 5'), arrangement: h('image-stack' as const) })], 'cryoet-tilt-series', 'routed'],
    ['movie arrangement (dose fractions)', [fs('data', 'exposure_0001.tif', 'tiff', { arrangement: h('movie' as const), dimensions: h({ x: 4096, y: 4096, frames: 40 }) })], 'spa-movies', 'routed'],
    ['EER movie', [fs('data', 'exposure_0001.eer', 'eer', { arrangement: h('movie' as const) })], 'spa-movies', 'sure'],
    // The EPU session and EPU's own name for movies (…_Fractions) agree: two pieces of evidence.
    ['multi-frame TIFF in an EPU session', [fs('epu/Images-Disc1/GridSquare_1/Data', 'FoilHole_1_Data_2_Fractions.tiff', 'tiff', { dimensions: h({ x: 4096, y: 4096, z: 40 }) }, { layouts: [{ kind: 'epu-session', directory: 'epu', marker: 'epu/EpuSession.dm' }] })], 'spa-movies', 'sure'],
    ['single MRC in an EPU session', [fs('epu/Images-Disc1/GridSquare_1/Data', 'FoilHole_1_Data_2.mrc', 'mrc', { arrangement: h('image' as const) }, { layouts: [{ kind: 'epu-session', directory: 'epu', marker: 'epu/EpuSession.dm' }] })], 'spa-micrographs', 'routed'],
    ['IMOD "tilt:" label on a slab volume', [fs('data', 'cell1.mrc', 'mrc', { header: h({ label: 'tilt: Back-projection of 41 images' }), arrangement: h('volume' as const), dimensions: slab, pixelSize: h({ x: 1.0 }) })], 'cryoet-tomograms', 'sure'],
    ['slab volume at 1 nm without labels', [fs('data', 'cell1.mrc', 'mrc', { arrangement: h('volume' as const), dimensions: slab, pixelSize: h({ x: 1.0 }) })], 'cryoet-tomograms', 'routed'],
    ['IMOD .rec volume', [fs('data', 'cell1.rec', 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 500, y: 500, z: 400 }) })], 'cryoet-tomograms', 'routed'],
    ['cubic volume at 0.1 nm/voxel', [fs('data', 'volume.mrc', 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 200, y: 200, z: 200 }), pixelSize: cryoPixel })], 'density-map', 'routed'],
    ['volume in a RELION Refine3D job', [fs('Refine3D/job020', 'run_class001.mrc', 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 200, y: 200, z: 200 }), processing: h({ tool: 'RELION', kind: 'Refine3D' }) })], 'density-map', 'sure'],
    ['volume stack (MRC ispg ≥ 400)', [fs('data', 'classes.mrc', 'mrc', { arrangement: h('volume-stack' as const) })], 'cryoet-subtomograms', 'routed'],
    ['numbered small cubic volumes at 1 nm', [fs('data', 'sub_####.mrc', 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 64, y: 64, z: 64 }), pixelSize: h({ x: 1.0 }) }, { count: 20 })], 'cryoet-subtomograms', 'routed'],
    ['crystallographic space group', [fs('data', 'crystal.mrc', 'mrc', { spaceGroup: h(19), arrangement: h('volume' as const), dimensions: h({ x: 64, y: 80, z: 50 }) })], 'microed', 'routed'],
    ['single MRC image at 0.1 nm and 300 kV', [fs('data', 'exposure_001.mrc', 'mrc', { arrangement: h('image' as const), pixelSize: cryoPixel, voltageKV: kv300 })], 'spa-micrographs', 'routed'],
    ['TEM TIFF at 0.1 nm and 300 kV', [fs('data', 'exposure_001.tif', 'tiff', { imagingMode: tem, pixelSize: cryoPixel, voltageKV: kv300 })], 'spa-micrographs', 'routed'],
    ['.mrcs image stack in a RELION Extract job', [fs('Extract/job012', 'mic_001.mrcs', 'mrc', { arrangement: h('image-stack' as const), processing: h({ tool: 'RELION', kind: 'Extract' }) })], 'spa-particles', 'sure'],
  ]);
});

describe('inferModalities: volume and 2D electron microscopy', () => {
  table([
    ['FIB-SEM mode over a numbered stack of ≥ 10 files', [fs('data', 'slice_####.tif', 'tiff', { imagingMode: fibSem }, { count: 12 })], 'vem-fib-sem', 'sure'],
    // One image, or fewer numbered images than a volume has, from a FIB-SEM is 2D SEM imaging.
    ['FIB-SEM mode on a single image', [fs('data', 'overview.tif', 'tiff', { imagingMode: fibSem })], 'em-2d', 'routed'],
    ['FIB-SEM mode over 9 numbered files (below MIN_STACK_SLICES)', [fs('data', 'slice_####.tif', 'tiff', { imagingMode: fibSem }, { count: 9 })], 'em-2d', 'routed'],
    ['SBF-SEM mode over a stack', [fs('data', 'slice_####.tif', 'tiff', { imagingMode: h('SBF-SEM' as const) }, { count: 300 })], 'vem-sbf-sem', 'sure'],
    ['SEM stack', [fs('data', 'slice_####.tif', 'tiff', { imagingMode: sem }, { count: 50 })], 'vem-other', 'routed'],
    ['SEM single images', [fs('data', 'cells_##.tif', 'tiff', { imagingMode: sem }, { count: 3 })], 'em-2d', 'routed'],
    ['Gatan DM SEM stack at 5 kV (3View)', [fs('data', 'slice_####.dm4', 'gatan-dm', { imagingMode: sem, voltageKV: h(5) }, { count: 40 })], 'vem-sbf-sem', 'routed'],
    ['TEM single images at 120 kV, 2 nm pixels', [fs('data', 'cell_##.tif', 'tiff', { imagingMode: tem, voltageKV: h(120), pixelSize: h({ x: 2 }) }, { count: 4 })], 'em-2d', 'routed'],
    ['TEM numbered stack under "serial"', [fs('serial', 'sec_####.tif', 'tiff', { imagingMode: tem, voltageKV: h(120), pixelSize: h({ x: 2 }) }, { count: 30 })], 'vem-sstem', 'routed'],
    ['SEM stack under "atum": the name names the technique', [fs('atum', 'slice_####.tif', 'tiff', { imagingMode: sem }, { count: 50 })], 'vem-array-tomography', 'routed'],
    ['SEM stack under "fib-sem"', [fs('fib-sem', 'slice_####.tif', 'tiff', { imagingMode: sem }, { count: 50 })], 'vem-fib-sem', 'routed'],
    ['electron diffraction over a stack', [fs('data', 'img_####.tif', 'tiff', { imagingMode: h('diffraction' as const) }, { count: 60 })], 'microed', 'routed'],
    ['a single electron diffraction pattern', [fs('data', 'pattern.tif', 'tiff', { imagingMode: h('diffraction' as const) })], 'microed', 'routed'],
    ['EELS spectrum image', [fs('data', 'spectrum.dm4', 'gatan-dm', { imagingMode: h('spectroscopy' as const) })], 'em-2d', 'routed'],
    ['TIA series without a mode', [fs('data', 'scan_1.ser', 'tia-ser')], 'em-2d', 'routed'],
    ['CZI whose pixels are finer than light resolves', [fs('data', 'sample.czi', 'czi', { pixelSize: h({ x: 1 }) })], 'em-2d', 'review'],
  ]);
});

describe('inferModalities: light microscopy, screening, AFM, X-ray, medical', () => {
  table([
    ['confocal mode', [fs('data', 'cells.tif', 'tiff', { imagingMode: confocal })], 'lm-confocal', 'sure'],
    ['spinning-disk mode', [fs('data', 'cells.czi', 'czi', { imagingMode: h('spinning-disk' as const) })], 'lm-confocal', 'sure'],
    ['multiphoton mode', [fs('data', 'cells.tif', 'tiff', { imagingMode: h('multiphoton' as const) })], 'lm-confocal', 'routed'],
    ['widefield mode', [fs('data', 'cells.tif', 'tiff', { imagingMode: h('widefield' as const) })], 'lm-widefield', 'sure'],
    ['TIRF mode', [fs('data', 'cells.tif', 'tiff', { imagingMode: h('TIRF' as const) })], 'lm-widefield', 'routed'],
    ['light-sheet mode', [fs('data', 'embryo.tif', 'tiff', { imagingMode: h('light-sheet' as const) })], 'lm-light-sheet', 'sure'],
    ['super-resolution mode', [fs('data', 'cells.tif', 'tiff', { imagingMode: h('super-resolution' as const) })], 'lm-super-resolution', 'sure'],
    ['slide-scanner mode', [fs('data', 'slide.svs', 'tiff', { imagingMode: h('slide-scanner' as const) })], 'lm-other', 'sure'],
    ['confocal mode with fluorescence channels', [fs('data', 'cells.tif', 'tiff', { imagingMode: confocal, channels: h([{ name: 'DAPI', emissionNm: 461 }]) })], 'lm-confocal', 'sure'],
    // Wavelengths and FPbase names (GFP, mCherry) are two pieces of evidence; unnamed channels have only the wavelengths.
    ['channels with emission wavelengths and fluorescent-protein names', [fs('data', 'cells.tif', 'tiff', { channels: h([{ name: 'GFP', emissionNm: 510 }, { name: 'mCherry', emissionNm: 610 }]) })], 'lm-other', 'sure'],
    ['channels with emission wavelengths alone', [fs('data', 'cells.tif', 'tiff', { channels: h([{ name: 'Ch1', emissionNm: 510 }, { name: 'Ch2', emissionNm: 610 }]) })], 'lm-other', 'routed'],
    ['channels naming dyes alone', [fs('data', 'cells.tif', 'tiff', { channels: h([{ fluor: 'Alexa 488' }]) })], 'lm-other', 'routed'],
    ['Zeiss LSM file', [fs('data', 'cells.lsm', 'zeiss-lsm')], 'lm-confocal', 'routed'],
    ['DeltaVision file', [fs('data', 'cells.dv', 'deltavision')], 'lm-widefield', 'routed'],
    ['Operetta TIFF', [fs('data', 'r01c01f01p01-ch1sk1fk1fl1.tiff', 'operetta-tiff')], 'hcs', 'sure'],
    ['TIFFs in an HCS plate layout', [fs('plate1/Images', 'r##c01f01.tiff', 'tiff', {}, { count: 4, layouts: [{ kind: 'hcs-plate', directory: 'plate1', marker: 'plate1/Index.idx.xml' }] })], 'hcs', 'sure'],
    ['plate facts on images', [fs('data', 'well_##.tif', 'tiff', { plate: h({ rows: 8, columns: 12 }) }, { count: 4 })], 'hcs', 'routed'],
    ['AFM mode', [fs('data', 'scan.tif', 'tiff', { imagingMode: h('AFM' as const) })], 'afm', 'sure'],
    ['NanoScope file', [fs('data', 'scan.001', 'nanoscope')], 'afm', 'routed'],
    ['X-ray CT mode at 0.5 keV (water window)', [fs('data', 'proj_####.tif', 'tiff', { imagingMode: h('X-ray CT' as const), xrayEnergyKeV: h(0.5) }, { count: 100 })], 'soft-xray-tomography', 'sure'],
    ['soft X-ray mode', [fs('data', 'proj_####.tif', 'tiff', { imagingMode: h('soft X-ray' as const) }, { count: 100 })], 'soft-xray-tomography', 'sure'],
    ['X-ray CT mode at 80 keV', [fs('data', 'proj_####.tif', 'tiff', { imagingMode: h('X-ray CT' as const), xrayEnergyKeV: h(80) }, { count: 100 })], 'hard-xray-tomography', 'sure'],
    ['images in a SkyScan scan folder', [fs('scan1', 'proj_####.tif', 'tiff', {}, { count: 100, layouts: [{ kind: 'skyscan-scan', directory: 'scan1', marker: 'scan1/scan.log' }] })], 'hard-xray-tomography', 'routed'],
    ['DICOM with patient-identifying fields', [fs('data', 'ct.dcm', 'dicom', { patient: h({ identifiable: true, fields: ['PatientName', 'PatientID'], deidentified: false }), medicalModality: h('CT') })], 'medical-imaging', 'sure'],
    ['de-identified DICOM', [fs('data', 'ct.dcm', 'dicom', { patient: h({ identifiable: false, fields: [], deidentified: true }) })], 'medical-imaging', 'sure'],
    // Issue 12, finding 8: "an animal study is blocked as patient data" — Patient Species (0010,2201) names a non-human.
    ['DICOM CT of a mouse (Patient Species Mus musculus, an ID filled)', [fs('data', 'ct.dcm', 'dicom', { patient: h({ identifiable: false, fields: ['PatientID'], deidentified: false }), species: h({ name: 'Mus musculus', human: false }), medicalModality: h('CT'), imagingMode: h('medical' as const) })], 'other-imaging', 'sure'],
    ['DICOM modality SM (slide microscopy)', [fs('data', 'slide.dcm', 'dicom', { medicalModality: h('SM'), pixelSize: h({ x: 250 }) })], 'lm-other', 'routed'],
    ['DICOM with microscopy-scale voxels and no modality', [fs('data', 'stack.dcm', 'dicom', { pixelSize: h({ x: 500 }) })], 'other-imaging', 'routed'],
    ['NIfTI with 2 mm voxels', [fs('data', 'brain.nii', 'nifti', { pixelSize: h({ x: 2e6 }), imagingMode: h('medical' as const) })], 'medical-imaging', 'routed'],
    ['a plain PNG and nothing else (fallback vote)', [fs('data', 'picture.png', 'png')], 'other-imaging', 'review'],
  ]);
});

describe('inferModalities: omics, correlation, supporting files, clutter, unknown', () => {
  table([
    ['AnnData with omics facts', [fs('data', 'adata.h5ad', 'anndata', { omics: h({ kind: 'single-cell' as const }) }, { kind: 'omics' })], 'omics-data', 'sure'],
    ['omics facts beside spatial facts', [fs('data', 'matrix.h5', 'tenx-h5', { omics: h({ kind: 'count-matrix' as const, platform: 'Visium' }), spatial: h({ platform: 'Visium' }) }, { kind: 'omics' })], 'omics-data', 'sure'],
    ['spatial facts without omics', [fs('data', 'scalefactors_json.json', 'visium-scalefactors', { spatial: h({ platform: 'Visium', role: 'scale factors' }) }, { kind: 'metadata' })], 'spatial-omics-image', 'sure'],
    ['transform fact', [fs('data', 'landmarks.csv', 'csv', { transform: h({ kind: 'BigWarp landmarks', dimensions: 3 }) }, { kind: 'table' })], 'correlation', 'sure'],
    ['elastix transform format', [fs('data', 'TransformParameters.0.txt', 'elastix-transform', {}, { kind: 'metadata' })], 'correlation', 'sure'],
    // A registration folder is correlation information (policy note 3), routed even without a transform reader.
    ['a table named as a registration', [fs('registration', 'points.tsv', 'csv', {}, { kind: 'table' })], 'correlation', 'routed'],
    ['mdoc of a tilt series', [fs('data', 'TS_01.mrc.mdoc', 'mdoc', { arrangement: h('tilt-series' as const) }, { kind: 'metadata' })], 'supporting-metadata', 'sure'],
    ['RELION particles STAR', [fs('data', 'particles.star', 'relion-star', { processing: h({ tool: 'RELION', kind: 'particles' }) }, { kind: 'processing' })], 'supporting-metadata', 'sure'],
    ['RELION pipeline STAR', [fs('data', 'default_pipeline.star', 'relion-star', { processing: h({ tool: 'RELION', kind: 'pipeline' }) }, { kind: 'processing' })], 'processing-output', 'sure'],
    ['README text', [fs('data', 'README.txt', 'text', {}, { kind: 'document' })], 'supporting-metadata', 'routed'],
    ['PDF protocol', [fs('data', 'protocol.pdf', 'pdf', {}, { kind: 'document' })], 'supporting-metadata', 'routed'],
    ['CSV table', [fs('data', 'measurements.csv', 'csv', {}, { kind: 'table' })], 'supporting-metadata', 'routed'],
    ['PNG thumbnail in an EPU session', [fs('epu/Images-Disc1/GridSquare_1', 'GridSquare_1.jpg', 'jpeg', {}, { layouts: [{ kind: 'epu-session', directory: 'epu', marker: 'epu/EpuSession.dm' }] })], 'supporting-metadata', 'routed'],
    ['.DS_Store', [fs('data', '.DS_Store', 'os-clutter', {}, { kind: 'system' })], 'not-data', 'sure'],
    ['ZIP archive', [fs('data', 'bundle.zip', 'zip', {}, { kind: 'archive' })], 'unknown', 'routed'],
    ["format 'unknown' with no facts", [fs('data', 'blob.bin', 'unknown', {}, { kind: 'unknown' })], 'unknown', 'zero'],
  ]);

  it('lists the supported modality of supporting files and processing records', () => {
    const mdoc = fs('data', 'TS_01.mrc.mdoc', 'mdoc', { arrangement: h('tilt-series' as const) }, { kind: 'metadata' });
    const movieMdoc = fs('data', 'frames.mdoc', 'mdoc', { arrangement: h('movie' as const) }, { kind: 'metadata' });
    const pipeline = fs('data', 'default_pipeline.star', 'relion-star', { processing: h({ tool: 'RELION', kind: 'pipeline' }) }, { kind: 'processing' });
    const readme = fs('data', 'README.txt', 'text', {}, { kind: 'document' });
    const r = inferModalities([mdoc, movieMdoc, pipeline, readme]);
    expect([mdoc, movieMdoc, pipeline, readme].map((f) => [f.pattern, r.get(f.id)!.supports])).toEqual([
      ['TS_01.mrc.mdoc', 'cryoet-tilt-series'],
      ['frames.mdoc', 'spa-movies'],
      ['default_pipeline.star', 'spa-particles'],
      ['README.txt', undefined],
    ]);
  });
});

describe('inferModalities: what the study around a fileset lends it', () => {
  const confocalTiff = () => fs('cells', 'cells_##.tif', 'tiff', { imagingMode: confocal }, { count: 3 });
  const tiltSeries = () => fs('ts', 'TS_01.mrc', 'mrc', { arrangement: h('tilt-series' as const) });
  // A volume neither cubic nor slab-shaped: nothing in its own header says what it is.
  const plainVolume = (dir: string, pattern: string) => fs(dir, pattern, 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 500, y: 500, z: 300 }), pixelSize: h({ x: 1.0 }) });

  table([
    // Neighbours lend one WEAK vote: the modality is decided, the confidence stays below review alone …
    ['a PNG beside confocal TIFFs', [fs('cells', 'overview.png', 'png'), confocalTiff()], 'lm-confocal', 'review'],
    // … and with a name hint for the group it routes.
    ['a PNG under "fluorescence" beside confocal TIFFs', [fs('cells/fluorescence', 'overview.png', 'png'), fs('cells/fluorescence', 'cells_##.tif', 'tiff', { imagingMode: confocal }, { count: 3 })], 'lm-confocal', 'routed'],
    ['a PNG one folder below confocal TIFFs', [fs('cells/thumbs', 'overview.png', 'png'), confocalTiff()], 'lm-confocal', 'review'],
    ['a plain volume in a study with tilt series', [plainVolume('volumes', 'cell1.mrc'), tiltSeries()], 'cryoet-tomograms', 'review'],
    ['a plain volume under "tomograms" in a study with tilt series', [plainVolume('tomograms', 'cell1.mrc'), tiltSeries()], 'cryoet-tomograms', 'routed'],
    ['a plain volume in a study with only an mdoc of a tilt series', [plainVolume('tomograms', 'cell1.mrc'), fs('ts', 'TS_01.mrc.mdoc', 'mdoc', { arrangement: h('tilt-series' as const) }, { kind: 'metadata' })], 'cryoet-tomograms', 'routed'],
    // Movies named with tilt angles, in a study with tilt series and no EPU session, are read as tilt-series frames:
    // their movie evidence (an mdoc's arrangement, even a "frames" folder) then speaks for the tilt series.
    ['movie frames named with tilt angles (sidecar arrangement) beside a tilt series', [fs('raw', 'TS_01_003_-6.0.tif', 'tiff', { arrangement: side('movie' as const) }), tiltSeries()], 'cryoet-tilt-series', 'sure'],
    ['the same frames in a folder named "frames"', [fs('frames', 'TS_01_003_-6.0.tif', 'tiff', { arrangement: side('movie' as const) }), tiltSeries()], 'cryoet-tilt-series', 'sure'],
    // Without tilt series in the study, a tilt angle in the name only argues: a person decides.
    ['the same frames with no tilt series in the study', [fs('raw', 'TS_01_003_-6.0.tif', 'tiff', { arrangement: side('movie' as const) })], 'spa-movies', 'review'],
    ['a TIFF in the output folder of a Xenium run', [fs('xenium/outs', 'morphology_focus.ome.tif', 'ome-tiff'), fs('xenium/outs', 'transcripts.parquet', 'unknown', { omics: h({ kind: 'spatial-transcriptomics' as const, platform: 'Xenium' }) }, { kind: 'omics' })], 'spatial-omics-image', 'sure'],
  ]);

  it('a plain volume with no tilt series in the study stays unknown', () => {
    const r = subject([plainVolume('volumes', 'cell1.mrc')]);
    expect([r.modality, r.confidence]).toEqual(['unknown', 0]);
  });

  it('a TIFF in a Visium (sequencing-based) output folder is not made spatial data by the folder', () => {
    const image = fs('visium/outs', 'extra.tif', 'tiff');
    const matrix = fs('visium/outs', 'matrix.h5', 'tenx-h5', { omics: h({ kind: 'count-matrix' as const, platform: 'Visium' }) }, { kind: 'omics' });
    expect(subject([image, matrix]).modality).toBe('other-imaging');
  });

  it('the neighbour vote names the neighbour and its source is "neighbour"', () => {
    const png = fs('cells', 'overview.png', 'png');
    const r = subject([png, confocalTiff()]);
    expect(r.evidence[0]).toMatchObject({ source: 'neighbour', supports: 'lm-confocal', weight: W.WEAK });
    expect(r.evidence[0]!.detail).toContain('cells_##.tif');
  });
});

it('a single cubic 128³ MRC volume at 0.8 nm/voxel is a density map (subtomogram average)', () => {
  const r = subject([fs('data', 'average.mrc', 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 128, y: 128, z: 128 }), pixelSize: h({ x: 0.8 }) })]);
  expect(r.modality).toBe('density-map');
});

it('EER frames named with tilt angles, beside a tilt series and no EPU session, are tilt-series frames', () => {
  const frames = fs('raw', 'TS_01_003_-6.0.eer', 'eer', { arrangement: h('movie' as const) });
  const r = subject([frames, fs('ts', 'TS_01.mrc', 'mrc', { arrangement: h('tilt-series' as const) })]);
  expect(r.modality).toBe('cryoet-tilt-series');
});

describe('fuse', () => {
  const strongConfocal = vote('lm-confocal', W.STRONG, 'header', 'Confocal acquisition.');
  const fairEm = vote('em-2d', W.FAIR, 'header', 'Pixels finer than light resolves.');

  it('a rival in another conflict class lowers the confidence, and its evidence stays listed', () => {
    const alone = fuse([strongConfocal]);
    const both = fuse([strongConfocal, fairEm]);
    expect([alone.modality, alone.confidence]).toEqual(['lm-confocal', W.STRONG]);
    expect(both.modality).toBe('lm-confocal');
    expect(both.confidence).toBeLessThan(alone.confidence);
    expect(both.confidence).toBeCloseTo(W.STRONG * (1 - CROSS_CLASS_PENALTY * W.FAIR), 3);
    expect(both.evidence.map((e) => [e.supports, e.weight])).toEqual([
      ['lm-confocal', W.STRONG],
      ['em-2d', W.FAIR],
    ]);
    expect(both.alternatives).toEqual([{ modality: 'em-2d', score: W.FAIR }]);
  });

  it('a rival in the same conflict class costs less than one in another', () => {
    const same = fuse([strongConfocal, vote('lm-widefield', W.FAIR, 'header', 'Widefield.')]);
    const cross = fuse([strongConfocal, fairEm]);
    expect(same.modality).toBe('lm-confocal');
    expect(same.confidence).toBeGreaterThan(cross.confidence);
    expect(same.confidence).toBeLessThan(W.STRONG);
  });

  it('generic votes support the specific modality of their group', () => {
    const generic = vote('lm-other', W.GOOD, 'header', 'Fluorescence channels.');
    const r = fuse([generic, strongConfocal]);
    expect(r.modality).toBe('lm-confocal');
    expect(r.confidence).toBeCloseTo(1 - (1 - W.GOOD) * (1 - W.STRONG), 3);
    expect(r.confidence).toBeGreaterThan(fuse([generic]).confidence);
    expect(r.confidence).toBeGreaterThan(fuse([strongConfocal]).confidence);
    // The generic modality of the winner's own group is not a rival.
    expect(r.alternatives).toEqual([]);
  });

  it('a generic vote alone decides its generic modality', () => {
    expect(fuse([vote('vem-other', W.GOOD, 'header', 'SEM stack.')]).modality).toBe('vem-other');
  });

  it('fallback votes count only when no firm vote exists', () => {
    const fallback = fallbackVote('other-imaging', W.HINT, 'header', 'A picture.');
    const firm = vote('hcs', W.HINT, 'name', 'Named "plate".');
    expect([fuse([fallback]).modality, fuse([fallback]).confidence]).toEqual(['other-imaging', W.HINT]);
    const r = fuse([fallback, firm]);
    expect([r.modality, r.confidence, r.evidence.map((e) => e.supports)]).toEqual(['hcs', W.HINT, ['hcs']]);
  });

  it('no votes: unknown with confidence 0', () => {
    const r = fuse([]);
    expect([r.modality, r.confidence, r.alternatives]).toEqual(['unknown', 0, []]);
    expect(r.evidence).toHaveLength(1);
  });

  it('keeps the supported modality of the winning vote', () => {
    expect(fuse([vote('supporting-metadata', W.STRONG, 'header', 'mdoc', 'cryoet-tilt-series')]).supports).toBe('cryoet-tilt-series');
  });

  /** Noisy-OR score of every voted modality, computed independently of fuse(). */
  function scores(all: readonly Vote[]): Map<Modality, number> {
    const firm = all.filter((v) => !v.fallback);
    const used = firm.length > 0 ? firm : all;
    const weights = (m: Modality) => used.filter((v) => v.modality === m).map((v) => v.weight);
    const out = new Map<Modality, number>();
    for (const v of used) {
      const generic = GENERIC_MODALITY[modalityInfo(v.modality).group];
      // Screens and spatial-omics images are light microscopy put to a purpose: every light vote counts for them too.
      const light = v.modality === 'hcs' || v.modality === 'spatial-omics-image' ? used.filter((x) => modalityInfo(x.modality).group === 'light').map((x) => x.weight) : [];
      const ws = [...weights(v.modality), ...(generic && generic !== v.modality ? weights(generic) : []), ...light];
      out.set(v.modality, 1 - ws.reduce((p, w) => p * (1 - w), 1));
    }
    return out;
  }

  const anyVote = fc.record({
    modality: fc.constantFrom(...MODALITIES),
    weight: fc.double({ min: 0, max: 1, noNaN: true }),
    fallback: fc.boolean(),
  });

  it('property: confidence in [0, 1]; the winner scores at least as well as every voted modality and every alternative', () => {
    fc.assert(
      fc.property(fc.array(anyVote, { maxLength: 12 }), (raw) => {
        const votes: Vote[] = raw.map((v) => (v.fallback ? fallbackVote(v.modality, v.weight, 'header', 'x') : vote(v.modality, v.weight, 'header', 'x')));
        const r = fuse(votes);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        if (votes.length === 0) {
          expect(r.modality).toBe('unknown');
          return;
        }
        const s = scores(votes);
        const best = s.get(r.modality);
        expect(best).toBeDefined();
        for (const [, score] of s) expect(best!).toBeGreaterThanOrEqual(score - 1e-12);
        for (const a of r.alternatives) {
          expect(a.score).toBeLessThanOrEqual(best! + 5e-4);
          expect(a.score).toBeCloseTo(s.get(a.modality)!, 3);
        }
        expect(r.confidence).toBeLessThanOrEqual(best! + 5e-4);
        expect(r.evidence).toHaveLength(votes.filter((v) => !v.fallback).length || votes.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('inferModalities: order of the study', () => {
  /** A varied study in one root: confident data, undecided neighbours, context rules, followers. */
  function study(): Fileset[] {
    return [
      fs('lm', 'cells_##.tif', 'tiff', { imagingMode: confocal }, { count: 3 }),
      fs('lm', 'stack.czi', 'czi', { imagingMode: confocal }),
      fs('lm', 'overview.png', 'png'),
      fs('ts', 'TS_01.mrc', 'mrc', { arrangement: h('tilt-series' as const) }),
      fs('ts', 'TS_01.mrc.mdoc', 'mdoc', { arrangement: h('tilt-series' as const) }, { kind: 'metadata' }),
      fs('tomograms', 'cell1.mrc', 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 500, y: 500, z: 300 }) }),
      fs('frames', 'TS_01_003_-6.0.tif', 'tiff', { arrangement: side('movie' as const) }),
      fs('xenium', 'transcripts.parquet', 'unknown', { omics: h({ kind: 'spatial-transcriptomics' as const, platform: 'Xenium' }) }, { kind: 'omics' }),
      fs('xenium', 'morphology.ome.tif', 'ome-tiff'),
      fs('.', 'README.txt', 'text', {}, { kind: 'document' }),
      fs('.', 'bundle.zip', 'zip', {}, { kind: 'archive' }),
    ];
  }
  const fixed = study();
  const reference = inferModalities(fixed);
  const permutation = fc.shuffledSubarray(fixed, { minLength: fixed.length, maxLength: fixed.length });

  it('property: each id gets the same modality, confidence, alternatives and supported modality in any order', () => {
    fc.assert(
      fc.property(permutation, (order) => {
        const r = inferModalities(order);
        for (const f of fixed) {
          const { evidence: _e, ...got } = r.get(f.id)!;
          const { evidence: _w, ...want } = reference.get(f.id)!;
          expect([f.pattern, got]).toEqual([f.pattern, want]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property: each id gets the same evidence, as a set, in any order', () => {
    fc.assert(
      fc.property(permutation, (order) => {
        const r = inferModalities(order);
        for (const f of fixed) {
          const key = (m: ModalityResult) => m.evidence.map((e) => `${e.supports}|${e.source}|${e.weight}`).sort();
          expect([f.pattern, key(r.get(f.id)!)]).toEqual([f.pattern, key(reference.get(f.id)!)]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property: each id gets exactly the same result (evidence text included) in any order', () => {
    fc.assert(
      fc.property(permutation, (order) => {
        const r = inferModalities(order);
        for (const f of fixed) expect([f.pattern, r.get(f.id)]).toEqual([f.pattern, reference.get(f.id)]);
      }),
      { numRuns: 100 },
    );
  });
  
});

describe('catalog coverage', () => {
  it('every modality of MODALITY_CATALOG is the expected result of some row above', () => {
    const missing = MODALITY_CATALOG.map((m) => m.id).filter((m) => !reached.has(m));
    expect(missing).toEqual([]);
  });
});
