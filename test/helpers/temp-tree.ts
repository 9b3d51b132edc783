import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Contents of a file in a tree spec: text, bytes, or a size in bytes (zero-filled). */
export type FileSpec = string | Uint8Array | number;

/** Creates a fresh folder under the OS temp dir; removed by `removeTree`. */
export function makeTempDir(prefix = 'da-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes a tree of files (POSIX relative paths → contents) into a new temp folder and returns it. */
export function makeTree(files: Readonly<Record<string, FileSpec>>, root: string = makeTempDir()): string {
  for (const [rel, spec] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, typeof spec === 'number' ? Buffer.alloc(spec) : spec);
  }
  return root;
}

/** Removes a temp tree. */
export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** Every regular file under root as POSIX relative paths, sorted — found independently of the walker. */
export function listRegularFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, rel))) {
    const child = rel ? `${rel}/${name}` : name;
    const st = lstatSync(path.join(root, child));
    if (st.isDirectory()) out.push(...listRegularFiles(root, child));
    else if (st.isFile()) out.push(child);
  }
  return out.sort();
}

/** `count` names from a printf-like template with one `%d`, zero-padded to `width`. */
export function numbered(template: string, count: number, width = 4, start = 1): string[] {
  return Array.from({ length: count }, (_, i) => template.replace('%d', String(start + i).padStart(width, '0')));
}
