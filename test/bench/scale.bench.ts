// npm run bench — the scale bench of issue 11: generated trees of realistic shape (test/bench/tree-gen.ts), timed
// against `find` in the same run. Per tree: find (best of 3 after one warm-up, so the page cache is warm for
// both), then the CLI `scan --json` as a child process (wall time, peak RSS from /proc/<pid>/status VmHWM,
// report size and shape). Then, in this process, event-loop lag and progress rate during a scan; per-file
// time at 10k against 200k files; a 2,000-level deep tree. Prints MET/MISSED per target; exits 1 on a miss.
// Options: BENCH_SCALE = comma list of 10k, 200k, 1m, or all (default 200k); BENCH_TIMEOUT_S (default 600).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { runScan } from '../../main/scan/run-scan';
import { ensureDeepTree, ensureTree, templateSizes, treeDir, type GeneratedTree, type TreeShape } from './tree-gen';
import { formatBytes, formatCount } from '../../shared/text/units';
import { reportJsonChunks } from '../../shared/model/report-json';

const REPO = path.join(__dirname, '..', '..');
const CLI = path.join(REPO, 'bin', 'deposit-assistant.js');
const BUILT = path.join(REPO, 'app', 'dist', 'main', 'cli.js');
/** A child scan is killed after this long (brief of issue 11's bench: "cap it with a timeout of 600 s"). */
const TIMEOUT_S = Number(process.env['BENCH_TIMEOUT_S'] ?? 600);
/** How often the child's VmHWM is read. VmHWM is the kernel's own high-water mark, so polling only has to catch it before exit. */
const RSS_POLL_MS = 20;
/** Levels of the deep tree (issue 11: "folder depth (2,000 levels today take 27–76 s)"). */
const DEEP_LEVELS = 2000;
/** Reports and stderr of the last run's scans, overwritten by the next run. */
const OUT = path.join(os.tmpdir(), 'deposit-assistant-scale-out');

/** Targets of issue 11 ("Targets"), except where noted. */
const TARGET = {
  fewHuge200kRatio: 2.5,
  manySmall200kRatio: 4,
  manySmall1mRatio: 10,
  /** "under 1 GB peak RSS", read as 10^9 bytes. */
  manySmall1mRssBytes: 1e9,
  /** "≤ 4 KB per fileset besides the file lists", read as 4,000 bytes. */
  bytesPerFilesetBesidesLists: 4000,
  bytesPerFile: 100,
  eventLoopLagMs: 100,
  /** Issue 12, "Done when": Ctrl-C stops any scan within 200 ms. */
  cancelMs: 200,
  progressPerSecond: 10,
  /**
   * Per-file time at 200k over per-file time at 10k (startup subtracted). The issue asks only "no phase
   * super-linear"; 1.5 is our allowance for noise on 2 cores — a quadratic phase gives ~20 at 20× the files.
   */
  perFileGrowth: 1.5,
  /** The brief's reading of "no phase super-linear in … folder depth": "a few seconds at most". */
  deepSeconds: 5,
} as const;

type Scale = '10k' | '200k' | '1m';

function scales(): Set<Scale> {
  const raw = (process.env['BENCH_SCALE'] ?? '200k').toLowerCase().split(',').map((s) => s.trim());
  const out = new Set<Scale>();
  for (const s of raw) {
    if (s === 'all') ['10k', '200k', '1m'].forEach((x) => out.add(x as Scale));
    else if (s === '10k' || s === '200k' || s === '1m') out.add(s);
    else throw new Error(`BENCH_SCALE: unknown scale "${s}" (10k, 200k, 1m or all)`);
  }
  return out;
}

/** What one child scan measured. */
interface ScanRun {
  readonly ms: number;
  readonly peakRss: number | null;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly reportPath: string;
  readonly stderrTail: string;
}

/** Report figures computed from the JSON the CLI printed. */
interface ReportStats {
  readonly files: number;
  readonly filesets: number;
  readonly bytes: number;
  readonly bytesBesidesLists: number;
  readonly headersRead: number | null;
}

/** One row of the table. */
interface Row {
  readonly label: string;
  readonly tree: GeneratedTree;
  readonly findMs: number;
  readonly scan: ScanRun;
  readonly stats: ReportStats | string;
}

