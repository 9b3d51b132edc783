import type { ImagingMode } from '../../../../shared/formats/facts';
import { xmlAttr, type XmlNode, type XmlValue } from '../../../../shared/decode/xml';
import type { DetectContext } from '../../detector';
import { tryRead } from '../../read-helpers';

/**
 * Most element visits of one bounded walk over a parsed XML tree (vendor headers hold up to a few hundred
 * thousand elements; a walk that would visit more stops and keeps what it found).
 */
export const MAX_XML_VISITS = 400_000;

/** Most matches one descendant search returns (channels, detectors, series: far more than any instrument has). */
export const MAX_XML_MATCHES = 256;

/** Most channels listed in a `channels` fact (anything above is a parsing accident, not an instrument). */
export const MAX_CHANNELS = 64;

/** Physical pixel sizes outside (0, 1 m) are not believed. */
const MAX_PIXEL_NM = 1e9;

/** A read that never throws: the bytes, or `null` with a problem saying why (budget, I/O). */
export async function readSafely(ctx: DetectContext, offset: number, length: number, problems: string[], what: string): Promise<Uint8Array | null> {
  const r = await tryRead(ctx, offset, length);
  if ('bytes' in r) return r.bytes;
  problems.push(`Could not read ${what} (${length} bytes at ${offset}): ${r.error}.`);
  return null;
}

export { neverThrow } from '../../read-helpers';

/** Every element named `name` below `node` (depth first, bounded by MAX_XML_VISITS and `limit`). */
export function descendants(node: XmlValue | undefined, name: string, limit = MAX_XML_MATCHES): XmlNode[] {
  const out: XmlNode[] = [];
  const stack: XmlValue[] = node === undefined ? [] : [node];
  let visits = 0;
  while (stack.length > 0 && out.length < limit && visits < MAX_XML_VISITS) {
    const cur = stack.pop()!;
    visits++;
    if (Array.isArray(cur)) {
      for (let i = cur.length - 1; i >= 0; i--) stack.push(cur[i] as XmlValue);
      continue;
    }
    if (typeof cur !== 'object' || cur === null) continue;
    const obj = cur as XmlNode;
    const keys = Object.keys(obj).filter((k) => !k.startsWith('@_') && k !== '#text');
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = obj[key]!;
      if (key === name) {
        for (const c of Array.isArray(child) ? child : [child]) if (typeof c === 'object' && c !== null && !Array.isArray(c) && out.length < limit) out.push(c as XmlNode);
      }
      stack.push(child);
    }
  }
  return out;
}

/** The first element named `name` below `node`, or `undefined`. */
export function firstDescendant(node: XmlValue | undefined, name: string): XmlNode | undefined {
  return descendants(node, name, 1)[0];
}

/** The trimmed text of the first element named `name` below `node` (an element with attributes keeps its text in `#text`). */
export function descendantText(node: XmlValue | undefined, name: string): string | undefined {
  const stack: XmlValue[] = node === undefined ? [] : [node];
  let visits = 0;
  while (stack.length > 0 && visits < MAX_XML_VISITS) {
    const cur = stack.pop()!;
    visits++;
    if (Array.isArray(cur)) {
      for (let i = cur.length - 1; i >= 0; i--) stack.push(cur[i] as XmlValue);
      continue;
    }
    if (typeof cur !== 'object' || cur === null) continue;
    const obj = cur as XmlNode;
    const keys = Object.keys(obj).filter((k) => !k.startsWith('@_') && k !== '#text');
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = obj[key]!;
      if (key === name) {
        const first = Array.isArray(child) ? child[0] : child;
        const text = typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as XmlNode)['#text'] : first;
        if (text !== undefined && (typeof text === 'string' || typeof text === 'number') && String(text).trim() !== '') return String(text).trim();
      }
      stack.push(child);
    }
  }
  return undefined;
}

/** An attribute as a finite number, or `undefined`. */
export function numAttr(node: XmlValue | undefined, name: string): number | undefined {
  const v = xmlAttr(node, name);
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Text as a finite number (the whole text, not a prefix), or `undefined`. */
export function num(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** A non-empty trimmed string, or `undefined`. */
export function nonEmpty(text: string | undefined | null): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

/**
 * Nanometres per unit for the length units the LM formats write: SI names and symbols (CZI metres, LIF
 * "m"/"um", OME-NGFF "micrometer", OIR "MICRO_METER"), compared case-insensitively without "_" or spaces.
 */
const LENGTH_UNIT_NM: Readonly<Record<string, number>> = {
  m: 1e9,
  meter: 1e9,
  metre: 1e9,
  cm: 1e7,
  centimeter: 1e7,
  mm: 1e6,
  millimeter: 1e6,
  um: 1e3,
  'µm': 1e3,
  'μm': 1e3,
  micrometer: 1e3,
  micrometre: 1e3,
  micron: 1e3,
  nm: 1,
  nanometer: 1,
  nanometre: 1,
  'å': 0.1,
  angstrom: 0.1,
  pm: 1e-3,
  picometer: 1e-3,
};

/** Nanometres per `unit`, or `undefined` for a unit that is not a length we know. */
export function unitToNm(unit: string | undefined): number | undefined {
  if (unit === undefined) return undefined;
  return LENGTH_UNIT_NM[unit.trim().toLowerCase().replace(/[_\s]/g, '')];
}

/** A physical pixel size in nm worth keeping: finite, positive, below a metre. */
export function plausibleNm(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v) && v > 0 && v < MAX_PIXEL_NM;
}

/** Rounds a converted length so that 1.0833e-6 m reads 1083.3333 nm, not 1083.3333333333333. */
export function roundNm(v: number): number {
  return Number(v.toPrecision(10));
}

/**
 * When channels were acquired in different ways, the most specific mode names the file: a confocal stack
 * with a transmitted-light channel is confocal; a light-sheet file with a widefield overview is light-sheet.
 */
const MODE_PRIORITY: readonly ImagingMode[] = ['light-sheet', 'multiphoton', 'super-resolution', 'spinning-disk', 'confocal', 'TIRF', 'FIB-SEM', 'SEM', 'widefield', 'brightfield'];

/** The most specific of several modes (see MODE_PRIORITY), or `undefined` for none. */
export function mostSpecificMode(modes: Iterable<ImagingMode>): ImagingMode | undefined {
  const set = new Set(modes);
  return MODE_PRIORITY.find((m) => set.has(m)) ?? [...set][0];
}

/** A count worth reporting as a dimension: a positive safe integer below a billion. */
export function plausibleCount(v: number | undefined): v is number {
  return v !== undefined && Number.isSafeInteger(v) && v > 0 && v < 1e9;
}
