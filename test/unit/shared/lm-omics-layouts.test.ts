// Layout readers and rules for light microscopy, high-content screening, spatial omics and facility drops:
// each study below is laid out as the software that writes it documents, and the expected routing comes from
// that documentation (cited per test), run through the real layouts, inference and policy.
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/formats/facts';
import type { FormatId } from '../../../shared/formats/format-catalog';
import type { FileKind } from '../../../shared/formats/file-kind';
import type { Fileset } from '../../../shared/model/fileset';
import { withLayouts } from '../../../shared/layouts/apply-layouts';
import { decideStudy, type ScannedFileset } from '../../../shared/study/decide-study';
import { createFileset } from '../../helpers/factories';

const ROOT = '/data/study';

function h<T>(value: T): { value: T; provenance: 'header' } {
  return { value, provenance: 'header' };
}

let seq = 0;

/** A scanned fileset of the given files (relative to the root) in one folder. */
function fs(files: readonly string[], format: FormatId, kind: FileKind, facts: Facts = {}, pattern?: string, folder?: string): ScannedFileset {
  const first = files[0]!;
  const slash = first.lastIndexOf('/');
  const directory = folder ?? (slash < 0 ? '.' : first.slice(0, slash));
  const name = first.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const { modality: _m, confidence: _c, destination: _d, clauseId: _k, reason: _r, omicsArchive: _o, overridden: _v, policyNotes: _n, ...rest } = createFileset({
    id: `s${++seq}`,
    root: ROOT,
    directory,
    pattern: pattern ?? name,
    extension: dot > 0 ? name.slice(dot).toLowerCase() : '',
    files: [...files],
    fileCount: files.length,
    format,
    kind,
    facts,
    layouts: [],
    evidence: [],
  });
  const sizes = files.map(() => 1000);
  return { ...rest, sizes, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** Runs the layouts, inference and policy over a study; returns each fileset by id. */
function decide(all: readonly ScannedFileset[]): Map<string, Fileset> {
  const d = decideStudy(withLayouts(all));
  return new Map(d.filesets.map((f) => [f.id, f]));
}

/** modality → destination [clause] of a fileset. */
function route(d: Map<string, Fileset>, f: ScannedFileset): string {
  const r = d.get(f.id)!;
  return `${r.modality} → ${r.destination === 'OMICS' ? `OMICS:${r.omicsArchive}` : r.destination} [${r.clauseId}]`;
}

const plate: Facts = { arrangement: h('plate' as const), plate: h({ rows: 8, columns: 12 }), instrument: h({ manufacturer: 'Yokogawa', model: 'CV7000' }) };

describe('high-content screening: what a plate folder holds besides its screen images', () => {
  // Every plate index the engine reads marks its folder's images as the screen (Bio-Formats OperettaReader,
  // ColumbusReader, CV7000Reader, MetamorphReader HTD, InCellReader: each opens the index as one plate).
  for (const [format, index] of [
    ['opera-index', 'Index.idx.xml'],
    ['columbus-index', 'ImageIndex.ColumbusIDX.xml'],
    ['yokogawa-mlf', 'MeasurementData.mlf'],
    ['yokogawa-mrf', 'MeasurementDetail.mrf'],
    ['metaxpress-htd', 'Plate.HTD'],
    ['incell-xdce', 'Plate.xdce'],
  ] as const) {
    it(`${index}: the images beside the index are high-content screening, even when the index lends a confocal mode`, () => {
      const idx = fs([`plate/${index}`], format, 'metadata', { arrangement: h('plate' as const), imagingMode: h('spinning-disk' as const), channels: h([{ name: 'DAPI', excitationNm: 405 }]) });
      const img = fs(['plate/r01c01f01p01-ch1sk1fk1fl1.tiff'], 'tiff', 'image');
      const d = decide([idx, img]);
      expect(route(d, img)).toBe('hcs → BIA [row-hcs]');
      expect(route(d, idx)).toBe('supporting-metadata → BIA [supporting-follows-data]');
    });
  }

  it('CellVoyager: the SC_ images the .mrf names as ShadingCorrectionSource are calibration, the wells are the screen', () => {
    // test/fixtures/real/hcs/yokogawa_cv7000/MeasurementDetail.mrf: ShadingCorrectionSource="SC_BP445-45_40x_M10_CH01.tif" (…CH02, CH03).
    const mrf = fs(['CV7000/run/MeasurementDetail.mrf'], 'yokogawa-mrf', 'metadata', plate);
    const wells = fs(['CV7000/run/run_B03_T0001F001L01A01Z01C01.tif', 'CV7000/run/run_B03_T0001F001L01A01Z01C02.tif'], 'tiff', 'image', {}, 'run_B03_T0001F001L01A01Z01C##.tif');
    const sc = fs(['CV7000/run/SC_BP445-45_40x_M10_CH01.tif', 'CV7000/run/SC_BP675-30_40x_M10_CH02.tif'], 'tiff', 'image', {}, 'SC_BP###-##_40x_M10_CH##.tif');
    const d = decide([mrf, wells, sc]);
    expect(route(d, wells)).toBe('hcs → BIA [row-hcs]');
    expect(route(d, sc)).toBe('supporting-metadata → BIA [supporting-follows-data]');
  });

  it('Opera .flex: each file is one well of a screen (Bio-Formats FlexReader; IDR idr0001 Meas_NN/RRRCCCFFF.flex)', () => {
    const flex = fs(['Opera/Meas_01/001001000.flex', 'Opera/Meas_01/001002000.flex'], 'opera-flex', 'image', {}, '#########.flex');
    expect(route(decide([flex]), flex)).toBe('hcs → BIA [row-hcs]');
  });

  it('CellVoyager: a measurement titled SC_… keeps its wells as screen images (they carry the well/T/F/L/A/Z/C name)', () => {
    const mlf = fs(['cv2/MeasurementData.mlf'], 'yokogawa-mlf', 'metadata', plate);
    const wells = fs(['cv2/SC_screen_B03_T0001F001L01A01Z01C01.tif'], 'tiff', 'image');
    expect(route(decide([mlf, wells]), wells)).toBe('hcs → BIA [row-hcs]');
  });

  it('MetaXpress: _thumb previews of the sites are processing output; the site images are the screen', () => {
    // Bio-Formats MetaxpressTiffReader.getTiffFiles leaves paths containing "_thumb" out of each well's files.
    const htd = fs(['plate/PlateA.HTD'], 'metaxpress-htd', 'metadata', { arrangement: h('plate' as const) });
    const sites = fs(['plate/PlateA_A01_s1_w1C3A6F9E2-0B1D-4E5F-9A8B-7C6D5E4F3A21.tif'], 'tiff', 'image');
    const thumbs = fs(['plate/PlateA_A01_s1_w1_thumbC3A6F9E2-0B1D-4E5F-9A8B-7C6D5E4F3A21.tif'], 'tiff', 'image');
    const d = decide([htd, sites, thumbs]);
    expect(route(d, sites)).toBe('hcs → BIA [row-hcs]');
    expect(route(d, thumbs)).toBe('processing-output → BIA [supporting-follows-data]');
  });

  it('a name ending _thumb under another vendor\'s index stays a screen image (the rule is MetaXpress\'s)', () => {
    const mrf = fs(['cv/MeasurementDetail.mrf'], 'yokogawa-mrf', 'metadata', plate);
    const img = fs(['cv/well_thumb.tif'], 'tiff', 'image');
    expect(route(decide([mrf, img]), img)).toBe('hcs → BIA [row-hcs]');
  });

  it('CellProfiler: the .cppipe and the ExportToSpreadsheet tables are processing output following the plate', () => {
    // CellProfiler manual: pipelines .cppipe; ExportToSpreadsheet <prefix>_Image.csv (ImageNumber first), <prefix>_<Object>.csv, <prefix>_Experiment.csv.
    const htd = fs(['p/PlateA.HTD'], 'metaxpress-htd', 'metadata', { arrangement: h('plate' as const) });
    const sites = fs(['p/PlateA_A01_s1_w1.tif'], 'tiff', 'image');
    const pipe = fs(['p/analysis/measure.cppipe'], 'text', 'document');
    const image = fs(['p/analysis/MyExpt_Image.csv'], 'csv', 'table', { header: h({ headerRow: true, columnNames: 'ImageNumber, FileName_DAPI, Count_Nuclei' }) });
    const expt = fs(['p/analysis/MyExpt_Experiment.csv'], 'csv', 'table', { header: h({ headerRow: false }) });
    const other = fs(['p/analysis/Other_Experiment.csv'], 'csv', 'table', { header: h({ headerRow: false }) });
    const d = decide([htd, sites, pipe, image, expt, other]);
    for (const f of [pipe, image, expt]) expect(route(d, f)).toBe('processing-output → BIA [supporting-follows-data]');
    // An _Experiment.csv without an export of the same prefix beside it is just a table.
    expect(d.get(other.id)!.modality).toBe('supporting-metadata');
  });
});

describe('imaging-based spatial omics: the instrument output folder', () => {
  it('MERSCOPE: cell_by_gene.csv and cell_metadata.csv beside detected_transcripts.csv are the run\'s omics; the mosaics its spatial data', () => {
    // Vizgen MERSCOPE "Output data": region_N/{detected_transcripts.csv, cell_by_gene.csv, cell_metadata.csv, images/mosaic_<stain>_z<z>.tif}.
    const tx = fs(['region_0/detected_transcripts.csv'], 'merscope-transcripts', 'omics', { omics: h({ kind: 'spatial-transcriptomics' as const, platform: 'MERSCOPE' }) });
    const cbg = fs(['region_0/cell_by_gene.csv'], 'csv', 'table');
    const meta = fs(['region_0/cell_metadata.csv'], 'csv', 'table');
    const mosaic = fs(['region_0/images/mosaic_DAPI_z0.tif'], 'tiff', 'image');
    const elsewhere = fs(['other/cell_by_gene.csv'], 'csv', 'table');
    const d = decide([tx, cbg, meta, mosaic, elsewhere]);
    expect(route(d, cbg)).toBe('omics-data → BIA [spatial-omics-imaging-st]');
    expect(route(d, meta)).toBe('omics-data → BIA [spatial-omics-imaging-st]');
    expect(route(d, mosaic)).toBe('spatial-omics-image → BIA [spatial-omics-spatial-data]');
    expect(d.get(elsewhere.id)!.modality).toBe('supporting-metadata');
  });

  it('MERSCOPE: images/manifest.json (microns_per_pixel, mosaic_files) marks the mosaics on its own', () => {
    const manifest = fs(['region_1/images/manifest.json'], 'json', 'metadata', { header: h({ keys: 'microns_per_pixel, bbox_microns, mosaic_width_pixels, mosaic_height_pixels, mosaic_files' }) });
    const mosaic = fs(['region_1/images/mosaic_PolyT_z3.tif'], 'tiff', 'image');
    const d = decide([manifest, mosaic]);
    expect(route(d, mosaic)).toBe('spatial-omics-image → BIA [spatial-omics-spatial-data]');
    expect(route(d, manifest)).toBe('supporting-metadata → BIA [supporting-follows-data]');
  });

  it('Xenium: morphology images below experiment.xenium are spatial data; a matrix with no platform in its header is the bundle\'s', () => {
    // 10x "Understanding Xenium outputs": experiment.xenium, morphology_focus/*.ome.tif, cell_feature_matrix.h5 in one output folder.
    const exp = fs(['out/experiment.xenium'], 'xenium-experiment', 'metadata', { spatial: h({ platform: 'Xenium', role: 'experiment' }), omics: h({ kind: 'spatial-transcriptomics' as const, platform: 'Xenium' }) });
    const focus = fs(['out/morphology_focus/morphology_focus_0000.ome.tif'], 'ome-tiff', 'image', { imagingMode: h('spinning-disk' as const) });
    const matrix = fs(['out/cell_feature_matrix.h5'], 'tenx-h5', 'omics', { omics: h({ kind: 'count-matrix' as const }) });
    const d = decide([exp, focus, matrix]);
    expect(route(d, focus)).toBe('spatial-omics-image → BIA [spatial-omics-spatial-data]');
    expect(route(d, matrix)).toBe('omics-data → BIA [spatial-omics-imaging-st]');
  });

  it('CosMx: the flat files of a run, marked by an exprMat whose header starts fov, cell_ID', () => {
    // CosMx "Basic Data Files" as Giotto importCosMx reads them.
    const expr = fs(['run/R1_exprMat_file.csv'], 'csv', 'table', { header: h({ headerRow: true, columnNames: 'fov, cell_ID, AATK, ABL1' }) });
    const tx = fs(['run/R1_tx_file.csv'], 'csv', 'table');
    const fov = fs(['run/R1_fov_positions_file.csv'], 'csv', 'table');
    const labels = fs(['run/CellLabels/CellLabels_F001.tif'], 'tiff', 'image');
    const d = decide([expr, tx, fov, labels]);
    expect(route(d, expr)).toBe('omics-data → BIA [spatial-omics-imaging-st]');
    expect(route(d, tx)).toBe('omics-data → BIA [spatial-omics-imaging-st]');
    expect(route(d, fov)).toBe('spatial-omics-image → BIA [spatial-omics-spatial-data]');
    expect(route(d, labels)).toBe('spatial-omics-image → BIA [spatial-omics-spatial-data]');
  });

  it('an exprMat-named table without the CosMx columns marks nothing', () => {
    const expr = fs(['run/R1_exprMat_file.csv'], 'csv', 'table', { header: h({ headerRow: true, columnNames: 'gene, count' }) });
    const tx = fs(['run/R1_tx_file.csv'], 'csv', 'table');
    expect(decide([expr, tx]).get(tx.id)!.modality).toBe('supporting-metadata');
  });

  it('mass-spectrometry imaging: the light-microscopy image of the study is its optical (spatial) image', () => {
    // EBI policy "Spatial-omics data": images to the BIA, the omics data (imzML) to MetaboLights.
    const imzml = fs(['MALDI/brain.imzML'], 'imzml', 'omics', { omics: h({ kind: 'mass-spectrometry' as const }), spatial: h({ platform: 'imzML', role: 'mass-spectrometry imaging' }) });
    const he = fs(['histology/brain_HE.ome.tiff'], 'ome-tiff', 'image', { imagingMode: h('brightfield' as const) });
    const d = decide([imzml, he]);
    expect(route(d, imzml)).toBe('omics-data → OMICS:MetaboLights [spatial-omics-metabolomics]');
    expect(route(d, he)).toBe('spatial-omics-image → BIA [spatial-omics-spatial-data]');
    // Without MSI in the study the same image is light microscopy.
    const alone = fs(['histology/brain_HE.ome.tiff'], 'ome-tiff', 'image', { imagingMode: h('brightfield' as const) });
    expect(route(decide([alone]), alone)).toBe('lm-widefield → BIA [row-light-microscopy]');
  });

  it('Space Ranger: metrics_summary.csv and web_summary.html follow the count matrices; an image beside outs/ is the --image tissue image', () => {
    // 10x Space Ranger "Outputs": outs/{metrics_summary.csv, web_summary.html, filtered_feature_bc_matrix.h5, spatial/…}; spaceranger count --image.
    const scale = fs(['S1/outs/spatial/scalefactors_json.json'], 'visium-scalefactors', 'metadata');
    const hires = fs(['S1/outs/spatial/tissue_hires_image.png'], 'png', 'image');
    const matrix = fs(['S1/outs/filtered_feature_bc_matrix.h5'], 'tenx-h5', 'omics', { omics: h({ kind: 'count-matrix' as const, platform: 'Visium' }) });
    const metrics = fs(['S1/outs/metrics_summary.csv'], 'csv', 'table');
    const web = fs(['S1/outs/web_summary.html'], 'text', 'document');
    const he = fs(['S1/image/S1_HE.tif'], 'tiff', 'image');
    const d = decide([scale, hires, matrix, metrics, web, he]);
    expect(route(d, matrix)).toBe('omics-data → OMICS:ArrayExpress [spatial-omics-functional-genomics]');
    expect(route(d, metrics)).toBe('processing-output → OMICS:ArrayExpress [supporting-follows-data]');
    expect(route(d, web)).toBe('processing-output → OMICS:ArrayExpress [supporting-follows-data]');
    expect(route(d, he)).toBe('spatial-omics-image → BIA [spatial-omics-spatial-data]');
  });
});

describe('light microscopy: names and stores that say what the headers do not', () => {
  it('softWoRx: <raw>_SIR.dv and <raw>_SIR_ALX.dv are 3D-SIM reconstructions, <raw>.dv their raw data; <raw>_WF.dv is not SIM', () => {
    // softWoRx OMX SI Reconstruction / Image Registration names (microscope-metrics Argolight data: …_SIR_ALX.dv beside …_WF_ALX).
    const raw = fs(['OMX/cell_001.dv'], 'deltavision', 'image', { channels: h([{ emissionNm: 525 }]) });
    const sir = fs(['OMX/cell_001_SIR.dv'], 'deltavision', 'image', { channels: h([{ emissionNm: 525 }]) });
    const alx = fs(['OMX/cell_001_SIR_ALX.dv'], 'deltavision', 'image', { channels: h([{ emissionNm: 525 }]) });
    const wf = fs(['OMX/other_002_WF.dv'], 'deltavision', 'image', { channels: h([{ emissionNm: 525 }]) });
    const d = decide([raw, sir, alx, wf]);
    for (const f of [raw, sir, alx]) expect(route(d, f)).toBe('lm-super-resolution → BIA [row-light-microscopy]');
    expect(d.get(wf.id)!.modality).toBe('lm-widefield');
  });

  it('a SpimData dataset.xml naming dataset.n5 describes the N5 store, which takes its light-sheet mode', () => {
    // bigdataviewer-core XmlIoN5ImageLoader: <ImageLoader format="bdv.n5"><n5>dataset.n5</n5>.
    const xml = fs(['stitching/dataset.xml'], 'spimdata-xml', 'metadata', { describes: h(['dataset.n5']), imagingMode: h('light-sheet' as const), pixelSize: h({ x: 406 }) });
    const n5 = fs(['stitching/dataset.n5/attributes.json', 'stitching/dataset.n5/setup0/timepoint0/s0/0/0/0'], 'n5', 'container', { dimensions: h({ x: 16, y: 16, z: 8 }) }, 'dataset.n5/', 'stitching');
    const d = decide([xml, n5]);
    expect(route(d, n5)).toBe('lm-light-sheet → BIA [row-light-microscopy]');
    expect(route(d, xml)).toBe('supporting-metadata → BIA [supporting-follows-data]');
  });

  it('ThunderSTORM localisations (frame, x [nm], y [nm]) are processing output of the SMLM frames', () => {
    // ThunderSTORM results table export columns.
    const frames = fs(['STORM/run_MMStack_Pos0.ome.tif'], 'ome-tiff', 'image', { imagingMode: h('super-resolution' as const) });
    const locs = fs(['STORM/analysis/run_localizations.csv'], 'csv', 'table', { header: h({ headerRow: true, columnNames: 'id, frame, x [nm], y [nm], sigma [nm], intensity [photon], uncertainty [nm]' }) });
    const d = decide([frames, locs]);
    expect(route(d, locs)).toBe('processing-output → BIA [supporting-follows-data]');
  });

  it('QuPath: everything in a project folder is processing output; a .geojson export too', () => {
    // QuPath "Projects": project.qpproj, classifiers/, data/<n>/{data.qpdata, server.json, thumbnail.jpg}; "Export objects as GeoJSON".
    const slide = fs(['slides/CMU-1.ome.tiff'], 'ome-tiff', 'image', { imagingMode: h('slide-scanner' as const) });
    const proj = fs(['QP/project.qpproj'], 'json', 'metadata', { header: h({ keys: 'version, createTimestamp, modifyTimestamp, uri, lastID, images' }) });
    const thumb = fs(['QP/data/1/thumbnail.jpg'], 'jpeg', 'image');
    const qpdata = fs(['QP/data/1/data.qpdata'], 'unknown', 'unknown');
    const geo = fs(['exports/CMU-1.geojson'], 'json', 'metadata', { header: h({ keys: 'type, features' }) });
    const d = decide([slide, proj, thumb, qpdata, geo]);
    for (const f of [proj, thumb, qpdata, geo]) expect(route(d, f)).toBe('processing-output → BIA [supporting-follows-data]');
  });
});

describe('whole-slide and multi-file OME-TIFF formats', () => {
  it('an Aperio SVS slide is light microscopy (OpenSlide "Aperio format"); a .companion.ome is the planes\' supporting metadata', () => {
    const svs = fs(['slides/CMU-1.svs'], 'aperio-svs', 'image', { pixelSize: h({ x: 499 }) });
    const planes = fs(['ome/cells_z1.ome.tif'], 'ome-tiff', 'image', { imagingMode: h('confocal' as const) });
    const companion = fs(['ome/cells.companion.ome'], 'ome-companion', 'metadata');
    const d = decide([svs, planes, companion]);
    expect(route(d, svs)).toBe('lm-other → BIA [row-light-microscopy]');
    expect(route(d, companion)).toBe('supporting-metadata → BIA [supporting-follows-data]');
  });
});

describe('facility drops: documents and archives', () => {
  it('OOXML documents accompany the data; a ZIP of LIF files is light microscopy; a ZIP of scripts is processing output', () => {
    const lif = fs(['drop/confocal/Experiment_01.lif'], 'lif', 'image', { imagingMode: h('confocal' as const) });
    const docx = fs(['drop/protocol.docx'], 'docx', 'document');
    const xlsx = fs(['drop/samples.xlsx'], 'xlsx', 'table');
    const backup = fs(['drop/zips/confocal_backup.zip'], 'zip', 'archive', { header: h({ entries: 1, files: 1, contains: 'lif ×1' }) });
    const scripts = fs(['drop/zips/scripts.zip'], 'zip', 'archive', { header: h({ entries: 2, files: 2, contains: 'md ×1, py ×1' }) });
    const mixed = fs(['drop/zips/misc.zip'], 'zip', 'archive', { header: h({ entries: 2, files: 2, contains: 'lif ×1, py ×1' }) });
    const d = decide([lif, docx, xlsx, backup, scripts, mixed]);
    expect(route(d, docx)).toBe('supporting-metadata → BIA [supporting-follows-data]');
    expect(route(d, xlsx)).toBe('supporting-metadata → BIA [supporting-follows-data]');
    // "confocal" in its name and LAS X's LIF inside: confocal light microscopy.
    expect(route(d, backup)).toBe('lm-confocal → BIA [row-light-microscopy]');
    expect(route(d, scripts)).toBe('processing-output → BIA [supporting-follows-data]');
    // Mixed contents say nothing single: the archive stays unread.
    expect(d.get(mixed.id)!.modality).toBe('unknown');
  });
});
