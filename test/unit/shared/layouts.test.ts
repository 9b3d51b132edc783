import type { FileKind } from '../../../shared/formats/file-kind';
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/formats/facts';
import type { FormatId } from '../../../shared/formats/format-catalog';
import { applyLayouts } from '../../../shared/layouts/apply-layouts';
import type { LayoutFileset } from '../../../shared/layouts/types';

let n = 0;
function fs(directory: string, files: string[], format: FormatId, facts: Facts = {}, kind: FileKind = 'image'): LayoutFileset {
  return { id: `f${n++}`, root: '/study', directory, pattern: files[0]!.split('/').pop()!, files: files.map((f) => (directory === '.' ? f : `${directory}/${f}`)), format, kind, facts };
}

/** Flattens the additions to rows: [fileset pattern, layout kinds, borrowed fact names with provenance]. */
function rows(all: LayoutFileset[]) {
  const add = applyLayouts(all);
  return all
    .filter((f) => add.has(f.id))
    .map((f) => {
      const a = add.get(f.id)!;
      return [f.pattern, a.layouts.map((l) => l.kind).join(','), Object.entries(a.facts).map(([k, v]) => `${k}:${(v as { provenance: string }).provenance}`).sort().join(',')];
    });
}

const tilt = { tiltAngles: { value: { min: -60, max: 60, count: 41 }, unit: 'deg' as const, provenance: 'header' as const }, pixelSize: { value: { x: 0.2 }, unit: 'nm' as const, provenance: 'header' as const } };

