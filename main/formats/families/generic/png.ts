import type { Facts } from '../../../../shared/formats/facts';
import { significant } from '../../kit/units';
import { fromHeader } from '../../kit/evidence';
import { clip } from '../../kit/strings';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type Detector } from '../../detector';

// PNG, W3C PNG Specification 2nd ed. = ISO/IEC 15948:2004. All integers are big-endian (§7.1).
/** §5.2 PNG signature: 89 50 4E 47 0D 0A 1A 0A ("\x89PNG\r\n\x1a\n"). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** §5.3 chunk layout: length (4) + type (4) + data + CRC (4). */
const CHUNK_OVERHEAD = 12;
/** §11.2.2 IHDR data: width 4, height 4, bit depth 1, colour type 1, compression 1, filter 1, interlace 1. */
const IHDR_LENGTH = 13;
/** §11.3.5.3 pHYs data: pixels per unit X (4), Y (4), unit specifier (1; 1 = metre, libpng PNG_RESOLUTION_METER). */
const PHYS_LENGTH = 9;
const PHYS_UNIT_METRE = 1;
/** §5.3: a chunk length is at most 2^31 − 1. */
const MAX_CHUNK_LENGTH = 0x7fffffff;
/** Chunks walked in the head; the ancillary chunks we read (pHYs, tEXt) come before IDAT, after a handful of others. */
const MAX_PNG_CHUNKS = 64;
/** Longest tEXt value copied (the keyword is 1–79 bytes, §11.3.4.3). */
const MAX_TEXT_CHARS = 200;
/** §11.2.2 Table 11.1: allowed bit depths per colour type, and samples per pixel. */
const COLOUR_TYPES: Readonly<Record<number, { name: string; depths: readonly number[]; samples: number }>> = {
  0: { name: 'greyscale', depths: [1, 2, 4, 8, 16], samples: 1 },
  2: { name: 'RGB', depths: [8, 16], samples: 3 },
  3: { name: 'indexed colour', depths: [1, 2, 4, 8], samples: 1 },
  4: { name: 'greyscale + alpha', depths: [8, 16], samples: 2 },
  6: { name: 'RGBA', depths: [8, 16], samples: 4 },
};
/** A pixel larger than 1 mm is no microscope's: such pHYs values are display or print settings. */
const MAX_PLAUSIBLE_PIXEL_NM = 1e6;
/** Screen and print resolutions that image programs write by default (dpi); pHYs holding one of them is a setting, not a calibration. */
const DEFAULT_DPI = [72, 96, 150, 300, 600, 1200, 2400] as const;
const METRES_PER_INCH = 0.0254;
const NM_PER_METRE = 1e9;

function defaultDpi(pixelsPerMetre: number): number | undefined {
  return DEFAULT_DPI.find((dpi) => Math.abs(pixelsPerMetre - Math.round(dpi / METRES_PER_INCH)) <= 1);
}

