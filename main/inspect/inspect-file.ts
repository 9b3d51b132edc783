import path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { InspectResult } from '../../shared/model/inspect-result';
import { formatInfo } from '../../shared/formats/format-catalog';
import { contextFromFile } from '../formats/context';
import { identify } from '../formats/registry';
import { describeOsError } from '../scan/os-error';

/** Why `inspect` could not look at a path at all. */
export class InspectError extends Error {}

/** What the format engine knows about one file: format, confidence, facts with provenance, evidence and problems. */
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
  try {
    const found = await identify(opened.ctx);
    return {
      path: abs,
      size: st.size,
      modifiedAt: new Date(st.mtimeMs).toISOString(),
      format: found.format,
      formatSource: found.formatSource,
      kind: formatInfo(found.format)?.kind ?? 'unknown',
      confidence: found.confidence,
      facts: found.facts,
      evidence: [...found.evidence],
      problems: [...found.problems],
    };
  } finally {
    await opened.close();
  }
}
