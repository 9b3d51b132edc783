import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ScanReportSchema, type ScanReport } from '../../shared/model/scan-report';
import { InspectResultSchema } from '../../shared/model/inspect-result';
import { ScanService } from '../../main/services/scan-service';
import type { ScanEvent } from '../../shared/ipc/contract';
import { listRegularFiles, makeTree, numbered, removeTree } from '../helpers/temp-tree';

const REPO = path.join(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'deposit-assistant.js');
const BUILT_SCHEMA = path.join(REPO, 'app', 'dist', 'schema', 'scan-report.schema.json');
const REAL = path.join(REPO, 'test', 'fixtures', 'real');
const DEMO = path.join(REPO, 'demo', 'study');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let validateJsonSchema: ReturnType<Ajv2020['compile']>;
let tree = '';

beforeAll(() => {
  if (!existsSync(BUILT_SCHEMA)) throw new Error(`Build first (npm run build): ${BUILT_SCHEMA} is missing.`);
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  validateJsonSchema = ajv.compile(JSON.parse(readFileSync(BUILT_SCHEMA, 'utf8')) as object);
  const files: Record<string, number | string> = { 'README.txt': 'study notes', 'tomo/TS_01.mdoc': 'PixelSpacing = 1.0\n' };
  for (const n of numbered('vem/slice_%d.tif', 120)) files[n] = 64;
  for (const n of numbered('tomo/TS_01_%d.mrc', 41, 3)) files[n] = 128;
  tree = makeTree(files);
});
afterAll(() => removeTree(tree));

/** Parses stdout as the report, validates it with zod and with the JSON Schema shipped in the build. */
function parseReport(stdout: string): ScanReport {
  const json: unknown = JSON.parse(stdout);
  expect(validateJsonSchema(json), JSON.stringify(validateJsonSchema.errors)).toBe(true);
  return ScanReportSchema.parse(json);
}

