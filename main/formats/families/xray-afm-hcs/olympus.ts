import { toNumber, count, positive } from '../../kit/numbers';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable, unquote } from '../../kit/strings';
import { parseIni } from '../../kit/text';
import { compact, dimensionsFact, headerFact, pixelSizeFact } from '../../kit/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';
import { CompoundFile, CFB_STREAM } from './cfb';

/**
 * Olympus FluoView FV1000/FV1200 settings (docs/formats.md §1 OIB/OIF row). Source: ome/bioformats
 * FV1000Reader.java — magic strings "FileInformation" / "Acquisition Parameters" in the first 1024 bytes
 * (isThisType), sections `[Reference Image Parameter]` WidthConvertValue/HeightConvertValue (µm),
 * `[Axis n Parameters Common]` AxisCode/MaxSize, `[Channel n Parameters]` CH Name/DyeName/Excitation- and
 * EmissionWavelength, `[Laser n Parameters]` LaserWavelength, `[Acquisition Parameters Common]` ObjectiveLens
 * Name / Magnification; OIB: an OLE2 file whose root stream "OibInfo.txt" names, in `[OibSaveInfo]`
 * MainFileName, the stream holding the .oif text (mapOIBFiles; cgohlke/oiffile `CompoundFile`,
 * `SettingsFile`: little-endian UTF-16 settings text).
 */

/** Bio-Formats FV1000Reader.isThisType reads 1024 bytes for the magic strings. */
const MAGIC_WINDOW_CHARS = 1024;
const OIF_MAGIC = ['[FileInformation]', '[Acquisition Parameters Common]', '[ProfileSaveInfo]'];
/** Settings texts are tens of KB; 1 MiB bounds a lying one. */
const SETTINGS_BYTES = 1024 * 1024;
/** OibInfo.txt lists one line per member file; 256 KiB is thousands of planes. */
const OIB_INFO_BYTES = 256 * 1024;
/** FluoView numbers axes 0–8 (FV1000Reader NUM_DIMENSIONS = 9); channels and lasers are few. */
const AXES = 9;
const MAX_CHANNELS = 32;

type Ini = Map<string, Map<string, string>>;

/** Settings bytes as text: UTF-16LE with or without a byte-order mark, else UTF-8. */
export function settingsText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** A FluoView number; some files write a decimal comma with a spurious ".0" ("0,207.0"). */
function fvNumber(value: string | undefined): number | undefined {
  const v = unquote(value);
  if (v === undefined) return undefined;
  const comma = /^(\d+),(\d+)(\.0)?$/.exec(v);
  return toNumber(comma ? `${comma[1]}.${comma[2]}` : v);
}

function get(ini: Ini, section: string, key: string): string | undefined {
  return unquote(ini.get(section)?.get(key));
}

