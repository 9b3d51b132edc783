import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { count, within } from '../../kit/numbers';
import { guardDetector as guarded, safeRead } from '../../kit/read';
import { fromHeader as ev, fromName } from '../../kit/evidence';
import { Bytes } from '../../kit/bytes';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * TVIPS EM-MENU / Recorder image streams (`name_000.tvips`, `name_001.tvips`, …) of TVIPS TemCam cameras: in-situ
 * movies, 4D-STEM and electron-diffraction rotation series. Layout as RosettaSciIO rsciio/tvips/_api.py reads it
 * (TVIPS_RECORDER_GENERAL_HEADER, TVIPS_RECORDER_FRAME_HEADER; little-endian u4):
 *   general header (only in part 000): size @0 (the header size, 256), version @4 (1 or 2), dimx @8, dimy @12,
 *   bitsperpixel @16 (8 or 16), offsetx @20, offsety @24, binx @28, biny @32, pixelsize @36, ht @40 (kV),
 *   magtotal @44 (magnification or camera length), frameheaderbytes @48, then 204 bytes "TVIPS TVIPS …";
 *   frames from `size` on: a frame header (num, timestamp, ms, LUTidx, fcurrent, mag, mode @24: 1 image,
 *   2 diffraction, …) of frameheaderbytes (version 1: 12) bytes, then dimy × dimx pixels.
 * Parts after 000 are bare frame records without the general header (rsciio reads them with no offset).
 * docs/formats.md §20.3.
 */
const GENERAL_HEADER_BYTES = 256;
const AT = { size: 0, version: 4, dimx: 8, dimy: 12, bits: 16, binx: 28, biny: 32, pixelsize: 36, ht: 40, magtotal: 44, frameHeaderBytes: 48, dummy: 52 } as const;
/** Version 1 frame headers are 12 bytes (rsciio: `increment = 12`). */
const V1_FRAME_HEADER_BYTES = 12;
/** Version 2 frame headers hold at least the 15 u4/f4 fields rsciio reads (60 bytes; it refuses fewer). */
const V2_MIN_FRAME_HEADER_BYTES = 60;
/** A `.tvips` part without the general header (parts after 000): the name says TVIPS, the bytes cannot confirm. */
const CONTINUATION_CONFIDENCE = 0.5;
/** Offset of `mode` in a frame header (seven u4 fields before it: num, timestamp, ms, LUTidx, fcurrent, mag). */
const FRAME_MODE_AT = 24;
/** Frame `mode` values (rsciio TVIPS_RECORDER_FRAME_HEADER comment). */
const FRAME_MODES: Readonly<Record<number, 'TEM' | 'diffraction'>> = { 1: 'TEM', 2: 'diffraction' };
/** Largest camera side believed (TVIPS XF416 is 4096; binned or cropped streams are smaller). */
const MAX_SIDE = 16_384;
/** Largest frame header believed (version 2 headers are 60 bytes plus vendor extras). */
const MAX_FRAME_HEADER = 64 * 1024;
/** TEM high tensions, kV. */
const KV_RANGE = [20, 1300] as const;
/** The TVIPS filler text in the general header (rsciio: "placeholder contains TVIPS TVIPS TVIPS..."). */
const FILLER = 'TVIPS';
/** Part number of a stream file: `_NNN.tvips` (rsciio _is_valid_first_tvips_file: `.+\_([0-9]{3})\.(.*)`). */
const PART = /_(\d{3})\.tvips$/i;

