import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/formats/facts';
import type { FileKind } from '../../../shared/formats/file-kind';
import type { FormatId } from '../../../shared/formats/format-catalog';
import { applyLayouts } from '../../../shared/layouts/apply-layouts';
import type { LayoutFileset } from '../../../shared/layouts/types';
import type { Fileset } from '../../../shared/model/fileset';
import { inferModalities } from '../../../shared/modality/infer';
import { REVIEW_BELOW } from '../../../shared/modality/modalities';
import type { ModalityResult } from '../../../shared/modality/types';
import { createFileset } from '../../helpers/factories';

// Cryo-EM and cryo-ET files told apart by what the software that wrote them documents: processing records
// against acquisition records, tilt-series frames against single-particle movies, reconstructions against the
// tilt stacks they came from. Each case cites where its expectation comes from.

const ROOT = '/data/cryo';

function h<T>(value: T): { value: T; provenance: 'header' } {
  return { value, provenance: 'header' };
}

function side<T>(value: T, source: string): { value: T; provenance: 'sidecar'; source: string } {
  return { value, provenance: 'sidecar', source };
}

let seq = 0;

/** A fileset: a pattern with `#` is a numbered series of `count` files (12 by default), any other one file. */
function fs(directory: string, pattern: string, format: FormatId, facts: Facts = {}, kind: FileKind = 'image', count = 12): Fileset {
  const run = /#+/.exec(pattern);
  const n = run ? count : 1;
  const names = run ? Array.from({ length: n }, (_, i) => pattern.replace(run[0], String(i + 1).padStart(run[0].length, '0'))) : [pattern];
  const files = names.map((name) => (directory === '.' ? name : `${directory}/${name}`));
  const dot = pattern.lastIndexOf('.');
  return createFileset({
    id: `c${++seq}`,
    root: ROOT,
    directory,
    pattern,
    extension: dot > 0 ? pattern.slice(dot).toLowerCase() : '',
    files,
    fileCount: files.length,
    bytes: files.length * 1024,
    format,
    kind,
    facts,
    layouts: [],
    sampling: { read: 1, total: files.length, full: files.length === 1 },
  });
}

function infer(...study: Fileset[]): ModalityResult {
  return inferModalities(study).get(study[0]!.id)!;
}

