import { count, MAX_IMAGE_SIDE } from '../../kit/numbers';
import { significant } from '../../kit/units';
import { guardDetector } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact, MAX_CHANNELS } from '../../kit/facts';
import { Bytes } from '../../kit/bytes';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * Gwyddion native files (docs/formats.md §13). Source: gwyddion.net user guide "Format of Gwyddion
 * Files" — little-endian; magic "GWYP" at 0; then one serialised GwyContainer. An object is its type name
 * (NUL-terminated), a uint32 data size (excluding name and size), then components: name (NUL-terminated),
 * one type byte, data. Atomic types b (1 byte), c (1), i (int32), q (int64), d (double), s (NUL-terminated
 * string), o (object); arrays C I Q D S O are a uint32 count then the items. Images are GwyDataField
 * objects at "/N/data" (components xres, yres: i; xreal, yreal: d, in the lateral unit si_unit_xy, metres by
 * default), their titles strings at "/N/data/title".
 */

const MAGIC = 'GWYP';
const CONTAINER = 'GwyContainer';
const DATA_FIELD = 'GwyDataField';
/** Fixed sizes of the atomic types (format page, "Data Types"). */
const ATOM: Readonly<Record<string, number>> = { b: 1, c: 1, i: 4, q: 8, d: 8 };
const ARRAY_ITEM: Readonly<Record<string, number>> = { C: 1, I: 4, Q: 8, D: 8 };
/** Longest name or string read (keys are like "/12/data/title", titles a few words). */
const MAX_STRING = 1024;
/** Components walked in the top-level container and in one data field. */
const MAX_COMPONENTS = 2048;
const MAX_FIELD_COMPONENTS = 64;
/** Bytes fetched per window, and most windows fetched (each skip over a large data array costs one). */
const WINDOW = 64 * 1024;
const MAX_WINDOWS = 96;

class Stop extends Error {}

/** Random access to the file through a small cache of windows, with a read budget. */
class Reader {
  private start = 0;
  private buf: Uint8Array;
  private windows = 0;
  constructor(private readonly ctx: DetectContext) {
    this.buf = ctx.head;
  }
  private async ensure(offset: number, length: number): Promise<void> {
    if (offset < 0 || offset + length > this.ctx.size) throw new Stop(`needs bytes ${offset}–${offset + length}, past the end of the file`);
    if (offset >= this.start && offset + length <= this.start + this.buf.length) return;
    if (++this.windows > MAX_WINDOWS) throw new Stop(`more than ${MAX_WINDOWS} reads`);
    try {
      this.buf = await this.ctx.read(offset, Math.max(length, WINDOW));
    } catch (err) {
      throw new Stop(err instanceof Error ? err.message : 'read failed');
    }
    this.start = offset;
    if (this.buf.length < length) throw new Stop(`file ends at byte ${offset + this.buf.length}`);
  }
  async bytes(offset: number, length: number): Promise<Bytes> {
    await this.ensure(offset, length);
    return new Bytes(this.buf.subarray(offset - this.start, offset - this.start + length));
  }
  /** A NUL-terminated string at `offset` and the offset after its NUL. */
  async cstring(offset: number): Promise<{ value: string; next: number }> {
    const b = await this.bytes(offset, Math.min(MAX_STRING, this.ctx.size - offset));
    const end = b.indexOf([0]);
    if (end < 0) throw new Stop(`no string terminator within ${MAX_STRING} bytes at ${offset}`);
    return { value: new TextDecoder('utf-8').decode(b.slice(0, end)), next: offset + end + 1 };
  }
}

interface Component {
  readonly name: string;
  readonly type: string;
  /** Offset of the data. */
  readonly at: number;
  /** Offset after the component. */
  readonly next: number;
}

/** One component starting at `offset`: its name, type and where its data is. */
async function component(r: Reader, offset: number): Promise<Component> {
  const { value: name, next: typeAt } = await r.cstring(offset);
  const type = String.fromCharCode((await r.bytes(typeAt, 1)).u8(0) ?? 0);
  const at = typeAt + 1;
  let next: number;
  if (ATOM[type] !== undefined) next = at + ATOM[type];
  else if (type === 's') next = (await r.cstring(at)).next;
  else if (type === 'o') next = (await objectHeader(r, at)).end;
  else if (ARRAY_ITEM[type] !== undefined) next = at + 4 + ((await r.bytes(at, 4)).u32(0) ?? 0) * ARRAY_ITEM[type];
  else throw new Stop(`component "${name}" has unknown type "${type}"`);
  return { name, type, at, next };
}

/** An object's type name, where its components start and where it ends. */
async function objectHeader(r: Reader, offset: number): Promise<{ type: string; body: number; end: number }> {
  const { value: type, next } = await r.cstring(offset);
  const size = (await r.bytes(next, 4)).u32(0) ?? 0;
  return { type, body: next + 4, end: next + 4 + size };
}

interface DataField {
  xres?: number;
  yres?: number;
  xreal?: number;
  yreal?: number;
  unit?: string;
}

