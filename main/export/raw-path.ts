import { readdirSync } from 'node:fs';
import path from 'node:path';

/** U+FFFD: what the walker's names hold where the bytes on disk were not UTF-8 (main/scan/walker.ts). */
const REPLACEMENT = '\uFFFD';

/** A listed file as the OS knows it: the path to open and its root-relative name, both as bytes when not UTF-8. */
export interface OnDiskName {
  readonly abs: string | Buffer;
  /** The root-relative POSIX path as the bytes on disk: what a manifest line must hold for `md5sum -c`. */
  readonly relBytes: Buffer;
}

/**
 * Finds the on-disk bytes of report paths whose names are not UTF-8. The scan keeps such names as lossy
 * text (U+FFFD in place of the bad bytes); this lists the folders again as bytes and matches the entry whose
 * lossy form is the name. Ambiguous or vanished names give `null` (the caller reports the file).
 * Folder listings are cached, so a folder of many such files is read once.
 */
export class RawPathResolver {
  private readonly listings = new Map<string, Buffer[] | null>();

  /** The bytes of `rel` under `root` (`null` when it cannot be matched to exactly one entry). */
  resolve(root: string, rel: string): OnDiskName | null {
    if (!rel.includes(REPLACEMENT)) return { abs: path.join(root, ...rel.split('/')), relBytes: Buffer.from(rel, 'utf8') };
    let dir = Buffer.from(root, 'utf8');
    const parts: Buffer[] = [];
    for (const segment of rel.split('/')) {
      let bytes: Buffer;
      if (!segment.includes(REPLACEMENT)) {
        bytes = Buffer.from(segment, 'utf8');
      } else {
        const matches = (this.list(dir) ?? []).filter((e) => e.toString('utf8') === segment);
        if (matches.length !== 1) return null;
        bytes = matches[0]!;
      }
      parts.push(bytes);
      dir = Buffer.concat([dir, Buffer.from(path.sep), bytes]);
    }
    return { abs: dir, relBytes: Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('/'), p]))) };
  }

  private list(dir: Buffer): Buffer[] | null {
    const key = dir.toString('hex');
    if (!this.listings.has(key)) {
      try {
        this.listings.set(key, readdirSync(dir, { encoding: 'buffer' }));
      } catch {
        this.listings.set(key, null);
      }
    }
    return this.listings.get(key) ?? null;
  }
}
