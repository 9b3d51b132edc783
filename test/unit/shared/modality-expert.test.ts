import { describe, expect, it } from 'vitest';
import type { LayoutRef } from '../../../shared/layouts/types';
import type { Fileset } from '../../../shared/model/fileset';
import { inferModalities } from '../../../shared/modality/infer';
import { REVIEW_BELOW } from '../../../shared/modality/modalities';
import type { ModalityResult } from '../../../shared/modality/types';
import { createSeries, headerFact } from '../../helpers/factories';

// The domain knowledge of an expert, case by case: channel names and wavelengths (FPbase, the dye makers,
// OME ContrastMethod), electron diffraction (MicroED), frames against folder names (RELION's MotionCorr
// output), serial sections as volumes, correlation files by folder and content. Each case says where its
// expectation comes from.


const h = headerFact;

function lay<T>(value: T): { value: T; provenance: 'layout'; source: string } {
  return { value, provenance: 'layout', source: 'default_pipeline.star' };
}

/** A fileset as the scan hands it to inference (test/helpers/factories.ts). */
const fs = createSeries;

function infer(...study: Fileset[]): ModalityResult {
  return inferModalities(study).get(study[0]!.id)!;
}

const sections = (directory: string): LayoutRef[] => [{ kind: 'section-series', directory, marker: `${directory}/section_001` }];

