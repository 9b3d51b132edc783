import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { toNumber, count, within } from '../../kit/numbers';
import { metresToNm, voltsToKv } from '../../kit/units';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { clean } from '../../kit/strings';
import { textOf } from '../../kit/text';
import { parseXml, xmlAll, xmlAt, xmlRootName, xmlText, type XmlValue } from '../../kit/xml';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * Thermo Fisher EPU files (docs/formats.md §1, §7; sample epu/ from DiamondLightSource/smartem-decisions):
 * per-image XML with root MicroscopeImage in the data-contract namespace …/Fei.SharedObjects, and the session
 * files (EpuSession.dm, Atlas.dm, Metadata/GridSquare_*.dm) that are XML in …/Applications.Epu.Persistence
 * despite their ".dm" extension.
 */
const IMAGE_NS = 'schemas.datacontract.org/2004/07/Fei.SharedObjects';
const SESSION_NS = 'schemas.datacontract.org/2004/07/Applications.Epu.Persistence';
/** Per-image XML is ~16 kB; 4 MiB leaves room for very long CustomData lists. */
const MAX_IMAGE_XML_BYTES = 4 * 1024 * 1024;
/** Session files are 100s of kB; everything we read sits in the first few kB, so the head is enough. */
const SESSION_SCAN_CHARS = 64 * 1024;
/** m² per Å²: EPU writes Dose in electrons per m² (sample: 1.44e21 e/m² = 14.4 e/Å²). */
const M2_PER_A2 = 1e-20;

/** The CustomData / CameraSpecificInput key–value pairs (a:KeyValueOfstringanyType with a:Key, a:Value). */
function keyValues(node: XmlValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const kv of xmlAll(node, 'KeyValueOfstringanyType')) {
    const k = xmlText(xmlAt(kv, 'Key'));
    const v = xmlAt(kv, 'Value');
    const text = xmlText(v);
    if (k && text !== undefined && !out.has(k)) out.set(k, text);
    // FractionationSettings nests its value: <b:NumberOffractions>50</b:NumberOffractions>.
    const fractions = xmlText(xmlAt(v, 'NumberOffractions'));
    if (k && fractions !== undefined) out.set(`${k}.NumberOffractions`, fractions);
  }
  return out;
}

function text(node: XmlValue | undefined, ...path: string[]): string | undefined {
  return clean(xmlText(xmlAt(node, ...path)));
}

function imageFacts(root: XmlValue): { facts: Facts; evidence: Evidence[] } {
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const md = xmlAt(root, 'microscopeData');
  const custom = keyValues(xmlAt(root, 'CustomData'));
  const cameraInput = keyValues(xmlAt(md, 'acquisition', 'camera', 'CameraSpecificInput'));
  const app = text(md, 'core', 'ApplicationSoftware');
  const version = text(md, 'core', 'ApplicationSoftwareVersion');
  if (app) {
    facts.creator = { value: app, provenance: 'header' };
    facts.software = { value: version ? `${app} ${version}` : app, provenance: 'header' };
    evidence.push(fromHeader(`ApplicationSoftware "${app}"${/tomo/i.test(app) ? ' (Thermo Tomography: cryo-ET)' : /epu/i.test(app) ? ' (single-particle acquisition)' : ''}.`, 0.7));
  }
  const volts = within(toNumber(text(md, 'gun', 'AccelerationVoltage')), 1e3, 1e7);
  if (volts !== undefined) facts.voltageKV = { value: voltsToKv(volts), unit: 'kV', provenance: 'header' };
  const model = text(md, 'instrument', 'InstrumentModel');
  if (model) facts.instrument = { value: { manufacturer: 'Thermo Fisher Scientific', model }, provenance: 'header' };
  const detector = clean([...custom].find(([k]) => /^Detectors\[.*\]\.CommercialName$/.test(k))?.[1]) ?? clean(custom.get('DetectorCommercialName')) ?? text(md, 'acquisition', 'camera', 'Name');
  if (detector) facts.detector = { value: detector, provenance: 'header' };
  const px = within(toNumber(text(root, 'SpatialScale', 'pixelSize', 'x', 'numericValue')), 1e-14, 1e-3);
  const py = within(toNumber(text(root, 'SpatialScale', 'pixelSize', 'y', 'numericValue')), 1e-14, 1e-3);
  if (px !== undefined) facts.pixelSize = { value: { x: metresToNm(px), ...(py !== undefined ? { y: metresToNm(py) } : {}) }, unit: 'nm', provenance: 'header' };
  const mag = within(toNumber(text(md, 'optics', 'TemMagnification', 'NominalMagnification')), 1, 1e8);
  if (mag !== undefined) facts.magnification = { value: mag, provenance: 'header' };
  const mode = text(md, 'optics', 'ColumnOperatingMode');
  if (mode === 'TEM' || mode === 'STEM') facts.imagingMode = { value: mode, provenance: 'header' };
  const dose = toNumber(custom.get('Dose'));
  if (dose !== undefined && dose > 0) {
    const perA2 = dose * M2_PER_A2;
    if (perA2 <= 1e4) {
      facts.dose = { value: Number(perA2.toPrecision(6)), unit: 'e/Å²', provenance: 'header' };
      evidence.push(fromHeader(`Dose ${perA2.toPrecision(4)} e/Å² on this image (CustomData Dose, written in e/m²).`, 0.3));
    }
  }
  const fractions = count(toNumber(cameraInput.get('FractionationSettings.NumberOffractions')));
  if (fractions !== undefined) facts.dimensions = { value: { frames: fractions }, provenance: 'header' };
  facts.header = {
    value: {
      camera: text(md, 'acquisition', 'camera', 'Name') ?? null,
      acquisitionDateTime: text(md, 'acquisition', 'acquisitionDateTime') ?? null,
      electronCounting: clean(custom.get('ElectronCountingEnabled') ?? cameraInput.get('ElectronCountingEnabled')) ?? null,
      exposureTime: toNumber(text(md, 'acquisition', 'camera', 'ExposureTime')) ?? null,
    },
    provenance: 'header',
  };
  return { facts, evidence };
}