/** A PNG image: IHDR size, colour and bit depth; pHYs pixel size in metres; the tEXt "Software" keyword. */
export const pngDetector: Detector = {
  id: 'generic-png',
  formats: ['png'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(PNG_SIGNATURE),
  async detect(ctx) {
    const b = new Bytes(ctx.head, false);
    if (!b.startsWith(PNG_SIGNATURE)) return null;
    const problems: string[] = [];
    // What the header says that is fine but not used (a print-resolution pHYs, for example).
    const notes: string[] = [];
    const header: Record<string, string | number | boolean | null> = {};
    const facts: Facts = {};
    const textKeys: string[] = [];
    let ihdrOk = false;
    let pos = PNG_SIGNATURE.length;
    for (let i = 0; i < MAX_PNG_CHUNKS; i++) {
      const length = b.u32(pos);
      const type = b.ascii(pos + 4, 4);
      if (length === undefined || type.length < 4) {
        if (i === 0) problems.push(`Truncated: the file ends inside the first chunk header (byte ${pos}).`);
        break;
      }
      if (length > MAX_CHUNK_LENGTH || !/^[A-Za-z]{4}$/.test(type)) {
        problems.push(`Chunk ${i} at byte ${pos} is not a valid PNG chunk (type "${clip(type, 8)}", length ${length}).`);
        break;
      }
      const data = pos + 8;
      if (i === 0) {
        if (type !== 'IHDR') {
          problems.push(`The first chunk is "${type}", not IHDR.`);
          break;
        }
        const width = b.u32(data);
        const height = b.u32(data + 4);
        const depth = b.u8(data + 8);
        const colour = b.u8(data + 9);
        const interlace = b.u8(data + 12);
        const ct = colour === undefined ? undefined : COLOUR_TYPES[colour];
        if (length !== IHDR_LENGTH || width === undefined || height === undefined || depth === undefined || interlace === undefined) {
          problems.push(`IHDR is cut or has length ${length} instead of ${IHDR_LENGTH}.`);
          break;
        }
        if (!width || !height || width > MAX_CHUNK_LENGTH || height > MAX_CHUNK_LENGTH) problems.push(`IHDR size ${width} × ${height} is invalid (1 to 2^31−1 each).`);
        else if (!ct || !ct.depths.includes(depth)) problems.push(`IHDR colour type ${colour} with bit depth ${depth} is not an allowed combination.`);
        else {
          ihdrOk = true;
          facts.dimensions = { value: { x: width, y: height, ...(ct.samples > 1 ? { c: ct.samples } : {}) }, provenance: 'header' };
          Object.assign(header, { width, height, bitDepth: depth, colourType: ct.name, interlace: interlace === 1 ? 'Adam7' : 'none' });
        }
      } else if (type === 'pHYs' && length === PHYS_LENGTH) {
        const px = b.u32(data);
        const py = b.u32(data + 4);
        const unit = b.u8(data + 8);
        if (px !== undefined && py !== undefined && unit !== undefined) {
          Object.assign(header, { pixelsPerUnitX: px, pixelsPerUnitY: py, physUnit: unit === PHYS_UNIT_METRE ? 'metre' : 'unknown (aspect ratio only)' });
          if (unit === PHYS_UNIT_METRE && px > 0 && py > 0) {
            const nmX = NM_PER_METRE / px;
            const nmY = NM_PER_METRE / py;
            const dpi = defaultDpi(px);
            if (dpi !== undefined) notes.push(`pHYs says ${px} pixels per metre (${dpi} dpi), a screen or print setting rather than a calibration; pixel size not reported.`);
            else if (nmX > MAX_PLAUSIBLE_PIXEL_NM || nmY > MAX_PLAUSIBLE_PIXEL_NM)
              notes.push(`pHYs says ${px} pixels per metre (${significant(nmX / 1e6, 3)} mm per pixel), larger than any microscope pixel; pixel size not reported.`);
            else facts.pixelSize = { value: { x: significant(nmX), y: significant(nmY) }, unit: 'nm', provenance: 'header' };
          }
        }
      } else if (type === 'tEXt') {
        // §11.3.4.3: Latin-1 keyword, a NUL separator, then Latin-1 text.
        const raw = b.slice(data, Math.min(length, MAX_TEXT_CHARS + 80));
        const nul = raw.indexOf(0);
        if (nul > 0) {
          const keyword = String.fromCharCode(...raw.subarray(0, nul));
          textKeys.push(keyword);
          const value = String.fromCharCode(...raw.subarray(nul + 1)).trim();
          if (keyword === 'Software' && value) facts.software = { value: clip(value), provenance: 'header' };
        }
      } else if (type === 'IDAT' || type === 'IEND') break;
      pos += CHUNK_OVERHEAD + length;
      if (pos >= b.length) break;
    }
    if (textKeys.length > 0) header['textKeywords'] = clip(textKeys.join(', '));
    if (Object.keys(header).length > 0) facts.header = { value: header, provenance: 'header' };
    const size = ihdrOk ? `${header['width']} × ${header['height']}, ${header['bitDepth']}-bit ${header['colourType']}` : 'no valid IHDR';
    return detection('png', ihdrOk ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
      facts,
      // A pHYs that is no calibration is worth saying but says nothing about the format: weight 0.
      evidence: [fromHeader(`PNG signature 89 50 4E 47 0D 0A 1A 0A at byte 0; image header (IHDR): ${size}.`, 1), ...notes.map((n) => fromHeader(n, 0))],
      problems,
    });
  },
};