function vmHwm(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** `find <dir> -type f -printf '%s\n' > /dev/null`: one warm-up, best of 3. */
function timeFind(dir: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const r = spawnSync('find', [dir, '-type', 'f', '-printf', '%s\n'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`find exited ${r.status} on ${dir}`);
    if (i > 0) best = Math.min(best, ms);
  }
  return best;
}

/** `node bin/deposit-assistant.js scan --json <dir>` with stdout to a file, its wall time and peak RSS. */
function timeCliScan(dir: string, name: string): Promise<ScanRun> {
  const reportPath = path.join(OUT, `${name}.json`);
  const errPath = path.join(OUT, `${name}.stderr`);
  const out = openSync(reportPath, 'w');
  const err = openSync(errPath, 'w');
  const t = performance.now();
  const child = spawn(process.execPath, [CLI, 'scan', '--json', dir], { stdio: ['ignore', out, err] });
  closeSync(out);
  closeSync(err);
  let peakRss: number | null = null;
  const poll = setInterval(() => {
    const v = child.pid === undefined ? null : vmHwm(child.pid);
    if (v !== null) peakRss = Math.max(peakRss ?? 0, v);
  }, RSS_POLL_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, TIMEOUT_S * 1000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t;
      clearInterval(poll);
      clearTimeout(timer);
      const stderr = readFileSync(errPath, 'utf8');
      resolve({ ms, peakRss, exitCode: code, timedOut, reportPath, stderrTail: stderr.slice(-500) });
    });
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Files, filesets, bytes and headers read, from the report file (shape: shared/model/scan-report.ts). */
function reportStats(file: string): ReportStats | string {
  const bytes = statSync(file).size;
  let text: string | null = readFileSync(file, 'utf8');
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (e) {
    return `report is not JSON (${(e as Error).message.slice(0, 80)})`;
  }
  text = null;
  if (!isRecord(report) || !Array.isArray(report['filesets']) || !isRecord(report['totals'])) return 'report has no filesets/totals';
  const filesets: unknown[] = report['filesets'];
  let headersRead: number | null = 0;
  const stripped = filesets.map((f) => {
    if (!isRecord(f)) return f;
    const sampling = f['sampling'];
    const read = isRecord(sampling) ? sampling['read'] : undefined;
    if (typeof read === 'number' && headersRead !== null) headersRead += read;
    else headersRead = null;
    const rest: Record<string, unknown> = { ...f };
    delete rest['files'];
    return rest;
  });
  // Re-written by the CLI's own writer (one fileset per line, shared/model/report-json.ts), without the file lists.
  const bytesBesidesLists = [...reportJsonChunks({ ...report, filesets: stripped })].reduce((n, piece) => n + Buffer.byteLength(piece), 0);
  const files = report['totals']['files'];
  return { files: typeof files === 'number' ? files : Number.NaN, filesets: filesets.length, bytes, bytesBesidesLists, headersRead };
}

/** Lag of this process's event loop and the progress rate during an in-process runScan. */
async function inProcessScan(dir: string): Promise<{ ms: number; lagMaxMs: number; lagP99Ms: number; events: number; perSecond: number; maxInOneSecond: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  const stamps: number[] = [];
  h.enable();
  const t = performance.now();
  const outcome = await runScan([dir], { onProgress: () => stamps.push(performance.now()) });
  const ms = performance.now() - t;
  h.disable();
  if (outcome.status !== 'done') throw new Error(`in-process scan ended ${outcome.status}`);
  let maxInOneSecond = 0;
  for (let i = 0, j = 0; i < stamps.length; i++) {
    while (stamps[i]! - stamps[j]! >= 1000) j++;
    maxInOneSecond = Math.max(maxInOneSecond, i - j + 1);
  }
  return { ms, lagMaxMs: h.max / 1e6, lagP99Ms: h.percentile(99) / 1e6, events: stamps.length, perSecond: stamps.length / (ms / 1000), maxInOneSecond };
}

/**
 * Milliseconds from Cancel to a settled scan, cancelled `phase`'s first progress event + 300 ms into it: the walk,
 * or the header reads on worker threads (issue 12: "Ctrl-C stops any scan within 200 ms").
 */
async function cancelLatency(dir: string, phase: 'walking' | 'reading'): Promise<number | null> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const pending = runScan([dir], {
    signal: controller.signal,
    onProgress: (p) => {
      if (p.phase === phase && timer === undefined) timer = setTimeout(() => controller.abort(), 300);
    },
  });
  let t = 0;
  const aborted = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => ((t = performance.now()), resolve()), { once: true }));
  const outcome = await pending;
  clearTimeout(timer);
  if (outcome.status !== 'cancelled') return null;
  await aborted;
  return performance.now() - t;
}