describe('deposit-assistant scan --json (built CLI)', () => {
  it('prints one schema-valid report that lists every regular file exactly once', () => {
    const r = run('scan', tree, '--json');
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    const listed = report.filesets.flatMap((f) => f.files);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(listRegularFiles(tree));
    expect(report.filesets.map((f) => [f.directory, f.pattern, f.fileCount])).toEqual([
      ['.', 'README.txt', 1],
      ['tomo', 'TS_01.mdoc', 1],
      ['tomo', 'TS_01_###.mrc', 41],
      ['vem', 'slice_####.tif', 120],
    ]);
    for (const f of report.filesets) expect(f.destination).toBe('REVIEW');
  });

  it('scans the real sample files without a problem', () => {
    const r = run('scan', REAL, '--json');
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.filesets.flatMap((f) => f.files).sort()).toEqual(listRegularFiles(REAL));
    // Every format here is decided from the bytes; the extension never has the last word.
    expect(report.filesets.map((f) => [f.directory, f.pattern, f.format, f.formatSource, f.files.length])).toEqual([
      ['.', 'SOURCES.md', 'text', 'bytes', 1],
      ['cryosparc', '4k_dataset.cs', 'cryosparc-cs', 'bytes', 1],
      ['czi', 's_1_t_1_c_1_z_1.czi', 'czi', 'bytes', 1],
      ['dicom', 'CT_small.dcm', 'dicom', 'bytes', 1],
      ['dicom', 'ExplVR_BigEndNoMeta.dcm', 'dicom', 'bytes', 1],
      ['dicom', 'MR_small.dcm', 'dicom', 'bytes', 1],
      ['epu', 'EpuSession.dm', 'epu-session', 'bytes', 1],
      ['epu', 'FoilHole_9015883_Data_9017347_6_20250108_154915.xml', 'epu-xml', 'bytes', 1],
      ['epu', 'GridSquare_20250108_151151.xml', 'epu-xml', 'bytes', 1],
      ['hcs/yokogawa_cv7000', 'MeasurementData.mlf', 'yokogawa-mlf', 'bytes', 1],
      ['hcs/yokogawa_cv7000', 'MeasurementDetail.mrf', 'yokogawa-mrf', 'bytes', 1],
      ['hdf5', 'adata_v0.11.4.h5ad', 'anndata', 'bytes', 1],
      ['mdoc', 'frame_set_single.mdoc', 'mdoc', 'bytes', 1],
      ['mdoc', 'montage_section.mdoc', 'mdoc', 'bytes', 1],
      ['mdoc', 'tilt_series.mdoc', 'mdoc', 'bytes', 1],
      ['mrc', 'EMD-####.map', 'mrc', 'bytes', 2],
      ['nifti', 'anatomical.nii', 'nifti', 'bytes', 1],
      ['nifti', 'example_nifti2.nii.gz', 'nifti', 'bytes', 1],
      // An OME-Zarr store is one fileset, however many chunk files it holds.
      ['omezarr', 'image-03.zarr/', 'ome-zarr', 'bytes', 9],
      ['omezarr', 'plate-01.zarr.zattrs.json', 'ome-zarr', 'bytes', 1],
      ['spatial/visium_1.0.0', 'filtered_feature_bc_matrix.h5', 'tenx-h5', 'bytes', 1],
      ['spatial/visium_1.0.0/spatial', 'scalefactors_json.json', 'visium-scalefactors', 'bytes', 1],
      ['spatial/visium_1.0.0/spatial', 'tissue_hires_image.png', 'png', 'bytes', 1],
      ['spatial/visium_1.0.0/spatial', 'tissue_positions_list.csv', 'visium-positions', 'bytes', 1],
      ['star', 'default_pipeline.star', 'relion-star', 'bytes', 1],
      ['star', 'postprocess.star', 'relion-star', 'bytes', 1],
      ['star', 'rln3.1_data_style.star', 'relion-star', 'bytes', 1],
      ['tiff', 's_1_t_1_c_1_z_1.ome.tiff', 'ome-tiff', 'bytes', 1],
    ]);
    expect(report.issues).toEqual([]);
  });

  it('keeps stdout clean: problems go to stderr and into the report', () => {
    const broken = makeTree({ 'ok.tif': 1 });
    try {
      symlinkSync('/nowhere', path.join(broken, 'dangling'));
      const r = run('scan', broken, '--json');
      expect(r.code).toBe(0);
      const report = parseReport(r.stdout);
      // The dangling link is reported, not followed; the one-byte .tif is read and honestly unknown.
      expect(report.issues).toMatchObject([
        { code: 'SYMLINK', severity: 'info' },
        { code: 'FORMAT_UNKNOWN', severity: 'info', path: path.join(broken, 'ok.tif') },
      ]);
    } finally {
      removeTree(broken);
    }
  });

  it('exits 1 for a missing root and 2 for a usage error, with nothing on stdout', () => {
    expect(run('scan', '/no/such/dir', '--json')).toMatchObject({ code: 1, stdout: '' });
    expect(run('scan', '--json')).toMatchObject({ code: 2, stdout: '' });
    expect(run('bogus')).toMatchObject({ code: 2, stdout: '' });
  });

  it('produces the same report as the app’s scan service for the same folders', async () => {
    const cliReport = parseReport(run('scan', tree, REAL, '--json').stdout);
    const service = new ScanService();
    const ended = new Promise<ScanEvent>((resolve) => {
      void service.start([tree, REAL], (e) => {
        if (e.type !== 'progress') resolve(e);
      });
    });
    const end = await ended;
    if (end.type !== 'done') throw new Error(end.type);
    const appReport = service.fullReport(end.scanId);
    const strip = (r: ScanReport) => ({ ...r, generatedAt: 'x' });
    expect(strip(appReport)).toEqual(strip(cliReport));
  });
});

