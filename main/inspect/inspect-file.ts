import path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { InspectResult } from '../../shared/model/inspect-result';
import { formatInfo } from '../../shared/formats/format-catalog';
import { contextFromFile } from '../formats/context';
import { identify } from '../formats/registry';
import { describeOsError } from '../scan/os-error';
import { readSidecars } from './sidecars';

/** Why `inspect` could not look at a path at all. */
export class InspectError extends Error {}

/**
 * What the format engine knows about one file: format, confidence, facts with provenance, evidence and problems;
 * for image data also the facts its same-folder sidecars lend it (an `.emi` for `x_1.ser`, an `.mdoc` for a
 * stack), as the scan would lend them, each with provenance `sidecar` and the sidecar's name as its source.
 */
export async function inspectFile(input: string, cwd: string = process.cwd()): Promise<InspectResult> {
  const abs = path.resolve(cwd, input);
  let st;
  try {
    st = await fsp.lstat(abs);
  } catch (err) {
    throw new InspectError(`${abs} cannot be inspected: ${describeOsError(err, 'input')}.`);
  }
  if (!st.isFile()) throw new InspectError(`${abs} is not a regular file${st.isDirectory() ? ' (it is a folder; use `scan`)' : ''}.`);
  let opened;
  try {
    opened = await contextFromFile(abs);
  } catch (err) {
    throw new InspectError(`${abs} cannot be read: ${describeOsError(err, 'input')}.`);
  }
  let found;
  try {
    found = await identify(opened.ctx);
  } finally {
    await opened.close();
  }
  const kind = formatInfo(found.format)?.kind ?? 'unknown';
  // Image data borrow what their same-folder sidecars say, through the scan's own layout code (sidecars.ts).
  const borrowed = kind === 'image' ? await readSidecars(abs, { name: path.basename(abs), format: found.format, facts: found.facts, evidence: found.evidence }) : undefined;
  return {
    path: abs,
    size: st.size,
    modifiedAt: new Date(st.mtimeMs).toISOString(),
    format: found.format,
    formatSource: found.formatSource,
    kind,
    confidence: found.confidence,
    facts: borrowed?.facts ?? found.facts,
    evidence: [...found.evidence, ...(borrowed?.evidence ?? [])],
    problems: [...found.problems, ...(borrowed?.problems ?? [])],
  };
}
