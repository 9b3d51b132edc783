/**
 * Linear-time trims and character tests for text read from files. Patterns like `/\0+$/` or `/ +$/` are retried
 * at every position of a run that is not at the end, which is quadratic on crafted content (issue 12, finding 1);
 * these loops look at each character once.
 */

/** `s` without its trailing NUL characters (what `s.replace(/\0+$/, '')` gave, in linear time). */
export function trimTrailingNul(s: string): string {
  return trimTrailing(s, 0x00);
}

/** `s` without its trailing U+0020 spaces (what `s.replace(/ +$/, '')` gave, in linear time). */
export function trimTrailingSpaces(s: string): string {
  return trimTrailing(s, 0x20);
}

function trimTrailing(s: string, code: number): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === code) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** True for the characters regular expressions call `\s` and `String.prototype.trim` removes (ECMA-262 WhiteSpace and LineTerminator). */
export function isSpace(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && /\s/.test(c);
}

/** Index of the first character at or after `from` that is not `\s` (or `s.length`). */
export function skipSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

/** True when `s` holds a line terminator (LF, CR, U+2028, U+2029: ECMA-262 LineTerminator, which `.` does not match). */
export function hasLineTerminator(s: string): boolean {
  return /[\n\r\u2028\u2029]/.test(s);
}

/** Lines of `s` split at every line terminator (LF, CR, U+2028, U+2029): the lines `^`/`$` with the `m` flag see. */
export function terminatedLines(s: string): string[] {
  return s.split(/[\n\r\u2028\u2029]/);
}

/** True for a regular-expression word character (`\w`: ASCII letters, digits, underscore), by UTF-16 code unit. */
export function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
