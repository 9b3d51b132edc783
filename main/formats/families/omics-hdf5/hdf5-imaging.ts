import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { decodeText } from '../../kit/text';
import { CONFIDENCE, detection, type Detection } from '../../detector';
import { valueNumber, valueText, type H5Value } from './h5-access';
import { positive } from '../../kit/numbers';
import { jsonNumber, jsonString } from '../../kit/json';
import { unitToNm } from '../../kit/units';
import { h5Count, h5path, put, type HeaderFields, type Hdf5Scan } from './hdf5-layout';

/** Most "Channel N" groups read from DataSetInfo (Imaris writes one per channel; a few dozen at most). */
const MAX_IMARIS_CHANNELS = 32;
/** Most Velox images whose group names are counted (/Data/Image/<uuid>); the first one's metadata is read. */
const MAX_VELOX_IMAGES = 64;
/** Largest Velox metadata JSON read: the per-image Metadata dataset is tens of kB. */
const MAX_VELOX_METADATA_BYTES = 1024 * 1024;
/** Plausible accelerating voltages (kV) of an electron microscope; outside, the value is ignored. */
const MAX_KV = 3000;

function text(map: ReadonlyMap<string, H5Value>, key: string): string | undefined {
  return valueText(map.get(key)) || undefined;
}

/**
 * Imaris 5.5 (HDF5): root attributes ImarisDataSet and ImarisVersion; DataSetInfo/Image attributes X, Y, Z,
 * ExtMin0..2, ExtMax0..2 and Unit; DataSetInfo/Channel N groups (Bio-Formats ImarisHDFReader.java; attribute
 * values are arrays of one-character strings, as tlambert03/imarispy `h5str` writes them).
 */
export function readImaris(scan: Hdf5Scan): Detection | null {
  const marker = text(scan.rootAttrs, 'ImarisDataSet');
  const formatVersion = text(scan.rootAttrs, 'ImarisVersion');
  if (marker === undefined && formatVersion === undefined) return null;
  const image = scan.h5.attributes('/DataSetInfo/Image');
  const size = (k: string) => h5Count(valueNumber(image.get(k)));
  const [x, y, z] = [size('X'), size('Y'), size('Z')];
  const facts: Facts = {};
  const problems: string[] = [];
  const channelGroups = (scan.h5.children('/DataSetInfo')?.names ?? []).filter((n) => /^Channel \d+$/.test(n)).slice(0, MAX_IMARIS_CHANNELS);
  const channels = channelGroups.map((g) => {
    const attrs = scan.h5.attributes(h5path('DataSetInfo', g));
    const name = text(attrs, 'Name');
    const ex = positive(valueNumber(attrs.get('LSMExcitationWavelength')));
    const em = positive(valueNumber(attrs.get('LSMEmissionWavelength')));
    return { ...(name ? { name } : {}), ...(ex ? { excitationNm: ex } : {}), ...(em ? { emissionNm: em } : {}) };
  });
  const c = channelGroups.length || h5Count(valueNumber(image.get('NumberOfChannels')));
  const t = h5Count(valueNumber(scan.h5.attribute('/DataSetInfo/TimeInfo', 'FileTimePoints')));
  if (x || y || z) facts.dimensions = { value: { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(z ? { z } : {}), ...(c ? { c } : {}), ...(t ? { t } : {}) }, provenance: 'header' };
  const unit = text(image, 'Unit');
  const perUnit = unitToNm(unit ?? 'um');
  const extent = (i: number, n: number | undefined) => {
    const lo = valueNumber(image.get(`ExtMin${i}`));
    const hi = valueNumber(image.get(`ExtMax${i}`));
    return lo !== undefined && hi !== undefined && n ? positive(((hi - lo) / n) * (perUnit ?? NaN)) : undefined;
  };
  // Voxel size = (ExtMax − ExtMin) / size along each axis, as ImarisHDFReader computes it.
  const [px, py, pz] = [extent(0, x), extent(1, y), extent(2, z)];
  if (px) facts.pixelSize = { value: { x: px, ...(py ? { y: py } : {}), ...(pz && z && z > 1 ? { z: pz } : {}) }, unit: 'nm', provenance: 'header' };
  else if (x) problems.push(`No usable extent (ExtMin/ExtMax${unit ? ` in ${unit}` : ''}): voxel size not read.`);
  if (unit && perUnit === undefined) problems.push(`Unknown length unit "${unit}": voxel size not read.`);
  if (channels.length > 0) facts.channels = { value: channels, provenance: 'header' };
  const appVersion = valueText(scan.h5.attribute('/DataSetInfo/Imaris', 'Version'));
  facts.software = { value: appVersion ? `Imaris ${appVersion}` : 'Imaris', provenance: 'header' };
  const header: HeaderFields = { layout: 'Imaris' };
  put(header, 'imarisFileVersion', formatVersion);
  put(header, 'unit', unit);
  put(header, 'microscopeModality', text(image, 'MicroscopeModality'));
  put(header, 'lensPower', text(image, 'LensPower'));
  put(header, 'resolutionLevels', (scan.h5.children('/DataSet')?.names ?? []).filter((n) => n.startsWith('ResolutionLevel')).length || undefined);
  facts.header = { value: header, provenance: 'header' };
  const evidence: Evidence[] = [
    scan.container,
    { source: 'header', detail: `Root attributes ImarisDataSet${formatVersion ? ` and ImarisVersion ${formatVersion}` : ''}: an Imaris 5.5+ file.`, weight: 1 },
  ];
  if (px) evidence.push({ source: 'header', detail: `Voxel size from DataSetInfo/Image extents (ExtMax − ExtMin) / size in ${unit ?? 'µm (no Unit attribute)'}.`, weight: 0.5 });
  return detection('ims', marker !== undefined ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence, problems });
}

