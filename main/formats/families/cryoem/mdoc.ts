import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { toNumber, count, within } from '../../kit/numbers';
import { angstromToNm } from '../../kit/units';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { baseName, clean } from '../../kit/strings';
import { textOf } from '../../kit/text';
import { hasLineTerminator, skipSpace } from '../../kit/trim';
import { isTiltSeries, tiltStats } from './tilt';
import { CONFIDENCE, detection, MAX_READ_BYTES, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * SerialEM .mdoc (autodoc) files (docs/formats.md §5; teamtomo/mdocfile src/mdocfile/data_models.py and
 * utils.py): global `Key = Value` lines, title lines `[T = …]`, then sections `[ZValue = n]` (image n of the
 * stack), `[FrameSet = n]` (frames of one exposure) or `[MontSection = n]` (montage overview). Its `.idoc`
 * sibling has the same keys in `[Image = <TIFF file name>]` sections, one per single-image TIFF it lets be
 * read as one stack (SerialEM help, "File Formats — Image Metadata Files").
 */
/** Section keywords: `[ZValue = n]`, `[FrameSet = n]`, `[MontSection = n]` take an integer, `[Image = name]` a file name. */
const SECTION_KINDS = ['ZValue', 'FrameSet', 'MontSection', 'Image'] as const;
/** Keys only SerialEM writes (data_models.py MdocGlobalData / MdocSectionData); two of them make an mdoc without sections. */
const MDOC_KEYS = ['PixelSpacing', 'ImageFile', 'ImageSize', 'DataMode', 'TiltAngle', 'StagePosition', 'MagIndex', 'SubFramePath', 'NumSubFrames', 'ExposureDose'];
/**
 * Most bytes of an mdoc read: every mdoc we have seen fits, the one of a large montage too; a longer one is read
 * as a prefix and the detection says so. One read, half the per-read limit (detector.ts MAX_READ_BYTES).
 */
const MAX_MDOC_BYTES = MAX_READ_BYTES / 2;
/** Most sections read: a large montage has a few thousand; more is read as a prefix. */
const MAX_SECTIONS = 20_000;
/** Most lines looked at (a section has ~30 lines). */
const MAX_LINES = 1_000_000;
/** Most frame-file names a FrameSet mdoc may list in `describes`. */
const MAX_DESCRIBED = 16;

interface Section {
  readonly kind: 'ZValue' | 'FrameSet' | 'MontSection' | 'Image';
  /** The image file an `[Image = name]` section of an .idoc describes. */
  readonly image?: string;
  readonly values: Map<string, string>;
}

interface Parsed {
  readonly global: Map<string, string>;
  readonly titles: string[];
  readonly sections: Section[];
  readonly truncatedSections: boolean;
}

/**
 * The section a trimmed line opens: `[` blanks keyword blanks `=` value `]`, the value an integer (blanks
 * around it) or, for `Image`, a name without `]` (trimmed; a name of blanks only keeps its last one). Was
 * `/^\[\s*(?:(ZValue|FrameSet|MontSection)\s*=\s*(-?\d+)|(Image)\s*=\s*([^\]]+?))\s*\]\s*$/`, whose lazy name
 * run before `\s*\]` backtracked quadratically over blanks (issue 12, finding 1); this scan is linear.
 */
function sectionOf(line: string): { kind: Section['kind']; image?: string } | undefined {
  if (!line.startsWith('[') || !line.endsWith(']')) return undefined;
  let i = skipSpace(line, 1);
  const kind = SECTION_KINDS.find((k) => line.startsWith(k, i));
  if (!kind) return undefined;
  i = skipSpace(line, i + kind.length);
  if (line[i] !== '=') return undefined;
  const value = line.slice(i + 1, line.length - 1);
  if (value.includes(']')) return undefined;
  if (kind !== 'Image') return /^-?\d+$/.test(value.trim()) ? { kind } : undefined;
  if (value === '') return undefined;
  return { kind, image: value.trim() || value.slice(-1) };
}

/**
 * The text of a title line (`[T = text]`, the brackets optional), untrimmed; `undefined` when the line is not
 * one or its text holds a line terminator (CR, U+2028, U+2029: `.` never matched them). Was
 * `/^\[?\s*T\s*=\s*(.*?)\]?\s*$/`, quadratic when a lazy run met blanks then a CR (issue 12, finding 1).
 */
function titleOf(line: string): string | undefined {
  let i = skipSpace(line, line.startsWith('[') ? 1 : 0);
  if (line[i] !== 'T') return undefined;
  i = skipSpace(line, i + 1);
  if (line[i] !== '=') return undefined;
  i = skipSpace(line, i + 1);
  const end = line.length > i && line.endsWith(']') ? line.length - 1 : line.length;
  const text = line.slice(i, end);
  return hasLineTerminator(text) ? undefined : text;
}

function parse(text: string): Parsed {
  const global = new Map<string, string>();
  const titles: string[] = [];
  const sections: Section[] = [];
  let current: Map<string, string> = global;
  let truncatedSections = false;
  const lines = text.split(/\r?\n/, MAX_LINES);
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const s = sectionOf(line);
    if (s) {
      if (sections.length >= MAX_SECTIONS) {
        truncatedSections = true;
        break;
      }
      current = new Map();
      if (s.kind === 'Image') sections.push({ kind: 'Image', image: s.image!, values: current });
      else sections.push({ kind: s.kind, values: current });
      continue;
    }
    const t = titleOf(line);
    if (t !== undefined && (line.startsWith('[') || current === global)) {
      titles.push(t.trim());
      continue;
    }
    const i = line.indexOf('=');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    if (!current.has(key)) current.set(key, line.slice(i + 1).trim());
  }
  return { global, titles, sections, truncatedSections };
}

