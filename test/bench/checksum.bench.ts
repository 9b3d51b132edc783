// npm run bench — checksum throughput of the export's worker pool against GNU md5sum in the same run, on a
// generated tree (~1.5 GB by default: a few large movie-sized files and many small slices), page cache warm.
// Prints each rate and the ratio; exits 1 when the pool is slower than a single md5sum process, which it
// should beat on any machine with two or more cores (the brief of issue 9: "worker threads on every core").
// Options: BENCH_CHECKSUM_MB (default 1536), BENCH_CHECKSUM_DIR (default <tmp>/deposit-assistant-checksum-<MB>).
import { execSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomFillSync } from 'node:crypto';
import { runChecksums } from '../../main/export/checksum-pool';
import { formatBytes, formatCount } from '../../shared/text/units';

const MB = Number(process.env['BENCH_CHECKSUM_MB'] ?? 1536);
const DIR = process.env['BENCH_CHECKSUM_DIR'] ?? path.join(os.tmpdir(), `deposit-assistant-checksum-${MB}`);
/** Half the bytes in 64 MiB files (movies, tomograms), half in 1 MiB files (slices of a volume-EM stack). */
const LARGE = 64 << 20;
const SMALL = 1 << 20;

function buildTree(): string[] {
  const marker = path.join(DIR, '.complete');
  if (!existsSync(marker)) {
    process.stderr.write(`writing ${MB} MiB of random data to ${DIR} (once)…\n`);
    mkdirSync(path.join(DIR, 'movies'), { recursive: true });
    mkdirSync(path.join(DIR, 'slices'), { recursive: true });
    const chunk = Buffer.alloc(SMALL);
    const half = (MB << 20) / 2;
    for (let i = 0; i * LARGE < half; i++) {
      const fd = openSync(path.join(DIR, 'movies', `movie_${String(i).padStart(3, '0')}.tif`), 'w');
      for (let b = 0; b < LARGE; b += SMALL) writeSync(fd, randomFillSync(chunk));
      closeSync(fd);
    }
    for (let i = 0; i * SMALL < half; i++) writeFileSync(path.join(DIR, 'slices', `slice_${String(i).padStart(5, '0')}.tif`), randomFillSync(chunk));
    writeFileSync(marker, '');
  }
  return ['movies', 'slices'].flatMap((d) => readdirSync(path.join(DIR, d)).sort().map((n) => path.join(DIR, d, n)));
}

function seconds<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, (performance.now() - t) / 1000];
}

async function main(): Promise<void> {
  const files = buildTree();
  const bytes = files.reduce((n, f) => n + (f.includes('movie_') ? LARGE : SMALL), 0);
  const cores = os.availableParallelism();
  process.stdout.write(`${formatCount(files.length)} files, ${formatBytes(bytes)}, ${cores} cores\n`);
  // Warm the page cache so every contender reads from memory, not from whichever run came first.
  execSync(`cat movies/* slices/* > /dev/null`, { cwd: DIR, shell: '/bin/sh' });

  const rel = files.map((f) => path.relative(DIR, f));
  const list = path.join(os.tmpdir(), `deposit-assistant-checksum-list-${process.pid}`);
  writeFileSync(list, rel.join('\0'));
  const shell = (cmd: string) => seconds(() => execSync(cmd, { cwd: DIR, shell: '/bin/sh', maxBuffer: 256 << 20, encoding: 'utf8' }));

  const t0 = performance.now();
  const run = await runChecksums(files.map((f) => ({ path: f })), { algorithms: ['md5'] });
  const ours = (performance.now() - t0) / 1000;
  const [single, md5sumSec] = shell(`xargs -0 md5sum < ${list}`);
  const [, findSec] = shell(`find movies slices -type f -exec md5sum {} + > /dev/null`);
  const [, parallelSec] = shell(`xargs -0 -P ${cores} -n 64 md5sum < ${list} > /dev/null`);

  // Same digests as coreutils, file by file.
  const theirs = new Map(single.trim().split('\n').map((l) => [l.slice(34), l.slice(0, 32)]));
  const wrong = rel.filter((r, i) => { const o = run.outcomes[i]; return !o || o.kind === 'failed' || o.digests.md5 !== theirs.get(r); });

  const rate = (s: number) => `${formatBytes(bytes / s)}/s`;
  const rows: Array<[string, number]> = [
    [`deposit-assistant (${run.threads} worker threads)`, ours],
    ['md5sum (one process, xargs -0)', md5sumSec],
    ['find … -exec md5sum {} +', findSec],
    [`xargs -0 -P ${cores} -n 64 md5sum`, parallelSec],
  ];
  for (const [name, s] of rows) process.stdout.write(`${name.padEnd(40)} ${s.toFixed(2).padStart(7)} s  ${rate(s).padStart(12)}\n`);
  process.stdout.write(`ratio: ${(md5sumSec / ours).toFixed(2)}× one md5sum, ${(parallelSec / ours).toFixed(2)}× xargs -P ${cores} md5sum\n`);
  const misses: string[] = [];
  if (wrong.length > 0) misses.push(`${wrong.length} digests differ from md5sum's (first: ${wrong[0]})`);
  if (cores >= 2 && ours > md5sumSec) misses.push(`the worker pool (${ours.toFixed(2)} s) was slower than one md5sum (${md5sumSec.toFixed(2)} s)`);
  process.stdout.write(misses.length ? `\nMISSED: ${misses.join('; ')}\n` : '\nAll targets met.\n');
  process.exitCode = misses.length ? 1 : 0;
}

void main();
