import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { within } from '../../kit/numbers';
import { angstromToNm, metresToNm, voltsToKv } from '../../kit/units';
import { guardDetector as guarded } from '../../kit/read';
import { fromHeader as ev, weakConfidence } from '../../kit/evidence';
import { Bytes } from '../../kit/bytes';
import { isTiltSeries, tiltStats } from './tilt';
import { formatInfo } from '../../../../shared/formats/format-catalog';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { readFeiExtHeader, readSeriExtHeader, type FeiSummary, type SeriSummary } from './mrc-ext';
import { byteOrder, dataBytes, dvOrder, MODE_NAMES, MRC_HEADER_BYTES, parseMrcHeader, type MrcHeader } from './mrc-header';

/** MRC space groups (mrcfile constants.py): 0 image stack, 1 volume, 401 (≥ 400) volume stack, 2–230 crystallographic. */
const IMAGE_STACK_SPACEGROUP = 0;
const VOLUME_SPACEGROUP = 1;
const VOLUME_STACK_SPACEGROUP_MIN = 400;
const MAX_SPACEGROUP = 230;

/** Plausible pixel size in Å: from 0.001 Å (far below any EM sampling) to 10 mm (far above microCT voxels). */
const MIN_PIXEL_A = 1e-3;
const MAX_PIXEL_A = 1e8;

/** Extended-header types of the MRC2014 standard (mrcfile validator valid_exttypes). */
const KNOWN_EXTTYPES = ['CCP4', 'MRCO', 'SERI', 'AGAR', 'FEI1', 'FEI2', 'HDF5'];

/** Every header field before the labels (which start at byte 224, mrcfile HEADER_DTYPE) must be present to read a header. */
const MIN_HEADER_BYTES = 224;

/** IMOD programs that write their name as the start of a label ("newstack: Images copied…"). */
const IMOD_LABEL = /^(newstack|tilt|trimvol|clip|ctfphaseflip|mtffilter|alignframes|binvol|rotatevol|tiltxcorr|ccderaser|findbeads3d|squeezevol|densmatch|combinefft|matchvol|etomo|imod|3dmod|mrcbyte|xfproduct|extracttilts|excludeviews|tomo3d)\s*:/i;
/** EMDB stamps every map with its accession (docs/formats.md §2 labels). */
const EMDB_LABEL = /::::EMDATABANK\.org::::(EMD-\d{4,})::::/;

interface Creator {
  readonly creator: string;
  readonly because: string;
  readonly emdbId?: string;
  readonly instrument?: string;
}

/** The program that wrote the file, from its labels: EMDB first, then the first label a known program wrote. */
function creatorFromLabels(labels: readonly string[]): Creator | undefined {
  for (const l of labels) {
    const m = EMDB_LABEL.exec(l);
    if (m) return { creator: 'EMDB', because: `label "${l}"`, emdbId: m[1] };
  }
  for (const l of labels) {
    if (/SerialEM/i.test(l)) {
      const scope = /Digitized on\s+(.+?)(\s{2,}|\s\d{1,2}-[A-Za-z]{3}-\d{2}|$)/.exec(l)?.[1]?.trim();
      return { creator: 'SerialEM', because: `label "${l}"`, ...(scope ? { instrument: scope } : {}) };
    }
    if (/relion/i.test(l)) return { creator: 'RELION', because: `label "${l}"` };
    if (IMOD_LABEL.test(l)) return { creator: 'IMOD', because: `label "${l}"` };
    if (/fei company|thermo\s*fisher/i.test(l)) return { creator: 'FEI', because: `label "${l}"` };
  }
  return undefined;
}

function arrangementFromIspg(h: MrcHeader): { arrangement: NonNullable<Facts['arrangement']>['value']; spaceGroup?: number } | undefined {
  if (h.ispg === IMAGE_STACK_SPACEGROUP) return { arrangement: h.nz > 1 ? 'image-stack' : 'image' };
  if (h.ispg === VOLUME_SPACEGROUP) return { arrangement: 'volume' };
  if (h.ispg >= VOLUME_STACK_SPACEGROUP_MIN) return { arrangement: 'volume-stack' };
  if (h.ispg > VOLUME_SPACEGROUP && h.ispg <= MAX_SPACEGROUP) return { arrangement: 'volume', spaceGroup: h.ispg };
  return undefined;
}

