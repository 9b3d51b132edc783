import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ScanProgress } from '../../shared/ipc/contract';
import { formatBytes, formatCount } from '../../shared/text/units';
import { TOOL } from '../app-meta';
import { locateDemoStudy } from '../demo/demo-study';
import { inspectFile, InspectError } from '../inspect/inspect-file';
import { runScan } from '../scan/run-scan';
import { renderInspect, renderIssues, renderReport } from './render-report';
import { scanReportJsonSchema } from '../../shared/model/report-json-schema';
import { policyPage, renderPolicyText } from '../../shared/policy/render';
import type { PolicyInput } from '../../shared/study/decide-study';
import { parseOverride, policyOptions, PolicyArgError } from './policy-args';
import { checkMetadataFile, printExampleMetadata } from './metadata-command';
import { exportCommand, type ExportCommandResult } from './export-command';
import { parseChecksumList } from '../../shared/export/checksum-algorithm';
import { assertNever } from '../../shared/assert-never';
import { escapeControls, terminalStream, writePieces, type TextSink } from './terminal-text';
import { reportJsonChunks } from '../../shared/model/report-json';

/** Exit codes (issue 2): done, even with per-file problems. */
export const EXIT_OK = 0;
/** A root or file that does not exist or cannot be read. */
export const EXIT_UNREADABLE = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;
/** Interrupted with Ctrl-C (128 + SIGINT, the shell convention). */
export const EXIT_INTERRUPTED = 130;
/** `export` refused to write: the folder is inside a scanned root, holds one, or exists without --force (issue 9). */
export const EXIT_REFUSED = 3;

/** Non-TTY stderr gets a progress line at most this often, so logs of long scans show life without flooding. */
const LOG_PROGRESS_INTERVAL_MS = 5000;
/** Warnings echoed to stderr in `--json` mode before the rest are only counted. */
const JSON_WARNINGS_SHOWN = 20;

/** Where the CLI writes and what it can be told; `process` in real use, buffers in tests. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
  readonly cwd: string;
  /** Aborts a running scan (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Folder the demo study is searched upwards from. */
  readonly demoSearchFrom: string;
}