type Json = { readonly [key: string]: unknown };

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function parseJson(bytes: Uint8Array | undefined): Json | undefined {
  if (!bytes) return undefined;
  const end = bytes.indexOf(0);
  try {
    return obj(JSON.parse(decodeText(end >= 0 ? bytes.subarray(0, end) : bytes)));
  } catch {
    return undefined;
  }
}

/** Diffraction, TEM or STEM from Velox Optics: ProjectorMode, then OperatingMode when it is spelled out, else IlluminationMode (Probe = STEM, Parallel = TEM). */
function veloxMode(optics: Json | undefined): { mode: 'TEM' | 'STEM' | 'diffraction'; why: string } | undefined {
  // A diffraction pattern whatever the illumination: the projector images the back focal plane (Velox
  // Optics.ProjectorMode = Diffraction, as rosettasciio's EMD Velox reader lists it).
  if (jsonString(optics?.['ProjectorMode'])?.toLowerCase() === 'diffraction') return { mode: 'diffraction', why: 'Optics.ProjectorMode = Diffraction (the back focal plane is imaged)' };
  const operating = jsonString(optics?.['OperatingMode'])?.toUpperCase();
  if (operating === 'TEM' || operating === 'STEM') return { mode: operating, why: `Optics.OperatingMode = ${operating}` };
  const illumination = jsonString(optics?.['IlluminationMode']);
  if (illumination?.toLowerCase() === 'probe') return { mode: 'STEM', why: 'Optics.IlluminationMode = Probe (a focused, scanned probe)' };
  if (illumination?.toLowerCase() === 'parallel') return { mode: 'TEM', why: 'Optics.IlluminationMode = Parallel (parallel illumination)' };
  return undefined;
}

/**
 * Thermo Fisher Velox EMD: root dataset Version holding JSON {"format": "Velox" | "DevelopersKit", "version"},
 * images under /Data/Image/<uuid>/{Data, Metadata}, Metadata a uint8 column of JSON (hyperspy/rosettasciio
 * rsciio/emd/_emd_velox.py and rsciio/utils/hdf5.py `_parse_sub_data_group_metadata`; docs/formats.md §1).
 */
