import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { CONFIDENCE, detection, type Detector } from '../../detector';
import { completeLines, headIncludes, probedHeadText } from '../../kit/text';
import { jsonNumber, jsonString, readJsonObject, startsWithBrace } from '../../kit/json';

/** Visium capture spots are 55 µm across (docs/formats.md §1, 10x Visium row): µm/px ≈ 55 / spot_diameter_fullres. */
const VISIUM_SPOT_UM = 55;
/** Keys of Space Ranger's spatial/scalefactors_json.json (docs/formats.md §1 and §15; scanpy read_visium). */
const SCALEFACTOR_KEYS = ['spot_diameter_fullres', 'tissue_hires_scalef', 'tissue_lowres_scalef', 'fiducial_diameter_fullres'] as const;
/** Data rows of a positions or transcripts table checked (a few dozen prove the column pattern). */
const MAX_TABLE_ROWS = 64;
/** Fewest rows that must match when the file has more. */
const MIN_TABLE_ROWS = 3;
/** tissue_positions.csv (Space Ranger ≥ 2.0) header; v1 tissue_positions_list.csv has the same columns and no header. */
const VISIUM_POSITIONS_HEADER = 'barcode,in_tissue,array_row,array_col,pxl_row_in_fullres,pxl_col_in_fullres';
/** A Visium spot row: 10x barcode with GEM-well suffix, in_tissue 0/1, array row/col, full-resolution pixel row/col. */
const VISIUM_POSITION_ROW = /^"?[ACGTN]{8,}-\d+"?,[01],\d+,\d+,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/;
/** MERSCOPE detected_transcripts.csv columns after the unnamed index column (Vizgen vpt documentation; reference §1). */
const MERSCOPE_COLUMNS = ['barcode_id', 'global_x', 'global_y', 'global_z', 'x', 'y', 'fov', 'gene'] as const;
/** Xenium experiment.xenium keys that identify the run (docs/formats.md §1, 10x Xenium row). */
const XENIUM_KEYS = ['pixel_size', 'panel_name', 'instrument_sn', 'run_name', 'region_name'] as const;

/** Visium spatial/scalefactors_json.json: spot and fiducial diameters in full-resolution pixels, image scale factors. */
export const visiumScalefactorsDetector: Detector = {
  id: 'visium-scalefactors',
  formats: ['visium-scalefactors'],
  sniff: (ctx) => startsWithBrace(ctx.head) && headIncludes(ctx.head, 'spot_diameter_fullres'),
  async detect(ctx) {
    const json = await readJsonObject(ctx);
    if (!json) return null;
    const present = SCALEFACTOR_KEYS.filter((k) => jsonNumber(json[k]) !== undefined);
    const spot = jsonNumber(json['spot_diameter_fullres']);
    if (spot === undefined || present.length < 2) return null;
    const facts: Facts = { spatial: { value: { platform: 'Visium', role: 'scale factors' }, provenance: 'header' } };
    const evidence: Evidence[] = [{ source: 'header', detail: `Space Ranger scale factors: ${present.join(', ')}.`, weight: present.length === SCALEFACTOR_KEYS.length ? 1 : 0.7 }];
    const problems: string[] = [];
    const micronsPerPixel = jsonNumber(json['microns_per_pixel']);
    const binUm = jsonNumber(json['bin_size_um']);
    // Visium HD writes microns_per_pixel (and bin_size_um, with spot_diameter_fullres = bin / µm per px); standard
    // Visium only the spot diameter, so the pixel size is derived from the 55 µm spot.
    let umPerPixel: number | undefined;
    if (micronsPerPixel !== undefined && micronsPerPixel > 0) {
      umPerPixel = micronsPerPixel;
      evidence.push({ source: 'header', detail: `microns_per_pixel = ${micronsPerPixel} (Visium HD): full-resolution image pixel size.`, weight: 0.6 });
    } else if (spot > 0 && binUm !== undefined && binUm > 0) {
      umPerPixel = binUm / spot;
      evidence.push({ source: 'header', detail: `Derived pixel size of the full-resolution image: bin_size_um ${binUm} / spot_diameter_fullres ${spot} px = ${umPerPixel.toFixed(4)} µm.`, weight: 0.5 });
    } else if (spot > 0) {
      umPerPixel = VISIUM_SPOT_UM / spot;
      evidence.push({ source: 'header', detail: `Derived, not read: pixel size of the full-resolution image ≈ 55 µm spot / spot_diameter_fullres ${spot} px = ${umPerPixel.toFixed(4)} µm.`, weight: 0.4 });
    } else {
      problems.push(`spot_diameter_fullres ${spot} is not positive: no pixel size derived.`);
    }
    if (umPerPixel !== undefined && Number.isFinite(umPerPixel)) facts.pixelSize = { value: { x: umPerPixel * 1000, y: umPerPixel * 1000 }, unit: 'nm', provenance: 'header' };
    const header: Record<string, number> = {};
    for (const k of [...SCALEFACTOR_KEYS, 'bin_size_um', 'microns_per_pixel', 'regist_target_img_scalef']) {
      const v = jsonNumber(json[k]);
      if (v !== undefined) header[k] = v;
    }
    facts.header = { value: header, provenance: 'header' };
    return detection('visium-scalefactors', present.length === SCALEFACTOR_KEYS.length ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence, problems });
  },
};