async function readImage(ctx: DetectContext): Promise<Detection | null> {
  const head = textOf(ctx.head.subarray(0, 4096));
  if (head === null || xmlRootName(head) !== 'MicroscopeImage') return null;
  const prefix = await readPrefix(ctx, MAX_IMAGE_XML_BYTES);
  const t = textOf(prefix.bytes);
  const tree = t !== null && prefix.complete ? parseXml(t) : null;
  const root = tree ? xmlAt(tree, 'MicroscopeImage') : undefined;
  const inNamespace = head.includes(IMAGE_NS);
  const evidence = [fromHeader(`XML root MicroscopeImage${inNamespace ? ` in the ${IMAGE_NS} namespace` : ''}: a Thermo EPU/Tomography per-image metadata file.`, 1)];
  if (!root) {
    return detection('epu-xml', inNamespace ? CONFIDENCE.MAGIC : CONFIDENCE.WEAK, { evidence, problems: [prefix.complete ? 'The XML could not be parsed.' : 'The XML is too long to parse.'] });
  }
  const { facts, evidence: more } = imageFacts(root);
  return detection('epu-xml', inNamespace ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence: [...evidence, ...more] });
}

function sessionTag(head: string, tag: string): string | undefined {
  const m = new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*)?>([^<]{1,200})</`).exec(head);
  return clean(m?.[1]);
}

async function readSession(ctx: DetectContext): Promise<Detection | null> {
  const head = textOf(ctx.head.subarray(0, SESSION_SCAN_CHARS));
  if (head === null) return null;
  const root = xmlRootName(head);
  if (!root || !head.includes(SESSION_NS)) return null;
  const facts: Facts = { creator: { value: 'EPU', provenance: 'header' } };
  const version = /Applications\.Epu\.Persistence, Version=([\d.]+)/.exec(head)?.[1];
  facts.software = { value: version ? `EPU ${version}` : 'EPU', provenance: 'header' };
  const imageFormat = sessionTag(head, 'ImageFileFormat');
  const fractionsFormat = sessionTag(head, 'DoseFractionsOutputFormat');
  facts.header = { value: { root, imageFileFormat: imageFormat ?? null, doseFractionsOutputFormat: fractionsFormat ?? null, name: sessionTag(head, 'Name') ?? null }, provenance: 'header' };
  const evidence = [
    fromHeader(`XML root ${root} in the ${SESSION_NS} namespace: an EPU session file${ctx.ext === '.dm' ? ' (XML despite ".dm", not Gatan DigitalMicrograph)' : ''}.`, 1),
  ];
  if (imageFormat || fractionsFormat) evidence.push(fromHeader(`Images saved as ${imageFormat ?? '?'}, dose fractions as ${fractionsFormat ?? '?'}.`, 0.3));
  return detection('epu-session', CONFIDENCE.STRUCTURE, { facts, evidence });
}

function looksLikeXml(ctx: DetectContext, marker: string): boolean {
  const t = textOf(ctx.head.subarray(0, 4096));
  return t !== null && t.trimStart().startsWith('<') && t.includes(marker);
}

/** Thermo EPU per-image XML (MicroscopeImage, Fei.SharedObjects namespace). */
export const epuXmlDetector: Detector = guardDetector({
  id: 'epu-xml',
  formats: ['epu-xml'],
  sniff: (ctx) => looksLikeXml(ctx, 'MicroscopeImage'),
  detect: readImage,
});

/** Thermo EPU session files (EpuSession.dm, Atlas.dm, GridSquare_*.dm): XML despite ".dm". */
export const epuSessionDetector: Detector = guardDetector({
  id: 'epu-session',
  formats: ['epu-session'],
  sniff: (ctx) => looksLikeXml(ctx, 'Epu.Persistence'),
  detect: readSession,
});
