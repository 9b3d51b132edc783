import type { Detector } from '../../detector';
import { gzipDetector, tarDetector } from './archive';
import { csvDetector } from './csv';
import { jpegDetector } from './jpeg';
import { jsonDetector } from './json';
import { bigwarpDetector, ecClemDetector } from './landmarks';
import { ooxmlDetector } from './ooxml';
import { osClutterDetector } from './os-clutter';
import { pdfDetector } from './pdf';
import { pngDetector } from './png';
import { textDetector } from './text';
import { affineMatrixDetector, elastixDetector, itkDetector } from './transforms';
import { xmlDetector } from './xml';
import { zipDetector } from './zip';

/**
 * Generic formats — PNG, JPEG, PDF, archives, text, tables, XML, JSON — and registration/transform files; low
 * confidence so specific readers win. Most specific first, so that in a tie without a telling extension the
 * specific one is kept.
 */
export const genericDetectors: readonly Detector[] = [
  osClutterDetector,
  bigwarpDetector,
  ecClemDetector,
  elastixDetector,
  itkDetector,
  pngDetector,
  jpegDetector,
  pdfDetector,
  ooxmlDetector,
  zipDetector,
  tarDetector,
  gzipDetector,
  // Before the plain text formats it refines: a table or XML holding an affine matrix is correlation information.
  affineMatrixDetector,
  xmlDetector,
  jsonDetector,
  csvDetector,
  textDetector,
];
