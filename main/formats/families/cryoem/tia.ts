import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { toNumber, count, within } from '../../kit/numbers';
import { metresToNm, voltsToKv } from '../../kit/units';
import { guardDetector, safeRead } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clean } from '../../kit/strings';
import { decodeText, latin1 } from '../../kit/text';
import { parseXml, xmlAll, xmlAt, xmlText, type XmlValue } from '../../kit/xml';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * FEI/Thermo TIA series files (.ser), header layout from ncempy ncempy/io/ser.py readHeader and rosettasciio
 * rsciio/tia/_api.py get_header_dtype_list (docs/formats.md §1): ByteOrder u16 0x4949 @0, SeriesID u16
 * 0x0197 @2, SeriesVersion u16 0x0210/0x0220 @4, DataTypeID u32 @6 (0x4120 1-D, 0x4122 2-D), TagTypeID u32 @10
 * (0x4152 time, 0x4142 time + position), TotalNumberElements u32 @14, ValidNumberElements u32 @18,
 * OffsetArrayOffset @22 (u32 for 0x0210, u64 for 0x0220), NumberDimensions u32 after it.
 */
const SER = { byteOrder: 0, seriesId: 2, version: 4, dataTypeId: 6, tagTypeId: 10, total: 14, valid: 18, offsetArray: 22 } as const;
const BYTE_ORDER_LE = 0x4949;
const SERIES_ID = 0x0197;
const VERSION_32 = 0x0210;
const VERSION_64 = 0x0220;
const DATA_1D = 0x4120;
const DATA_2D = 0x4122;
const TAG_TIME = 0x4152;
const TAG_TIME_POSITION = 0x4142;
/**
 * A 2-D data element starts with two calibrations (CalibrationOffset f8, CalibrationDelta f8, CalibrationElement
 * i4 each = 20 bytes), DataType i2, then ArraySizeX, ArraySizeY i4 (ser.py getDataset; _api.py offset + 40).
 */
const ELEMENT_2D = { deltaX: 8, deltaY: 28, dataType: 40, sizeX: 42, sizeY: 46, bytes: 50 } as const;

async function readSer(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head, true);
  if (b.u16(SER.byteOrder) !== BYTE_ORDER_LE || b.u16(SER.seriesId) !== SERIES_ID) return null;
  const version = b.u16(SER.version);
  const dataType = b.u32(SER.dataTypeId);
  const tagType = b.u32(SER.tagTypeId);
  const problems: string[] = [];
  const known = (version === VERSION_32 || version === VERSION_64) && (dataType === DATA_1D || dataType === DATA_2D) && (tagType === TAG_TIME || tagType === TAG_TIME_POSITION);
  const evidence: Evidence[] = [
    fromHeader(`TIA series header: byte order 0x4949, SeriesID 0x0197${known ? `, version 0x0${version!.toString(16)}, ${dataType === DATA_2D ? '2-D images' : '1-D spectra'}` : ''}.`, 1),
  ];
  if (!known) problems.push('Unknown TIA version, data type or tag type.');
  const total = b.u32(SER.total);
  const valid = b.u32(SER.valid);
  const facts: Facts = {};
  if (known && dataType === DATA_2D && valid !== undefined && valid > 0) {
    // The first data element: its offset is the first entry of the offset array.
    const wide = version === VERSION_64;
    const arrayAt = wide ? b.u64(SER.offsetArray) : b.u32(SER.offsetArray);
    const entry = arrayAt !== undefined ? await safeRead(ctx, arrayAt, wide ? 8 : 4) : null;
    const first = entry && entry.length === (wide ? 8 : 4) ? (wide ? new Bytes(entry, true).u64(0) : new Bytes(entry, true).u32(0)) : undefined;
    const el = first !== undefined ? await safeRead(ctx, first, ELEMENT_2D.bytes) : null;
    if (el && el.length === ELEMENT_2D.bytes) {
      const e = new Bytes(el, true);
      const x = count(e.u32(ELEMENT_2D.sizeX), 2 ** 20);
      const y = count(e.u32(ELEMENT_2D.sizeY), 2 ** 20);
      if (x !== undefined && y !== undefined) facts.dimensions = { value: { x, y, ...(valid > 1 ? { t: valid } : {}) }, provenance: 'header' };
      // TIA calibrates images in metres (rosettasciio: "FEI seems to use the international system of units").
      const dx = within(e.f64(ELEMENT_2D.deltaX), 1e-14, 1e-2);
      const dy = within(e.f64(ELEMENT_2D.deltaY), 1e-14, 1e-2);
      if (dx !== undefined) facts.pixelSize = { value: { x: metresToNm(dx), ...(dy !== undefined ? { y: metresToNm(dy) } : {}) }, unit: 'nm', provenance: 'header' };
    } else problems.push('The first data element could not be read.');
  } else if (known && dataType === DATA_1D) {
    facts.imagingMode = { value: 'spectroscopy', provenance: 'header' };
    evidence.push(fromHeader('1-D data elements: spectra (EELS/EDS), not images.', 0.6));
  }
  if (!facts.dimensions && valid !== undefined && valid > 0) facts.dimensions = { value: { t: valid }, provenance: 'header' };
  facts.header = { value: { seriesVersion: version ?? null, dataTypeId: dataType ?? null, tagTypeId: tagType ?? null, totalElements: total ?? null, validElements: valid ?? null }, provenance: 'header' };
  return detection('tia-ser', known ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence, problems });
}

