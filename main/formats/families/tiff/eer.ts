import { toNumber, nonNegativeInt as count } from '../../kit/numbers';
import { toNanometres as nm } from '../../kit/units';
import { withoutNul as text } from '../../kit/strings';
import { parseXml, xmlAll, xmlAttr, xmlText, type XmlNode } from '../../kit/xml';
import { CONF, Found, readBase, setDimensions, setPixelSize, tiffDetector } from './found';
import { MAX_GAIN_XML_BYTES } from './classify';
import { type TiffFile } from './reader';
import { PRIVATE } from './tags';

/** Most <item> elements read from the EER acquisition XML (real files hold about 20). */
const MAX_ITEMS = 500;
/** Most defect elements counted in a gain reference (real lists: hundreds). */
const MAX_DEFECTS = 100_000;
/** Å per metre, for dose per pixel → per Å² (facts.ts: dose in e/Å²). */
const ANGSTROM_PER_M = 1e10;
/** Dose units that already are per Å², as writers spell them. */
const PER_A2 = new Set(['e/Å²', 'e/Å^2', 'e/A^2', 'e/A2', 'e/Å2', 'e-/Å²', 'e-/A^2']);
/** Dose units per square metre. */
const PER_M2 = new Set(['e/m²', 'e/m^2', 'e/m2']);
/** Dose units per pixel. */
const PER_PIXEL = new Set(['e/pixel', 'e/px', 'e-/pixel', 'e/pix']);

interface Item {
  readonly value: string;
  readonly unit?: string;
}

/** Items of `<metadata><item name=".." unit="..">value</item>…</metadata>` (tifffile eer_metadata; teamtomo EER readers). */
function items(xml: string): Map<string, Item> {
  const out = new Map<string, Item>();
  const tree: XmlNode | null = parseXml(xml);
  for (const node of xmlAll(tree ?? undefined, 'metadata', 'item').slice(0, MAX_ITEMS)) {
    const name = xmlAttr(node, 'name');
    const value = xmlText(node);
    if (name && value !== undefined && !out.has(name)) out.set(name, { value, unit: xmlAttr(node, 'unit') });
  }
  return out;
}

async function movie(t: TiffFile, f: Found, verified: boolean): Promise<number> {
  const xml = (await t.text(PRIVATE.EerAcquisition)) ?? '';
  const it = items(xml);
  if (!t.has(PRIVATE.EerAcquisition)) f.problems.push('No acquisition metadata (tag 65001): camera, dose and pixel size are not in the file (EER before format v2.2, or the tag was removed).');
  else if (it.size === 0) f.problems.push('The EER acquisition XML (tag 65001) has no <item> elements.');
  const commercial = text(it.get('commercialName')?.value);
  const camera = text(it.get('cameraName')?.value);
  const detector = commercial ?? camera;
  if (detector) f.facts.detector = { value: detector, provenance: 'header' };
  if (camera) f.header.cameraName = camera;
  const serial = text(it.get('serialNumber')?.value);
  if (serial) f.header.serialNumber = serial;
  const w = it.get('sensorPixelSize.width');
  const h = it.get('sensorPixelSize.height');
  const px = nm(toNumber(w?.value), w?.unit ?? 'm');
  setPixelSize(f, px, nm(toNumber(h?.value), h?.unit ?? 'm'));
  const frames = count(toNumber(it.get('numberOfFrames')?.value));
  setDimensions(f, { frames });
  const exposure = toNumber(it.get('exposureTime')?.value);
  if (exposure !== undefined) f.header.exposureTime = `${exposure} ${it.get('exposureTime')?.unit ?? 's'}`;
  const dose = it.get('totalDose');
  const doseValue = toNumber(dose?.value);
  if (dose && doseValue !== undefined && doseValue >= 0) {
    const unit = dose.unit?.trim();
    const perA2 =
      unit === undefined
        ? undefined
        : PER_A2.has(unit)
          ? doseValue
          : PER_M2.has(unit)
            ? doseValue / ANGSTROM_PER_M ** 2
            : PER_PIXEL.has(unit) && px !== undefined
              ? doseValue / (px * 10) ** 2 // px in nm → Å
              : undefined;
    if (perA2 !== undefined) f.facts.dose = { value: Number(perA2.toPrecision(6)), unit: 'e/Å²', provenance: 'header' };
    else f.header.totalDose = `${dose.value}${unit ? ` ${unit}` : ''}`;
  }
  f.facts.arrangement = { value: 'movie', provenance: 'header' };
  f.facts.imagingMode = { value: 'TEM', provenance: 'header' };
  const pages = await t.pages();
  f.header.pages = pages.count;
  f.header.pagesComplete = pages.complete;
  const compression = await t.number(259);
  f.say(
    `EER acquisition XML: ${it.size} items${detector ? `, camera ${detector}` : ''}${frames !== undefined ? `, ${frames} frames declared` : ''}; ${pages.complete ? '' : 'at least '}${pages.count} IFD(s) in the file; IFD0 compression ${compression ?? '?'}.`,
    0.8,
  );
  if (frames !== undefined && pages.complete && pages.count < frames) f.problems.push(`numberOfFrames says ${frames} but the file holds ${pages.count} IFDs (truncated movie?).`);
  f.say('EER is written by Falcon direct electron detectors on transmission electron microscopes.', 0.3);
  return verified ? CONF.VERIFIED : CONF.TAGGED;
}

async function gain(t: TiffFile, f: Found): Promise<number> {
  const xml = (await t.text(PRIVATE.EerGain, MAX_GAIN_XML_BYTES)) ?? '';
  const tree = parseXml(xml);
  const root = tree ? Object.keys(tree).find((k) => !k.startsWith('?')) : undefined;
  let defects = 0;
  if (tree && root) {
    for (const kind of ['point', 'area', 'col', 'row']) {
      const n = Math.min(MAX_DEFECTS, xmlAll(tree, root, kind).length);
      if (n > 0) f.header[`defect${kind[0]!.toUpperCase()}${kind.slice(1)}s`] = n;
      defects += n;
    }
  }
  f.facts.arrangement = { value: 'image', provenance: 'header' };
  f.say(`EER gain reference: defect XML in tag 65100 with ${defects} defect entries (point/area/col/row, scipion-em-motioncorr parseEERDefects).`, 0.8);
  return CONF.VERIFIED;
}

/** EER movies (BigTIFF + "<metadata>" acquisition XML in tag 65001; docs/formats.md §3.1) and EER gain references (.gain, defect XML in tag 65100). */
export const eerDetector = tiffDetector('eer', ['eer', 'eer-gain'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const confidence = c.format === 'eer' ? await movie(t, f, c.verified) : await gain(t, f);
  return f.finish(t, c.format, confidence);
});
