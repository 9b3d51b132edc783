// Light-microscopy, screening, spatial-omics, medical and facility-drop layouts as instruments write them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixture } from '../../fixtures/studies/studies';
import { writeCzi, cziXml, type CziChannel } from '../../fixtures/writers/lm/czi';
import { leicaXml } from '../../fixtures/writers/lm/leica';
import { writeNd2 } from '../../fixtures/writers/lm/nd2';
import { writeOir } from '../../fixtures/writers/lm/oir';
import { writeZarrJsonArray, writeZarrJsonOme } from '../../fixtures/writers/lm/zarr';
import { writeEts } from '../../fixtures/writers/lm/ets';
import { writeBdvHdf5, writeBdvN5, writeSpimDataXml, type BdvSetup } from '../../fixtures/writers/lm/bdv';
import { writeTiff, imageTags, blankStrip, tag } from '../../fixtures/writers/tiff/tiff';
import { vsiVolumeHeader } from '../../fixtures/writers/tiff/vendors';
import { writeHarmonyIndex, writeHtd, writeXdce, type HcsChannel } from '../../fixtures/writers/xray-afm-hcs/hcs';
import { writeOif, writeOib, type FluoViewOptions } from '../../fixtures/writers/xray-afm-hcs/olympus';
import { utf16le } from '../../fixtures/writers/xray-afm-hcs/ole2';
import { writeDicomPart10, el } from '../../fixtures/writers/medical/dicom';
import { writeNifti1 } from '../../fixtures/writers/medical/nifti';
import { writeGzip } from '../../fixtures/writers/generic/gzip';
import { writeZip } from '../../fixtures/writers/generic/zip';
import { writePdf } from '../../fixtures/writers/generic/pdf';
import { writePng } from '../../fixtures/writers/generic/png';
import { writeJpeg } from '../../fixtures/writers/generic/jpeg';
import { writeDsStore, writeAppleDouble } from '../../fixtures/writers/generic/os-clutter';
import { writeMzml, writeIbd } from '../../fixtures/writers/omics-hdf5/mzml';
import { writeMerscopeTranscripts, writeVisiumPositionsV2, writeXeniumExperiment } from '../../fixtures/writers/omics-hdf5/spatial';
import { writeFastq, gzipText } from '../../fixtures/writers/omics-hdf5/fastq';
import { writeTenxMatrix } from '../../fixtures/writers/omics-hdf5/tenx';
import type { StudyLayout, Tree } from '../types';

const REAL = path.join(__dirname, '..', '..', 'fixtures', 'real');

