import { significant, toNanometres } from '../../kit/units';
import { guardDetector } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact } from '../../kit/facts';
import { Bytes } from '../../kit/bytes';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * Igor Pro binary waves (.ibw; docs/formats.md §13). Source: AFM-analysis/igor2 igor2/binarywave.py
 * (after WaveMetrics Technical Note 003): int16 `version` at 0 in {1, 2, 3, 5}, its byte order giving the
 * file's (util.need_to_reorder_bytes); BinHeader1/2/3/5 of 8/16/20/64 bytes, WaveHeader2 (versions 1–3,
 * 110 bytes before wData) or WaveHeader5 (320 bytes); wave data of npnts items of TYPE_TABLE size; versions
 * 2/3 add 16 bytes of padding, then the note (v2, v3) or, in v5, formula then note. TN003 checksum: the
 * int16 sum of BinHeader and WaveHeader (v5 without wData; v1–3 with its 16 bytes) is zero. Asylum Research
 * AFM notes are CR-separated "Key: Value" lines with ScanSize (m) and ImagingMode (atomicJ
 * readers/asylum/IgorWaveNote.java SCAN_SIZE_KEY; CANTER read_WaveNotes.m splits on char(13) and ':').
 */

/** binarywave.py TYPE_TABLE: item sizes in bytes (0 = text wave). */
const ITEM: Readonly<Record<number, number>> = { 0: 1, 2: 4, 3: 8, 4: 8, 5: 16, 8: 1, 9: 2, 0x10: 2, 0x11: 4, 0x20: 4, 0x21: 8, 0x48: 1, 0x49: 2, 0x50: 2, 0x51: 4, 0x60: 4, 0x61: 8 };
/** Header layouts per version (binarywave.py BinHeaderN and WaveHeader2/5 field order, sizes in bytes). */
const LAYOUT = {
  1: { bin: 8, wfmSize: 2, noteSize: -1, checksum: 6, wave: 110, waveChecksum: 126 },
  2: { bin: 16, wfmSize: 2, noteSize: 6, checksum: 14, wave: 110, waveChecksum: 126 },
  3: { bin: 20, wfmSize: 2, noteSize: 6, checksum: 18, wave: 110, waveChecksum: 126 },
  5: { bin: 64, wfmSize: 4, noteSize: 12, checksum: 2, wave: 320, waveChecksum: 320 },
} as const;
/** WaveHeader2 offsets: type 0, bname 6 (20 bytes), npnts 42, hsA 48 (x step). */
const W2 = { type: 0, bname: 6, bnameLength: 20, npnts: 42, hsA: 48, xUnits: 38 } as const;
/** WaveHeader5 offsets: npnts 12, type 16, bname 28 (32 bytes), nDim 68 (4 × int32), sfA 84 (4 × double), dimUnits 152 (4 × 4). */
const W5 = { npnts: 12, type: 16, bname: 28, bnameLength: 32, nDim: 68, sfA: 84, dimUnits: 152 } as const;
/** BinHeader5: formulaSize at 8. */
const B5_FORMULA = 8;
/** Versions 2 and 3 pad the wave data with 16 bytes (binarywave.py Wave2/Wave3 `padding`). */
const PADDING = 16;
/** Wave notes of AFM images are a few KB; longer ones are read this far. */
const MAX_NOTE = 256 * 1024;
/** Most note lines parsed. */
const MAX_NOTE_LINES = 5000;

interface Wave {
  readonly version: 1 | 2 | 3 | 5;
  readonly le: boolean;
  readonly type: number;
  readonly name: string;
  readonly dims: number[];
  readonly step: number | undefined;
  readonly unit: string;
  readonly checksumOk: boolean;
  readonly noteAt: number;
  readonly noteSize: number;
}

