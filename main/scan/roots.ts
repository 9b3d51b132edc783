import path from 'node:path';
import { promises as fsp } from 'node:fs';
import type { Issue } from '../../shared/model/issue';
import { describeOsError } from './os-error';
import type { WalkRoot } from './walker';

/** A root the user gave that cannot be scanned, and why. */
export interface RootProblem {
  readonly input: string;
  readonly abs: string;
  readonly message: string;
}

/** The roots to walk, the ones that cannot be, and notes about roots dropped as duplicates or nested. */
export interface ResolvedRoots {
  readonly roots: readonly WalkRoot[];
  readonly problems: readonly RootProblem[];
  readonly notes: readonly Issue[];
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Resolves the folders a user chose: each must exist, be a folder (a link to one is fine) and be readable.
 * A root given twice, or lying inside another root, is dropped with a note so no file is counted twice.
 */
export async function resolveRoots(inputs: readonly string[], cwd: string = process.cwd()): Promise<ResolvedRoots> {
  const problems: RootProblem[] = [];
  const notes: Issue[] = [];
  const candidates: { abs: string; real: string; order: number }[] = [];

  await Promise.all(
    inputs.map(async (input, order) => {
      const abs = path.resolve(cwd, input);
      try {
        const st = await fsp.stat(abs);
        if (!st.isDirectory()) {
          problems.push({ input, abs, message: `${abs} is not a folder. Scan the folder that holds it, or use \`inspect\` for one file.` });
          return;
        }
        const dir = await fsp.opendir(abs);
        await dir.close();
        candidates.push({ abs, real: await fsp.realpath(abs), order });
      } catch (err) {
        problems.push({ input, abs, message: `${abs} cannot be scanned: ${describeOsError(err, 'input')}.` });
      }
    }),
  );

  // Outer folders first, so a nested root is seen after the root that contains it.
  const byDepth = [...candidates].sort((a, b) => a.real.length - b.real.length || a.order - b.order);
  const kept: typeof candidates = [];
  for (const c of byDepth) {
    const same = kept.find((k) => k.real === c.real);
    if (same) {
      notes.push({ severity: 'info', code: 'ROOT_DUPLICATE', path: c.abs, message: `Same folder as root ${same.abs}; scanned once.` });
      continue;
    }
    const outer = kept.find((k) => isInside(c.real, k.real));
    if (outer) {
      notes.push({ severity: 'warning', code: 'ROOT_OVERLAP', path: c.abs, message: `Lies inside root ${outer.abs}; its files are listed under that root only.` });
      continue;
    }
    kept.push(c);
  }
  kept.sort((a, b) => a.order - b.order);
  problems.sort((a, b) => inputs.indexOf(a.input) - inputs.indexOf(b.input));
  return { roots: kept.map((k, index) => ({ index, abs: k.abs })), problems, notes };
}