/** Facts and evidence from parsed FluoView main settings (the .oif text). */
export function fluoviewFacts(ini: Ini): { facts: Facts; evidence: Evidence[] } {
  const acq = 'Acquisition Parameters Common';
  const dims: Record<string, number> = {};
  let zStep: number | undefined;
  let zUnit: string | undefined;
  for (let i = 0; i < AXES; i++) {
    const s = `Axis ${i} Parameters Common`;
    const code = get(ini, s, 'AxisCode');
    const size = count(fvNumber(ini.get(s)?.get('MaxSize')));
    if (!code || size === undefined) continue;
    dims[code] = size;
    if (code === 'Z' && size > 1) {
      zStep = positive(fvNumber(ini.get(s)?.get('Interval')));
      zUnit = get(ini, s, 'PixUnit');
    }
  }
  const channels: NonNullable<Facts['channels']>['value'] = [];
  for (let i = 1; i <= MAX_CHANNELS && ini.has(`Channel ${i} Parameters`); i++) {
    const s = `Channel ${i} Parameters`;
    const dye = printable(get(ini, s, 'DyeName'));
    const name = printable(get(ini, s, 'CH Name')) ?? dye;
    const ex = positive(fvNumber(ini.get(s)?.get('ExcitationWavelength')));
    const em = positive(fvNumber(ini.get(s)?.get('EmissionWavelength')));
    channels.push({ ...(name ? { name } : {}), ...(ex ? { excitationNm: ex } : {}), ...(em ? { emissionNm: em } : {}), ...(dye && dye !== 'None' ? { fluor: dye } : {}) });
  }
  const lasers: number[] = [];
  for (let i = 0; i < MAX_CHANNELS && ini.has(`Laser ${i} Parameters`); i++) {
    const s = `Laser ${i} Parameters`;
    const w = positive(fvNumber(ini.get(s)?.get('LaserWavelength')));
    if (w && get(ini, s, 'Laser Enable') !== '0') lasers.push(w);
  }
  for (let i = 1; i <= MAX_CHANNELS && lasers.length === 0; i++) {
    const w = positive(fvNumber(ini.get(acq)?.get(`LaserWavelength${String(i).padStart(2, '0')}`)));
    if (w === undefined) break;
    lasers.push(w);
  }
  const ref = 'Reference Image Parameter';
  const unit = (u: string | undefined): string => (u === undefined || u === '' ? 'um' : u);
  const model = printable(get(ini, 'Version Info', 'SystemName')) ?? printable(get(ini, acq, 'Acquisition Device'));
  const magnification = positive(fvNumber(ini.get(acq)?.get('Magnification')));
  const xy = pixelSizeFact(fvNumber(ini.get(ref)?.get('WidthConvertValue')), fvNumber(ini.get(ref)?.get('HeightConvertValue')), undefined, unit(get(ini, ref, 'WidthUnit')));
  const z = zStep !== undefined && zUnit ? pixelSizeFact(zStep, undefined, undefined, zUnit) : undefined;
  const facts: Facts = {
    imagingMode: { value: 'confocal', provenance: 'header' },
    instrument: { value: { manufacturer: 'Olympus', ...(model ? { model } : {}) }, provenance: 'header' },
    dimensions: dimensionsFact({ x: dims['X'], y: dims['Y'], z: dims['Z'], c: dims['C'] ?? (channels.length || undefined), t: dims['T'] }),
    pixelSize: xy && z ? { ...xy, value: { ...xy.value, z: z.value.x } } : xy,
    channels: channels.length > 0 ? { value: channels, provenance: 'header' } : undefined,
    magnification: magnification ? { value: magnification, provenance: 'header' } : undefined,
    header: headerFact({
      objective: printable(get(ini, acq, 'ObjectiveLens Name')),
      numericalAperture: fvNumber(ini.get(acq)?.get('ObjectiveLens NAValue')),
      scanMode: printable(get(ini, acq, 'ScanMode')),
      laserLinesNm: lasers.length > 0 ? lasers.join(', ') : undefined,
      systemVersion: printable(get(ini, 'Version Info', 'SystemVersion')),
      dataName: printable(get(ini, 'File Info', 'DataName')),
    }),
  };
  const evidence = [fromHeader('FluoView settings describe a laser-scanning confocal acquisition (Olympus FV1000/FV1200/FV10i).', 0.5)];
  if (lasers.length > 0) evidence.push(fromHeader(`Laser lines ${lasers.join(', ')} nm.`, 0.2));
  return { facts: compact(facts), evidence };
}