describe('layouts', () => {
  it('pairs a SerialEM mdoc with its stack and lends it the tilt angles, not overriding the stack’s own header', () => {
    const stack = fs('tomo', ['TS_01.mrc'], 'mrc', { pixelSize: { value: { x: 0.25 }, unit: 'nm', provenance: 'header' } });
    const mdoc = fs('tomo', ['TS_01.mrc.mdoc'], 'mdoc', tilt, 'metadata');
    expect(rows([stack, mdoc])).toEqual([
      ['TS_01.mrc', 'serialem-acquisition', 'tiltAngles:sidecar'],
      ['TS_01.mrc.mdoc', 'serialem-acquisition', ''],
    ]);
    expect(applyLayouts([stack, mdoc]).get(stack.id)!.facts.tiltAngles?.source).toBe('tomo/TS_01.mrc.mdoc');
  });

  it('pairs an mdoc named after the stem (TS_02.mdoc → TS_02.st) and an IMOD .rawtlt with its .st', () => {
    const st = fs('a', ['TS_02.st'], 'mrc');
    const mdoc = fs('a', ['TS_02.mdoc'], 'mdoc', tilt, 'metadata');
    const st3 = fs('b', ['TS_03.st'], 'mrc');
    const raw = fs('b', ['TS_03.rawtlt'], 'imod-tilt', { tiltAngles: tilt.tiltAngles }, 'metadata');
    const r = rows([st, mdoc, st3, raw]);
    expect(r).toContainEqual(['TS_02.st', 'serialem-acquisition', 'pixelSize:sidecar,tiltAngles:sidecar']);
    expect(r).toContainEqual(['TS_03.st', 'imod-tilt-series', 'tiltAngles:sidecar']);
  });

  it('pairs an mdoc with nothing when no data file has its name', () => {
    expect(rows([fs('x', ['lonely.mrc.mdoc'], 'mdoc', tilt, 'metadata'), fs('x', ['other.mrc'], 'mrc')])).toEqual([]);
  });

  it('marks an EPU session and pairs each exposure record (XML) with its _Fractions movie, which it names a movie', () => {
    // EPU writes FoilHole_<hole>_Data_<acq>_<n>_<date>_<time>.xml beside <same stem>_Fractions.tiff (docs/formats.md §7).
    const session = fs('epu', ['EpuSession.dm'], 'epu-session', {}, 'metadata');
    const xml = fs('epu/Images-Disc1/GridSquare_1/Data', ['FoilHole_1_Data_2.xml'], 'epu-xml', { voltageKV: { value: 300, unit: 'kV', provenance: 'header' }, creator: { value: 'EPU', provenance: 'header' } }, 'metadata');
    const movies = fs('epu/Images-Disc1/GridSquare_1/Data', ['FoilHole_1_Data_2_Fractions.tiff'], 'tiff');
    const r = rows([session, xml, movies]);
    expect(r).toContainEqual(['FoilHole_1_Data_2_Fractions.tiff', 'epu-exposure,epu-session', 'arrangement:layout,creator:sidecar,voltageKV:sidecar']);
    expect(r).toContainEqual(['FoilHole_1_Data_2.xml', 'epu-exposure,epu-session', '']);
  });

  it('marks a RELION project and names each job folder', () => {
    const pipeline = fs('relion', ['default_pipeline.star'], 'relion-star', { processing: { value: { tool: 'RELION', kind: 'pipeline' }, provenance: 'header' } }, 'processing');
    const post = fs('relion/PostProcess/job030', ['postprocess.mrc'], 'mrc');
    const outside = fs('maps', ['EMD-1.map'], 'mrc');
    const add = applyLayouts([pipeline, post, outside]);
    expect(add.get(post.id)!.facts.processing?.value).toEqual({ tool: 'RELION', kind: 'PostProcess' });
    expect(add.has(outside.id)).toBe(false);
  });

  it('marks Space Ranger outputs and the tissue images in spatial/', () => {
    const scale = fs('visium/outs/spatial', ['scalefactors_json.json'], 'visium-scalefactors', {}, 'metadata');
    const png = fs('visium/outs/spatial', ['tissue_hires_image.png'], 'png');
    const h5 = fs('visium/outs', ['filtered_feature_bc_matrix.h5'], 'tenx-h5', {}, 'omics');
    const r = rows([scale, png, h5]);
    expect(r).toContainEqual(['tissue_hires_image.png', 'spaceranger-outs', 'spatial:layout']);
    expect(r).toContainEqual(['filtered_feature_bc_matrix.h5', 'spaceranger-outs', '']);
  });

  it('gives the images under an HCS index the plate', () => {
    const index = fs('plate1', ['Index.idx.xml'], 'opera-index', { plate: { value: { rows: 16, columns: 24, wells: 384 }, provenance: 'header' } }, 'metadata');
    const images = fs('plate1/Images', ['r01c01f01p01-ch1sk1fk1fl1.tiff'], 'tiff');
    expect(rows([index, images])).toContainEqual(['r01c01f01p01-ch1sk1fk1fl1.tiff', 'hcs-plate', 'arrangement:layout,plate:layout']);
  });

  it('gives TIA series their .emi metadata and SkyScan projections their log', () => {
    const emi = fs('tia', ['spot.emi'], 'tia-emi', { voltageKV: { value: 200, unit: 'kV', provenance: 'header' } }, 'metadata');
    const ser = fs('tia', ['spot_1.ser', 'spot_2.ser'], 'tia-ser');
    const log = fs('ct', ['scan.log'], 'skyscan-log', { imagingMode: { value: 'X-ray CT', provenance: 'header' } }, 'metadata');
    const proj = fs('ct', ['scan_0001.tif'], 'tiff');
    const r = rows([emi, ser, log, proj]);
    expect(r).toContainEqual(['spot_1.ser', 'tia-series', 'voltageKV:sidecar']);
    expect(r).toContainEqual(['scan_0001.tif', 'skyscan-scan', 'imagingMode:sidecar']);
  });

  it('says a collapsed Zarr store is one', () => {
    const store = { ...fs('light', ['image.ome.zarr/.zattrs', 'image.ome.zarr/0/0'], 'ome-zarr'), pattern: 'image.ome.zarr/' };
    expect(applyLayouts([store]).get(store.id)!.layouts).toEqual([{ kind: 'zarr-store', directory: 'light/image.ome.zarr', marker: 'light/image.ome.zarr/.zattrs' }]);
  });
});
