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

/** Any character isControl accepts; a single character class, linear (ECMA-262 RegExp, no backtracking). */
// eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same without LF. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** `text` with each control character but those `keep` allows written as `\uXXXX`; one linear pass. */
function escapeWhere(text: string, keep: (code: number) => boolean, first: RegExp = ANY_CONTROL): string {
  // The native search skips the (usual) long runs without controls at once; a 300 MB report has none but LF.
  const start = text.search(first);
  if (start < 0) return text;
  let out = '';
  let from = 0;
  for (let i = start; i < text.length; i++) {
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
  return escapeWhere(text, (code) => code === LF, CONTROL_BUT_LF);
}

/** A stream the CLI writes to; `once('drain')` where it can ask the writer to wait (Node streams). */
export interface TextSink {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

/** A stream whose writes go through `terminalText`: what the CLI's commands write to, whatever they print. */
export function terminalStream(stream: TextSink): TextSink {
  return {
    write: (chunk: string) => stream.write(terminalText(chunk)),
    ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
    ...(stream.once ? { once: (event: 'drain', listener: () => void) => stream.once!(event, listener) } : {}),
  };
}

/** Characters gathered before one write: few writes, and never the whole of a huge document in memory twice. */
const WRITE_BATCH_CHARS = 1 << 20;

/** Writes the pieces in batches of about a MiB, waiting for `drain` whenever the stream's buffer is full (a slow pipe). */
export async function writePieces(stream: TextSink, pieces: Iterable<string>): Promise<void> {
  let batch = '';
  const flush = async (): Promise<void> => {
    const ok = stream.write(batch);
    batch = '';
    if (ok === false && stream.once) await new Promise<void>((resolve) => stream.once!('drain', resolve));
  };
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= WRITE_BATCH_CHARS) await flush();
  }
  if (batch.length > 0) await flush();
}
