// Volume-EM, serial-section, X-ray and correlative layouts as acquisition software writes them.
// Every tree is built from the vendored real samples (test/fixtures/real/SOURCES.md), the format fixtures
// (test/fixtures/families) and the specification-built writers (test/fixtures/writers); every expected
// table was written from the cited source and the EBI policy before the engine was run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeDm, dmImageTree } from '../../fixtures/writers/cryoem/dm';
import { writeMrc, writeDeltaVision } from '../../fixtures/writers/cryoem/mrc';
import { writeTilt, writeXf } from '../../fixtures/writers/cryoem/text';
import { writeBigwarpCsv, writeEcClemTransfo, writeElastixTransform } from '../../fixtures/writers/generic/registration';
import { writeDsStore, writeOle2 } from '../../fixtures/writers/generic/os-clutter';
import { writePng } from '../../fixtures/writers/generic/png';
import { writeNexusTomo } from '../../fixtures/writers/omics-hdf5/generic-hdf5';
import { writeHdf5 } from '../../fixtures/writers/omics-hdf5/hdf5';
import { blankStrip, imageTags, tag, writeTiff, type TagSpec } from '../../fixtures/writers/tiff/tiff';
import { czSemText, dm4TagTree, feiIni, jeolTemReporter } from '../../fixtures/writers/tiff/vendors';
import { writeNanoscope, writeIbw } from '../../fixtures/writers/xray-afm-hcs/afm';
import { writeJaneliaDat } from '../../fixtures/writers/vem/janelia-dat';
import { writeSkyScanLog, writeXtekct } from '../../fixtures/writers/xray-afm-hcs/ct-text';
import { writeXradia } from '../../fixtures/writers/xray-afm-hcs/xradia';
import { writeEdf, writeEdfInfo } from '../../fixtures/writers/xray-afm-hcs/edf';
import { FAMILY_TABLE } from '../../fixtures/families';
import type { StudyLayout, Tree } from '../types';

const REAL = path.join(__dirname, '..', '..', 'fixtures', 'real');

/** Bytes of a vendored real sample (test/fixtures/real/SOURCES.md). */
function real(rel: string): Uint8Array {
  return readFileSync(path.join(REAL, ...rel.split('/')));
}

/** Bytes of a format fixture (test/fixtures/families) by its unique name. */
function fixture(name: string): Uint8Array {
  const found = Object.values(FAMILY_TABLE)
    .flatMap((f) => f.fixtures.positives)
    .filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`${found.length} format fixtures are named ${name}`);
  return found[0]!.bytes();
}

/** `count` entries of one file under numbered names: `%n` in `pattern` is the 1-based index padded to `pad` digits. */
function series(pattern: string, count: number, bytes: (i: number) => Uint8Array, pad = 4, start = 1): Tree {
  const tree: Tree = {};
  for (let i = start; i < start + count; i++) tree[pattern.replace('%n', String(i).padStart(pad, '0'))] = bytes(i);
  return tree;
}

/** A one-image greyscale TIFF with the given extra tags. */
function tiffWith(extra: readonly TagSpec[], o: { width?: number; height?: number; bits?: number; sampleFormat?: number; description?: string; software?: string } = {}): Uint8Array {
  const width = o.width ?? 32;
  const height = o.height ?? 32;
  const bits = o.bits ?? 8;
  return writeTiff({
    littleEndian: true,
    ifds: [
      {
        tags: [
          ...imageTags({ width, height, bitsPerSample: bits, ...(o.sampleFormat !== undefined ? { sampleFormat: o.sampleFormat } : {}), ...(o.description !== undefined ? { description: o.description } : {}), ...(o.software !== undefined ? { software: o.software } : {}) }),
          ...extra,
        ],
        strip: blankStrip(width, height, bits),
      },
    ],
  });
}

/** A Thermo/FEI DualBeam SEM slice: the [Section] Key=Value INI in tag 34682 (FEI_HELIOS; tifffile TIFF.TAGS, read_fei_metadata). */
function feiFibSlice(o: { pixelWidth?: string; hv?: number; systemType?: string; detector?: string } = {}): Uint8Array {
  return tiffWith([tag.ascii(34682, feiIni({ pixelWidth: o.pixelWidth ?? '5e-009', hv: o.hv ?? 2000, systemType: o.systemType ?? 'Helios NanoLab 660', detector: o.detector ?? 'TLD' }))]);
}

/** A Zeiss SmartSEM image: CZ_SEM text in tag 34118 (tifffile read_cz_sem). */
function zeissSem(params: readonly (readonly [string, string])[]): Uint8Array {
  return tiffWith([tag.ascii(34118, czSemText(params))]);
}

/** Zeiss Crossbeam FIB-SEM parameters: the GeminiSEM column plus the FIB column's AP_FIB_* entries. */
const CROSSBEAM: readonly (readonly [string, string])[] = [
  ['AP_ACTUALKV', 'EHT = 1.50 kV'],
  ['AP_IMAGE_PIXEL_SIZE', 'Image Pixel Size = 5.000 nm'],
  ['AP_MAG', 'Mag = 22.87 K X'],
  ['AP_WD', 'WD = 5.0 mm'],
  ['DP_DETECTOR_CHANNEL', 'Signal A = ESB'],
  ['SV_SERIAL_NUMBER', 'SEM = Crossbeam 550-44-12'],
  ['SV_VERSION', 'Version = V06.03.00.00'],
  ['AP_FIB_PROBE', 'FIB Probe = 30kV:700pA'],
  ['AP_FIB_EHT', 'FIB EHT = 30.00 kV'],
];

/** A GeminiSEM array-tomography / ATUM section tile: 1.5 kV back-scatter imaging at 4 nm pixels. */
const GEMINI_AT: readonly (readonly [string, string])[] = [
  ['AP_ACTUALKV', 'EHT = 1.50 kV'],
  ['AP_IMAGE_PIXEL_SIZE', 'Image Pixel Size = 4.000 nm'],
  ['AP_MAG', 'Mag = 28.59 K X'],
  ['AP_WD', 'WD = 3.0 mm'],
  ['DP_DETECTOR_CHANNEL', 'Signal A = EsB'],
  ['SV_SERIAL_NUMBER', 'SEM = GeminiSEM-300-45-67'],
  ['SV_VERSION', 'Version = V06.00.00.00'],
];

/** A Gatan 3View block-face image as DigitalMicrograph saves it: SEM voltage in Microscope Info, nm scale. */
function gatan3View(version: 3 | 4, voltageV: number, scaleNm: number): Uint8Array {
  return writeDm(version, dmImageTree({ width: 16, height: 16, voltageV, scaleNm, units: 'nm', microscope: 'Zeiss Merlin', device: '3View' }));
}

/** A JEOL TEM image at 120 kV (TemReporter2 XML in ImageDescription; trasse/jeoltodm jeoltiff.py). */
function jeolTem(): Uint8Array {
  return writeTiff({ littleEndian: true, ifds: [{ tags: imageTags({ width: 32, height: 32, make: 'JEOL Ltd.', model: 'JEM-1400Flash', description: jeolTemReporter({ accVoltage: 120, unitType: 'UnitType_Imaging', detector: 'Camera' }) }), strip: blankStrip(32, 32) }] });
}

/**
 * A DigitalMicrograph TIFF export of a 3View slice: Gatan's private tags 65003/65004 (x/y units), 65009/65010
 * (x/y scale), 65012/65013 (unit names) and the DM4 tag tree in 65027 (tifffile TIFF.TAGS; Bio-Formats GatanReader).
 */
