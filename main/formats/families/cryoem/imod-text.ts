import type { Facts } from '../../../../shared/formats/facts';
import { formatInfo, type FormatId } from '../../../../shared/formats/format-catalog';
import { detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader, weakConfidence } from '../../kit/evidence';
import { textOf } from '../../kit/text';
import { isTiltSeries, tiltStats } from './tilt';

/**
 * IMOD plain-number files (docs/formats.md §6; IMOD man pages for tilt and xfproduct): `.tlt/.rawtlt/.xtilt`
 * hold one angle in degrees per line; `.xf/.prexf/.xg` hold one 2-D linear transform per line, six numbers
 * A11 A12 A21 A22 DX DY. Nothing but the numbers marks them, so the bytes alone give a WEAK detection and the
 * extension raises it.
 */
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const ONE_NUMBER = new RegExp(`^\\s*(${NUMBER})\\s*$`);
const SIX_NUMBERS = new RegExp(`^\\s*${Array.from({ length: 6 }, () => `(${NUMBER})`).join('\\s+')}\\s*$`);
/** These files are small (one line per image); 1 MiB holds ~100 000 angles. */
const MAX_TEXT_BYTES = 1024 * 1024;
/** Most lines checked. */
const MAX_LINES = 100_000;
/** A tilt file needs at least two angles; a single number is just a number. */
const MIN_TILT_LINES = 2;

/** Non-empty lines of a short text file, or `null` when it is not text or too long to be one of these. */
async function numberLines(ctx: DetectContext): Promise<string[] | null> {
  if (ctx.size === 0 || ctx.size > MAX_TEXT_BYTES) return null;
  const prefix = await readPrefix(ctx, MAX_TEXT_BYTES);
  if (!prefix.complete) return null;
  const text = textOf(prefix.bytes);
  if (text === null) return null;
  const lines = text.split(/\r?\n/, MAX_LINES + 1).filter((l) => l.trim() !== '');
  return lines.length > MAX_LINES ? null : lines;
}

function extensionsOf(format: FormatId): readonly string[] {
  return formatInfo(format)?.extensions ?? [];
}

/** Cheap check of the first line only (sniff must not parse the whole file). */
function firstLineMatches(ctx: DetectContext, re: RegExp): boolean {
  const t = textOf(ctx.head.subarray(0, 512));
  const line = t?.split(/\r?\n/).find((l) => l.trim() !== '');
  return line !== undefined && re.test(line);
}

async function readTilt(ctx: DetectContext): Promise<Detection | null> {
  // A column of numbers is only IMOD's when named so: nothing else in the bytes marks it.
  if (!extensionsOf('imod-tilt').includes(ctx.ext)) return null;
  const lines = await numberLines(ctx);
  if (!lines || lines.length < MIN_TILT_LINES) return null;
  const angles: number[] = [];
  for (const l of lines) {
    const m = ONE_NUMBER.exec(l);
    const a = m ? Number(m[1]) : NaN;
    if (!Number.isFinite(a) || a < -90 || a > 90) return null;
    angles.push(a);
  }
  const t = tiltStats(angles)!;
  const facts: Facts = { tiltAngles: { value: t, unit: 'deg', provenance: 'header' } };
  if (isTiltSeries(t)) facts.arrangement = { value: 'tilt-series', provenance: 'header' };
  const agrees = extensionsOf('imod-tilt').includes(ctx.ext);
  return detection('imod-tilt', weakConfidence(ctx, extensionsOf('imod-tilt')), {
    facts,
    evidence: [
      fromHeader(`${angles.length} lines of one number each, all within ±90° (${t.min}° to ${t.max}°): IMOD tilt angles.`, agrees ? 0.8 : 0.4),
      ...(agrees ? [{ source: 'extension' as const, detail: `The extension ${ctx.ext} is IMOD's name for tilt-angle files.`, weight: 0.4 }] : []),
    ],
  });
}

async function readXf(ctx: DetectContext): Promise<Detection | null> {
  if (!extensionsOf('imod-xf').includes(ctx.ext)) return null;
  const lines = await numberLines(ctx);
  if (!lines || lines.length < 1) return null;
  for (const l of lines) {
    const m = SIX_NUMBERS.exec(l);
    if (!m || m.slice(1).some((v) => !Number.isFinite(Number(v)))) return null;
  }
  const agrees = extensionsOf('imod-xf').includes(ctx.ext);
  return detection('imod-xf', weakConfidence(ctx, extensionsOf('imod-xf')), {
    facts: {
      transform: { value: { kind: 'IMOD linear transform', dimensions: 2 }, provenance: 'header' },
      header: { value: { transforms: lines.length }, provenance: 'header' },
    },
    evidence: [
      fromHeader(`${lines.length} line(s) of six numbers (A11 A12 A21 A22 DX DY): IMOD 2-D transforms, one per image.`, agrees ? 0.8 : 0.4),
      ...(agrees ? [{ source: 'extension' as const, detail: `The extension ${ctx.ext} is IMOD's name for transform files.`, weight: 0.4 }] : []),
    ],
  });
}

/** IMOD tilt-angle files (.tlt/.rawtlt/.xtilt): one angle per line. */
export const imodTiltDetector: Detector = guardDetector({
  id: 'imod-tilt',
  formats: ['imod-tilt'],
  sniff: (ctx) => ctx.size <= MAX_TEXT_BYTES && firstLineMatches(ctx, ONE_NUMBER),
  detect: readTilt,
});

/** IMOD transform files (.xf/.prexf/.xg): six numbers per line. */
export const imodXfDetector: Detector = guardDetector({
  id: 'imod-xf',
  formats: ['imod-xf'],
  sniff: (ctx) => ctx.size <= MAX_TEXT_BYTES && firstLineMatches(ctx, SIX_NUMBERS),
  detect: readXf,
});
