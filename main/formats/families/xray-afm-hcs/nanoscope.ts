import { toNumber, count } from '../../kit/numbers';
import { significant, toNanometres } from '../../kit/units';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact } from '../../kit/facts';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * Bruker (Veeco, Digital Instruments) Nanoscope files (docs/formats.md §13). Source: Gwyddion
 * modules/file/nanoscope.c — magic "\*File list\r\n" (binary data), "?*File list\r\n" (text data),
 * "\*Force file list\r\n", "\*EC File list\r\n"; `extract_header`: the header length is the number after
 * "\Data length: " among the first eight fields; `read_hash`: sections "\*Name", fields "\Key: value" and
 * "\@2:Key: V [soft scale] (hard scale) value", ending at "\*File list end"; image sections "Ciao image
 * list" (also AFM/STM/NCAFM image list, Image list) with Samps/line, Number of lines, Scan Size, Data offset;
 * scan sections "Ciao scan list" (Afm/Stm/NC Afm list) with Samps/line, Lines; `get_scan_size`: "Scan size:
 * xreal yreal unit" where "~m" is µm; the channel name from "@2:Image Data".
 */

const MAGICS: ReadonlyArray<{ magic: string; kind: string }> = [
  { magic: '\\*File list\r\n', kind: 'binary image data' },
  { magic: '?*File list\r\n', kind: 'text image data' },
  { magic: '\\*Force file list\r\n', kind: 'force curves' },
  { magic: '\\*EC File list\r\n', kind: 'electrochemistry image data' },
];
/** nanoscope.c MAGIC_BIN_PARTIAL: the start without CR LF means line ends were rewritten (a damaged file). */
const PARTIAL = ['\\*File list', '?*File list'];
const END = '\\*File list end';
/** nanoscope.c extract_header: "Data length" is among the first 8 fields. */
const HEADER_FIELDS_SCANNED = 8;
const DATA_LENGTH = '\\Data length: ';
/** The magic and the first fields are in the first few KB. */
const MAGIC_WINDOW_BYTES = 4096;
/** Headers are tens of KB (one section per channel); 1 MiB bounds a lying "Data length". */
const MAX_HEADER_BYTES = 1024 * 1024;
/** Most sections and fields parsed (files have a handful of channels; 1024 sections is ~300 KB of header). */
const MAX_SECTIONS = 1024;
const MAX_FIELDS = 20_000;
const IMAGE_LISTS = ['ciao image list', 'afm image list', 'stm image list', 'ncafm image list', 'ciao force image list', 'image list'];
const SCAN_LISTS = ['ciao scan list', 'afm list', 'stm list', 'nc afm list'];
/** Nanoscope writes µ as "~" (nanoscope.c add_metadata replaces "~" with "µ"). */
const UNIT: Readonly<Record<string, string>> = { '~m': 'um', µm: 'um', um: 'um', nm: 'nm', pm: 'pm', mm: 'mm', m: 'm' };

interface Section {
  readonly name: string;
  readonly fields: Map<string, string>;
}

/** Splits the header into sections of fields (keys lower-cased, "@2:" prefixes kept). */
function parseHeader(txt: string): { sections: Section[]; ended: boolean } {
  const sections: Section[] = [];
  let fields = 0;
  for (const raw of txt.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === END) return { sections, ended: true };
    if (/^[\\?]\*/.test(line)) {
      if (sections.length >= MAX_SECTIONS) break;
      sections.push({ name: line.slice(2).trim().toLowerCase(), fields: new Map() });
      continue;
    }
    const cur = sections[sections.length - 1];
    if (!cur || !line.startsWith('\\') || fields >= MAX_FIELDS) continue;
    const body = line.slice(1);
    const colon = body.indexOf(':', /^@\d:/.test(body) ? 3 : 0);
    if (colon <= 0) continue;
    const key = body.slice(0, colon).trim().toLowerCase();
    if (!cur.fields.has(key)) cur.fields.set(key, body.slice(colon + 1).trim());
    fields++;
  }
  return { sections, ended: false };
}

/** nanoscope.c get_image_data_name: the quoted name after the soft scale, else the soft scale. */
function channelName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return printable(/"([^"]+)"/.exec(value)?.[1] ?? /\[([^\]]+)\]/.exec(value)?.[1]);
}

/** "10 10 ~m" or "10 ~m" → sizes in nm. */
function scanSize(value: string | undefined): { x: number; y: number } | undefined {
  const m = /^\s*([-+\d.eE]+)\s+(?:([-+\d.eE]+)\s+)?(\S+)/.exec(value ?? '');
  if (!m) return undefined;
  const unit = UNIT[m[3]!];
  const x = toNumber(m[1]);
  const y = m[2] === undefined ? x : toNumber(m[2]);
  if (!unit || x === undefined || y === undefined) return undefined;
  const nx = toNanometres(Math.abs(x), unit);
  const ny = toNanometres(Math.abs(y), unit);
  return nx && ny ? { x: nx, y: ny } : undefined;
}

