import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { hasLineTerminator } from '../../kit/trim';
import { CONF, Found, readBase, resolutionNm, setInstrument, setPixelSize, tiffDetector } from './found';
import { PRIVATE } from './tags';

/** Most lines of the CZ_SEM text parsed (real tags hold a few thousand). */
const MAX_LINES = 20_000;
/** A key line: upper-case parameter name alone on its line, e.g. "AP_ACTUALKV" (tifffile read_cz_sem: line.isupper()). */
const KEY_LINE = /^[A-Z][A-Z0-9_]*$/;
/** A value: number then unit, e.g. "5.00 kV", "2.233 nm", "10.00 K X" (Bio-Formats LEOReader strips " kV", " nm"). */
const NUMBER_PREFIX = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*/;

/**
 * Number and unit of a value: what `/^\s*(number)\s*(.*)$/` matched (the unit holding no line terminator, which
 * `.` does not match), without the backtracking of `\d+\.?\d*` and `(.*)$` that was quadratic on a long number
 * followed by a CR (issue 12, finding 1): the greedy number prefix, then the rest as the unit.
 */
function numberUnit(raw: string): { number: number; unit: string } | undefined {
  const m = NUMBER_PREFIX.exec(raw);
  if (!m) return undefined;
  const unit = raw.slice(m[0].length);
  return hasLineTerminator(unit) ? undefined : { number: Number(m[1]), unit: unit.trim() };
}

/** One CZ_SEM parameter: its display name, raw value, and number/unit when the value is numeric. */
export interface CzSemValue {
  readonly name: string;
  readonly raw: string;
  readonly number?: number;
  readonly unit?: string;
}

/** Parses CZ_SEM text: a key line ("AP_ACTUALKV") followed by "Name = value unit" (or "Name : value"); keys lower-cased. */
export function parseCzSem(textValue: string): Map<string, CzSemValue> {
  const out = new Map<string, CzSemValue>();
  const lines = textValue.split(/\r?\n/, MAX_LINES);
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = lines[i]!.trim();
    if (!KEY_LINE.test(key)) continue;
    const line = lines[i + 1]!;
    const sep = line.includes('=') ? line.indexOf('=') : line.indexOf(':');
    if (sep < 0) continue;
    i++;
    const raw = line.slice(sep + 1).trim();
    const m = numberUnit(raw);
    const value: CzSemValue = m ? { name: line.slice(0, sep).trim(), raw, number: m.number, unit: m.unit } : { name: line.slice(0, sep).trim(), raw };
    if (!out.has(key.toLowerCase())) out.set(key.toLowerCase(), value);
  }
  return out;
}

/**
 * Zeiss SEM TIFF (SmartSEM, Sigma, GeminiSEM, Crossbeam): CZ_SEM tag 34118 (tifffile read_cz_sem; Bio-Formats
 * LEOReader; rosettasciio maps sv_serial_number → microscope). Voltage from AP_ACTUALKV, pixel size from
 * AP_IMAGE_PIXEL_SIZE / AP_PIXEL_SIZE, never from XResolution (docs/formats.md §0.4).
 */
export const zeissSemDetector = tiffDetector('zeiss-sem-tiff', ['zeiss-sem-tiff'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const p = parseCzSem((await t.text(PRIVATE.CzSem)) ?? '');
  if (p.size === 0) {
    f.problems.push('The CZ_SEM tag holds no KEY / "Name = value" pairs.');
    return f.finish(t, 'zeiss-sem-tiff', CONF.TAGGED);
  }
  f.header.czSemParameters = p.size;

  const kv = p.get('ap_actualkv');
  const unitKv = kv?.unit?.toLowerCase();
  const volts = kv?.number !== undefined && unitKv !== undefined ? (unitKv.startsWith('kv') ? kv.number : unitKv.startsWith('v') ? kv.number / 1000 : undefined) : undefined;
  if (volts !== undefined && volts > 0) {
    f.facts.voltageKV = { value: volts, unit: 'kV', provenance: 'header' };
    f.say(`AP_ACTUALKV "${kv!.raw}" → ${volts} kV.`, 0.5);
  }

  const ps = p.get('ap_image_pixel_size') ?? p.get('ap_pixel_size');
  const px = ps?.number !== undefined ? toNanometres(ps.number, ps.unit || 'nm') : undefined;
  setPixelSize(f, px, px);
  if (px !== undefined) f.say(`${p.has('ap_image_pixel_size') ? 'AP_IMAGE_PIXEL_SIZE' : 'AP_PIXEL_SIZE'} "${ps!.raw}" → ${f.facts.pixelSize?.value.x} nm per pixel.`, 0.6);
  else if (ps) f.problems.push(`Pixel size "${ps.raw}" has no length unit this reader knows — ignored.`);
  const res = await resolutionNm(t);
  if (res.xres !== undefined) f.say('XResolution ignored: EM TIFF resolution tags are not pixel sizes (docs/formats.md §0.4).', 0.1);

  const mag = p.get('ap_mag');
  if (mag?.number !== undefined && mag.number > 0) {
    const value = /^k/i.test(mag.unit ?? '') ? mag.number * 1000 : mag.number;
    f.facts.magnification = { value, provenance: 'header' };
  }
  const detector = withoutNul(p.get('dp_detector_channel')?.raw);
  if (detector) f.facts.detector = { value: detector, provenance: 'header' };
  setInstrument(f, f.facts.instrument?.value.manufacturer ?? 'Carl Zeiss', withoutNul(p.get('sv_serial_number')?.raw) ?? f.facts.instrument?.value.model);
  const version = withoutNul(p.get('sv_version')?.raw);
  if (version) f.facts.software = { value: `SmartSEM ${version}`, provenance: 'header' };
  const wd = p.get('ap_wd');
  if (wd) f.header.workingDistance = wd.raw;
  const tilt = p.get('ap_stage_at_t');
  if (tilt) f.header.stageTilt = tilt.raw;

  // Crossbeam FIB parameters are AP_FIB_* / DP_FIB_* (docs/formats.md §1, Zeiss SEM row).
  const fibKeys = [...p.keys()].filter((k) => k.startsWith('ap_fib') || k.startsWith('dp_fib'));
  if (fibKeys.length > 0) {
    f.facts.imagingMode = { value: 'FIB-SEM', provenance: 'header' };
    f.say(`${fibKeys.length} FIB parameter(s) (${fibKeys.slice(0, 3).join(', ')}): a Crossbeam FIB-SEM.`, 0.8);
  } else {
    f.facts.imagingMode = { value: 'SEM', provenance: 'header' };
    f.say('Zeiss SEM parameters without FIB parameters: SEM.', 0.6);
  }
  return f.finish(t, 'zeiss-sem-tiff', c.verified ? CONF.VERIFIED : CONF.TAGGED);
});