function general(head: Uint8Array): { version: number; dimx: number; dimy: number; bits: number } | undefined {
  const b = new Bytes(head, true);
  const size = b.u32(AT.size);
  const version = b.u32(AT.version);
  const dimx = count(b.u32(AT.dimx), MAX_SIDE);
  const dimy = count(b.u32(AT.dimy), MAX_SIDE);
  const bits = b.u32(AT.bits);
  if (size !== GENERAL_HEADER_BYTES || (version !== 1 && version !== 2) || dimx === undefined || dimy === undefined || (bits !== 8 && bits !== 16)) return undefined;
  return { version, dimx, dimy, bits };
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  const g = general(ctx.head);
  const part = PART.exec(ctx.name)?.[1];
  if (!g) {
    if (ctx.ext !== '.tvips') return null;
    // A continuation part holds frames only; its header is in part 000.
    return detection('tvips', CONTINUATION_CONFIDENCE, {
      facts: { arrangement: { value: 'image-stack', provenance: 'name' } },
      evidence: [fromName(`Named ${part ? `part ${part} of ` : ''}a TVIPS stream (.tvips); the general header is in part 000 only.`, 0.4)],
      problems: [part && part !== '000' ? `Part ${part} of a TVIPS stream: frames without a header (the header is in the _000 file).` : 'No TVIPS general header (size 256, version 1 or 2) at byte 0.'],
    });
  }
  const b = new Bytes(ctx.head, true);
  const problems: string[] = [];
  const evidence: Evidence[] = [];
  const filler = b.ascii(AT.dummy, FILLER.length) === FILLER;
  evidence.push(ev(`TVIPS stream general header: size 256, version ${g.version}, ${g.dimx} × ${g.dimy} pixels of ${g.bits} bits${filler ? ', "TVIPS" filler' : ''} (RosettaSciIO tvips reader).`, 1));
  const frameHeader = g.version === 1 ? V1_FRAME_HEADER_BYTES : within(b.u32(AT.frameHeaderBytes), V2_MIN_FRAME_HEADER_BYTES, MAX_FRAME_HEADER);
  const f: Facts = {};
  const header: Record<string, string | number | boolean | null> = { version: g.version, bitsPerPixel: g.bits, part: part ?? null };
  let frames: number | undefined;
  if (frameHeader !== undefined) {
    const record = frameHeader + (g.dimx * g.dimy * g.bits) / 8;
    frames = Math.floor((ctx.size - GENERAL_HEADER_BYTES) / record);
    if ((ctx.size - GENERAL_HEADER_BYTES) % record !== 0) problems.push(`The file ends inside a frame: ${ctx.size - GENERAL_HEADER_BYTES} bytes after the header are not whole ${record}-byte frame records (truncated?).`);
    header.frameHeaderBytes = frameHeader;
  } else problems.push('Implausible frame header size: frames not counted.');
  f.dimensions = { value: { x: g.dimx, y: g.dimy, ...(frames !== undefined && frames > 0 ? { frames } : {}) }, provenance: 'header' };
  f.arrangement = { value: 'image-stack', provenance: 'header' };
  const ht = within(b.u32(AT.ht), KV_RANGE[0], KV_RANGE[1]);
  if (ht !== undefined) f.voltageKV = { value: ht, unit: 'kV', provenance: 'header' };
  const binx = b.u32(AT.binx);
  if (binx !== undefined) header.binning = `${binx}x${b.u32(AT.biny) ?? binx}`;
  const pixelsize = b.u32(AT.pixelsize);
  if (pixelsize !== undefined) header.pixelsize = pixelsize; // nm for images, 1/nm for diffraction (rsciio): shown, not a specimen pixel size
  const magtotal = b.u32(AT.magtotal);
  if (magtotal !== undefined) header.magtotal = magtotal;
  // The first frame header says image or diffraction.
  const first = frameHeader !== undefined && frameHeader >= FRAME_MODE_AT + 4 ? await safeRead(ctx, GENERAL_HEADER_BYTES, FRAME_MODE_AT + 4) : null;
  const mode = first && first.length >= FRAME_MODE_AT + 4 ? new Bytes(first, true).u32(FRAME_MODE_AT) : undefined;
  const imaging = mode !== undefined ? FRAME_MODES[mode] : undefined;
  if (mode !== undefined) header.frameMode = mode;
  if (imaging) {
    f.imagingMode = { value: imaging, provenance: 'header' };
    evidence.push(ev(`First frame header: mode ${mode} (${imaging === 'diffraction' ? 'diffraction patterns' : 'images'}).`, 0.6));
    if (imaging === 'TEM' && magtotal !== undefined && magtotal > 0) f.magnification = { value: magtotal, provenance: 'header' };
  }
  f.detector = { value: 'TVIPS', provenance: 'header' };
  f.header = { value: header, provenance: 'header' };
  return detection('tvips', filler || ctx.ext === '.tvips' ? CONFIDENCE.STRUCTURE : CONFIDENCE.WEAK, { facts: f, evidence, problems });
}

/** TVIPS camera image streams (.tvips): general header, frame count, high tension, image or diffraction mode. */
export const tvipsDetector: Detector = guarded({
  id: 'tvips',
  formats: ['tvips'],
  sniff: (ctx) => ctx.ext === '.tvips' || general(ctx.head) !== undefined,
  detect: read,
});
