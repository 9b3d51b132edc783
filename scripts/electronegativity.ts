// Runs Electronegativity (Doyensec's Electron security linter) over the Electron shell and the renderer's
// page, offline, and compares what it finds with security/electronegativity-allowlist.json: any finding the
// list does not explain, any list entry that no longer matches a finding, and any file the tool could not
// parse fail the run (issue 12: "Electronegativity runs in the test command with every remaining finding
// explained in a checked-in allow-list"). `npm run security`.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** The repository root (this file is scripts/electronegativity.ts). */
export const REPO = path.join(__dirname, '..');

/** What is scanned, relative to the repository: the Electron shell (main process and preload) and the page with its CSP. */
export const SCANNED = ['main/electron', 'renderer/index.html'] as const;

/** The checked-in allow-list. */
export const ALLOWLIST_FILE = path.join(REPO, 'security', 'electronegativity-allowlist.json');

/** One finding, reduced to what the allow-list matches on (the line is shown, not matched, so edits do not churn the list). */
export interface Finding {
  readonly check: string;
  readonly file: string;
  readonly line: number;
  readonly description: string;
}

/** One explained finding: every finding of `check` in `file` is accepted, for the reason `why`. */
export interface AllowEntry {
  readonly check: string;
  readonly file: string;
  readonly why: string;
}

/** The allow-list file: checks not run at all, and findings accepted, each with its reason. */
export interface Allowlist {
  readonly excludedChecks: readonly { readonly check: string; readonly why: string }[];
  readonly findings: readonly AllowEntry[];
}

/** The outcome of comparing a run with the allow-list. */
export interface Verdict {
  /** Findings that no entry explains: new problems, or old ones in a new file. */
  readonly unexpected: readonly Finding[];
  /** Entries that match no finding: the problem was fixed, so the entry must go. */
  readonly stale: readonly AllowEntry[];
}

