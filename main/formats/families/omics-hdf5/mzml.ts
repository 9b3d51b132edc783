import { decodeText, headIncludes, probedHeadText } from '../../kit/text';
import { xmlRootName } from '../../kit/xml';
import { attrs } from '../../kit/xml-scan';
import { exactNumber, positive } from '../../kit/numbers';
import { Bytes } from '../../kit/bytes';
import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { CONFIDENCE, detection, type DetectContext, type Detector } from '../../detector';

/** PSI mzML namespace (HUPO-PSI mzML 1.1 schema, mzML1.1.0.xsd). */
const MZML_NAMESPACE = 'http://psi.hupo.org/ms/mzml';
/**
 * Bytes read to reach <run>: cvList, fileDescription, referenceableParamGroupList, softwareList, scanSettingsList
 * and instrumentConfigurationList come before it, a few tens of kB at most.
 */
const MAX_MZML_HEADER_BYTES = 1024 * 1024;
/** Most cvParam elements looked at in the header part. */
const MAX_CV_PARAMS = 4000;
/** Bytes of the head probed for the root element in sniff. */
const SNIFF_BYTES = 4096;
/**
 * imzML (imzML 1.1 specification; pyimzml ImzMLParser scan_settings_params): mzML with the "Imaging MS Ontology" cv
 * (id IMS) and IMS: terms — 1000030 continuous / 1000031 processed storage, 1000080 UUID of the .ibd, 1000042/43
 * max count of pixels x/y, 1000046/47 pixel size x/y (µm unless a unit says otherwise). docs/formats.md §23.
 */
const IMS = { continuous: 'IMS:1000030', processed: 'IMS:1000031', uuid: 'IMS:1000080', pixelsX: 'IMS:1000042', pixelsY: 'IMS:1000043', sizeX: 'IMS:1000046', sizeY: 'IMS:1000047' } as const;
/** Unit Ontology length units (UO:0000017 micrometer, UO:0000018 nanometer, UO:0000008 meter, UO:0000016 millimeter) in nm. */
const UO_NM: Readonly<Record<string, number>> = { 'UO:0000017': 1e3, 'UO:0000018': 1, 'UO:0000008': 1e9, 'UO:0000016': 1e6 };
/** The .ibd binary starts with the 16-byte UUID the .imzML names (IMS:1000080); it has no magic (imzML 1.1 spec). */
const IBD_UUID_BYTES = 16;

interface CvParam {
  readonly accession: string;
  readonly name?: string;
  readonly value?: string;
  readonly unit?: string;
}

function cvParams(text: string): CvParam[] {
  const out: CvParam[] = [];
  for (const m of text.matchAll(/<(?:\w+:)?cvParam\b([^>]*)>/g)) {
    if (out.length >= MAX_CV_PARAMS) break;
    const a = attrs(m[1]!);
    const accession = a.get('accession');
    if (!accession) continue;
    out.push({ accession, ...(a.get('name') ? { name: a.get('name')! } : {}), ...(a.get('value') ? { value: a.get('value')! } : {}), ...(a.get('unitAccession') ? { unit: a.get('unitAccession')! } : {}) });
  }
  return out;
}

/** The document up to <run> (or MAX_MZML_HEADER_BYTES), from the head and at most one more read. */
async function headerText(ctx: DetectContext, head: string): Promise<string> {
  const run = head.search(/<(?:\w+:)?run\b/);
  if (run >= 0 || ctx.size <= ctx.head.length) return run >= 0 ? head.slice(0, run) : head;
  const more = await ctx.read(ctx.head.length, Math.min(ctx.size, MAX_MZML_HEADER_BYTES) - ctx.head.length);
  const all = head + decodeText(more);
  const end = all.search(/<(?:\w+:)?run\b/);
  return end >= 0 ? all.slice(0, end) : all;
}