/** Usage text printed by `--help` and after usage errors. */
export const USAGE = `Usage:
  deposit-assistant scan <folder> [<folder>…] [--json] [--full] [--follow-symlinks] [--quiet] [policy options]
  deposit-assistant inspect <file> [--json]
  deposit-assistant demo [--json] [--quiet] [policy options]
  deposit-assistant policy [--json] [--tomograms-few N] [--representatives N]
  deposit-assistant schema
  deposit-assistant metadata --example | --check <file> [--json]
  deposit-assistant export <folder> [<folder>…] --out DIR [--metadata FILE] [--checksums md5,sha256]
                           [--force] [--json] [--quiet] [policy options]
  deposit-assistant --help | --version

Scans dataset folders, groups their files into filesets and says where EMBL-EBI's image-archiving
policy sends each one. With --json, stdout carries exactly one JSON document; progress and warnings
go to stderr. \`schema\` prints the JSON Schema of the --json report; \`policy\` prints the policy
clauses the decisions cite.

Study metadata: \`metadata --example\` prints a complete study metadata document (JSON) to start
from; \`metadata --check FILE\` reads one (JSON or YAML) and lists, field by field, what is missing or
wrong and which archives it blocks (with --json, the problems as a JSON array).

Export: scans the folders and writes one folder per archive (empiar/, bia/, emdb/, omics/,
not-depositable/) with its checklist, deposition files and PREFLIGHT.md, checksum manifests per
archive and folder (\`cd FOLDER && md5sum -c DIR/empiar/MANIFEST-FOLDER.md5\` verifies), report.json,
README.md and the citation files (CITATION.md, citation.bib, citation.ris). DIR is written whole or
not at all; an interrupted export resumes its checksums when run again. It never writes inside a
scanned folder and replaces an earlier export only with --force. --checksums takes md5 (default),
sha256, md5,sha256 or none.

Policy options:
  --override TARGET=VALUE[,VALUE]   set a fileset's (or one file's) destination and/or modality;
                                    VALUE is EMPIAR, BIA, EMDB, OMICS, NONE, REVIEW, an omics
                                    archive (ENA, ArrayExpress, PRIDE, MetaboLights) or a modality id;
                                    TARGET is a path, a fileset id or folder/pattern; repeatable.
                                    Overriding one tomogram file to EMDB picks it as a representative.
  --tomograms-few N                 up to N tomograms all go to EMDB (policy note 2; default 5)
  --representatives N               above that, N representative tomograms go to EMDB (default 3)

Exit codes: 0 done (per-file problems are listed in the report's issues), 1 a folder or file that
does not exist or cannot be read (for scan: also a folder lost during the scan, after its partial
report; for metadata --check: or metadata with errors; for export: metadata that cannot be used,
or an export that could not be written), 2 usage error, 3 export refused (DIR inside or around a
scanned folder, DIR exists without --force, DIR's parent missing or not writable; nothing written),
130 interrupted (for export: nothing at DIR, finished checksums kept for a re-run).
`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  'follow-symlinks': { type: 'boolean', default: false },
  full: { type: 'boolean', default: false },
  override: { type: 'string', multiple: true },
  'tomograms-few': { type: 'string' },
  representatives: { type: 'string' },
  example: { type: 'boolean', default: false },
  check: { type: 'string' },
  out: { type: 'string' },
  metadata: { type: 'string' },
  checksums: { type: 'string' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

function progressLine(p: ScanProgress): string {
  const rate = `${formatCount(p.filesPerSecond)} files/s, ${formatBytes(p.bytesPerSecond)}/s`;
  const where = p.phase === 'grouping' ? 'grouping files' : p.phase === 'reading' ? `reading headers ${formatCount(p.headersRead)}/${formatCount(p.headersTotal)}` : (p.currentDirectory ?? '');
  return `${formatCount(p.files)} files · ${formatBytes(p.bytes)} · ${rate} · ${escapeControls(where)}`;
}

/** Where the in-place progress line goes: the raw stderr, the one writer allowed its own cursor controls (CR, ESC [2K). */
interface Terminal {
  readonly terminal: { write(chunk: string): unknown };
}

function progressReporter(io: CliIo & Terminal, quiet: boolean): { onProgress?: (p: ScanProgress) => void; clear(): void } {
  if (quiet) return { clear() {} };
  if (io.stderr.isTTY) {
    let shown = false;
    return {
      onProgress(p) {
        const width = (process.stderr.columns ?? 100) - 1;
        io.terminal.write(`\r\x1b[2K${progressLine(p).slice(0, width)}`);
        shown = true;
      },
      clear() {
        if (shown) io.terminal.write('\r\x1b[2K');
      },
    };
  }
  // The first line comes after one interval: short scans stay silent.
  let last = 0;
  return {
    onProgress(p) {
      if (p.elapsedMs - last < LOG_PROGRESS_INTERVAL_MS) return;
      last = p.elapsedMs;
      io.stderr.write(`scanning: ${progressLine(p)}\n`);
    },
    clear() {},
  };
}

async function scanCommand(roots: readonly string[], flags: { json: boolean; quiet: boolean; follow: boolean; full: boolean; policy: PolicyInput }, io: CliIo & Terminal): Promise<number> {
  const progress = progressReporter(io, flags.quiet);
  const started = performance.now();
  const outcome = await runScan(roots, {
    cwd: io.cwd,
    signal: io.signal,
    followSymlinks: flags.follow,
    fullHeaders: flags.full,
    policy: flags.policy,
    ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
  });
  progress.clear();
  switch (outcome.status) {
    case 'invalid-roots':
      for (const p of outcome.problems) io.stderr.write(`error: ${p.message}\n`);
      return EXIT_UNREADABLE;
    case 'cancelled':
      io.stderr.write(`Cancelled after ${formatCount(outcome.progress.files)} files; no report.\n`);
      return EXIT_INTERRUPTED;
    case 'done': {
      const { report } = outcome;
      if (flags.json) {
        await writePieces(io.stdout, reportJsonChunks(report));
        const notable = report.issues.filter((i) => i.severity !== 'info');
        if (notable.length > 0 && !flags.quiet) {
          io.stderr.write(`${formatCount(notable.length)} problems (listed in the report's "issues"):\n${renderIssues(notable, JSON_WARNINGS_SHOWN)}\n`);
        }
      } else {
        io.stdout.write(renderReport(report, performance.now() - started));
      }
      // A root that vanished or could not be read during the scan leaves a partial list (issue 12, finding 4).
      return report.issues.some((i) => i.severity === 'error' && i.path !== undefined && report.roots.includes(i.path)) ? EXIT_UNREADABLE : EXIT_OK;
    }
  }
}

async function inspectCommand(file: string, json: boolean, io: CliIo): Promise<number> {
  try {
    const result = await inspectFile(file, io.cwd);
    io.stdout.write(json ? JSON.stringify(result, null, 2) + '\n' : renderInspect(result));
    return EXIT_OK;
  } catch (err) {
    if (err instanceof InspectError) {
      io.stderr.write(`error: ${err.message}\n`);
      return EXIT_UNREADABLE;
    }
    throw err;
  }
}

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit code; never calls `process.exit`.
 * Everything written goes through `terminalText` (main/cli/terminal-text.ts): a file name cannot drive the
 * terminal (issue 12, finding 5); only the progress line's own cursor controls reach the raw stderr.
 */
export async function runCli(argv: readonly string[], raw: CliIo): Promise<number> {
  const io: CliIo & Terminal = { ...raw, stdout: terminalStream(raw.stdout), stderr: terminalStream(raw.stderr), terminal: raw.stderr };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout.write(`${TOOL.version}\n`);
    return EXIT_OK;
  }
  const [command, ...args] = positionals;
  try {
    const policy: PolicyInput = { options: policyOptions(values), overrides: (values.override ?? []).map((o) => parseOverride(o, io.cwd)) };
    const scanning = command === 'scan' || command === 'demo' || command === 'export';
    if (!scanning && (policy.overrides?.length ?? 0) > 0) throw new UsageError('--override applies to scan, demo and export only.');
    if (!scanning && command !== 'policy' && Object.keys(policy.options ?? {}).length > 0) throw new UsageError('--tomograms-few and --representatives apply to scan, demo, export and policy only.');
    if (command !== 'export' && (values.out !== undefined || values.metadata !== undefined || values.checksums !== undefined || values.force)) throw new UsageError('--out, --metadata, --checksums and --force apply to export only.');
    if (command !== 'metadata' && (values.example || values.check !== undefined)) throw new UsageError('--example and --check apply to metadata only.');
    switch (command) {
      case 'scan':
        if (args.length === 0) throw new UsageError('scan needs at least one folder.');
        return await scanCommand(args, { json: values.json, quiet: values.quiet, follow: values['follow-symlinks'], full: values.full, policy }, io);
      case 'inspect':
        if (args.length !== 1) throw new UsageError('inspect takes exactly one file.');
        if (values['follow-symlinks']) throw new UsageError('--follow-symlinks applies to scan and demo only.');
        return await inspectCommand(args[0]!, values.json, io);
      case 'demo': {
        if (args.length > 0) throw new UsageError('demo takes no arguments.');
        const demo = locateDemoStudy(io.demoSearchFrom);
        if (!demo) {
          io.stderr.write('error: the demo study is not part of this installation (demo/study is missing).\n');
          return EXIT_UNREADABLE;
        }
        if (!values.quiet) io.stderr.write(`Scanning the bundled demo study at ${demo}\n`);
        return await scanCommand([demo], { json: values.json, quiet: values.quiet, follow: values['follow-symlinks'], full: values.full, policy }, io);
      }
      case 'policy':
        if (args.length > 0) throw new UsageError('policy takes no arguments.');
        io.stdout.write(values.json ? `${JSON.stringify(policyPage(policy.options), null, 2)}\n` : renderPolicyText(policy.options));
        return EXIT_OK;
      case 'metadata':
        if (args.length > 0) throw new UsageError('metadata takes no arguments besides --example or --check FILE.');
        if (values.example === (values.check !== undefined)) throw new UsageError('metadata needs one of --example and --check FILE.');
        if (values.example) {
          printExampleMetadata(io);
          return EXIT_OK;
        }
        return (await checkMetadataFile(values.check!, values.json, io)) ? EXIT_OK : EXIT_UNREADABLE;
      case 'export': {
        if (args.length === 0) throw new UsageError('export needs at least one folder.');
        if (values.out === undefined || values.out === '') throw new UsageError('export needs --out DIR: the folder to write (it must not exist yet, or use --force).');
        const checksums = parseChecksumList(values.checksums ?? 'md5');
        if ('error' in checksums) throw new UsageError(checksums.error);
        const flags = { out: values.out, ...(values.metadata !== undefined ? { metadata: values.metadata } : {}), checksums, force: values.force, json: values.json, quiet: values.quiet, follow: values['follow-symlinks'], full: values.full, policy };
        return exportExitCode(await exportCommand(args, flags, io));
      }
      case 'schema':
        if (args.length > 0) throw new UsageError('schema takes no arguments.');
        io.stdout.write(JSON.stringify(scanReportJsonSchema(), null, 2) + '\n');
        return EXIT_OK;
      case undefined:
        throw new UsageError('no command given.');
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof PolicyArgError) {
      io.stderr.write(`error: ${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

/** The exit code of an export's outcome (USAGE, "Exit codes"). */
function exportExitCode(result: ExportCommandResult): number {
  switch (result) {
    case 'written':
      return EXIT_OK;
    case 'unreadable':
      return EXIT_UNREADABLE;
    case 'refused':
      return EXIT_REFUSED;
    case 'interrupted':
      return EXIT_INTERRUPTED;
    default:
      return assertNever(result, 'export result');
  }
}
