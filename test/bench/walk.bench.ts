// npm run bench — speed, memory and cancel latency of the scan on a large tree, against `find` and a plain
// synchronous walk. Targets are checked here, not in unit tests; exits 1 when one is missed.
// Options: BENCH_FILES (default 200000), BENCH_DIR (default <tmp>/deposit-assistant-bench-<files>).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runScan } from '../../main/scan/run-scan';
import { DEFAULT_WALK_CONCURRENCY } from '../../main/scan/walker';
import { chooseEngine } from '../../main/scan/choose-engine';
import { formatBytes, formatCount } from '../../shared/text/units';

const FILES = Number(process.env['BENCH_FILES'] ?? 200_000);
const FILES_PER_DIR = 500;
const DIR = process.env['BENCH_DIR'] ?? path.join(os.tmpdir(), `deposit-assistant-bench-${FILES}`);

/**
 * Targets, scaled to the file count. Baselines measured on this kind of machine (2 cores) for 200k files:
 * find 0.32 s, a blocking synchronous walk 0.94 s, a Promise.all-per-file walk 5.2 s and 850 MB.
 */
const TARGETS = {
  scanSecondsPer200k: 2.5,
  peakRssMbPer200k: 400,
  cancelMs: 200,
};

function buildTree(): void {
  const marker = path.join(DIR, '.complete');
  if (existsSync(marker)) return;
  process.stderr.write(`creating ${formatCount(FILES)} files in ${DIR} (once)…\n`);
  for (let i = 0; i < FILES; i++) {
    const d = Math.floor(i / FILES_PER_DIR);
    // A mix of layouts: numbered slices (vEM), movie frames (SPA), tilt series (ET).
    const kind = d % 3 === 0 ? `vem/stack_${d}` : d % 3 === 1 ? `spa/GridSquare_${d}/Data` : `tomo/TS_${d}`;
    const dir = path.join(DIR, kind);
    if (i % FILES_PER_DIR === 0) mkdirSync(dir, { recursive: true });
    const name = d % 3 === 0 ? `slice_${String(i).padStart(6, '0')}.tif` : d % 3 === 1 ? `FoilHole_${i}_Data_${i * 7}.mrc` : `TS_${d}_${String(i % 61).padStart(3, '0')}_${i}.mrc`;
    writeFileSync(path.join(dir, name), '');
  }
  writeFileSync(marker, '');
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

function syncWalk(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += syncWalk(p);
    else if (e.isFile()) {
      lstatSync(p);
      n++;
    }
  }
  return n;
}

async function measureScan(engine: 'thread' | 'async', concurrency?: number): Promise<{ ms: number; files: number; peakRss: number }> {
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const t = performance.now();
  const outcome = await runScan([DIR], { engine, ...(concurrency ? { concurrency } : {}) });
  const ms = performance.now() - t;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (outcome.status !== 'done') throw new Error(`scan ended ${outcome.status}`);
  return { ms, files: outcome.report.totals.files, peakRss };
}

async function measureCancel(): Promise<number> {
  const controller = new AbortController();
  const pending = runScan([DIR], { signal: controller.signal });
  await new Promise((r) => setTimeout(r, 150));
  const t = performance.now();
  controller.abort();
  const outcome = await pending;
  if (outcome.status !== 'cancelled') throw new Error('the scan finished before it could be cancelled; use more files');
  return performance.now() - t;
}

async function main(): Promise<void> {
  buildTree();
  const expected = FILES + 1; // + the .complete marker
  const [findOut, findMs] = time(() => execFileSync('find', [DIR, '-type', 'f'], { maxBuffer: 1 << 30 }).toString().split('\n').filter(Boolean).length);
  const [syncCount, syncMs] = time(() => syncWalk(DIR));
  const rows: [string, string, string, string][] = [
    ['find -type f', `${(findMs / 1000).toFixed(2)} s`, formatCount(findOut), '–'],
    ['sync readdir+lstat walk', `${(syncMs / 1000).toFixed(2)} s`, formatCount(syncCount), '–'],
  ];
  const chosen = chooseEngine([DIR]);
  let defaultRun: Awaited<ReturnType<typeof measureScan>> | undefined;
  const runs: [string, 'thread' | 'async', number | undefined][] = [
    ['runScan, thread engine', 'thread', undefined],
    [`runScan, async engine, ${DEFAULT_WALK_CONCURRENCY} in flight`, 'async', DEFAULT_WALK_CONCURRENCY],
    ['runScan, async engine, 16 in flight', 'async', 16],
  ];
  for (const [label, engine, concurrency] of runs) {
    const r = await measureScan(engine, concurrency);
    if (r.files !== expected) throw new Error(`scan counted ${r.files} files, expected ${expected}`);
    const isDefault = engine === chosen.engine && (engine === 'thread' || concurrency === DEFAULT_WALK_CONCURRENCY);
    rows.push([`${label}${isDefault ? ' (default here)' : ''}`, `${(r.ms / 1000).toFixed(2)} s`, formatCount(r.files), formatBytes(r.peakRss)]);
    if (isDefault) defaultRun = r;
  }
  const cancelMs = await measureCancel();
  rows.push(['cancel → settled', `${cancelMs.toFixed(1)} ms`, '', '']);

  const w = [50, 10, 10, 12];
  process.stdout.write(`\n${formatCount(FILES)} files in ${DIR}; engine chosen here: ${chosen.engine} (${chosen.because})\n\n`);
  process.stdout.write(['what', 'time', 'files', 'peak RSS'].map((h, i) => h.padEnd(w[i]!)).join('  ') + '\n');
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(w[i]!)).join('  ') + '\n');

  const scale = FILES / 200_000;
  const misses: string[] = [];
  if (defaultRun!.ms / 1000 > TARGETS.scanSecondsPer200k * scale) misses.push(`scan took ${(defaultRun!.ms / 1000).toFixed(2)} s (target ${TARGETS.scanSecondsPer200k * scale} s)`);
  if (defaultRun!.peakRss / 2 ** 20 > TARGETS.peakRssMbPer200k * Math.max(1, scale)) misses.push(`peak RSS ${formatBytes(defaultRun!.peakRss)} (target ${TARGETS.peakRssMbPer200k * Math.max(1, scale)} MiB)`);
  if (cancelMs > TARGETS.cancelMs) misses.push(`cancel took ${cancelMs.toFixed(0)} ms (target ${TARGETS.cancelMs} ms)`);
  process.stdout.write(misses.length ? `\nMISSED: ${misses.join('; ')}\n` : '\nAll targets met.\n');
  process.exitCode = misses.length ? 1 : 0;
}

void main();