describe('light microscopy from channels, whatever the container', () => {
  it('a cryo-fluorescence OME-Zarr with channels mNeonGreen and reflection is light microscopy, routed', () => {
    // mNeonGreen: FPbase (fpbase.org/protein/mneongreen/, ex 506 / em 517 nm); reflection: the reflected-light
    // channel cryo-CLEM systems record of the grid. The NGFF omero block gives labels only (NGFF 0.4 §omero).
    const r = infer(fs('cryo-flm', 'grid1_square3.ome.zarr', 'ome-zarr', { channels: h([{ name: 'mNeonGreen' }, { name: 'reflection' }]), pixelSize: h({ x: 110, y: 110 }) }));
    expect(r.modality).toBe('lm-other');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
    expect(r.evidence.some((e) => /mNeonGreen/.test(e.detail) && e.supports === 'lm-other')).toBe(true);
  });

  it('an OME-TIFF with Alexa Fluor and DAPI channels is light microscopy', () => {
    // Alexa Fluor 488 and DAPI: Molecular Probes dye names as OME Channel@Fluor records them.
    const r = infer(fs('if', 'tissue.ome.tiff', 'ome-tiff', { channels: h([{ fluor: 'Alexa Fluor 488' }, { name: 'DAPI' }]) }));
    expect(r.modality).toBe('lm-other');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('bare laser-line channel names ("488", "561") are wavelengths of light', () => {
    const r = infer(fs('data', 'cells.ome.tiff', 'ome-tiff', { channels: h([{ name: '488' }, { name: '561' }]) }));
    expect(r.modality).toBe('lm-other');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('"BF" and "HAADF" detector channels of a STEM acquisition are no light-microscopy evidence', () => {
    // Velox names its STEM detectors BF, DF, HAADF (Thermo Velox user guide); under a STEM mode "Bright field" is EM contrast.
    const r = infer(fs('data', 'scan.emd', 'velox-emd', { imagingMode: h('STEM' as const), channels: h([{ name: 'BF' }, { name: 'HAADF' }, { name: 'Bright field' }]) }));
    expect(r.modality).toBe('em-2d');
    expect(r.evidence.filter((e) => e.supports === 'lm-other')).toEqual([]);
  });

  it('channels named only "Ch1", "Ch2" leave a plain picture to review', () => {
    const r = infer(fs('data', 'image.ome.tiff', 'ome-tiff', { channels: h([{ name: 'Ch1' }, { name: 'Ch2' }]) }));
    expect(r.modality).toBe('other-imaging');
    expect(r.confidence).toBeLessThan(REVIEW_BELOW);
  });
});

describe('MicroED: electron diffraction', () => {
  it('a numbered series of SMV frames with an electron voltage is a MicroED rotation series, sure', () => {
    // Continuous-rotation MicroED records one frame per rotation increment (Nannenga & Gonen 2014, Nat Methods 11:927);
    // 200 kV is the Talos Arctica/Glacios voltage those frames are collected at.
    const r = infer(fs('microed/crystal1', 'frame_#####.img', 'smv', { voltageKV: h(200), imagingMode: h('diffraction' as const) }, { count: 120 }));
    expect(r.modality).toBe('microed');
    expect(r.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('an MRC in diffraction mode with a voltage is MicroED', () => {
    const r = infer(fs('data', 'diff_###.mrc', 'mrc', { imagingMode: h('diffraction' as const), voltageKV: h(300), arrangement: h('image' as const) }, { count: 40 }));
    expect(r.modality).toBe('microed');
    expect(r.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('SMV frames without an electron voltage are X-ray diffraction: not MicroED, and not routed', () => {
    // An X-ray beamline's SMV frames carry WAVELENGTH ≈ 1 Å; the SMV reader then sets no voltage.
    const r = infer(fs('xtal', 'lyso_1_###.img', 'smv', { imagingMode: h('diffraction' as const) }, { count: 90 }));
    expect(r.modality).not.toBe('microed');
    expect(r.confidence).toBeLessThan(REVIEW_BELOW);
  });

  it('XDS and DIALS outputs are processing outputs that support MicroED', () => {
    // XDS writes INTEGRATE.HKL and XDS_ASCII.HKL (XDS documentation); DIALS integrated.refl/.expt (DIALS documentation).
    const xds = infer(fs('microed/crystal1', 'XDS_ASCII.HKL', 'text', { processing: h({ tool: 'XDS', kind: 'CORRECT' }) }, { kind: 'document' }));
    expect(xds.modality).toBe('processing-output');
    expect(xds.supports).toBe('microed');
    expect(xds.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
    const dials = infer(fs('microed/crystal1', 'integrated.expt', 'json', { processing: h({ tool: 'DIALS', kind: 'integrate' }), voltageKV: h(200) }, { kind: 'metadata' }));
    expect(dials.supports).toBe('microed');
    // The same programs on X-ray data (WAVELENGTH ≈ 1 Å, read as an X-ray energy) support no MicroED.
    const xray = infer(fs('mx/lyso', 'XDS_ASCII.HKL', 'text', { processing: h({ tool: 'XDS', kind: 'CORRECT' }), xrayEnergyKeV: h(12.4) }, { kind: 'document' }));
    expect(xray.modality).toBe('processing-output');
    expect(xray.supports).toBeUndefined();
  });
});

describe('frames and pixel size beat folder names', () => {
  it('RELION MotionCorr output in Movies/ is motion-corrected micrographs', () => {
    // RELION 3.0 tutorial micrographs_ctf.star: rlnMicrographName MotionCorr/job002/Movies/20170629_00021_frameImage.mrc,
    // one 2-D sum per movie at 0.885 Å/pixel; the folder "Movies" mirrors the input tree.
    const r = infer(
      fs('MotionCorr/job002/Movies', '20170629_#####_frameImage.mrc', 'mrc', {
        arrangement: h('image' as const),
        dimensions: h({ x: 3710, y: 3838, z: 1 }),
        pixelSize: h({ x: 0.0885 }),
        creator: h('RELION'),
        processing: lay({ tool: 'RELION', kind: 'MotionCorr' }),
      }, { count: 24, layouts: [{ kind: 'relion-project', directory: '.', marker: 'default_pipeline.star' }] }),
    );
    expect(r.modality).toBe('spa-micrographs');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
    expect(r.alternatives.map((a) => a.modality)).not.toContain('spa-movies');
  });

  it('a multi-frame TIFF in a folder called micrographs is a movie', () => {
    // Falcon/K3 dose-fractionated TIFFs hold 40–60 frames at ~0.8 Å (EPU/SerialEM output); the folder name does not make a sum.
    const r = infer(fs('micrographs', 'grid2_#####.tif', 'tiff', { dimensions: h({ x: 5760, y: 4092, frames: 50 }), pixelSize: h({ x: 0.083 }) }, { count: 30 }));
    expect(r.modality).toBe('spa-movies');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});

describe('serial sections are volumes', () => {
  it('SEM images of a section series (Zeiss SEM TIFFs at 1.5 kV) are array tomography', () => {
    // Array tomography images serial sections on a substrate by SEM at 1–3 kV (Micheva & Smith 2007, Neuron 55:25).
    const r = infer(fs('sections/section_001', 'tile_###.tif', 'zeiss-sem-tiff', { voltageKV: h(1.5), imagingMode: h('SEM' as const) }, { count: 4, layouts: sections('sections') }));
    expect(r.modality).toBe('vem-array-tomography');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('TEM images of a section series at 120 kV are serial-section TEM', () => {
    const r = infer(fs('sections/section_001', 'image.dm4', 'gatan-dm', { voltageKV: h(120), imagingMode: h('TEM' as const), pixelSize: h({ x: 2 }) }, { layouts: sections('sections') }));
    expect(r.modality).toBe('vem-sstem');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('a section series that names no microscope is volume EM, not 2D', () => {
    const r = infer(fs('sections/section_001', 'image.tif', 'fei-tiff', {}, { layouts: sections('sections') }));
    expect(r.modality).toBe('vem-array-tomography');
    const untagged = infer(fs('sections/section_002', 'image.tif', 'tiff', { imagingMode: h('SEM' as const) }, { layouts: sections('sections') }));
    expect(untagged.modality).toBe('vem-array-tomography');
  });
});

describe('correlation information by folder and content', () => {
  it('an XML in a registration folder is correlation information, not "XML accompanies the data"', () => {
    const r = infer(fs('registration', 'fluo_to_em.xml', 'xml', {}, { kind: 'metadata' }));
    expect(r.modality).toBe('correlation');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('a transform fact read from the content is correlation information, sure', () => {
    const r = infer(fs('data', 'matrix.txt', 'text', { transform: h({ kind: 'affine matrix 4×4', dimensions: 3 }) }, { kind: 'document' }));
    expect(r.modality).toBe('correlation');
    expect(r.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('IMOD .xf/.tlt and AreTomo .aln/_TLT.txt are tilt-series alignment results, not correlation; .rawtlt is acquisition', () => {
    // IMOD etomo tutorial, "Files produced": .prexf/.xf transforms and .tlt angles solved by tiltalign; .rawtlt the
    // angles as acquired. AreTomo3 writes <stem>.aln and <stem>_TLT.txt beside the stack.
    const xf = infer(fs('alignment', 'TS_01.xf', 'imod-xf', { transform: h({ kind: 'IMOD linear transform', dimensions: 2 }) }, { kind: 'metadata' }));
    expect([xf.modality, xf.supports]).toEqual(['processing-output', 'cryoet-tilt-series']);
    const tlt = infer(fs('TS_01', 'TS_01.tlt', 'imod-tilt', {}, { kind: 'metadata' }));
    expect([tlt.modality, tlt.supports]).toEqual(['processing-output', 'cryoet-tilt-series']);
    const raw = infer(fs('TS_01', 'TS_01.rawtlt', 'imod-tilt', {}, { kind: 'metadata' }));
    expect([raw.modality, raw.supports]).toEqual(['supporting-metadata', 'cryoet-tilt-series']);
    const aln = infer(fs('alignment', 'TS_01.aln', 'text', {}, { kind: 'document' }));
    expect([aln.modality, aln.supports]).toEqual(['processing-output', 'cryoet-tilt-series']);
    const angles = infer(fs('aretomo', 'Position_17_TLT.txt', 'text', {}, { kind: 'document' }));
    expect(angles.modality).toBe('processing-output');
    // etomo's command files (align.com, tilt.com) are the processing record of the same tilt series.
    expect(infer(fs('TS_03', 'align.com', 'text', {}, { kind: 'document' })).modality).toBe('processing-output');
  });
});

describe('gain references, RELION inputs and tilt angles in names', () => {
  it('gain references by name are supporting metadata of the movies, not micrographs', () => {
    // RELION SPA tutorial: Movies/gain.mrc; SerialEM help ("Saving frames"): CountRef_*.dm4 beside the frames.
    const relion = infer(fs('Movies', 'gain.mrc', 'mrc', { arrangement: h('image' as const), pixelSize: h({ x: 0.0885 }), dimensions: h({ x: 3838, y: 3710 }) }));
    expect([relion.modality, relion.supports]).toEqual(['supporting-metadata', 'spa-movies']);
    const serialem = infer(fs('frames', 'CountRef_grid2_sq07_00001_Oct08_07.30.01.dm4', 'gatan-dm', { imagingMode: h('TEM' as const), voltageKV: h(300) }));
    expect([serialem.modality, serialem.supports]).toEqual(['supporting-metadata', 'spa-movies']);
  });

  it('TIFF movies in a RELION project are its input movies (RELION writes no TIFF)', () => {
    // RELION 5 SPA tutorial: raw movies Movies/20170629_000NN_frameImage.tiff, imported by Import/job001.
    const r = infer(fs('Movies', '20170629_#####_frameImage.tiff', 'tiff', { processing: lay({ tool: 'RELION', kind: 'Movies' }) }, { count: 24 }));
    expect(r.modality).toBe('spa-movies');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('SerialEM single-particle frames all named at 0.0° are no tilt series', () => {
    // SerialEM names frames <name>_<n>_<tilt>_<date>; a single-particle session keeps the stage at 0°.
    const files = ['frames/grid2_sq07_00993_0.0_Oct08_07.39.05.tif', 'frames/grid2_sq07_00994_0.0_Oct08_07.39.41.tif'];
    const r = infer(fs('frames', 'grid2_sq07_#####_0.0_Oct08_07.##.##.tif', 'tiff', { arrangement: h('movie' as const), dimensions: h({ x: 5760, y: 4092, frames: 50 }) }, { files, fileCount: 2 }));
    expect(r.modality).toBe('spa-movies');
    expect(r.alternatives.map((a) => a.modality)).not.toContain('cryoet-tilt-series');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('tilt series of serial sections are serial-section electron tomography (volume EM)', () => {
    // IMOD "Joining Serial Tomograms": one tilt series per plastic section, joined into one volume.
    const r = infer(fs('ssET/sec01', 'sec01.st', 'mrc', { arrangement: { value: 'tilt-series' as const, provenance: 'sidecar' as const, source: 'sec01.rawtlt' }, voltageKV: h(300) }, { layouts: sections('ssET') }));
    expect(r.modality).toBe('vem-sstem');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('SEM sections on numbered wafers ("wafer01") are array tomography by name', () => {
    // ATUM-SEM collects sections on tape and mounts them on wafers (Kasthuri et al. 2015, Cell 162:648).
    const r = infer(fs('wafer01', 'w01_sec_####.tif', 'zeiss-sem-tiff', { imagingMode: h('SEM' as const), voltageKV: h(1.5) }, { count: 10 }));
    expect(r.modality).toBe('vem-array-tomography');
  });
});

describe('sampling and software names that settle cryo-EM and cryo-ET files', () => {
  const epu: LayoutRef[] = [{ kind: 'epu-session', directory: 'Session', marker: 'Session/EpuSession.dm' }];

  it('an EPU atlas tile at 490 nm/pixel is a navigation image, an exposure at 1.08 Å a micrograph', () => {
    // EPU 2 on a Krios: the Atlas is recorded at low magnification (~155×), data exposures at ~75,000× (EPU user guide).
    const atlas = infer(fs('Session/Atlas', 'Tile_1_#.mrc', 'mrc', { arrangement: h('image' as const), pixelSize: h({ x: 490 }), voltageKV: h(300) }, { count: 4, layouts: epu }));
    expect([atlas.modality, atlas.supports]).toEqual(['supporting-metadata', 'spa-movies']);
    const exposure = infer(fs('Session/Images-Disc1/GridSquare_1/Data', 'FoilHole_1_Data_2_#.mrc', 'mrc', { arrangement: h('image' as const), pixelSize: h({ x: 0.108 }), voltageKV: h(300) }, { count: 4, layouts: epu }));
    expect(exposure.modality).toBe('spa-micrographs');
  });

  it('a Direct Electron MRC stack of 32 frames at 0.75 Å and 300 kV is a movie', () => {
    // DE-Server writes <date>_<n>_movie.mrc frame stacks (Direct Electron DE-Server manual).
    const r = infer(fs('DEOutput', '20241021_#####_movie.mrc', 'mrc', { arrangement: h('image-stack' as const), dimensions: h({ x: 4096, y: 4096, z: 32 }), pixelSize: h({ x: 0.075 }), voltageKV: h(300), creator: h('Direct Electron') }, { count: 3 }));
    expect(r.modality).toBe('spa-movies');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('AreTomo, WarpTools and RELION name and place their tomograms', () => {
    // AreTomo3: <stem>_Vol.mrc; WarpTools ts_reconstruct: reconstruction/<ts>_10.00Apx.mrc; RELION 5: ReconstructTomograms/jobNNN/tomograms/rec_<ts>.mrc.
    const slab = { arrangement: h('image-stack' as const), dimensions: h({ x: 1024, y: 1024, z: 256 }), pixelSize: h({ x: 1.2 }) };
    expect(infer(fs('.', 'Position_16_3_Vol.mrc', 'mrc', slab)).modality).toBe('cryoet-tomograms');
    expect(infer(fs('warp_tiltseries/reconstruction', 'TS_1_10.00Apx.mrc', 'mrc', slab)).modality).toBe('cryoet-tomograms');
    const relion = infer(fs('ReconstructTomograms/job006/tomograms', 'rec_TS_01.mrc', 'mrc', { ...slab, creator: h('RELION'), processing: lay({ tool: 'RELION', kind: 'ReconstructTomograms' }) }));
    expect(relion.modality).toBe('cryoet-tomograms');
    expect(relion.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});

describe('processing outputs named by the software that writes them', () => {
  it('CTFFIND4 diagnostic images and fit results are processing outputs of the micrographs', () => {
    // MotionCor2 + CTFFIND4 pipelines write <micrograph>_ctf.mrc (diagnostic power spectrum) and <micrograph>_ctf.txt.
    const img = infer(fs('ctffind4', 'FoilHole_9015883_Data_9017347_6_20250108_154915_ctf.mrc', 'mrc', { arrangement: h('image' as const), pixelSize: h({ x: 0.1 }), voltageKV: h(300) }));
    expect([img.modality, img.supports]).toEqual(['processing-output', 'spa-micrographs']);
    const txt = infer(fs('ctffind4', 'FoilHole_9015883_Data_9017347_6_20250108_154915_ctf.txt', 'text', {}, { kind: 'document' }));
    expect(txt.modality).toBe('processing-output');
  });

  it('an IMOD .join volume is serial-section electron tomography', () => {
    // IMOD "Joining Serial Tomograms": finishjoin writes <root>.join.
    expect(infer(fs('ssET', 'ssET_joined.join', 'mrc', { arrangement: h('volume' as const) })).modality).toBe('vem-sstem');
  });

  it('cryoSPARC particle stacks keep the movie name but are particles; imported _fractions TIFFs are movies', () => {
    // cryoSPARC names extracted particles <movie>_patch_aligned_doseweighted_particles.mrc; EPU names movies …_Fractions.tiff.
    const particles = infer(fs('J5/extract', 'FoilHole_9015883_Data_9017347_6_20250108_154915_fractions_patch_aligned_doseweighted_particles.mrc', 'mrc', { arrangement: h('image-stack' as const) }));
    expect(particles.alternatives.map((a) => a.modality)).not.toContain('spa-movies');
    const movie = infer(fs('J1/imported', 'FoilHole_9015883_Data_9017347_6_20250108_154915_fractions.tiff', 'tiff', { dimensions: h({ x: 5760, y: 4092 }) }));
    expect(movie.modality).toBe('spa-movies');
    expect(movie.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});

describe('volumes and frame stacks named or shaped as such', () => {
  it('a FIB-SEM OME-Zarr with a z axis is a FIB-SEM volume, not one 2D image', () => {
    // OpenOrganelle jrc_hela-2: recon-1/em/fibsem-uint8 multiscale with z, y, x axes at 5.24 × 4 × 4 nm.
    const r = infer(fs('.', 'jrc_hela-2.zarr/', 'ome-zarr', { pixelSize: h({ x: 4, y: 4, z: 5.24 }), imagingMode: h('FIB-SEM' as const), arrangement: h('pyramid' as const) }));
    expect(r.modality).toBe('vem-fib-sem');
    expect(r.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('Leginon .frames.mrc stacks are movies and its norm-*.mrc a gain reference', () => {
    // EMPIAR-10025 (Leginon): 14sep05c_…es.frames.mrc frame stacks beside norm-amibox05-0.mrc.
    const frames = infer(fs('14sep05c_raw_196', '14sep05c_c_00003gr_00014sq_#####hl_00002es.frames.mrc', 'mrc', { arrangement: h('image-stack' as const), dimensions: h({ x: 7676, y: 7420, z: 38 }), pixelSize: h({ x: 0.06575 }) }, { count: 12 }));
    expect(frames.modality).toBe('spa-movies');
    expect(frames.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
    const norm = infer(fs('14sep05c_raw_196', 'norm-amibox05-0.mrc', 'mrc', { arrangement: h('image' as const), pixelSize: h({ x: 0.06575 }) }));
    expect([norm.modality, norm.supports]).toEqual(['supporting-metadata', 'spa-movies']);
  });

  it('SBEMimage tiles are SBF-SEM', () => {
    const r = infer(fs('mystack/tiles/g0000/t0065', 'mystack_g0000_t0065_s#####.tif', 'tiff', {}, { count: 20 }));
    expect(r.modality).toBe('vem-sbf-sem');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});

describe('navigation maps and processing results beside the data', () => {
  it('a SerialEM low-magnification montage at 65.6 nm/pixel beside tilt series is a grid atlas', () => {
    // SerialEM help, "Navigator": LMM.mrc montage at 135× (teamtomo/mdocfile montage_section.mdoc: 656 Å pixels).
    const lmm = fs('grid3', 'LMM.mrc', 'mrc', { arrangement: h('montage' as const), pixelSize: h({ x: 65.6 }) });
    const ts = fs('grid3', 'TS_##.mrc', 'mrc', { arrangement: h('tilt-series' as const), tiltAngles: h({ min: -60, max: 60, count: 41 }) }, { count: 12 });
    const r = infer(lmm, ts);
    expect([r.modality, r.supports]).toEqual(['supporting-metadata', 'cryoet-tilt-series']);
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
    // A section montage at 2.6 nm/pixel (serial-section TEM) is no atlas.
    const section = infer(fs('grid3', 'sec_01.mrc', 'mrc', { arrangement: h('montage' as const), pixelSize: h({ x: 2.6 }), voltageKV: h(120) }), ts);
    expect(section.modality).not.toBe('supporting-metadata');
  });

  it('MotionCor2 logs and RELION Class2D averages are processing outputs', () => {
    const log = infer(fs('motioncor2', 'FoilHole_9015883_Data_9017347_6_20250108_154915_fractions-Patch-Full.log', 'text', {}, { kind: 'document' }));
    expect(log.modality).toBe('processing-output');
    const classes = infer(fs('Class2D/job008', 'run_it025_classes.mrcs', 'mrc', { arrangement: h('image-stack' as const), creator: h('RELION'), processing: lay({ tool: 'RELION', kind: 'Class2D' }) }));
    expect([classes.modality, classes.supports]).toEqual(['processing-output', 'spa-particles']);
  });
});

describe('frames that diffraction software imported', () => {
  it('Velox TEM frames imported by DIALS from electron data are a MicroED rotation series', () => {
    // yamtbx wiki "Processing rac COTE MicroED data": Talos Arctica at 200 kV, Ceta, Camera_Nano_Ceta_0009_850_mm.emd
    // imported with dials.import; the .emd itself records Optics.OperatingMode TEM.
    const emd = fs('microed_cotamd_200413', 'Camera_Nano_Ceta_0009_850_mm.emd', 'velox-emd', { imagingMode: h('TEM' as const), voltageKV: h(200), dimensions: h({ x: 2048, y: 2048, frames: 44 }) });
    const expt = fs('dials_0009', 'imported.expt', 'dials', { processing: h({ tool: 'DIALS', kind: 'experiment models' }), voltageKV: h(200), describes: h(['Camera_Nano_Ceta_0009_850_mm.emd']) }, { kind: 'metadata' });
    const r = infer(emd, expt);
    expect(r.modality).toBe('microed');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('an XDS template (frame_?????.img) names the frames it covers; X-ray XDS runs lend nothing', () => {
    // XDS.INP NAME_TEMPLATE_OF_DATA_FRAMES= frame_?????.img (XDS documentation: "?" stands for the digits of the frame number).
    const frames = fs('data', 'frame_#####.img', 'tiff', { imagingMode: h('TEM' as const), voltageKV: h(200) }, { count: 12 });
    const inp = fs('xds', 'XDS.INP', 'xds', { processing: h({ tool: 'XDS', kind: 'input' }), voltageKV: h(200), describes: h(['frame_?????.img']) }, { kind: 'metadata' });
    expect(infer(frames, inp).modality).toBe('microed');
    const xrayInp = fs('xds', 'XDS.INP', 'xds', { processing: h({ tool: 'XDS', kind: 'input' }), xrayEnergyKeV: h(12.4), describes: h(['frame_?????.img']) }, { kind: 'metadata' });
    expect(infer(fs('data', 'frame_#####.img', 'tiff', { imagingMode: h('TEM' as const), voltageKV: h(200) }, { count: 12 }), xrayInp).modality).not.toBe('microed');
  });
});
