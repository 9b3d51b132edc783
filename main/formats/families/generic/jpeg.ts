import type { Facts } from '../../../../shared/formats/facts';
import { readInFile } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detector } from '../../detector';

// JPEG interchange format, ITU-T T.81 | ISO/IEC 10918-1 Annex B: a sequence of marker segments
// FF xx [length u16 BE, counting itself] [data]; SOI FF D8 starts the file (Table B.1).
const SOI = [0xff, 0xd8, 0xff] as const;
/** Table B.1: frame markers SOF0–SOF15 are C0–CF except C4 (DHT), C8 (JPG, reserved) and CC (DAC). */
const NOT_SOF = new Set([0xc4, 0xc8, 0xcc]);
const SOF_PROCESS: Readonly<Record<number, string>> = {
  0xc0: 'baseline DCT',
  0xc1: 'extended sequential DCT',
  0xc2: 'progressive DCT',
  0xc3: 'lossless',
  0xc5: 'differential sequential DCT',
  0xc6: 'differential progressive DCT',
  0xc7: 'differential lossless',
  0xc9: 'extended sequential DCT, arithmetic',
  0xca: 'progressive DCT, arithmetic',
  0xcb: 'lossless, arithmetic',
  0xcd: 'differential sequential DCT, arithmetic',
  0xce: 'differential progressive DCT, arithmetic',
  0xcf: 'differential lossless, arithmetic',
};
/** Table B.1: markers without a length (TEM 01, RST0–RST7 D0–D7, SOI D8). */
const isStandalone = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd8);
const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP1 = 0xe1;
/** Segments walked in total; metadata segments before the frame header are a handful in practice. */
const MAX_JPEG_SEGMENTS = 128;
/** When the head ends before the frame header (a large EXIF thumbnail or ICC profile), more is read in windows this size… */
const JPEG_WINDOW_BYTES = 128 * 1024;
/** …at most this many times (4 × 128 KiB covers any run of metadata segments, each at most 64 KiB). */
const MAX_JPEG_WINDOWS = 4;
// EXIF (CIPA DC-008, APP1 "Exif\0\0" then a TIFF header) with TIFF 6.0 tags Make 271, Model 272, Software 305
// (docs/formats.md §1 TIFF row).
const EXIF_ID = 'Exif\0\0';
const TAG_MAKE = 0x010f;
const TAG_MODEL = 0x0110;
const TAG_SOFTWARE = 0x0131;
const TIFF_ASCII = 2;
/** IFD0 entries read; IFD0 of a camera JPEG has 10–20. */
const MAX_EXIF_ENTRIES = 64;
/** Longest EXIF string copied. */
const MAX_EXIF_STRING = 128;

interface Frame {
  readonly marker: number;
  readonly precision: number;
  readonly height: number;
  readonly width: number;
  readonly components: number;
}

interface Exif {
  make?: string;
  model?: string;
  software?: string;
}

/** IFD0 ASCII tags of the EXIF TIFF block, bounded to the APP1 segment. */
function readExif(tiff: Uint8Array): Exif | null {
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return null;
  const b = new Bytes(tiff, order === 'II');
  if (b.u16(2) !== 42) return null;
  const ifd = b.u32(4);
  const count = ifd === undefined ? undefined : b.u16(ifd);
  if (ifd === undefined || count === undefined) return null;
  const out: Exif = {};
  for (let i = 0; i < Math.min(count, MAX_EXIF_ENTRIES); i++) {
    const e = ifd + 2 + 12 * i;
    const tag = b.u16(e);
    const type = b.u16(e + 2);
    const n = b.u32(e + 4);
    if (tag === undefined || type !== TIFF_ASCII || n === undefined || n === 0) continue;
    const at = n <= 4 ? e + 8 : b.u32(e + 8);
    if (at === undefined) continue;
    const value = b.ascii(at, Math.min(n, MAX_EXIF_STRING)).trim();
    if (!value) continue;
    if (tag === TAG_MAKE) out.make = value;
    else if (tag === TAG_MODEL) out.model = value;
    else if (tag === TAG_SOFTWARE) out.software = value;
  }
  return out;
}

interface Walk {
  frame?: Frame;
  exif?: Exif;
  jfif?: string;
  segments: number;
  /** Where the walk stopped inside the file, and why. */
  next: number;
  stop: 'frame' | 'scan' | 'end-of-image' | 'cut' | 'bad-marker' | 'limit';
}

function stopAt(w: Walk, next: number, stop: Walk['stop']): void {
  w.next = next;
  w.stop = stop;
}

