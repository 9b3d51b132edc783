import { constants, inflateRawSync } from 'node:zlib';
import { parseDicom, type DataSet } from 'dicom-parser';
import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { Bytes } from '../../kit/bytes';
import { gunzipHead, inflatedContext, isGzip } from '../../gzip-head';
import { detection, type DetectContext, type Detection, type Detector } from '../../detector';

/** PS3.10 §7.1: a Part 10 file has a 128-byte preamble, then "DICM". */
const PREAMBLE_BYTES = 128;
const PREFIX = 'DICM';
/** Most bytes parsed looking for the end of the header (pixel data); large private headers beyond this are reported, not read. */
const MAX_HEADER_BYTES = 1024 * 1024;
/** Parsing stops at Pixel Data (7FE0,0010) — we never read images. */
const PIXEL_DATA = 'x7fe00010';
/** A DICOM certain enough to outrank a TIFF header found in its preamble (docs/formats.md §0.1). */
const DICOM_CONFIDENCE = 0.99;
/** Raw data sets (no preamble, no meta) are recognised from their first elements only. */
const RAW_CONFIDENCE = 0.9;
/** Elements that must parse before a file without preamble counts as DICOM. */
const RAW_MIN_ELEMENTS = 4;

/** Transfer syntaxes for data sets without a meta header (PS3.5 §10, Annex A). */
const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
/** Deflated Explicit VR Little Endian: the data set after the meta group is raw deflate (RFC 1951), PS3.5 §A.5. */
const DEFLATED_LE = '1.2.840.10008.1.2.1.99';
/** Transfer syntaxes worth naming in the evidence (PS3.6 Annex A). */
const TRANSFER_SYNTAXES: Readonly<Record<string, string>> = {
  [IMPLICIT_LE]: 'Implicit VR Little Endian',
  [EXPLICIT_LE]: 'Explicit VR Little Endian',
  [DEFLATED_LE]: 'Deflated Explicit VR Little Endian',
  [EXPLICIT_BE]: 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless, Non-Hierarchical, First-Order Prediction',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Lossy (Near-Lossless)',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};
/** Compressed bytes of a deflated data set fed to the inflater: the header read is at most this long anyway. */
const DEFLATE_INPUT_BYTES = MAX_HEADER_BYTES;
/** Below this many compressed bytes a failed inflate is not retried with less (as gzip-head.ts). */
const MIN_RETRY_INPUT = 64;
/** Sequence items walked looking for identifying fields in nested data sets (DICOMDIR records, Other Patient IDs…), and how deep. */
const MAX_NESTED_ITEMS = 100_000;
const MAX_NESTED_DEPTH = 16;

/** Tags read (PS3.6 data dictionary), in dicom-parser's xGGGGEEEE form. */
const TAG = {
  sopClass: 'x00080016',
  modality: 'x00080060',
  manufacturer: 'x00080070',
  model: 'x00081090',
  software: 'x00181020',
  patientName: 'x00100010',
  patientId: 'x00100020',
  birthDate: 'x00100030',
  sex: 'x00100040',
  otherIds: 'x00101000',
  address: 'x00101040',
  phone: 'x00102154',
  identityRemoved: 'x00120062',
  deidMethod: 'x00120063',
  frames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  pixelSpacing: 'x00280030',
  burnedIn: 'x00280301',
  /** Patient Species Description (0010,2201) and Patient Species Code Sequence (0010,2202), PS3.3 C.7.1.1. */
  speciesDescription: 'x00102201',
  speciesCode: 'x00102202',
  /** Media Storage SOP Class UID (0002,0002) and Transfer Syntax UID (0002,0010) of the meta group, PS3.10 §7.1. */
  mediaSopClass: 'x00020002',
  transferSyntax: 'x00020010',
  /** Code Value (0008,0100) and Code Meaning (0008,0104) of a code sequence item, PS3.3 Table 8.8-1. */
  codeValue: 'x00080100',
  codeMeaning: 'x00080104',
} as const;

