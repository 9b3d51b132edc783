import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/**
 * Writes text to a file the user named in a save dialog, atomically: into a temporary file beside it, then
 * renamed over it, so an interrupted save never leaves half a BibTeX file where a whole one was.
 */
export async function saveTextFile(file: string, content: string): Promise<void> {
  const abs = path.resolve(file);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fsp.writeFile(tmp, content, { encoding: 'utf8', flag: 'wx' });
    await fsp.rename(tmp, abs);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}