export function readVelox(scan: Hdf5Scan): Detection | null {
  if (!scan.root.includes('Version') || scan.h5.kind('/Data') !== 'group') return null;
  // rosettasciio reads Version[0] as bytes and decodes it; files hold it as a string (or byte) dataset.
  const versionBytes = scan.h5.kind('/Version') === 'dataset' ? scan.h5.leadingBytes('/Version') : undefined;
  const versionText = versionBytes ? decodeText(versionBytes) : valueText(scan.h5.smallValue('/Version'));
  let version: Json | undefined;
  try {
    version = obj(JSON.parse(versionText ?? ''));
  } catch {
    version = undefined;
  }
  const format = jsonString(version?.['format']);
  if (format !== 'Velox' && format !== 'DevelopersKit') return null;
  const images = scan.h5.children('/Data/Image');
  const first = images?.names.slice(0, MAX_VELOX_IMAGES)[0];
  const md = first ? parseJson(scan.h5.leadingBytes(h5path('Data', 'Image', first, 'Metadata'), MAX_VELOX_METADATA_BYTES)) : undefined;
  const facts: Facts = { creator: { value: 'Velox', provenance: 'header' } };
  const problems: string[] = [];
  const evidence: Evidence[] = [scan.container, { source: 'header', detail: `Root dataset Version = {"format": "${format}"${jsonString(version?.['version']) ? `, "version": "${jsonString(version?.['version'])}"` : ''}}: a Thermo Fisher Velox EMD file.`, weight: 1 }];
  const header: HeaderFields = { layout: 'Velox EMD' };
  put(header, 'veloxFileVersion', jsonString(version?.['version']));
  put(header, 'images', images?.total);
  put(header, 'spectra', scan.h5.kind('/Data/SpectrumImage') === 'group' || scan.h5.kind('/Data/Spectrum') === 'group' ? 'yes' : undefined);
  if (!first) problems.push('No image under /Data/Image: acquisition metadata not read.');
  else if (!md) problems.push(`The Metadata of /Data/Image/${first} could not be read as JSON.`);
  if (md) {
    const instrument = obj(md['Instrument']);
    const optics = obj(md['Optics']);
    const binary = obj(md['BinaryResult']);
    const manufacturer = jsonString(instrument?.['Manufacturer']);
    const model = jsonString(instrument?.['InstrumentModel']) ?? jsonString(instrument?.['InstrumentClass']);
    if (manufacturer || model) facts.instrument = { value: { ...(manufacturer ? { manufacturer } : {}), ...(model ? { model } : {}) }, provenance: 'header' };
    // Optics.AccelerationVoltage is in volts (rosettasciio maps it to beam_energy with x / 1e3 → kV).
    const volts = jsonNumber(optics?.['AccelerationVoltage']);
    if (volts !== undefined && volts > 0 && volts / 1000 <= MAX_KV) facts.voltageKV = { value: volts / 1000, unit: 'kV', provenance: 'header' };
    else if (volts !== undefined) problems.push(`Acceleration voltage ${volts} V is implausible: ignored.`);
    const mode = veloxMode(optics);
    if (mode) {
      facts.imagingMode = { value: mode.mode, provenance: 'header' };
      evidence.push({ source: 'header', detail: `${mode.mode}: ${mode.why}.`, weight: 0.8 });
    }
    put(header, 'operatingMode', jsonString(optics?.['OperatingMode']));
    put(header, 'illuminationMode', jsonString(optics?.['IlluminationMode']));
    put(header, 'temOperatingSubMode', jsonString(optics?.['TemOperatingSubMode']));
    // BinaryResult.PixelSize {width, height} in PixelUnitX (metres in Velox files).
    const size = obj(binary?.['PixelSize']);
    const unit = jsonString(binary?.['PixelUnitX']) ?? 'm';
    const perUnit = unitToNm(unit);
    const w = perUnit ? positive((jsonNumber(size?.['width']) ?? NaN) * perUnit) : undefined;
    const h = perUnit ? positive((jsonNumber(size?.['height']) ?? NaN) * perUnit) : undefined;
    if (w) facts.pixelSize = { value: { x: w, ...(h ? { y: h } : {}) }, unit: 'nm', provenance: 'header' };
    else if (size && !perUnit) problems.push(`Pixel size in "${unit}" (not a length, e.g. a diffraction pattern): not read as a pixel size.`);
    const detectors = obj(md['Detectors']);
    const index = jsonString(binary?.['DetectorIndex']);
    const indexed = index !== undefined ? obj(detectors?.[`Detector-${index}`]) : undefined;
    const detector = jsonString(binary?.['Detector']) ?? jsonString(indexed?.['DetectorName']) ?? (detectors ? jsonString(obj(Object.values(detectors)[0])?.['DetectorName']) : undefined);
    if (detector) facts.detector = { value: detector, provenance: 'header' };
    const shape = scan.h5.shape(h5path('Data', 'Image', first ?? '', 'Data'));
    // Data is (rows, columns, frames) (rosettasciio rolls the last axis to the front as frames).
    if (shape && shape.length === 3) {
      const [y, x, frames] = shape.map((n) => h5Count(n));
      facts.dimensions = { value: { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(frames && frames > 1 ? { frames } : {}) }, provenance: 'header' };
    }
  }
  facts.header = { value: header, provenance: 'header' };
  return detection('velox-emd', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}