/** Pixel size from cella / mx (mrcfile voxel_size), only when every part of it is plausible. */
function pixelSizeA(h: MrcHeader, problems: string[]): { x: number; y?: number; z?: number } | undefined {
  if (h.exttyp === 'AGAR') {
    problems.push('exttyp AGAR: cell size may be in µm rather than Å (Bio-Formats MRCReader) — pixel size not reported.');
    return undefined;
  }
  const axis = (cell: number, m: number): number | undefined => (m > 0 && cell > 0 && Number.isFinite(cell) ? within(cell / m, MIN_PIXEL_A, MAX_PIXEL_A) : undefined);
  const x = axis(h.cella[0], h.mx);
  if (x === undefined) {
    if (h.cella[0] !== 0 || h.mx !== 0) problems.push(`Pixel size not plausible (cella.x ${h.cella[0]} Å over mx ${h.mx}) — ignored.`);
    return undefined;
  }
  const y = axis(h.cella[1], h.my);
  const z = h.nz > 1 ? axis(h.cella[2], h.mz) : undefined;
  return { x, ...(y !== undefined ? { y } : {}), ...(z !== undefined ? { z } : {}) };
}

function toNm(p: { x: number; y?: number; z?: number }): { x: number; y?: number; z?: number } {
  return { x: angstromToNm(p.x), ...(p.y !== undefined ? { y: angstromToNm(p.y) } : {}), ...(p.z !== undefined ? { z: angstromToNm(p.z) } : {}) };
}

/** Confidence from what the header proves. */
function confidence(ctx: DetectContext, h: MrcHeader, fits: boolean, fromStamp: boolean): number {
  if (h.hasMap && fits) return CONFIDENCE.STRUCTURE;
  if (h.hasMap) return fromStamp ? CONFIDENCE.MAGIC : CONFIDENCE.WEAK;
  return weakConfidence(ctx, formatInfo('mrc')?.extensions ?? []);
}

function applyFei(fei: FeiSummary, facts: Facts, evidence: Evidence[], problems: string[]): void {
  problems.push(...fei.problems);
  evidence.push(ev(`${fei.type} extended header (Thermo Fisher EPU/Tomography): ${fei.recordsRead} section record(s) of ${fei.recordBytes} bytes read.`, 0.6));
  if (fei.htVolts !== undefined) facts.voltageKV = { value: voltsToKv(fei.htVolts), unit: 'kV', provenance: 'header' };
  if (fei.pixelSizeM !== undefined) facts.pixelSize = { value: { x: metresToNm(fei.pixelSizeM) }, unit: 'nm', provenance: 'header' };
  if (fei.magnification !== undefined) facts.magnification = { value: fei.magnification, provenance: 'header' };
  if (fei.camera) facts.detector = { value: fei.camera, provenance: 'header' };
  if (fei.microscope) facts.instrument = { value: { manufacturer: 'Thermo Fisher Scientific', model: fei.microscope }, provenance: 'header' };
  if (fei.application) {
    facts.creator = { value: fei.application, provenance: 'header' };
    facts.software = { value: fei.applicationVersion ? `${fei.application} ${fei.applicationVersion}` : fei.application, provenance: 'header' };
    evidence.push(ev(`Extended header Application "${fei.application}"${/tomo/i.test(fei.application) ? ' (Thermo Tomography: cryo-ET)' : ''}.`, 0.6));
  }
  if (fei.doseSum !== undefined) {
    facts.dose = { value: Number(fei.doseSum.toPrecision(6)), unit: 'e/Å²', provenance: 'header' };
    evidence.push(ev(`Dose ${fei.doseSum.toPrecision(4)} e/Å² summed over ${fei.doseSections} section(s) of the extended header (written in e/m²).`, 0.3));
  }
  const t = tiltStats(fei.tilts);
  if (t && isTiltSeries(t)) {
    facts.tiltAngles = { value: t, unit: 'deg', provenance: 'header' };
    facts.arrangement = { value: 'tilt-series', provenance: 'header' };
    evidence.push(ev(`Alpha tilt varies across the extended-header records from ${t.min}° to ${t.max}° (${t.count} sections): a tilt series.`, 0.8));
  } else if (fei.doseFraction && (facts.dimensions?.value.z ?? 0) > 1) {
    facts.arrangement = { value: 'movie', provenance: 'header' };
    evidence.push(ev('Extended header flags the sections as dose fractions: a movie.', 0.6));
  }
}