/** Walks marker segments of `bytes` (which start at file offset `base`) from file offset `from`. */
function walk(bytes: Uint8Array, base: number, from: number, w: Walk): void {
  const b = new Bytes(bytes, false);
  let p = from - base;
  while (w.segments < MAX_JPEG_SEGMENTS) {
    if (p + 2 > b.length) return stopAt(w, base + p, 'cut');
    if (b.u8(p) !== 0xff) return stopAt(w, base + p, 'bad-marker');
    const m = b.u8(p + 1)!;
    if (m === 0xff) {
      p++; // fill byte (B.1.1.2)
      continue;
    }
    if (isStandalone(m)) {
      p += 2;
      continue;
    }
    if (m === SOS) return stopAt(w, base + p, 'scan');
    if (m === EOI) return stopAt(w, base + p, 'end-of-image');
    const len = b.u16(p + 2);
    if (len === undefined) return stopAt(w, base + p, 'cut');
    if (len < 2) return stopAt(w, base + p, 'bad-marker');
    w.segments++;
    const data = p + 4;
    const end = p + 2 + len;
    if (m >= 0xc0 && m <= 0xcf && !NOT_SOF.has(m)) {
      // B.2.2 frame header: P (1), Y (2), X (2), Nf (1).
      const precision = b.u8(data);
      const height = b.u16(data + 1);
      const width = b.u16(data + 3);
      const components = b.u8(data + 5);
      if (precision === undefined || height === undefined || width === undefined || components === undefined) return stopAt(w, base + p, 'cut');
      w.frame = { marker: m, precision, height, width, components };
      return stopAt(w, base + end, 'frame');
    }
    if (end > b.length) {
      // A metadata segment runs past these bytes: skip it by its length and read on from there.
      return stopAt(w, base + end, 'cut');
    }
    if (m === APP1 && b.ascii(data, 6) === 'Exif' && b.u8(data + 5) === 0 && !w.exif) {
      w.exif = readExif(b.slice(data + EXIF_ID.length, len - 2 - EXIF_ID.length)) ?? undefined;
    } else if (m === APP0 && b.ascii(data, 5) === 'JFIF') {
      w.jfif = `${b.u8(data + 5)}.${String(b.u8(data + 6)).padStart(2, '0')}`;
    }
    p = end;
  }
  stopAt(w, base + p, 'limit');
}

async function walkFile(ctx: DetectContext): Promise<Walk> {
  const w: Walk = { segments: 0, next: 2, stop: 'cut' };
  walk(ctx.head, 0, 2, w);
  for (let i = 0; i < MAX_JPEG_WINDOWS && w.stop === 'cut' && w.next < ctx.size && ctx.head.length < ctx.size; i++) {
    const more = await readInFile(ctx, w.next, JPEG_WINDOW_BYTES);
    if (!more || more.length === 0) break;
    walk(more, w.next, w.next, w);
  }
  return w;
}

/** A JPEG image (JFIF/EXIF): frame header size and components; EXIF Make/Model/Software. */
export const jpegDetector: Detector = {
  id: 'generic-jpeg',
  formats: ['jpeg'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(SOI),
  async detect(ctx) {
    if (!new Bytes(ctx.head).startsWith(SOI)) return null;
    const w = await walkFile(ctx);
    // FF D8 FF alone is 3 bytes; without one well-formed segment after it we do not call it JPEG.
    if (w.segments === 0 && !w.frame) return null;
    const facts: Facts = {};
    const problems: string[] = [];
    const header: Record<string, string | number> = { segmentsRead: w.segments };
    if (w.jfif) header['jfifVersion'] = w.jfif;
    if (w.frame) {
      const f = w.frame;
      Object.assign(header, { process: SOF_PROCESS[f.marker] ?? 'unknown', precision: f.precision, components: f.components, width: f.width, height: f.height });
      if (f.width > 0 && f.height > 0) facts.dimensions = { value: { x: f.width, y: f.height, ...(f.components > 1 ? { c: f.components } : {}) }, provenance: 'header' };
      else problems.push(`The frame header gives ${f.width} × ${f.height} pixels (a height of 0 is defined later by a DNL marker).`);
    } else {
      const why = w.stop === 'scan' || w.stop === 'end-of-image' ? 'the image data starts' : w.stop === 'bad-marker' ? `a broken marker at byte ${w.next}` : `byte ${w.next}`;
      problems.push(`No frame header (SOFn) before ${why}: size unknown.`);
    }
    if (w.exif) {
      const { make, model, software } = w.exif;
      if (make || model) facts.instrument = { value: { ...(make ? { manufacturer: clip(make) } : {}), ...(model ? { model: clip(model) } : {}) }, provenance: 'header' };
      if (software) facts.software = { value: clip(software), provenance: 'header' };
      header['exif'] = 'yes';
    }
    facts.header = { value: header, provenance: 'header' };
    const frame = w.frame ? `frame header SOF${w.frame.marker - 0xc0} (${SOF_PROCESS[w.frame.marker] ?? 'unknown'}): ${w.frame.width} × ${w.frame.height}, ${w.frame.components} component(s)` : 'no frame header found';
    return detection('jpeg', w.frame ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
      facts,
      evidence: [fromHeader(`JPEG start of image FF D8 and ${w.segments} well-formed marker segment(s); ${frame}${w.exif ? '; EXIF block in APP1' : ''}.`, 1)],
      problems,
    });
  },
};
