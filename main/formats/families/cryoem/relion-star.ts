import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts } from '../../../../shared/formats/facts';
import { toNumber, within } from '../../kit/numbers';
import { angstromToNm } from '../../kit/units';
import { guardDetector } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { textOf } from '../../kit/text';
import { hasLineTerminator, isSpace, isWordChar, skipSpace, terminatedLines } from '../../kit/trim';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';

/**
 * RELION STAR files (docs/formats.md §1, §16; teamtomo/starfile tests/data): `data_<name>` blocks, each
 * either `_rlnLabel value` pairs or a `loop_` of labels (`_rlnLabel #n`) followed by rows; comments start with
 * `#` (`# version 30001`). Only the head is read: the labels and optics/general blocks come first, a particle
 * table may run to gigabytes after them.
 */
const DATA_BLOCK = /^data_(\S*)\s*$/;
/** Most blocks and labels kept (a particles file has ~3 blocks and ~30 labels). */
const MAX_BLOCKS = 256;
const MAX_LABELS_PER_BLOCK = 512;

interface Block {
  readonly name: string;
  loop: boolean;
  readonly labels: string[];
  /** Values of non-loop pairs, and of the first row of a loop, by label. */
  readonly values: Map<string, string>;
}

/**
 * A label line (trimmed): `_rln` and word characters, then blanks and the rest of the line as its value;
 * `undefined` when the label is followed by something else, or its value holds a line terminator (CR, U+2028,
 * U+2029: `.` never matched them). Was `/^(_rln\w+)(?:\s+(.*?))?\s*$/`, quadratic when the lazy value met
 * blanks then a CR (issue 12, finding 1); this scan is linear.
 */
function labelOf(line: string): { label: string; value?: string } | undefined {
  if (!line.startsWith('_rln')) return undefined;
  let i = 4;
  while (i < line.length && isWordChar(line.charCodeAt(i))) i++;
  if (i === 4) return undefined;
  if (i === line.length) return { label: line };
  if (!isSpace(line[i])) return undefined;
  const value = line.slice(skipSpace(line, i));
  return hasLineTerminator(value) ? undefined : { label: line.slice(0, i), value };
}

/**
 * The RELION version a comment names (`# RELION version 5.0; version 50001` style: `#`, blanks, `RELION`, then
 * after the next `;` blanks, `version`, blanks and digits/dots). Was `/#\s*RELION[^;\n]*;\s*version\s+([\d.]+)/i`,
 * whose scan to the next `;` from every `#RELION` was quadratic; the comment is cut at `;` once instead.
 */
function relionVersionOf(comment: string): string | undefined {
  const parts = comment.split(';');
  for (let i = 0; i + 1 < parts.length; i++) {
    // Comments are single lines, so the `[^;\n]` of the pattern this replaces is any text before the `;`.
    if (!/#\s*RELION/i.test(parts[i]!)) continue;
    const v = /^\s*version\s+([\d.]+)/i.exec(parts[i + 1]!)?.[1];
    if (v) return v;
  }
  return undefined;
}

function splitRow(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

function parse(text: string): { blocks: Block[]; comments: string[] } {
  const blocks: Block[] = [];
  const comments: string[] = [];
  let block: Block | undefined;
  let inLoop = false;
  let rowRead = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      if (comments.length < MAX_BLOCKS) comments.push(line);
      continue;
    }
    const d = DATA_BLOCK.exec(line);
    if (d) {
      if (blocks.length >= MAX_BLOCKS) break;
      block = { name: d[1] ?? '', loop: false, labels: [], values: new Map() };
      blocks.push(block);
      inLoop = false;
      rowRead = false;
      continue;
    }
    if (!block) continue;
    if (line === 'loop_') {
      // A new loop in the same block (rare) starts a block of its own for bookkeeping.
      if (block.labels.length > 0) {
        block = { name: block.name, loop: true, labels: [], values: new Map() };
        if (blocks.length >= MAX_BLOCKS) break;
        blocks.push(block);
      } else block.loop = true;
      inLoop = true;
      rowRead = false;
      continue;
    }
    const l = labelOf(line);
    if (l) {
      if (block.labels.length >= MAX_LABELS_PER_BLOCK) continue;
      block.labels.push(l.label);
      const rest = l.value?.trim();
      if (!inLoop && rest && !rest.startsWith('#')) block.values.set(l.label, splitRow(rest)[0] ?? rest);
      continue;
    }
    if (inLoop && !rowRead && block.labels.length > 0) {
      const cells = splitRow(line);
      block.labels.forEach((label, i) => {
        const v = cells[i];
        if (v !== undefined) block!.values.set(label, v);
      });
      rowRead = true;
    }
  }
  return { blocks, comments };
}

function has(blocks: readonly Block[], label: string): boolean {
  return blocks.some((b) => b.labels.includes(label));
}

