import { toNumber } from '../../kit/numbers';
import { toNanometres as nm } from '../../kit/units';
import { withoutNul as text } from '../../kit/strings';
import { parseXml, xmlAt, xmlText, type XmlNode } from '../../kit/xml';
import { Bytes } from '../../kit/bytes';
import { CONF, Found, readBase, resolutionNm, setPixelSize, tiffDetector } from './found';
import type { ImagingMode } from '../../../../shared/formats/facts';
import { type Classification } from './classify';
import { type TiffFile } from './reader';
import { T } from './values';
import { PRIVATE, TAG } from './tags';

/** TemReporter a_MeasurementUnitType → mode: scanning images are STEM, diffraction patterns, length = TEM image (trasse/jeoltodm jeoltiff.py). */
const JEOL_MODE: Readonly<Record<string, ImagingMode>> = { UnitType_Scanning: 'STEM', UnitType_Diffraction: 'diffraction', UnitType_Length: 'TEM' };
/** TEM accelerating voltages lie in 10–1300 kV; the TemReporter unit is not documented, so V and kV are told apart by range. */
const KV_RANGE = [10, 1300] as const;

/** OlympusSIS structure (tifffile read_sis, little-endian): "SIS0", name at 26 (32 bytes), tag count i16 at 58, 8-byte tag entries from 60. */
const SIS_HEADER = 60;
const SIS_NAME_AT = 26;
const SIS_TAGCOUNT_AT = 58;
const SIS_ENTRY = 8;
/** Most SIS entries read (real files have a handful). */
const MAX_SIS_TAGS = 64;
/** SIS tag type 1 "general data" block: lenexp i16 @10, xcal f64 @12, ycal f64 @20, mag f64 @36, camera name @46 (34 bytes). */
const SIS_GENERAL = 1;
const SIS_GENERAL_BYTES = 112;
/** Pixel sizes an SIS block may plausibly hold, in metres (1 pm … 1 mm). */
const SIS_PIXEL_RANGE_M = [1e-12, 1e-3] as const;
/**
 * TEM cameras of Olympus Soft Imaging Solutions (now EMSIS), as their camera names appear in the SIS block:
 * MegaView, Morada, Quemesa, Veleta, Cantega, Keenview, Xarosa, Phurona, Tengra (EMSIS/Olympus SIS product
 * lines of CCD/CMOS TEM cameras); their light-microscope cameras are named ColorView, F-View, XC, DP, UC….
 */
const SIS_TEM_CAMERAS = /\b(mega\s?view|morada|quemesa|veleta|cantega|keenview|xarosa|phurona|tengra)\b/i;
/** Olympus SIS / EMSIS TEM acquisition software as it signs Software (iTEM, RADIUS). */
const SIS_TEM_SOFTWARE = /\b(iTEM|RADIUS)\b/;
/**
 * Magnifications above this are out of reach of light microscopes (useful magnification ≈ 1000 × NA ≤ 1.4 →
 * ~1500×; Abbe); an SIS block saying more describes an electron microscope image.
 */
const LIGHT_MAX_MAGNIFICATION = 2000;

function rootOf(tree: XmlNode | null): string | undefined {
  return tree ? Object.keys(tree).find((k) => !k.startsWith('?')) : undefined;
}

