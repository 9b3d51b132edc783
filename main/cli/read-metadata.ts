import path from 'node:path';
import { promises as fsp } from 'node:fs';
import { parseDocument } from 'yaml';
import { ARCHIVE_DESTINATIONS } from '../../shared/model/destination';
import { formatBytes } from '../../shared/text/units';
import { DOCUMENT_FIELD, parseStudyMetadata, type ParsedMetadata } from '../../shared/deposit/parse-metadata';
import type { MetadataProblem } from '../../shared/deposit/metadata-problem';
import { describeOsError } from '../scan/os-error';

/**
 * The largest metadata file read (docs/deposit.md §1.10). A study metadata document is typed by a person:
 * the complete example is about 3 KB, and even a consortium paper's thousand authors fit in a few hundred
 * KB. Anything larger is a data file passed by mistake, and reads are bounded by a named constant
 * (docs/design.md, convention 10).
 */
export const MAX_METADATA_BYTES = 4 * 1024 * 1024;

/**
 * YAML aliases expanded at most this many times per document: the `yaml` package's own default
 * (`toJS({ maxAliasCount: 100 })`), written out because it is what stops a "billion laughs" document.
 */
const YAML_MAX_ALIAS_COUNT = 100;

/** How a file's text is read: by its extension, or by its first character when the extension says nothing. */
type Syntax = 'json' | 'yaml';

function problem(message: string): { problems: MetadataProblem[] } {
  return { problems: [{ field: DOCUMENT_FIELD, message, severity: 'error', blocks: [...ARCHIVE_DESTINATIONS] }] };
}

function syntaxOf(file: string, text: string): Syntax {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/** The file's bytes, at most `MAX_METADATA_BYTES + 1` of them (one more tells a file that grew past the limit). */
async function readBounded(abs: string): Promise<Buffer> {
  const handle = await fsp.open(abs, 'r');
  try {
    const buf = Buffer.alloc(MAX_METADATA_BYTES + 1);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The document a file holds, parsed as JSON or YAML; a string saying why not otherwise. */
function parseText(file: string, text: string): { value: unknown } | { error: string } {
  const syntax = syntaxOf(file, text);
  if (syntax === 'json') {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch (err) {
      return { error: `${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}.` };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : '';
    const what = /\.ya?ml$/i.test(file) ? 'is not valid YAML' : 'is neither valid JSON nor valid YAML';
    return { error: `${file} ${what}${where}: ${first.message.split('\n')[0]}` };
  }
  return { value: doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }) as unknown };
}

/**
 * Reads a study metadata file (`--metadata FILE`, `metadata --check FILE`): JSON or YAML, by its extension
 * (`.json`, `.yaml`, `.yml`) or else its content, at most `MAX_METADATA_BYTES`; then parses it with the
 * schema. Every failure — missing, unreadable, too large, not text, not JSON or YAML, not metadata — comes
 * back as problems on the field `(document)` or on the fields at fault, never as an exception.
 */
export async function readMetadataFile(file: string, cwd: string = process.cwd()): Promise<ParsedMetadata> {
  const abs = path.resolve(cwd, file);
  let st;
  try {
    st = await fsp.stat(abs);
  } catch (err) {
    return problem(`The metadata file ${abs} cannot be read: ${describeOsError(err, 'input')}.`);
  }
  if (!st.isFile()) return problem(`${abs} is not a file${st.isDirectory() ? ' (it is a folder)' : ''}: give the path of a JSON or YAML metadata file.`);
  const tooLarge = (): { problems: MetadataProblem[] } =>
    problem(`${abs} is larger than ${formatBytes(MAX_METADATA_BYTES)}, far more than study metadata takes: is it the right file?`);
  if (st.size > MAX_METADATA_BYTES) return tooLarge();
  let bytes;
  try {
    bytes = await readBounded(abs);
  } catch (err) {
    return problem(`The metadata file ${abs} cannot be read: ${describeOsError(err, 'input')}.`);
  }
  if (bytes.length > MAX_METADATA_BYTES) return tooLarge();

  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return problem(`${abs} is not a text file, so it is neither JSON nor YAML metadata.`);
  }
  if (text.includes('\u0000')) return problem(`${abs} is not a text file, so it is neither JSON nor YAML metadata.`);
  // TextDecoder drops a UTF-8 byte-order mark itself (its default `ignoreBOM: false`).
  if (text.trim() === '') return problem(`${abs} is empty: write the study metadata in it as JSON or YAML (deposit-assistant metadata --example prints a complete one).`);

  const parsed = parseText(abs, text);
  if ('error' in parsed) return problem(parsed.error);
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return problem(`${abs} holds ${Array.isArray(value) ? 'a list' : 'a single value'}, not study metadata: it should be a JSON object or a YAML mapping of fields (title, authors, …).`);
  }
  return parseStudyMetadata(value);
}
