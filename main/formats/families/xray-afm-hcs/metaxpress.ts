import { toNumber, count, MAX_PLATE_SIDE } from '../../kit/numbers';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact } from '../../kit/facts';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * MetaXpress / ImageXpress plate description (.HTD; docs/formats.md §14). Source: ome/bioformats
 * MetaxpressTiffReader.java — lines `"Key", value`, split at the first `",`; first line
 * `"HTSInfoFile", Version 1.0`; XWells (columns), YWells (rows), WellsSelection<row> (one TRUE/FALSE per
 * column), XSites, YSites, SiteSelection<row>, TimePoints, ZSteps; NWavelengths and WaveName<n> (channel names).
 */

const FIRST_LINE = /^"HTSInfoFile",\s*Version\s+(\S+)/;
/** HTD files are a few KB (one selection line per plate row); 256 KiB bounds a lying one. */
const HTD_BYTES = 256 * 1024;
const MAX_LINES = 4096;
/** The first line ("HTSInfoFile", Version 1.0) fits in this many bytes. */
const FIRST_LINE_BYTES = 64;
const MAX_WAVES = 32;

function fields(txt: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of txt.split(/\r?\n/).slice(0, MAX_LINES)) {
    const split = line.indexOf('",');
    if (!line.startsWith('"') || split < 1) continue;
    const key = line.slice(1, split).trim();
    if (!out.has(key)) out.set(key, line.slice(split + 2).trim());
  }
  return out;
}

const flags = (value: string | undefined): boolean[] => (value ?? '').split(',').map((v) => v.trim().toUpperCase() === 'TRUE');
const isTrue = (value: string | undefined): boolean => value?.trim().toUpperCase() === 'TRUE';
const unquoted = (value: string | undefined): string | undefined => printable(value?.replace(/^"|"$/g, ''));

/** The first bytes as Latin-1 text, without a UTF-8 byte-order mark. */
function start(head: Uint8Array): string {
  const from = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  return new TextDecoder('latin1').decode(head.subarray(from, from + FIRST_LINE_BYTES));
}

async function detectHtd(ctx: DetectContext): Promise<Detection | null> {
  const first = FIRST_LINE.exec(start(ctx.head));
  if (!first) return null;
  const { bytes } = await readPrefix(ctx, HTD_BYTES);
  const f = fields(new TextDecoder('latin1').decode(bytes));
  const cols = count(toNumber(f.get('XWells')), MAX_PLATE_SIDE);
  const rows = count(toNumber(f.get('YWells')), MAX_PLATE_SIDE);
  let wells = 0;
  for (let r = 1; r <= (rows ?? 0); r++) wells += flags(f.get(`WellsSelection${r}`)).slice(0, cols).filter(Boolean).length;
  let sites: number | undefined = 1;
  if (isTrue(f.get('Sites'))) {
    let selected = 0;
    const ys = count(toNumber(f.get('YSites')), MAX_PLATE_SIDE) ?? 0;
    const xs = count(toNumber(f.get('XSites')), MAX_PLATE_SIDE) ?? 0;
    for (let r = 1; r <= ys; r++) selected += flags(f.get(`SiteSelection${r}`)).slice(0, xs).filter(Boolean).length;
    sites = selected || (xs && ys ? xs * ys : undefined);
  }
  const nWaves = count(toNumber(f.get('NWavelengths')), MAX_WAVES);
  const names: string[] = [];
  for (let w = 1; w <= (nWaves ?? 0); w++) {
    const name = unquoted(f.get(`WaveName${w}`));
    if (name) names.push(name);
  }
  const facts: Facts = {
    arrangement: { value: 'plate', provenance: 'header' },
    instrument: { value: { manufacturer: 'Molecular Devices' }, provenance: 'header' },
    software: { value: `MetaXpress (HTD ${first[1]})`, provenance: 'header' },
    plate: { value: { ...(rows ? { rows } : {}), ...(cols ? { columns: cols } : {}), ...(wells ? { wells } : {}), ...(sites ? { fields: sites } : {}) }, provenance: 'header' },
    channels: names.length > 0 ? { value: names.map((name) => ({ name })), provenance: 'header' } : undefined,
    dimensions: dimensionsFact({ c: nWaves, t: count(toNumber(f.get('TimePoints'))), z: isTrue(f.get('ZSeries')) ? count(toNumber(f.get('ZSteps'))) : undefined }),
    header: headerFact({ description: unquoted(f.get('Description')), plateType: unquoted(f.get('PlateType')) }),
  };
  return detection('metaxpress-htd', f.has('XWells') && f.has('YWells') ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: compact(facts),
    evidence: [fromHeader(`MetaXpress plate description: first line "HTSInfoFile", Version ${first[1]}${rows && cols ? `; plate ${rows} × ${cols}, ${wells} well(s) selected` : ''}.`, 1)],
  });
}

/** MetaXpress .HTD plate description. */
export const htdDetector = guardDetector({ id: 'metaxpress-htd', formats: ['metaxpress-htd'], sniff: (ctx) => start(ctx.head).startsWith('"HTSInfoFile"'), detect: detectHtd });
