import path from 'node:path';
import { existsSync } from 'node:fs';

/** Where the demo study sits in a source checkout, relative to the repository root. */
export const DEMO_STUDY_REL = path.join('demo', 'study');

/** Where electron-builder puts it in a packaged app, relative to `process.resourcesPath` (electron-builder.yml). */
export const PACKAGED_DEMO_DIR = 'demo-study';

/** Folder levels searched upwards for the checkout's demo study (app/dist/main → repository root is 3). */
const MAX_LEVELS_UP = 4;

/**
 * Finds the bundled demo study: beside a packaged app's resources, else in the checkout above `fromDir`.
 * `null` when neither exists (a build that left it out).
 */
export function locateDemoStudy(fromDir: string, resourcesPath?: string): string | null {
  if (resourcesPath) {
    const packaged = path.join(resourcesPath, PACKAGED_DEMO_DIR);
    if (existsSync(packaged)) return packaged;
  }
  let dir = fromDir;
  for (let i = 0; i <= MAX_LEVELS_UP; i++) {
    const candidate = path.join(dir, DEMO_STUDY_REL);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}