function ensureBuilt(): void {
  if (existsSync(BUILT)) {
    process.stdout.write(`using the built CLI ${path.relative(REPO, BUILT)} (built ${statSync(BUILT).mtime.toISOString()})\n`);
    return;
  }
  process.stdout.write('app/dist is missing: npm run build (once)…\n');
  execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const want = scales();
  ensureBuilt();
  mkdirSync(OUT, { recursive: true });
  process.stdout.write(`templates (bytes): ${Object.entries(templateSizes()).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);

  const plan: [string, TreeShape, number][] = [];
  if (want.has('10k')) plan.push(['few-huge 10k', 'few-huge', 10_000], ['many-small 10k', 'many-small', 10_000]);
  if (want.has('200k')) plan.push(['few-huge 200k', 'few-huge', 200_000], ['many-small 200k', 'many-small', 200_000]);
  if (want.has('1m')) plan.push(['many-small 1M', 'many-small', 1_000_000]);
  const linearity = want.has('200k');
  if (linearity && !want.has('10k')) plan.push(['many-small 10k', 'many-small', 10_000]);

  const trees = new Map<string, GeneratedTree>();
  for (const [label, shape, n] of plan) {
    if (!existsSync(path.join(treeDir(shape, n), '.complete'))) process.stdout.write(`creating ${label} in ${treeDir(shape, n)} (once)…\n`);
    const tree = ensureTree(shape, n);
    if (tree.createdMs > 0) process.stdout.write(`  created ${formatCount(tree.files)} files in ${sec(tree.createdMs)}\n`);
    trees.set(label, tree);
  }
  const deep = ensureDeepTree(DEEP_LEVELS);
  if (deep.createdMs > 0) process.stdout.write(`created the ${DEEP_LEVELS}-level tree in ${sec(deep.createdMs)}\n`);
  // Node's startup and the report's fixed part, subtracted from the per-file times: a one-file tree.
  const tiny = path.join(OUT, 'tiny');
  mkdirSync(tiny, { recursive: true });
  writeFileSync(path.join(tiny, 'notes.txt'), 'one file\n');

  const rows: Row[] = [];
  for (const [label] of plan) {
    const tree = trees.get(label)!;
    process.stdout.write(`${label}: find…`);
    const findMs = timeFind(tree.dir);
    process.stdout.write(` ${sec(findMs)}; scan…`);
    const scan = await timeCliScan(tree.dir, label.replace(/\s+/g, '-'));
    process.stdout.write(scan.timedOut ? ` timed out after ${TIMEOUT_S} s\n` : ` ${sec(scan.ms)}\n`);
    const stats = scan.timedOut ? 'timed out' : scan.exitCode !== 0 ? `exit ${scan.exitCode}: ${scan.stderrTail.trim().split('\n').pop() ?? ''}` : reportStats(scan.reportPath);
    rows.push({ label, tree, findMs, scan, stats });
  }
  const baseline = await timeCliScan(tiny, 'tiny');
  const deepRun = await timeCliScan(deep.dir, 'deep');
  const deepStats = deepRun.exitCode === 0 ? reportStats(deepRun.reportPath) : `exit ${deepRun.exitCode}`;

  // The table.
  const head = ['tree', 'files', 'filesets', 'find', 'scan', '×find', 'files/s', 'peak RSS', 'report', 'B/fileset¹', 'B/file', 'headers read'];
  const cells = rows.map((r) => {
    const s = typeof r.stats === 'string' ? null : r.stats;
    return [
      r.label,
      formatCount(r.tree.files),
      s ? formatCount(s.filesets) : '–',
      sec(r.findMs),
      r.scan.timedOut ? `>${TIMEOUT_S} s` : sec(r.scan.ms),
      r.scan.timedOut ? `>${(TIMEOUT_S * 1000 / r.findMs).toFixed(0)}×` : `${(r.scan.ms / r.findMs).toFixed(1)}×`,
      r.scan.timedOut ? '–' : formatCount(Math.round(r.tree.files / (r.scan.ms / 1000))),
      r.scan.peakRss === null ? '?' : formatBytes(r.scan.peakRss),
      s ? formatBytes(s.bytes) : String(r.stats),
      s ? formatCount(Math.round(s.bytesBesidesLists / s.filesets)) : '–',
      s ? (s.bytes / s.files).toFixed(0) : '–',
      s ? (s.headersRead === null ? 'not in report' : formatCount(s.headersRead)) : '–',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\n${os.availableParallelism()} cores, node ${process.version}; trees under ${os.tmpdir()}\n\n${line(head)}\n${cells.map(line).join('\n')}\n`);
  process.stdout.write('¹ report bytes besides the per-fileset file lists, per fileset (the JSON re-serialised without `files`).\n');

  // Targets.
  const verdicts: [string, boolean][] = [];
  const target = (what: string, met: boolean) => verdicts.push([what, met]);
  const row = (label: string) => rows.find((r) => r.label === label);
  const ratio = (r: Row) => (r.scan.timedOut ? Number.POSITIVE_INFINITY : r.scan.ms / r.findMs);
  const ratioTarget = (label: string, max: number) => {
    const r = row(label);
    if (r) target(`${label}: scan ${r.scan.timedOut ? 'timed out' : `${ratio(r).toFixed(2)}×`} find (≤ ${max}×)`, r.scan.exitCode === 0 && ratio(r) <= max);
  };
  ratioTarget('few-huge 200k', TARGET.fewHuge200kRatio);
  ratioTarget('many-small 200k', TARGET.manySmall200kRatio);
  ratioTarget('many-small 1M', TARGET.manySmall1mRatio);
  const m1 = row('many-small 1M');
  if (m1) target(`many-small 1M: peak RSS ${m1.scan.peakRss === null ? '?' : formatBytes(m1.scan.peakRss)} (< 1 GB)`, !m1.scan.timedOut && m1.scan.peakRss !== null && m1.scan.peakRss < TARGET.manySmall1mRssBytes);
  for (const r of rows) {
    if (r.label.endsWith('10k')) continue;
    if (typeof r.stats === 'string') {
      target(`${r.label}: report (${r.stats})`, false);
      continue;
    }
    const perFileset = r.stats.bytesBesidesLists / r.stats.filesets;
    const perFile = r.stats.bytes / r.stats.files;
    target(`${r.label}: report ${perFileset.toFixed(0)} B per fileset besides file lists (≤ ${TARGET.bytesPerFilesetBesidesLists})`, perFileset <= TARGET.bytesPerFilesetBesidesLists);
    target(`${r.label}: report ${perFile.toFixed(0)} B per file overall (≤ ${TARGET.bytesPerFile})`, perFile <= TARGET.bytesPerFile);
  }
  const small10k = row('many-small 10k');
  const small200k = row('many-small 200k');
  if (linearity && small10k && small200k && !small200k.scan.timedOut) {
    const per = (r: Row) => Math.max(0, r.scan.ms - baseline.ms) / r.tree.files;
    const growth = per(small200k) / per(small10k);
    process.stdout.write(
      `\nper-file time, startup (${sec(baseline.ms)} on a one-file tree) subtracted: 10k ${(per(small10k) * 1000).toFixed(1)} µs, 200k ${(per(small200k) * 1000).toFixed(1)} µs → ${growth.toFixed(2)}×\n`,
    );
    target(`many-small per-file time 200k / 10k: ${growth.toFixed(2)}× (≤ ${TARGET.perFileGrowth}×, no super-linear phase)`, growth <= TARGET.perFileGrowth);
  }
  process.stdout.write(`deep tree (${DEEP_LEVELS} nested folders, ${formatCount(deep.files)} files): ${sec(deepRun.ms)}, ${typeof deepStats === 'string' ? deepStats : `${formatCount(deepStats.filesets)} filesets`}\n`);
  target(`deep tree of ${DEEP_LEVELS} folders: ${sec(deepRun.ms)} (≤ ${TARGET.deepSeconds} s)`, deepRun.exitCode === 0 && deepRun.ms <= TARGET.deepSeconds * 1000);

  if (small200k) {
    const lag = await inProcessScan(small200k.tree.dir);
    process.stdout.write(
      `in-process runScan of many-small 200k: ${sec(lag.ms)}; event-loop lag max ${lag.lagMaxMs.toFixed(0)} ms (p99 ${lag.lagP99Ms.toFixed(0)} ms); ${lag.events} progress events, ${lag.perSecond.toFixed(1)}/s on average, at most ${lag.maxInOneSecond} in one second\n`,
    );
    target(`event-loop lag during a 200k scan: max ${lag.lagMaxMs.toFixed(0)} ms (< ${TARGET.eventLoopLagMs} ms)`, lag.lagMaxMs < TARGET.eventLoopLagMs);
    target(`progress events: ${lag.maxInOneSecond} in the busiest second (≤ ${TARGET.progressPerSecond}/s)`, lag.maxInOneSecond <= TARGET.progressPerSecond);
    for (const phase of ['walking', 'reading'] as const) {
      const ms = await cancelLatency(small200k.tree.dir, phase);
      process.stdout.write(`cancel while ${phase}: ${ms === null ? 'the scan finished first' : `settled ${ms.toFixed(0)} ms after Cancel`}\n`);
      target(`cancel while ${phase} settles within ${TARGET.cancelMs} ms${ms === null ? ' (not measured: the scan finished first)' : `: ${ms.toFixed(0)} ms`}`, ms !== null && ms <= TARGET.cancelMs);
    }
  }

  process.stdout.write(`\n${verdicts.map(([w, met]) => `${met ? 'MET   ' : 'MISSED'}  ${w}`).join('\n')}\n`);
  process.stdout.write(`reports and stderr of each scan: ${OUT}\n`);
  process.exitCode = verdicts.some(([, met]) => !met) ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 2;
});