async function dataField(r: Reader, offset: number): Promise<DataField> {
  const obj = await objectHeader(r, offset);
  const out: DataField = {};
  if (obj.type !== DATA_FIELD) return out;
  for (let at = obj.body, n = 0; at < obj.end && n < MAX_FIELD_COMPONENTS; n++) {
    const c = await component(r, at);
    const b = c.type === 'i' || c.type === 'd' ? await r.bytes(c.at, ATOM[c.type]!) : undefined;
    if (c.name === 'xres' && c.type === 'i') out.xres = b?.i32(0);
    else if (c.name === 'yres' && c.type === 'i') out.yres = b?.i32(0);
    else if (c.name === 'xreal' && c.type === 'd') out.xreal = b?.f64(0);
    else if (c.name === 'yreal' && c.type === 'd') out.yreal = b?.f64(0);
    else if (c.name === 'si_unit_xy' && c.type === 'o') {
      const unit = await objectHeader(r, c.at);
      const first = unit.body < unit.end ? await component(r, unit.body) : undefined;
      if (first?.name === 'unitstr' && first.type === 's') out.unit = (await r.cstring(first.at)).value;
    }
    at = c.next;
  }
  return out;
}

async function detectGwyddion(ctx: DetectContext): Promise<Detection | null> {
  const b = new Bytes(ctx.head);
  if (!b.startsWith(MAGIC)) return null;
  const r = new Reader(ctx);
  const problems: string[] = [];
  const titles = new Map<number, string>();
  const fields = new Map<number, number>();
  let root: { type: string; body: number; end: number } | undefined;
  let components = 0;
  try {
    root = await objectHeader(r, MAGIC.length);
    if (root.type !== CONTAINER) return null;
    if (root.end > ctx.size) problems.push(`The container declares ${root.end} bytes but the file has ${ctx.size}: truncated.`);
    for (let at = root.body; at < Math.min(root.end, ctx.size) && components < MAX_COMPONENTS; components++) {
      const c = await component(r, at);
      const m = /^\/(\d+)\/data(\/title)?$/.exec(c.name);
      if (m && titles.size + fields.size < 2 * MAX_CHANNELS) {
        const id = Number(m[1]);
        if (m[2] && c.type === 's') titles.set(id, (await r.cstring(c.at)).value);
        else if (!m[2] && c.type === 'o') fields.set(id, c.at);
      }
      at = c.next;
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    problems.push(`Stopped reading the container after ${components} components: ${err.message}.`);
  }
  if (!root) {
    return detection('gwyddion', CONFIDENCE.MAGIC, { facts: { imagingMode: { value: 'AFM', provenance: 'header' } }, evidence: [fromHeader('"GWYP" magic at byte 0 (Gwyddion native file).', 0.9)], problems });
  }
  const ids = [...new Set([...fields.keys(), ...titles.keys()])].sort((a, c) => a - c);
  let first: DataField = {};
  const firstAt = fields.get(ids.find((id) => fields.has(id)) ?? -1);
  if (firstAt !== undefined) {
    try {
      first = await dataField(r, firstAt);
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
      problems.push(`The first data field could not be read: ${err.message}.`);
    }
  }
  const xres = count(first.xres, MAX_IMAGE_SIDE);
  const yres = count(first.yres, MAX_IMAGE_SIDE);
  const metres = first.unit === undefined || first.unit === '' || first.unit === 'm';
  const px = metres && xres && first.xreal && first.xreal > 0 ? significant((first.xreal * 1e9) / xres, 9) : undefined;
  const py = metres && yres && first.yreal && first.yreal > 0 ? significant((first.yreal * 1e9) / yres, 9) : undefined;
  const names = ids.map((id) => printable(titles.get(id))).filter((n): n is string => n !== undefined);
  const facts: Facts = {
    imagingMode: { value: 'AFM', provenance: 'header' },
    dimensions: dimensionsFact({ x: xres, y: yres, c: fields.size || undefined }),
    pixelSize: px && Number.isFinite(px) ? { value: { x: px, ...(py && Number.isFinite(py) ? { y: py } : {}) }, unit: 'nm', provenance: 'header' } : undefined,
    channels: names.length > 0 ? { value: names.map((name) => ({ name })), provenance: 'header' } : undefined,
    header: headerFact({ dataFields: fields.size, lateralUnit: first.unit }),
  };
  return detection('gwyddion', CONFIDENCE.STRUCTURE, {
    facts: compact(facts),
    evidence: [
      fromHeader(`"GWYP" magic and a serialised GwyContainer with ${fields.size} data field(s)${names.length ? ` (${names.slice(0, 5).join(', ')})` : ''}.`, 1),
      fromHeader('Gwyddion files hold scanning-probe microscopy (AFM and related) channels.', 0.5),
    ],
    problems,
  });
}

/** Gwyddion native .gwy ("GWYP"). */
export const gwyddionDetector = guardDetector({ id: 'gwyddion', formats: ['gwyddion'], sniff: (ctx) => new Bytes(ctx.head).startsWith(MAGIC), detect: detectGwyddion });