/** Reads and checks the shape of the allow-list; an entry without a reason is an error. */
export function readAllowlist(file: string = ALLOWLIST_FILE): Allowlist {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problem = (what: string): never => {
    throw new Error(`${path.relative(REPO, file)}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null) return problem('not a JSON object');
  const { excludedChecks, findings } = raw as Record<string, unknown>;
  if (!Array.isArray(excludedChecks) || !Array.isArray(findings)) return problem('needs "excludedChecks" and "findings" arrays');
  const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
  for (const e of excludedChecks as unknown[]) {
    const x = e as Record<string, unknown>;
    if (!text(x.check) || !text(x.why)) problem(`an excluded check needs "check" and "why": ${JSON.stringify(e)}`);
  }
  for (const e of findings as unknown[]) {
    const x = e as Record<string, unknown>;
    if (!text(x.check) || !text(x.file) || !text(x.why)) problem(`an entry needs "check", "file" and "why": ${JSON.stringify(e)}`);
  }
  return { excludedChecks: excludedChecks as Allowlist['excludedChecks'], findings: findings as AllowEntry[] };
}

/** Splits a run into findings the allow-list does not explain and entries that explain nothing. */
export function compareWithAllowlist(findings: readonly Finding[], allowlist: Pick<Allowlist, 'findings'>): Verdict {
  const matches = (e: AllowEntry, f: Finding): boolean => e.check === f.check && e.file === f.file;
  return {
    unexpected: findings.filter((f) => !allowlist.findings.some((e) => matches(e, f))),
    stale: allowlist.findings.filter((e) => !findings.some((f) => matches(e, f))),
  };
}

/** The result of one Electronegativity run. */
export interface RunResult {
  readonly findings: readonly Finding[];
  /** Files it could not parse, which it therefore did not check. */
  readonly parseErrors: readonly string[];
}

interface RawIssue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number };
  readonly description: string;
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<{ errors: { file: string; message: string; tolerable: boolean }[]; issues: RawIssue[] }>;

/**
 * Loads Electronegativity with its HTTP client replaced by one that refuses, so no run can reach the network:
 * it would otherwise fetch translations (dist/locales/i18n.js) and Electron's release list
 * (AvailableSecurityFixesGlobalCheck, which is excluded for that reason).
 */
function loadRunner(): Runner {
  const requireHere = createRequire(path.join(REPO, 'package.json'));
  const base = path.dirname(requireHere.resolve('@doyensec/electronegativity/package.json'));
  const requireThere = createRequire(path.join(base, 'dist', 'runner.js'));
  const gotPath = requireThere.resolve('got');
  const refuse = (): Promise<never> => Promise.reject(new Error('Electronegativity runs offline here (scripts/electronegativity.ts)'));
  const offline = Object.assign(refuse, { head: refuse, get: refuse });
  const cached = requireThere.cache[gotPath];
  if (!cached || cached.exports !== offline) {
    requireThere.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
  }
  const mod = requireThere(path.join(base, 'dist', 'runner.js')) as { default?: Runner } & Runner;
  return mod.default ?? mod;
}

/** The Electron version the app is built with (the installed `electron` package), so version-dependent defaults are judged right. */
function electronVersion(): string {
  const manifest = createRequire(path.join(REPO, 'package.json')).resolve('electron/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * Runs Electronegativity over `files` (paths relative to `root`, each a file or a folder) copied into a
 * scratch folder, so findings are named by their path in the repository and nothing else is scanned.
 */
export async function runElectronegativity(options: {
  readonly root?: string;
  readonly files?: readonly string[];
  readonly excludedChecks: readonly string[];
}): Promise<RunResult> {
  const root = options.root ?? REPO;
  const stage = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  const log = console.log;
  try {
    for (const rel of options.files ?? SCANNED) {
      const from = path.join(root, rel);
      statSync(from); // a scanned path that is gone is an error, not an empty scan
      cpSync(from, path.join(stage, rel), { recursive: true });
    }
    if (readdirSync(stage).length === 0) throw new Error('nothing to scan');
    const run = loadRunner();
    // The runner prints its translation-fetch failure with console.log; the verdict below is the output.
    console.log = () => undefined;
    const result = await run(
      {
        input: stage,
        isRelative: true,
        isSarif: false,
        customScan: [],
        excludeFromScan: [...options.excludedChecks],
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
    return {
      findings: result.issues.map((i) => ({ check: i.id, file: i.file, line: i.location.line, description: i.description })),
      parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => `${path.relative(stage, e.file)}: ${e.message}`),
    };
  } finally {
    console.log = log;
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Runs the scan, prints the verdict, and returns the process exit code (0 only when everything is explained). */
export async function main(): Promise<number> {
  const started = performance.now();
  const allowlist = readAllowlist();
  const { findings, parseErrors } = await runElectronegativity({ excludedChecks: allowlist.excludedChecks.map((c) => c.check) });
  const { unexpected, stale } = compareWithAllowlist(findings, allowlist);
  const out = process.stdout;
  for (const e of parseErrors) out.write(`NOT CHECKED (could not parse) ${e}\n`);
  for (const f of unexpected) out.write(`NEW FINDING ${f.check} ${f.file}:${f.line} — ${f.description}\n`);
  for (const e of stale) out.write(`STALE ALLOW-LIST ENTRY ${e.check} ${e.file}: no such finding any more; remove it from security/electronegativity-allowlist.json\n`);
  const failed = parseErrors.length + unexpected.length + stale.length > 0;
  out.write(
    `electronegativity: ${findings.length} finding(s) in ${SCANNED.join(', ')}, ${findings.length - unexpected.length} explained by the allow-list, ` +
      `${unexpected.length} new, ${stale.length} stale, ${parseErrors.length} unparsed (${Math.round(performance.now() - started)} ms)\n`,
  );
  if (failed) out.write('Fix each new finding, or add it to security/electronegativity-allowlist.json with the reason it is acceptable.\n');
  return failed ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`electronegativity: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
