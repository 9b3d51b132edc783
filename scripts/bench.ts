// npm run bench: every bench in turn (walk, routing, checksums, scale), each printing its figures and MET/MISSED
// against issue 11's targets; exits 1 when any bench missed a target, after all of them ran.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHES = ['walk.bench.ts', 'route.bench.ts', 'checksum.bench.ts', 'scale.bench.ts'] as const;
const dir = path.join(__dirname, '..', 'test', 'bench');
const tsx = path.join(__dirname, '..', 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

const missed: string[] = [];
for (const bench of BENCHES) {
  process.stdout.write(`\n== ${bench} ==\n`);
  const run = spawnSync(tsx, [path.join(dir, bench)], { stdio: 'inherit' });
  if (run.status !== 0) missed.push(bench);
}
process.stdout.write(missed.length > 0 ? `\nTargets missed in: ${missed.join(', ')}\n` : '\nEvery bench met its targets.\n');
process.exitCode = missed.length > 0 ? 1 : 0;
