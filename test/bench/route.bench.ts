// npm run bench — modality inference and the policy over a large study, in memory (no disk): a study of
// many folders, as an EPU session with thousands of grid squares or a facility's year of screens makes.
// The policy runs again on every override the user sets, so it must stay fast. Exits 1 when a target is missed.
// Option: BENCH_FILESETS (default 40000).
import { performance } from 'node:perf_hooks';
import type { FormatId } from '../../shared/formats/format-catalog';
import type { Facts } from '../../shared/formats/facts';
import type { LayoutRef } from '../../shared/layouts/types';
import { decideStudy, type ScannedFileset } from '../../shared/study/decide-study';
import { formatCount } from '../../shared/text/units';

const FILESETS = Number(process.env['BENCH_FILESETS'] ?? 40_000);

/**
 * Targets for 40k filesets (a million-file study groups into fewer): routing re-runs on every override, so
 * it must stay within seconds. Measured here (2 cores): 3.4 s and 560 MB RSS, tsx's own memory included.
 */
const TARGETS = { secondsPer40k: 5, peakRssMbPer40k: 800 };

function fileset(i: number, dir: string, pattern: string, format: FormatId, kind: ScannedFileset['kind'], facts: Facts, layouts: LayoutRef[] = [], files = 1): ScannedFileset {
  const names = Array.from({ length: files }, (_, k) => `${dir}/${pattern.replace('#', String(k))}`);
  return {
    id: `b${i}`,
    root: '/bench/study',
    directory: dir,
    pattern,
    extension: '',
    files: names,
    sizes: names.map(() => 1000),
    fileCount: files,
    bytes: files * 1000,
    format,
    formatSource: 'bytes',
    formatConfidence: 0.9,
    sampling: { read: 1, total: files, full: false },
    kind,
    evidence: [],
    facts,
    layouts,
  };
}

/** A mixed study: EPU grid squares (XML + movies), tomograms beside tilt series, LM, HCS plates and READMEs. */
function study(n: number): ScannedFileset[] {
  const out: ScannedFileset[] = [];
  const session: LayoutRef = { kind: 'epu-session', directory: 'epu', marker: 'epu/EpuSession.dm' };
  for (let i = 0; out.length < n; i++) {
    const g = `epu/Images-Disc1/GridSquare_${i}/Data`;
    switch (i % 5) {
      case 0:
        out.push(fileset(out.length, g, 'FoilHole_#_Data.xml', 'epu-xml', 'metadata', { creator: { value: 'EPU', provenance: 'header' } }, [session], 20));
        out.push(fileset(out.length, g, 'FoilHole_#_Data_Fractions.tiff', 'tiff', 'image', { arrangement: { value: 'movie', provenance: 'layout' } }, [session], 20));
        break;
      case 1:
        out.push(fileset(out.length, `tomo/TS_${i}`, `TS_${i}.mrc`, 'mrc', 'image', { arrangement: { value: 'tilt-series', provenance: 'header' } }));
        out.push(fileset(out.length, `tomo/TS_${i}`, `TS_${i}_rec.mrc`, 'mrc', 'image', { arrangement: { value: 'volume', provenance: 'header' }, dimensions: { value: { x: 512, y: 512, z: 128 }, provenance: 'header' } }));
        break;
      case 2:
        out.push(fileset(out.length, `lm/day_${i}`, 'cells_#.czi', 'czi', 'image', { imagingMode: { value: 'confocal', provenance: 'header' } }, [], 10));
        break;
      case 3:
        out.push(fileset(out.length, `hcs/plate_${i}`, 'r##c##f##.tiff', 'operetta-tiff', 'image', {}, [{ kind: 'hcs-plate', directory: `hcs/plate_${i}`, marker: `hcs/plate_${i}/Index.idx.xml` }], 50));
        break;
      default:
        out.push(fileset(out.length, `notes/${i}`, 'README.txt', 'text', 'document', {}));
    }
  }
  return out.slice(0, n);
}

const scanned = study(FILESETS);
const rss0 = process.memoryUsage().rss;
const t = performance.now();
const decided = decideStudy(scanned, { overrides: [{ target: 'tomo/TS_1/TS_1_rec.mrc', destination: 'EMDB' }] });
const seconds = (performance.now() - t) / 1000;
const peakMb = Math.max(rss0, process.memoryUsage().rss) / 2 ** 20;
const scale = FILESETS / 40_000;
const okTime = seconds <= TARGETS.secondsPer40k * scale;
const okMem = peakMb <= TARGETS.peakRssMbPer40k * Math.max(1, scale);
process.stdout.write(
  `route: ${formatCount(FILESETS)} filesets decided in ${seconds.toFixed(2)} s (target ${(TARGETS.secondsPer40k * scale).toFixed(1)} s) ${okTime ? 'ok' : 'MISSED'}; ` +
    `rss ${peakMb.toFixed(0)} MB (target ${TARGETS.peakRssMbPer40k} MB) ${okMem ? 'ok' : 'MISSED'}; ` +
    `${formatCount(decided.filesets.length)} filesets out, ${decided.study.tomograms.count} tomograms (${decided.study.tomograms.rule}).\n`,
);
if (!okTime || !okMem) process.exit(1);