function valueOf(blocks: readonly Block[], label: string): string | undefined {
  for (const b of blocks) {
    const v = b.values.get(label);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** What the file holds, from its block names and labels (RELION's own file conventions). */
function kindOf(blocks: readonly Block[]): { kind: string; because: string } | undefined {
  const names = new Set(blocks.map((b) => b.name));
  if (has(blocks, '_rlnPipeLineProcessName') || names.has('pipeline_general')) return { kind: 'pipeline', because: 'data_pipeline_* blocks (a RELION project default_pipeline.star)' };
  if (names.has('general') && has(blocks, '_rlnFinalResolution')) return { kind: 'postprocess', because: 'data_general with _rlnFinalResolution (PostProcess output)' };
  if (has(blocks, '_rlnJobTypeLabel') || names.has('job')) return { kind: 'job', because: 'data_job (a job.star)' };
  if (names.has('model_general') || has(blocks, '_rlnReferenceImage')) return { kind: 'model', because: 'data_model_* blocks (a refinement model.star)' };
  if (has(blocks, '_rlnTomoTiltSeriesStarFile') || has(blocks, '_rlnTomoTiltSeriesName')) return { kind: 'tilt-series', because: 'RELION-5 tomography tilt-series labels' };
  if (has(blocks, '_rlnImageName') || names.has('particles') || has(blocks, '_rlnCenteredCoordinateXAngst')) return { kind: 'particles', because: '_rlnImageName / data_particles' };
  if (has(blocks, '_rlnMicrographMovieName')) return { kind: 'movies', because: '_rlnMicrographMovieName' };
  if (has(blocks, '_rlnMicrographName') || names.has('micrographs')) return { kind: 'micrographs', because: '_rlnMicrographName' };
  if (has(blocks, '_rlnCoordinateX')) return { kind: 'coordinates', because: '_rlnCoordinateX without image names' };
  return undefined;
}

async function read(ctx: DetectContext): Promise<Detection | null> {
  const text = textOf(ctx.head);
  if (text === null) return null;
  const { blocks, comments } = parse(text);
  const labelled = blocks.filter((b) => b.labels.length > 0);
  if (labelled.length === 0) return null;
  const facts: Facts = {};
  const evidence: Evidence[] = [];
  const problems: string[] = [];
  const totalLabels = labelled.reduce((n, b) => n + b.labels.length, 0);
  evidence.push(fromHeader(`STAR file: ${blocks.length} data_ block(s) (${blocks.slice(0, 4).map((b) => `data_${b.name}`).join(', ')}${blocks.length > 4 ? ', …' : ''}) with ${totalLabels} _rln labels: RELION.`, 1));
  if (ctx.size > ctx.head.length) problems.push(`Read the first ${ctx.head.length} bytes of ${ctx.size}: labels and optics come first, rows after are not read.`);
  const kind = kindOf(labelled);
  facts.processing = { value: { tool: 'RELION', ...(kind ? { kind: kind.kind } : {}) }, provenance: 'header' };
  if (kind) evidence.push(fromHeader(`Holds RELION ${kind.kind}: ${kind.because}.`, 0.6));
  facts.creator = { value: 'RELION', provenance: 'header' };
  const version = comments.map(relionVersionOf).find(Boolean);
  if (version) facts.software = { value: `RELION ${version}`, provenance: 'header' };
  const px = ['_rlnImagePixelSize', '_rlnMicrographPixelSize', '_rlnMicrographOriginalPixelSize', '_rlnTomoTiltSeriesPixelSize']
    .map((l) => [l, within(toNumber(valueOf(labelled, l)), 1e-3, 1e8)] as const)
    .find(([, v]) => v !== undefined);
  if (px) {
    facts.pixelSize = { value: { x: angstromToNm(px[1]!) }, unit: 'nm', provenance: 'header' };
    evidence.push(fromHeader(`Pixel size ${px[1]} Å from ${px[0]}.`, 0.3));
  }
  const kv = within(toNumber(valueOf(labelled, '_rlnVoltage')), 1, 10_000);
  if (kv !== undefined) facts.voltageKV = { value: kv, unit: 'kV', provenance: 'header' };
  const tomo = has(labelled, '_rlnTomoName');
  if (tomo) evidence.push(fromHeader('_rlnTomoName: RELION tomography (sub-tomogram averaging) data.', 0.5));
  const formatVersion = comments.map((c) => /^#\s*version\s+(\d+)/.exec(c)?.[1]).find(Boolean);
  facts.header = {
    value: {
      blocks: blocks.map((b) => b.name).slice(0, 8).join(',') || null,
      labels: totalLabels,
      starVersion: formatVersion ? Number(formatVersion) : null,
      tomography: tomo,
      finalResolutionA: within(toNumber(valueOf(labelled, '_rlnFinalResolution')), 1e-3, 1e4) ?? null,
      optics: blocks.some((b) => b.name === 'optics'),
    },
    provenance: 'header',
  };
  return detection('relion-star', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}

/** RELION STAR files: data_ blocks with _rln labels (pipelines, particles, post-processing, micrographs…). */
export const relionStarDetector: Detector = guardDetector({
  id: 'relion-star',
  formats: ['relion-star'],
  sniff: (ctx) => {
    const t = textOf(ctx.head);
    if (t === null) return false;
    // `/^data_/m` and `/^\s*_rln/m` on the head, line by line: the `\s*` of the second ran over every blank
    // line from each line start, quadratic on a head of blank lines (issue 12, finding 1).
    const lines = terminatedLines(t);
    return lines.some((l) => l.startsWith('data_')) && lines.some((l) => l.trimStart().startsWith('_rln'));
  },
  detect: read,
});