function dmTiffExport(scaleNm: number): Uint8Array {
  return tiffWith([
    tag.ascii(65003, 'nm'),
    tag.ascii(65004, 'nm'),
    tag.double(65009, scaleNm),
    tag.double(65010, scaleNm),
    tag.ascii(65012, 'nanometer'),
    tag.ascii(65013, 'nanometer'),
    tag.undefinedBytes(65027, dm4TagTree()),
  ]);
}

/** A plain 16-bit TIFF with no vendor tags (what reconstruction and stitching programs write). */
function plainTiff16(): Uint8Array {
  return tiffWith([], { bits: 16 });
}

/** A 32-bit float TIFF slice (tomography reconstructions: tomopy / savu / Octopus write float32 slices). */
function floatTiff(): Uint8Array {
  return tiffWith([], { bits: 32, sampleFormat: 3 });
}

/** Thermo Auto Slice & View project: Site → Step → Acquired slices, the project's JSON/XML files at the root. */
function asvProject(root: string, slices: number): Tree {
  return {
    ...series(`${root}/Site_1/Step_1_SEM_Imaging/Acquired/SEM_Image_%n.tif`, slices, () => feiFibSlice()),
    [`${root}/ExecutionHistory.json`]: JSON.stringify({ Activities: [{ SliceIndex: 1, Name: 'Auto Focus', Duration: 12.4 }, { SliceIndex: 1, Name: 'Mill', Duration: 41.9 }] }, null, 2),
    [`${root}/Metadata.json`]: JSON.stringify({ ProjectName: root, Version: '5.13', Sites: [{ Name: 'Site_1', SliceThickness: 5e-9 }] }, null, 2),
    [`${root}/Project.AsvProject`]: '<?xml version="1.0" encoding="utf-8"?>\r\n<AsvProject Version="5.13">\r\n  <Site Name="Site_1">\r\n    <Step Name="Step_1_SEM_Imaging" Type="SemImaging"><Detector Name="TLD" Mode="BSE"/></Step>\r\n  </Site>\r\n</AsvProject>\r\n',
  };
}

/** SerialEM's montage mdoc (teamtomo/mdocfile test data) re-described as a 120 kV room-temperature TEM montage of one section. */
function sectionMontageMdoc(stem: string): string {
  return new TextDecoder()
    .decode(real('mdoc/montage_section.mdoc'))
    .replace(/ImageFile = LMM\.mrc/, `ImageFile = ${stem}.mrc`)
    .replace(/Voltage = 300/g, 'Voltage = 120')
    .replace(/Titan Krios D3692 at Institut Pasteur/g, 'Tecnai Spirit at EM facility');
}

/** A SerialEM montage stack of one section: plain MRC signed with SerialEM's label, pieces along Z. */
function serialEmMontage(pieces: number, pixelA: number): Uint8Array {
  return writeMrc({ nx: 16, ny: 16, nz: pieces, mode: 1, cella: [16 * pixelA, 16 * pixelA, pieces * pixelA], labels: ['SerialEM: Digitized on Tecnai Spirit          14-Jun-22  09:12:40'] });
}

/** OME-NGFF 0.4 multiscales .zattrs of a z/y/x EM volume in nanometres (ome/ngff spec 0.4, "multiscales"). */
function ngffEmZattrs(name: string, scaleNm: readonly [number, number, number], levels: number): string {
  return JSON.stringify(
    {
      multiscales: [
        {
          version: '0.4',
          name,
          axes: [
            { name: 'z', type: 'space', unit: 'nanometer' },
            { name: 'y', type: 'space', unit: 'nanometer' },
            { name: 'x', type: 'space', unit: 'nanometer' },
          ],
          datasets: Array.from({ length: levels }, (_, i) => ({
            path: `s${i}`,
            coordinateTransformations: [{ type: 'scale', scale: scaleNm.map((v) => v * 2 ** i) }],
          })),
        },
      ],
    },
    null,
    2,
  );
}

/** A Zarr v2 .zarray (zarr spec v2 "Metadata") of a uint8 z/y/x array. */
function zarrayU8(shape: readonly [number, number, number]): string {
  return JSON.stringify({ zarr_format: 2, shape, chunks: shape.map((v) => Math.min(v, 64)), dtype: '|u1', compressor: null, fill_value: 0, order: 'C', filters: null, dimension_separator: '/' }, null, 2);
}

/**
 * An APS Data Exchange (DXchange) tomography scan: /implements, /exchange/data (projections), data_white,
 * data_dark and theta, /measurement/instrument (data-exchange/dxfile "Data Exchange" definition; dxchange
 * reader.read_aps_32id / read_aps_2bm read exchange/data, exchange/data_white, exchange/data_dark, exchange/theta).
 */
function dxchangeScan(): Uint8Array {
  return writeHdf5({
    datasets: [
      { path: '/implements', data: 'exchange:measurement:process' },
      { path: '/exchange/data', data: new Array<number>(4 * 4 * 4).fill(100), dtype: '<H', shape: [4, 4, 4] },
      { path: '/exchange/data_white', data: new Array<number>(2 * 4 * 4).fill(4000), dtype: '<H', shape: [2, 4, 4] },
      { path: '/exchange/data_dark', data: new Array<number>(2 * 4 * 4).fill(10), dtype: '<H', shape: [2, 4, 4] },
      { path: '/exchange/theta', data: [0, 60, 120, 180], dtype: '<d', shape: [4] },
      { path: '/measurement/instrument/source/name', data: 'Advanced Photon Source' },
      { path: '/measurement/instrument/monochromator/energy', data: [25], dtype: '<d', shape: [1] },
      { path: '/measurement/instrument/detection_system/objective/resolution', data: [0.65], dtype: '<d', shape: [1] },
    ],
  });
}