describe('routing and the policy (built CLI)', () => {
  it('routes the real sample files as an expert would, each decision citing its clause', () => {
    const report = parseReport(run('scan', REAL, '--json', '--quiet').stdout);
    const rows = report.filesets.map((f) => [`${f.directory}/${f.pattern}`, f.modality, f.destination === 'OMICS' ? `OMICS:${f.omicsArchive}` : f.destination, f.clauseId]);
    expect(rows).toEqual([
      // Documents in a folder of everything: where they go is the user's call.
      ['./SOURCES.md', 'supporting-metadata', 'REVIEW', 'review-supporting-unresolved'],
      ['cryosparc/4k_dataset.cs', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['czi/s_1_t_1_c_1_z_1.czi', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['dicom/CT_small.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
      // No modality, no patient module: a DICOM that does not say what it is waits for a person.
      // An RT plan (Modality RTPLAN) is a human clinical SOP class: locked as patient data whatever its fields
      // say (issue 12, finding 8: "any identifying field present, or a human clinical SOP class").
      ['dicom/ExplVR_BigEndNoMeta.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
      ['dicom/MR_small.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
      ['epu/EpuSession.dm', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['epu/FoilHole_9015883_Data_9017347_6_20250108_154915.xml', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      // EPU's grid-square record (an atlas square's metadata) belongs to the session's data.
      ['epu/GridSquare_20250108_151151.xml', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['hcs/yokogawa_cv7000/MeasurementData.mlf', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['hcs/yokogawa_cv7000/MeasurementDetail.mrf', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['hdf5/adata_v0.11.4.h5ad', 'omics-data', 'OMICS:ArrayExpress', 'spatial-omics-functional-genomics'],
      ['mdoc/frame_set_single.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['mdoc/montage_section.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['mdoc/tilt_series.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['mrc/EMD-####.map', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['nifti/anatomical.nii', 'medical-imaging', 'NONE', 'patient-medical-imaging'],
      ['nifti/example_nifti2.nii.gz', 'medical-imaging', 'NONE', 'patient-medical-imaging'],
      // An OME-Zarr image that states nothing about itself, beside an HCS plate: a hint, not a decision.
      ['omezarr/image-03.zarr/', 'hcs', 'REVIEW', 'review-low-confidence'],
      ['omezarr/plate-01.zarr.zattrs.json', 'hcs', 'BIA', 'row-hcs'],
      ['spatial/visium_1.0.0/filtered_feature_bc_matrix.h5', 'omics-data', 'OMICS:ArrayExpress', 'spatial-omics-functional-genomics'],
      ['spatial/visium_1.0.0/spatial/scalefactors_json.json', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['spatial/visium_1.0.0/spatial/tissue_hires_image.png', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['spatial/visium_1.0.0/spatial/tissue_positions_list.csv', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['star/default_pipeline.star', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['star/postprocess.star', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['star/rln3.1_data_style.star', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['tiff/s_1_t_1_c_1_z_1.ome.tiff', 'lm-confocal', 'BIA', 'row-light-microscopy'],
    ]);
    expect(report.study).toMatchObject({ correlative: false, patientData: true, tomograms: { count: 0, rule: 'none' } });
  });

  it('takes overrides and thresholds, lists what each override matched, and explains itself in the table', () => {
    const picture = path.join(REAL, 'spatial', 'visium_1.0.0', 'spatial', 'tissue_hires_image.png');
    const r = run('scan', REAL, '--json', '--quiet', '--override', `${picture}=other-imaging`, '--override', 'omezarr/image-03.zarr/=BIA', '--override', 'dicom/CT_small.dcm=BIA', '--tomograms-few', '0');
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    const byPattern = (p: string) => report.filesets.find((f) => f.pattern === p)!;
    expect([byPattern('tissue_hires_image.png').modality, byPattern('tissue_hires_image.png').destination, byPattern('tissue_hires_image.png').overridden]).toEqual(['other-imaging', 'BIA', { modality: 'other-imaging' }]);
    expect([byPattern('image-03.zarr/').destination, byPattern('image-03.zarr/').clauseId]).toEqual(['BIA', 'user-override']);
    expect([byPattern('CT_small.dcm').destination, byPattern('CT_small.dcm').clauseId]).toEqual(['NONE', 'patient-identifiable']);
    expect(report.study.options).toEqual({ tomogramsFew: 0, representatives: 3 });
    expect(report.study.overrides.map((o) => [o.matched.length, o.note])).toEqual([
      [1, 'Applied to the fileset spatial/visium_1.0.0/spatial/tissue_hires_image.png.'],
      [1, 'Applied to the fileset omezarr/image-03.zarr/.'],
      [0, 'Not applied: the data it names are patient-identifiable and cannot be deposited at EBI.'],
    ]);
    const text = run('scan', REAL, '--quiet', '--override', 'omezarr/image-03.zarr/=BIA');
    expect(text.stdout).toMatch(/^omezarr\s+image-03\.zarr\/\s+9\s+\S+ KiB\s+OME-Zarr\s+High-content screening \(0\.\d\d\)\s+BioImage Archive \(set by you\)$/m);
    expect(text.stdout).toMatch(/Your override omezarr\/image-03\.zarr\/ → BIA: Applied to the fileset omezarr\/image-03\.zarr\/\./);
  });

  it('refuses an override it cannot read, and thresholds that are not whole numbers, as usage errors', () => {
    expect(run('scan', REAL, '--override', 'x=ARCHIVE')).toMatchObject({ code: 2, stdout: '' });
    expect(run('scan', REAL, '--tomograms-few', 'many')).toMatchObject({ code: 2, stdout: '' });
    expect(run('inspect', path.join(REAL, 'mrc', 'EMD-3197.map'), '--override', 'x=BIA')).toMatchObject({ code: 2, stdout: '' });
    // A threshold where nothing is routed would be silently ignored: it is refused instead.
    const ignored = run('inspect', path.join(REAL, 'mrc', 'EMD-3197.map'), '--tomograms-few', '2');
    expect(ignored).toMatchObject({ code: 2, stdout: '' });
    expect(ignored.stderr).toContain('--tomograms-few and --representatives apply to scan, demo, export and policy only.');
  });

  it('policy prints every clause with its source text, the thresholds in force, and the modality ids', () => {
    const r = run('policy', '--tomograms-few', '9');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tomogramsFew = 9 (--tomograms-few)');
    expect(r.stdout).toContain('[note-2-tomograms-representative] Tomograms: with many, representatives go to EMDB → EMDB');
    expect(r.stdout).toContain('“For correlative studies: 3D EM or X-ray images should be deposited into EMPIAR.”');
    expect(r.stdout).toMatch(/^ {2}vem-fib-sem\s+Volume EM: FIB-SEM$/m);
    const page = JSON.parse(run('policy', '--json').stdout) as { version: string; sections: { clauses: { id: string }[] }[]; modalities: unknown[] };
    expect(page.sections.flatMap((s) => s.clauses.map((c) => c.id))).toContain('patient-identifiable');
    expect(page.modalities.length).toBeGreaterThan(30);
  });
});

describe('deposit-assistant inspect --json and demo (built CLI)', () => {
  it('inspect prints one schema-valid result', () => {
    const r = run('inspect', path.join(REAL, 'mrc', 'EMD-3197.map'), '--json');
    expect(r.code).toBe(0);
    expect(InspectResultSchema.parse(JSON.parse(r.stdout))).toMatchObject({ format: 'mrc', size: 33024 });
  });

  it('demo scans the bundled study', () => {
    const r = run('demo', '--json');
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.roots).toEqual([DEMO]);
    expect(report.totals.files).toBe(listRegularFiles(DEMO).length);
    expect(r.stderr).toContain('bundled demo study');
  });

  it('demo without --json prints the table', () => {
    const r = run('demo');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^maps\s+EMD-####\.map\s+2\s/m);
  });
});