/** Species codes meaning Homo sapiens: SNOMED CT 337915000, SNOMED RT L-85B00 (DICOM CID 7454), NCBI Taxonomy 9606. */
const HUMAN_CODES: ReadonlySet<string> = new Set(['337915000', 'L-85B00', '9606']);
/** A species description naming humans (PS3.3 C.7.1.1 gives the taxonomic rank value, e.g. "Homo sapiens"). */
const HUMAN_NAME = /^(homo sapiens|human)\b/i;
/** LO values hold at most 64 characters (PS3.5 Table 6.2-1); a longer species name is cut there. */
const LO_MAX_CHARS = 64;

/** Media Storage Directory Storage, the SOP class of a DICOMDIR (PS3.10 §8.6); its records name patients, its own data set none. */
const DICOMDIR = '1.2.840.10008.1.3.10';

/** Fields that identify a patient when filled (names only are reported, never values). */
const IDENTIFYING: readonly [keyof typeof TAG, string][] = [
  ['patientName', 'PatientName'],
  ['patientId', 'PatientID'],
  ['birthDate', 'PatientBirthDate'],
  ['otherIds', 'OtherPatientIDs'],
  ['address', 'PatientAddress'],
  ['phone', 'PatientTelephoneNumbers'],
];

/** SOP classes worth naming (PS3.4 Annex B; pydicom _uid_dict). */
const SOP_CLASSES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.1': 'Computed Radiography Image Storage',
  '1.2.840.10008.5.1.4.1.1.1.1': 'Digital X-Ray Image Storage',
  '1.2.840.10008.5.1.4.1.1.1.2': 'Digital Mammography X-Ray Image Storage',
  '1.2.840.10008.5.1.4.1.1.3.1': 'Ultrasound Multi-frame Image Storage',
  '1.2.840.10008.5.1.4.1.1.2': 'CT Image Storage',
  '1.2.840.10008.5.1.4.1.1.2.1': 'Enhanced CT Image Storage',
  '1.2.840.10008.5.1.4.1.1.4': 'MR Image Storage',
  '1.2.840.10008.5.1.4.1.1.4.1': 'Enhanced MR Image Storage',
  '1.2.840.10008.5.1.4.1.1.6.1': 'Ultrasound Image Storage',
  '1.2.840.10008.5.1.4.1.1.7': 'Secondary Capture Image Storage',
  '1.2.840.10008.5.1.4.1.1.12.1': 'X-Ray Angiographic Image Storage',
  '1.2.840.10008.5.1.4.1.1.20': 'Nuclear Medicine Image Storage',
  '1.2.840.10008.5.1.4.1.1.66.4': 'Segmentation Storage',
  '1.2.840.10008.5.1.4.1.1.77.1.2': 'VL Microscopic Image Storage',
  '1.2.840.10008.5.1.4.1.1.77.1.3': 'VL Slide-Coordinates Microscopic Image Storage',
  '1.2.840.10008.5.1.4.1.1.77.1.6': 'VL Whole Slide Microscopy Image Storage',
  '1.2.840.10008.5.1.4.1.1.77.1.8': 'Confocal Microscopy Image Storage',
  '1.2.840.10008.5.1.4.1.1.77.1.9': 'Confocal Microscopy Tiled Pyramidal Image Storage',
  '1.2.840.10008.5.1.4.1.1.128': 'Positron Emission Tomography Image Storage',
  '1.2.840.10008.5.1.4.1.1.481.1': 'RT Image Storage',
  '1.2.840.10008.5.1.4.1.1.481.2': 'RT Dose Storage',
  '1.2.840.10008.5.1.4.1.1.481.3': 'RT Structure Set Storage',
  '1.2.840.10008.5.1.4.1.1.481.5': 'RT Plan Storage',
  '1.2.840.10008.5.1.4.1.1.481.8': 'RT Ion Plan Storage',
  '1.2.840.10008.5.1.4.1.1.88.11': 'Basic Text SR Storage',
  '1.2.840.10008.5.1.4.1.1.88.22': 'Enhanced SR Storage',
  '1.2.840.10008.5.1.4.1.1.88.33': 'Comprehensive SR Storage',
  [DICOMDIR]: 'Media Storage Directory Storage',
};

