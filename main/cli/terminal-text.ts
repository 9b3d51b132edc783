/**
 * Text for a terminal (issue 12, finding 5): names and anything read from files may hold control
 * characters — ESC starts escape sequences (ECMA-48 §5.3; `ESC ] 0 ; … BEL` sets the window title), CR
 * rewrites the line, and U+0080–U+009F are the 8-bit C1 controls (ECMA-48 §5.2, CSI is U+009B). They are
 * written as `\uXXXX`, the notation JSON and JavaScript read, so what is shown is what the name holds.
 */

/** LF: the line break of text the CLI itself lays out. */
const LF = 0x0a;

/** C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F): ECMA-48's control functions, plus DEL. */
export function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** `text` with each control character but those `keep` allows written as `\uXXXX`; one linear pass. */
function escapeWhere(text: string, keep: (code: number) => boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code) || keep(code)) continue;
    out += `${text.slice(from, i)}\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** One field (a name, a path, a value read from a file) with every control character, line breaks included, escaped. */
export function escapeControls(text: string): string {
  return escapeWhere(text, () => false);
}

/**
 * Whole output as the CLI writes it: every control character but LF escaped. JSON keeps its meaning (a
 * raw DEL or C1 can only stand inside a JSON string, where `\u007F` reads back as the same character).
 */
export function terminalText(text: string): string {
  return escapeWhere(text, (code) => code === LF);
}

/** A stream whose writes go through `terminalText`: what the CLI's commands write to, whatever they print. */
export function terminalStream<S extends { write(chunk: string): unknown; readonly isTTY?: boolean }>(stream: S): { write(chunk: string): unknown; readonly isTTY?: boolean } {
  return {
    write: (chunk: string) => stream.write(terminalText(chunk)),
    ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
  };
}