function applySeri(seri: SeriSummary, facts: Facts, evidence: Evidence[], problems: string[]): void {
  problems.push(...seri.problems);
  evidence.push(ev(`SerialEM extended header: ${seri.bytesPerSection} bytes per section, flags ${seri.flags}.`, 0.5));
  const t = tiltStats(seri.tilts);
  if (t) {
    facts.tiltAngles = { value: t, unit: 'deg', provenance: 'header' };
    if (isTiltSeries(t)) {
      facts.arrangement = { value: 'tilt-series', provenance: 'header' };
      evidence.push(ev(`Per-section tilt angles from ${t.min}° to ${t.max}° (${t.count} sections): a tilt series.`, 0.8));
    }
  }
  if (seri.pieceCoordinates && facts.arrangement?.value !== 'tilt-series') {
    facts.arrangement = { value: 'montage', provenance: 'header' };
    evidence.push(ev('Extended header holds montage piece coordinates.', 0.6));
  }
  if (seri.doseSum !== undefined) facts.dose = { value: Number(seri.doseSum.toPrecision(6)), unit: 'e/Å²', provenance: 'header' };
}

/** IMOD idtype 1 = tilt series with vd1 = 100 × increment and vd2 = 100 × start angle (IMOD mrc_format.txt). */
function applyIdtype(h: MrcHeader, facts: Facts, evidence: Evidence[]): void {
  if (h.idtype !== 1 || h.vd1 === 0 || h.nz < 2 || facts.tiltAngles) return;
  const start = h.vd2 / 100;
  const end = start + (h.vd1 / 100) * (h.nz - 1);
  if (within(start, -90, 90) === undefined || within(end, -90, 90) === undefined) return;
  const t = tiltStats([start, end]);
  if (!t) return;
  facts.tiltAngles = { value: { ...t, count: h.nz }, unit: 'deg', provenance: 'header' };
  if (isTiltSeries({ ...t, count: h.nz })) facts.arrangement = { value: 'tilt-series', provenance: 'header' };
  evidence.push(ev(`IMOD data type "tilt": start ${start}°, increment ${h.vd1 / 100}° over ${h.nz} sections.`, 0.6));
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  if (ctx.head.length < MIN_HEADER_BYTES) return null;
  const b = new Bytes(ctx.head);
  const order = byteOrder(b);
  if (!order) return null;
  const h = parseMrcHeader(ctx.head, order.le);
  // DeltaVision shares the layout; without "MAP " the nDVID word makes it DeltaVision (Bio-Formats DeltavisionReader.isThisType).
  if (!h.hasMap && dvOrder(b) !== undefined) return null;
  const problems: string[] = [];
  const need = MRC_HEADER_BYTES + h.nsymbt + dataBytes(h);
  const fits = need <= ctx.size;
  // Without "MAP " the plausibility check of docs/formats.md §0.3 is all there is: the data must fit.
  if (!h.hasMap && !fits) return null;
  if (ctx.size < MRC_HEADER_BYTES) problems.push(`Truncated: header ends at byte ${ctx.size} of ${MRC_HEADER_BYTES}.`);
  else if (!fits) problems.push(`Truncated or inconsistent: header and data need ${need} bytes, the file has ${ctx.size}.`);
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const stamp = h.machst.map((x) => x.toString(16).padStart(2, '0')).join(' ');
  evidence.push(
    h.hasMap
      ? ev(`MRC2014 header: "MAP " at byte 208, machine stamp ${stamp} (${h.le ? 'little' : 'big'}-endian).`, 1)
      : ev(`MRC header without "MAP " (pre-2000 writer): ${h.nx}×${h.ny}×${h.nz}, mode ${h.mode}, sizes consistent with the file length${ctx.ext ? `, extension ${ctx.ext}` : ''}.`, 0.6),
  );
  facts.dimensions = { value: { x: h.nx, y: h.ny, ...(h.nz > 1 ? { z: h.nz } : {}) }, provenance: 'header' };
  const arr = arrangementFromIspg(h);
  if (arr) {
    facts.arrangement = { value: arr.arrangement, provenance: 'header' };
    if (arr.spaceGroup !== undefined) {
      facts.spaceGroup = { value: arr.spaceGroup, provenance: 'header' };
      evidence.push(ev(`Crystallographic space group ${arr.spaceGroup} (ispg): a crystal map (MicroED or X-ray).`, 0.6));
    }
  } else problems.push(`Space group ${h.ispg} (ispg) is not a valid MRC value.`);
  const px = pixelSizeA(h, problems);
  if (px) {
    facts.pixelSize = { value: toNm(px), unit: 'nm', provenance: 'header' };
    if (px.x === 1 && (px.y === undefined || px.y === 1)) problems.push('Pixel size is exactly 1 Å: often a placeholder written by software that did not know it.');
  }
  if (h.exttyp && !KNOWN_EXTTYPES.includes(h.exttyp)) problems.push(`Unknown extended-header type "${h.exttyp}".`);
  if (h.exttyp === 'FEI1' || h.exttyp === 'FEI2') {
    const fei = await readFeiExtHeader(ctx, h);
    if (fei) applyFei(fei, facts, evidence, problems);
    else problems.push(`${h.exttyp} extended header could not be read.`);
  } else if (h.nsymbt > 0 && (h.exttyp === 'SERI' || h.exttyp === '' || !KNOWN_EXTTYPES.includes(h.exttyp))) {
    const seri = await readSeriExtHeader(ctx, h);
    if (seri) applySeri(seri, facts, evidence, problems);
  }
  applyIdtype(h, facts, evidence);
  const who = creatorFromLabels(h.labels);
  if (who) {
    if (!facts.creator || who.creator === 'EMDB') facts.creator = { value: who.creator, provenance: 'header' };
    if (who.emdbId) facts.emdbId = { value: who.emdbId, provenance: 'header' };
    if (who.instrument && !facts.instrument) facts.instrument = { value: { model: who.instrument }, provenance: 'header' };
    evidence.push(ev(`Written by ${who.creator}: ${who.because}.`, who.creator === 'EMDB' ? 0.8 : 0.5));
  }
  if (h.imodStamp) evidence.push(ev(`IMOD stamp at byte 152 (flags ${h.imodFlags}).`, 0.3));
  facts.header = {
    value: {
      mode: h.mode,
      modeName: MODE_NAMES[h.mode] ?? null,
      ispg: h.ispg,
      exttyp: h.exttyp || null,
      extendedHeaderBytes: h.nsymbt,
      nversion: h.nversion || null,
      byteOrder: h.le ? 'little-endian' : 'big-endian',
      imod: h.imodStamp,
      imodFlags: h.imodStamp ? h.imodFlags : null,
      label: h.labels[0] ?? null,
    },
    provenance: 'header',
  };
  return detection('mrc', confidence(ctx, h, fits, order.fromStamp), { facts, evidence, problems });
}

/** MRC/CCP4 (MRC2014 with "MAP " at 208, or older files by the plausibility check), never DeltaVision. */
export const mrcDetector: Detector = guarded({
  id: 'mrc',
  formats: ['mrc'],
  sniff: (ctx) => ctx.head.length >= MIN_HEADER_BYTES && byteOrder(new Bytes(ctx.head)) !== undefined,
  detect: read,
});
