import type { FileKind } from '../../../shared/formats/file-kind';
// Volume EM, serial sections and X-ray imaging: the readings an expert gives, each with its source.
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../shared/formats/facts';
import type { FormatId } from '../../../shared/formats/format-catalog';
import { conversions, reconstructions } from '../../../shared/layouts/reconstructions';
import type { LayoutFileset } from '../../../shared/layouts/types';
import type { Fileset } from '../../../shared/model/fileset';
import { inferModalities } from '../../../shared/modality/infer';
import { REVIEW_BELOW } from '../../../shared/modality/modalities';
import type { ModalityResult } from '../../../shared/modality/types';
import { createFileset } from '../../helpers/factories';

const ROOT = '/data/study';

function h<T>(value: T): { value: T; provenance: 'header' } {
  return { value, provenance: 'header' };
}

let seq = 0;

/** A fileset: a pattern with `#` is a numbered series of `count` files (12 by default), any other one file. */
function fs(directory: string, pattern: string, format: FormatId, facts: Facts = {}, extra: Partial<Fileset> & { count?: number } = {}): Fileset {
  const { count, ...rest } = extra;
  const run = /#+/.exec(pattern);
  const n = run ? (count ?? 12) : 1;
  const names = run ? Array.from({ length: n }, (_, i) => pattern.replace(run[0], String(i + 1).padStart(run[0].length, '0'))) : [pattern];
  const files = names.map((name) => (directory === '.' ? name : `${directory}/${name}`));
  const dot = pattern.lastIndexOf('.');
  return createFileset({
    id: `v${++seq}`,
    root: ROOT,
    directory,
    pattern,
    extension: dot > 0 ? pattern.slice(dot).toLowerCase() : '',
    files,
    fileCount: files.length,
    bytes: files.length * 1024,
    format,
    kind: 'image',
    facts,
    layouts: [],
    sampling: { read: 1, total: files.length, full: files.length === 1 },
    ...rest,
  });
}

function infer(...study: Fileset[]): ModalityResult {
  return inferModalities(study).get(study[0]!.id)!;
}

/** Diamond B24's full-field cryo-TXM: an Xradia .txrm tilt series at 500 eV (water window, 0.28–0.54 keV), −65…65°. */
const b24Txrm: Facts = {
  imagingMode: h('X-ray CT' as const),
  xrayEnergyKeV: { value: 0.5, unit: 'keV', provenance: 'header' },
  arrangement: { value: 'tilt-series', provenance: 'sidecar', source: 'B24/tomo_01/tomo_01.tlt' },
  tiltAngles: { value: { min: -65, max: 65, count: 131 }, unit: 'deg', provenance: 'sidecar', source: 'B24/tomo_01/tomo_01.tlt' },
  dimensions: h({ x: 1024, y: 1024, z: 131 }),
};