/**
 * TIA .emi files: a binary wrapper around one <ObjectInfo>…</ObjectInfo> XML per data set (rosettasciio
 * get_xml_info_from_emi, emixml2dtb, mapping): ExperimentalConditions/MicroscopeConditions/AcceleratingVoltage (V),
 * ExperimentalDescription/Root/Data Label/Value/Unit pairs (Microscope, Mode "TEM …"/"STEM …", Magnification,
 * High tension), AcquireInfo/CameraNamePath.
 */
const OPEN = '<ObjectInfo>';
const CLOSE = '</ObjectInfo>';
/** Bytes searched for the XML: the head, then this much more (EMI files are small; XML sits near the start). */
const MAX_EMI_SCAN_BYTES = 4 * 1024 * 1024;

function describe(node: XmlValue | undefined): Map<string, { value: string; unit?: string }> {
  const out = new Map<string, { value: string; unit?: string }>();
  for (const d of xmlAll(xmlAt(node, 'Root'), 'Data')) {
    const label = clean(xmlText(xmlAt(d, 'Label')));
    const value = clean(xmlText(xmlAt(d, 'Value')));
    const unit = clean(xmlText(xmlAt(d, 'Unit')));
    if (label && value !== undefined && !out.has(label)) out.set(label, { value, ...(unit ? { unit } : {}) });
  }
  return out;
}

async function readEmi(ctx: DetectContext): Promise<Detection | null> {
  let bytes = ctx.head;
  let text = latin1(bytes);
  if (!text.includes(OPEN) && ctx.size > ctx.head.length && ctx.ext === '.emi') {
    const more = await safeRead(ctx, 0, Math.min(ctx.size, MAX_EMI_SCAN_BYTES));
    if (more) {
      bytes = more;
      text = latin1(more);
    }
  }
  const start = text.indexOf(OPEN);
  if (start < 0) return null;
  const end = text.indexOf(CLOSE, start);
  const evidence: Evidence[] = [fromHeader(`<ObjectInfo> XML at byte ${start}${start > 0 ? ' after a binary prefix' : ''}: TIA (FEI/Thermo) metadata.`, 1)];
  const named = ctx.ext === '.emi';
  // A mention of <ObjectInfo> in some other file is not TIA: without the XML, only the .emi name keeps it.
  if (end < 0) return named ? detection('tia-emi', CONFIDENCE.WEAK, { evidence, problems: ['The <ObjectInfo> XML is cut off.'] }) : null;
  const xml = decodeText(bytes.subarray(start, end + CLOSE.length));
  const tree = parseXml(xml);
  const info = tree ? xmlAt(tree, 'ObjectInfo') : undefined;
  const known = info !== undefined && (xmlAt(info, 'ExperimentalDescription') !== undefined || xmlAt(info, 'ExperimentalConditions') !== undefined);
  if (!info) return named ? detection('tia-emi', CONFIDENCE.WEAK, { evidence, problems: ['The <ObjectInfo> XML could not be parsed.'] }) : null;
  if (!known && !named) return null;
  const facts: Facts = {};
  const desc = describe(xmlAt(info, 'ExperimentalDescription'));
  const volts = within(toNumber(xmlText(xmlAt(info, 'ExperimentalConditions', 'MicroscopeConditions', 'AcceleratingVoltage'))), 1e3, 1e7);
  const ht = desc.get('High tension');
  const htKv = ht && /^kV$/i.test(ht.unit ?? '') ? within(toNumber(ht.value), 1, 1e4) : undefined;
  if (volts !== undefined) facts.voltageKV = { value: voltsToKv(volts), unit: 'kV', provenance: 'header' };
  else if (htKv !== undefined) facts.voltageKV = { value: htKv, unit: 'kV', provenance: 'header' };
  const scope = clean(desc.get('Microscope')?.value.replace(/^Microscope\s+/, ''));
  if (scope) facts.instrument = { value: { model: scope }, provenance: 'header' };
  const mode = desc.get('Mode')?.value;
  if (mode) {
    if (/STEM/i.test(mode)) facts.imagingMode = { value: 'STEM', provenance: 'header' };
    else if (/diffraction/i.test(mode)) facts.imagingMode = { value: 'diffraction', provenance: 'header' };
    else if (/TEM/i.test(mode)) facts.imagingMode = { value: 'TEM', provenance: 'header' };
    evidence.push(fromHeader(`Mode "${mode}".`, 0.6));
  }
  const mag = within(toNumber(desc.get('Magnification')?.value), 1, 1e9);
  if (mag !== undefined) facts.magnification = { value: mag, provenance: 'header' };
  const camera = clean(xmlText(xmlAt(info, 'AcquireInfo', 'CameraNamePath')));
  if (camera) facts.detector = { value: camera, provenance: 'header' };
  facts.creator = { value: 'TIA', provenance: 'header' };
  facts.header = { value: { objectInfoAt: start, manufacturer: clean(xmlText(xmlAt(info, 'Manufacturer'))) ?? null, mode: mode ?? null }, provenance: 'header' };
  return detection('tia-emi', known ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence });
}

/** FEI/Thermo TIA .ser series (images or spectra). */
export const tiaSerDetector: Detector = guardDetector({
  id: 'tia-ser',
  formats: ['tia-ser'],
  sniff: (ctx) => {
    const b = new Bytes(ctx.head, true);
    return b.u16(0) === BYTE_ORDER_LE && b.u16(2) === SERIES_ID;
  },
  detect: readSer,
});

/** FEI/Thermo TIA .emi metadata (binary wrapper around <ObjectInfo> XML). */
export const tiaEmiDetector: Detector = guardDetector({
  id: 'tia-emi',
  formats: ['tia-emi'],
  sniff: (ctx) => ctx.ext === '.emi' || new Bytes(ctx.head).indexOf(OPEN) >= 0,
  detect: readEmi,
});