function parse(head: Uint8Array, size: number): Wave | null {
  for (const le of [true, false]) {
    const b = new Bytes(head, le);
    const version = b.i16(0);
    if (version !== 1 && version !== 2 && version !== 3 && version !== 5) continue;
    const L = LAYOUT[version];
    if (head.length < L.bin + L.wave) return null;
    const w = L.bin;
    const wfmSize = b.i32(L.wfmSize) ?? -1;
    const type = version === 5 ? (b.i16(w + W5.type) ?? -1) : (b.i16(w + W2.type) ?? -1);
    const npnts = version === 5 ? (b.i32(w + W5.npnts) ?? -1) : (b.i32(w + W2.npnts) ?? -1);
    const item = ITEM[type];
    if (item === undefined || npnts < 0 || wfmSize < L.wave) return null;
    const dataSize = wfmSize - L.wave - (version === 5 ? 0 : PADDING);
    // binarywave.py DynamicWaveDataField1: numeric data is exactly npnts items (text waves: any size).
    if (type !== 0 && dataSize !== npnts * item) return null;
    const noteSize = L.noteSize < 0 ? 0 : (b.i32(L.noteSize) ?? -1);
    const formula = version === 5 ? (b.i32(B5_FORMULA) ?? -1) : 0;
    if (noteSize < 0 || formula < 0) return null;
    const noteAt = L.bin + wfmSize + formula;
    if (noteAt + noteSize > size) return null;
    const nameAt = w + (version === 5 ? W5.bname : W2.bname);
    const nameBytes = b.slice(nameAt, version === 5 ? W5.bnameLength : W2.bnameLength);
    const nul = nameBytes.indexOf(0);
    if (nul < 0 || nameBytes.subarray(0, nul).some((c) => c < 0x20 || c > 0x7e)) return null;
    const dims = version === 5 ? [0, 1, 2, 3].map((i) => b.i32(w + W5.nDim + 4 * i) ?? 0) : [npnts];
    if (version === 5) {
      const product = dims.filter((d) => d > 0).reduce((p, d) => p * d, 1);
      if (dims.some((d) => d < 0) || (npnts > 0 && product !== npnts)) return null;
    }
    let sum = 0;
    for (let o = 0; o + 1 < L.bin + L.waveChecksum && o + 1 < head.length; o += 2) sum = (sum + (b.i16(o) ?? 0)) & 0xffff;
    return {
      version,
      le,
      type,
      name: new Bytes(nameBytes).ascii(0, nul),
      dims,
      step: version === 5 ? b.f64(w + W5.sfA) : b.f64(w + W2.hsA),
      unit: version === 5 ? b.ascii(w + W5.dimUnits, 4) : b.ascii(w + W2.xUnits, 4),
      checksumOk: sum === 0,
      noteAt,
      noteSize,
    };
  }
  return null;
}

/** "Key: Value" lines separated by CR (Asylum notes), first occurrence wins. */
function noteFields(note: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of note.split(/\r\n?|\n/).slice(0, MAX_NOTE_LINES)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    if (key && !out.has(key)) out.set(key, line.slice(i + 1).trim());
  }
  return out;
}

async function detectIbw(ctx: DetectContext): Promise<Detection | null> {
  // The version word is all the magic there is: only believed with the .ibw extension (docs/formats.md §1).
  if (ctx.ext !== '.ibw') return null;
  const w = parse(ctx.head, ctx.size);
  if (!w) return null;
  const problems: string[] = [];
  let note = new Map<string, string>();
  if (w.noteSize > 0) {
    try {
      const at = w.noteAt;
      const len = Math.min(w.noteSize, MAX_NOTE);
      const bytes = at + len <= ctx.head.length ? ctx.head.subarray(at, at + len) : await ctx.read(at, len);
      note = noteFields(new TextDecoder('latin1').decode(bytes));
    } catch {
      problems.push('The wave note could not be read.');
    }
  }
  if (!w.checksumOk) problems.push('Header checksum does not sum to zero (TN003): the header may be damaged.');
  const afm = note.has('ScanSize') || note.has('ImagingMode');
  const scanSize = Number(note.get('ScanSize'));
  // A step of 1e308 m overflows to Infinity in nanometres; a finite pixel size or none (fuzz finding, issue 12).
  const stepNm = w.step !== undefined && w.step > 0 && w.unit === 'm' && Number.isFinite(toNanometres(w.step, 'm')) ? toNanometres(w.step, 'm') : undefined;
  const [nx, ny, nz] = w.version === 5 ? w.dims : [w.dims[0], 0, 0];
  const facts: Facts = {
    imagingMode: afm ? { value: 'AFM', provenance: 'header' } : undefined,
    dimensions: dimensionsFact(afm ? { x: nx, y: ny, c: nz } : { x: nx, y: ny, z: nz }),
    pixelSize: stepNm ? { value: { x: significant(stepNm, 9) }, unit: 'nm', provenance: 'header' } : undefined,
    header: headerFact({
      version: w.version,
      byteOrder: w.le ? 'little-endian' : 'big-endian',
      waveName: printable(w.name),
      waveType: w.type,
      imagingModeText: printable(note.get('ImagingMode')),
      scanSizeNm: Number.isFinite(scanSize) && scanSize > 0 ? significant(scanSize * 1e9, 9) : undefined,
    }),
  };
  const evidence = [
    fromHeader(`Igor binary wave version ${w.version} (${w.le ? 'little' : 'big'}-endian), header sizes consistent${w.checksumOk ? ', checksum zero' : ''}; the .ibw extension agrees.`, 0.8),
  ];
  if (afm) evidence.push(fromHeader(`The wave note carries Asylum Research AFM keys (${['ScanSize', 'ImagingMode'].filter((k) => note.has(k)).join(', ')}).`, 0.6));
  return detection('igor-ibw', w.checksumOk ? CONFIDENCE.MAGIC : CONFIDENCE.WEAK, { facts: compact(facts), evidence, problems });
}

/** Igor Pro binary wave (.ibw), LE or BE; AFM when the note has Asylum keys. */
export const igorDetector = guardDetector({
  id: 'igor-ibw',
  formats: ['igor-ibw'],
  sniff: (ctx) => ctx.ext === '.ibw' && ctx.head.length >= 2 && ((ctx.head[0] === 0 && [1, 2, 3, 5].includes(ctx.head[1]!)) || (ctx.head[1] === 0 && [1, 2, 3, 5].includes(ctx.head[0]!))),
  detect: detectIbw,
});
