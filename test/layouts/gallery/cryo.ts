// Cryo-EM, cryo-ET and MicroED layouts as acquisition and processing software write them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFeiExtendedHeader, writeMrc } from '../../fixtures/writers/cryoem/mrc';
import { noise, serialEmStack, TILTS } from '../../fixtures/writers/cryoem/samples';
import { writeNpyStructured, writeTilt, writeXf, type NpyFieldSpec } from '../../fixtures/writers/cryoem/text';
import { writeDm, dmImageTree } from '../../fixtures/writers/cryoem/dm';
import { writeEm } from '../../fixtures/writers/cryoem/em';
import {
  writeAreTomoAln,
  writeAreTomoTlt,
  writeEmdbFscXml,
  writeEmdbHeaderXml,
  writeEtomoEdf,
  writeImodCom,
  writeImodModel,
  writeRelionPipeline,
  writeStar,
  writeTomo5Mdoc,
  writeWarpXml,
} from '../../fixtures/writers/cryoem/processing';
import { writeDialsExpt, writeDialsRefl, writeSmv, writeXdsAscii, writeXdsInp } from '../../fixtures/writers/cryoem/smv';
import { imageTags, writeTiff } from '../../fixtures/writers/tiff/tiff';
import { eerMovie } from '../../fixtures/families/tiff';
import { writeJpeg } from '../../fixtures/writers/generic/jpeg';
import { writePng } from '../../fixtures/writers/generic/png';
import { writeGzip } from '../../fixtures/writers/generic/gzip';
import { writeAppleDouble, writeDesktopIni, writeDsStore, writeOle2 } from '../../fixtures/writers/generic/os-clutter';
import { writeVelox } from '../../fixtures/writers/omics-hdf5/velox';
import { writeBigwarpCsv } from '../../fixtures/writers/generic/registration';
import { writeZarrJsonArray, writeZarrJsonOme } from '../../fixtures/writers/lm/zarr';
import { fixture } from '../../fixtures/studies/studies';
import type { StudyLayout, Tree } from '../types';

const REAL = path.join(__dirname, '..', '..', 'fixtures', 'real');

/** Bytes of a vendored real sample (test/fixtures/real/SOURCES.md). */
function real(rel: string): Uint8Array {
  return readFileSync(path.join(REAL, ...rel.split('/')));
}

/**
 * A SerialEM tilt stack as SerialEM saves it: a plain MRC stack (no per-section tilt angles in the
 * header) signed with SerialEM's first label; the angles live in the `.mrc.mdoc` beside it.
 */
function serialEmStackNoTilts(sections: number): Uint8Array {
  return writeMrc({ nx: 8, ny: 8, nz: sections, mode: 1, cella: [8 * 2.7, 8 * 2.7, sections * 2.7], labels: ['SerialEM: Digitized on Titan Krios 3           12-Mar-19  10:11:12'] });
}

/** SerialEM's tilt-series mdoc (teamtomo/mdocfile test data), renamed to describe `stem.mrc`. */
function mdocFor(stem: string): string {
  return new TextDecoder().decode(real('mdoc/tilt_series.mdoc')).replace(/ImageFile = TS_01\.mrc/, `ImageFile = ${stem}.mrc`);
}

/**
 * A SerialEM tilt-series mdoc for `stem.mrc` whose ZValue sections name the given frame files (SubFramePath), built from
 * the real teamtomo/mdocfile tilt_series.mdoc: its first sections, renumbered, with SubFramePath rewritten.
 */