const WHOLE_SLIDE = '1.2.840.10008.5.1.4.1.1.77.1.6';
const CONFOCAL = new Set(['1.2.840.10008.5.1.4.1.1.77.1.8', '1.2.840.10008.5.1.4.1.1.77.1.9']);
const MICROSCOPY = new Set(['1.2.840.10008.5.1.4.1.1.77.1.2', '1.2.840.10008.5.1.4.1.1.77.1.3', WHOLE_SLIDE, ...CONFOCAL]);
/**
 * SOP classes of clinical imaging and radiotherapy (PS3.4 Annex B): from a human, patient data whatever the de-identification
 * flags say (issue 12, finding 8). Secondary capture, segmentation and microscopy are left out: they are not clinical by class.
 */
const CLINICAL_SOP: ReadonlySet<string> = new Set(
  Object.keys(SOP_CLASSES).filter((uid) => !MICROSCOPY.has(uid) && uid !== '1.2.840.10008.5.1.4.1.1.7' && uid !== '1.2.840.10008.5.1.4.1.1.66.4' && uid !== DICOMDIR),
);

/** Explicit VRs (PS3.5 §6.2); a raw data set must start with one of these after its first tag. */
const VRS = new Set('AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OW PN SH SL SQ SS ST TM UC UI UL UN UR US UT OV SV UV'.split(' '));

function hasPrefix(b: Bytes): boolean {
  return b.startsWith(PREFIX, PREAMBLE_BYTES);
}

/** A meta group (0002,xxxx), explicit VR little endian (PS3.10 §7.1), at byte 0: a Part 10 file written without preamble and "DICM". */
function metaWithoutPreamble(b: Bytes): boolean {
  return b.u16(0, true) === 0x0002 && b.u16(2, true) !== undefined && (b.u16(2, true) ?? 0xffff) <= 0x0003 && VRS.has(b.ascii(4, 2));
}

/** The transfer syntax a data set without meta header is written in, judged from its first element; `null` if it is not one. */
function rawSyntax(b: Bytes): string | null {
  const vr = b.ascii(4, 2);
  const le = b.u16(0, true);
  const be = b.u16(0, false);
  // The first element of a data set without meta header is in group 0008 (Identifying) — Bio-Formats DicomReader.isThisType.
  if (be === 0x0008 && VRS.has(vr)) return EXPLICIT_BE;
  if (le === 0x0008 && VRS.has(vr)) return EXPLICIT_LE;
  if (le === 0x0008 && (b.u16(2, true) ?? 0xffff) < 0x0100 && (b.u32(4, true) ?? 0xffffffff) < 0x10000) return IMPLICIT_LE;
  return null;
}

function str(ds: DataSet, tag: string): string | undefined {
  try {
    const v = ds.string(tag)?.trim();
    return v ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A header value shown to the user: control characters dropped (file bytes are hostile), at most one LO long. */
function shown(v: string): string {
  let out = '';
  for (const c of v) if (c >= ' ' && c !== '\u007f') out += c;
  return out.trim().slice(0, LO_MAX_CHARS);
}

/** The species the patient module names, from its description or the first item of its code sequence; `undefined` when none is stated (a human, PS3.3 C.7.1.1: required only for animals). */
function species(ds: DataSet): { name: string; human: boolean } | undefined {
  const description = shown(str(ds, TAG.speciesDescription) ?? '');
  const item = ds.elements[TAG.speciesCode]?.items?.[0]?.dataSet;
  const code = item ? str(item, TAG.codeValue) : undefined;
  const meaning = item ? shown(str(item, TAG.codeMeaning) ?? '') : '';
  const name = description || meaning || (code ? shown(code) : '');
  if (!name) return undefined;
  const human = (code !== undefined && HUMAN_CODES.has(code)) || HUMAN_NAME.test(description) || HUMAN_NAME.test(meaning);
  return { name, human };
}

/**
 * The raw-deflated data set after `position` inflated, bounded: at most DEFLATE_INPUT_BYTES in and MAX_HEADER_BYTES out (a
 * cut stream gives what inflated so far; too much output retries with less input, as gzip-head.ts). dicom-parser's own
 * Node path inflates without a bound and needs a Buffer.
 */
function inflateDataSet(bytes: Uint8Array, position: number): Uint8Array {
  const deflated = bytes.subarray(position, position + DEFLATE_INPUT_BYTES);
  for (let input = deflated.length; input > 0; input = input > MIN_RETRY_INPUT ? Math.floor(input / 4) : 0) {
    try {
      const inflated = inflateRawSync(deflated.subarray(0, input), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_HEADER_BYTES });
      const out = new Uint8Array(position + inflated.length);
      out.set(bytes.subarray(0, position));
      out.set(inflated, position);
      return out;
    } catch (err) {
      if (err instanceof RangeError) continue;
      throw err;
    }
  }
  return bytes.subarray(0, position);
}

/** A message from what dicom-parser throws: a string, an Error, or `{ exception, dataSet }`. */
function messageOf(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'exception' in err) return messageOf((err as { exception: unknown }).exception);
  return String(err);
}