describe('soft X-ray tomography', () => {
  it('an Xradia tilt series at 0.5 keV is soft X-ray tomography, routed, and its tilt angles do not make it cryo-ET', () => {
    // Water window 0.28–0.54 keV (C and O K edges); EMPIAR experiment type "soft X-ray tomography".
    const r = infer(fs('B24/tomo_01', 'tomo_01.txrm', 'xradia', b24Txrm));
    expect(r.modality).toBe('soft-xray-tomography');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
    expect(r.evidence.some((e) => e.supports === 'cryoet-tilt-series')).toBe(false);
  });

  it('an HDF5 container whose header states X-ray CT (NeXus NXtomo, APS Data Exchange) is hard X-ray tomography, routed', () => {
    // NeXus application definition NXtomo; dxchange /exchange/{data,data_white,data_dark,theta}: the raw scan in one file.
    const r = infer(fs('2021-06/smith', 'sample_001.h5', 'hdf5', { imagingMode: h('X-ray CT' as const) }, { kind: 'container' }));
    expect(r.modality).toBe('hard-xray-tomography');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('the same container at 25 keV is hard X-ray tomography', () => {
    const hard: Facts = { ...b24Txrm, xrayEnergyKeV: { value: 25, unit: 'keV', provenance: 'header' } };
    expect(infer(fs('versa', 'scan.txrm', 'xradia', hard)).modality).toBe('hard-xray-tomography');
  });

  it('an IMOD tilt reconstruction of X-ray projections is X-ray tomography, not a cryo-ET tomogram', () => {
    // IMOD's tilt signs its output "tilt: …"; the X-ray facts are what the reconstruction reader lends it from the .txrm.
    const lent: Facts = {
      imagingMode: { value: 'X-ray CT', provenance: 'layout', source: 'B24/tomo_01/tomo_01.txrm' },
      xrayEnergyKeV: { value: 0.5, unit: 'keV', provenance: 'layout', source: 'B24/tomo_01/tomo_01.txrm' },
      arrangement: h('image-stack' as const),
      dimensions: h({ x: 512, y: 512, z: 128 }),
      pixelSize: h({ x: 10, y: 10, z: 10 }),
      creator: h('IMOD'),
      header: h({ label: 'tilt: Back-projection reconstruction' }),
    };
    const r = infer(fs('B24/tomo_01', 'tomo_01_rec.mrc', 'mrc', lent));
    expect(r.modality).toBe('soft-xray-tomography');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('the IMOD reconstruction of one section of a serial-section series is serial-section ET, not a cryo-ET tomogram', () => {
    // IMOD "Joining Serial Tomograms": one tilt series and tomogram per section (sec01/, sec02/, …), joined by finishjoin.
    const own: Facts = { arrangement: h('image-stack' as const), dimensions: h({ x: 512, y: 512, z: 128 }), pixelSize: h({ x: 1.2, y: 1.2, z: 1.2 }), creator: h('IMOD'), header: h({ label: 'tilt: Back-projection reconstruction' }) };
    const r = infer(fs('ssET/sec01', 'sec01_rec.mrc', 'mrc', own, { layouts: [{ kind: 'section-series', directory: 'ssET', marker: 'ssET/sec01' }] }));
    expect(r.modality).toBe('vem-sstem');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('without X-ray facts the same IMOD reconstruction stays a cryo-ET tomogram', () => {
    const own: Facts = { arrangement: h('image-stack' as const), dimensions: h({ x: 512, y: 512, z: 128 }), pixelSize: h({ x: 1, y: 1, z: 1 }), creator: h('IMOD'), header: h({ label: 'tilt: Back-projection reconstruction' }) };
    expect(infer(fs('tomo', 'TS_01_rec.mrc', 'mrc', own)).modality).toBe('cryoet-tomograms');
  });
});

let n = 0;
function lf(directory: string, files: string[], format: FormatId, facts: Facts = {}, kind: FileKind = 'image'): LayoutFileset {
  return { id: `r${n++}`, root: '/study', directory, pattern: files[0]!, files: files.map((f) => `${directory}/${f}`), format, kind, facts };
}

describe('reconstructions beside their raw data', () => {
  const xray: Facts = { imagingMode: h('X-ray CT' as const), xrayEnergyKeV: { value: 0.5, unit: 'keV', provenance: 'header' } };

  it('IMOD names the reconstruction <stem>_rec.mrc beside the tilt series (IMOD Tomography Guide): it takes the raw data’s X-ray facts', () => {
    const raw = lf('B24/tomo_01', ['tomo_01.txrm'], 'xradia', xray);
    const rec = lf('B24/tomo_01', ['tomo_01_rec.mrc'], 'mrc');
    const found = reconstructions([raw, rec]);
    expect(found).toHaveLength(1);
    expect(found[0]!.filesetId).toBe(rec.id);
    expect(found[0]!.facts?.imagingMode).toEqual({ value: 'X-ray CT', provenance: 'layout', source: 'B24/tomo_01/tomo_01.txrm' });
    expect(found[0]!.facts?.xrayEnergyKeV?.value).toBe(0.5);
  });

  it('tomopy writes <name>_rec/recon_NNNNN.tiff for <name>.h5 (xray-imaging/32id-docs): paired up to two folders above', () => {
    const raw = lf('2021-06/smith', ['sample_001.h5'], 'hdf5', { imagingMode: h('X-ray CT' as const) }, 'container');
    const rec = lf('2021-06/smith_rec/sample_001_rec', ['recon_00000.tiff', 'recon_00001.tiff'], 'tiff');
    const found = reconstructions([raw, rec]);
    expect(found.map((f) => f.filesetId)).toEqual([rec.id]);
    expect(found[0]!.facts?.imagingMode?.value).toBe('X-ray CT');
  });

  it('pairs nothing without raw X-ray data of that stem, and never with electron data', () => {
    const em = lf('tomo', ['TS_01.mrc'], 'mrc', { imagingMode: h('TEM' as const) });
    const rec = lf('tomo', ['TS_01_rec.mrc'], 'mrc');
    const other = lf('B24/tomo_02', ['tomo_02_rec.mrc'], 'mrc');
    const raw = lf('B24/tomo_01', ['tomo_01.txrm'], 'xradia', xray);
    expect(reconstructions([em, rec, other, raw])).toEqual([]);
  });
});

describe('exports beside their originals', () => {
  // DigitalMicrograph's batch export keeps the names and drops most tags (Gatan DM help, "Batch Convert"):
  // tiff_export/slice_0001.tif … are the slice_0001.dm3 … of the day folders beside it.
  const dm: Facts = { voltageKV: { value: 2, unit: 'kV', provenance: 'header' }, detector: h('3View') };
  const names = (from: number, to: number, ext: string) => Array.from({ length: to - from + 1 }, (_, i) => `slice_${String(from + i).padStart(4, '0')}${ext}`);

  it('an export folder named one for one after DM3 slices in the day folders beside it takes their voltage and detector', () => {
    const day1 = lf('sbf/day1', names(1, 6, '.dm3'), 'gatan-dm', dm);
    const day2 = lf('sbf/day2', names(7, 12, '.dm3'), 'gatan-dm', dm);
    const tiffs = lf('sbf/tiff_export', names(1, 12, '.tif'), 'gatan-tiff', { pixelSize: h({ x: 10, y: 10 }) });
    const found = conversions([day1, day2, tiffs]);
    expect(found.map((f) => f.filesetId)).toEqual([tiffs.id]);
    expect(found[0]!.facts?.voltageKV?.value).toBe(2);
    expect(found[0]!.facts?.detector?.value).toBe('3View');
  });

  it('pairs nothing when a name has no original', () => {
    const day1 = lf('sbf/day1', names(1, 6, '.dm3'), 'gatan-dm', dm);
    const tiffs = lf('sbf/tiff_export', names(1, 12, '.tif'), 'gatan-tiff');
    expect(conversions([day1, tiffs])).toEqual([]);
  });

  it('a DigitalMicrograph TIFF export of 12 slices at 2 kV is a 3View SBF-SEM run', () => {
    const lent: Facts = { voltageKV: { value: 2, unit: 'kV', provenance: 'layout', source: 'sbf/day1/slice_0001.dm3' }, pixelSize: h({ x: 10, y: 10 }) };
    const r = infer(fs('sbf/tiff_export', 'slice_####.tif', 'gatan-tiff', lent));
    expect(r.modality).toBe('vem-sbf-sem');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});

describe('segmentations and notes beside volume EM', () => {
  it('an ImageJ label stack in segmentation/ named _labels, with no acquisition facts, is processing output', () => {
    // EMPIAR image-set categories include segmentations, deposited with the images they segment; ilastik/napari name label images _labels.
    const r = infer(fs('segmentation', 'mitochondria_labels.tif', 'imagej-tiff', { dimensions: h({ x: 512, y: 512, z: 12 }) }));
    expect(r.modality).toBe('processing-output');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('an image with EM acquisition facts in a labels folder stays EM data', () => {
    const r = infer(fs('labels', 'SEM_Image_####.tif', 'fei-tiff', { imagingMode: h('FIB-SEM' as const), voltageKV: { value: 2, unit: 'kV', provenance: 'header' } }));
    expect(r.modality).not.toBe('processing-output');
  });

  it('an empty notes file beside the data (SBEMimage acquisition.py creates <stack>_notes.txt) is supporting metadata', () => {
    const r = infer(fs('mystack', 'mystack_notes.txt', 'unknown', {}, { kind: 'unknown', bytes: 0 }));
    expect(r.modality).toBe('supporting-metadata');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});

describe('flats and darks of an X-ray tomography scan', () => {
  // tomwer edfdwprocess.py: darks "dark*", flats "refHST*" beside the <scan>NNNN.edf projections; tomopy normalize(proj, flat, dark).
  const projections = (): Fileset => fs('id19/scan_', 'scan_####.edf', 'tiff', { imagingMode: h('X-ray CT' as const), xrayEnergyKeV: { value: 19, unit: 'keV', provenance: 'header' } });

  it('a dark image beside confident hard X-ray projections is supporting metadata of the scan', () => {
    const dark = fs('id19/scan_', 'dark.edf', 'tiff');
    const out = inferModalities([projections(), dark]);
    const r = out.get(dark.id)!;
    expect(r.modality).toBe('supporting-metadata');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
    expect(r.supports).toBe('hard-xray-tomography');
  });

  it('flats that carry X-ray facts themselves are still read as the calibration of the projections', () => {
    const flats = fs('id19/scan_', 'refHST####.edf', 'tiff', { imagingMode: h('X-ray CT' as const) }, { count: 2 });
    const r = inferModalities([projections(), flats]).get(flats.id)!;
    expect(r.modality).toBe('supporting-metadata');
  });

  it('the ESRF scan .info (TOMO_N, REF_ON, REF_N, DARK_N: tomwer/tomoscan) is the acquisition record of the scan', () => {
    const info = fs('id19/scan_', 'scan_.info', 'esrf-info', {}, { kind: 'metadata' });
    const r = inferModalities([info]).get(info.id)!;
    expect(r.modality).toBe('supporting-metadata');
    expect(r.supports).toBe('hard-xray-tomography');
  });

  it('a file named dark.edf with no X-ray data beside it is not made a calibration image', () => {
    const dark = fs('elsewhere', 'dark.edf', 'tiff');
    expect(inferModalities([dark]).get(dark.id)!.modality).not.toBe('supporting-metadata');
  });
});

describe('light-microscopy rounds of a section series', () => {
  // Conjugate array tomography (Micheva & Smith 2007 Neuron 55:25): the same sections imaged by immunofluorescence, then SEM.
  const series = [{ kind: 'section-series' as const, directory: 'at', marker: 'at/section_001' }];

  it('immunofluorescence images of serial sections stay light microscopy, with no volume-EM rival', () => {
    const r = infer(fs('at/section_001/IF', 'section_001_psd95.ome.tiff', 'ome-tiff', { imagingMode: h('confocal' as const), channels: h([{ name: 'PSD95' }]) }, { layouts: series }));
    expect(r.modality).toBe('lm-confocal');
    expect(r.evidence.some((e) => e.supports === 'vem-other')).toBe(false);
  });

  it('plain TIFF sections that a SerialEM .idoc records at 120 kV are serial-section TEM', () => {
    // SerialEM help "File Formats": an .idoc's [Image = <TIFF>] sections carry Voltage; 80–120 kV is room-temperature section TEM.
    const lent: Facts = { voltageKV: { value: 120, unit: 'kV', provenance: 'sidecar', source: 'ribbon1/ribbon1_sections.idoc' }, creator: { value: 'SerialEM', provenance: 'sidecar', source: 'ribbon1/ribbon1_sections.idoc' } };
    const r = infer(fs('ribbon1', 'ribbon1_sec###.tif', 'tiff', lent, { layouts: [{ kind: 'section-series', directory: 'ribbon1', marker: 'ribbon1/ribbon1_sec001.tif' }] }));
    expect(r.modality).toBe('vem-sstem');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });

  it('SEM tiles of the same sections are array tomography', () => {
    const r = infer(fs('at/section_001/SEM', 'tile_r1c#.tif', 'zeiss-sem-tiff', { imagingMode: h('SEM' as const), voltageKV: { value: 1.5, unit: 'kV', provenance: 'header' } }, { layouts: series, count: 2 }));
    expect(r.modality).toBe('vem-array-tomography');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});