async function jeol(t: TiffFile, f: Found, c: Classification): Promise<number> {
  const d = (await t.text(TAG.ImageDescription)) ?? '';
  const tree = d.trimStart().startsWith('<') ? parseXml(d) : null;
  const root = rootOf(tree);
  if (!tree || !root) {
    if (c.verified) f.problems.push('The TemReporter XML could not be parsed.');
    return c.verified ? CONF.VERIFIED : CONF.TAGGED;
  }
  const at = (...path: string[]) => text(xmlText(xmlAt(tree, root, ...path)));
  f.header.jeolXml = root;
  const acc = toNumber(at('MeasurementReporter', 'a_AccVoltage'));
  if (acc !== undefined) {
    f.header.accVoltage = acc;
    const kv = acc >= KV_RANGE[0] && acc <= KV_RANGE[1] ? acc : acc >= KV_RANGE[0] * 1000 && acc <= KV_RANGE[1] * 1000 ? acc / 1000 : undefined;
    if (kv !== undefined) {
      f.facts.voltageKV = { value: kv, unit: 'kV', provenance: 'header' };
      f.say(`TemReporter a_AccVoltage ${acc} → ${kv} kV (unit inferred from the TEM range).`, 0.4);
    }
  }
  const unitType = at('MeasurementReporter', 'a_MeasurementUnitType');
  if (unitType) f.header.measurementUnitType = unitType;
  const mode = unitType ? JEOL_MODE[unitType] : undefined;
  if (mode) {
    f.facts.imagingMode = { value: mode, provenance: 'header' };
    f.say(`a_MeasurementUnitType ${unitType} → ${mode}.`, 0.6);
  }
  const lpp = toNumber(at('MeasurementReporter', 'a_MeasureLengthPerPixelReporter', 'a_LengthPerPixel'));
  if (lpp !== undefined) f.header.lengthPerPixel = lpp; // unit not stated in the XML: shown, not used as pixel size
  const detector = at('ObservationReporter', 'a_DetectorReporter', 'b_DetectorKind');
  if (detector) f.facts.detector = { value: detector, provenance: 'header' };
  const op = at('ObservationReporter', 'a_EOSReporter', 'b_OperationMode');
  if (op) f.header.operationMode = op;
  f.say(`JEOL ${root} XML in ImageDescription.`, 0.6);
  return c.verified ? CONF.VERIFIED : CONF.TAGGED;
}

async function sis(t: TiffFile, f: Found, c: Classification): Promise<number> {
  const data = await t.structure(PRIVATE.OlympusSis, SIS_HEADER + SIS_ENTRY * MAX_SIS_TAGS);
  if (!data) {
    temFacts(f, await t.text(TAG.Software));
    return CONF.TAGGED;
  }
  const head = new Bytes(data, true);
  if (!head.startsWith('SIS0')) {
    f.problems.push('Tag 33560 does not point to an "SIS0" structure.');
    temFacts(f, await t.text(TAG.Software));
    return CONF.TAGGED;
  }
  const name = text(head.ascii(SIS_NAME_AT, 32));
  if (name) f.header.sisName = name;
  const n = Math.min(MAX_SIS_TAGS, Math.max(0, head.i16(SIS_TAGCOUNT_AT) ?? 0));
  for (let i = 0; i < n; i++) {
    const at = SIS_HEADER + i * SIS_ENTRY;
    if (head.i16(at) !== SIS_GENERAL) continue;
    const offset = head.u32(at + 4);
    if (offset === undefined) break;
    const g = new Bytes(await t.src.read(offset, SIS_GENERAL_BYTES), true);
    const lenexp = g.i16(10);
    const xcal = g.f64(12);
    const ycal = g.f64(20);
    const mag = g.f64(36);
    const camera = text(g.ascii(46, 34));
    if (lenexp !== undefined && xcal !== undefined) {
      const xm = xcal * 10 ** lenexp;
      const ym = ycal !== undefined ? ycal * 10 ** lenexp : undefined;
      if (xm >= SIS_PIXEL_RANGE_M[0] && xm <= SIS_PIXEL_RANGE_M[1]) {
        setPixelSize(f, nm(xm, 'm'), ym !== undefined ? nm(ym, 'm') : undefined);
        f.say(`SIS general block: pixel size ${xcal}·10^${lenexp} m = ${f.facts.pixelSize?.value.x} nm (tifffile read_sis).`, 0.5);
      } else f.problems.push(`SIS pixel size ${xcal}·10^${lenexp} m is implausible — ignored.`);
    }
    if (mag !== undefined && mag > 0 && Number.isFinite(mag)) f.facts.magnification = { value: mag, provenance: 'header' };
    if (camera) f.facts.detector = { value: camera, provenance: 'header' };
    const pictureType = text(g.ascii(80, 32));
    if (pictureType) f.header.sisPictureType = pictureType;
    break;
  }
  temFacts(f, await t.text(TAG.Software));
  return c.verified ? CONF.VERIFIED : CONF.TAGGED;
}

