/**
 * Lines of a checksum manifest in the format `md5sum -c` / `sha256sum -c` read (GNU coreutils manual,
 * "cksum output modes", untagged format): the hex digest, a space, a space for text mode, and the file name.
 * A name holding a backslash, a newline or a carriage return is escaped (`\\`, `\n`, `\r`) and its line
 * starts with a backslash, so one line is always one file. Names are bytes: a name that is not UTF-8 is
 * written as the bytes the file system holds, which is what `md5sum -c` opens.
 */

const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const LETTER_N = 0x6e;
const LETTER_R = 0x72;

/** True when GNU's escaping applies to the name (it holds `\`, LF or CR). */
export function needsEscape(name: Uint8Array): boolean {
  return name.some((b) => b === BACKSLASH || b === NEWLINE || b === CARRIAGE_RETURN);
}

/** One manifest line, newline included: `<hex>  <name>\n`, or `\<hex>  <escaped name>\n`. */
export function manifestLine(hex: string, name: Uint8Array): Uint8Array {
  const escape = needsEscape(name);
  const out: number[] = [];
  if (escape) out.push(BACKSLASH);
  for (let i = 0; i < hex.length; i++) out.push(hex.charCodeAt(i));
  out.push(SPACE, SPACE);
  for (const b of name) {
    if (escape && b === BACKSLASH) out.push(BACKSLASH, BACKSLASH);
    else if (escape && b === NEWLINE) out.push(BACKSLASH, LETTER_N);
    else if (escape && b === CARRIAGE_RETURN) out.push(BACKSLASH, LETTER_R);
    else out.push(b);
  }
  out.push(NEWLINE);
  return Uint8Array.from(out);
}

/** Orders manifest entries by their name's bytes, so a manifest is the same whatever order the hashing finished in. */
export function compareNameBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