function parse(bytes: Uint8Array, syntax?: string): { ds: DataSet | null; error?: string } {
  try {
    return { ds: parseDicom(bytes, { untilTag: PIXEL_DATA, inflater: inflateDataSet, ...(syntax ? { TransferSyntaxUID: syntax } : {}) }) };
  } catch (err) {
    // dicom-parser throws strings, or errors carrying the part parsed so far.
    const partial = typeof err === 'object' && err !== null && 'dataSet' in err ? (err as { dataSet?: DataSet }).dataSet : undefined;
    const message = messageOf(err);
    return { ds: partial ?? null, error: message };
  }
}

/**
 * Identifying fields filled in the data set or in any item of its sequences (DICOMDIR patient records, PS3.3 F.5; Other
 * Patient IDs Sequence (0010,1002), PS3.3 C.7.1.1; SR content), walked breadth-first within MAX_NESTED_ITEMS and MAX_NESTED_DEPTH.
 */
function filledIdentifying(ds: DataSet): Set<string> {
  const found = new Set<string>();
  let queue: DataSet[] = [ds];
  let walked = 0;
  for (let depth = 0; depth <= MAX_NESTED_DEPTH && queue.length > 0; depth++) {
    const next: DataSet[] = [];
    for (const d of queue) {
      for (const [key, name] of IDENTIFYING) if (!found.has(name) && str(d, TAG[key]) !== undefined) found.add(name);
      for (const e of Object.values(d.elements)) {
        for (const item of e.items ?? []) {
          if (++walked > MAX_NESTED_ITEMS) return found;
          if (item.dataSet) next.push(item.dataSet);
        }
      }
    }
    queue = next;
  }
  return found;
}

