import { checkMetadata } from '../../shared/deposit/check-metadata';
import { EXAMPLE_METADATA } from '../../shared/deposit/example-metadata';
import type { MetadataProblem } from '../../shared/deposit/metadata-problem';
import type { BundleTarget } from '../../shared/model/bundle';
import { ARCHIVE_DESTINATIONS, DESTINATION_LABELS } from '../../shared/model/destination';
import { wrap } from '../../shared/text/wrap';
import { readMetadataFile } from './read-metadata';
import { escapeControls } from './terminal-text';

/**
 * `deposit-assistant metadata --example | --check FILE` (docs/deposit.md §1.1): prints a complete example
 * document, or says what a metadata file lacks for each archive.
 */

/** Where the command writes; the CLI's `CliIo` fits. */
export interface MetadataIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly cwd: string;
}

/** Today as the ISO date (`YYYY-MM-DD`) of the local calendar: release holds are counted from the day of deposition (docs/deposit.md §1.6). */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Prints the example document as JSON. */
export function printExampleMetadata(io: MetadataIo): void {
  io.stdout.write(`${JSON.stringify(EXAMPLE_METADATA, null, 2)}\n`);
}

/** Messages are wrapped to this width under their field, as the other commands' text output (80-column terminals). */
const TEXT_WIDTH = 80;
const MESSAGE_INDENT = ' '.repeat(11);

/** One problem: a line with its severity and field, its message wrapped beneath. */
function problemLines(p: MetadataProblem): string[] {
  return [`  ${p.severity.padEnd(9)}${escapeControls(p.field)}`, wrap(escapeControls(p.message), TEXT_WIDTH - MESSAGE_INDENT.length, MESSAGE_INDENT)];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "EMPIAR", "EMPIAR and BioImage Archive", "EMPIAR, BioImage Archive and EMDB". */
function archiveList(targets: readonly BundleTarget[]): string {
  const names = targets.map((t) => DESTINATION_LABELS[t]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Problems as text, grouped by the archives each blocks (a group per set of blocked archives, in the
 * order they first appear), warnings last since they block nothing.
 */
export function renderMetadataProblems(file: string, problems: readonly MetadataProblem[]): string {
  const source = escapeControls(file);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (problems.length === 0) return `${source}: no problems — complete for ${archiveList(ARCHIVE_DESTINATIONS)}.\n`;
  const lines = [`${source}: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}.`];
  const groups = new Map<string, { blocks: readonly BundleTarget[]; items: MetadataProblem[] }>();
  for (const p of errors) {
    const key = p.blocks.join(',');
    const group = groups.get(key) ?? { blocks: p.blocks, items: [] };
    group.items.push(p);
    groups.set(key, group);
  }
  for (const { blocks, items } of groups.values()) {
    lines.push('', `Blocks ${archiveList(blocks)}:`);
    for (const p of items) lines.push(...problemLines(p));
  }
  if (warnings.length > 0) {
    lines.push('', 'Warnings (they block nothing):');
    for (const p of warnings) lines.push(...problemLines(p));
  }
  const clear = ARCHIVE_DESTINATIONS.filter((a) => !errors.some((p) => p.blocks.includes(a)));
  if (clear.length > 0) lines.push('', `Nothing blocks ${archiveList(clear)}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * Reads `file`, checks it for every archive and prints the problems (text, or with `json` the problems as
 * a JSON array). True when there is no error: warnings alone still pass.
 */
export async function checkMetadataFile(file: string, json: boolean, io: MetadataIo, today: string = localIsoDate()): Promise<boolean> {
  const read = await readMetadataFile(file, io.cwd);
  const problems = 'problems' in read ? read.problems : checkMetadata(read.metadata, ARCHIVE_DESTINATIONS, { today });
  io.stdout.write(json ? `${JSON.stringify(problems, null, 2)}\n` : renderMetadataProblems(file, problems));
  return !problems.some((p) => p.severity === 'error');
}