async function detectOif(ctx: DetectContext): Promise<Detection | null> {
  const start = settingsText(ctx.head.subarray(0, 2 * MAGIC_WINDOW_CHARS + 2)).slice(0, MAGIC_WINDOW_CHARS);
  if (!/^\s*\[/.test(start) || !OIF_MAGIC.some((m) => start.includes(m))) return null;
  const { bytes } = await readPrefix(ctx, SETTINGS_BYTES);
  const txt = settingsText(bytes);
  const marks = OIF_MAGIC.filter((m) => start.includes(m) || txt.includes(`\n${m}`));
  const ini = parseIni(txt);
  const { facts, evidence } = fluoviewFacts(ini);
  const main = ini.has('ProfileSaveInfo') || ini.has('Reference Image Parameter') || ini.has('Axis 0 Parameters Common');
  const confidence = main && (marks.length >= 2 || ctx.ext === '.oif') ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC;
  return detection('oif', confidence, {
    facts,
    evidence: [fromHeader(`FluoView settings text (${bytes[0] === 0xff ? 'UTF-16LE with byte-order mark' : 'INI'}) with section ${marks.join(', ')}${main ? '' : ' — a plane property (.pty) file rather than the main .oif'}.`, 0.9), ...evidence],
  });
}

async function detectOib(ctx: DetectContext): Promise<Detection | null> {
  const cf = CompoundFile.open(ctx);
  if (!cf) return null;
  const root = await cf.root();
  if (!root) return null;
  const info = await cf.child(root, 'OibInfo.txt');
  if (!info || info.type !== CFB_STREAM) {
    // A .oib compound file whose directory could not be read within the budget is still an OIB, less surely.
    if (ctx.ext !== '.oib' || cf.problems.length === 0) return null;
    return detection('oib', CONFIDENCE.WEAK, {
      facts: { imagingMode: { value: 'confocal', provenance: 'header' } },
      evidence: [fromHeader('OLE2 compound file named .oib; its directory could not be read far enough to find OibInfo.txt.', 0.5)],
      problems: ['OibInfo.txt not read: no acquisition facts.', ...cf.problems],
    });
  }
  const infoBytes = await cf.read(info, OIB_INFO_BYTES);
  const oibInfo = infoBytes ? parseIni(settingsText(infoBytes)) : undefined;
  const save = oibInfo?.get('OibSaveInfo');
  if (!save) return null;
  const problems: string[] = [];
  const mainName = unquote(save.get('MainFileName'));
  const mainEntry = mainName ? await cf.child(root, mainName) : undefined;
  const mainBytes = mainEntry ? await cf.read(mainEntry, SETTINGS_BYTES) : undefined;
  let parsed: { facts: Facts; evidence: Evidence[] } = { facts: { imagingMode: { value: 'confocal', provenance: 'header' } }, evidence: [] };
  if (mainBytes) parsed = fluoviewFacts(parseIni(settingsText(mainBytes)));
  else problems.push(mainName ? `The main settings stream "${mainName}" named by OibInfo.txt could not be read.` : 'OibInfo.txt names no MainFileName.');
  const version = printable(unquote(save.get('Version')));
  const facts = compact({ ...parsed.facts, header: { value: { ...(parsed.facts.header?.value ?? {}), ...(version ? { oibVersion: version } : {}) }, provenance: 'header' } });
  return detection('oib', CONFIDENCE.STRUCTURE, {
    facts,
    evidence: [fromHeader(`OLE2 compound file with an "OibInfo.txt" stream whose [OibSaveInfo] maps FluoView files${mainName ? ` (main settings in ${mainName})` : ''}.`, 1), ...parsed.evidence],
    problems: [...problems, ...cf.problems],
  });
}

/** Olympus FluoView OIB (OLE2 with OibInfo.txt). */
export const oibDetector = guardDetector({ id: 'oib', formats: ['oib'], sniff: (ctx) => CompoundFile.is(ctx.head), detect: detectOib });

/** Olympus FluoView OIF settings (UTF-16 INI). */
export const oifDetector = guardDetector({
  id: 'oif',
  formats: ['oif'],
  sniff: (ctx) => {
    const h = ctx.head;
    // "[" first, as UTF-16LE with a byte-order mark, UTF-16LE without, or a single byte.
    return (h[0] === 0xff && h[1] === 0xfe && h[2] === 0x5b && h[3] === 0) || (h[0] === 0x5b && h[1] === 0) || h[0] === 0x5b;
  },
  detect: detectOif,
});