/** The scope named by a SerialEM title ("SerialEM: Digitized on EMBL Krios   30-Nov-15 …" → "EMBL Krios"). */
function scopeFromTitle(title: string): string | undefined {
  const m = /^SerialEM:\s*(?:Digitized on\s+)?(.*)$/i.exec(title);
  if (!m) return undefined;
  const cut = m[1]!.split(/\s+Camera\s*->|\s{2,}|\s\d{1,2}-[A-Za-z]{3}-\d{2}/)[0];
  return clean(cut);
}

/** Camera names a title lists ("Camera -> 0:Ceta 1:GIF-K3") by camera index. */
function camerasFromTitle(title: string): Map<number, string> {
  const out = new Map<number, string>();
  const part = /Camera\s*->\s*(.*)$/i.exec(title)?.[1];
  if (!part) return out;
  for (const m of part.matchAll(/(\d+):(\S+)/g)) out.set(Number(m[1]), m[2]!);
  return out;
}

function numberOf(v: string | undefined): number | undefined {
  return toNumber(v);
}

function first(sections: readonly Section[], key: string, global: Map<string, string>): string | undefined {
  const g = global.get(key);
  if (g !== undefined) return g;
  for (const s of sections) {
    const v = s.values.get(key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Files the mdoc describes: its ImageFile, the file its own name pairs with (`stack.mrc.mdoc` → `stack.mrc`,
 * docs/formats.md §5), and for a frame set the frames file; `fromContent` is false when only the name said so.
 */
function described(ctx: DetectContext, p: Parsed): { files: string[]; fromContent: boolean } {
  const out = new Set<string>();
  const image = p.global.get('ImageFile');
  if (image) out.add(baseName(image));
  // The frames of each exposure: a frame set's movie, or the movie of each tilt of a tilt series (SubFramePath
  // in every [ZValue] section when SerialEM saved frames; docs/formats.md §5).
  for (const s of p.sections) {
    const f = s.values.get('SubFramePath');
    if (f && out.size < MAX_DESCRIBED) out.add(baseName(f));
    // An .idoc's images: the single-image TIFFs that together are its stack.
    if (s.image && out.size < MAX_DESCRIBED) out.add(baseName(s.image));
  }
  const fromContent = out.size > 0;
  const stem = ctx.name.replace(/\.mdoc$/i, '');
  if (stem !== ctx.name && /\.[A-Za-z0-9]{1,5}$/.test(stem)) out.add(stem);
  return { files: [...out].filter((n) => n.length > 0), fromContent };
}

function build(ctx: DetectContext, p: Parsed, complete: boolean, structured: boolean): Detection {
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const problems: string[] = [];
  const kinds = new Set(p.sections.map((s) => s.kind));
  // The images of the stack: [ZValue] sections of an .mdoc, [Image] sections (one TIFF each) of an .idoc.
  const z = p.sections.filter((s) => s.kind === 'ZValue' || s.kind === 'Image');
  const images = p.sections.filter((s) => s.kind === 'Image');
  const montSections = p.sections.filter((s) => s.kind === 'MontSection');
  const frameSets = p.sections.filter((s) => s.kind === 'FrameSet');
  evidence.push(
    fromHeader(
      `SerialEM autodoc: ${images.length > 0 ? `${images.length} [Image] section(s), one single-image TIFF each` : `${z.length} [ZValue] section(s)`}${frameSets.length ? `, ${frameSets.length} [FrameSet]` : ''}${montSections.length ? `, ${montSections.length} [MontSection]` : ''}${p.titles.length ? `, title "${p.titles[0]}"` : ''}.`,
      1,
    ),
  );
  if (!complete) problems.push('Read only the first part of a long mdoc: counts and ranges are lower bounds.');
  if (p.truncatedSections) problems.push(`More than ${MAX_SECTIONS} sections: the rest were not read.`);
  // Thermo Tomography 5 writes mdocs too, titled "[T = Tomography: <scope> <date>]" instead of "SerialEM: …".
  const tomography = !p.titles.some((t) => /^SerialEM:/i.test(t)) && p.titles.some((t) => /^Tomography:/i.test(t));
  facts.creator = { value: tomography ? 'Tomography' : 'SerialEM', provenance: 'header' };
  const version = clean(p.global.get('Version'));
  facts.software = tomography
    ? { value: 'Thermo Scientific Tomography', provenance: 'header' }
    : { value: version && /serialem/i.test(version) ? version : version ? `SerialEM ${version}` : 'SerialEM', provenance: 'header' };
  const serialTitle = p.titles.find((t) => /^SerialEM:/i.test(t));
  const scope = serialTitle ? scopeFromTitle(serialTitle) : undefined;
  if (scope) facts.instrument = { value: { model: scope }, provenance: 'header' };
  // Tilt angles over the images of the stack (ZValue), else over every section.
  const angleSections = z.length > 0 ? z : p.sections;
  const angles = angleSections.map((s) => within(numberOf(s.values.get('TiltAngle')), -90, 90)).filter((a): a is number => a !== undefined);
  const t = tiltStats(angles);
  if (t) facts.tiltAngles = { value: t, unit: 'deg', provenance: 'header' };
  const montage = p.global.get('Montage') === '1' || montSections.length > 0;
  if (montage) {
    facts.arrangement = { value: 'montage', provenance: 'header' };
    evidence.push(fromHeader(p.global.get('Montage') === '1' ? 'Montage = 1: a montage (atlas or overview).' : '[MontSection] sections: a montage overview.', 0.7));
  } else if (isTiltSeries(t)) {
    facts.arrangement = { value: 'tilt-series', provenance: 'header' };
    evidence.push(fromHeader(`TiltAngle spans ${t!.min}° to ${t!.max}° over ${t!.count} images: a tilt series.`, 0.9));
  } else if (frameSets.length > 0 && z.length === 0) {
    facts.arrangement = { value: 'movie', provenance: 'header' };
    evidence.push(fromHeader('[FrameSet] section: the frames of one dose-fractionated exposure (a movie).', 0.7));
  } else if (z.length > 1) facts.arrangement = { value: 'image-stack', provenance: 'header' };
  else if (z.length === 1) facts.arrangement = { value: 'image', provenance: 'header' };
  const size = (p.global.get('ImageSize') ?? '').split(/\s+/).map((v) => count(numberOf(v)));
  const frames = count(numberOf(first(p.sections, 'NumSubFrames', p.global)));
  const dims = { ...(size[0] ? { x: size[0] } : {}), ...(size[1] ? { y: size[1] } : {}), ...(z.length > 1 ? { z: z.length } : {}), ...(frames ? { frames } : {}) };
  if (Object.keys(dims).length > 0) facts.dimensions = { value: dims, provenance: 'header' };
  const px = within(numberOf(first(p.sections, 'PixelSpacing', p.global)), 1e-3, 1e8);
  if (px !== undefined) facts.pixelSize = { value: { x: angstromToNm(px) }, unit: 'nm', provenance: 'header' };
  const volts = within(numberOf(first(p.sections, 'Voltage', p.global)), 1, 10_000);
  if (volts !== undefined) facts.voltageKV = { value: volts, unit: 'kV', provenance: 'header' };
  const mag = within(numberOf(first(p.sections, 'Magnification', p.global)), 1, 1e8);
  if (mag !== undefined) facts.magnification = { value: mag, provenance: 'header' };
  const doses = p.sections.map((s) => within(numberOf(s.values.get('ExposureDose')), 0, 1e4)).filter((d): d is number => d !== undefined);
  const total = doses.reduce((a, d) => a + d, 0);
  if (total > 0) {
    facts.dose = { value: Number(total.toPrecision(6)), unit: 'e/Å²', provenance: 'header' };
    evidence.push(fromHeader(doses.length > 1 ? `Dose ${total.toPrecision(4)} e/Å²: ExposureDose summed over ${doses.length} sections (total, not per image).` : `Dose ${total.toPrecision(4)} e/Å² (ExposureDose of the one image).`, 0.3));
  }
  const cameraIndex = numberOf(first(p.sections, 'CameraIndex', p.global));
  const camera = cameraIndex !== undefined && serialTitle ? camerasFromTitle(serialTitle).get(cameraIndex) : undefined;
  if (camera) facts.detector = { value: camera, provenance: 'header' };
  const describes = described(ctx, p);
  if (describes.files.length > 0) facts.describes = { value: describes.files, provenance: describes.fromContent ? 'header' : 'name' };
  facts.header = {
    value: {
      zValues: z.length,
      frameSets: frameSets.length,
      montSections: montSections.length,
      montage,
      dataMode: p.global.get('DataMode') ?? null,
      imageFile: p.global.get('ImageFile') ?? null,
      sectionKinds: [...kinds].join(',') || null,
    },
    provenance: 'header',
  };
  return detection('mdoc', structured ? CONFIDENCE.STRUCTURE : ctx.ext === '.mdoc' ? CONFIDENCE.MAGIC : CONFIDENCE.WEAK, { facts, evidence, problems });
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  if (!textOf(ctx.head.subarray(0, 4096))) return null;
  const prefix = await readPrefix(ctx, MAX_MDOC_BYTES);
  const text = textOf(prefix.bytes);
  if (text === null) return null;
  const p = parse(text);
  const serialTitle = p.titles.some((t) => /^SerialEM:/i.test(t));
  const keys = MDOC_KEYS.filter((k) => p.global.has(k) || p.sections.some((s) => s.values.has(k)));
  const structured = (p.sections.length > 0 && keys.length > 0) || (serialTitle && keys.length > 0);
  // Global keys alone: only with the .mdoc extension and at least two SerialEM keys.
  if (!structured && !(ctx.ext === '.mdoc' && keys.length >= 2)) return null;
  return build(ctx, p, prefix.complete, structured);
}

/** SerialEM .mdoc and .idoc: titles, [ZValue]/[FrameSet]/[MontSection]/[Image] sections, tilt angles, pixel spacing, dose. */
export const mdocDetector: Detector = guardDetector({
  id: 'mdoc',
  formats: ['mdoc'],
  sniff: (ctx) => {
    const t = textOf(ctx.head.subarray(0, 4096));
    return t !== null && (/\[\s*(ZValue|FrameSet|MontSection)\s*=/.test(t) || /T\s*=\s*SerialEM/.test(t) || ctx.ext === '.mdoc' || ctx.ext === '.idoc');
  },
  detect: read,
});