/** Visium tissue_positions_list.csv (v1, no header) or tissue_positions.csv (v2, with the header). */
export const visiumPositionsDetector: Detector = {
  id: 'visium-positions',
  formats: ['visium-positions'],
  sniff: (ctx) => headIncludes(ctx.head.subarray(0, 256), ',') && (headIncludes(ctx.head.subarray(0, 256), 'in_tissue') || /^"?[ACGTN]{8,}-\d/.test(Buffer.from(ctx.head.subarray(0, 32)).toString('latin1'))),
  async detect(ctx) {
    const head = probedHeadText(ctx);
    if (!head) return null;
    const lines = completeLines(head.text, head.complete, MAX_TABLE_ROWS + 1).map((l) => l.trim());
    const withHeader = lines[0]?.replace(/"/g, '') === VISIUM_POSITIONS_HEADER;
    const rows = withHeader ? lines.slice(1) : lines;
    if (rows.length === 0 || (!head.complete && rows.length < MIN_TABLE_ROWS)) return null;
    if (!rows.every((r) => VISIUM_POSITION_ROW.test(r))) return null;
    const inTissue = rows.filter((r) => r.replace(/"/g, '').split(',')[1] === '1').length;
    return detection('visium-positions', CONFIDENCE.STRUCTURE, {
      facts: {
        spatial: { value: { platform: 'Visium', role: 'spot positions' }, provenance: 'header' },
        header: { value: { version: withHeader ? 'tissue_positions.csv (Space Ranger ≥ 2.0, with header)' : 'tissue_positions_list.csv (Space Ranger 1.x, no header)', rowsChecked: rows.length, ...(head.complete ? { spots: rows.length, inTissue } : {}) }, provenance: 'header' },
      },
      evidence: [
        {
          source: 'header',
          detail: `${withHeader ? `Header "${VISIUM_POSITIONS_HEADER}" and` : 'No header;'} ${rows.length} row(s) of barcode, in_tissue (0/1), array_row, array_col, pxl_row_in_fullres, pxl_col_in_fullres: Visium spot positions.`,
          weight: 0.9,
        },
      ],
    });
  },
};

/** Xenium experiment.xenium: JSON with analysis_sw_version "xenium-…", pixel_size (µm), panel and run names. */
export const xeniumExperimentDetector: Detector = {
  id: 'xenium-experiment',
  formats: ['xenium-experiment'],
  sniff: (ctx) => startsWithBrace(ctx.head) && (headIncludes(ctx.head, 'analysis_sw_version') || ctx.ext === '.xenium'),
  async detect(ctx) {
    const json = await readJsonObject(ctx);
    if (!json) return null;
    const software = jsonString(json['analysis_sw_version']);
    const xeniumSoftware = software?.toLowerCase().startsWith('xenium') ?? false;
    const keys = XENIUM_KEYS.filter((k) => json[k] !== undefined);
    if (!xeniumSoftware && !(ctx.ext === '.xenium' && keys.length >= 3)) return null;
    const facts: Facts = {
      spatial: { value: { platform: 'Xenium', role: 'experiment' }, provenance: 'header' },
      omics: { value: { kind: 'spatial-transcriptomics', platform: 'Xenium' }, provenance: 'header' },
    };
    if (software) facts.software = { value: software, provenance: 'header' };
    // The file is written by the Xenium Analyzer itself (instrument_sn names the instrument).
    facts.instrument = { value: { manufacturer: '10x Genomics', model: 'Xenium Analyzer' }, provenance: 'header' };
    const pixelUm = jsonNumber(json['pixel_size']);
    const problems: string[] = [];
    if (pixelUm !== undefined && pixelUm > 0) facts.pixelSize = { value: { x: pixelUm * 1000, y: pixelUm * 1000 }, unit: 'nm', provenance: 'header' };
    else if (json['pixel_size'] !== undefined) problems.push(`pixel_size ${String(json['pixel_size'])} is not a positive number: ignored.`);
    const header: Record<string, string | number> = {};
    for (const k of ['panel_name', 'run_name', 'region_name', 'instrument_sn', 'instrument_sw_version', 'preservation_method', 'panel_organism', 'num_cells', 'z_step_size']) {
      const v = typeof json[k] === 'number' ? jsonNumber(json[k]) : jsonString(json[k]);
      if (v !== undefined) header[k] = v;
    }
    const images = json['images'];
    const morphology = typeof images === 'object' && images !== null ? jsonString((images as Record<string, unknown>)['morphology_filepath']) : undefined;
    if (morphology) header['morphology_filepath'] = morphology;
    facts.header = { value: header, provenance: 'header' };
    return detection('xenium-experiment', xeniumSoftware ? CONFIDENCE.STRUCTURE : CONFIDENCE.WEAK, {
      facts,
      evidence: [
        xeniumSoftware
          ? { source: 'header', detail: `analysis_sw_version "${software}": an experiment.xenium written by the Xenium Analyzer${keys.length ? ` (${keys.join(', ')})` : ''}.`, weight: 1 }
          : { source: 'header', detail: `Xenium run keys ${keys.join(', ')} in a .xenium file, without a Xenium analysis_sw_version.`, weight: 0.5 },
        ...(pixelUm && pixelUm > 0 ? [{ source: 'header' as const, detail: `pixel_size ${pixelUm} µm (morphology image).`, weight: 0.4 }] : []),
        { source: 'header', detail: `Written by a 10x Genomics Xenium Analyzer${header['instrument_sn'] ? ` (instrument_sn ${header['instrument_sn']})` : ''}.`, weight: 0.3 },
      ],
      problems,
    });
  },
};

function isNumber(s: string | undefined): boolean {
  return s !== undefined && s.trim() !== '' && Number.isFinite(Number(s));
}

/** MERSCOPE detected_transcripts.csv (plain or gzip): ",barcode_id,global_x,global_y,global_z,x,y,fov,gene[,transcript_id[,cell_id]]". */
export const merscopeTranscriptsDetector: Detector = {
  id: 'merscope-transcripts',
  formats: ['merscope-transcripts'],
  sniff: (ctx) => headIncludes(ctx.head.subarray(0, 512), 'global_x') || (ctx.head[0] === 0x1f && ctx.head[1] === 0x8b),
  async detect(ctx) {
    const head = probedHeadText(ctx, true);
    if (!head) return null;
    const lines = completeLines(head.text, head.complete, MAX_TABLE_ROWS + 1);
    const columns = (lines[0] ?? '').split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const start = columns[0] === '' ? 1 : 0;
    if (!MERSCOPE_COLUMNS.every((c, i) => columns[start + i] === c)) return null;
    const rows = lines.slice(1).map((l) => l.split(','));
    if (rows.length === 0 || (!head.complete && rows.length < MIN_TABLE_ROWS)) return null;
    const at = (r: string[], name: string) => r[columns.indexOf(name)];
    const ok = rows.every((r) => r.length === columns.length && isNumber(at(r, 'global_x')) && isNumber(at(r, 'global_y')) && /^\d+$/.test(at(r, 'fov') ?? ''));
    if (!ok) return null;
    const extra = columns.slice(start + MERSCOPE_COLUMNS.length).filter(Boolean);
    return detection('merscope-transcripts', CONFIDENCE.STRUCTURE, {
      facts: {
        omics: { value: { kind: 'spatial-transcriptomics', platform: 'MERSCOPE' }, provenance: 'header' },
        spatial: { value: { platform: 'MERSCOPE', role: 'transcripts' }, provenance: 'header' },
        header: { value: { columns: columns.filter(Boolean).join(','), rowsChecked: rows.length, gzipped: head.gzipped }, provenance: 'header' },
      },
      evidence: [
        { source: 'header', detail: `Header ${start ? '(unnamed index column, then) ' : ''}${MERSCOPE_COLUMNS.join(',')}${extra.length ? `,${extra.join(',')}` : ''}; ${rows.length} row(s) with numeric global_x/global_y (µm) and field-of-view numbers: MERSCOPE detected transcripts.`, weight: 1 },
      ],
    });
  },
};