describe('tilt-series frames against single-particle movies', () => {
  // Thermo Scientific Tomography 5 writes <position>.mdoc with "[T = Tomography: …]", a TiltAngle per [ZValue] and
  // SubFramePath = <position>/Frames/<position>_NNN_<angle>_<date>_<time>_EER.eer (cryoem-services _get_tilt_angle_v5_12).
  const mdoc = '24jul16a_Position_16_3.mdoc';
  const eer = (creator: string, min: number, max: number, count: number): Facts => ({
    arrangement: h('movie' as const),
    dimensions: h({ x: 4096, y: 4096, frames: 300 }),
    tiltAngles: { ...side({ min, max, count }, mdoc), unit: 'deg' },
    creator: side(creator, mdoc),
  });

  it('EER movies that a Tomography record names as the frames of its tilts are a tilt series, even over ±9°', () => {
    const r = infer(fs('24jul16a_Position_16_3/Frames', '24jul16a_Position_16_3_###_3.00_20240716_204211_EER.eer', 'eer', eer('Tomography', -9, 9, 7), 'image', 7));
    expect(r.modality).toBe('cryoet-tilt-series');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('a record of one exposure (a single tilt) names a movie, not a tilt series', () => {
    // A SerialEM frame-set mdoc has one [FrameSet] section: the frames of one exposure (SerialEM help, "Frame mdoc").
    const r = infer(fs('frames', 'FoilHole_0001_Fractions.eer', 'eer', eer('SerialEM', 0, 0, 1)));
    expect(r.modality).toBe('spa-movies');
  });
});

describe('processing records against acquisition records', () => {
  it('a RELION per-movie motion STAR (data_global_shift) is processing output; a micrograph list is supporting metadata', () => {
    // RELION MotionCorr writes MotionCorr/jobNNN/Movies/<movie>.star: data_general, data_global_shift (frame shifts), data_local_motion_model.
    const motion = infer(fs('MotionCorr/job002/Movies', '20170629_00021_frameImage.star', 'relion-star', { processing: h({ tool: 'RELION', kind: 'movies' }), header: h({ blocks: 'general,global_shift' }) }, 'processing'));
    expect([motion.modality, motion.supports]).toEqual(['processing-output', 'spa-micrographs']);
    // corrected_micrographs.star lists the sums (data_optics, data_micrographs with _rlnMicrographName).
    const list = infer(fs('MotionCorr/job002', 'corrected_micrographs.star', 'relion-star', { processing: h({ tool: 'RELION', kind: 'micrographs' }), header: h({ blocks: 'optics,micrographs' }) }, 'processing'));
    expect(list.modality).toBe('supporting-metadata');
  });

  it('a cryoSPARC job.json is processing output; a JSON without its keys accompanies the data', () => {
    // cryosparc-tools spec.py JobDocument: uid, project_uid, job_type, status, version… saved as J<n>/job.json.
    const job = infer(fs('CS-apoferritin/J1', 'job.json', 'json', { header: h({ topLevel: 'object', keys: 'uid, project_uid, job_type, status, version' }) }, 'metadata'));
    expect(job.modality).toBe('processing-output');
    const other = infer(fs('CS-apoferritin', 'notes.json', 'json', { header: h({ topLevel: 'object', keys: 'name, date' }) }, 'metadata'));
    expect(other.modality).toBe('supporting-metadata');
  });

  it('Warp per-item XML (<Movie>, <TiltSeries>) is processing output; another XML root accompanies the data', () => {
    // warpem/warp WarpLib: Movie.SaveMeta writes <Movie CTFResolutionEstimate=… MeanFrameMovement=…>; TiltSeries derives from Movie.
    const ts = infer(fs('warp_tiltseries', 'TS_1.xml', 'xml', { header: h({ root: 'TiltSeries' }) }, 'metadata'));
    expect([ts.modality, ts.supports]).toEqual(['processing-output', 'cryoet-tilt-series']);
    expect(infer(fs('warp_frameseries', 'TS_1_001_0.0.xml', 'xml', { header: h({ root: 'Movie' }) }, 'metadata')).modality).toBe('processing-output');
    expect(infer(fs('.', 'settings.xml', 'xml', { header: h({ root: 'Settings' }) }, 'metadata')).modality).toBe('supporting-metadata');
  });

  it('IMOD command files (.com) and Dynamo tables (.tbl) are processing output', () => {
    // IMOD etomo writes xcorr.com, align.com, tilt.com, newst.com (etomo tutorial, "Files produced"); Dynamo tables hold particle alignments.
    expect(infer(fs('TS_03', 'align.com', 'text', {}, 'document')).modality).toBe('processing-output');
    const tbl = infer(fs('particles_data', 'crop.tbl', 'text', {}, 'document'));
    expect([tbl.modality, tbl.supports]).toEqual(['processing-output', 'cryoet-subtomograms']);
    expect(infer(fs('.', 'README.txt', 'text', {}, 'document')).modality).toBe('supporting-metadata');
  });
});

describe('reconstructions beside the tilt series they came from', () => {
  // SerialEM tilt series: 41 tilts from −60° to 60° at 3.4 Å (EMPIAR-10164 sampling); tomograms binned 4× have the slab's thickness in sections.
  const tilt = (): Fileset => fs('.', 'TS_01.mrc', 'mrc', { arrangement: h('tilt-series' as const), tiltAngles: { ...h({ min: -60, max: 60, count: 41 }), unit: 'deg' }, dimensions: h({ x: 928, y: 928, z: 41 }), pixelSize: { ...h({ x: 0.34 }), unit: 'nm' } });

  it('a stack at 4× the pixel with 8 sections, not 41, is a tomogram', () => {
    const rec = fs('.', 'TS_01_corrected.mrc', 'mrc', { arrangement: h('image-stack' as const), dimensions: h({ x: 232, y: 232, z: 8 }), pixelSize: { ...h({ x: 1.36 }), unit: 'nm' } });
    const r = inferModalities([rec, tilt()]).get(rec.id)!;
    expect(r.modality).toBe('cryoet-tomograms');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('a binned copy of the tilt stack keeps one section per tilt: not a tomogram', () => {
    const binned = fs('.', 'TS_01_bin4.mrc', 'mrc', { arrangement: h('image-stack' as const), dimensions: h({ x: 232, y: 232, z: 41 }), pixelSize: { ...h({ x: 1.36 }), unit: 'nm' } });
    expect(inferModalities([binned, tilt()]).get(binned.id)!.modality).not.toBe('cryoet-tomograms');
  });
});

describe('movies by their frames, pictures by their format', () => {
  // EMPIAR-10204 (the RELION tutorial data) ships Movies/20170629_NNNNN_frameImage.tiff: 24 8-bit frames per movie.
  const tiff = (bits: number): Facts => ({ dimensions: h({ x: 3838, y: 3710 }), header: h({ bitsPerSample: bits, samplesPerPixel: 1, pages: 24, pagesComplete: true }) });

  it('a TIFF of 24 8-bit one-channel pages in Movies/ is a movie', () => {
    const r = infer(fs('EMPIAR-10204/data/Movies', '20170629_#####_frameImage.tiff', 'tiff', tiff(8), 'image', 4));
    expect(r.modality).toBe('spa-movies');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('16-bit pages (a light-microscopy camera depth) in a folder of movies are not taken for electron counts', () => {
    expect(infer(fs('movies', 'cell_#####.tiff', 'tiff', tiff(16), 'image', 4)).confidence).toBeLessThan(REVIEW_BELOW);
  });

  it('an EMDB entry image is supporting metadata of the map; a PNG named "map" is no map', () => {
    // EMDB archive: EMD-NNNN/images/emd_NNNN.png beside map/emd_NNNN.map.gz (ftp.ebi.ac.uk/pub/databases/emdb/structures/).
    const image = infer(fs('EMD-3197/images', 'emd_3197.png', 'png', { dimensions: h({ x: 400, y: 400 }) }));
    expect([image.modality, image.supports]).toEqual(['supporting-metadata', 'density-map']);
    expect(infer(fs('maps', 'overview.png', 'png', { dimensions: h({ x: 400, y: 400 }) })).modality).not.toBe('density-map');
  });
});

describe('a RELION PostProcess STAR goes with the maps of its job folder', () => {
  let n = 0;
  const lf = (directory: string, name: string, format: FormatId, facts: Facts, kind: FileKind): LayoutFileset => ({ id: `l${n++}`, root: ROOT, directory, pattern: name, files: [`${directory}/${name}`], format, kind, facts });

  it('pairs postprocess.star with the volumes beside it, not with volumes elsewhere', () => {
    // RELION PostProcess writes postprocess.mrc, postprocess_masked.mrc and postprocess.star (data_general with _rlnFinalResolution, data_fsc).
    const star = lf('PostProcess/job012', 'postprocess.star', 'relion-star', { processing: h({ tool: 'RELION', kind: 'postprocess' }) }, 'processing');
    const map = lf('PostProcess/job012', 'postprocess.mrc', 'mrc', { arrangement: h('volume' as const) }, 'image');
    const other = lf('Refine3D/job010', 'run_class001.mrc', 'mrc', { arrangement: h('volume' as const) }, 'image');
    const add = applyLayouts([star, map, other]);
    expect(add.get(star.id)?.layouts).toEqual([{ kind: 'described-by', directory: 'PostProcess/job012', marker: 'PostProcess/job012/postprocess.star' }]);
    expect(add.get(map.id)?.layouts).toEqual([{ kind: 'described-by', directory: 'PostProcess/job012', marker: 'PostProcess/job012/postprocess.star' }]);
    expect(add.get(other.id)).toBeUndefined();
  });

  it('a STAR of particles beside a map is not paired with it', () => {
    const star = lf('Refine3D/job010', 'run_data.star', 'relion-star', { processing: h({ tool: 'RELION', kind: 'particles' }) }, 'processing');
    const map = lf('Refine3D/job010', 'run_class001.mrc', 'mrc', { arrangement: h('volume' as const) }, 'image');
    expect(applyLayouts([star, map]).get(star.id)).toBeUndefined();
  });
});

describe('a frame-set record of one exposure decides single particle over an angle in the name', () => {
  it('SerialEM frames named …_0.0_… with their [FrameSet] mdoc stay movies in a study that also holds tilt series', () => {
    // SerialEM names frames <root>_<n>_<tilt>_<date>.tif and writes <frames>.mdoc with one [FrameSet] section (SerialEM help, "Saving frames").
    const frames = fs('spa/frames', 'grid1_00993_0.0_Oct08_11.22.33.tif', 'tiff', {
      arrangement: side('movie' as const, 'spa/frames/grid1_00993_0.0_Oct08_11.22.33.tif.mdoc'),
      tiltAngles: { ...side({ min: 0, max: 0, count: 1 }, 'spa/frames/grid1_00993_0.0_Oct08_11.22.33.tif.mdoc'), unit: 'deg' },
      dimensions: h({ x: 5760, y: 4092, frames: 40 }),
      pixelSize: { ...h({ x: 0.083 }), unit: 'nm' },
    });
    const tilt = fs('tomo', 'TS_01.mrc', 'mrc', { arrangement: h('tilt-series' as const), tiltAngles: { ...h({ min: -60, max: 60, count: 41 }), unit: 'deg' }, dimensions: h({ x: 928, y: 928, z: 41 }), pixelSize: { ...h({ x: 0.34 }), unit: 'nm' } });
    expect(inferModalities([frames, tilt]).get(frames.id)!.modality).toBe('spa-movies');
  });
});

describe('IMOD models', () => {
  it('an IMOD fiducial model (.fid) is processing output of the tilt series', () => {
    // etomo writes <name>.fid, the fiducial model tracked through the tilt series (IMOD etomo tutorial, "Files produced"; binspec.html).
    const fid = infer(fs('TS_03', 'TS_03.fid', 'imod-model', { processing: h({ tool: 'IMOD', kind: 'fiducial model' }) }, 'processing'));
    expect([fid.modality, fid.supports]).toEqual(['processing-output', 'cryoet-tilt-series']);
  });
});

describe('TOM/Dynamo EM volumes', () => {
  // Dynamo dtcrop writes particles_data/particle_<6-digit tag>.em; an alignment project writes averages/average_ref_001_ite_NNNN.em
  // (Dynamo wiki); volumes in the TOM/EM format (tom_emwrite). Subtomograms are cryo-ET data, averages and masks are maps (EMDB).
  const cube = (n: number, kv?: number): Facts => ({ arrangement: h('volume' as const), dimensions: h({ x: n, y: n, z: n }), ...(kv ? { voltageKV: { ...h(kv), unit: 'kV' as const } } : {}) });

  it('Dynamo particle_NNNNNN.em cubes are subtomograms', () => {
    const r = infer(fs('particles_data', 'particle_######.em', 'tom-em', cube(16, 300), 'image', 4));
    expect(r.modality).toBe('cryoet-subtomograms');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('an average and a cubic mask in the EM format are maps; ".em" is no "electron microscopy" word', () => {
    const avg = infer(fs('mpr/results/ite_0001/averages', 'average_ref_001_ite_0001.em', 'tom-em', cube(16)));
    expect([avg.modality, avg.confidence >= REVIEW_BELOW]).toEqual(['density-map', true]);
    expect(avg.alternatives.map((a) => a.modality)).not.toContain('em-2d');
    const mask = infer(fs('.', 'mask.em', 'tom-em', cube(16)));
    expect([mask.modality, mask.confidence >= REVIEW_BELOW]).toEqual(['density-map', true]);
  });

  it('a slab-shaped segmentation named _seg is still a segmentation, not a map mask', () => {
    // membrain-seg writes <tomogram>_seg.mrc: a label volume the shape of the tomogram.
    const seg = infer(fs('segmentations', 'TS_01_seg.mrc', 'mrc', { arrangement: h('volume' as const), dimensions: h({ x: 928, y: 928, z: 200 }) }));
    expect(seg.modality).toBe('processing-output');
  });

});