/** An SIS TIFF from a TEM camera (by camera name, TEM software, or a magnification beyond light optics) is a TEM image (docs/formats.md §3.2). */
function temFacts(f: Found, software: string | undefined): void {
  const camera = f.facts.detector?.value;
  const mag = f.facts.magnification?.value;
  const why = camera && SIS_TEM_CAMERAS.test(camera)
    ? `camera "${camera}" is an Olympus SIS/EMSIS TEM camera`
    : software && SIS_TEM_SOFTWARE.test(software)
      ? `written by "${text(software)}", Olympus SIS/EMSIS TEM software`
      : mag !== undefined && mag > LIGHT_MAX_MAGNIFICATION
        ? `magnification ${mag}× is beyond light microscopes (≤ ~1500×)`
        : undefined;
  if (!why) return;
  f.facts.imagingMode = { value: 'TEM', provenance: 'header' };
  f.facts.arrangement = { value: 'image', provenance: 'header' };
  f.say(`Olympus SIS TIFF of a transmission electron microscope: ${why}.`, 0.6);
}

async function gatan(t: TiffFile, f: Found, c: Classification): Promise<number> {
  const tags = t.tagsBetween(PRIVATE.GatanFirst, PRIVATE.GatanLast);
  f.header.dmTags = tags.length;
  const unit = text(await t.text(PRIVATE.GatanXUnit));
  const sx = t.entry(PRIVATE.GatanXScale)?.type === T.DOUBLE ? await t.number(PRIVATE.GatanXScale) : undefined;
  const sy = t.entry(PRIVATE.GatanYScale)?.type === T.DOUBLE ? await t.number(PRIVATE.GatanYScale) : undefined;
  if (unit) f.header.dmUnit = unit;
  if (sx !== undefined && unit) {
    const px = nm(sx, unit);
    setPixelSize(f, px, sy !== undefined ? nm(sy, unit) : undefined);
    if (px !== undefined) f.say(`DigitalMicrograph scale (tag 65009) ${sx} ${unit} → ${f.facts.pixelSize?.value.x} nm per pixel.`, 0.5);
    else f.problems.push(`DigitalMicrograph unit "${unit}" is not a length (a diffraction pattern?) — no pixel size.`);
  }
  const tree = t.entry(PRIVATE.GatanTagTree);
  if (tree?.byteSize !== undefined) f.header.dmTagTreeBytes = tree.byteSize;
  f.say(`DigitalMicrograph TIFF export: ${tags.length} tags in 65003–65027${c.verified ? ', with an embedded DM4 tag tree (65027)' : ''}.`, 0.7);
  return c.verified ? CONF.VERIFIED : CONF.TAGGED;
}

/** JEOL TIFF (TemReporter XML, Make "JEOL"), Olympus SIS TIFF (tag 33560/33471) and Gatan DigitalMicrograph TIFF export (65003–65027). */
export const emVendorDetector = tiffDetector('tiff-em-vendors', ['jeol-tiff', 'olympus-sis-tiff', 'gatan-tiff'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const confidence = c.format === 'jeol-tiff' ? await jeol(t, f, c) : c.format === 'olympus-sis-tiff' ? await sis(t, f, c) : await gatan(t, f, c);
  const res = await resolutionNm(t);
  if (res.xres !== undefined && !f.facts.pixelSize) f.say('XResolution ignored: EM TIFF resolution tags are not pixel sizes (docs/formats.md §0.4).', 0.1);
  return f.finish(t, c.format, confidence);
});