function facts(ds: DataSet): { facts: Facts; evidence: Evidence[] } {
  const evidence: Evidence[] = [];
  const f: Facts = {};
  const nested = filledIdentifying(ds);
  const filled = IDENTIFYING.filter(([, name]) => nested.has(name)).map(([, name]) => name);
  if (str(ds, TAG.sex)) filled.push('PatientSex');
  const deidentified = (str(ds, TAG.identityRemoved) ?? '').toUpperCase() === 'YES';
  const burnedIn = (str(ds, TAG.burnedIn) ?? '').toUpperCase() === 'YES';
  const identifying = filled.filter((n) => n !== 'PatientSex');
  const sop = str(ds, TAG.sopClass) ?? str(ds, TAG.mediaSopClass);
  const kind = species(ds);
  if (kind) f.species = { value: kind, provenance: 'header' };
  const animal = kind !== undefined && !kind.human;
  const clinical = sop !== undefined && CLINICAL_SOP.has(sop);
  // Locked whatever the de-identification flags say (issue 12, finding 8): a filled identifying field, burned-in text, or a
  // human clinical SOP class. An animal is not a patient (Patient Species, PS3.3 C.7.1.1).
  const identifiable = !animal && (burnedIn || identifying.length > 0 || clinical);
  f.patient = { value: { identifiable, fields: burnedIn ? [...filled, 'BurnedInAnnotation'] : filled, deidentified }, provenance: 'header' };
  if (animal) {
    evidence.push({ source: 'header', detail: `Patient Species (0010,2201/2202) is ${kind.name}: an animal, not a patient.`, weight: 0.9 });
  } else if (identifiable) {
    const removed = deidentified ? ', although Patient Identity Removed (0012,0062) is YES' : '';
    evidence.push({
      source: 'header',
      detail: burnedIn
        ? 'Burned In Annotation (0028,0301) is YES: patient text is part of the pixels.'
        : identifying.length > 0
          ? `Patient fields are filled (${identifying.join(', ')})${removed}.`
          : `A human clinical SOP class (${SOP_CLASSES[sop!] ?? sop}): patient data whatever its de-identification flags say.`,
      weight: 1,
    });
  } else if (deidentified) {
    evidence.push({ source: 'header', detail: `Patient Identity Removed (0012,0062) is YES${str(ds, TAG.deidMethod) ? ' (method recorded in (0012,0063))' : ''}.`, weight: 0.8 });
  } else {
    evidence.push({ source: 'header', detail: 'No identifying patient field is filled.', weight: 0.5 });
  }

  const syntax = str(ds, TAG.transferSyntax);
  if (syntax) {
    const name = TRANSFER_SYNTAXES[syntax];
    evidence.push({ source: 'header', detail: `Transfer Syntax ${shown(syntax)}${name ? ` (${name})` : ''} (0002,0010).`, weight: 0.5 });
  }
  const modality = str(ds, TAG.modality);
  if (modality) f.medicalModality = { value: modality, provenance: 'header' };
  if (sop) {
    const name = SOP_CLASSES[sop];
    f.sopClass = { value: name ? { uid: sop, name } : { uid: sop }, provenance: 'header' };
    evidence.push({ source: 'header', detail: `SOP Class ${sop}${name ? ` (${name})` : ''}${modality ? `, Modality ${modality}` : ''}.`, weight: 0.7 });
  }
  const mode = sop === WHOLE_SLIDE || modality === 'SM' ? 'slide-scanner' : sop && CONFOCAL.has(sop) ? 'confocal' : sop && MICROSCOPY.has(sop) ? 'brightfield' : 'medical';
  f.imagingMode = { value: mode, provenance: 'header' };

  const manufacturer = str(ds, TAG.manufacturer);
  const model = str(ds, TAG.model);
  if (manufacturer || model) f.instrument = { value: { ...(manufacturer ? { manufacturer } : {}), ...(model ? { model } : {}) }, provenance: 'header' };
  const software = str(ds, TAG.software);
  if (software) f.software = { value: software, provenance: 'header' };

  const rows = ds.uint16(TAG.rows);
  const columns = ds.uint16(TAG.columns);
  const frameCount = Number(str(ds, TAG.frames));
  const frames = Number.isSafeInteger(frameCount) ? frameCount : 0;
  if (rows || columns) f.dimensions = { value: { ...(columns ? { x: columns } : {}), ...(rows ? { y: rows } : {}), ...(frames > 1 ? { frames } : {}) }, provenance: 'header' };
  const spacing = (str(ds, TAG.pixelSpacing) ?? '').split('\\').map(Number);
  // (0028,0030) Pixel Spacing is "row spacing\column spacing" in mm (PS3.3 §10.7.1.3); 1 mm = 1e6 nm.
  if (spacing.length === 2 && spacing.every((v) => Number.isFinite(v) && v > 0)) {
    f.pixelSize = { value: { x: spacing[1]! * 1e6, y: spacing[0]! * 1e6 }, unit: 'nm', provenance: 'header' };
  }
  return { facts: f, evidence };
}

/** `bytes` after an empty 128-byte preamble and "DICM" (PS3.10 §7.1). */
function prefixed(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(PREAMBLE_BYTES + PREFIX.length + bytes.length);
  out.set(new TextEncoder().encode(PREFIX), PREAMBLE_BYTES);
  out.set(bytes, PREAMBLE_BYTES + PREFIX.length);
  return out;
}

async function headerBytes(ctx: DetectContext): Promise<Uint8Array> {
  if (ctx.size <= ctx.head.length) return ctx.head;
  // The head may end before Pixel Data when private headers are long; read on, bounded.
  return ctx.read(0, Math.min(ctx.size, MAX_HEADER_BYTES));
}