async function detectNanoscope(ctx: DetectContext): Promise<Detection | null> {
  const head = new TextDecoder('latin1').decode(ctx.head.subarray(0, MAGIC_WINDOW_BYTES));
  const found = MAGICS.find((m) => head.startsWith(m.magic));
  if (!found) {
    if (PARTIAL.some((p) => head.startsWith(p)) && /^.\*File list\r?\n\\/.test(head)) {
      return detection('nanoscope', CONFIDENCE.MAGIC, {
        facts: { imagingMode: { value: 'AFM', provenance: 'header' } },
        evidence: [fromHeader('Starts with "\\*File list" (Bruker Nanoscope header).', 0.8)],
        problems: ['Line ends of the header were rewritten (CR LF lost): the binary data after the header is damaged (Gwyddion nanoscope.c).'],
      });
    }
    return null;
  }
  const problems: string[] = [];
  // extract_header: the first "\Data length: N" among the first fields is the header size.
  let declared: number | undefined;
  let at = 0;
  for (let i = 0; i < HEADER_FIELDS_SCANNED; i++) {
    at = head.indexOf('\\', at + 1);
    if (at < 0) break;
    if (head.startsWith(DATA_LENGTH, at)) {
      declared = count(toNumber(head.slice(at + DATA_LENGTH.length, at + DATA_LENGTH.length + 24)));
      break;
    }
  }
  if (declared !== undefined && declared > ctx.size) {
    problems.push(`Header length ${declared} is larger than the file (${ctx.size} bytes): the file is truncated.`);
    declared = undefined;
  }
  const limit = Math.min(declared ?? MAX_HEADER_BYTES, MAX_HEADER_BYTES);
  const { bytes } = await readPrefix(ctx, limit);
  const { sections, ended } = parseHeader(new TextDecoder('latin1').decode(bytes));
  if (!ended && declared === undefined) problems.push(`No "\\*File list end" within the first ${bytes.length} bytes: header truncated or damaged.`);
  const fileList = sections[0];
  const scan = sections.find((s) => SCAN_LISTS.includes(s.name));
  const images = sections.filter((s) => IMAGE_LISTS.includes(s.name));
  const first = images[0];
  const xres = count(toNumber(first?.fields.get('samps/line') ?? scan?.fields.get('samps/line')), 100_000);
  const yres = count(toNumber(first?.fields.get('number of lines') ?? scan?.fields.get('lines')), 100_000);
  const size = scanSize(first?.fields.get('scan size') ?? scan?.fields.get('scan size'));
  const names = images.map((s) => channelName(s.fields.get('@2:image data') ?? s.fields.get('image data'))).filter((n): n is string => n !== undefined);
  const version = printable(fileList?.fields.get('version'));
  const facts: Facts = {
    imagingMode: { value: 'AFM', provenance: 'header' },
    software: version ? { value: `NanoScope ${version}`, provenance: 'header' } : undefined,
    dimensions: dimensionsFact({ x: xres, y: yres, c: images.length || undefined }),
    pixelSize: size && xres && yres ? { value: { x: significant(size.x / xres, 9), y: significant(size.y / yres, 9) }, unit: 'nm', provenance: 'header' } : undefined,
    channels: names.length > 0 ? { value: names.map((name) => ({ name })), provenance: 'header' } : undefined,
    header: headerFact({
      fileType: found.kind,
      version,
      scanSize: printable(first?.fields.get('scan size') ?? scan?.fields.get('scan size')),
      operatingMode: printable(images.map((s) => s.fields.get('operating mode')).find(Boolean) ?? scan?.fields.get('operating mode')),
      headerBytes: declared,
    }),
  };
  return detection('nanoscope', fileList && (ended || declared !== undefined) ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: compact(facts),
    evidence: [
      fromHeader(`Bruker Nanoscope header "${found.magic.trim()}" (${found.kind})${declared ? `, ${declared} header bytes` : ''}, ${images.length} image section(s).`, 1),
      fromHeader('Nanoscope files hold scanning-probe (AFM/STM) images or force curves.', 0.6),
    ],
    problems,
  });
}

/** Bruker Nanoscope (.spm, .000, .001 …). */
export const nanoscopeDetector = guardDetector({
  id: 'nanoscope',
  formats: ['nanoscope'],
  sniff: (ctx) => (ctx.head[0] === 0x5c || ctx.head[0] === 0x3f) && ctx.head[1] === 0x2a,
  detect: detectNanoscope,
});
