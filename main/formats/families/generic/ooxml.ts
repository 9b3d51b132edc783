import { Bytes } from '../../kit/bytes';
import { fromHeader } from '../../kit/evidence';
import { neverThrow } from '../../kit/read';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { readDirectory } from './zip';

/**
 * Office Open XML packages (ECMA-376 Part 2 "Open Packaging Conventions": a ZIP whose part names include
 * `[Content_Types].xml`, §10.1.2.4). Which application wrote it follows from the main part, at the part names
 * ECMA-376 Part 1 uses and every writer keeps (python-docx, openpyxl, python-pptx, Office): word/document.xml
 * (WordprocessingML), xl/workbook.xml (SpreadsheetML), ppt/presentation.xml (PresentationML). docs/formats.md §22.1.
 */
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04] as const; // "PK\3\4" (APPNOTE §4.3.7)
const CONTENT_TYPES = '[Content_Types].xml';
const MAIN_PARTS = [
  { part: 'word/document.xml', format: 'docx', what: 'a Word (WordprocessingML) document' },
  { part: 'xl/workbook.xml', format: 'xlsx', what: 'an Excel (SpreadsheetML) workbook' },
  { part: 'ppt/presentation.xml', format: 'pptx', what: 'a PowerPoint (PresentationML) presentation' },
] as const;
type OoxmlFormat = (typeof MAIN_PARTS)[number]['format'];
/** Extensions of each application's packages (macro-enabled and template variants included). */
const EXTENSIONS: Readonly<Record<OoxmlFormat, readonly string[]>> = {
  docx: ['.docx', '.docm', '.dotx', '.dotm'],
  xlsx: ['.xlsx', '.xlsm', '.xltx', '.xltm'],
  pptx: ['.pptx', '.pptm', '.potx', '.potm', '.ppsx'],
};

async function detectOoxml(ctx: DetectContext): Promise<Detection | null> {
  if (!new Bytes(ctx.head).startsWith(LOCAL_HEADER)) return null;
  const dir = await readDirectory(ctx);
  if (!dir || !dir.names.includes(CONTENT_TYPES)) return null;
  const main = MAIN_PARTS.find((m) => dir.names.includes(m.part));
  const byExt = (Object.keys(EXTENSIONS) as OoxmlFormat[]).find((f) => EXTENSIONS[f].includes(ctx.ext));
  const format = main?.format ?? byExt;
  if (!format) return null;
  const what = MAIN_PARTS.find((m) => m.format === format)!.what;
  const evidence = [
    fromHeader(`ZIP package with "${CONTENT_TYPES}" (ECMA-376 Part 2 Open Packaging Conventions)${main ? ` and the main part ${main.part}` : ''}: ${what}.`, 1),
  ];
  const problems = [...dir.problems];
  if (!main) problems.push(`No ${MAIN_PARTS.map((m) => m.part).join(' / ')} part: the application was taken from the extension ${ctx.ext}.`);
  return detection(format, main ? CONFIDENCE.STRUCTURE : CONFIDENCE.WEAK, {
    facts: { header: { value: { parts: dir.entries, ...(dir.encrypted ? { encrypted: true } : {}) }, provenance: 'header' } },
    evidence,
    problems,
  });
}

/** Word, Excel and PowerPoint OOXML packages (.docx, .xlsx, .pptx), read from the ZIP central directory. */
export const ooxmlDetector: Detector = {
  id: 'ooxml',
  formats: ['docx', 'xlsx', 'pptx'],
  sniff: (ctx) => new Bytes(ctx.head).startsWith(LOCAL_HEADER),
  detect: (ctx) => neverThrow(() => detectOoxml(ctx), () => null),
};