/** Every volume-EM / X-ray / correlative layout of the gallery. */
export const VEM_XRAY_LAYOUTS: readonly StudyLayout[] = [
  {
    id: 'thermo-asv-fib-sem-project',
    title: 'Thermo Auto Slice & View FIB-SEM project: Site/Step/Acquired numbered TIFF slices with the FEI INI tag, plus the project files',
    source:
      'ChrisLeeThompson/ASV_Project_Explorer script_modules/asv_project_directory_parser.py (ASV 5.11–5.13 project tree: ProjectRoot/Site_n/Step_n/Acquired/*.tif, ExecutionHistory.json, Metadata.json, Project.AsvProject at the root); FEI/Thermo INI metadata in TIFF tag 34682 (tifffile read_fei_metadata); EMPIAR holds FIB-SEM as numbered single-image TIFF slices (EMPIAR quick tour "SBF-SEM and FIB-SEM can also be deposited"; docs/empiar.md: EMPIAR-13192 lists 1250 TIFF slices, frames_per_image 1).',
    tree: () => ({ ...asvProject('ASV_HeLa_2024-05-14', 12), 'ASV_HeLa_2024-05-14/.DS_Store': writeDsStore() }),
    expected: [
      ['**/.DS_Store', 'not-data', 'NONE', 'not-research-data'],
      ['ASV_HeLa_2024-05-14/Site_1/Step_1_SEM_Imaging/Acquired/SEM_Image_*.tif', 'vem-fib-sem', 'EMPIAR', 'row-volume-em-xm'],
      ['ASV_HeLa_2024-05-14/*.json', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['ASV_HeLa_2024-05-14/Project.AsvProject', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'zeiss-atlas5-crossbeam-fib-sem',
    title: 'Zeiss ATLAS 5 3D tomography on a Crossbeam: numbered TIFF slices with CZ_SEM tags including the FIB column',
    source:
      'Zeiss SmartSEM CZ_SEM TIFF tag 34118 as tifffile read_cz_sem and Bio-Formats ZeissTIFFReader decode it (AP_ACTUALKV, AP_IMAGE_PIXEL_SIZE, DP_DETECTOR_CHANNEL, AP_FIB_* for the Crossbeam ion column); EMPIAR FIB-SEM entries list one TIFF per milled slice (docs/empiar.md, frames_per_image 1 for vEM slices). Slice names are our own.',
    tree: () => ({ ...series('atlas_export/slice_%n.tif', 12, () => zeissSem(CROSSBEAM), 5), 'atlas_export/Thumbs.db': writeOle2() }),
    expected: [
      ['atlas_export/Thumbs.db', 'not-data', 'NONE', 'not-research-data'],
      ['atlas_export/slice_*.tif', 'vem-fib-sem', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'gatan-3view-sbf-sem-dm4',
    title: 'Gatan 3View SBF-SEM run: one DM4 per cut block face at 1.8 kV, 8 nm pixels',
    source:
      'Gatan DigitalMicrograph DM4 tag tree (Microscope Info/Voltage in volts; ImageData/Calibrations/Dimension scale and units) as ncempy dm.py and Gwyddion dm3.c read it; EMPIAR experiment type 4 "serial block-face SEM (e.g. Gatan 3View)" (docs/empiar.md, EMPIAR deposition schema). 3View writes one image per cut; SEM voltages are 1–3 kV.',
    tree: () => series('3View_run/block_%n.dm4', 12, () => gatan3View(4, 1_800, 8)),
    expected: [['3View_run/block_*.dm4', 'vem-sbf-sem', 'EMPIAR', 'row-volume-em-xm']],
  },
  {
    id: 'gatan-3view-sbf-sem-dm3-stacks',
    title: 'Older 3View run saved as DM3 per slice, in per-day folders, with a DigitalMicrograph TIFF export beside it',
    source:
      'Gatan DM3 (version 3 header, big-endian tag tree; ncempy dm.py) with Microscope Info/Voltage at SEM voltages; DigitalMicrograph TIFF export carries tags 65003–65027 with a DM tag tree (tifffile TIFF.TAGS "GatanDM"); EMPIAR SBF-SEM entries (experiment type 4) deposit DM3 slices or their TIFF exports.',
    tree: () => ({
      ...series('sbf/day1/slice_%n.dm3', 6, () => gatan3View(3, 2_000, 10), 4, 1),
      ...series('sbf/day2/slice_%n.dm3', 6, () => gatan3View(3, 2_000, 10), 4, 7),
      ...series('sbf/tiff_export/slice_%n.tif', 12, () => dmTiffExport(10)),
    }),
    expected: [
      ['sbf/day*/slice_*.dm3', 'vem-sbf-sem', 'EMPIAR', 'row-volume-em-xm'],
      ['sbf/tiff_export/slice_*.tif', 'vem-sbf-sem', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'array-tomography-section-folders',
    title: 'Array tomography on a GeminiSEM: one folder per serial section, a 2×2 tile montage in each, CZ_SEM tags',
    source:
      'Array-tomography acquisitions (Zeiss ATLAS 5 Array Tomography on a GeminiSEM) saved as one folder per section with a row/column tile montage in each (folder and tile names our own); CZ_SEM tag 34118 (tifffile read_cz_sem). A series of serial sections imaged by SEM is a volume: EMPIAR lists array tomography / ATUM-SEM as volume EM (EMPIAR deposition experiment types; policy table row "Volume EM/XM" → EMPIAR).',
    tree: () => {
      const tree: Tree = {};
      for (let s = 1; s <= 10; s++) for (const rc of ['r1c1', 'r1c2', 'r2c1', 'r2c2']) tree[`AT_run/section_${String(s).padStart(3, '0')}/tile_${rc}.tif`] = zeissSem(GEMINI_AT);
      tree['AT_run/section_001/.DS_Store'] = writeDsStore();
      return tree;
    },
    expected: [
      ['**/.DS_Store', 'not-data', 'NONE', 'not-research-data'],
      ['AT_run/section_*/tile_r*c*.tif', 'vem-array-tomography', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'atum-wafer-section-series',
    title: 'ATUM-SEM: sections collected on tape, mounted on wafers, imaged one TIFF per section on a GeminiSEM',
    source:
      'ATUM (automated tape-collecting ultramicrotome) sections imaged on Zeiss SEMs write SmartSEM TIFFs (CZ_SEM tag 34118, tifffile read_cz_sem); EMPIAR ATUM-SEM / array-tomography entries list per-wafer folders of per-section images (volume EM, policy row "Volume EM/XM" → EMPIAR). Names are our own.',
    tree: () => ({ ...series('wafer01/w01_sec_%n.tif', 10, () => zeissSem(GEMINI_AT), 4), ...series('wafer02/w02_sec_%n.tif', 10, () => zeissSem(GEMINI_AT), 4, 11) }),
    expected: [['wafer0*/w0*_sec_*.tif', 'vem-array-tomography', 'EMPIAR', 'row-volume-em-xm']],
  },
  {
    id: 'sbemimage-sbf-sem-tiles',
    title: 'SBEMimage SBF-SEM acquisition: tiles/gGGGG/tTTTT/stack_gGGGG_tTTTT_sSSSSS.tif with meta/logs imagelist and metadata files',
    source:
      'SBEMimage documentation, "Datasets" (sbemimage.github.io/SBEMimage/datasets) and SBEMimage/SBEMimage src/acquisition.py (SESSION metadata line, <stack>_notes.txt): base directory named after the stack; raw tiles at tiles\\g0000\\t0065\\mystack_g0000_t0065_s00314.tif; meta/logs/imagelist_<timestamp>.txt lines "path;X;Y;Z;slice" and metadata_<timestamp>.txt per run. SBEMimage drives Zeiss SEMs with a Gatan 3View microtome (serial block-face). The tiles carry no vendor tags.',
    tree: () => {
      const tree: Tree = {};
      for (let s = 314; s < 326; s++) tree[`mystack/tiles/g0000/t0065/mystack_g0000_t0065_s${String(s).padStart(5, '0')}.tif`] = plainTiff16();
      const lines = Array.from({ length: 12 }, (_, i) => `tiles\\g0000\\t0065\\mystack_g0000_t0065_s${String(314 + i).padStart(5, '0')}.tif;-398553;-147855;${7850 + i * 25};${314 + i}`);
      tree['mystack/meta/logs/imagelist_20191023_101500.txt'] = `${lines.join('\r\n')}\r\n`;
      // acquisition.py run(): metadata_file.write('SESSION: ' + str(session_metadata) + '\n'), a Python dict repr.
      tree['mystack/meta/logs/metadata_20191023_101500.txt'] =
        "SESSION: {'timestamp': 1571825700, 'eht': 1.5, 'beam_current': 300, 'wd_stig_xy_default': [0.0051, 0.2, -0.4], 'slice_thickness': 25, 'grids': ['0000'], 'grid_origins': [[-398.553, -147.855]], 'rotation_angles': [0.0], 'pixel_sizes': [10.0], 'dwell_times': [0.8], 'contrast': 4.6, 'brightness': 45.0, 'email_addresses: ': []}\n";
      // acquisition.py __init__: an empty <stack_name>_notes.txt is created in the base directory.
      tree['mystack/mystack_notes.txt'] = '';
      return tree;
    },
    expected: [
      ['mystack/tiles/**/*.tif', 'vem-sbf-sem', 'EMPIAR', 'row-volume-em-xm'],
      ['mystack/meta/logs/*.txt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['mystack/mystack_notes.txt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'serialem-sstem-section-montages',
    title: 'Serial-section TEM: a SerialEM montage (.mrc + .mrc.mdoc) per ultrathin section at 120 kV',
    source:
      'SerialEM help "Montaging": a montage is saved as an MRC stack of pieces with PieceCoordinates in the .mdoc ([MontSection], [ZValue] PieceCoordinates); mdoc bytes: teamtomo/mdocfile tests/test_data/montage_section.mdoc, with Voltage and the title line changed to a 120 kV Tecnai Spirit (a room-temperature section TEM). A series of section montages is serial-section TEM volume EM (EMPIAR experiment types; policy row "Volume EM/XM").',
    tree: () => {
      const tree: Tree = {};
      for (let s = 1; s <= 10; s++) {
        const stem = `sec_${String(s).padStart(3, '0')}`;
        tree[`ssTEM/${stem}.mrc`] = serialEmMontage(6, 26.2);
        tree[`ssTEM/${stem}.mrc.mdoc`] = sectionMontageMdoc(stem);
      }
      return tree;
    },
    expected: [
      ['ssTEM/sec_*.mrc', 'vem-sstem', 'EMPIAR', 'row-volume-em-xm'],
      ['ssTEM/sec_*.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'serial-section-et-imod',
    title: 'Serial-section electron tomography of plastic sections: per-section IMOD tilt series (.st, .rawtlt, .xf) and the joined volume',
    source:
      'IMOD etomo / "Joining Serial Tomograms" guide: each section is a tilt series sec.st with sec.rawtlt and the alignment sec.xf; tomograms are joined with finishjoin into one .join volume. EMPIAR lists serial-section TEM/ET under volume EM (EMPIAR experiment types); the README is our own and states what the data are, as facility READMEs do.',
    tree: () => {
      const tree: Tree = {
        'ssET/README.txt': 'Serial-section electron tomography of 250 nm epoxy sections of high-pressure-frozen, freeze-substituted C. elegans.\nTecnai F20 at 200 kV, room temperature, dual-axis tilt series -60..60 deg, 1.2 nm pixels.\nEach secNN.st is one section; the sections were joined with IMOD finishjoin into ssET_joined.join.\n',
      };
      const angles = Array.from({ length: 61 }, (_, i) => -60 + i * 2);
      for (let s = 1; s <= 3; s++) {
        const stem = `sec${String(s).padStart(2, '0')}`;
        tree[`ssET/${stem}/${stem}.st`] = writeMrc({ nx: 16, ny: 16, nz: 61, mode: 1, cella: [16 * 12, 16 * 12, 61 * 12], labels: ['SerialEM: Digitized on Tecnai F20              02-Feb-23  11:02:10'] });
        tree[`ssET/${stem}/${stem}.rawtlt`] = writeTilt(angles);
        tree[`ssET/${stem}/${stem}.xf`] = writeXf(angles.map(() => [1, 0, 0, 1, 0.5, -0.25] as const));
      }
      tree['ssET/ssET_joined.join'] = writeMrc({ nx: 16, ny: 16, nz: 60, mode: 1, cella: [16 * 12, 16 * 12, 60 * 12], imodStamp: true, labels: ['finishjoin: Joined serial section tomograms', 'IMOD: newstack'] });
      return tree;
    },
    expected: [
      ['ssET/README.txt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['ssET/sec*/sec*.st', 'vem-sstem', 'EMPIAR', 'row-volume-em-xm'],
      ['ssET/sec*/sec*.rawtlt', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['ssET/sec*/sec*.xf', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['ssET/ssET_joined.join', 'vem-sstem', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'serialem-idoc-tiff-section-series',
    title: 'Serial sections on a 120 kV TEM saved by SerialEM as single-image TIFFs with one .idoc describing them',
    source:
      'SerialEM help, "File Formats — Image Metadata Files" (bio3d.colorado.edu/SerialEM/hlp/html/about_formats.htm): the ".idoc" file lets a series of single-image TIFF files be treated like an MRC stack; its sections are [Image = <TIFF file name>] with the same keys as .mdoc ZValue sections (PixelSpacing, Voltage, Magnification, StagePosition…). Serial sections on a TEM = serial-section TEM volume EM → EMPIAR (policy row "Volume EM/XM"). Names and values our own.',
    tree: () => {
      const tree: Tree = {};
      const sections: string[] = ['PixelSpacing = 22.4', 'Voltage = 120', 'ImageFile = ribbon1_sections.idoc', 'DataMode = 6', '', '[T = SerialEM: Digitized on Talos L120C                 11-Oct-22  14:05:31]', ''];
      for (let i = 1; i <= 12; i++) {
        const name = `ribbon1_sec${String(i).padStart(3, '0')}.tif`;
        tree[`ribbon1/${name}`] = plainTiff16();
        sections.push(`[Image = ${name}]`, `StagePosition = ${(i * 310.5).toFixed(1)} -42.7`, 'Magnification = 2600', 'PixelSpacing = 22.4', 'Voltage = 120', 'ExposureTime = 0.5', `DateTime = 11-Oct-22  14:${String(5 + i).padStart(2, '0')}:10`, '');
      }
      tree['ribbon1/ribbon1_sections.idoc'] = sections.join('\n');
      return tree;
    },
    expected: [
      ['ribbon1/ribbon1_sec*.tif', 'vem-sstem', 'EMPIAR', 'row-volume-em-xm'],
      ['ribbon1/ribbon1_sections.idoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'vem-two-techniques-one-study',
    title: 'One tissue, two volume-EM techniques: an SBF-SEM overview volume (3View DM4) and a FIB-SEM high-resolution ROI (ASV)',
    source:
      'Multi-scale vEM studies image a block by SBF-SEM, then a region of interest by FIB-SEM (both volume EM; EMPIAR experiment types 4 and 5, docs/empiar.md). Two EM techniques are not a correlative LM/EM study: no note-3 split, both go to EMPIAR under the Volume EM/XM row. Trees: Gatan DM4 (ncempy dm.py fields) and the ASV project layout (ChrisLeeThompson/ASV_Project_Explorer).',
    tree: () => ({
      ...series('SBF-SEM_overview/block_%n.dm4', 12, () => gatan3View(4, 1_500, 15)),
      ...asvProject('FIB-SEM_ROI/ASV_roi1', 12),
    }),
    expected: [
      ['SBF-SEM_overview/block_*.dm4', 'vem-sbf-sem', 'EMPIAR', 'row-volume-em-xm'],
      ['FIB-SEM_ROI/ASV_roi1/Site_1/**/*.tif', 'vem-fib-sem', 'EMPIAR', 'row-volume-em-xm'],
      ['FIB-SEM_ROI/ASV_roi1/*.json', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['FIB-SEM_ROI/ASV_roi1/Project.AsvProject', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'zeiss-xradia-versa-microct',
    title: 'Zeiss Xradia Versa micro-CT: the .txrm projection series and the reconstructed .txm volume',
    source:
      'Xradia .txrm/.txm are OLE2 compound files with ImageInfo streams (data-exchange/dxchange reader.py read_txrm/read_txm; DiamondLightSource/txrm2tiff stream_dtypes.py); EMPIAR experiment type 12 "Hard X-ray / X-ray microCT" (docs/empiar.md); policy row "Volume EM/XM" → EMPIAR. Writer: test/fixtures/writers/xray-afm-hcs/xradia.ts.',
    tree: () => ({
      'microCT/mouse_cochlea/mouse_cochlea_4X_80kV.txrm': writeXradia({ width: 32, height: 32, projections: 1601, pixelSizeUm: 1.2, voltageKV: 80, currentUA: 87.5, firstAngle: -180, lastAngle: 180, objective: '4X', system: 'Xradia 520 Versa', source: 'Xray', magnification: 4 }),
      'microCT/mouse_cochlea/mouse_cochlea_4X_80kV_recon.txm': writeXradia({ width: 32, height: 32, projections: 16, pixelSizeUm: 1.2, voltageKV: 80, system: 'Xradia 520 Versa', source: 'Xray', utf16: true }),
    }),
    expected: [['microCT/mouse_cochlea/*.tx*m', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm']],
  },
  {
    id: 'bruker-skyscan-scan-folder',
    title: 'Bruker SkyScan scan folder: acquisition .log with the projection TIFFs, NRecon _rec folder with its log and slices',
    source:
      'Bruker SkyScan scan logs ([System] Scanner, [Acquisition] Source Voltage (kV), Image Pixel Size (um), Number of Files; xray-imaging/meta-cli docs/source/demo/bruker/skyscan_1173/*.log); NRecon writes <prefix>_rec/<prefix>_rec<NNNNNNNN>.<bmp|png|tif> with <prefix>_rec.log (SlicerMorph SkyscanReconImport.py reads the _rec folder and its log). EMPIAR type 12 "Hard X-ray / X-ray microCT".',
    tree: () => ({
      'bone/bone_.log': writeSkyScanLog({ scanner: 'SkyScan1172', voltageKV: 100, pixelSizeUm: 9.0, files: 12, rows: 1332, columns: 2000, rotationStepDeg: 0.2, filter: 'Al 0.5mm' }),
      ...series('bone/bone_%n.tif', 12, () => plainTiff16(), 8, 0),
      'bone/bone__rec/bone__rec.log': writeSkyScanLog({ scanner: 'SkyScan1172', voltageKV: 100, pixelSizeUm: 9.0, files: 12, rows: 1332, columns: 2000, rotationStepDeg: 0.2, filter: 'Al 0.5mm', reconstruction: true }),
      ...series('bone/bone__rec/bone__rec%n.png', 12, () => writePng({ width: 16, height: 16 }), 8, 0),
    }),
    expected: [
      ['bone/**/*.log', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['bone/bone_*.tif', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
      ['bone/bone__rec/bone__rec*.png', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'synchrotron-nxtomo-and-tiff-recon',
    title: 'Synchrotron hard X-ray tomography: a NeXus NXtomo raw scan (.nxs, as Diamond names them) and a folder of float32 reconstructed TIFF slices',
    source:
      'NeXus application definition NXtomo (nexusformat/definitions: /entry/definition = "NXtomo", NXinstrument, NXsample rotation_angle, NXdata) as Diamond I12/I13 and ESRF (tomoscan) write raw scans; reconstructions saved as one float32 TIFF per slice (tomopy write_tiff_stack, savu tiff saver). EMPIAR type 12; policy row "Volume EM/XM" → EMPIAR. Writer: test/fixtures/writers/omics-hdf5/generic-hdf5.ts writeNexusTomo.',
    tree: () => ({
      'i13/raw/12345.nxs': writeNexusTomo(),
      ...series('i13/processed/12345_recon/recon_%n.tiff', 12, () => floatTiff(), 5, 0),
    }),
    expected: [
      ['i13/raw/12345.nxs', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
      ['i13/processed/12345_recon/recon_*.tiff', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'b24-soft-xray-tilt-series',
    title: 'Cryo soft X-ray tomography at B24: Xradia .txrm tilt series at 500 eV (−65…+65°), IMOD alignment and reconstruction',
    source:
      'Diamond B24 full-field cryo-TXM (Zeiss UltraXRM-S/L220c) writes tilt series as Xradia .txrm (DiamondLightSource/txrm2tiff converts them; stream names from txrm2tiff xradia_properties and dxchange read_txrm); water-window energy ~0.5 keV; tilt series aligned and reconstructed in IMOD (.xf, .tlt, .rec). EMPIAR experiment type 1 "soft X-ray tomography" (docs/empiar.md); policy row "Volume EM/XM" → EMPIAR.',
    tree: () => {
      const tree: Tree = {};
      const angles = Array.from({ length: 131 }, (_, i) => -65 + i);
      for (const t of ['tomo_01', 'tomo_02']) {
        tree[`B24/${t}/${t}.txrm`] = writeXradia({ width: 32, height: 32, projections: 131, pixelSizeUm: 0.01, voltageKV: 0.5, firstAngle: -65, lastAngle: 65, objective: '25nm ZP', system: 'UltraXRM-L220', source: 'Synchrotron' });
        tree[`B24/${t}/${t}.tlt`] = writeTilt(angles);
        tree[`B24/${t}/${t}.xf`] = writeXf(angles.map(() => [1, 0, 0, 1, 0.1, 0.2] as const));
        tree[`B24/${t}/${t}_rec.mrc`] = writeMrc({ nx: 32, ny: 32, nz: 16, mode: 1, cella: [32 * 100, 32 * 100, 16 * 100], imodStamp: true, labels: ['tilt: Back-projection reconstruction', 'IMOD: newstack'] });
      }
      return tree;
    },
    expected: [
      ['B24/*/tomo_0*.txrm', 'soft-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
      // IMOD tiltalign: .rawtlt holds the angles as acquired, .tlt the angles as solved by tiltalign — an output of processing.
      ['B24/*/tomo_0*.tlt', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['B24/*/tomo_0*.xf', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['B24/*/tomo_0*_rec.mrc', 'soft-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'clem-confocal-fib-sem-split',
    title: 'Correlative LM + FIB-SEM: confocal LIF, an ASV FIB-SEM project, BigWarp landmarks — split per note 3',
    source:
      'EBI image-archiving policy note 3 (correlative with 3D EM: EM to EMPIAR, LM and correlation information to the BIA); real pairings S-BIAD17 ↔ EMPIAR-10412 and S-BSST729 ↔ EMPIAR-10847 (docs/bia.md §5); ASV tree from ChrisLeeThompson/ASV_Project_Explorer asv_project_directory_parser.py; BigWarp landmarks CSV as saalfeldlab/bigwarp LandmarkTableModel.save writes it.',
    tree: () => ({
      'LM/HeLa_cell3_airyscan.lif': fixture('experiment.lif'),
      ...asvProject('FIBSEM/ASV_cell3', 12),
      'registration/cell3_LM_to_FIBSEM_landmarks.csv': writeBigwarpCsv([
        { moving: [120.5, 88.25, 3], fixed: [1518.4338, 1961.0442, 40] },
        { moving: [200, 310.5, 12], fixed: [2190.25, 3300, 140] },
        { moving: [410, 90, 7], fixed: [3770, 985.5, 92] },
        { moving: [55, 260, 9], fixed: [980, 2875, 110] },
      ]),
    }),
    expected: [
      ['LM/HeLa_cell3_airyscan.lif', 'lm-confocal', 'BIA', 'note-3-other-modalities'],
      ['FIBSEM/ASV_cell3/Site_1/**/*.tif', 'vem-fib-sem', 'EMPIAR', 'note-3-3d-em-xray'],
      ['FIBSEM/ASV_cell3/*.json', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['FIBSEM/ASV_cell3/Project.AsvProject', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['registration/*.csv', 'correlation', 'BIA', 'note-3-correlation-info'],
    ],
  },
  {
    id: 'clem-lm-tem-2d',
    title: 'Correlative LM + 2D TEM: an OME-TIFF of the cells and 120 kV TEM images of the same cells, with 2D landmarks',
    source:
      'EBI image-archiving policy, examples table row "Correlative LM + 2D EM" → all to the BioImage Archive (clause correlative-2d-em), correlation information to the BIA (note 3.3); JEOL TemReporter2 TIFF (trasse/jeoltodm jeoltiff.py); OME-TIFF sample aicsimageio s_1_t_1_c_1_z_1.ome.tiff (OME AcquisitionMode SpinningDiskConfocal).',
    tree: () => ({
      'lm/cells_overview.ome.tiff': real('tiff/s_1_t_1_c_1_z_1.ome.tiff'),
      ...series('tem/cell_%n.tif', 4, () => jeolTem(), 2),
      'registration/lm_to_tem.csv': writeBigwarpCsv([{ moving: [10, 20], fixed: [11.5, 19] }, { moving: [400, 20], fixed: [405, 25] }, { moving: [200, 300], fixed: [198, 310] }]),
    }),
    expected: [
      ['lm/cells_overview.ome.tiff', 'lm-confocal', 'BIA', 'correlative-2d-em'],
      ['tem/cell_*.tif', 'em-2d', 'BIA', 'correlative-2d-em'],
      ['registration/lm_to_tem.csv', 'correlation', 'BIA', 'note-3-correlation-info'],
    ],
  },
  {
    id: 'clem-two-disks-registration-folder',
    title: 'CLEM on two disks: confocal ND2 on one, a 3View SBF-SEM run on the other, and a registration/ folder with ec-CLEM and elastix transforms beside BigWarp landmarks',
    source:
      'EBI policy note 3 (3D EM → EMPIAR; LM and registrations/transforms/landmarks → BIA); docs/bia.md §1.4 example file list (registration/cellA_LM_to_EMPIAR-XXXXX_affine.xml, "BigWarp/ec-CLEM affine LM->EM transform"); ec-CLEM 1 _transfo.xml with a MatrixTransformation (anrcrocoval/ec-clem); elastix TransformParameters.0.txt (elastix manual §5); BigWarp CSV (saalfeldlab/bigwarp). Two roots: the study is scanned from two disks.',
    roots: ['lm_disk', 'em_disk'],
    tree: () => ({
      'lm_disk/confocal/cellA_spinning.nd2': fixture('spinning.nd2'),
      'lm_disk/confocal/cellB_spinning.nd2': fixture('spinning.nd2'),
      ...series('em_disk/sbf/cellA_block_%n.dm4', 12, () => gatan3View(4, 1_500, 8)),
      'em_disk/registration/cellA_LM_to_EM_transfo.xml': writeEcClemTransfo(true),
      'em_disk/registration/TransformParameters.0.txt': writeElastixTransform({ transform: 'AffineTransform', dimension: 3, parameters: [1.01, 0.002, 0, -0.003, 0.99, 0, 0, 0, 1, 12.5, -4.2, 0.8] }),
      'em_disk/registration/cellA_landmarks.csv': writeBigwarpCsv([
        { moving: [10, 12, 1], fixed: [410, 612, 30] },
        { moving: [40, 52, 3], fixed: [1440, 2052, 90] },
        { moving: [70, 22, 5], fixed: [2470, 822, 150] },
      ]),
    }),
    expected: [
      ['lm_disk/confocal/*.nd2', 'lm-confocal', 'BIA', 'note-3-other-modalities'],
      ['em_disk/sbf/*.dm4', 'vem-sbf-sem', 'EMPIAR', 'note-3-3d-em-xray'],
      ['em_disk/registration/*', 'correlation', 'BIA', 'note-3-correlation-info'],
    ],
  },
  {
    id: 'correlative-cryosim-soft-xray',
    title: 'Correlative cryo-SIM + cryo soft X-ray tomography (CLXM): DeltaVision SIM stacks and B24 .txrm tilt series',
    source:
      'BIA\'s example of a correlative cryo soft X-ray tomography + super-resolution SIM deposition split across EMPIAR and BioStudies (Iudin et al. 2021, PubMed 33490973; docs/bia.md §5): X-ray tomography to EMPIAR (note 3.1), SIM to the BIA (note 3.2). DeltaVision header (nDVID −16224 at byte 96; Bio-Formats DeltavisionReader) as OMX/cryoSIM software writes it; Xradia .txrm (dxchange read_txrm). ALBA-Synchrotron-Methodology/artis_tomo README correlates such a pair (ars_corr_fluo_3d -f 3DSIM_BR_FL_SIR.dv with an IMOD X-ray tomogram); softWoRx names SIM reconstructions <name>_SIR.dv (idr0021, SIMcheck macros).',
    tree: () => ({
      'cryoSIM/cell01_SIR.dv': writeDeltaVision({ nx: 32, ny: 32, nz: 9, nw: 2, pixelUm: [0.04, 0.04, 0.125], waves: [525, 605] }),
      'cryoSIM/cell02_SIR.dv': writeDeltaVision({ nx: 32, ny: 32, nz: 9, nw: 2, pixelUm: [0.04, 0.04, 0.125], waves: [525, 605] }),
      'SXT/cell01/cell01.txrm': writeXradia({ width: 32, height: 32, projections: 121, pixelSizeUm: 0.01, voltageKV: 0.5, firstAngle: -60, lastAngle: 60, system: 'UltraXRM-L220', source: 'Synchrotron' }),
      'SXT/cell02/cell02.txrm': writeXradia({ width: 32, height: 32, projections: 121, pixelSizeUm: 0.01, voltageKV: 0.5, firstAngle: -60, lastAngle: 60, system: 'UltraXRM-L220', source: 'Synchrotron' }),
    }),
    expected: [
      ['cryoSIM/*.dv', 'lm-super-resolution', 'BIA', 'note-3-other-modalities'],
      ['SXT/*/*.txrm', 'soft-xray-tomography', 'EMPIAR', 'note-3-3d-em-xray'],
    ],
  },
  {
    id: 'janelia-enhanced-fib-sem-dat',
    title: 'Janelia enhanced FIB-SEM raw .dat files in Y/M/D folders, two tiles per milled section',
    source:
      'janelia-cosem/fibsem-tools fibsem_tools/io/dat.py (FileMagicNum 3555587570, 1024-byte big-endian header, FileVersion-dependent fields: PixelSize, EHT, Mode, FIBSliceNum) and clbarnes/jeiss-specs; file names <scope>_<yy-mm-dd>_<hhmmss>_<row>-<col>-<layer>.dat in Y<yyyy>/M<mm>/D<dd> folders (janelia_emrp dat_path tests: Merlin-6257_21-05-20_125416_0-0-0.dat; fibsem-tools examples Gemini450-0113_21-01-13_211813_0-0-0.dat). Writer: test/fixtures/writers/vem/janelia-dat.ts. FIB-SEM → EMPIAR (policy row "Volume EM/XM").',
    tree: () => {
      const tree: Tree = {};
      for (let i = 0; i < 6; i++) {
        const t = `1254${String(16 + i * 2).padStart(2, '0')}`;
        for (const tile of ['0-0-0', '0-1-0']) tree[`Z0720-07m_BR_Sec18/Y2021/M05/D20/Merlin-6257_21-05-20_${t}_${tile}.dat`] = writeJaneliaDat({ width: 16, height: 8, slice: 100 + i });
      }
      return tree;
    },
    expected: [['Z0720-07m_BR_Sec18/Y2021/M05/D20/Merlin-6257_*.dat', 'vem-fib-sem', 'EMPIAR', 'row-volume-em-xm']],
  },
  {
    id: 'nikon-xtekct-ct-folder',
    title: 'Nikon XT H micro-CT: the CT Pro .xtekct setup beside the numbered projection TIFFs',
    source:
      'Nikon CT Pro writes <name>.xtekct ([XTekCT] VoxelsX/VoxelSizeX/Projections/AngularStep, [Xrays] XraykV/XrayuA) beside <name>_NNNN.tif projections (xray-imaging/meta-cli docs/source/demo/nikon/*.xtekct; writer test/fixtures/writers/xray-afm-hcs/ct-text.ts). Lab micro-CT of a biological specimen is hard X-ray tomography → EMPIAR (experiment type 12; policy row "Volume EM/XM").',
    tree: () => ({
      'CT/zebrafish_head/zebrafish_head.xtekct': writeXtekct({ voxels: [2000, 2000, 1800], voxelSize: 0.0045, units: 'mm', projections: 12, kv: 70, ua: 114 }),
      ...series('CT/zebrafish_head/zebrafish_head_%n.tif', 12, () => plainTiff16()),
    }),
    expected: [
      ['CT/zebrafish_head/zebrafish_head.xtekct', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['CT/zebrafish_head/zebrafish_head_*.tif', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'sem-2d-images-not-a-volume',
    title: 'Not a volume: a few SEM micrographs of different samples from a Quanta ESEM and a GeminiSEM',
    source:
      'Confounder for the vEM layouts: single SEM micrographs (FEI INI in tag 34680 FEI_SFEG — tifffile read_fei_metadata; Zeiss CZ_SEM tag 34118) of separate samples, not a numbered series of sections or slices. EBI policy: 2D electron microscopy goes to the BioImage Archive (row-2d-em); only volume EM goes to EMPIAR.',
    tree: () => ({
      'sem/leaf_surface_overview.tif': fixture('quanta_esem.tif'),
      'sem/leaf_stomata_detail.tif': fixture('quanta_esem.tif'),
      'sem/pollen_grain.tif': fixture('gemini_0001.tif'),
    }),
    expected: [['sem/*.tif', 'em-2d', 'BIA', 'row-2d-em']],
  },
  {
    id: 'openorganelle-fib-sem-ome-zarr',
    title: 'A FIB-SEM volume published as OME-Zarr (OpenOrganelle layout: <dataset>.zarr/recon-1/em/fibsem-uint8/s0…)',
    source:
      'Janelia COSEM / OpenOrganelle datasets (s3://janelia-cosem-datasets/jrc_hela-2/jrc_hela-2.zarr/recon-1/em/fibsem-uint8 with multiscale levels s0, s1…; FIB-SEM at ~4 nm x/y, 5.24 nm z) written as OME-NGFF 0.4 multiscales (ome/ngff spec 0.4: axes z/y/x, unit "nanometer", scale transforms) over Zarr v2 arrays (.zgroup/.zattrs/.zarray). A FIB-SEM volume is volume EM → EMPIAR whatever its container (policy row "Volume EM/XM"). Chunk bytes zero-filled.',
    tree: () => {
      const g = 'jrc_hela-2.zarr/recon-1/em/fibsem-uint8';
      const tree: Tree = {
        'jrc_hela-2.zarr/.zgroup': '{\n  "zarr_format": 2\n}',
        'jrc_hela-2.zarr/recon-1/.zgroup': '{\n  "zarr_format": 2\n}',
        'jrc_hela-2.zarr/recon-1/em/.zgroup': '{\n  "zarr_format": 2\n}',
        [`${g}/.zgroup`]: '{\n  "zarr_format": 2\n}',
        [`${g}/.zattrs`]: ngffEmZattrs('fibsem-uint8', [5.24, 4, 4], 2),
        [`${g}/s0/.zarray`]: zarrayU8([128, 128, 128]),
        [`${g}/s1/.zarray`]: zarrayU8([64, 64, 64]),
      };
      for (const c of ['0/0/0', '0/0/1', '0/1/0', '1/0/0']) tree[`${g}/s0/${c}`] = 4096;
      tree[`${g}/s1/0/0/0`] = 4096;
      return tree;
    },
    expected: [['jrc_hela-2.zarr/**', 'vem-fib-sem', 'EMPIAR', 'row-volume-em-xm']],
  },
  {
    id: 'correlative-confocal-microct',
    title: 'Correlative light and X-ray microscopy: confocal LIF of a cleared organ and its Xradia micro-CT, with landmarks',
    source:
      'EBI image-archiving policy note 3 (correlative with 3D X-ray: X-ray images to EMPIAR 3.1, LM to the BIA 3.2, correlation information to the BIA 3.3); EMPIAR experiment type 8 "correlative light X-ray microscopy" (CLXM, docs/empiar.md); Xradia .txrm/.txm (dxchange read_txrm); BigWarp landmarks CSV (saalfeldlab/bigwarp).',
    tree: () => ({
      'confocal/kidney_lobe_tilescan.lif': fixture('experiment.lif'),
      'microCT/kidney_lobe_20X.txrm': writeXradia({ width: 32, height: 32, projections: 1601, pixelSizeUm: 0.5, voltageKV: 60, firstAngle: -180, lastAngle: 180, objective: '20X', system: 'Xradia 520 Versa', source: 'Xray', magnification: 20 }),
      'microCT/kidney_lobe_20X_recon.txm': writeXradia({ width: 32, height: 32, projections: 16, pixelSizeUm: 0.5, voltageKV: 60, system: 'Xradia 520 Versa', source: 'Xray' }),
      'registration/confocal_to_microCT.csv': writeBigwarpCsv([
        { moving: [12, 40, 3], fixed: [220, 840, 61] },
        { moving: [300, 45, 9], fixed: [3020, 900, 150] },
        { moving: [150, 280, 14], fixed: [1480, 2810, 240] },
      ]),
    }),
    expected: [
      ['confocal/*.lif', 'lm-confocal', 'BIA', 'note-3-other-modalities'],
      ['microCT/*.tx*m', 'hard-xray-tomography', 'EMPIAR', 'note-3-3d-em-xray'],
      ['registration/*.csv', 'correlation', 'BIA', 'note-3-correlation-info'],
    ],
  },
  {
    id: 'fib-sem-with-segmentation-labels',
    title: 'FIB-SEM slices with the segmentation made from them: an ImageJ label stack and a Fiji/TrakEM2 XML',
    source:
      'EMPIAR accepts segmentations with the volume-EM images they were made from (EMPIAR image-set categories include segmentations; docs/empiar.md category list); ImageJ hyperstack TIFF description "ImageJ=…\\nimages=…\\nslices=…\\nunit=…\\nspacing=…" (tifffile imagej_description); ASV tree (ChrisLeeThompson/ASV_Project_Explorer). Segmentations follow the data they segment.',
    tree: () => ({
      ...asvProject('ASV_liver', 12),
      'segmentation/mitochondria_labels.tif': tiffWith([], { bits: 16, description: 'ImageJ=1.54f\nimages=12\nslices=12\nunit=nm\nspacing=5.0\nloop=false\nmin=0.0\nmax=37.0\n', software: 'ImageJ' }),
      'segmentation/README.md': '# Segmentation\n\nMitochondria were segmented in ilastik from the aligned FIB-SEM stack of ASV_liver (5 nm isotropic) and exported as a 16-bit label stack (0 = background).\n',
    }),
    expected: [
      ['ASV_liver/Site_1/**/*.tif', 'vem-fib-sem', 'EMPIAR', 'row-volume-em-xm'],
      ['ASV_liver/*.json', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['ASV_liver/Project.AsvProject', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['segmentation/mitochondria_labels.tif', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['segmentation/README.md', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'aps-dxchange-tomography-scan',
    title: 'APS beamline micro-tomography: a Data Exchange HDF5 scan and its tomopy reconstruction folder of TIFF slices',
    source:
      'data-exchange/dxfile Data Exchange format (/implements "exchange:measurement:process"; /exchange data, data_white, data_dark, theta; /measurement/instrument) as APS 2-BM/32-ID write it; dxchange reader.read_aps_32id; xray-imaging/32id-docs "Data reconstruction" (raw file.h5 reconstructed with tomopy/tomocupy into <name>_rec/ TIFF slices, tomopy write_tiff_stack names recon_NNNNN.tiff). EMPIAR type 12; policy row "Volume EM/XM" → EMPIAR.',
    tree: () => ({
      '2021-06/smith/sample_001.h5': dxchangeScan(),
      ...series('2021-06/smith_rec/sample_001_rec/recon_%n.tiff', 12, () => floatTiff(), 5, 0),
    }),
    expected: [
      ['2021-06/smith/sample_001.h5', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
      ['2021-06/smith_rec/sample_001_rec/recon_*.tiff', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
    ],
  },
  {
    id: 'esrf-edf-tomography-scan',
    title: 'ESRF ID19 EDF tomography acquisition: <scan>NNNN.edf projections, refHST flats, dark, and the .info/.xml of the scan',
    source:
      'tomwer (tomwer/core/process/control/datawatcher/edfdwprocess.py: INFO_EXT ".info", FILE_INFO_KEYS TOMO_N, REF_ON, REF_N, DARK_N, DATA_EXT "0000.edf", XML_EXT ".xml"; dark/refs patterns "dark*", "refHST*") and tomoscan EDFTomoScan; EDF header as silx-kit/fabio edfimage.py reads it. Writer: test/fixtures/writers/xray-afm-hcs/edf.ts. Synchrotron hard X-ray tomography → EMPIAR (type 12; policy row "Volume EM/XM"); flats and darks are calibration files of the scan and follow it, as gain references follow cryo-EM movies.',
    tree: () => {
      const scan = 'mouse_cochlea_0.65um_';
      const info = { scan, projections: 12, refOn: 12, refN: 2, darkN: 1, energyKeV: 19, pixelSizeUm: 0.65, width: 16, height: 16 };
      const edf = writeEdf({ width: 16, height: 16, extra: [['motor_mne', 'srot sx sy sz'], ['motor_pos', '0.0 1.2 -0.4 10.5'], ['energy', '19.0']] });
      return {
        ...series(`id19/${scan}/${scan}%n.edf`, 12, () => edf, 4, 0),
        [`id19/${scan}/refHST0000.edf`]: writeEdf({ width: 16, height: 16 }),
        [`id19/${scan}/refHST0012.edf`]: writeEdf({ width: 16, height: 16 }),
        [`id19/${scan}/dark.edf`]: writeEdf({ width: 16, height: 16 }),
        [`id19/${scan}/${scan}.info`]: writeEdfInfo(info),
        [`id19/${scan}/${scan}.xml`]: `<?xml version="1.0"?>\n<tomo>\n<acquisition>\n<beamline>ID19</beamline>\n<nameExp>${scan}</nameExp>\n<tomo_N>12</tomo_N>\n<ref_On>12</ref_On>\n<ref_N>2</ref_N>\n<dark_N>1</dark_N>\n<scanRange>360</scanRange>\n<energy>19</energy>\n<pixelSize>0.65</pixelSize>\n</acquisition>\n</tomo>\n`,
      };
    },
    expected: [
      ['id19/*/mouse_cochlea_0.65um_00*.edf', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
      ['id19/*/refHST*.edf', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['id19/*/dark.edf', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['id19/*/*.info', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['id19/*/*.xml', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
    ],
  },
  {
    id: 'conjugate-array-tomography-if-sem',
    title: 'Conjugate array tomography: immunofluorescence and SEM of the same serial sections, one folder per section, with per-section transforms',
    source:
      'Conjugate light-electron array tomography (Micheva & Smith 2007 Neuron 55:25; Collman et al. 2015 J Neurosci 35:5792): the same ultrathin sections imaged by immunofluorescence and then by SEM, registered section by section. Series of sections by SEM = volume EM (array tomography) → EMPIAR; policy note 3: the LM to the BIA, the registrations (here elastix, one per section) to the BIA. Zeiss CZ_SEM tag 34118 (tifffile read_cz_sem); OME-TIFF real sample (aicsimageio); elastix TransformParameters (elastix manual). Folder names are our own.',
    tree: () => {
      const tree: Tree = {};
      for (let s = 1; s <= 10; s++) {
        const sec = `section_${String(s).padStart(3, '0')}`;
        tree[`conjugate_AT/${sec}/SEM/tile_r1c1.tif`] = zeissSem(GEMINI_AT);
        tree[`conjugate_AT/${sec}/SEM/tile_r1c2.tif`] = zeissSem(GEMINI_AT);
        tree[`conjugate_AT/${sec}/IF/${sec}_PSD95_synapsin.ome.tiff`] = real('tiff/s_1_t_1_c_1_z_1.ome.tiff');
        tree[`conjugate_AT/${sec}/IF_to_SEM/TransformParameters.0.txt`] = writeElastixTransform({ transform: 'SimilarityTransform', dimension: 2, parameters: [1.02, 0.01, 14.5 + s, -3.25] });
      }
      return tree;
    },
    expected: [
      ['conjugate_AT/*/SEM/tile_*.tif', 'vem-array-tomography', 'EMPIAR', 'note-3-3d-em-xray'],
      ['conjugate_AT/*/IF/*.ome.tiff', 'lm-confocal', 'BIA', 'note-3-other-modalities'],
      ['conjugate_AT/*/IF_to_SEM/TransformParameters.0.txt', 'correlation', 'BIA', 'note-3-correlation-info'],
    ],
  },
  {
    id: 'afm-nanoscope-gwyddion-asylum',
    title: 'AFM session: Bruker Nanoscope .spm scans, a Gwyddion .gwy processed file and Asylum .ibw images',
    source:
      'EBI policy: imaging that is neither EMPIAR nor LM goes to the BioImage Archive (row-other-imaging); Nanoscope header "\\*File list" text header (Gwyddion nanoscope.c); Gwyddion GWYP native format (Gwyddion file-format spec); Igor binary wave v5 (Wavemetrics TN003; Gwyddion igor.c). Writers: test/fixtures/writers/xray-afm-hcs/afm.ts.',
    tree: () => ({
      ...series('afm/collagen_%n.spm', 3, () => writeNanoscope({ version: '0x09300201', samps: 64, lines: 64, scanSize: '5 um', channels: ['Height', 'Peak Force Error'] }), 3),
      'afm/collagen_001_flattened.gwy': fixture('scan.gwy'),
      ...series('afm/asylum/Image%n.ibw', 2, () => writeIbw({ version: 5, littleEndian: true, name: 'Image', dims: [32, 32, 3], stepM: 3.125e-8, note: 'ScanSize: 1e-06\rImagingMode: AC Mode\r' })),
    }),
    expected: [
      ['afm/**/*.spm', 'afm', 'BIA', 'row-other-imaging'],
      ['afm/*.gwy', 'afm', 'BIA', 'row-other-imaging'],
      ['afm/asylum/*.ibw', 'afm', 'BIA', 'row-other-imaging'],
    ],
  },
];