/** Bytes of a vendored real sample (test/fixtures/real/SOURCES.md). */
function real(rel: string): Uint8Array {
  return readFileSync(path.join(REAL, ...rel.split('/')));
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A plain greyscale TIFF with the given extra baseline tags (no vendor metadata). */
function plainTiff(o: { description?: string; software?: string; make?: string; model?: string; resolutionPxPerCm?: number; bits?: number } = {}): Uint8Array {
  const resolution = o.resolutionPxPerCm === undefined ? undefined : { x: [o.resolutionPxPerCm, 1] as const, unit: 3 }; // ResolutionUnit 3 = centimetre (TIFF 6.0 tag 296)
  return writeTiff({ littleEndian: true, ifds: [{ tags: imageTags({ width: 32, height: 32, bitsPerSample: o.bits ?? 16, description: o.description, software: o.software, make: o.make, model: o.model, resolution }), strip: blankStrip(32, 32, o.bits ?? 16) }] });
}

// ---------------------------------------------------------------------------------------------------------
// Zeiss ZEN

const AF488: CziChannel = { name: 'AF488', fluor: 'Alexa Fluor 488', excitation: 493, emission: 517, acquisitionMode: 'LaserScanningConfocalMicroscopy', channelType: 'Fluorescence' };
const AF568: CziChannel = { name: 'AF568', fluor: 'Alexa Fluor 568', excitation: 579, emission: 603, acquisitionMode: 'LaserScanningConfocalMicroscopy', channelType: 'Fluorescence' };

/** An LSM 980 confocal z-stack as ZEN saves it (43 nm pixels: 63x/1.4, zoom 2). */
function lsm980(): Uint8Array {
  return writeCzi({ xml: cziXml({ microscope: 'LSM 980', sizeX: 512, sizeY: 512, sizeZ: 12, sizeC: 2, channels: [AF488, AF568], pixelMetres: 4.3e-8 }) });
}

/** A ZEN session folder: LSM 980 confocal stacks, their Airyscan-processed twins, an older LSM 710 .lsm, a spinning-disk overview. */
function zenSession(): Tree {
  const tree: Tree = {};
  for (const cell of ['cell01', 'cell02', 'cell03']) {
    tree[`2024-03-12_HeLa_TOM20/${cell}.czi`] = lsm980();
    tree[`2024-03-12_HeLa_TOM20/${cell}_Airyscan Processing.czi`] = lsm980();
  }
  tree['2024-03-12_HeLa_TOM20/overview_spinning_disk.czi'] = real('czi/s_1_t_1_c_1_z_1.czi');
  tree['2019_LSM710/cells_z_stack.lsm'] = fixture('cells.lsm');
  tree['2019_LSM710/cells_z_stack_2.lsm'] = fixture('cells.lsm');
  return tree;
}

// ---------------------------------------------------------------------------------------------------------
// Leica LAS X

const SP8 = leicaXml({ name: 'Series003', sizeX: 512, sizeY: 512, sizeZ: 2, lengthMetres: 511 * 2.27e-7, channels: [{ dye: 'Alexa 488' }, { dye: 'DAPI' }], system: 'TCS SP8', source: 'Confocal' });

/** A LAS X project, a LOF export from a THUNDER/DMi8 camera system, and "Export → TIFF" with its MetaData folder. */
function lasxProject(): Tree {
  const tree: Tree = {
    'LASX/Project_2024-05-02.lif': fixture('experiment.lif'),
    'LASX/Project_2024-05-02_2.lif': fixture('experiment.lif'),
    'LASX/THUNDER/Image001.lof': fixture('image.lof'),
    'LASX/THUNDER/Image002.lof': fixture('image.lof'),
  };
  const tiff = plainTiff({ resolutionPxPerCm: 44053 }); // 1 / 0.227 µm = 44053 px/cm
  for (const z of ['z00', 'z01']) for (const ch of ['ch00', 'ch01']) tree[`LASX/Project_2024-05-02/Series003_${z}_${ch}.tif`] = tiff;
  tree['LASX/Project_2024-05-02/MetaData/Series003.xml'] = SP8;
  tree['LASX/Project_2024-05-02/MetaData/Series003_Properties.xml'] =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Data>\n<Image TextDescription="" Name="Series003">\n<ImageDescription>\n<Channels>\n<ChannelDescription DataType="0" ChannelTag="0" Resolution="8" LUTName="Green" />\n<ChannelDescription DataType="0" ChannelTag="0" Resolution="8" LUTName="Blue" />\n</Channels>\n<Dimensions>\n<DimensionDescription DimID="X" NumberOfElements="512" Origin="0" Length="116.0" Unit="µm" Voxel="0.227" />\n<DimensionDescription DimID="Y" NumberOfElements="512" Origin="0" Length="116.0" Unit="µm" Voxel="0.227" />\n<DimensionDescription DimID="Z" NumberOfElements="2" Origin="0" Length="1.0" Unit="µm" Voxel="1.0" />\n</Dimensions>\n</ImageDescription>\n</Image>\n</Data>\n';
  return tree;
}

// ---------------------------------------------------------------------------------------------------------
// Nikon NIS-Elements

/** NIS-Elements "ND Acquisition" runs auto-numbered name001.nd2…, a JOBS-free time-lapse, and a 2011 JPEG 2000 ND2. */
function nisSession(): Tree {
  const spinning = (): Uint8Array => writeNd2({ width: 64, height: 32, umPerPixel: 0.108, channels: [{ name: 'DAPI', modalityMask: 0x401 }, { name: 'GFP', modalityMask: 0x401 }], zCount: 5, zStepUm: 0.3 }); // modality mask 0x401 = fluorescence | spinning-disk confocal (nd2 reader's ModalityFlags)
  const widefield = (): Uint8Array => writeNd2({ width: 64, height: 32, umPerPixel: 0.65, channels: [{ name: 'mCherry', modalityMask: 0x1 }] }); // 0x1 = widefield fluorescence
  return {
    'NIS/2024-06-10_CSU-W1/mitosis001.nd2': spinning(),
    'NIS/2024-06-10_CSU-W1/mitosis002.nd2': spinning(),
    'NIS/2024-06-10_CSU-W1/mitosis003.nd2': spinning(),
    'NIS/2024-06-11_Ti2_widefield/timelapse001.nd2': widefield(),
    'NIS/2024-06-11_Ti2_widefield/timelapse002.nd2': widefield(),
    'NIS/2011_archive/fixed_cells.nd2': fixture('legacy.nd2'),
    'NIS/Thumbs.db': fixture('Thumbs.db'),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Olympus / Evident FluoView and cellSens

const FV1200: FluoViewOptions = {
  system: 'FLUOVIEW FV1200',
  objective: 'UPLSAPO 60X O',
  magnification: 60,
  pixelSizeUm: 0.207,
  width: 512,
  height: 512,
  slices: 2,
  zStepNm: 500,
  channels: [
    { name: 'Ch1', dye: 'Alexa Fluor 488', excitationNm: 495, emissionNm: 519, laserNm: 488 },
    { name: 'Ch2', dye: 'Alexa Fluor 568', excitationNm: 578, emissionNm: 603, laserNm: 559 },
  ],
};

/** An FV1000/FV1200 .pty: the per-plane INI FluoView writes beside each s_CnnnZnnn.tif (UTF-16LE with BOM, CR LF). */
function fluoViewPty(channel: number, z: number): Uint8Array {
  const text = `[Acquisition Parameters Common]\r\nAcquisition Device="FV1200"\r\n[Axis 0 Parameters Common]\r\nAxisCode="X"\r\nMaxSize=512\r\n[Axis 3 Parameters Common]\r\nAxisCode="Z"\r\nStartPosition=${z * 500}\r\n[Channel ${channel} Parameters]\r\nDyeName="${FV1200.channels[channel - 1]!.dye}"\r\n`;
  return new Uint8Array([0xff, 0xfe, ...utf16le(text)]);
}

/** FluoView: FV3000 .oir files, an FV1200 .oib, and an .oif with its sample.oif.files/ companion folder. */
function fluoViewStudy(): Tree {
  const oir = (): Uint8Array => writeOir({ system: 'FV3000', width: 16, height: 16, channels: ['CH1', 'CH2'], pixelUm: 0.124, zSize: 5 });
  const tree: Tree = {
    'FV3000/neurons_01.oir': oir(),
    'FV3000/neurons_02.oir': oir(),
    'FV1200/sampleA.oib': writeOib(FV1200, 'sampleA.oib'),
    'FV1200/sampleB.oif': writeOif(FV1200),
  };
  for (const c of [1, 2]) {
    for (const z of [1, 2]) {
      const stem = `s_C00${c}Z00${z}`;
      tree[`FV1200/sampleB.oif.files/${stem}.tif`] = plainTiff({ bits: 16 });
      tree[`FV1200/sampleB.oif.files/${stem}.pty`] = fluoViewPty(c, z);
    }
  }
  return tree;
}

/** A cellSens .vsi whose IFD0 is the slide label/overview, as VS120/VS200 write it. */
function vsi(): Uint8Array {
  return writeTiff({ littleEndian: true, afterHeader: vsiVolumeHeader(), ifds: [{ tags: imageTags({ width: 32, height: 32, make: 'Olympus', software: 'cellSens Dimension' }), strip: blankStrip(32, 32) }] });
}

/** A VS200 slide-scanner export: per slide a .vsi and its _name_/stackNNNNN/frame_t.ets pyramids (overview + 20x scan). */
function vsiSlides(): Tree {
  const tree: Tree = {};
  for (const slide of ['Slide_01', 'Slide_02', 'Slide_03']) {
    tree[`VS200/${slide}.vsi`] = vsi();
    tree[`VS200/_${slide}_/stack1/frame_t.ets`] = writeEts({ channels: 3 }); // the 20x brightfield scan, RGB JPEG tiles
    tree[`VS200/_${slide}_/stack10001/frame_t.ets`] = writeEts({ channels: 3, tile: 256 }); // overview (macro) image
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------------------
// OME-TIFF, OME-Zarr

/** Micro-Manager 2 multi-position acquisition (name_N/name_N_MMStack_PosN.ome.tif + DisplaySettings.json) and a bfconvert OME-TIFF. */
function omeTiffExports(): Tree {
  const mm = fixture('MMStack_Pos0.ome.tif');
  return {
    'micromanager/hela_dapi_1/hela_dapi_1_MMStack_Pos0.ome.tif': mm,
    'micromanager/hela_dapi_1/hela_dapi_1_MMStack_Pos1.ome.tif': mm,
    'micromanager/hela_dapi_1/hela_dapi_1_MMStack_Pos2.ome.tif': mm,
    'micromanager/hela_dapi_1/DisplaySettings.json': JSON.stringify({ map: { Channels: { type: 'PROPERTY_MAP_ARRAY', array: [{ Color: { type: 'INTEGER', scalar: -16776961 }, Name: { type: 'STRING', scalar: 'DAPI' } }] } } }, null, 1),
    'converted/s_1_t_1_c_1_z_1.ome.tiff': real('tiff/s_1_t_1_c_1_z_1.ome.tiff'),
  };
}

/** The real image-03.zarr .zattrs with an NGFF 0.4 `omero` block (NGFF 0.4 §"omero": channels with label, color, window). */
function image03WithOmero(): Uint8Array {
  const attrs = JSON.parse(new TextDecoder().decode(real('omezarr/image-03.zarr/.zattrs'))) as Record<string, unknown>;
  attrs['omero'] = { version: '0.4', channels: [{ label: 'Hoechst', color: '0000FF', active: true, window: { start: 0, end: 1500, min: 0, max: 65535 } }] };
  return utf8(JSON.stringify(attrs, null, 4));
}

/** Two OME-Zarr images: a Zarr v2 / NGFF 0.4 one (bioformats2raw-style) and a Zarr v3 / NGFF 0.5 one (ome-zarr-py ≥ 0.10). */
function omeZarrImages(): Tree {
  const tree: Tree = {};
  const from = 'omezarr/image-03.zarr';
  for (const f of ['.zgroup', '0/.zarray', '0/0/0/0', '0/0/1/0', '0/1/0/0', '0/1/1/0', 'labels/.zattrs', 'labels/.zgroup']) tree[`ngff/nuclei_3d.ome.zarr/${f}`] = real(`${from}/${f}`);
  tree['ngff/nuclei_3d.ome.zarr/.zattrs'] = image03WithOmero();
  const v3 = 'ngff/embryo_t0.ome.zarr';
  tree[`${v3}/zarr.json`] = writeZarrJsonOme({ scaleUm: [2, 0.406, 0.406], channels: ['DAPI', 'GFP'] });
  tree[`${v3}/0/zarr.json`] = writeZarrJsonArray([2, 16, 64, 64], ['c', 'z', 'y', 'x']);
  tree[`${v3}/1/zarr.json`] = writeZarrJsonArray([2, 16, 32, 32], ['c', 'z', 'y', 'x']);
  tree[`${v3}/0/c/0/0/0/0`] = new Uint8Array(512).fill(7);
  tree[`${v3}/0/c/1/0/0/0`] = new Uint8Array(512).fill(9);
  tree[`${v3}/1/c/0/0/0/0`] = new Uint8Array(128).fill(7);
  return tree;
}

/** An NGFF 0.4 HCS plate (plate → well → field image), the real plate-01 .zattrs with fields as NGFF 0.4 "well" and "multiscales" groups. */
function omeZarrPlate(): Tree {
  const p = 'screen/plate-01.ome.zarr';
  const tree: Tree = { [`${p}/.zgroup`]: '{\n    "zarr_format": 2\n}', [`${p}/.zattrs`]: real('omezarr/plate-01.zarr.zattrs.json') };
  const multiscales = JSON.stringify({
    multiscales: [{ version: '0.4', axes: [{ name: 'c', type: 'channel' }, { name: 'y', type: 'space', unit: 'micrometer' }, { name: 'x', type: 'space', unit: 'micrometer' }], datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [1, 0.65, 0.65] }] }] }],
    omero: { channels: [{ label: 'Hoechst 33342', color: '0000FF', active: true, window: { start: 0, end: 4000, min: 0, max: 65535 } }, { label: 'Phalloidin-488', color: '00FF00', active: true, window: { start: 0, end: 4000, min: 0, max: 65535 } }] },
  });
  const zarray = JSON.stringify({ zarr_format: 2, shape: [2, 64, 64], chunks: [1, 64, 64], dtype: '<u2', compressor: null, fill_value: 0, order: 'C', filters: null, dimension_separator: '/' });
  for (const well of ['A/1', 'A/2', 'B/1', 'B/2']) {
    tree[`${p}/${well}/.zgroup`] = '{\n    "zarr_format": 2\n}';
    tree[`${p}/${well}/.zattrs`] = JSON.stringify({ well: { version: '0.4', images: [{ path: '0' }] } });
    tree[`${p}/${well}/0/.zgroup`] = '{\n    "zarr_format": 2\n}';
    tree[`${p}/${well}/0/.zattrs`] = multiscales;
    tree[`${p}/${well}/0/0/.zarray`] = zarray;
    tree[`${p}/${well}/0/0/0/0/0`] = new Uint8Array(64 * 64 * 2).fill(3);
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------------------
// Light sheet: BigStitcher / BigDataViewer

/** Four tiles × one channel at 0.406 × 0.406 × 2 µm, on a 2 × 2 grid with 10 % overlap. */
const TILES: readonly BdvSetup[] = [0, 1, 2, 3].map((t) => ({ id: t, size: [16, 16, 8] as const, voxelUm: [0.406, 0.406, 2] as const, channel: 0, tile: t, offsetUm: [(t % 2) * 5.85, Math.floor(t / 2) * 5.85, 0] as const }));

/** Lightsheet 7 raw CZI tiles (ZEN "Lightsheet" acquisition) fused by BigStitcher: dataset.xml, its ~ backups, the HDF5 container. */
function bigStitcherHdf5(): Tree {
  const lightsheet = writeCzi({ xml: cziXml({ microscope: 'Lightsheet 7', sizeX: 1920, sizeY: 1920, sizeZ: 400, sizeC: 1, channels: [{ name: 'LSFM 488', fluor: 'EGFP', excitation: 488, emission: 509, acquisitionMode: 'SPIM', channelType: 'Fluorescence' }], pixelMetres: 4.06e-7 }) });
  const xml = writeSpimDataXml({ loader: 'hdf5', container: 'dataset.h5', setups: TILES, timepoints: 1 });
  return {
    'raw/organoid_tiles.czi': lightsheet,
    'raw/organoid_tiles(1).czi': lightsheet,
    'raw/organoid_tiles(2).czi': lightsheet,
    'raw/organoid_tiles(3).czi': lightsheet,
    'bigstitcher/dataset.xml': xml,
    'bigstitcher/dataset.xml~1': xml,
    'bigstitcher/dataset.xml~2': xml,
    'bigstitcher/dataset.h5': writeBdvHdf5({ setups: TILES.length, timepoints: 1, size: [16, 16, 8] }),
  };
}

/** A BigStitcher project resaved as N5 (dataset.xml + dataset.n5/setupN/timepoint0/s0/…), from TIFF tiles of a mesoSPIM. */
function bigStitcherN5(): Tree {
  const tree: Tree = { 'stitching/dataset.xml': writeSpimDataXml({ loader: 'n5', container: 'dataset.n5', setups: TILES, timepoints: 1 }) };
  for (const [rel, bytes] of Object.entries(writeBdvN5({ setups: TILES.length, size: [16, 16, 8] }))) tree[`stitching/dataset.n5/${rel}`] = bytes;
  const meta = (tile: number): string =>
    `[METADATA]\n[CFG] mesoSPIM_config.py\n[Laser] 488 nm\n[Intensity (%)] 20\n[Zoom] 2x\n[Pixelsize in um] 3.26\n[Filter] 525/50\n[POSITION]\n[x_pos] ${tile * 1000}\n[y_pos] 0\n[z_stepsize] 5\n[z_planes] 8\n`;
  for (const t of [0, 1, 2, 3]) {
    tree[`raw/Mag2x_Tile${t}_Ch488_Sh0_Rot0.tif`] = plainTiff({ bits: 16, software: 'tifffile.py' });
    tree[`raw/Mag2x_Tile${t}_Ch488_Sh0_Rot0.tif_meta.txt`] = meta(t);
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------------------
// High-content screening

const HOECHST_488: readonly HcsChannel[] = [
  { name: 'HOECHST 33342', excitationNm: 375, emissionNm: 456 },
  { name: 'Alexa 488', excitationNm: 488, emissionNm: 525 },
];

/** A Harmony Operetta/Opera image in its Harmony export: tag 65500 carries the Harmony XML (Bio-Formats OperettaReader). */
function operettaTiff(row: number, col: number): Uint8Array {
  return writeTiff({
    littleEndian: true,
    ifds: [{ tags: [...imageTags({ width: 32, height: 32, bitsPerSample: 16 }), tag.ascii(65500, `<?xml version="1.0" encoding="utf-8"?><Image xmlns="http://www.perkinelmer.com/PEHH/HarmonyV5"><Software>Harmony 4.9</Software><Row>${row}</Row><Col>${col}</Col></Image>`)], strip: blankStrip(32, 32, 16) }],
  });
}

/** Harmony "Export Measurement": Images/Index.idx.xml with rRRcCCfFFpPP-chNskNfkNflN.tiff per plane, plus Assaylayout/ and FFC_Profile/. */
function harmonyExport(): Tree {
  const m = 'Plate1__2024-02-01T10_11_12-Measurement 1';
  const tree: Tree = {
    [`${m}/Images/Index.idx.xml`]: writeHarmonyIndex({ instrument: 'Phenix', rows: 8, columns: 12, wells: [[2, 2], [2, 3]], fields: 2, channels: HOECHST_488, resolutionM: 5.9793347489875e-7, size: 1080 }),
    [`${m}/Assaylayout/Plate1.xml`]: '<?xml version="1.0" encoding="utf-8"?>\n<AssayLayout xmlns="http://www.perkinelmer.com/PEHH/HarmonyV5">\n  <Name>Plate1</Name>\n  <PlateRows>8</PlateRows>\n  <PlateColumns>12</PlateColumns>\n  <Layer><Name>Compound</Name><Well><Row>2</Row><Col>2</Col><Value>DMSO</Value></Well></Layer>\n</AssayLayout>\n',
    [`${m}/FFC_Profile/Plate1_FFC_Profile_Measurement 1.xml`]: '<?xml version="1.0" encoding="utf-8"?>\n<FlatfieldProfiles xmlns="http://www.perkinelmer.com/PEHH/HarmonyV5">\n  <Profile Channel="1" Type="Foreground" />\n</FlatfieldProfiles>\n',
  };
  for (const [r, c] of [[2, 2], [2, 3]] as const) {
    for (const f of [1, 2]) {
      for (const ch of [1, 2]) tree[`${m}/Images/r0${r}c0${c}f0${f}p01-ch${ch}sk1fk1fl1.tiff`] = operettaTiff(r, c);
    }
  }
  return tree;
}

/** A MetaXpress plate folder: Plate.HTD and Plate_<well>_s<site>_w<wave><GUID>.TIF with MetaSeries XML in ImageDescription, plus _thumb images. */
function metaXpressPlate(): Tree {
  const htd = writeHtd({ xWells: 12, yWells: 8, selected: [[1, 1], [1, 2]], xSites: 2, ySites: 1, waves: ['DAPI', 'FITC'], timePoints: 1 });
  const metaSeries = (wave: string): string =>
    `<MetaData>\r\n<prop id="Description" type="string" value="Exposure: 50 ms"/>\r\n<PlaneInfo>\r\n<prop id="image-name" type="string" value="${wave}"/>\r\n<prop id="spatial-calibration-x" type="float" value="0.325"/>\r\n<prop id="spatial-calibration-units" type="string" value="um"/>\r\n<prop id="_IllumSetting_" type="string" value="${wave}"/>\r\n<prop id="_MagSetting_" type="string" value="20X Plan Apo"/>\r\n</PlaneInfo>\r\n<SetInfo>\r\n<prop id="Application" type="string" value="MetaXpress"/>\r\n</SetInfo>\r\n</MetaData>`;
  const tiff = (wave: string): Uint8Array => plainTiff({ description: metaSeries(wave), software: 'MetaSeries', bits: 16 });
  const tree: Tree = { '2024-07-01/1234/PlateA.HTD': htd };
  for (const well of ['A01', 'A02']) {
    for (const s of [1, 2]) {
      tree[`2024-07-01/1234/PlateA_${well}_s${s}_w1C3A6F9E2-0B1D-4E5F-9A8B-7C6D5E4F3A21.tif`] = tiff('DAPI');
      tree[`2024-07-01/1234/PlateA_${well}_s${s}_w2D4B7A0F3-1C2E-5F60-AB9C-8D7E6F5A4B32.tif`] = tiff('FITC');
      tree[`2024-07-01/1234/PlateA_${well}_s${s}_w1_thumbC3A6F9E2-0B1D-4E5F-9A8B-7C6D5E4F3A21.tif`] = plainTiff({ bits: 8 });
    }
  }
  return tree;
}

/** An IN Cell Analyzer plate folder: plate.xdce and "<Row> - <col>(fld N wv <ex> - <em>).tif" images. */
function inCellPlate(): Tree {
  const tree: Tree = { 'InCell/Plate_0042/Plate_0042.xdce': writeXdce({ application: 'IN Cell Analyzer 2200', rows: 8, columns: 12, wells: [[2, 3], [2, 4]], fields: 2, channels: HOECHST_488, pixelUm: 0.325 }) };
  for (const well of ['B - 3', 'B - 4']) {
    for (const f of [1, 2]) {
      tree[`InCell/Plate_0042/${well}(fld ${f} wv HOECHST 33342 - HOECHST 33342).tif`] = plainTiff({ bits: 16 });
      tree[`InCell/Plate_0042/${well}(fld ${f} wv Alexa 488 - Alexa 488).tif`] = plainTiff({ bits: 16 });
    }
  }
  return tree;
}

/**
 * A CellVoyager CV7000 measurement folder as the real .mrf/.mlf name it: the images the .mlf lists
 * (<title>_B03_T0002F001L01A01Z<z>C<ch>.tif), the .mes / .wpi / .wpp settings the .mrf names, and the
 * ShadingCorrectionSource flat-field images (SC_<filter>_40x_M10_CH<ch>.tif) it names per channel.
 */
function cv7000Measurement(): Tree {
  const title = '20200812-CardiomyocyteDifferentiation14-Cycle1';
  const d = `CV7000/${title}`;
  const bts = 'xmlns:bts="http://www.yokogawa.co.jp/BTS/BTSSchema/1.0"';
  const tree: Tree = {
    [`${d}/MeasurementDetail.mrf`]: real('hcs/yokogawa_cv7000/MeasurementDetail.mrf'),
    [`${d}/MeasurementData.mlf`]: real('hcs/yokogawa_cv7000/MeasurementData.mlf'),
    [`${d}/20200812-Joel-CardiomyocyteDifferentiation14-Cycle1.mes`]: `<?xml version="1.0" encoding="utf-8"?>\n<bts:MeasurementSetting ${bts} bts:Name="40x_3ch" />\n`,
    [`${d}/${title}.wpi`]: `<?xml version="1.0" encoding="utf-8"?>\n<bts:WellPlate ${bts} bts:Name="${title}" bts:Rows="8" bts:Columns="12" />\n`,
    [`${d}/1009602002_Greiner_#655090.wpp`]: `<?xml version="1.0" encoding="utf-8"?>\n<bts:WellPlateProduct ${bts} bts:Name="Greiner #655090" bts:Rows="8" bts:Columns="12" />\n`,
  };
  for (const sc of ['SC_BP445-45_40x_M10_CH01.tif', 'SC_BP675-30_40x_M10_CH02.tif', 'SC_BP525-50_40x_M10_CH03.tif']) tree[`${d}/${sc}`] = plainTiff({ bits: 16 });
  for (const z of ['Z01', 'Z02', 'Z03']) for (const c of ['C01', 'C02']) tree[`${d}/${title}_B03_T0002F001L01A01${z}${c}.tif`] = plainTiff({ bits: 16 });
  return tree;
}

// ---------------------------------------------------------------------------------------------------------
// Spatial omics

/** Space Ranger 1.x `outs/` (real scanpy test files) with the reads, the BAM and the run summaries beside it. */
function spaceRangerRun(): Tree {
  const v = 'spatial/visium_1.0.0';
  return {
    'V1_Mouse_Brain/outs/filtered_feature_bc_matrix.h5': real(`${v}/filtered_feature_bc_matrix.h5`),
    'V1_Mouse_Brain/outs/spatial/scalefactors_json.json': real(`${v}/spatial/scalefactors_json.json`),
    'V1_Mouse_Brain/outs/spatial/tissue_positions_list.csv': real(`${v}/spatial/tissue_positions_list.csv`),
    'V1_Mouse_Brain/outs/spatial/tissue_hires_image.png': real(`${v}/spatial/tissue_hires_image.png`),
    'V1_Mouse_Brain/outs/spatial/tissue_lowres_image.png': writePng({ width: 60, height: 60, colourType: 2 }),
    'V1_Mouse_Brain/outs/spatial/aligned_fiducials.jpg': writeJpeg({ width: 60, height: 60, components: 3 }),
    'V1_Mouse_Brain/outs/spatial/detected_tissue_image.jpg': writeJpeg({ width: 60, height: 60, components: 3 }),
    'V1_Mouse_Brain/fastqs/V1_Mouse_Brain_S1_L001_R1_001.fastq.gz': gzipText(writeFastq(20)),
    'V1_Mouse_Brain/fastqs/V1_Mouse_Brain_S1_L001_R2_001.fastq.gz': gzipText(writeFastq(20)),
    'V1_Mouse_Brain/outs/possorted_genome_bam.bam': fixture('aligned.bam'),
  };
}

/** A Xenium Onboard Analysis 2.x output bundle: experiment.xenium, morphology_focus/ OME-TIFFs, transcript and cell tables, the cell matrix. */
function xeniumBundle(): Tree {
  const b = 'output-XETG00123__0010456__Region_1__20240115__101112';
  return {
    [`${b}/experiment.xenium`]: writeXeniumExperiment(),
    [`${b}/morphology.ome.tif`]: real('tiff/s_1_t_1_c_1_z_1.ome.tiff'),
    [`${b}/morphology_focus/morphology_focus_0000.ome.tif`]: real('tiff/s_1_t_1_c_1_z_1.ome.tiff'),
    [`${b}/morphology_focus/morphology_focus_0001.ome.tif`]: real('tiff/s_1_t_1_c_1_z_1.ome.tiff'),
    // Xenium transcript table columns (10x "Understanding Xenium outputs", transcripts.csv.gz).
    [`${b}/transcripts.csv.gz`]: writeGzip(utf8('"transcript_id","cell_id","overlaps_nucleus","feature_name","x_location","y_location","z_location","qv"\n281474976710656,"aaaiikim-1",1,"ACTB",4834.26,6656.63,13.79,40.0\n281474976710657,"UNASSIGNED",0,"NegControlProbe_00031",4835.05,6641.86,12.94,23.5\n'), { name: 'transcripts.csv' }),
    [`${b}/cells.csv.gz`]: writeGzip(utf8('"cell_id","x_centroid","y_centroid","transcript_counts","control_probe_counts","total_counts","cell_area","nucleus_area"\n"aaaiikim-1",847.26,326.19,28,0,28,58.38,26.64\n"aaalbfjb-1",826.34,328.03,94,0,94,197.02,42.13\n'), { name: 'cells.csv' }),
    // Corrected tree (lm-omics fixer): this was the real Space Ranger 1.0.0 Visium matrix, whose own header says
    // Space Ranger wrote it; Xenium Onboard Analysis writes cell_feature_matrix.h5 itself (same 10x HDF5 format,
    // software_version = the bundle's analysis_sw_version), so the bundle now holds a matrix as XOA writes it.
    [`${b}/cell_feature_matrix.h5`]: writeTenxMatrix({ softwareVersion: 'xenium-2.0.0.10' }),
    [`${b}/gene_panel.json`]: JSON.stringify({ metadata: { schema_version: '1.0' }, payload: { panel: { design_id: 'hMulti_v1' }, targets: [{ type: { data: { name: 'ACTB' } } }] } }, null, 4),
  };
}

/** A MERSCOPE output folder: detected_transcripts.csv, cell_by_gene.csv, cell_metadata.csv, images/ with the mosaic and its transform. */
function merscopeRegion(): Tree {
  const r = 'merscope/202401151011_MsBrain_VMSC01001/region_0';
  return {
    [`${r}/detected_transcripts.csv`]: writeMerscopeTranscripts(40),
    [`${r}/cell_by_gene.csv`]: 'cell,Blank-1,Slc17a7,Gad1\n110883424764611924400221639916314253469,0,12,0\n',
    [`${r}/cell_metadata.csv`]: ',fov,volume,center_x,center_y,min_x,min_y,max_x,max_y\n110883424764611924400221639916314253469,0,1032.77,156.44,2166.39,151.1,2160.9,161.8,2171.8\n',
    [`${r}/images/mosaic_DAPI_z0.tif`]: plainTiff({ bits: 16 }),
    [`${r}/images/mosaic_DAPI_z1.tif`]: plainTiff({ bits: 16 }),
    [`${r}/images/mosaic_PolyT_z0.tif`]: plainTiff({ bits: 16 }),
    [`${r}/images/micron_to_mosaic_pixel_transform.csv`]: '9.205335378646851 0.0 -1.4185791015625\n0.0 9.205335378646851 -7.0\n0.0 0.0 1.0\n',
    [`${r}/images/manifest.json`]: JSON.stringify({ microns_per_pixel: 0.108, bbox_microns: [0, 0, 1000, 1000], mosaic_width_pixels: 9258, mosaic_height_pixels: 9258, hor_num_tiles_box: 9, vert_num_tiles_box: 9, mosaic_files: [{ stain: 'DAPI', z: 0, file_name: 'mosaic_DAPI_z0.tif' }] }, null, 2),
  };
}

/** MALDI imaging: imzML + .ibd pairs (imzML 1.1, continuous mode) and the H&E of the adjacent section. */
function imzmlStudy(): Tree {
  const tree: Tree = {};
  for (const [i, uuid] of [
    [1, '554A27FA79D2416CA45E9A3A6F8F5B11'],
    [2, '554A27FA79D2416CA45E9A3A6F8F5B12'],
  ] as const) {
    tree[`MALDI/mouse_brain_${i}.imzML`] = writeMzml({ imaging: { pixelsX: 120, pixelsY: 80, pixelSizeUm: 20, uuid } });
    tree[`MALDI/mouse_brain_${i}.ibd`] = writeIbd(uuid);
  }
  tree['histology/mouse_brain_HE.ome.tiff'] = real('tiff/s_1_t_1_c_1_z_1.ome.tiff');
  return tree;
}

// ---------------------------------------------------------------------------------------------------------
// Medical imaging

/** DICOM VL Whole Slide Microscopy Image Storage (PS3.4 Annex B.5: 1.2.840.10008.5.1.4.1.1.77.1.6). */
const WSI_SOP = '1.2.840.10008.5.1.4.1.1.77.1.6';

/** A WSI level (one DICOM instance per pyramid level, PS3.3 A.32.8), de-identified or not. */
function wsiLevel(deidentified: boolean, level: number): Uint8Array {
  const patient = deidentified
    ? [el(0x0010, 0x0010, 'PN', ''), el(0x0010, 0x0020, 'LO', 'ANON0001'), el(0x0012, 0x0062, 'CS', 'YES'), el(0x0012, 0x0063, 'LO', 'DICOM PS3.15 E.1-1 Basic Profile')] // Patient Identity Removed (0012,0062), De-identification Method (0012,0063)
    : [el(0x0010, 0x0010, 'PN', 'DOE^JANE'), el(0x0010, 0x0020, 'LO', 'MRN4471902'), el(0x0010, 0x0030, 'DA', '19610214')];
  return writeDicomPart10({
    sopClass: WSI_SOP,
    elements: [el(0x0008, 0x0008, 'CS', level === 0 ? 'ORIGINAL\\PRIMARY\\VOLUME\\NONE' : 'DERIVED\\PRIMARY\\VOLUME\\RESAMPLED'), el(0x0008, 0x0060, 'CS', 'SM'), el(0x0008, 0x0070, 'LO', 'Leica Biosystems'), el(0x0008, 0x1090, 'LO', 'Aperio GT 450'), ...patient],
  });
}

/** A de-identified pathology cohort exported as DICOM WSI (one folder per slide, one .dcm per level) and one slide straight off the scanner's PACS. */
function dicomWsi(): Tree {
  const tree: Tree = {};
  for (const slide of ['CASE_001_HE', 'CASE_002_HE']) for (const level of [0, 1, 2]) tree[`deidentified/${slide}/level-${level}.dcm`] = wsiLevel(true, level);
  for (const level of [0, 1, 2]) tree[`from_pacs/1.2.826.0.1.3680043.8.498.1/level-${level}.dcm`] = wsiLevel(false, level);
  return tree;
}

/** A clinical CT and MR series as a PACS export writes them (DICOMDIR tree, extension-less instance files). */
function clinicalDicom(): Tree {
  return {
    'PACS_export/DICOM/ST000001/SE000001/CT000001.dcm': real('dicom/CT_small.dcm'),
    'PACS_export/DICOM/ST000001/SE000001/CT000002.dcm': real('dicom/CT_small.dcm'),
    'PACS_export/DICOM/ST000001/SE000002/MR000001.dcm': real('dicom/MR_small.dcm'),
    'PACS_export/DICOM/ST000001/SE000002/MR000002.dcm': real('dicom/MR_small.dcm'),
    'PACS_export/DICOM/ST000001/SE000003/IM0001': fixture('IM0001'),
  };
}

/** A BIDS neuroimaging dataset: T1w and BOLD NIfTI with their JSON sidecars, dataset_description.json, participants.tsv. */
function bidsDataset(): Tree {
  const bold = writeGzip(writeNifti1({ dims: [4, 64, 64, 36, 200], pixdim: [1, 3, 3, 3.3, 2], spatialUnit: 2 }), { name: 'sub-01_task-rest_bold.nii' }); // xyzt_units 2 = mm (NIfTI-1 NIFTI_UNITS_MM)
  return {
    'bids/dataset_description.json': JSON.stringify({ Name: 'Resting state', BIDSVersion: '1.8.0', DatasetType: 'raw' }, null, 2),
    'bids/participants.tsv': 'participant_id\tage\tsex\nsub-01\t34\tF\nsub-02\t29\tM\n',
    'bids/sub-01/anat/sub-01_T1w.nii': real('nifti/anatomical.nii'),
    'bids/sub-01/anat/sub-01_T1w.json': JSON.stringify({ Manufacturer: 'Siemens', MagneticFieldStrength: 3, RepetitionTime: 2.3 }, null, 2),
    'bids/sub-01/func/sub-01_task-rest_bold.nii.gz': bold,
    'bids/sub-01/func/sub-01_task-rest_bold.json': JSON.stringify({ RepetitionTime: 2, TaskName: 'rest' }, null, 2),
    'bids/sub-02/anat/sub-02_T1w.nii.gz': real('nifti/example_nifti2.nii.gz'),
    'bids/sub-02/anat/sub-02_T1w.json': JSON.stringify({ Manufacturer: 'Siemens', MagneticFieldStrength: 3, RepetitionTime: 2.3 }, null, 2),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Facility drop

/** An Office Open XML package (ECMA-376 Part 2: [Content_Types].xml at the root, then the part). */
function ooxml(kind: 'docx' | 'xlsx'): Uint8Array {
  const main = kind === 'docx' ? 'word/document.xml' : 'xl/workbook.xml';
  const type = kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  return writeZip([
    { name: '[Content_Types].xml', data: utf8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/${main}" ContentType="${type}"/></Types>`) },
    { name: '_rels/.rels', data: utf8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="' + main + '"/></Relationships>') },
    { name: main, data: utf8(kind === 'docx' ? '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Staining protocol</w:t></w:r></w:p></w:body></w:document>' : '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Plate map" sheetId="1"/></sheets></workbook>') },
  ]);
}

/** What a core facility hands back on a USB disk: LM data beside a README, notebooks, a plate map, zips and OS clutter. */
function facilityDrop(): Tree {
  return {
    'Smith_lab_2024-09/README.txt': 'Imaging core, Smith lab, September 2024.\nconfocal/: Leica SP8 stacks (LIF).\nwidefield/: Nikon Ti2 time-lapse (ND2).\nContact: imaging-core@example.org\n',
    'Smith_lab_2024-09/lab_notebook_2024-09.pdf': writePdf({ version: '1.7', producer: 'Microsoft: Print To PDF' }),
    'Smith_lab_2024-09/staining_protocol.docx': ooxml('docx'),
    'Smith_lab_2024-09/sample_sheet.xlsx': ooxml('xlsx'),
    'Smith_lab_2024-09/.DS_Store': writeDsStore(),
    'Smith_lab_2024-09/confocal/Experiment_01.lif': fixture('experiment.lif'),
    'Smith_lab_2024-09/confocal/Experiment_02.lif': fixture('experiment.lif'),
    'Smith_lab_2024-09/confocal/._Experiment_01.lif': writeAppleDouble(),
    'Smith_lab_2024-09/confocal/.DS_Store': writeDsStore(),
    'Smith_lab_2024-09/widefield/timelapse001.nd2': writeNd2({ width: 64, height: 32, umPerPixel: 0.65, channels: [{ name: 'mCherry', modalityMask: 0x1 }] }),
    'Smith_lab_2024-09/widefield/timelapse002.nd2': writeNd2({ width: 64, height: 32, umPerPixel: 0.65, channels: [{ name: 'mCherry', modalityMask: 0x1 }] }),
    'Smith_lab_2024-09/widefield/Thumbs.db': fixture('Thumbs.db'),
    'Smith_lab_2024-09/widefield/desktop.ini': '[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n',
    'Smith_lab_2024-09/zips/confocal_2024-08_backup.zip': writeZip([{ name: 'Experiment_00.lif', data: fixture('experiment.lif') }]),
    'Smith_lab_2024-09/zips/analysis_scripts.zip': writeZip([{ name: 'segment.py', data: utf8('import skimage\n') }, { name: 'README.md', data: utf8('# scripts\n') }]),
  };
}

// ---------------------------------------------------------------------------------------------------------
// More screening exports, OME-TIFF companion sets, Space Ranger 2, ultrasound

/** A Harmony 6 export as in the Cell Painting Gallery (cpg0048): Index.xml next to the TIFFs, no Images/ folder. */
function harmonyV6Flat(): Tree {
  const d = '41005680__2021-05-10T09_00_00-Measurement 1';
  const tree: Tree = { [`${d}/Index.xml`]: writeHarmonyIndex({ namespace: 'http://www.perkinelmer.com/PEHH/HarmonyV6', instrument: 'Sonata', rows: 16, columns: 24, wells: [[1, 1]], fields: 2, channels: HOECHST_488, resolutionM: 6.5e-7, size: 1080 }) };
  for (const f of [1, 2]) for (const ch of [1, 2]) tree[`${d}/r01c01f0${f}p01-ch${ch}sk1fk1fl1.tiff`] = operettaTiff(1, 1);
  return tree;
}

/** A Columbus export: MeasurementIndex.ColumbusIDX.xml naming the screen, plate and ImageIndex.ColumbusIDX.xml, and the images it lists. */
function columbusExport(): Tree {
  const d = 'Columbus/Screen A/Plate 7';
  const tree: Tree = {
    [`${d}/MeasurementIndex.ColumbusIDX.xml`]: '<?xml version="1.0" encoding="utf-8"?>\n<ColumbusMeasurementIndex>\n  <ScreenName>Screen A</ScreenName>\n  <PlateName>Plate 7</PlateName>\n  <PlateType>96 PerkinElmer CellCarrier</PlateType>\n  <PlateRows>8</PlateRows>\n  <PlateColumns>12</PlateColumns>\n  <Measurements>\n    <Measurement MeasurementID="4711">Measurement 1<Reference>ImageIndex.ColumbusIDX.xml</Reference></Measurement>\n  </Measurements>\n</ColumbusMeasurementIndex>\n',
    [`${d}/ImageIndex.ColumbusIDX.xml`]: writeHarmonyIndex({ namespace: 'http://www.perkinelmer.com/Columbus', instrument: 'Operetta', rows: 8, columns: 12, wells: [[2, 2], [2, 3]], fields: 1, channels: HOECHST_488, resolutionM: 6.5e-7, size: 1080 }),
  };
  for (const [r, c] of [[2, 2], [2, 3]] as const) for (const ch of [1, 2]) tree[`${d}/r0${r}c0${c}f01p01-ch${ch}sk1fk1fl1.tiff`] = plainTiff({ bits: 16 });
  return tree;
}

/** An Opera .flex: a little-endian TIFF whose first IFD holds the FlexXML document in tag 65200 (Bio-Formats FlexReader). */
function flexWell(row: number, col: number): Uint8Array {
  const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><Root><Arrays><Array Name="Exp1Cam1" Width="32" Height="32" BitsPerPixel="16"/></Arrays><FLEX version="1.8.1.0" OperaDevice="OPERA5013"><LightSources><LightSource ID="L405"><Wavelength>405</Wavelength></LightSource></LightSources><Objectives><Objective ID="Obj1"><Magnification>20</Magnification><NumAperture>0.7</NumAperture><Immersion>1.33</Immersion></Objective></Objectives><Plate><PlateName>X_110331_S13</PlateName><XSize>8</XSize><YSize>12</YSize></Plate><Well><WellCoordinate Row="${row}" Col="${col}"/><Images><Image BufferNo="0"><ObjectiveRef ID="Obj1"/><Sublayout>1</Sublayout><ImageResolutionX>3.2e-7</ImageResolutionX></Image></Images></Well></FLEX></Root>`;
  return writeTiff({ littleEndian: true, ifds: [{ tags: [...imageTags({ width: 32, height: 32, bitsPerSample: 16 }), tag.ascii(65200, xml)], strip: blankStrip(32, 32, 16) }] });
}

/** An Opera measurement folder of .flex files, one per well (RRRCCCFFF.flex), as deposited in IDR idr0001. */
function operaFlexMeasurement(): Tree {
  const d = 'Opera/X_110331_S13/Meas_01(2011-03-31_17-12-00)';
  return { [`${d}/001001000.flex`]: flexWell(1, 1), [`${d}/001002000.flex`]: flexWell(1, 2), [`${d}/002001000.flex`]: flexWell(2, 1) };
}

/** A multi-file OME-TIFF set (OME-TIFF spec, "Companion files"): the OME-XML in name.companion.ome, each TIFF holding a BinaryOnly pointer. */
function omeCompanionSet(): Tree {
  const uuid = (i: number): string => `urn:uuid:6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f40${String(i).padStart(2, '0')}`;
  const ns = 'http://www.openmicroscopy.org/Schemas/OME/2016-06';
  const binaryOnly = (i: number): string => `<?xml version="1.0" encoding="UTF-8"?><OME xmlns="${ns}" UUID="${uuid(i)}"><BinaryOnly MetadataFile="cells.companion.ome" UUID="${uuid(0)}"/></OME>`;
  const tiffData = [1, 2, 3].map((i) => `<TiffData FirstZ="${i - 1}" IFD="0" PlaneCount="1"><UUID FileName="cells_z${i}.ome.tif">${uuid(i)}</UUID></TiffData>`).join('');
  const companion = `<?xml version="1.0" encoding="UTF-8"?>\n<OME xmlns="${ns}" UUID="${uuid(0)}" Creator="OME Bio-Formats 7.0.0"><Instrument ID="Instrument:0"><Microscope Manufacturer="Leica" Model="TCS SP8"/><Objective ID="Objective:0:0" LensNA="1.4" NominalMagnification="63"/></Instrument><Image ID="Image:0" Name="cells"><InstrumentRef ID="Instrument:0"/><Pixels ID="Pixels:0" DimensionOrder="XYZCT" Type="uint16" SizeX="32" SizeY="32" SizeZ="3" SizeC="1" SizeT="1" PhysicalSizeX="0.09" PhysicalSizeXUnit="µm" PhysicalSizeY="0.09" PhysicalSizeYUnit="µm" PhysicalSizeZ="0.3" PhysicalSizeZUnit="µm"><Channel ID="Channel:0:0" Name="Alexa 488" AcquisitionMode="LaserScanningConfocalMicroscopy" ExcitationWavelength="488" EmissionWavelength="520"/>${tiffData}</Pixels></Image></OME>\n`;
  const tree: Tree = { 'ome-tiff/cells.companion.ome': companion };
  for (const i of [1, 2, 3]) tree[`ome-tiff/cells_z${i}.ome.tif`] = plainTiff({ description: binaryOnly(i), bits: 16 });
  return tree;
}

/** Space Ranger ≥ 2.0 with CytAssist: tissue_positions.csv with header, cytassist_image.tiff, raw and filtered matrices, summaries; the H&E given to --image. */
function spaceRanger2CytAssist(): Tree {
  const v = 'spatial/visium_1.0.0';
  const o = 'CAVG10001_A1/outs';
  return {
    [`${o}/filtered_feature_bc_matrix.h5`]: real(`${v}/filtered_feature_bc_matrix.h5`),
    [`${o}/raw_feature_bc_matrix.h5`]: real(`${v}/filtered_feature_bc_matrix.h5`),
    [`${o}/spatial/scalefactors_json.json`]: real(`${v}/spatial/scalefactors_json.json`),
    [`${o}/spatial/tissue_positions.csv`]: writeVisiumPositionsV2(30),
    [`${o}/spatial/tissue_hires_image.png`]: real(`${v}/spatial/tissue_hires_image.png`),
    [`${o}/spatial/cytassist_image.tiff`]: writeTiff({ littleEndian: true, ifds: [{ tags: imageTags({ width: 32, height: 32, bitsPerSample: 8, software: 'CytAssist' }), strip: blankStrip(32, 32) }] }),
    [`${o}/metrics_summary.csv`]: 'Sample ID,Sample Description,Number of Spots Under Tissue,Number of Reads,Mean Reads per Spot,Median Genes per Spot\nCAVG10001_A1,,2987,120000000,40174,3512\n',
    [`${o}/web_summary.html`]: '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Space Ranger Web Summary</title></head>\n<body><div id="summary">CAVG10001_A1</div></body>\n</html>\n',
    'CAVG10001_A1/image/CAVG10001_A1_HE_40x.tif': plainTiff({ bits: 8 }),
  };
}

/** Ultrasound exported from a clinic: one de-identified cine loop, and one with patient text burned into the pixels. */
function clinicalUltrasound(): Tree {
  const us = (burned: boolean): Uint8Array =>
    writeDicomPart10({
      sopClass: '1.2.840.10008.5.1.4.1.1.6.1', // Ultrasound Image Storage (PS3.4 B.5)
      elements: [el(0x0008, 0x0060, 'CS', 'US'), el(0x0012, 0x0062, 'CS', 'YES'), ...(burned ? [el(0x0028, 0x0301, 'CS', 'YES')] : [el(0x0028, 0x0301, 'CS', 'NO')])], // Patient Identity Removed (0012,0062); Burned In Annotation (0028,0301)
    });
  return { 'echo/deidentified/US_0001.dcm': us(false), 'echo/deidentified/US_0002.dcm': us(false), 'echo/raw_export/US_0003.dcm': us(true) };
}

// ---------------------------------------------------------------------------------------------------------
// Super-resolution: OMX SIM, SMLM

/** An OMX SIM session as softWoRx leaves it: raw <name>.dv, reconstructed <name>_SIR.dv, channel-aligned <name>_SIR_ALX.dv. */
function omxSimSession(): Tree {
  const dv = fixture('cells_R3D.dv');
  const tree: Tree = {};
  for (const cell of ['HeLa_Nup62-568_Lamin-647_60x_SI_001', 'HeLa_Nup62-568_Lamin-647_60x_SI_002']) {
    tree[`OMX/${cell}.dv`] = dv;
    tree[`OMX/${cell}_SIR.dv`] = dv;
    tree[`OMX/${cell}_SIR_ALX.dv`] = dv;
  }
  return tree;
}

/** dSTORM: Micro-Manager raw frame stacks (split at 4 GB into _MMStack_Pos0_N.ome.tif) and ThunderSTORM localisation exports. */
function stormSession(): Tree {
  const mm = fixture('MMStack_Pos0.ome.tif');
  const locs = '"id","frame","x [nm]","y [nm]","sigma [nm]","intensity [photon]","offset [photon]","bkgstd [photon]","uncertainty [nm]"\n1.0,1.0,10235.7,8121.2,132.1,1520.4,98.2,11.3,8.9\n2.0,1.0,5520.1,2210.9,128.7,980.5,97.4,10.9,12.1\n';
  const protocol = 'ThunderSTORM (dev-2016-09-10-b1)\n\nInput:\n{\n  "title": "storm_647_1_MMStack_Pos0.ome.tif"\n}\nCamera settings:\n{\n  "readoutNoise": 0.0,\n  "offset": 100.0,\n  "quantumEfficiency": 1.0,\n  "isEmGain": false,\n  "photons2ADU": 0.47,\n  "pixelSize": 108.0\n}\nAnalysis:\n{\n  "name": "Wavelet filter (B-Spline)",\n  "detector": "Local maximum",\n  "estimator": "PSF: Integrated Gaussian"\n}\n';
  return {
    'STORM/storm_647_1/storm_647_1_MMStack_Pos0.ome.tif': mm,
    'STORM/storm_647_1/storm_647_1_MMStack_Pos0_1.ome.tif': mm,
    'STORM/storm_647_1/storm_647_1_MMStack_Pos0_2.ome.tif': mm,
    'STORM/analysis/storm_647_1_localizations.csv': locs,
    'STORM/analysis/storm_647_1_localizations-protocol.txt': protocol,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Digital pathology, CosMx, CellProfiler

/** An Aperio .svs: TIFF whose ImageDescription starts "Aperio Image Library" with |-separated key = value pairs (openslide CMU-1.svs). */
function aperioSvs(name: string): Uint8Array {
  const description = `Aperio Image Library v10.0.51\r\n46920x33014 [0,100 46000x32914] (256x256) JPEG/RGB Q=30|AppMag = 20|StripeWidth = 2040|ScanScope ID = CPAPERIOCS|Filename = ${name}|Date = 12/29/09|Time = 09:59:15|MPP = 0.4990|Left = 25.691574|Top = 23.449873|ImageID = 1004486`;
  return writeTiff({ littleEndian: true, ifds: [{ tags: imageTags({ width: 32, height: 32, description }), strip: blankStrip(32, 32) }] });
}

/** A QuPath ≥ 0.2 project over two SVS slides: project.qpproj (+ .backup), classifiers/classes.json, data/<id>/{data.qpdata, server.json, summary.json, thumbnail.jpg}, and a GeoJSON export. */
function qupathProject(): Tree {
  const q = 'QuPath_glomeruli';
  const qpdata = new Uint8Array([0xac, 0xed, 0x00, 0x05, 0x74, 0x00, 0x13, ...utf8('Data file version 3')]); // Java serialization stream magic 0xACED, version 5; TC_STRING 0x74 + u16 length
  const project = JSON.stringify({ version: '0.4.3', createTimestamp: 1700000000000, modifyTimestamp: 1700000500000, uri: `file:/data/${q}/project.qpproj`, lastID: 2, images: ['CMU-1', 'CMU-2'].map((n, i) => ({ serverBuilder: { builderType: 'uri', providerClassName: 'qupath.lib.images.servers.bioformats.BioFormatsServerBuilder', uri: `file:/data/slides/${n}.svs` }, entryID: i + 1, randomizedName: `${i}`, imageName: `${n}.svs` })) }, null, 2);
  const tree: Tree = {
    'slides/CMU-1.svs': aperioSvs('CMU-1'),
    'slides/CMU-2.svs': aperioSvs('CMU-2'),
    [`${q}/project.qpproj`]: project,
    [`${q}/project.qpproj.backup`]: project,
    [`${q}/classifiers/classes.json`]: JSON.stringify({ pathClasses: [{ name: 'Unclassified' }, { name: 'Glomerulus', color: -16776961 }] }, null, 2),
    'exports/CMU-1.geojson': JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a1', geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] }, properties: { objectType: 'annotation', classification: { name: 'Glomerulus', color: [0, 0, 255] } } }] }),
  };
  for (const id of ['1', '2']) {
    tree[`${q}/data/${id}/data.qpdata`] = qpdata;
    tree[`${q}/data/${id}/server.json`] = JSON.stringify({ builder: { builderType: 'uri', uri: `file:/data/slides/CMU-${id}.svs` }, metadata: { width: 46000, height: 32914, pixelCalibration: { pixelWidth: { value: 0.499, unit: 'µm' } } } });
    tree[`${q}/data/${id}/summary.json`] = JSON.stringify({ hierarchy: { annotations: 1, detections: 0 } });
    tree[`${q}/data/${id}/thumbnail.jpg`] = writeJpeg({ width: 40, height: 30, components: 3 });
  }
  return tree;
}

/** A CosMx SMI flat-file export: <run>_exprMat_file.csv, _metadata_file.csv, _tx_file.csv, _fov_positions_file.csv and the per-FOV CellComposite/CellLabels images. */
function cosmxExport(): Tree {
  const r = 'CosMx/Lung5_Rep1';
  const run = 'Lung5_Rep1';
  const tree: Tree = {
    [`${r}/${run}_exprMat_file.csv`]: 'fov,cell_ID,AATK,ABL1,ACKR1\n1,0,0,0,0\n1,1,2,0,1\n',
    [`${r}/${run}_metadata_file.csv`]: 'fov,cell_ID,Area,AspectRatio,CenterX_local_px,CenterY_local_px,CenterX_global_px,CenterY_global_px,Width,Height,Mean.MembraneStain,Max.MembraneStain,Mean.PanCK,Mean.CD45,Mean.CD3,Mean.DAPI\n1,1,3101,1.35,3850,80,5150.3,95020.6,72,53,3900,11000,390,120,40,8600\n',
    [`${r}/${run}_tx_file.csv`]: 'fov,cell_ID,x_global_px,y_global_px,x_local_px,y_local_px,z,target,CellComp\n1,1,5151.2,95021.1,3851.2,81.1,2,KRT19,Cytoplasm\n',
    [`${r}/${run}_fov_positions_file.csv`]: 'fov,x_global_px,y_global_px\n1,1300.0,94940.0\n2,5556.0,94940.0\n',
  };
  for (const f of ['F001', 'F002']) {
    tree[`${r}/CellComposite/CellComposite_${f}.jpg`] = writeJpeg({ width: 40, height: 40, components: 3 });
    tree[`${r}/CellLabels/CellLabels_${f}.tif`] = plainTiff({ bits: 16 });
  }
  return tree;
}

/** A CellProfiler analysis of a MetaXpress plate: pipeline, ExportToSpreadsheet tables and SaveImages nuclei masks beside the plate folder. */
function cellProfilerOnPlate(): Tree {
  const tree: Tree = { ...metaXpressPlate() };
  for (const k of Object.keys(tree)) if (k.includes('_thumb')) delete tree[k];
  const a = '2024-07-01/analysis';
  tree[`${a}/measure_nuclei.cppipe`] = 'CellProfiler Pipeline: http://www.cellprofiler.org\nVersion:5\nDateRevision:426\nGitHash:\nModuleCount:4\nHasImagePlaneDetails:False\n\nImages:[module_num:1|svn_version:\\\'Unknown\\\'|variable_revision_number:2|show_window:False|notes:[]|batch_state:array([], dtype=uint8)|enabled:True|wants_pause:False]\n';
  tree[`${a}/MyExpt_Image.csv`] = 'ImageNumber,FileName_DAPI,Metadata_Well,Metadata_Site,Count_Nuclei\n1,PlateA_A01_s1_w1C3A6F9E2-0B1D-4E5F-9A8B-7C6D5E4F3A21.tif,A01,1,212\n';
  tree[`${a}/MyExpt_Nuclei.csv`] = 'ImageNumber,ObjectNumber,AreaShape_Area,Intensity_MeanIntensity_DAPI,Location_Center_X,Location_Center_Y\n1,1,412,0.083,120.5,88.2\n';
  tree[`${a}/MyExpt_Experiment.csv`] = 'Key,Value\nCellProfiler_Version,4.2.6\nPipeline_Pipeline,measure_nuclei.cppipe\n';
  for (const well of ['A01', 'A02']) for (const site of [1, 2]) tree[`${a}/masks/PlateA_${well}_s${site}_nuclei_mask.tiff`] = plainTiff({ bits: 16 });
  return tree;
}

/** A bioformats2raw (layout 3) conversion of a confocal image: root .zattrs "bioformats2raw.layout", OME/METADATA.ome.xml, series group 0/ with multiscales + omero. */
function bioformats2rawZarr(): Tree {
  const r = 'converted/cells.ome.zarr';
  const zgroup = '{\n  "zarr_format" : 2\n}';
  const omeXml = '<?xml version="1.0" encoding="UTF-8"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06" Creator="OME Bio-Formats 7.0.0"><Instrument ID="Instrument:0"><Microscope Manufacturer="Zeiss" Model="LSM 980"/></Instrument><Image ID="Image:0" Name="cells"><Pixels ID="Pixels:0" DimensionOrder="XYZCT" Type="uint16" SizeX="64" SizeY="64" SizeZ="4" SizeC="2" SizeT="1" PhysicalSizeX="0.043" PhysicalSizeXUnit="µm" PhysicalSizeY="0.043" PhysicalSizeYUnit="µm"><Channel ID="Channel:0:0" Name="AF488" AcquisitionMode="LaserScanningConfocalMicroscopy"/><Channel ID="Channel:0:1" Name="AF568" AcquisitionMode="LaserScanningConfocalMicroscopy"/><MetadataOnly/></Pixels></Image></OME>';
  const multiscales = {
    multiscales: [{ version: '0.4', name: 'cells', axes: [{ name: 't', type: 'time' }, { name: 'c', type: 'channel' }, { name: 'z', type: 'space', unit: 'micrometer' }, { name: 'y', type: 'space', unit: 'micrometer' }, { name: 'x', type: 'space', unit: 'micrometer' }], datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [1, 1, 0.3, 0.043, 0.043] }] }] }],
    omero: { channels: [{ label: 'AF488', color: '00FF00', active: true, window: { start: 0, end: 4095, min: 0, max: 65535 } }, { label: 'AF568', color: 'FF0000', active: true, window: { start: 0, end: 4095, min: 0, max: 65535 } }] },
  };
  return {
    [`${r}/.zgroup`]: zgroup,
    [`${r}/.zattrs`]: JSON.stringify({ 'bioformats2raw.layout': 3 }),
    [`${r}/OME/.zgroup`]: zgroup,
    [`${r}/OME/.zattrs`]: JSON.stringify({ series: ['0'] }),
    [`${r}/OME/METADATA.ome.xml`]: omeXml,
    [`${r}/0/.zgroup`]: zgroup,
    [`${r}/0/.zattrs`]: JSON.stringify(multiscales),
    [`${r}/0/0/.zarray`]: JSON.stringify({ chunks: [1, 1, 1, 64, 64], compressor: null, dtype: '<u2', fill_value: 0, filters: null, order: 'C', shape: [1, 2, 4, 64, 64], zarr_format: 2, dimension_separator: '/' }),
    [`${r}/0/0/0/0/0/0/0`]: new Uint8Array(64 * 64 * 2).fill(5),
    [`${r}/0/0/0/1/0/0/0`]: new Uint8Array(64 * 64 * 2).fill(6),
  };
}

/** Every light-microscopy / HCS / spatial-omics / medical / facility layout of the gallery. */
export const LM_OMICS_LAYOUTS: readonly StudyLayout[] = [
  {
    id: 'zen-czi-lsm-confocal-session',
    title: 'Zeiss ZEN session: LSM 980 CZI stacks with their "_Airyscan Processing" twins, a spinning-disk CZI, LSM 710 .lsm files',
    source:
      'ZEN (blue edition) saves each acquisition as one .czi (ZISRAW segments, ImageDocument XML with Microscope Name, Channel AcquisitionMode "LaserScanningConfocalMicroscopy"); the Airyscan Processing method writes "<name>_Airyscan Processing.czi" beside the raw file (ZEN 3.x user guide, "Airyscan Processing"). Real CZI: AllenCellModeling/aicsimageio tests/resources/s_1_t_1_c_1_z_1.czi (SpinningDiskConfocal). Older LSM 510/710 files: TIFF with CZ_LSMINFO tag 34412 (tifffile). Light microscopy → BIA (policy Examples row "Light microscopy", S-BIAD287).',
    tree: zenSession,
    expected: [
      // Airyscan is a point-scanning confocal with an array detector; its raw and processed files stay confocal
      // (BIA studies file them under confocal microscopy). The spinning disk is a confocal technique too.
      ['**/*.czi', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['**/*.lsm', 'lm-confocal', 'BIA', 'row-light-microscopy'],
    ],
  },
  {
    id: 'lasx-lif-lof-and-tiff-export',
    title: 'Leica LAS X: project .lif files, THUNDER .lof images, and "Export → TIFF" with its MetaData/ XML',
    source:
      'LAS X saves a project as one .lif (XML header block + memory blocks; Bio-Formats LIFReader) and single images as .lof ("LMS_Object_File"; LOFReader, LAS X 4+ / THUNDER). "Export → Image → TIFF" writes <Project>/<Series>_zNN_chNN.tif per plane and a MetaData/ folder with <Series>.xml (the LAS X image XML) and <Series>_Properties.xml (LAS X help, "Exporting images"; the layout Bio-Formats LeicaReader/TCS reader pairs). Confocal TCS SP8 vs camera DMi8 is stated in the Attachment SystemTypeName/DataSourceTypeName.',
    tree: lasxProject,
    expected: [
      ['LASX/*.lif', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['LASX/THUNDER/*.lof', 'lm-widefield', 'BIA', 'row-light-microscopy'],
      // The TIFFs are planes of Series003 of an SP8 (confocal, as MetaData/Series003.xml says).
      ['LASX/Project_2024-05-02/Series003_*.tif', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['LASX/Project_2024-05-02/MetaData/*.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'nis-elements-nd2-sessions',
    title: 'Nikon NIS-Elements: spinning-disk and widefield ND2 runs (auto-numbered name001.nd2), a legacy JPEG 2000 ND2, Thumbs.db',
    source:
      'NIS-Elements ND Acquisition saves one .nd2 per run and numbers repeats name001.nd2, name002.nd2 (NIS-Elements AR user guide, "ND Acquisition → Save to File"); ND2 v3 chunk map and CLX Lite metadata with per-channel modality flags (nd2 reader by T. Lambert, src/nd2/_sdk_types.py ModalityFlags: 0x1 widefield fluorescence, 0x400 spinning disk). Pre-2012 ND2 are JPEG 2000 with a LIM box map (Bio-Formats NativeND2Reader). Windows Explorer leaves Thumbs.db.',
    tree: nisSession,
    expected: [
      ['NIS/2024-06-10_CSU-W1/*.nd2', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['NIS/2024-06-11_Ti2_widefield/*.nd2', 'lm-widefield', 'BIA', 'row-light-microscopy'],
      // A 2011 JPEG 2000 ND2 names no technique: light microscopy, technique not stated.
      ['NIS/2011_archive/*.nd2', 'lm-other', 'BIA', 'row-light-microscopy'],
      ['NIS/Thumbs.db', 'not-data', 'NONE', 'not-research-data'],
    ],
  },
  {
    id: 'fluoview-oir-oib-oif',
    title: 'Olympus/Evident FluoView: FV3000 .oir, FV1200 .oib, and an .oif with its sample.oif.files/ folder of s_CnnnZnnn.tif + .pty',
    source:
      'Bio-Formats FV1000Reader: an .oif is the main settings file and "<name>.oif.files/" holds one s_C<c>Z<z>.tif per plane with an s_C<c>Z<z>.pty INI beside it; an .oib packs the same in an OLE2 compound file. FV3000 writes .oir (OLYMPUSRAWFORMAT; Bio-Formats OIRReader). FluoView is a point-scanning confocal (FV1200/FV3000 product pages).',
    tree: fluoViewStudy,
    expected: [
      ['FV3000/*.oir', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['FV1200/sampleA.oib', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      // The .oif is the settings text only (its pixels are the TIFFs in sampleB.oif.files/): supporting metadata
      // of that image, like an mdoc beside its stack (gallery convention for sidecars).
      ['FV1200/sampleB.oif', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['FV1200/sampleB.oif.files/*.tif', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['FV1200/sampleB.oif.files/*.pty', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'cellsens-vsi-slide-scans',
    title: 'Evident VS200 slide scans: Slide_NN.vsi with _Slide_NN_/stack1 and stack10001 frame_t.ets pyramids',
    source:
      'Bio-Formats CellSensReader and its format page (docs.openmicroscopy.org/bio-formats, "Olympus CellSens VSI"): the .vsi holds the metadata and label, the pixels are in _<name>_/stack<N>/frame_t.ets (SIS/ETS headers, tiled JPEG); the whole "_name_" folder must be kept with the .vsi. BIA histology studies hold VSI + ETS as deposited.',
    tree: vsiSlides,
    expected: [
      // Corrected before any engine change: neither the .vsi nor the ETS headers state brightfield or
      // fluorescence (a VS200 does both), so the honest modality is light microscopy, technique not stated.
      ['VS200/*.vsi', 'lm-other', 'BIA', 'row-light-microscopy'],
      ['VS200/_*_/stack*/frame_t.ets', 'lm-other', 'BIA', 'row-light-microscopy'],
    ],
  },
  {
    id: 'micromanager-and-bfconvert-ome-tiff',
    title: 'OME-TIFF: a Micro-Manager 2 multi-position acquisition (MMStack_PosN.ome.tif + DisplaySettings.json) and a bfconvert export',
    source:
      'Micro-Manager 2.0 "Save as separate image files / image stack file": <acq>_N/<acq>_N_MMStack_Pos<p>.ome.tif with the summary/plane JSON in TIFF tag 51123 and DisplaySettings.json beside (micro-manager.org, "Micro-Manager File Formats"). Real OME-TIFF: aicsimageio tests/resources/s_1_t_1_c_1_z_1.ome.tiff (OME-XML AcquisitionMode SpinningDiskConfocal). The MM JSON names the camera (HamamatsuHam_DCAM) and channel, not the technique.',
    tree: omeTiffExports,
    expected: [
      // Corrected: the Micro-Manager JSON names a camera and a DAPI channel but no technique (a camera sits
      // behind spinning disks too), so "widefield" claimed more than the bytes say.
      ['micromanager/**/*.ome.tif', 'lm-other', 'BIA', 'row-light-microscopy'],
      ['micromanager/**/DisplaySettings.json', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['converted/*.ome.tiff', 'lm-confocal', 'BIA', 'row-light-microscopy'],
    ],
  },
  {
    id: 'ome-zarr-images-with-omero-channels',
    title: 'OME-Zarr (NGFF 0.4 Zarr v2 and NGFF 0.5 Zarr v3) images with omero.channels and a labels group',
    source:
      'OME-NGFF 0.4 and 0.5 specifications (ngff.openmicroscopy.org): multiscales + omero.channels (label, color, window) in .zattrs (v2) or zarr.json attributes.ome (v3), chunk files under <level>/…; labels/ is part of the image. Bytes: BioImageTools/ome-zarr-examples data/valid/image-03.zarr (v0.4); the BIA converts every study to OME-Zarr and accepts it for deposit (BIA "File formats" help).',
    tree: omeZarrImages,
    expected: [
      // Fluorescence channels (Hoechst, DAPI, GFP) and no technique: light microscopy, technique not stated.
      ['ngff/nuclei_3d.ome.zarr/**', 'lm-other', 'BIA', 'row-light-microscopy'],
      ['ngff/embryo_t0.ome.zarr/**', 'lm-other', 'BIA', 'row-light-microscopy'],
    ],
  },
  {
    id: 'ome-zarr-hcs-plate',
    title: 'OME-Zarr HCS plate (NGFF 0.4 plate → well → field) with two fluorescence channels',
    source:
      'OME-NGFF 0.4 "plate" and "well" metadata (ngff.openmicroscopy.org/0.4, §plate, §well); plate .zattrs bytes: BioImageTools/ome-zarr-examples data/valid/plate-01.zarr/.zattrs. IDR/BIA screens are published as NGFF plates (e.g. IDR idr0001 converted by bioformats2raw); the policy sends HCS to the BIA (Examples, "High content screening images", note 1).',
    tree: omeZarrPlate,
    expected: [['screen/plate-01.ome.zarr/**', 'hcs', 'BIA', 'row-hcs']],
  },
  {
    id: 'lightsheet-bigstitcher-hdf5',
    title: 'Zeiss Lightsheet 7 raw CZI tiles fused in BigStitcher: dataset.xml, dataset.xml~N backups, BDV HDF5 container',
    source:
      'BigStitcher (imagej.net/plugins/bigstitcher, "Define dataset" / "Resave as HDF5"): the project is dataset.xml (SpimData 0.2, ViewSetups with tile/channel/illumination/angle attributes, ViewRegistrations) and dataset.h5 (BDV HDF5: /s00/resolutions, /s00/subdivisions, /t00000/s00/0/cells; bigdataviewer-core Hdf5ImageLoader); every save keeps the previous XML as dataset.xml~1, ~2 … ZEN splits a large Lightsheet 7 multiview acquisition into name.czi, name(1).czi, name(2).czi … which Bio-Formats ZeissCZIReader opens as one dataset. The tile registrations are internal stitching of one LM dataset, not LM↔EM correlation.',
    tree: bigStitcherHdf5,
    expected: [
      ['raw/*.czi', 'lm-light-sheet', 'BIA', 'row-light-microscopy'],
      ['bigstitcher/dataset.h5', 'lm-light-sheet', 'BIA', 'row-light-microscopy'],
      ['bigstitcher/dataset.xml*', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'mesospim-bigstitcher-n5',
    title: 'mesoSPIM TIFF tiles with their _meta.txt, stitched in BigStitcher and resaved as N5 (dataset.xml + dataset.n5/)',
    source:
      'mesoSPIM-control writes one stack per tile named Mag<zoom>_Tile<n>_Ch<λ>_Sh<shutter>_Rot<angle>.<raw|tif|btf> with a "<file>_meta.txt" beside it ("[Pixelsize in um] 3.26", "[z_stepsize]", "[z_planes]", "[Filter]", "[x_pos]" … one "[key] value" per line; mesoSPIM wiki "Acquisition metadata", and the parsers reading *.btf_meta.txt in public pipelines); BigStitcher "Resave as N5" writes dataset.n5/ (attributes.json n5 version, setupN/timepoint0/sN blocks; N5 spec saalfeldlab/n5) referenced by dataset.xml ImageLoader format "bdv.n5".',
    tree: bigStitcherN5,
    expected: [
      ['raw/*.tif', 'lm-light-sheet', 'BIA', 'row-light-microscopy'],
      ['raw/*_meta.txt', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['stitching/dataset.n5/**', 'lm-light-sheet', 'BIA', 'row-light-microscopy'],
      ['stitching/dataset.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'harmony-phenix-export',
    title: 'PerkinElmer/Revvity Harmony export: Images/Index.idx.xml + rRRcCCfFFpPP-chNsk1fk1fl1.tiff, Assaylayout/, FFC_Profile/',
    source:
      'Bio-Formats OperettaReader (Index.idx.xml, HarmonyV5 namespace; image names r<row>c<col>f<field>p<plane>-ch<channel>sk<t>fk1fl1.tiff) and the Harmony "Export measurement" folder (<measurement>/Images/Index.idx.xml with Assaylayout/ and FFC_Profile/ beside, the paths public Operetta export readers open: folder/Images, folder/Assaylayout, folder/FFC_Profile). HCS → BIA (policy Examples row "High content screening images").',
    tree: harmonyExport,
    expected: [
      ['**/Images/*.tiff', 'hcs', 'BIA', 'row-hcs'],
      // The plate index is metadata describing the images (gallery convention: sidecars are supporting metadata).
      ['**/Images/Index.idx.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/Assaylayout/*.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/FFC_Profile/*.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'metaxpress-htd-plate',
    title: 'Molecular Devices MetaXpress plate: PlateA.HTD and PlateA_A01_s1_w1<GUID>.tif with _thumb images',
    source:
      'Bio-Formats MetaxpressTiffReader / MetamorphReader (.HTD "HTSInfoFile" with XWells/YWells/WellsSelection/Sites/WaveName; images <plate>_<well>_s<site>_w<wave><GUID>.tif with MetaSeries XML in ImageDescription, thumbnails *_thumb*.tif); MetaXpress stores plates under <date>/<plate id>/ (ImageXpress user guide). HCS → BIA.',
    tree: metaXpressPlate,
    expected: [
      // Thumbnails are MetaXpress's own reduced previews of the same sites: processing output of the screen.
      ['**/*_thumb*.tif', 'processing-output', 'BIA', 'supporting-follows-data'],
      ['**/*.tif', 'hcs', 'BIA', 'row-hcs'],
      ['**/*.HTD', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'incell-xdce-plate',
    title: 'GE/Cytiva IN Cell Analyzer plate: Plate.xdce and "B - 3(fld 1 wv HOECHST 33342 - HOECHST 33342).tif" images',
    source:
      'Bio-Formats InCellReader: the .xdce ImageStack XML lists every image as "<Row> - <col>(fld <f> wv <ex> - <em>).tif" in the same folder (IN Cell Analyzer 2000/2200 user manual, "Image file naming"); public sample in the OME sample collection (InCell 2000). HCS → BIA.',
    tree: inCellPlate,
    expected: [
      ['InCell/Plate_0042/*.tif', 'hcs', 'BIA', 'row-hcs'],
      ['InCell/Plate_0042/*.xdce', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'yokogawa-cv7000-measurement',
    title: 'Yokogawa CellVoyager CV7000: MeasurementDetail.mrf, MeasurementData.mlf, .mes/.wpi/.wpp settings, SC_ shading references and <title>_B03_T0002F001L01A01ZzzCcc.tif',
    source:
      'fractal-analytics-platform/fractal-tasks-core tests/data/metadata_files (real MeasurementDetail.mrf and MeasurementData.mlf of a CV7000 FD run, "20200812-CardiomyocyteDifferentiation14-Cycle1") and its cellvoyager parser: the .mlf lists every image as <title>_<well>_T<t>F<field>L<line>A<action>Z<z>C<ch>.tif in the measurement folder; the .mrf names the .mes (protocol), .wpi/.wpp (plate) files and one ShadingCorrectionSource flat-field TIFF per channel. HCS → BIA.',
    tree: cv7000Measurement,
    expected: [
      // Flat-field (shading-correction) references: calibration images, supporting like a gain reference.
      ['**/SC_*.tif', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/*.tif', 'hcs', 'BIA', 'row-hcs'],
      ['**/MeasurementDetail.mrf', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/MeasurementData.mlf', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/*.mes', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/*.wpi', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/*.wpp', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'space-ranger-visium-outs',
    title: 'Space Ranger (Visium) run: outs/spatial/ images, positions and scale factors, the filtered matrix, the BAM, and the FASTQs',
    source:
      '10x Genomics Space Ranger "Outputs" (support.10xgenomics.com/spatial-gene-expression/software/pipelines/latest/output/overview): outs/filtered_feature_bc_matrix.h5, outs/possorted_genome_bam.bam, outs/spatial/{tissue_hires_image.png, tissue_lowres_image.png, aligned_fiducials.jpg, detected_tissue_image.jpg, tissue_positions_list.csv, scalefactors_json.json}. Real files: scverse/scanpy tests/_data/visium_data/1.0.0. Policy "Spatial-omics data": spatial data → BIA; sequencing-based ST matrices → ArrayExpress; reads → ENA (via ArrayExpress).',
    tree: spaceRangerRun,
    expected: [
      ['**/outs/spatial/**', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['**/outs/filtered_feature_bc_matrix.h5', 'omics-data', 'OMICS:ArrayExpress', 'spatial-omics-functional-genomics'],
      ['**/outs/possorted_genome_bam.bam', 'omics-data', 'OMICS:ENA', 'spatial-omics-reads'],
      ['**/fastqs/*.fastq.gz', 'omics-data', 'OMICS:ENA', 'spatial-omics-reads'],
    ],
  },
  {
    id: 'xenium-output-bundle',
    title: '10x Xenium output bundle: experiment.xenium, morphology(.ome.tif, _focus/), transcripts, cells, cell_feature_matrix.h5, gene_panel.json',
    source:
      '10x Genomics "Understanding Xenium outputs" (XOA 2.x: output-<instrument>__<slide>__<region>__<date>__<time>/ with experiment.xenium, morphology.ome.tif, morphology_focus/morphology_focus_NNNN.ome.tif, transcripts.csv.gz/.parquet, cells.csv.gz, cell_feature_matrix.h5, gene_panel.json); experiment.xenium fields as in nf-core/xeniumranger test data. Policy: imaging-based ST has no omics archive → all to the BIA (spatial data and omics alike).',
    tree: xeniumBundle,
    expected: [
      ['**/*.ome.tif', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['**/experiment.xenium', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/transcripts.csv.gz', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/cells.csv.gz', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/cell_feature_matrix.h5', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/gene_panel.json', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'merscope-region-output',
    title: 'Vizgen MERSCOPE region output: detected_transcripts.csv, cell_by_gene.csv, cell_metadata.csv, images/mosaic_<stain>_z<n>.tif + transform + manifest',
    source:
      'Vizgen MERSCOPE "Output data" (vizgen.com, MERSCOPE Instrument User Guide; read by squidpy.read.vizgen and spatialdata-io merscope: region_N/detected_transcripts.csv, cell_by_gene.csv, cell_metadata.csv, images/mosaic_<stain>_z<z>.tif, images/micron_to_mosaic_pixel_transform.csv, images/manifest.json). Imaging-based ST (MERFISH) → all to the BIA.',
    tree: merscopeRegion,
    expected: [
      ['**/images/mosaic_*.tif', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      // Corrected: the micron→mosaic-pixel affine is a transformation into a common coordinate space, which the
      // gallery brief and policy point 3 class as correlation information (BIA either way).
      ['**/images/micron_to_mosaic_pixel_transform.csv', 'correlation', 'BIA', 'note-3-correlation-info'],
      ['**/images/manifest.json', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['**/detected_transcripts.csv', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/cell_by_gene.csv', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/cell_metadata.csv', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
    ],
  },
  {
    id: 'imzml-maldi-imaging',
    title: 'MALDI mass-spectrometry imaging: imzML + .ibd pairs and the H&E OME-TIFF of the adjacent section',
    source:
      'imzML 1.1 specification (imzml.org: the .imzML XML with IMS cv terms and the .ibd binary sharing its 16-byte UUID; "both files must be kept together"); MetaboLights accepts MSI as imzML (MetaboLights "MS imaging" submission guide); EBI policy "Spatial-omics data": the optical image goes to the BIA, the MS data to the omics archive.',
    tree: imzmlStudy,
    expected: [
      ['MALDI/*.imzML', 'omics-data', 'OMICS:MetaboLights', 'spatial-omics-metabolomics'],
      ['MALDI/*.ibd', 'omics-data', 'OMICS:MetaboLights', 'spatial-omics-metabolomics'],
      ['histology/*.ome.tiff', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
    ],
  },
  {
    id: 'dicom-wsi-deidentified-and-identifiable',
    title: 'DICOM whole-slide imaging (SM): a de-identified H&E cohort (PS3.15 Basic Profile) and one slide with patient name, MRN and birth date',
    source:
      'DICOM PS3.3 A.32.8 VL Whole Slide Microscopy Image IOD (SOP class 1.2.840.10008.5.1.4.1.1.77.1.6, Modality SM, one instance per pyramid level) and PS3.15 Annex E (Patient Identity Removed 0012,0062 = YES, De-identification Method 0012,0063); de-identified WSI cohorts are published as such (TCIA, IDC). A slide scan is light microscopy; a human slide still carrying an identifying field (PatientID ANON0001 in the cohort; PatientName/PatientID/BirthDate in the PACS slide) is patient-identifiable whatever its de-identification flags say (issue 12, finding 8) → not depositable (policy Examples row "Patient identifiable imaging data").',
    tree: dicomWsi,
    expected: [
      // Slide microscopy is light microscopy (slide scanner, technique not stated in the header). Issue 12,
      // finding 8 changed the routing of the "de-identified" cohort: it still carries PatientID (ANON0001), and
      // "the lock covers every patient-associated file (any identifying field present, or a human clinical SOP
      // class, whatever the de-identification flags say)"; no species is stated, so it is human (PS3.3 C.7.1.1).
      // Policy Background: "Patient associated medical imaging data cannot currently be deposited into any
      // resource at EBI"; Examples row "Patient identifiable imaging data": neither archive.
      ['deidentified/**', 'lm-other', 'NONE', 'patient-identifiable'],
      ['from_pacs/**', 'lm-other', 'NONE', 'patient-identifiable'],
    ],
  },
  {
    id: 'clinical-dicom-pacs-export',
    title: 'Clinical CT and MR DICOM from a PACS export (DICOM/STnnnnnn/SEnnnnnn/, one extension-less instance)',
    source:
      'pydicom test files CT_small.dcm and MR_small.dcm (NEMA WG04; PatientName/PatientID filled); DICOM PS3.10 §8 file-set layout (DICOM/ST…/SE…/ instance files, often without extension). Policy Background: "Patient associated medical imaging data cannot currently be deposited"; Examples row "Patient identifiable imaging data": neither archive.',
    tree: clinicalDicom,
    expected: [['PACS_export/**', 'medical-imaging', 'NONE', 'patient-identifiable']],
  },
  {
    id: 'bids-nifti-neuroimaging',
    title: 'BIDS MRI dataset: sub-NN/anat and func NIfTI with JSON sidecars, dataset_description.json, participants.tsv',
    source:
      'BIDS specification 1.8 (bids-specification.readthedocs.io: sub-<label>/anat/sub-<label>_T1w.nii[.gz] + .json sidecar, func/…_bold.nii.gz, dataset_description.json, participants.tsv); NIfTI bytes from nipy/nibabel tests/data (anatomical.nii, example_nifti2.nii.gz). Human MRI at millimetre voxels is patient-associated medical imaging → not depositable at EBI (policy Background); the sidecars and participant table follow it.',
    tree: bidsDataset,
    expected: [
      ['bids/sub-*/**/*.nii*', 'medical-imaging', 'NONE', 'patient-medical-imaging'],
      ['bids/sub-*/**/*.json', 'supporting-metadata', 'NONE', 'supporting-follows-data'],
      ['bids/*.json', 'supporting-metadata', 'NONE', 'supporting-follows-data'],
      ['bids/participants.tsv', 'supporting-metadata', 'NONE', 'supporting-follows-data'],
    ],
  },
  {
    id: 'facility-drop-mixed-folder',
    title: 'Imaging-core hand-back: README, lab notebook PDF, DOCX protocol, XLSX sample sheet, ZIPs, .DS_Store/._/Thumbs.db/desktop.ini beside LIF and ND2 data',
    source:
      'A core-facility delivery as BIA curators describe receiving them (BIA submission help, "Preparing your files": remove system files, describe files in a file list; README and protocol documents are study documentation). OS clutter names: Apple TN1150/AppleDouble (._*), .DS_Store, Windows Thumbs.db and desktop.ini. The LIF/ND2 data route as light microscopy → BIA.',
    tree: facilityDrop,
    expected: [
      ['**/.DS_Store', 'not-data', 'NONE', 'not-research-data'],
      ['**/._*', 'not-data', 'NONE', 'not-research-data'],
      ['**/Thumbs.db', 'not-data', 'NONE', 'not-research-data'],
      ['**/desktop.ini', 'not-data', 'NONE', 'not-research-data'],
      ['**/confocal/*.lif', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['**/widefield/*.nd2', 'lm-widefield', 'BIA', 'row-light-microscopy'],
      // The backup zip holds one more LIF; the scripts zip is analysis code: both follow the LM study.
      ['**/zips/confocal_*.zip', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['**/zips/analysis_scripts.zip', 'processing-output', 'BIA', 'supporting-follows-data'],
      ['Smith_lab_2024-09/README.txt', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['Smith_lab_2024-09/*.pdf', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['Smith_lab_2024-09/*.docx', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['Smith_lab_2024-09/*.xlsx', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'harmony-v6-flat-index-xml',
    title: 'Harmony 6 (Operetta CLS) export as in the Cell Painting Gallery: Index.xml beside the rRRcCCfFFpPP TIFFs, no Images/ folder',
    source:
      'Cell Painting Gallery cpg0048 plate 41005680 (registry.opendata.aws/cellpainting-gallery): Harmony V6 namespace, InstrumentType Sonata, Index.xml lying next to the TIFFs; Bio-Formats OperettaReader accepts /index.idx.xml, /index.ref.xml and /index.xml. HCS → BIA (policy Examples, note 1).',
    tree: harmonyV6Flat,
    expected: [
      ['**/*.tiff', 'hcs', 'BIA', 'row-hcs'],
      ['**/Index.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'columbus-export',
    title: 'PerkinElmer Columbus export: MeasurementIndex.ColumbusIDX.xml + ImageIndex.ColumbusIDX.xml and the TIFFs the index lists',
    source:
      'Bio-Formats ColumbusReader (MeasurementIndex.ColumbusIDX.xml, root ColumbusMeasurementIndex, HCS domain) and the OME sample PerkinElmer-Columbus/zenodo-6327496: ImageIndex.ColumbusIDX.xml has the Harmony EvaluationInputData structure in the http://www.perkinelmer.com/Columbus namespace and names each image file in URL; file names here are the ones the index lists. HCS → BIA.',
    tree: columbusExport,
    expected: [
      ['**/*.tiff', 'hcs', 'BIA', 'row-hcs'],
      ['**/*.ColumbusIDX.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'opera-flex-measurement',
    title: 'PerkinElmer Opera measurement folder: one RRRCCCFFF.flex per well with the FlexXML in TIFF tag 65200',
    source:
      'IDR idr0001 (Graml et al.; OME sample images Flex/idr0001, plate X_110331_S13, FLEX 1.8.1.0 from an OPERA5013): Meas_NN(date)/001001000.flex …; Bio-Formats FlexReader reads tag 65200 (FlexXML: Plate XSize/YSize, Well WellCoordinate Row/Col, Images/Image@BufferNo). HCS → BIA.',
    tree: operaFlexMeasurement,
    expected: [['Opera/**/*.flex', 'hcs', 'BIA', 'row-hcs']],
  },
  {
    id: 'ome-tiff-companion-set',
    title: 'Multi-file OME-TIFF: cells.companion.ome with the full OME-XML and cells_zN.ome.tif planes holding BinaryOnly pointers',
    source:
      'OME-TIFF specification (docs.openmicroscopy.org/ome-model, "OME-TIFF specification → Companion files" and BinaryOnly): a .companion.ome holds the OME-XML whose TiffData/UUID FileName elements list the TIFFs; each TIFF carries only <BinaryOnly MetadataFile=… UUID=…>. bfconvert and Micro-Manager write such sets. The companion states LaserScanningConfocalMicroscopy on a TCS SP8.',
    tree: omeCompanionSet,
    expected: [
      ['ome-tiff/*.ome.tif', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['ome-tiff/*.companion.ome', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'space-ranger-2-cytassist',
    title: 'Space Ranger ≥ 2.0 CytAssist run: tissue_positions.csv with header, cytassist_image.tiff, raw/filtered matrices, metrics and web summary, and the H&E given to --image',
    source:
      '10x Genomics Space Ranger 2.x "Outputs" (outs/spatial/tissue_positions.csv now with a header row, cytassist_image.tiff, tissue_hires_image.png, scalefactors_json.json; outs/raw_feature_bc_matrix.h5, filtered_feature_bc_matrix.h5, metrics_summary.csv, web_summary.html) and "spaceranger count --image/--cytaimage" for the microscope image. ArrayExpress takes Visium with its processed files (ArrayExpress "Submitting spatial transcriptomics"); spatial data → BIA (policy "Spatial-omics data").',
    tree: spaceRanger2CytAssist,
    expected: [
      ['**/outs/spatial/**', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['**/image/*.tif', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['**/outs/*_feature_bc_matrix.h5', 'omics-data', 'OMICS:ArrayExpress', 'spatial-omics-functional-genomics'],
      // Run QC of the sequencing library: processed output that travels with the matrices to ArrayExpress.
      ['**/outs/metrics_summary.csv', 'processing-output', 'OMICS:ArrayExpress', 'supporting-follows-data'],
      ['**/outs/web_summary.html', 'processing-output', 'OMICS:ArrayExpress', 'supporting-follows-data'],
    ],
  },
  {
    id: 'clinical-ultrasound-deidentified-and-burned-in',
    title: 'Clinical ultrasound DICOM: de-identified loops (Patient Identity Removed = YES) and one with Burned In Annotation = YES',
    source:
      'DICOM PS3.3 C.8.5.6 US Image Module and C.7.6.1 General Image (Burned In Annotation 0028,0301), PS3.15 Annex E (Patient Identity Removed 0012,0062). Policy Background: patient-associated medical imaging cannot be deposited at EBI even when de-identified; a header that says identity was removed while the pixels carry burned-in patient text is still identifiable (Examples row "Patient identifiable imaging data").',
    tree: clinicalUltrasound,
    expected: [
      // Issue 12, finding 8: "the lock covers every patient-associated file (any identifying field present, or a
      // human clinical SOP class, whatever the de-identification flags say)": Ultrasound Image Storage of a human
      // (no species stated, PS3.3 C.7.1.1) is locked although marked de-identified (was patient-medical-imaging).
      ['echo/deidentified/*.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
      ['echo/raw_export/*.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
    ],
  },
  {
    id: 'omx-sim-softworx-session',
    title: 'DeltaVision OMX 3D-SIM: raw <name>.dv, softWoRx reconstructions <name>_SIR.dv and channel-aligned <name>_SIR_ALX.dv',
    source:
      'GE/Cytiva DeltaVision OMX with softWoRx: acquisition saves <name>.dv (DeltaVision/Priism header, Bio-Formats DeltavisionReader), "OMX SI Reconstruction" writes <name>_SIR.dv and "OMX Image Registration" <name>_SIR_ALX.dv (names as in public OMX analysis code, e.g. microscope-metrics test data 201702_RI510_Argolight-1-1_010_SIR_ALX). 3D-SIM is super-resolution light microscopy → BIA ("including many super-resolution techniques", policy Examples).',
    tree: omxSimSession,
    expected: [['OMX/*.dv', 'lm-super-resolution', 'BIA', 'row-light-microscopy']],
  },
  {
    id: 'dstorm-micromanager-thunderstorm',
    title: 'dSTORM: Micro-Manager frame stacks split into _MMStack_Pos0_N.ome.tif and ThunderSTORM localisation CSV + protocol',
    source:
      'Micro-Manager 2 splits a long acquisition into <acq>_MMStack_Pos0.ome.tif, _Pos0_1.ome.tif, … (micro-manager.org "Micro-Manager File Formats"); ThunderSTORM (Ovesný et al. 2014, github zitmen/thunderstorm) "Export results" writes the localisation table with "x [nm]","y [nm]","sigma [nm]","intensity [photon]","uncertainty [nm]" columns and a "-protocol.txt" with camera and analysis settings. SMLM is super-resolution LM → BIA; localisations are its processed output (BIA studies deposit them beside the raw frames).',
    tree: stormSession,
    expected: [
      ['STORM/storm_647_1/*.ome.tif', 'lm-super-resolution', 'BIA', 'row-light-microscopy'],
      ['STORM/analysis/*_localizations.csv', 'processing-output', 'BIA', 'supporting-follows-data'],
      ['STORM/analysis/*-protocol.txt', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'qupath-project-over-aperio-svs',
    title: 'Digital pathology: Aperio .svs slides, a QuPath project (project.qpproj, data/<id>/data.qpdata …) and a GeoJSON annotation export',
    source:
      'Aperio SVS: TIFF with ImageDescription "Aperio Image Library v…" and |-separated AppMag/MPP pairs (openslide test slide CMU-1.svs; OpenSlide "Aperio format"). QuPath project layout as shipped in the public MESCnn-Sample-Data QuPathProject (classifiers/classes.json, data/<n>/{data.qpdata, server.json, summary.json, thumbnail.jpg}, project.qpproj, project.qpproj.backup); QuPath "Export objects as GeoJSON". Slides → BIA light microscopy; annotations and the project are their processed data.',
    tree: qupathProject,
    expected: [
      ['slides/*.svs', 'lm-other', 'BIA', 'row-light-microscopy'],
      ['QuPath_glomeruli/**', 'processing-output', 'BIA', 'supporting-follows-data'],
      ['exports/*.geojson', 'processing-output', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'cosmx-smi-flat-files',
    title: 'NanoString CosMx SMI flat-file export: exprMat, metadata, tx and fov_positions CSVs with CellComposite/ and CellLabels/ per FOV',
    source:
      'CosMx "Basic Data Files" as the public readers expect them (Giotto importCosMx: CellComposite/, CellLabels/, CellOverlay/, CompartmentLabels/, <run>_exprMat_file.csv, <run>_fov_positions_file.csv, <run>_metadata_file.csv, <run>_tx_file.csv; squidpy.read.nanostring; SpatialFeatureExperiment readCosMX). Imaging-based ST: no omics archive takes it, so images and tables all go to the BIA.',
    tree: cosmxExport,
    expected: [
      ['**/CellComposite/*.jpg', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      // Cell segmentation label images: spatial data (policy: "images, segmentations").
      ['**/CellLabels/*.tif', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['**/*_fov_positions_file.csv', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['**/*_exprMat_file.csv', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/*_metadata_file.csv', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['**/*_tx_file.csv', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
    ],
  },
  {
    id: 'cellprofiler-analysis-of-metaxpress-plate',
    title: 'A MetaXpress plate with its CellProfiler analysis: .cppipe, ExportToSpreadsheet CSVs and SaveImages nuclei masks',
    source:
      'CellProfiler manual: ExportToSpreadsheet writes <prefix>_Image.csv, <prefix>_<Object>.csv and <prefix>_Experiment.csv; pipelines are saved as .cppipe ("CellProfiler Pipeline: http://www.cellprofiler.org", Version, DateRevision); SaveImages writes object masks. IDR and BIA screens carry feature tables and masks as processed data beside the plate images; MetaXpress plate as in metaxpress-htd-plate. HCS → BIA.',
    tree: cellProfilerOnPlate,
    expected: [
      ['2024-07-01/1234/*.tif', 'hcs', 'BIA', 'row-hcs'],
      ['2024-07-01/1234/*.HTD', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['2024-07-01/analysis/**', 'processing-output', 'BIA', 'supporting-follows-data'],
    ],
  },
  {
    id: 'bioformats2raw-ome-zarr',
    title: 'bioformats2raw (layout 3) OME-Zarr of an LSM 980 confocal stack: OME/METADATA.ome.xml beside the NGFF series group',
    source:
      'bioformats2raw README and the NGFF "bioformats2raw.layout" transitional spec (ngff.openmicroscopy.org/0.4, §bf2raw): root attributes {"bioformats2raw.layout": 3}, OME/METADATA.ome.xml with the full OME-XML, OME/.zattrs {"series": [...]}, one NGFF image group per series (0/ with multiscales + omero). This is the conversion the BIA itself runs and accepts; the OME-XML states LaserScanningConfocalMicroscopy.',
    tree: bioformats2rawZarr,
    expected: [['converted/cells.ome.zarr/**', 'lm-confocal', 'BIA', 'row-light-microscopy']],
  },
];
