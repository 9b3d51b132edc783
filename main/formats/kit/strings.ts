/**
 * Header strings made fit for facts and evidence. They differ on purpose: each keeps what its readers'
 * formats need (NUL-padded TIFF ASCII, INI values in quotes, names shown to people).
 */

/** Longest text value (a name, a keyword) copied into a fact or an evidence sentence by `clip`. */
export const MAX_SHOWN_CHARS = 120;

/** Longest value kept by `printable` (header text is shown to people). */
const MAX_PRINTABLE_CHARS = 200;

/** A string cut to `max` characters with an ellipsis, for facts and evidence. */
export function clip(text: string, max: number = MAX_SHOWN_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A non-empty trimmed string, or `undefined`. */
export function nonEmpty(text: string | undefined | null): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

/** Trims and collapses runs of blanks; `undefined` for an empty result. */
export function clean(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

/** Trimmed text without NULs (TIFF ASCII values are NUL-terminated and often NUL-padded), or `undefined` when nothing is left. */
export function withoutNul(v: string | undefined): string | undefined {
  const s = v?.replace(/\0/g, '').trim();
  return s ? s : undefined;
}

/** A non-empty trimmed string with control characters as spaces, cut to `max`; `undefined` when empty. */
export function printable(value: string | undefined, max = MAX_PRINTABLE_CHARS): string | undefined {
  if (value === undefined) return undefined;
  const v = Array.from(value, (c) => (c.charCodeAt(0) < 0x20 ? ' ' : c))
    .join('')
    .trim();
  return v === '' ? undefined : v.slice(0, max);
}

/** Removes surrounding double or single quotes and whitespace from an INI value. */
export function unquote(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const m = /^"(.*)"$|^'(.*)'$/.exec(v);
  const out = (m ? (m[1] ?? m[2] ?? '') : v).trim();
  return out === '' ? undefined : out;
}

/** The last path component of a Windows or POSIX path. */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] ?? p;
}