/** A plain (not compressed) DICOM file or data set. */
async function detectPlain(ctx: DetectContext): Promise<Detection | null> {
  const head = new Bytes(ctx.head);
  const noPreamble = !hasPrefix(head) && metaWithoutPreamble(head);
  const part10 = hasPrefix(head) || noPreamble;
  const syntax = part10 ? undefined : rawSyntax(head);
  if (!part10 && !syntax) return null;
  let bytes: Uint8Array;
  try {
    bytes = await headerBytes(ctx);
  } catch {
    bytes = ctx.head;
  }
  // A meta group at byte 0 is read as the Part 10 file it would be with an empty preamble and "DICM" put back.
  const withPreamble = (b: Uint8Array) => (noPreamble ? prefixed(b) : b);
  let { ds, error } = parse(withPreamble(bytes), syntax ?? undefined);
  if (!ds && bytes !== ctx.head) ({ ds, error } = parse(withPreamble(ctx.head), syntax ?? undefined));
  const problems: string[] = [];
  if (error && !/untilTag|eof|buffer overread/i.test(error)) problems.push(`The DICOM header could not be read completely: ${error}`);
  if (ds && !ds.elements[PIXEL_DATA] && bytes.length >= MAX_HEADER_BYTES) problems.push(`The header is longer than ${MAX_HEADER_BYTES} bytes; only that much was read.`);
  if (!part10) {
    const count = ds ? Object.keys(ds.elements).length : 0;
    if (count < RAW_MIN_ELEMENTS) return null;
  }
  const evidence: Evidence[] = [];
  if (noPreamble) {
    evidence.push({ source: 'header', detail: 'DICOM file meta group (0002) at byte 0, without the 128-byte preamble and "DICM" PS3.10 §7.1 asks for.', weight: 0.9 });
  } else if (part10) {
    evidence.push({ source: 'header', detail: "DICOM Part 10: 'DICM' at byte 128 after the preamble (PS3.10 §7.1).", weight: 1 });
    if (head.startsWith([0x49, 0x49, 0x2a, 0x00]) || head.startsWith([0x4d, 0x4d, 0x00, 0x2a])) {
      evidence.push({ source: 'header', detail: 'Its preamble starts with a TIFF header (a dual DICOM/TIFF file); DICOM decides.', weight: 0.3 });
    }
  } else {
    evidence.push({ source: 'header', detail: `DICOM data set without preamble or meta header, ${syntax === EXPLICIT_BE ? 'explicit VR big endian' : syntax === EXPLICIT_LE ? 'explicit VR little endian' : 'implicit VR little endian'}, starting with group 0008.`, weight: 0.8 });
  }
  if (!ds) {
    return detection('dicom', part10 ? DICOM_CONFIDENCE : RAW_CONFIDENCE, { evidence, problems: [...problems, 'No element could be read after the DICOM prefix.'] });
  }
  const read = facts(ds);
  return detection('dicom', part10 ? DICOM_CONFIDENCE : RAW_CONFIDENCE, { facts: read.facts, evidence: [...evidence, ...read.evidence], problems });
}

/** A read-only context over the inflated head of a gzip stream; reads past it are refused (gzip-head.ts caps what is inflated). */
/**
 * gzip-wrapped DICOM (`.dcm.gz`): the head of the stream inflated (16 KiB in, 256 KiB out at most) and read as the file, so
 * its patient fields lock it like any DICOM (issue 12, finding 8). Part 10 always; a raw data set only when named `.dcm.gz`.
 */
async function detectGzipped(ctx: DetectContext): Promise<Detection | null> {
  const inflated = gunzipHead(ctx.head);
  if (!inflated) return null;
  const b = new Bytes(inflated);
  if (!hasPrefix(b) && !metaWithoutPreamble(b) && !(/\.dcm\.gz$/i.test(ctx.name) && rawSyntax(b) !== null)) return null;
  const found = await detectPlain(inflatedContext(ctx, inflated, { size: inflated.length, headBytes: inflated.length, what: 'DICOM' }));
  if (!found) return null;
  const note: Evidence = { source: 'header', detail: 'gzip-compressed (RFC 1952): the head of the stream was inflated and read as DICOM.', weight: 0.5 };
  return { ...found, evidence: [note, ...found.evidence] };
}

/** DICOM, Part 10 (preamble + "DICM") and raw data sets, plain or inside gzip; checked before every other format because a preamble may look like TIFF. */
export const dicomDetector: Detector = {
  id: 'dicom',
  formats: ['dicom'],
  sniff: (ctx) => {
    const b = new Bytes(ctx.head);
    return hasPrefix(b) || metaWithoutPreamble(b) || rawSyntax(b) !== null || isGzip(ctx.head);
  },
  detect: (ctx) => (isGzip(ctx.head) ? detectGzipped(ctx) : detectPlain(ctx)),
};
