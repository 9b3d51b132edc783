import path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { InspectResult } from '../../shared/model/inspect-result';
import { classifyByName } from '../../shared/policy/name-only-decision';
import { describeOsError } from '../scan/os-error';

/** Why `inspect` could not look at a path at all. */
export class InspectError extends Error {}

/** Confidence in a format suggested by a known file name (vendors write these names verbatim). */
const NAME_CONFIDENCE = 0.3;
/** Confidence in a format suggested by the extension alone (reference/formats.md §0.2: extensions lie). */
const EXTENSION_CONFIDENCE = 0.2;

/**
 * What the engine knows about one file. Until the format engine reads headers this is the file's size,
 * time and what its name suggests, each with its provenance, and a problem saying the bytes were not read.
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
  const c = classifyByName(path.basename(abs));
  const confidence = c.formatSource === 'name' ? NAME_CONFIDENCE : c.formatSource === 'extension' ? EXTENSION_CONFIDENCE : 0;
  return {
    path: abs,
    size: st.size,
    modifiedAt: new Date(st.mtimeMs).toISOString(),
    format: c.format,
    formatSource: c.formatSource,
    kind: c.kind,
    confidence,
    facts: {},
    evidence: c.evidence,
    problems: ['The header reader for this format is not available yet: only the name was examined, the bytes were not read.'],
  };
}