/** mzML (PSI) and imzML (mzML with IMS imaging terms) mass-spectrometry files. */
export const mzmlDetector: Detector = {
  id: 'mzml',
  formats: ['mzml', 'imzml'],
  sniff: (ctx) => headIncludes(ctx.head.subarray(0, SNIFF_BYTES), 'mzML'),
  async detect(ctx) {
    const head = probedHeadText(ctx);
    if (!head) return null;
    const root = xmlRootName(head.text.slice(0, SNIFF_BYTES));
    if (root !== 'mzML' && root !== 'indexedmzML') return null;
    const text = await headerText(ctx, head.text);
    const params = cvParams(text);
    const param = (acc: string) => params.find((p) => p.accession === acc);
    const imsCv = /<(?:\w+:)?cv\b[^>]*\bid="IMS"/.test(text);
    const imsTerms = params.filter((p) => p.accession.startsWith('IMS:')).length;
    const namespaced = text.includes(MZML_NAMESPACE);
    const mzml = /<(?:\w+:)?mzML\b([^>]*)>/.exec(text);
    const version = mzml ? attrs(mzml[1]!).get('version') : undefined;
    const spectra = /<(?:\w+:)?spectrumList\b[^>]*\bcount="(\d+)"/.exec(head.text)?.[1];
    const software = /<(?:\w+:)?software\b([^>]*)>/.exec(text);
    const softwareAttrs = software ? attrs(software[1]!) : undefined;
    const facts: Facts = { omics: { value: { kind: 'mass-spectrometry' }, provenance: 'header' } };
    const softwareName = softwareAttrs?.get('id');
    if (softwareName) facts.software = { value: `${softwareName}${softwareAttrs?.get('version') ? ` ${softwareAttrs.get('version')}` : ''}`, provenance: 'header' };
    const header: Record<string, string | number | boolean> = { root, indexed: root === 'indexedmzML' };
    if (version) header['mzmlVersion'] = version;
    if (spectra) header['spectra'] = Number(spectra);
    const evidence: Evidence[] = [
      { source: 'header', detail: `XML root <${root}>${namespaced ? ` in the PSI namespace ${MZML_NAMESPACE}` : ''}${version ? `, version ${version}` : ''}.`, weight: namespaced ? 1 : 0.7 },
    ];
    if (!(imsCv || imsTerms > 0)) {
      return detection('mzml', namespaced ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts: { ...facts, header: { value: header, provenance: 'header' } }, evidence });
    }
    facts.spatial = { value: { platform: 'imzML', role: 'mass-spectrometry imaging' }, provenance: 'header' };
    const x = positive(exactNumber(param(IMS.pixelsX)?.value));
    const y = positive(exactNumber(param(IMS.pixelsY)?.value));
    if (x && Number.isSafeInteger(x)) facts.dimensions = { value: { x, ...(y && Number.isSafeInteger(y) ? { y } : {}) }, provenance: 'header' };
    const size = (p: CvParam | undefined) => {
      const v = positive(exactNumber(p?.value));
      const perUnit = UO_NM[p?.unit ?? 'UO:0000017'];
      return v !== undefined && perUnit !== undefined ? v * perUnit : undefined;
    };
    const sx = size(param(IMS.sizeX));
    const sy = size(param(IMS.sizeY));
    if (sx) facts.pixelSize = { value: { x: sx, ...(sy ? { y: sy } : {}) }, unit: 'nm', provenance: 'header' };
    const mode = param(IMS.continuous) ? 'continuous' : param(IMS.processed) ? 'processed' : undefined;
    if (mode) header['storage'] = mode;
    const uuid = param(IMS.uuid)?.value;
    if (uuid) header['ibdUuid'] = uuid;
    facts.header = { value: header, provenance: 'header' };
    evidence.push({ source: 'header', detail: `Imaging MS terms: ${imsCv ? 'cv "IMS" (Imaging MS Ontology) declared' : ''}${imsCv && imsTerms ? ', ' : ''}${imsTerms ? `${imsTerms} IMS: parameter(s)` : ''}${mode ? `, ${mode} storage` : ''}: an imzML file (binary data in the matching .ibd).`, weight: 1 });
    return detection('imzml', namespaced ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence });
  },
};

/** RFC 4122 UUID layout: variant bits 10xx in byte 8 and a version 1–5 in the high nibble of byte 6. */
function looksLikeUuid(b: Bytes): boolean {
  const version = (b.u8(6) ?? 0) >> 4;
  const variant = (b.u8(8) ?? 0) & 0xc0;
  return version >= 1 && version <= 5 && variant === 0x80;
}

function uuidText(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (v) => v.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The imzML binary partner (.ibd): no magic, only a 16-byte UUID at the start. Recognised only with the .ibd
 * extension and an RFC 4122-shaped UUID (writers such as pyimzml use uuid4), at WEAK confidence.
 */
export const ibdDetector: Detector = {
  id: 'imzml-ibd',
  formats: ['imzml'],
  sniff: (ctx) => ctx.ext === '.ibd',
  async detect(ctx) {
    if (ctx.ext !== '.ibd' || ctx.head.length < IBD_UUID_BYTES) return null;
    const b = new Bytes(ctx.head);
    if (!looksLikeUuid(b)) return null;
    const uuid = uuidText(ctx.head.subarray(0, IBD_UUID_BYTES));
    return detection('imzml', CONFIDENCE.WEAK, {
      facts: {
        omics: { value: { kind: 'mass-spectrometry' }, provenance: 'header' },
        spatial: { value: { platform: 'imzML', role: 'binary data (.ibd)' }, provenance: 'header' },
        header: { value: { ibdUuid: uuid, part: 'binary data' }, provenance: 'header' },
      },
      evidence: [
        { source: 'extension', detail: 'The .ibd extension: the binary half of an imzML pair.', weight: 0.4 },
        { source: 'header', detail: `Starts with an RFC 4122 UUID ${uuid}; the matching .imzML names it in IMS:1000080 (not checked here).`, weight: 0.3 },
      ],
      problems: ['.ibd files have no magic number: recognised from the extension and the UUID shape only.'],
    });
  },
};