function serialEmMdoc(stem: string, frames: readonly string[]): string {
  const text = mdocFor(stem);
  const parts = text.split(/(?=\[ZValue = )/);
  const head = parts[0] ?? '';
  const sections = parts.slice(1, 1 + frames.length).map((sec, i) => sec.replace(/\[ZValue = \d+\]/, `[ZValue = ${i}]`).replace(/SubFramePath = .*/, `SubFramePath = D:\\DATA\\frames\\${frames[i]!}`));
  return head + sections.join('');
}

/** A SerialEM tomography session: one stack and its mdoc per tilt series, side by side. */
function serialEmSession(): Tree {
  const tree: Tree = {};
  for (const ts of ['TS_01', 'TS_02', 'TS_03']) {
    tree[`tomo/${ts}.mrc`] = serialEmStackNoTilts(41);
    tree[`tomo/${ts}.mrc.mdoc`] = mdocFor(ts);
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------------------

const two = (n: number): string => String(n).padStart(2, '0');
const three = (n: number): string => String(n).padStart(3, '0');

/** A dose-symmetric tilt order from 0° in 3° steps (Hagen scheme), as EMPIAR-10164 and Tomo 5 acquire: 0, 3, −3, −6, 6, 9, −9 … */
function doseSymmetric(count: number, step = 3): number[] {
  const out = [0];
  for (let k = 1; out.length < count; k += 2) {
    for (const a of [k * step, -k * step, -(k + 1) * step, (k + 1) * step]) if (out.length < count) out.push(a);
  }
  return out;
}

/**
 * A multi-frame greyscale TIFF (TIFF 6.0 baseline, one IFD per frame), as cameras' acquisition software saves
 * dose-fractionated movies (EPU `_fractions.tiff`, SerialEM frame stacks): no vendor tags, `bits` per sample.
 */
function tiffMovie(frames: number, bits = 8): Uint8Array {
  const w = 16;
  return writeTiff({ littleEndian: true, ifds: Array.from({ length: frames }, () => ({ tags: imageTags({ width: w, height: w, bitsPerSample: bits }), strip: new Uint8Array((w * w * bits) / 8) })) });
}

/** A single 2D image MRC (a motion-corrected micrograph, a tilt image) at `pixelA` Å, with the writer's label. */
function micrographMrc(pixelA: number, label?: string): Uint8Array {
  return writeMrc({ nx: 16, ny: 16, nz: 1, mode: 2, cella: [16 * pixelA, 16 * pixelA, pixelA], labels: label ? [label] : [] });
}

/** A cubic density map (mode 2, ispg 1 as 3D reconstructions are written) of `box`³ voxels at `pixelA` Å. */
function mapMrc(box: number, pixelA: number, label?: string): Uint8Array {
  return writeMrc({ nx: box, ny: box, nz: box, mode: 2, ispg: 1, cella: [box * pixelA, box * pixelA, box * pixelA], labels: label ? [label] : [] });
}

/** A particle stack (mode 2, ispg 0: a stack of 2D images) of `count` boxes at `pixelA` Å. */
function particleStack(count: number, pixelA: number, label?: string): Uint8Array {
  return writeMrc({ nx: 12, ny: 12, nz: count, mode: 2, cella: [12 * pixelA, 12 * pixelA, count * pixelA], labels: label ? [label] : [] });
}

/** A reconstructed tomogram: a flat volume at `voxelA` Å, written by the named program. */
function tomogramMrc(voxelA: number, label: string, imod = false): Uint8Array {
  return writeMrc({ nx: 32, ny: 32, nz: 8, mode: 1, cella: [32 * voxelA, 32 * voxelA, 8 * voxelA], imodStamp: imod, labels: [label] });
}

/** A JPEG preview as EPU writes beside each image (JFIF, 8-bit greyscale). */
function preview(): Uint8Array {
  return writeJpeg({ width: 64, height: 64, components: 1, jfif: true });
}

const RELION_LABEL = 'Relion    17-Jan-24  10:00:00';

// ---------------------------------------------------------------------------------------------------------------
// Trees
// ---------------------------------------------------------------------------------------------------------------

/** Target/exposure ids and times of the Data exposures in the smartem-decisions EPU example (FoilHole_9015883_Data_<id>_20250108_<time>). */
const EPU_EXPOSURES = [
  ['9017347_6', '154915'],
  ['9017354_6', '154918'],
  ['9017361_6', '154921'],
] as const;

/**
 * An EPU 3.9 single-particle session on a K3 (the smartem-decisions epu-dir-example tree): the session file, a
 * grid square with its XML and JPEG, foil-hole thumbnails, and per-exposure XML, JPEG and `_fractions.tiff` movie.
 */
function epuK3Session(): Tree {
  const sq = 'Images-Disc1/GridSquare_8999138';
  const tree: Tree = {
    'EpuSession.dm': real('epu/EpuSession.dm'),
    [`${sq}/GridSquare_20250108_151151.xml`]: real('epu/GridSquare_20250108_151151.xml'),
    [`${sq}/GridSquare_20250108_151151.jpg`]: preview(),
    [`${sq}/FoilHoles/FoilHole_9015889_20250108_154715.jpg`]: preview(),
    [`${sq}/FoilHoles/FoilHole_9015889_20250108_154725.jpg`]: preview(),
  };
  for (const [data, time] of EPU_EXPOSURES) {
    const stem = `${sq}/Data/FoilHole_9015883_Data_${data}_20250108_${time}`;
    tree[`${stem}.xml`] = real('epu/FoilHole_9015883_Data_9017347_6_20250108_154915.xml');
    tree[`${stem}.jpg`] = preview();
    tree[`${stem}_fractions.tiff`] = tiffMovie(8);
  }
  return tree;
}

/** An EPU session on a Falcon 4i saving EER: session file, EER movies per foil hole, and the EER gain reference. */
function epuEerSession(): Tree {
  const data = 'Images-Disc1/GridSquare_2281734/Data';
  const tree: Tree = {
    'EpuSession.dm': real('epu/EpuSession.dm'),
    '20230611_101010_EER_GainReference.gain': fixture('20230611_101010_EER_GainReference.gain'),
  };
  for (let i = 1; i <= 4; i++) tree[`${data}/FoilHole_2290031_Data_2285112_${i}_20230611_1120${two(10 + i)}_EER.eer`] = eerMovie(3);
  return tree;
}

/**
 * A Tomography 5 batch session with EER: one .mdoc per position, the EER movies of its tilts under
 * `<position>/Frames/`, and the EER gain reference of the session (names from the real Tomo 5 mdoc).
 */
function tomo5Session(): Tree {
  const tree: Tree = { '20240716_101010_EER_GainReference.gain': fixture('20230611_101010_EER_GainReference.gain') };
  for (const pos of ['24jul16a_Position_16_3', '24jul16a_Position_17']) {
    const tilts = doseSymmetric(7).map((angle, i) => ({ angle, subFrame: `${pos}/Frames/${pos}_${three(i + 1)}_${angle.toFixed(2)}_20240716_2042${two(10 + i)}_EER.eer` }));
    tree[`${pos}.mdoc`] = writeTomo5Mdoc({ imageFile: `${pos}.mrc`, pixelA: 1.54, voltageKV: 300, tilts });
    for (const t of tilts) tree[t.subFrame] = eerMovie(3);
  }
  return tree;
}

/** EMPIAR-10164 as SerialEM wrote it: per-tilt frame stacks `TS_NN_iii_angle.mrc`, the tilt stack and its mdoc. */
function serialEmFramesSession(): Tree {
  const tree: Tree = {};
  for (const ts of ['TS_01', 'TS_03']) {
    doseSymmetric(11).forEach((angle, i) => {
      tree[`${ts}/frames/${ts}_${three(i)}_${angle.toFixed(1)}.mrc`] = writeMrc({ nx: 16, ny: 16, nz: 8, mode: 1, cella: [16 * 1.35, 16 * 1.35, 8 * 1.35], labels: ['SerialEM: Digitized on EMBL Krios                       30-Nov-15  15:14:20'] });
    });
    tree[`${ts}/${ts}.mrc`] = serialEmStackNoTilts(41);
    tree[`${ts}/${ts}.mrc.mdoc`] = mdocFor(ts);
  }
  return tree;
}

/** A large SerialEM batch tomography session: 12 tilt series (SERI headers with tilt angles) and their mdocs under tomo/. */
function serialEmManySession(): Tree {
  const tree: Tree = {};
  for (let i = 1; i <= 12; i++) {
    tree[`tomo/TS_${two(i)}.mrc`] = serialEmStack();
    tree[`tomo/TS_${two(i)}.mrc.mdoc`] = mdocFor(`TS_${two(i)}`);
  }
  return tree;
}

/** An IMOD/etomo dataset folder after fiducial alignment and reconstruction of one tilt series. */
function imodEtomoFolder(): Tree {
  const d = 'TS_03';
  const ident: [number, number, number, number, number, number] = [1, 0, 0, 1, 0, 0];
  return {
    [`${d}/TS_03.st`]: fixture('TS_03.st'),
    [`${d}/TS_03.rawtlt`]: writeTilt(TILTS),
    [`${d}/TS_03.tlt`]: writeTilt(TILTS.map((t) => t + 0.35)),
    [`${d}/TS_03.prexf`]: writeXf(TILTS.map(() => ident)),
    [`${d}/TS_03.xf`]: writeXf(TILTS.map(() => [0.9998, -0.0175, 0.0175, 0.9998, 1.5, -2.25])),
    [`${d}/TS_03.fid`]: writeImodModel({ name: 'TS_03.fid', size: [8, 8, 41], pixelNm: 0.34 }),
    [`${d}/TS_03.ali`]: writeMrc({ nx: 8, ny: 8, nz: 41, mode: 1, imodStamp: true, cella: [8 * 3.4, 8 * 3.4, 41 * 3.4], labels: ['newstack: Images copied, transformed                 12-Mar-19  11:00:00'] }),
    [`${d}/TS_03_rec.mrc`]: tomogramMrc(13.6, 'tilt: Back-projection reconstruction           12-Mar-19  11:30:00', true),
    [`${d}/TS_03.edf`]: writeEtomoEdf('TS_03', 0.34),
    [`${d}/newst.com`]: writeImodCom('newstack', [
      ['InputFile', 'TS_03.st'],
      ['OutputFile', 'TS_03.ali'],
      ['TransformFile', 'TS_03.xf'],
    ]),
    [`${d}/align.com`]: writeImodCom('tiltalign', [
      ['ModelFile', 'TS_03.fid'],
      ['ImageFile', 'TS_03.preali'],
      ['OutputTiltFile', 'TS_03.tlt'],
    ]),
    [`${d}/tilt.com`]: writeImodCom('tilt', [
      ['InputProjections', 'TS_03.ali'],
      ['OutputFile', 'TS_03_full_rec.mrc'],
      ['TILTFILE', 'TS_03.tlt'],
    ]),
  };
}

/** An AreTomo3 output folder for two tilt series: input stack and mdoc, .aln, _TLT.txt and the _Vol.mrc tomogram. */
function areTomoOutput(): Tree {
  const tree: Tree = {};
  for (const ts of ['Position_16_3', 'Position_17']) {
    const tilts = [...doseSymmetric(31)].sort((a, b) => a - b);
    tree[`${ts}.mrc`] = writeMrc({ nx: 16, ny: 16, nz: 31, mode: 2, cella: [16 * 1.54, 16 * 1.54, 31 * 1.54] });
    tree[`${ts}.mdoc`] = writeTomo5Mdoc({ imageFile: `${ts}.mrc`, pixelA: 1.54, voltageKV: 300, tilts: tilts.map((angle, i) => ({ angle, subFrame: `${ts}/Frames/${ts}_${three(i + 1)}_${angle.toFixed(2)}_20240716_204232_EER.eer` })) });
    tree[`${ts}.aln`] = writeAreTomoAln({ rawSize: [4096, 4096], tilts });
    tree[`${ts}_TLT.txt`] = writeAreTomoTlt(tilts);
    tree[`${ts}_Vol.mrc`] = writeMrc({ nx: 32, ny: 32, nz: 8, mode: 2, cella: [32 * 12.32, 32 * 12.32, 8 * 12.32] });
  }
  return tree;
}

/** WarpTools 2 tilt-series processing: raw frames and mdocs, warp_frameseries (XML, average/), warp_tiltseries (XML, tiltstack/, reconstruction/). */
function warpTiltSeries(): Tree {
  const tree: Tree = {};
  for (const ts of ['TS_1', 'TS_2']) {
    const angles = doseSymmetric(5);
    angles.forEach((angle, i) => {
      const movie = `${ts}_${three(i + 1)}_${angle.toFixed(1)}`;
      tree[`frames/${movie}.tif`] = tiffMovie(6);
      tree[`warp_frameseries/${movie}.xml`] = writeWarpXml('Movie', [
        ['PixelSize', 0.834],
        ['Voltage', 300],
      ]);
      tree[`warp_frameseries/average/${movie}.mrc`] = micrographMrc(0.834);
    });
    tree[`mdocs/${ts}.mdoc`] = serialEmMdoc(
      ts,
      angles.map((a, i) => `${ts}_${three(i + 1)}_${a.toFixed(1)}.tif`),
    );
    tree[`warp_tiltseries/${ts}.xml`] = writeWarpXml('TiltSeries', [
      ['PixelSize', 0.834],
      ['Voltage', 300],
    ]);
    tree[`warp_tiltseries/tiltstack/${ts}/${ts}.st`] = writeMrc({ nx: 16, ny: 16, nz: 5, mode: 2, cella: [16 * 0.834, 16 * 0.834, 5 * 0.834] });
    tree[`warp_tiltseries/tiltstack/${ts}/${ts}.rawtlt`] = writeTilt(angles);
    tree[`warp_tiltseries/reconstruction/${ts}_10.00Apx.mrc`] = writeMrc({ nx: 32, ny: 32, nz: 8, mode: 2, cella: [320, 320, 80] });
  }
  return tree;
}

/** A RELION 5 single-particle project (tutorial job folders), from raw movies to PostProcess. */
function relionSpaProject(): Tree {
  const px = 0.885;
  const mics = ['20170629_00021_frameImage', '20170629_00022_frameImage', '20170629_00023_frameImage'];
  const optics = { name: 'optics', labels: ['OpticsGroupName', 'OpticsGroup', 'MicrographOriginalPixelSize', 'Voltage', 'SphericalAberration', 'AmplitudeContrast'], rows: [['opticsGroup1', 1, px, 200, 1.4, 0.1]] };
  const tree: Tree = {
    'default_pipeline.star': real('star/default_pipeline.star'),
    'Movies/gain.mrc': writeMrc({ nx: 16, ny: 16, nz: 1, mode: 2, cella: [16 * px, 16 * px, px] }),
    'Import/job001/movies.star': writeStar([optics, { name: 'movies', labels: ['MicrographMovieName', 'OpticsGroup'], rows: mics.map((m) => [`Movies/${m}.tiff`, 1]) }]),
    'MotionCorr/job002/corrected_micrographs.star': writeStar([optics, { name: 'micrographs', labels: ['MicrographName', 'MicrographMetadata', 'OpticsGroup'], rows: mics.map((m) => [`MotionCorr/job002/Movies/${m}.mrc`, `MotionCorr/job002/Movies/${m}.star`, 1]) }]),
    'CtfFind/job003/micrographs_ctf.star': writeStar([optics, { name: 'micrographs', labels: ['MicrographName', 'DefocusU', 'DefocusV', 'CtfMaxResolution'], rows: mics.map((m) => [`MotionCorr/job002/Movies/${m}.mrc`, 10864.1, 10575.3, 4.2]) }]),
    'Extract/job007/particles.star': real('star/rln3.1_data_style.star'),
    'Class2D/job008/run_it025_classes.mrcs': particleStack(20, px * 2, RELION_LABEL),
    'Class2D/job008/run_it025_model.star': writeStar([{ name: 'model_classes', labels: ['ReferenceImage', 'ClassDistribution', 'EstimatedResoluton'], rows: [['000001@Class2D/job008/run_it025_classes.mrcs', 0.05, 8.1]] }]),
    'Refine3D/job010/run_class001.mrc': mapMrc(16, px, RELION_LABEL),
    'Refine3D/job010/run_half1_class001_unfil.mrc': mapMrc(16, px, RELION_LABEL),
    'Refine3D/job010/run_half2_class001_unfil.mrc': mapMrc(16, px, RELION_LABEL),
    'MaskCreate/job011/mask.mrc': mapMrc(16, px, RELION_LABEL),
    'PostProcess/job012/postprocess.mrc': mapMrc(16, px, RELION_LABEL),
    'PostProcess/job012/postprocess_masked.mrc': mapMrc(16, px, RELION_LABEL),
    'PostProcess/job012/postprocess.star': real('star/postprocess.star'),
  };
  for (const m of mics) {
    tree[`Movies/${m}.tiff`] = tiffMovie(8);
    tree[`MotionCorr/job002/Movies/${m}.mrc`] = micrographMrc(px, RELION_LABEL);
    tree[`MotionCorr/job002/Movies/${m}.star`] = writeStar([
      { name: 'general', labels: ['ImageSizeX', 'ImageSizeY', 'ImageSizeZ', 'MicrographMovieName', 'MicrographOriginalPixelSize'], values: [3710, 3838, 24, `Movies/${m}.tiff`, px] },
      { name: 'global_shift', labels: ['MicrographFrameNumber', 'MicrographShiftX', 'MicrographShiftY'], rows: [[1, 0, 0], [2, -0.4, 0.3]] },
    ]);
    tree[`Extract/job007/Movies/${m}.mrcs`] = particleStack(30, px, RELION_LABEL);
  }
  return tree;
}

/** A RELION 5 subtomogram-averaging project on EMPIAR-10164 (tutorial job folders), frames to a subtomogram average. */
function relionTomoProject(): Tree {
  const frames = doseSymmetric(6).map((a, i) => `TS_01_${three(i)}_${a.toFixed(1)}`);
  const frameMrc = writeMrc({ nx: 16, ny: 16, nz: 8, mode: 1, cella: [16 * 0.675, 16 * 0.675, 8 * 0.675], labels: ['SerialEM: Digitized on EMBL Krios                       30-Nov-15  15:14:20'] });
  const tree: Tree = {
    'default_pipeline.star': writeRelionPipeline([
      ['ImportTomo/job001/', 'relion.importtomo'],
      ['MotionCorr/job002/', 'relion.motioncorr.own'],
      ['AlignTiltSeries/job005/', 'relion.aligntiltseries.imod.fiducials'],
      ['ReconstructTomograms/job006/', 'relion.reconstructtomograms'],
      ['ReconstructParticleTomo/job010/', 'relion.reconstructparticletomo'],
    ]),
    'mdoc/TS_01.mrc.mdoc': mdocFor('TS_01'),
    'ImportTomo/job001/tilt_series.star': writeStar([{ name: 'global', labels: ['TomoName', 'TomoTiltSeriesStarFile', 'Voltage', 'SphericalAberration', 'AmplitudeContrast', 'MicrographOriginalPixelSize'], rows: [['TS_01', 'ImportTomo/job001/tilt_series/TS_01.star', 300, 2.7, 0.1, 0.675]] }]),
    'ImportTomo/job001/tilt_series/TS_01.star': writeStar([{ name: 'TS_01', labels: ['MicrographMovieName', 'TomoNominalStageTiltAngle', 'MicrographPreExposure'], rows: frames.map((f, i) => [`frames/${f}.mrc`, doseSymmetric(6)[i]!, 3 * i]) }]),
    'MotionCorr/job002/corrected_tilt_series.star': writeStar([{ name: 'global', labels: ['TomoName', 'TomoTiltSeriesStarFile'], rows: [['TS_01', 'MotionCorr/job002/tilt_series/TS_01.star']] }]),
    'AlignTiltSeries/job005/external/TS_01/TS_01.xf': writeXf(frames.map(() => [1, 0, 0, 1, 0.5, -0.5])),
    'AlignTiltSeries/job005/external/TS_01/TS_01.tlt': writeTilt(doseSymmetric(6)),
    'ReconstructTomograms/job006/tomograms.star': writeStar([
      { name: 'global', labels: ['TomoName', 'TomoTiltSeriesStarFile', 'Voltage', 'TomoTiltSeriesPixelSize', 'TomoTomogramBinning', 'TomoReconstructedTomogram'], rows: [['TS_01', 'AlignTiltSeries/job005/tilt_series/TS_01.star', 300, 1.35, 8, 'ReconstructTomograms/job006/tomograms/rec_TS_01.mrc']] },
    ]),
    'ReconstructTomograms/job006/tomograms/rec_TS_01.mrc': tomogramMrc(10.8, RELION_LABEL),
    'ReconstructParticleTomo/job010/merged.mrc': mapMrc(16, 5.4, RELION_LABEL),
    'ReconstructParticleTomo/job010/half1.mrc': mapMrc(16, 5.4, RELION_LABEL),
    'ReconstructParticleTomo/job010/half2.mrc': mapMrc(16, 5.4, RELION_LABEL),
  };
  for (const f of frames) {
    tree[`frames/${f}.mrc`] = frameMrc;
    tree[`MotionCorr/job002/frames/${f}.mrc`] = micrographMrc(1.35, RELION_LABEL);
  }
  return tree;
}

/**
 * A cryoSPARC exposure dataset (.cs = NumPy structured array) with the exposure fields of an import or motion job
 * (cryosparc-tools docs, "Dataset" field names: uid, movie_blob/*, micrograph_blob/*, mscope_params/*).
 */
function exposures(...blob: NpyFieldSpec[]): Uint8Array {
  return writeNpyStructured([['uid', '<u8'], ...blob, ['mscope_params/accel_kv', '<f4'], ['mscope_params/cs_mm', '<f4']], 3, { 'movie_blob/psize_A': 0.83, 'micrograph_blob/psize_A': 0.83, 'mscope_params/accel_kv': 300, 'mscope_params/cs_mm': 2.7 });
}

/** A cryoSPARC project directory: import (J1), patch motion (J2), extraction (J5) and non-uniform refinement (J10). */
function cryoSparcProject(): Tree {
  const uid = ['008623517416154315217', '011476349812341927665', '013579246801357924680'];
  // The movies of the EPU session of epuK3Session(), as cryoSPARC's import names its links: <uid>_<original name>.
  const movie = (i: number) => `FoilHole_9015883_Data_${EPU_EXPOSURES[i]![0]}_20250108_${EPU_EXPOSURES[i]![1]}_fractions`;
  const tree: Tree = {
    'CS-apoferritin/J1/job.json': '{"uid": "J1", "project_uid": "P12", "job_type": "import_movies", "status": "completed", "version": "v4.5.3"}\n',
    'CS-apoferritin/J1/imported_movies.cs': exposures(['movie_blob/path', '|S96'], ['movie_blob/shape', '<u4', [3]], ['movie_blob/psize_A', '<f4']),
    'CS-apoferritin/J2/job.json': '{"uid": "J2", "project_uid": "P12", "job_type": "patch_motion_correction_multi", "status": "completed", "version": "v4.5.3"}\n',
    'CS-apoferritin/J2/J2_passthrough_exposures.cs': exposures(['micrograph_blob/path', '|S96'], ['micrograph_blob/shape', '<u4', [2]], ['micrograph_blob/psize_A', '<f4']),
    'CS-apoferritin/J5/extracted_particles.cs': real('cryosparc/4k_dataset.cs'),
    'CS-apoferritin/J5/J5_passthrough_particles.cs': fixture('J12_passthrough_particles.cs'),
    'CS-apoferritin/J10/J10_008_volume_map.mrc': mapMrc(16, 0.83),
    'CS-apoferritin/J10/J10_008_volume_map_half_A.mrc': mapMrc(16, 0.83),
    'CS-apoferritin/J10/J10_008_volume_map_half_B.mrc': mapMrc(16, 0.83),
    'CS-apoferritin/J10/J10_008_volume_map_sharp.mrc': mapMrc(16, 0.83),
    'CS-apoferritin/J10/J10_008_volume_mask_fsc.mrc': mapMrc(16, 0.83),
  };
  uid.forEach((u, i) => {
    tree[`CS-apoferritin/J1/imported/${u}_${movie(i)}.tiff`] = tiffMovie(8);
    tree[`CS-apoferritin/J2/motioncorrected/${u}_${movie(i)}_patch_aligned_doseweighted.mrc`] = micrographMrc(0.83);
    tree[`CS-apoferritin/J5/extract/${u}_${movie(i)}_patch_aligned_doseweighted_particles.mrc`] = particleStack(30, 0.83);
  });
  return tree;
}

/** The files of an EMDB entry as the EMDB FTP archive lays them out (map, half maps, mask, FSC, header, image). */
function emdbEntry(): Tree {
  const d = 'EMD-3197';
  const half = mapMrc(16, 1.5, '::::EMDATABANK.org::::EMD-3197::::');
  return {
    [`${d}/map/emd_3197.map.gz`]: writeGzip(real('mrc/EMD-3197.map'), { name: 'emd_3197.map' }),
    [`${d}/other/emd_3197_half_map_1.map.gz`]: writeGzip(half, { name: 'emd_3197_half_map_1.map' }),
    [`${d}/other/emd_3197_half_map_2.map.gz`]: writeGzip(half, { name: 'emd_3197_half_map_2.map' }),
    [`${d}/masks/emd_3197_msk_1.map`]: mapMrc(16, 1.5, '::::EMDATABANK.org::::EMD-3197::::'),
    [`${d}/fsc/emd_3197_fsc.xml`]: writeEmdbFscXml('EMD-3197', [
      [0, 1],
      [0.05, 0.98],
      [0.1, 0.72],
      [0.15, 0.14],
    ]),
    [`${d}/header/emd-3197-v30.xml`]: writeEmdbHeaderXml({ id: 3197, title: 'Subtomogram average', method: 'subtomogramAveraging', mapFile: 'emd_3197.map.gz', pixelA: 1.5, size: 20 }),
    [`${d}/images/emd_3197.png`]: writePng({ width: 32, height: 32 }),
  };
}

/** A cryo-ET study with 7 tilt series (SerialEM) and the 7 tomograms IMOD reconstructed from them. */
function cryoEtManyTomograms(): Tree {
  const tree: Tree = {};
  for (let i = 1; i <= 7; i++) {
    tree[`tilt_series/TS_${two(i)}.mrc`] = serialEmStack();
    tree[`tilt_series/TS_${two(i)}.mrc.mdoc`] = mdocFor(`TS_${two(i)}`);
    tree[`tomograms/TS_${two(i)}_rec.mrc`] = tomogramMrc(13.6, 'tilt: Back-projection reconstruction           12-Mar-19  11:30:00', true);
  }
  return tree;
}

/** A cryo-CLEM study over two disks: cryo-fluorescence OME-Zarr (mNeonGreen + reflection) and its landmarks on one, SerialEM tilt series and tomograms on the other. */
function cryoClemTwoRoots(): Tree {
  const zarr = 'lm/grid3_square07_lamella2.ome.zarr';
  const tree: Tree = {
    [`${zarr}/zarr.json`]: writeZarrJsonOme({ scaleUm: [0.3, 0.085, 0.085], channels: ['mNeonGreen', 'Reflection'] }),
    [`${zarr}/0/zarr.json`]: writeZarrJsonArray([2, 24, 512, 512], ['c', 'z', 'y', 'x']),
    [`${zarr}/0/c/0/0/0/0`]: noise(2048, 11),
    [`${zarr}/1/zarr.json`]: writeZarrJsonArray([2, 24, 256, 256], ['c', 'z', 'y', 'x']),
    [`${zarr}/1/c/0/0/0/0`]: noise(1024, 12),
    'lm/registration/lamella2_lm_to_tem_landmarks.csv': writeBigwarpCsv([
      { active: true, moving: [12.5, 40.1, 3.2], fixed: [1210, 4033, 0] },
      { active: true, moving: [30.2, 18.7, 3.0], fixed: [3015, 1880, 0] },
      { active: true, moving: [44.9, 52.3, 3.1], fixed: [4490, 5210, 0] },
    ]),
  };
  for (const ts of ['lamella2_ts_001', 'lamella2_ts_002']) {
    tree[`em/${ts}.mrc`] = serialEmStack();
    tree[`em/${ts}.mrc.mdoc`] = mdocFor(ts);
    tree[`em/tomograms/${ts}_rec.mrc`] = tomogramMrc(13.6, 'tilt: Back-projection reconstruction           12-Mar-19  11:30:00', true);
  }
  return tree;
}

/** Room-temperature TEM images saved by DigitalMicrograph (DM4, TEM imaging at 120 kV on a OneView) and a DM3 overview. */
function dmTemSession(): Tree {
  const image = (mag: number, scaleNm: number) => dmImageTree({ width: 16, height: 16, voltageV: 120_000, illumination: 'TEM', imagingMode: 'IMAGE', magnification: mag, microscope: 'JEM-1400Flash', device: 'OneView', scaleNm, units: 'nm' });
  const tree: Tree = { 'grid2/overview_0001.dm3': writeDm(3, image(1_200, 9.2)) };
  for (let i = 1; i <= 4; i++) tree[`grid2/cell0${i}_30kx_000${i}.dm4`] = writeDm(4, image(30_000, 0.37));
  return tree;
}

/** A SerialEM single-particle session on a K3: frame TIFFs, each with its .mdoc, and the CountRef gain reference. */
function serialEmSpaSession(): Tree {
  const tree: Tree = { 'frames/CountRef_grid2_sq07_00001_Oct08_07.30.01.dm4': fixture('CountRef_movie.dm4') };
  // The real frame-set mdoc comes from a tilted lamella (TiltAngle = 32.984); a single-particle exposure is untilted.
  const mdoc = new TextDecoder().decode(real('mdoc/frame_set_single.mdoc')).replace('TiltAngle = 32.984', 'TiltAngle = 0.003');
  for (let i = 993; i <= 996; i++) {
    const name = `grid2_sq07_00${i}_0.0_Oct08_07.${i - 954}.05.tif`;
    tree[`frames/${name}`] = tiffMovie(12, 8);
    tree[`frames/${name}.mdoc`] = mdoc.replace(/SubFramePath = .*/, `SubFramePath = X:\\session\\frames\\${name}`);
  }
  return tree;
}

/** Relativistic electron wavelength at 200 kV in Å (λ = h / √(2 m e V (1 + e V / 2 m c²)) = 0.02508 Å). */
const LAMBDA_200KV = 0.02508;

/**
 * A MicroED (3D ED / cRED) experiment as instamatic writes it — SMV/data/NNNNN.img frames (continuous rotation,
 * 0.5° per frame), SMV/XDS.INP and XDS's reflection files and CORRECT.LP, the cRED log — plus a DIALS processing
 * folder (imported.expt, indexed/integrated .refl and .expt, logs).
 */
function microEdExperiment(): Tree {
  const e = 'experiment_1';
  const tree: Tree = {
    [`${e}/cRED_log.txt`]: 'Program: instamatic\nData collection: continuous rotation electron diffraction\nStarting angle: -30.00 degrees\nEnding angle: -24.00 degrees\nRotation speed: 0.500 degrees/frame\nExposure time: 0.5 s\nCamera length: 525 mm\nHigh tension: 200 kV\nWavelength: 0.02508 Angstrom\n',
    [`${e}/SMV/XDS.INP`]: writeXdsInp({ wavelengthA: LAMBDA_200KV }),
    [`${e}/SMV/INTEGRATE.HKL`]: writeXdsAscii({ outputFile: 'INTEGRATE.HKL', wavelengthA: LAMBDA_200KV, spaceGroup: 96 }),
    [`${e}/SMV/XDS_ASCII.HKL`]: writeXdsAscii({ outputFile: 'XDS_ASCII.HKL', wavelengthA: LAMBDA_200KV, spaceGroup: 96 }),
    [`${e}/dials/imported.expt`]: writeDialsExpt({ wavelengthA: LAMBDA_200KV, probe: 'electron', template: `../${e}/SMV/data/#####.img` }),
    [`${e}/dials/indexed.expt`]: writeDialsExpt({ wavelengthA: LAMBDA_200KV, probe: 'electron', template: `../${e}/SMV/data/#####.img` }),
    [`${e}/dials/indexed.refl`]: writeDialsRefl({ rows: 40 }),
    [`${e}/dials/integrated.refl`]: writeDialsRefl({ rows: 80 }),
  };
  for (let i = 0; i < 12; i++) tree[`${e}/SMV/data/${String(i + 1).padStart(5, '0')}.img`] = writeSmv({ width: 32, height: 32, oscStart: -30 + 0.5 * i, oscRange: 0.5, wavelengthA: LAMBDA_200KV });
  return tree;
}

/**
 * MicroED on a Talos Arctica with a Ceta camera, recorded by Velox as one .emd per crystal (a continuous-rotation
 * frame series in diffraction mode, stage tilt driven by SerialEM), then processed with DIALS (yamtbx wiki
 * "Processing rac COTE MicroED data": Camera_Nano_Ceta_0009_850_mm.emd, dials.import / dials.generate_mask).
 */
function microEdVelox(): Tree {
  const metadata = (n: number) => ({
    Instrument: { Manufacturer: 'FEI Company', InstrumentClass: 'Talos', InstrumentModel: 'Talos Arctica', ControlSoftwareVersion: '1.19.2' },
    Optics: { AccelerationVoltage: '200000', IlluminationMode: 'Parallel', OperatingMode: 'TEM', ProjectorMode: 'Diffraction', CameraLength: '0.85' },
    Stage: { AlphaTilt: String((-0.52 + 0.01 * n).toFixed(4)) },
    BinaryResult: { PixelSize: { width: '1.400000e-05', height: '1.400000e-05' }, PixelUnitX: '1/m', PixelUnitY: '1/m', Detector: 'BM-Ceta', DetectorIndex: '0', ImageSize: { width: '16', height: '16' } },
    Detectors: { 'Detector-0': { DetectorName: 'BM-Ceta', DetectorType: 'ImagingDetector' } },
    Acquisition: { AcquisitionStartDatetime: { DateTime: '1586772000' } },
  });
  const d = 'microed_cotamd_200413';
  return {
    [`${d}/Camera_Nano_Ceta_0009_850_mm.emd`]: writeVelox({ width: 16, height: 16, frames: 20, metadata: metadata(9) }),
    [`${d}/Camera_Nano_Ceta_0010_850_mm.emd`]: writeVelox({ width: 16, height: 16, frames: 20, metadata: metadata(10), uuid: '3b4c5d6e7f8041929304b5c6d7e8f9a0' }),
    'dials_0009/imported.expt': writeDialsExpt({ wavelengthA: LAMBDA_200KV, probe: 'electron', template: `../${d}/Camera_Nano_Ceta_0009_850_mm.emd` }),
    'dials_0009/indexed.refl': writeDialsRefl({ rows: 30 }),
    'dials_0009/integrated.expt': writeDialsExpt({ wavelengthA: LAMBDA_200KV, probe: 'electron', template: `../${d}/Camera_Nano_Ceta_0009_850_mm.emd` }),
    'dials_0009/integrated.refl': writeDialsRefl({ rows: 60 }),
  };
}

/** A Direct Electron Apollo session: DE-Server movies (MRC) with their _info.txt, as DE-Server autosaves them. */
function deApolloSession(): Tree {
  const tree: Tree = {};
  for (const n of ['00405', '00406', '00407']) {
    tree[`DEOutput/20241021_${n}_movie.mrc`] = writeMrc({ nx: 16, ny: 16, nz: 32, mode: 1, cella: [16 * 0.75, 16 * 0.75, 32 * 0.75] });
    tree[`DEOutput/20241021_${n}_info.txt`] = new TextDecoder().decode(fixture('20241021_00405_info.txt')).replaceAll('00405', n);
  }
  return tree;
}

/** FEI1 single-section header of an EPU integrated image or atlas tile (Falcon 3EC on a Krios, EPU 2.x). */
function feiImage(pixelM: number, magnification: number): Uint8Array {
  const ext = writeFeiExtendedHeader(1, [{ alphaTilt: 0.01, ht: 300_000, pixelSize: pixelM, application: 'EPU', applicationVersion: '2.8.1', microscope: 'Krios G3i', camera: 'BM-Falcon', magnification, dose: 4e20 }]);
  return writeMrc({ nx: 16, ny: 16, nz: 1, mode: 2, exttyp: 'FEI1', extendedHeader: ext, cella: [16 * pixelM * 1e10, 16 * pixelM * 1e10, pixelM * 1e10] });
}

/** An EPU 2 session on a Falcon 3EC: Atlas session (Atlas.dm, tiles), EpuSession.dm, per-exposure integrated .mrc + _Fractions.mrc. */
function epu2FalconSession(): Tree {
  const movie = writeMrc({
    nx: 16,
    ny: 16,
    nz: 6,
    mode: 1,
    exttyp: 'FEI2',
    extendedHeader: writeFeiExtendedHeader(2, Array.from({ length: 6 }, () => ({ alphaTilt: 0.01, ht: 300_000, pixelSize: 1.08e-10, application: 'EPU', applicationVersion: '2.8.1', microscope: 'Krios G3i', camera: 'BM-Falcon', commercialName: 'Falcon 3EC', isDoseFraction: true, dose: 1e20 }))),
    cella: [16 * 1.08, 16 * 1.08, 6 * 1.08],
  });
  const tree: Tree = {
    'Atlas/Atlas.dm': '<?xml version="1.0"?>\n<AtlasSessionXml xmlns="http://schemas.datacontract.org/2004/07/Applications.Epu.Persistence"><Name>Atlas</Name></AtlasSessionXml>\n',
    'Atlas/Tile_1_1.mrc': feiImage(4.9e-7, 155),
    'Atlas/Tile_1_2.mrc': feiImage(4.9e-7, 155),
    'Atlas/Atlas_1.jpg': preview(),
    'Session/EpuSession.dm': real('epu/EpuSession.dm'),
  };
  for (let i = 1; i <= 3; i++) {
    const stem = `Session/Images-Disc1/GridSquare_1823311/Data/FoilHole_1840267_Data_1832256_${i}_20190412_1513${two(20 + i)}`;
    tree[`${stem}.mrc`] = feiImage(1.08e-10, 75_000);
    tree[`${stem}_Fractions.mrc`] = movie;
    tree[`${stem}.jpg`] = preview();
  }
  return tree;
}

/** Thermo Tomography 4 batch output copied from the Windows acquisition PC: FEI1 tilt stacks per position, plus Thumbs.db and desktop.ini. */
function tomo4WindowsCopy(): Tree {
  return {
    'Tomo_20190412/Position_1.mrc': fixture('tomo_ts.mrc'),
    'Tomo_20190412/Position_2.mrc': fixture('tomo_ts.mrc'),
    'Tomo_20190412/Position_3.mrc': fixture('tomo_ts.mrc'),
    'Tomo_20190412/Thumbs.db': writeOle2(),
    'Tomo_20190412/desktop.ini': writeDesktopIni(),
  };
}

/** A SerialEM Navigator file (autodoc: AdocVersion, then one [Item = label] section per map or acquisition point). */
function navigator(items: readonly (readonly [label: string, mapFile: string | null])[]): string {
  const head = 'AdocVersion = 2.00\nLastSavedAs = X:\\session\\grid3\\grid3.nav\n\n';
  return head + items.map(([label, map], i) => `[Item = ${label}]\nColor = ${map ? 2 : 0}\nStageXYZ = ${(12.5 * i).toFixed(3)} -40.125 54.986\nNumPts = 1\nRegis = 1\nType = ${map ? 2 : 0}\n${map ? `MapFile = X:\\session\\grid3\\${map}\nMapMontage = 1\n` : 'Acquire = 1\n'}PtsX = ${(12.5 * i).toFixed(3)}\nPtsY = -40.125\n`).join('\n');
}

/** A SerialEM cryo-ET session folder: the grid atlas (LMM.mrc montage + mdoc), the Navigator file, and two tilt series. */
function serialEmSessionWithAtlas(): Tree {
  const tree: Tree = {
    'grid3/LMM.mrc': writeMrc({ nx: 8, ny: 8, nz: 62, mode: 1, cella: [8 * 656.139, 8 * 656.139, 62 * 656.139], labels: ['SerialEM: Titan Krios D3692 at Institut Pasteur         25-Mar-21  16:59:53'] }),
    'grid3/LMM.mrc.mdoc': real('mdoc/montage_section.mdoc'),
    'grid3/grid3.nav': navigator([
      ['1', 'LMM.mrc'],
      ['12-1', null],
      ['12-2', null],
    ]),
  };
  for (const ts of ['TS_01', 'TS_02']) {
    tree[`grid3/${ts}.mrc`] = serialEmStack();
    tree[`grid3/${ts}.mrc.mdoc`] = mdocFor(ts);
  }
  return tree;
}

/** An EMPIAR upload folder prepared on a Mac: README, the raw movies of the RELION tutorial set, and macOS clutter. */
function empiarUploadMacCopy(): Tree {
  const tree: Tree = {
    'EMPIAR-10204/README.txt': 'beta-galactosidase, JEOL CRYO ARM 200, K2 Summit counting mode.\nMovies: 24 frames, 0.885 A/pixel, 1.277 e/A^2/frame.\nGain reference: data/gain.mrc (apply with --gain_rot 0 --gain_flip 0).\n',
    'EMPIAR-10204/.DS_Store': writeDsStore(),
    'EMPIAR-10204/data/Movies/._20170629_00021_frameImage.tiff': writeAppleDouble(),
  };
  for (const n of ['00021', '00022', '00023', '00024']) tree[`EMPIAR-10204/data/Movies/20170629_${n}_frameImage.tiff`] = tiffMovie(24);
  return tree;
}

/** CTFFIND4 per-micrograph result text (header comments, then one line of fitted values). */
function ctffindTxt(input: string): string {
  return [
    '# Output from CTFFind version 4.1.14, run on 2025-01-08 16:02:11',
    `# Input file: ${input} ; Number of micrographs: 1`,
    '# Pixel size: 1.056 Angstroms ; acceleration voltage: 300.0 keV ; spherical aberration: 2.70 mm ; amplitude contrast: 0.10',
    '# Box size: 512 pixels ; min. res.: 30.0 Angstroms ; max. res.: 5.0 Angstroms ; min. def.: 5000.0 um; max. def. 50000.0 um',
    '# Columns: #1 - micrograph number; #2 - defocus 1 [Angstroms]; #3 - defocus 2; #4 - azimuth of astigmatism; #5 - additional phase shift [radians]; #6 - cross correlation; #7 - spacing (in Angstroms) up to which CTF rings were fit successfully',
    '1.000000 10864.138672 10575.316406 -61.371788 0.000000 0.142817 3.612195',
    '',
  ].join('\n');
}

/** EPU movies preprocessed outside a pipeline: MotionCor2 sums (plain and dose-weighted, with logs) and CTFFIND4 results. */
function motionCor2CtffindFolder(): Tree {
  const data = 'EPU/Images-Disc1/GridSquare_8999138/Data';
  const tree: Tree = { 'EPU/EpuSession.dm': real('epu/EpuSession.dm') };
  for (const [target, time] of [
    ['9017347_6', '154915'],
    ['9017354_6', '154918'],
  ] as const) {
    const stem = `FoilHole_9015883_Data_${target}_20250108_${time}`;
    tree[`${data}/${stem}.xml`] = real('epu/FoilHole_9015883_Data_9017347_6_20250108_154915.xml');
    tree[`${data}/${stem}_fractions.tiff`] = tiffMovie(8);
    tree[`motioncor2/${stem}_fractions.mrc`] = micrographMrc(1.056);
    tree[`motioncor2/${stem}_fractions_DW.mrc`] = micrographMrc(1.056);
    tree[`motioncor2/${stem}_fractions-Patch-Full.log`] = '# Full-frame alignment shift\n# Frame  Shift X  Shift Y\n    1     0.00     0.00\n    2    -0.41     0.33\n';
    tree[`ctffind4/${stem}_ctf.mrc`] = writeMrc({ nx: 16, ny: 16, nz: 1, mode: 2, cella: [16, 16, 1] });
    tree[`ctffind4/${stem}_ctf.txt`] = ctffindTxt(`motioncor2/${stem}_fractions_DW.mrc`);
  }
  return tree;
}

/**
 * A Dynamo table (.tbl): one particle per line, 35+ numeric columns (Dynamo wiki "Table": 1 tag, 2 aligned, 3 averaged,
 * 4–6 dx dy dz, 7–9 tdrot tilt narot, 10 cc, …, 13 ftype, 14–15 ymintilt ymaxtilt, …, 20 tomo, 21 reg, 22 class,
 * 24–26 x y z).
 */
function dynamoTable(rows: number): string {
  return Array.from({ length: rows }, (_, i) => {
    const cols = new Array<number>(35).fill(0);
    cols[0] = i + 1;
    cols[1] = 1;
    cols[2] = 1;
    cols[9] = 0.21;
    cols[12] = 1;
    cols[13] = -57;
    cols[14] = 60;
    cols[19] = 1 + (i % 2);
    cols[21] = 1;
    cols[23] = 100 + 10 * i;
    cols[24] = 200;
    cols[25] = 60;
    return cols.join(' ');
  }).join('\n') + '\n';
}

/** A Dynamo subtomogram-averaging run: two tomograms, cropped particles (EM format) with crop.tbl, and an alignment project's averages, tables and mask. */
function dynamoProject(): Tree {
  const tree: Tree = {
    'particles_data/crop.tbl': dynamoTable(4),
    'mask.em': writeEm({ nx: 16, ny: 16, nz: 16, comment: 'dynamo mask' }),
    'mpr/results/ite_0001/averages/average_ref_001_ite_0001.em': writeEm({ nx: 16, ny: 16, nz: 16 }),
    'mpr/results/ite_0001/tables/refined_table_ref_001_ite_0001.tbl': dynamoTable(4),
    'mpr/results/ite_0003/averages/average_ref_001_ite_0003.em': writeEm({ nx: 16, ny: 16, nz: 16 }),
    'mpr/results/ite_0003/tables/refined_table_ref_001_ite_0003.tbl': dynamoTable(4),
  };
  for (let i = 1; i <= 4; i++) tree[`particles_data/particle_${String(i).padStart(6, '0')}.em`] = writeEm({ nx: 16, ny: 16, nz: 16, voltageKV: 300 });
  for (const ts of ['TS_01', 'TS_02']) tree[`tomograms/${ts}_rec.mrc`] = tomogramMrc(13.6, 'tilt: Back-projection reconstruction           12-Mar-19  11:30:00', true);
  return tree;
}

/** Single particle over two disks: the EPU session on the microscope storage and the cryoSPARC project on the cluster. */
function spaTwoRoots(): Tree {
  const tree: Tree = {};
  for (const [k, v] of Object.entries(epuK3Session())) tree[`krios-storage/${k}`] = v;
  for (const [k, v] of Object.entries(cryoSparcProject())) tree[`cluster/${k}`] = v;
  return tree;
}

/**
 * Three tilt series, each reconstructed twice (cryo-CARE+IsoNet `_corrected.mrc` and Icecream `_icecream.mrc`), with
 * the raw and refined tilt angles — the file naming of the CryoLithe training set built from EMPIAR-11058 and others.
 */
function tomogramsTwoReconstructions(): Tree {
  const tree: Tree = {};
  for (const ts of ['TS_01', 'TS_02', 'TS_03']) {
    tree[`${ts}.mrc`] = serialEmStack();
    tree[`${ts}.rawtlt`] = writeTilt(TILTS);
    tree[`${ts}.tlt`] = writeTilt(TILTS.map((t) => t + 0.2));
    tree[`${ts}_corrected.mrc`] = writeMrc({ nx: 32, ny: 32, nz: 8, mode: 2, cella: [32 * 13.6, 32 * 13.6, 8 * 13.6] });
    tree[`${ts}_icecream.mrc`] = writeMrc({ nx: 32, ny: 32, nz: 8, mode: 2, cella: [32 * 13.6, 32 * 13.6, 8 * 13.6] });
  }
  return tree;
}

/** EMPIAR-10025 (T20S proteasome, Leginon on a K2): raw frame stacks with the gain normalisation image, and the averaged (aligned) micrographs. */
function empiar10025Leginon(): Tree {
  const px = 0.6575;
  const tree: Tree = { '14sep05c_raw_196/norm-amibox05-0.mrc': writeMrc({ nx: 16, ny: 16, nz: 1, mode: 2, cella: [16 * px, 16 * px, px] }) };
  for (const hl of ['00010', '00011', '00012']) {
    const stem = `14sep05c_c_00003gr_00014sq_${hl}hl_00002es`;
    tree[`14sep05c_raw_196/${stem}.frames.mrc`] = writeMrc({ nx: 16, ny: 16, nz: 8, mode: 2, cella: [16 * px, 16 * px, 8 * px] });
    tree[`14sep05c_averaged_196/${stem}_c.mrc`] = micrographMrc(px);
  }
  return tree;
}

/** A particles-only EMPIAR image set: RELION particle stacks <micrograph>_particles.mrcs and the STAR file that lists them. */
function particleStackDeposit(): Tree {
  return {
    'particles/particles.star': real('star/rln3.1_data_style.star'),
    'particles/0001_sum_particles.mrcs': particleStack(40, 1.04, RELION_LABEL),
  };
}

/** Every cryo-EM / cryo-ET / MicroED layout of the gallery. */
export const CRYO_LAYOUTS: readonly StudyLayout[] = [
  {
    id: 'serialem-tilt-series-session',
    title: 'SerialEM tomography session: TS_NN.mrc stacks with their .mrc.mdoc',
    source:
      'SerialEM help, "Tilt series" and "Autodoc files": SerialEM saves each tilt series as an MRC stack and writes its per-view metadata (TiltAngle, PixelSpacing, Voltage) to stack.mrc.mdoc beside it; EMPIAR-10164 lists tilt series as TS_NN.mrc with TS_NN.mrc.mdoc. mdoc bytes: teamtomo/mdocfile tests/test_data/tilt_series.mdoc.',
    tree: serialEmSession,
    expected: [
      ['tomo/TS_*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['tomo/TS_*.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'epu-spa-session-k3-tiff',
    title: 'EPU single-particle session (K3): EpuSession.dm, GridSquare XML/JPEG, FoilHoles thumbnails, Data XML/JPEG and _fractions.tiff movies',
    source:
      'DiamondLightSource/smartem-decisions tests/testdata/epu-dir-example (a real EPU 3.9 directory): EpuSession.dm; Images-Disc1/GridSquare_8999138/GridSquare_20250108_151151.xml + .jpg; FoilHoles/FoilHole_9015889_*.jpg/.xml; Data/FoilHole_9015883_Data_9017347_6_20250108_154915.xml + .jpg. EPU writes the dose-fractionated movie of each Data exposure beside its XML as <stem>_fractions.tiff (Thermo EPU user guide, "Output files"; EMPIAR SPA entries list Data/*_fractions.tiff). GridSquare XML and Data XML are the real files; JPEGs are JFIF placeholders; movies are multi-IFD TIFFs.',
    tree: epuK3Session,
    expected: [
      ['Images-Disc1/GridSquare_8999138/Data/*_fractions.tiff', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['EpuSession.dm', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['Images-Disc1/GridSquare_8999138/GridSquare_*.xml', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['Images-Disc1/GridSquare_8999138/GridSquare_*.jpg', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['Images-Disc1/GridSquare_8999138/FoilHoles/*.jpg', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['Images-Disc1/GridSquare_8999138/Data/*.xml', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['Images-Disc1/GridSquare_8999138/Data/*.jpg', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'epu-spa-session-eer-gain',
    title: 'EPU single-particle session on a Falcon 4i: _EER.eer movies and the EER gain reference',
    source:
      'Thermo Fisher EER format (Falcon 4 "Electron Event Representation" whitepaper and the EER reader in RELION, relion.readthedocs.io "EER data": movies *.eer with their acquisition XML in TIFF tag 65001, gain reference *.gain with defects XML in tag 65100, passed as --gain to motion correction); EPU names EER movies FoilHole_<hole>_Data_<target>_<n>_<date>_<time>_EER.eer under Images-Disc1/GridSquare_*/Data (EPU-reading pipelines assume "the XML prefix + _EER.eer" and switch suffix between _EER.eer and _fractions.tiff), with the session gain reference <date>_<time>_EER_GainReference.gain at the session root.',
    tree: epuEerSession,
    expected: [
      ['Images-Disc1/**/*_EER.eer', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['*_EER_GainReference.gain', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['EpuSession.dm', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'tomo5-tilt-series-eer',
    title: 'Thermo Tomography 5 batch session: <position>.mdoc and <position>/Frames/*_EER.eer tilts, with the EER gain reference',
    source:
      'TomoBabel/cets-aretomo3 tests/data/Position_16_3.mdoc (a real Tomography 5 mdoc: "[T = Tomography: KRIOS-…]", ImageFile = 24jul16a_Position_16_3.mrc, SubFramePath = 24jul16a_Position_16_3/Frames/24jul16a_Position_16_3_001_0.00_20240716_204232_EER.eer, dose-symmetric tilts); DiamondLightSource/cryoem-services _get_tilt_angle_v5_12 parses Tomo 5.12 names {tilt_series}_{tilt_number}_{angle}_{timestamp}.',
    tree: tomo5Session,
    expected: [
      ['*/Frames/*_EER.eer', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['*.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['*_EER_GainReference.gain', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'serialem-frames-empiar-10164',
    title: 'SerialEM tilt series with per-tilt frames (EMPIAR-10164): frames/TS_NN_iii_angle.mrc, TS_NN.mrc, TS_NN.mrc.mdoc',
    source:
      'EMPIAR-10164 (HIV-1 VLPs, EMBL Krios, SerialEM): per-tilt frame stacks named TS_01_000_0.0.mrc … (the SubFramePath of its mdoc, teamtomo/mdocfile tests/test_data/tilt_series.mdoc: D:\\DATA\\Flo\\HGK149_20151130\\frames\\TS_01_000_0.0.mrc, NumSubFrames = 8, 1.35 Å unbinned) with the TS_01.mrc stack and TS_01.mrc.mdoc; the RELION 5 STA tutorial imports exactly these frames and mdocs.',
    tree: serialEmFramesSession,
    expected: [
      ['*/frames/*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['*/TS_??.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['*/TS_??.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'serialem-batch-many-tilt-series',
    title: 'SerialEM batch tomography: 12 tilt series (SERI extended headers) with mdocs under tomo/',
    source:
      'SerialEM help, "Batch tomography" (Navigator acquire at items: one TS_NN.mrc stack + .mrc.mdoc per target in one folder); large EMPIAR cryo-ET depositions (e.g. EMPIAR-11830, the Chlamydomonas visual-proteomics set) list hundreds to thousands of such tilt series. SERI extended header: SerialEM "MRC header" doc (tilt angle × 100 as a short per section).',
    tree: serialEmManySession,
    expected: [
      ['tomo/TS_??.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['tomo/TS_??.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'imod-etomo-dataset-folder',
    title: 'IMOD/etomo dataset folder: .st, .rawtlt, .tlt, .prexf, .xf, .fid, .ali, .com, .edf and the _rec.mrc tomogram',
    source:
      'IMOD etomo tutorial and file-naming conventions (bio3d.colorado.edu/imod/doc/etomoTutorial.html, "Files produced"): raw stack <name>.st, <name>.rawtlt, prealignment <name>.prexf, fiducial model <name>.fid, final transforms <name>.xf and tilt angles <name>.tlt, aligned stack <name>.ali, command files newst.com/align.com/tilt.com, dataset <name>.edf, tomogram <name>_rec.mrc (IMOD ≥ 4.11; earlier <name>.rec). cryoet-alignment (teamtomo) reads the same basename.xf/.tlt layout.',
    tree: imodEtomoFolder,
    expected: [
      ['TS_03/TS_03.st', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['TS_03/TS_03.ali', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['TS_03/TS_03_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
      // .rawtlt holds the stage angles as acquired (acquisition metadata); .tlt the angles tiltalign refined (a processing result).
      ['TS_03/TS_03.rawtlt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['TS_03/TS_03.tlt', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['TS_03/TS_03.*xf', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['TS_03/TS_03.fid', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['TS_03/TS_03.edf', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['TS_03/*.com', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'aretomo3-output-folder',
    title: 'AreTomo3 output: <stem>.mrc tilt stack and .mdoc, <stem>.aln, <stem>_TLT.txt, <stem>_Vol.mrc tomogram',
    source:
      'AreTomo2/AreTomo3 source CSaveAlnFile.cpp (writes "# AreTomo Alignment / Priims bprmMn", "# RawSize", "# NumPatches", global rows SEC ROT GMAG TX TY SMEAN SFIT SCALE BASE TILT); TomoBabel/cets-aretomo3 src/cets_aretomo3/discover.py (the files AreTomo3 leaves next to its .aln: <stem>.mrc, <stem>_TLT.txt, <stem>_CTF.txt, <stem>_Vol.mrc, <stem>.mdoc) and tests/data/Position_16_3.aln (31 sections, 4096×4096).',
    tree: areTomoOutput,
    expected: [
      ['*_Vol.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
      ['Position_*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['*.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['*.aln', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['*_TLT.txt', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'warptools-tilt-series-processing',
    title: 'WarpTools tilt-series processing: frames/, mdocs/, warp_frameseries (XML, average/), warp_tiltseries (XML, tiltstack/, reconstruction/)',
    source:
      'WarpTools quick start for tilt series (warpem.github.io/warp/user_guide/warptools/quick_start_warptools_tilt_series/): create_settings writes warp_frameseries.settings / warp_tiltseries.settings; fs_motion_and_ctf writes warp_frameseries/<movie>.xml and average/<movie>.mrc; ts_import + ts_stack write warp_tiltseries/<ts>.xml and tiltstack/<ts>/<ts>.st + .rawtlt; ts_reconstruct writes reconstruction/<ts>_10.00Apx.mrc. Raw frames in frames/, SerialEM mdocs in mdocs/, as the tutorial lays them out; downstream tools read warp_frameseries/average/<movie>.mrc and warp_frameseries/<movie>.xml by these names.',
    tree: warpTiltSeries,
    expected: [
      ['frames/*.tif', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['mdocs/*.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['warp_frameseries/average/*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['warp_frameseries/*.xml', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['warp_tiltseries/tiltstack/*/*.st', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['warp_tiltseries/tiltstack/*/*.rawtlt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['warp_tiltseries/*.xml', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['warp_tiltseries/reconstruction/*.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
    ],
  },
  {
    id: 'relion5-spa-project',
    title: 'RELION 5 single-particle project: Movies/, Import, MotionCorr, CtfFind, Extract, Class2D, Refine3D, MaskCreate, PostProcess',
    source:
      'RELION 5 single-particle tutorial (relion.readthedocs.io/en/release-5.0/SPA_tutorial): raw movies Movies/20170629_000NN_frameImage.tiff (β-galactosidase, EMPIAR-10204 subset, 0.885 Å) and gain; jobs Import/job001/movies.star, MotionCorr/job002/corrected_micrographs.star + Movies/*.mrc/*.star, CtfFind/job003/micrographs_ctf.star, Extract/job007/particles.star + Movies/*.mrcs, Class2D/job008/run_it025_*, Refine3D/job010/run_class001.mrc + run_half[12]_class001_unfil.mrc, MaskCreate/job011/mask.mrc, PostProcess/job012/postprocess[_masked].mrc + postprocess.star; DiamondLightSource/python-relion docs/usage.rst shows the same stage/job tree.',
    tree: relionSpaProject,
    expected: [
      ['Movies/*.tiff', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['Movies/gain.mrc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['MotionCorr/job002/Movies/*.mrc', 'spa-micrographs', 'EMPIAR', 'row-cryo-em'],
      ['Extract/job007/Movies/*.mrcs', 'spa-particles', 'EMPIAR', 'row-cryo-em'],
      ['Refine3D/job010/*.mrc', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['MaskCreate/job011/mask.mrc', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['PostProcess/job012/*.mrc', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['PostProcess/job012/postprocess.star', 'processing-output', 'EMDB', 'supporting-follows-data'],
      ['Class2D/job008/*', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      // STAR files that list the deposited images (movies, micrographs, particles) are the metadata EMPIAR asks for
      // with those image sets; computed results (motion trajectories, class models, FSC) are processing output.
      ['Import/job001/movies.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['MotionCorr/job002/corrected_micrographs.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['CtfFind/job003/micrographs_ctf.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['Extract/job007/particles.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['**/*.star', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'relion5-tomography-project',
    title: 'RELION 5 tomography project (EMPIAR-10164): frames/, mdoc/, ImportTomo, MotionCorr, AlignTiltSeries, ReconstructTomograms, ReconstructParticleTomo',
    source:
      'RELION 5 subtomogram-averaging tutorial (relion.readthedocs.io/en/release-5.0/STA_tutorial): EMPIAR-10164 frames/*.mrc and mdoc/*.mdoc imported by ImportTomo/job001 (tilt_series.star + tilt_series/TS_01.star), MotionCorr/job002 (corrected_tilt_series.star, frames/*.mrc), AlignTiltSeries/job005 (IMOD external/TS_01/TS_01.xf, .tlt), ReconstructTomograms/job006 (tomograms.star with rlnTomoReconstructedTomogram, tomograms/rec_TS_01.mrc), ReconstructParticleTomo/job010 (merged.mrc, half1.mrc, half2.mrc); tomogram-set format: relion.readthedocs.io Reference/STA/Datatypes/tomogram_set.',
    tree: relionTomoProject,
    expected: [
      ['frames/*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['MotionCorr/job002/frames/*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['mdoc/*.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['ReconstructTomograms/job006/tomograms/rec_TS_01.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
      // First written as EMDB (it names the tomogram); corrected: EMDB takes no RELION STAR metadata for tomograms,
      // and tomograms.star describes the whole tilt-series set (it is the project's tomogram set), so it stays with EMPIAR.
      ['default_pipeline.star', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      // STAR files listing the tilt series / tomograms describe those image sets (see relion5-spa-project).
      ['ReconstructTomograms/job006/tomograms.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['ReconstructParticleTomo/job010/*.mrc', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['AlignTiltSeries/job005/external/TS_01/*', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['**/*.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'cryosparc-project-jobs',
    title: 'cryoSPARC project: J1 import (imported/ movies, .cs), J2 patch motion (motioncorrected/), J5 extract (extract/), J10 refinement maps',
    source:
      'cryoSPARC guide, "Job directories and outputs" (guide.cryosparc.com): each job writes J<n>/job.json and its outputs; import symlinks movies into J1/imported/<uid>_<name>; Patch Motion writes motioncorrected/<uid>_<name>_patch_aligned_doseweighted.mrc and J2_passthrough_exposures.cs; Extract writes extract/<uid>_<name>_particles.mrc and extracted_particles.cs; refinements write J<n>_<iter>_volume_map.mrc, _map_half_A/B.mrc, _map_sharp.mrc, _mask_fsc.mrc (names also used by brisvag/cs2star and tribell4310/reliosparc). .cs bytes: cryoem-uoft/cryosparc-tools tests/data/4k_dataset.cs.',
    tree: cryoSparcProject,
    expected: [
      ['CS-apoferritin/J1/imported/*.tiff', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['CS-apoferritin/J2/motioncorrected/*.mrc', 'spa-micrographs', 'EMPIAR', 'row-cryo-em'],
      ['CS-apoferritin/J5/extract/*.mrc', 'spa-particles', 'EMPIAR', 'row-cryo-em'],
      ['CS-apoferritin/J10/*.mrc', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      // .cs datasets listing the deposited exposures and particles are their metadata (like RELION's STAR lists).
      ['CS-apoferritin/J*/*.cs', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['CS-apoferritin/J*/job.json', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'emdb-entry-map-set',
    title: 'EMDB entry files: map/emd_N.map.gz, other/ half maps, masks/, fsc/ XML, header/ XML, images/ PNG',
    source:
      'EMDB FTP archive layout (ftp.ebi.ac.uk/pub/databases/emdb/structures/EMD-3197/: map/emd_3197.map.gz, header/emd-3197-v30.xml, images/emd_3197.png, and for entries with them other/emd_N_half_map_[12].map.gz, masks/emd_N_msk_1.map, fsc/emd_N_fsc.xml); EMDB deposition requires the primary map, half maps and recommends masks and the FSC curve (EMDB "Map deposition" guidelines). Map bytes: ccpem/mrcfile tests/test_data/EMD-3197.map.',
    tree: emdbEntry,
    expected: [
      ['EMD-3197/map/*.map.gz', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['EMD-3197/other/*.map.gz', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['EMD-3197/masks/*.map', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['EMD-3197/fsc/*.xml', 'supporting-metadata', 'EMDB', 'supporting-follows-data'],
      ['EMD-3197/header/*.xml', 'supporting-metadata', 'EMDB', 'supporting-follows-data'],
      ['EMD-3197/images/*.png', 'supporting-metadata', 'EMDB', 'supporting-follows-data'],
    ],
  },
  {
    id: 'cryoet-study-seven-tomograms',
    title: 'Cryo-ET study with 7 tomograms (> 5): 3 representatives to EMDB, the rest to EMPIAR; tilt series to EMPIAR',
    source:
      'EBI image-archiving policy, note 2 ("if there are many, one or a few representative tomograms should be deposited to EMDB; the rest can be deposited to EMPIAR. Raw data (tilt series): EMPIAR only"); the catalog sets "a small number" = 5 and 3 representatives spread evenly over the sorted list (middles of 3 equal runs of 7: indices 1, 3, 5 → TS_02, TS_04, TS_06). Layout: SerialEM tilt series (TS_NN.mrc + .mrc.mdoc as in EMPIAR-10164) and IMOD-reconstructed tomograms (<name>_rec.mrc, IMOD etomo naming) in separate folders.',
    tree: cryoEtManyTomograms,
    expected: [
      ['tilt_series/TS_??.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['tilt_series/TS_??.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['tomograms/TS_02_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative'],
      ['tomograms/TS_04_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative'],
      ['tomograms/TS_06_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative'],
      ['tomograms/TS_0?_rec.mrc', 'cryoet-tomograms', 'EMPIAR', 'note-2-tomograms-rest'],
    ],
  },
  {
    id: 'cryo-clem-two-roots',
    title: 'Correlative cryo-CLEM on two disks: cryo-fluorescence OME-Zarr (mNeonGreen, Reflection) + landmarks; SerialEM lamella tilt series + tomograms',
    source:
      'EBI image-archiving policy note 3 (correlative study with 3D EM: EM to EMPIAR, other modalities and correlation information to the BioImage Archive) with note 2 for the cryo-ET part; cryo-CLEM lamella workflows record cryo-fluorescence stacks with a fluorescent-protein channel and a reflection channel (the reflection image locates the lamella), landmark pairs between LM and TEM maps (BigWarp landmarks CSV: saalfeldlab/bigwarp), and SerialEM tilt series of the lamella. OME-Zarr 0.5 layout: ngff.openmicroscopy.org/0.5 (zarr.json group with multiscales + omero channels, arrays 0/, 1/).',
    roots: ['lm', 'em'],
    tree: cryoClemTwoRoots,
    expected: [
      ['lm/*.ome.zarr/**', 'lm-other', 'BIA', 'note-3-other-modalities'],
      ['lm/registration/*.csv', 'correlation', 'BIA', 'note-3-correlation-info'],
      ['em/tomograms/*_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
      ['em/*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['em/*.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'digitalmicrograph-tem-session',
    title: 'DigitalMicrograph TEM session: DM4 images at 30 kx and a DM3 overview (120 kV, TEM imaging, OneView)',
    source:
      'Gatan DigitalMicrograph file format (DM3/DM4 tag trees: ImageList › ImageTags › Microscope Info › Voltage, Illumination Mode, Imaging Mode, Indicated Magnification; Calibrations › Dimension scale/units — documented by Chris Boothroyd\'s DM3 format notes and read by hyperspy/rosettasciio digitalmicrograph); BioImage Archive 2D TEM studies (e.g. S-BIAD entries of negative-stain / resin-section TEM) deposit DM4 files as recorded. Room-temperature 2D TEM is 2D EM → BioImage Archive.',
    tree: dmTemSession,
    expected: [['grid2/*.dm?', 'em-2d', 'BIA', 'row-2d-em']],
  },
  {
    id: 'serialem-spa-k3-frames',
    title: 'SerialEM single-particle collection on a K3: frame TIFFs with per-movie .mdoc and the CountRef gain reference (DM4)',
    source:
      'SerialEM help, "Saving frames" and "Frame-set metadata": with a K3, SerialEM saves each exposure as a TIFF frame stack with a <name>.tif.mdoc ([FrameSet = 0], GainReference = …dm4, SubFramePath, NumSubFrames) and writes the gain reference as CountRef_*.dm4 (SuperRef_* in super-resolution) beside the frames. mdoc bytes: teamtomo/mdocfile tests/test_data/frame_set_single.mdoc (SubFramePath …\\frames\\s_mmm_00993_33.0_Oct08_07.39.05.tif).',
    tree: serialEmSpaSession,
    expected: [
      ['frames/CountRef_*.dm4', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['frames/*.tif', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['frames/*.tif.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'microed-smv-xds-dials',
    title: 'MicroED (cRED) experiment: SMV/ADSC .img rotation frames (HEADER_BYTES=512, electron wavelength), XDS and DIALS processing',
    source:
      'instamatic (github.com/instamatic-dev/instamatic, docs "cRED" data collection): each experiment_N/ holds SMV/data/00001.img … with an XDS.INP written for them, and cRED_log.txt; SMV layout per dxtbx FormatSMV / FormatSMVTimePix_SU (HEADER_BYTES, SIZE1/2, OSC_START/OSC_RANGE, WAVELENGTH 0.0251 Å at 200 kV). XDS outputs INTEGRATE.HKL / XDS_ASCII.HKL (xds.mr.mpg.de xds_files.html); DIALS electron-diffraction processing writes imported.expt, indexed.expt/.refl, integrated.refl (dials.github.io tutorials). MicroED raw data underpin 3D structures → EMPIAR (policy 1); its processing follows it.',
    tree: microEdExperiment,
    expected: [
      ['experiment_1/SMV/data/*.img', 'microed', 'EMPIAR', 'policy-1-raw-3d-em'],
      ['experiment_1/cRED_log.txt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['experiment_1/SMV/*', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['experiment_1/dials/*', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'microed-velox-emd-dials',
    title: 'MicroED recorded by Velox on a Talos Arctica / Ceta: one diffraction-mode .emd frame series per crystal, DIALS processing',
    source:
      'keitaroyam/yamtbx wiki "Processing rac COTE MicroED data" (Talos Arctica G2 at 200 kV, Ceta camera, images collected with Velox as .emd, stage tilt by SerialEM; Camera_Nano_Ceta_0009_850_mm.emd imported with dials.import after dxtbx.install_format FormatEMD.py). Velox EMD structure and metadata keys (Optics.AccelerationVoltage, ProjectorMode, CameraLength, Stage.AlphaTilt, BinaryResult.PixelSize): hyperspy/rosettasciio rsciio/emd/_emd_velox.py.',
    tree: microEdVelox,
    expected: [
      ['microed_cotamd_200413/*.emd', 'microed', 'EMPIAR', 'policy-1-raw-3d-em'],
      ['dials_0009/*', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'de-apollo-movies-info',
    title: 'Direct Electron Apollo (DE-Server) movies: <date>_<n>_movie.mrc with <date>_<n>_info.txt',
    source:
      'Direct Electron DE-Server autosave: each acquisition writes <dataset>_movie.mrc and <dataset>_info.txt ("Server Software Version", "Camera Model = Apollo", "Frame Count", "Autosave Movie Frames File Path"); sample names and keys from hyperspy/rosettasciio rsciio/tests/data/mrc/20241021_00405_info.txt (read by rosettasciio\'s DE MRC reader).',
    tree: deApolloSession,
    expected: [
      ['DEOutput/*_movie.mrc', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['DEOutput/*_info.txt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'epu2-falcon3-fractions-mrc-with-atlas',
    title: 'EPU 2 session on a Falcon 3EC with its Atlas: Atlas.dm + Tile_*.mrc, EpuSession.dm, integrated FoilHole_*.mrc + _Fractions.mrc movies',
    source:
      'Thermo EPU 2.x output (EPU user guide, "Data output"): the Atlas session (Atlas/Atlas.dm — an AtlasSessionXml — with Tile_*.mrc and Atlas_1.jpg) and the EPU session (EpuSession.dm, Images-Disc1/GridSquare_*/Data/FoilHole_*_Data_*.mrc integrated images with FEI1 extended headers beside FoilHole_*_Data_*_Fractions.mrc dose-fraction stacks with FEI2 headers, as EMPIAR entries of Falcon 3 data list them). FEI extended-header fields: mrcfile dtypes.py (FEI1/FEI2). No per-image XML: the only real EPU Data XML sample is a K3 session and would contradict these headers.',
    tree: epu2FalconSession,
    expected: [
      ['Session/Images-Disc1/**/*_Fractions.mrc', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['Session/Images-Disc1/**/*.mrc', 'spa-micrographs', 'EMPIAR', 'row-cryo-em'],
      ['Session/Images-Disc1/**/*.jpg', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['Session/EpuSession.dm', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      // The atlas is EPU's low-magnification map of the grid for navigation: session metadata of the movies.
      ['Atlas/*', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'tomo4-fei-stacks-windows-copy',
    title: 'Thermo Tomography 4 tilt stacks (FEI1 extended header with per-section alpha tilt) copied with Thumbs.db and desktop.ini',
    source:
      'Thermo Tomography 4 saves each batch position as one MRC stack whose FEI1 extended header records the alpha tilt of every section (mrcfile dtypes.py FEI1 "Alpha tilt", application "Tomography"); Windows Explorer leaves Thumbs.db (OLE2 compound file) and desktop.ini in folders copied from the acquisition PC (Microsoft docs, "desktop.ini" / thumbnail cache).',
    tree: tomo4WindowsCopy,
    expected: [
      ['Tomo_20190412/Position_*.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['Tomo_20190412/Thumbs.db', 'not-data', 'NONE', 'not-research-data'],
      ['Tomo_20190412/desktop.ini', 'not-data', 'NONE', 'not-research-data'],
    ],
  },
  {
    id: 'serialem-session-atlas-navigator',
    title: 'SerialEM cryo-ET session folder: LMM.mrc grid atlas montage + mdoc, the .nav Navigator, and TS_NN tilt series',
    source:
      'SerialEM help, "Navigator" and "Montaging": a session keeps the low-magnification grid map (LMM.mrc, a montage whose .mrc.mdoc has Montage = 1 and [ZValue] PieceCoordinates), the Navigator file (<name>.nav autodoc: AdocVersion, [Item = …] with StageXYZ, MapFile, Acquire) and the tilt series acquired at the Navigator points. Montage mdoc bytes: teamtomo/mdocfile tests/test_data/montage_section.mdoc (ImageFile = LMM.mrc, 656 Å pixels, 135× magnification).',
    tree: serialEmSessionWithAtlas,
    expected: [
      ['grid3/TS_??.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['grid3/TS_??.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      // The atlas and the Navigator are how the tilt-series targets were found: session metadata of the tilt series.
      ['grid3/LMM.mrc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['grid3/LMM.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['grid3/grid3.nav', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'empiar-upload-folder-mac-copy',
    title: 'An EMPIAR upload folder staged on a Mac: README, data/Movies/*.tiff (24-frame K2 movies), .DS_Store and ._ AppleDouble files',
    source:
      'EMPIAR-10204 (β-galactosidase, JEOL CRYO ARM 200, K2; the RELION tutorial subset: Movies/20170629_000NN_frameImage.tiff, 0.885 Å, 24 frames at 1.277 e/Å² per frame — RELION tutorial and biochem-fan\'s RELION/Warp gist); EMPIAR deposition guidelines (empiar.org/deposition: data in a top-level folder with a README); macOS Finder writes .DS_Store and ._<name> AppleDouble files on non-HFS volumes (Apple TN "AppleSingle/AppleDouble formats").',
    tree: empiarUploadMacCopy,
    expected: [
      ['EMPIAR-10204/.DS_Store', 'not-data', 'NONE', 'not-research-data'],
      ['EMPIAR-10204/data/Movies/._*', 'not-data', 'NONE', 'not-research-data'],
      ['EMPIAR-10204/data/Movies/*.tiff', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['EMPIAR-10204/README.txt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'motioncor2-ctffind4-on-epu',
    title: 'EPU movies preprocessed by hand: motioncor2/ sums (<name>.mrc, <name>_DW.mrc, -Patch-Full.log) and ctffind4/ (<name>_ctf.mrc spectra, _ctf.txt)',
    source:
      'MotionCor2 user manual (Zheng et al. 2017; -OutMrc <name>.mrc with -Kv/-PixSize/-FmDose writes the sum and the dose-weighted <name>_DW.mrc, and -LogFile writes <name>-Patch-Full.log etc.); CTFFIND4 (Rohou & Grigorieff 2015; grigoriefflab.umassmed.edu ctffind4 docs: diagnostic output <name>_ctf.mrc and the results text <name>_ctf.txt beginning "# Output from CTFFind version 4.1.x"). Raw EPU data as in the smartem-decisions epu-dir-example tree.',
    tree: motionCor2CtffindFolder,
    expected: [
      ['EPU/Images-Disc1/**/*_fractions.tiff', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['EPU/Images-Disc1/**/*.xml', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['EPU/EpuSession.dm', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['motioncor2/*.mrc', 'spa-micrographs', 'EMPIAR', 'row-cryo-em'],
      ['motioncor2/*.log', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['ctffind4/*', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'dynamo-subtomogram-averaging',
    title: 'Dynamo subtomogram averaging: particles_data/particle_NNNNNN.em + crop.tbl, mpr/results/ite_NNNN/averages/*.em and tables/*.tbl, mask.em',
    source:
      'Dynamo wiki (wiki.dynamo.biozentrum.unibas.ch): dtcrop writes particle_<tag>.em into a data folder with crop.tbl; an alignment project writes <project>/results/ite_NNNN/averages/average_ref_001_ite_NNNN.em and tables/refined_table_ref_001_ite_NNNN.tbl; tables have 35 columns ("Table convention"); volumes are in the TOM/EM format (512-byte header, TOM toolbox tom_emwrite). Subtomograms are cryo-ET data (EMPIAR), the averages are maps (EMDB).',
    tree: dynamoProject,
    expected: [
      ['particles_data/particle_*.em', 'cryoet-subtomograms', 'EMPIAR', 'row-cryo-et'],
      ['mpr/results/*/averages/*.em', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['mask.em', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['tomograms/*_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
      ['**/*.tbl', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'spa-two-roots-epu-and-cryosparc',
    title: 'Single particle on two disks: the EPU session (microscope storage) and the cryoSPARC project (cluster) scanned as two roots',
    source:
      'The smartem-decisions epu-dir-example EPU tree and the cryoSPARC job layout of cryosparc-project-jobs (cryoSPARC guide, job directories), as a facility keeps them: raw data on the microscope storage server, processing on the cluster. Same routing as each alone: movies, micrographs, particles → EMPIAR; maps → EMDB.',
    roots: ['krios-storage', 'cluster'],
    tree: spaTwoRoots,
    expected: [
      ['krios-storage/Images-Disc1/GridSquare_8999138/Data/*_fractions.tiff', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['krios-storage/**', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['cluster/CS-apoferritin/J1/imported/*.tiff', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['cluster/CS-apoferritin/J2/motioncorrected/*.mrc', 'spa-micrographs', 'EMPIAR', 'row-cryo-em'],
      ['cluster/CS-apoferritin/J5/extract/*.mrc', 'spa-particles', 'EMPIAR', 'row-cryo-em'],
      ['cluster/CS-apoferritin/J10/*.mrc', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['cluster/CS-apoferritin/J*/*.cs', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['cluster/CS-apoferritin/J*/job.json', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'tomograms-two-reconstructions-each',
    title: 'Three tilt series, each with two reconstructions (cryo-CARE+IsoNet _corrected.mrc, Icecream _icecream.mrc): 3 tomograms, 6 files',
    source:
      'sada-group/CryoLithe-training-dataset README (Hugging Face; tilt series from EMPIAR-11058 and others): ".rawtlt or .tlt = tilt angles, _corrected.mrc = cryo-CARE+IsoNet reconstruction, _icecream.mrc = Icecream reconstruction, other .mrc = tilt series". Policy note 2 counts tomograms, i.e. reconstructed volumes of distinct tilt series: 3 here (≤ 5), so all go to EMDB — a second reconstruction of the same tilt series is deposited with it (EMDB "additional map"), it does not make the study one of "many" tomograms.',
    tree: tomogramsTwoReconstructions,
    expected: [
      ['TS_0?_corrected.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
      ['TS_0?_icecream.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
      ['TS_0?.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['TS_0?.rawtlt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['TS_0?.tlt', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'empiar-10025-leginon-frames',
    title: 'EMPIAR-10025 (Leginon, K2): 14sep05c_raw_196/*.frames.mrc movies + norm-amibox05-0.mrc gain, 14sep05c_averaged_196/*_c.mrc sums',
    source:
      'EMPIAR-10025 (T20S proteasome, 0.6575 Å): raw Leginon frame stacks <session>_c_<NNNNN>gr_<NNNNN>sq_<NNNNN>hl_<NNNNN>es.frames.mrc in 14sep05c_raw_196/ with the gain normalisation norm-amibox05-0.mrc (used as "-Gain ../14sep05c_raw_196/norm-amibox05-0.mrc" in public MotionCor2 wrappers), and the aligned sums in 14sep05c_averaged_196/ named <stem>_c.mrc (as read by public picking scripts and Topaz\'s example image 14sep05c_00024sq_00003hl_00002es_c.mrc). Leginon naming: gr/sq/hl/es = grid, square, hole, exposure targets.',
    tree: empiar10025Leginon,
    expected: [
      ['14sep05c_raw_196/*.frames.mrc', 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['14sep05c_raw_196/norm-amibox05-0.mrc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['14sep05c_averaged_196/*_c.mrc', 'spa-micrographs', 'EMPIAR', 'row-cryo-em'],
    ],
  },
  {
    id: 'empiar-particle-stacks-with-star',
    title: 'A particles-only EMPIAR image set: <micrograph>_particles.mrcs stacks (RELION) and the particles.star listing them',
    source:
      'EMPIAR image-set categories include "picked particles" with their metadata file (empiar.org deposition manual); RELION writes one stack per micrograph, <micrograph>_particles.mrcs, listed by _rlnImageName = NNNNNN@<stack> in the particles STAR with its data_optics block (RELION docs "Conventions & file formats"). STAR bytes: teamtomo/starfile tests/data/rln3.1_data_style.star (its rows name images 000001@0001_sum_particles.mrcs …, 1.04 Å, 300 kV).',
    tree: particleStackDeposit,
    expected: [
      ['particles/*_particles.mrcs', 'spa-particles', 'EMPIAR', 'row-cryo-em'],
      ['particles/particles.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
];
