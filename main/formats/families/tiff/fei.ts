import { toNumber } from '../../kit/numbers';
import { toNanometres } from '../../kit/units';
import { withoutNul } from '../../kit/strings';
import { parseIni } from '../../kit/text';
import { parseXml, type XmlValue } from '../../kit/xml';
import { CONF, Found, readBase, resolutionNm, setInstrument, setPixelSize, tiffDetector } from './found';
import { type TiffFile } from './reader';
import { PRIVATE } from './tags';

/** Volts per kilovolt: FEI [Beam]/[EBeam] HV is in volts (e.g. HV=30000; NexusLIMS Quanta test, tifffile read_fei_metadata). */
const V_PER_KV = 1000;
/** Elements visited when walking FEI XML metadata (Titan); a few hundred in real files. */
const MAX_XML_NODES = 5000;

/** The FEI tag that holds the metadata: Titan first (Helios files may carry an empty Titan tag — Bio-Formats FEITiffReader). */
async function feiText(t: TiffFile): Promise<{ tag: number; text: string } | undefined> {
  for (const tag of [PRIVATE.FeiTitan, PRIVATE.FeiHelios, PRIVATE.FeiSfeg]) {
    const s = (await t.text(tag))?.replace(/\0/g, '').trim();
    if (s) return { tag, text: s };
  }
  return undefined;
}

/** Label/Value pairs and leaf elements of FEI XML (Bio-Formats FEIHandler), bounded. */
function flattenXml(node: XmlValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  let visited = 0;
  const walk = (v: XmlValue | undefined, name: string) => {
    if (v === undefined || visited++ > MAX_XML_NODES) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, name));
    if (typeof v !== 'object') {
      if (!out.has(name)) out.set(name, String(v));
      return;
    }
    const o = v as Record<string, XmlValue>;
    const label = o['Label'];
    const value = o['Value'];
    if (typeof label === 'string' && value !== undefined && typeof value !== 'object' && !out.has(label)) out.set(label, String(value));
    for (const [k, child] of Object.entries(o)) if (!k.startsWith('@_') && k !== 'Label' && k !== 'Value') walk(child, k === '#text' ? name : k);
  };
  walk(node, '');
  return out;
}

/**
 * FEI/Thermo SEM/FIB TIFF: INI (or XML) metadata in private tag 34680/34682/34683 (tifffile read_fei_metadata,
 * Bio-Formats FEITiffReader). Pixel size from [Scan] PixelWidth (m), never from XResolution (docs/formats.md §0.4).
 */
export const feiDetector = tiffDetector('fei-tiff', ['fei-tiff'], async (t, c) => {
  const f = new Found();
  await readBase(t, f);
  f.say(c.because, 0.9);
  const meta = await feiText(t);
  if (!meta) {
    f.problems.push('The FEI tag is empty.');
    return f.finish(t, 'fei-tiff', CONF.TAGGED);
  }
  f.header.feiTag = meta.tag;
  if (meta.text.startsWith('<')) {
    const flat = flattenXml(parseXml(meta.text) ?? undefined);
    if (flat.size === 0) f.problems.push('The FEI XML metadata could not be parsed.');
    setInstrument(f, f.facts.instrument?.value.manufacturer ?? 'FEI', flat.get('Microscope'));
    f.say(`FEI XML metadata with ${flat.size} fields; microscope ${flat.get('Microscope') ?? 'not named'}.`, 0.5);
    f.problems.push('FEI XML (Titan) metadata: pixel size, voltage and mode are not read from this layout yet.');
    return f.finish(t, 'fei-tiff', c.verified ? CONF.VERIFIED : CONF.TAGGED);
  }

  const ini = parseIni(meta.text);
  const section = (name: string) => ini.get(name) ?? ini.get(name.toUpperCase());
  const system = section('System');
  const beam = section('Beam');
  const beamName = beam?.get('Beam');
  const beamSection = beamName ? section(beamName) : undefined;
  const scan = section('Scan');
  const stage = section('Stage');
  const detectors = section('Detectors');
  const image = section('Image');

  const type = withoutNul(system?.get('Type'));
  if (type) f.header.systemType = type;
  const dnumber = withoutNul(system?.get('Dnumber'));
  if (dnumber) f.header.dnumber = dnumber;
  setInstrument(f, f.facts.instrument?.value.manufacturer ?? 'FEI', withoutNul(system?.get('SystemType')) ?? f.facts.instrument?.value.model);
  const software = withoutNul(system?.get('Software'));
  if (software) f.facts.software = { value: software, provenance: 'header' };

  const hv = toNumber(beamSection?.get('HV')) ?? toNumber(beam?.get('HV'));
  if (hv !== undefined && hv > 0) {
    f.facts.voltageKV = { value: hv / V_PER_KV, unit: 'kV', provenance: 'header' };
    f.say(`[${beamSection ? beamName : 'Beam'}] HV=${hv} V → ${hv / V_PER_KV} kV.`, 0.5);
  }
  if (beamName) f.header.beam = beamName;
  const imageMode = withoutNul(beam?.get('ImageMode'));
  if (imageMode) f.header.imageMode = imageMode;

  const pw = toNumber(scan?.get('PixelWidth'));
  const ph = toNumber(scan?.get('PixelHeight'));
  const px = toNanometres(pw, 'm');
  setPixelSize(f, px, toNanometres(ph, 'm'));
  if (px !== undefined) f.say(`[Scan] PixelWidth=${scan?.get('PixelWidth')} m → ${f.facts.pixelSize?.value.x} nm per pixel.`, 0.6);
  else if (scan?.get('PixelWidth') !== undefined) f.problems.push(`[Scan] PixelWidth "${scan.get('PixelWidth')}" is not a positive length — ignored.`);
  const res = await resolutionNm(t);
  if (res.xres !== undefined) f.say(`XResolution ${res.xres} px/${res.unit === 3 ? 'cm' : 'inch'} ignored: EM TIFF resolution tags are not pixel sizes (docs/formats.md §0.4).`, 0.1);

  const tilt = toNumber(stage?.get('StageT'));
  if (tilt !== undefined) f.header.stageT = tilt;
  const detector = withoutNul(detectors?.get('Name'));
  if (detector) f.facts.detector = { value: detector, provenance: 'header' };
  const detectorMode = withoutNul(detectors?.get('Mode'));
  if (detectorMode) f.header.detectorMode = detectorMode;
  const rx = toNumber(image?.get('ResolutionX'));
  if (rx !== undefined) f.header.scanResolutionX = rx;

  const hasIBeam = ini.has('IBeam');
  if (type === 'DualBeam' || hasIBeam) {
    f.facts.imagingMode = { value: 'FIB-SEM', provenance: 'header' };
    f.say(`${type === 'DualBeam' ? '[System] Type=DualBeam' : 'An [IBeam] section'}: a FIB-SEM (DualBeam) instrument${beamName === 'IBeam' ? '; this image was taken with the ion beam' : ''}.`, 0.8);
  } else if (meta.tag !== PRIVATE.FeiTitan) {
    f.facts.imagingMode = { value: 'SEM', provenance: 'header' };
    f.say(`FEI SEM metadata${type ? ` ([System] Type=${type})` : ''} without an ion beam.`, 0.6);
  }
  if (!c.verified || ini.size <= 1) f.problems.push('The FEI tag does not hold [Section] lines.');
  return f.finish(t, 'fei-tiff', c.verified ? CONF.VERIFIED : CONF.TAGGED);
});
