// Deterministic generator of the scale bench's trees (issue 11): "few-huge" (FIB-SEM stacks, EPU grid
// squares, SerialEM stack + mdoc pairs) and "many-small" (the same plus 5% of the files as one folder per
// tilt series). Every file carries a small but real header built once per kind by the fixture writers
// (test/fixtures/writers) or taken from a vendored real sample (test/fixtures/real/SOURCES.md); the
// generator then writes copies, so a million files take a few GB and about a minute to create.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeMrc } from '../fixtures/writers/cryoem/mrc';
import { writeJpeg } from '../fixtures/writers/generic/jpeg';
import { blankStrip, imageTags, tag, writeTiff } from '../fixtures/writers/tiff/tiff';
import { feiIni } from '../fixtures/writers/tiff/vendors';

/** The two tree shapes of issue 11's table. */
export type TreeShape = 'few-huge' | 'many-small';

/** A generated tree on disk. */
export interface GeneratedTree {
  readonly dir: string;
  readonly shape: TreeShape | 'deep';
  /** Regular files the scan should count (the `.complete` marker included: it is a file in the root). */
  readonly files: number;
  /** Milliseconds spent creating it in this run; 0 when an earlier run's tree was reused. */
  readonly createdMs: number;
}

const REAL = path.join(__dirname, '..', 'fixtures', 'real');

/** Share of the files in each layout, chosen so 200k few-huge files give ~300 filesets as in issue 11's table (333). */
const SHARE = { fib: 0.4, epu: 0.45 } as const; // the rest (15%) SerialEM pairs
/** Slices per FIB-SEM stack folder: "thousands per folder" (docs/empiar.md: EMPIAR-13192 lists 1,250 TIFF slices). */
const SLICES_PER_STACK = 4000;
/** Exposures per EPU grid square (3 files each: XML, JPEG, fractions TIFF). Our choice, to keep filesets huge. */
const EXPOSURES_PER_SQUARE = 600;
/** Stack + mdoc pairs per SerialEM session folder. Our choice. */
const PAIRS_PER_SESSION = 1000;
/** Share of the files put in one-folder-per-tilt-series folders in the many-small shape (issue 11: "+ 5%"). */
const TILT_SERIES_SHARE = 0.05;
/** Tilt views kept in each SerialEM stack and its mdoc (see mdocText): few, so both stay under 4 KiB. */
const SECTIONS = 3;

/** Bytes of a vendored real sample. */
function real(rel: string): Buffer {
  return readFileSync(path.join(REAL, ...rel.split('/')));
}

/**
 * The real teamtomo/mdocfile tilt-series mdoc (41 views, 0° then ±3° steps to ±60°, ~20 KB) cut to its header and
 * the views at 0°, −60° and +60° (its sections 0, 39, 40), renumbered ZValue 0–2, describing `stem.mrc`: under 2 KB
 * and still a tilt series to the mdoc detector (≥ 3 angles over ≥ 20°, main/formats/families/cryoem/tilt.ts).
 */
function mdocText(stem: string): string {
  const text = real('mdoc/tilt_series.mdoc').toString('utf8').replace(/ImageFile = TS_01\.mrc/, `ImageFile = ${stem}.mrc`);
  const parts = text.split(/(?=\[ZValue = )/);
  const views = [0, 39, 40].map((v, i) => {
    const section = parts[1 + v];
    if (section === undefined) throw new Error(`tilt_series.mdoc has no view ${v}`);
    return section.replace(/\[ZValue = \d+\]/, `[ZValue = ${i}]`);
  });
  return (parts[0] ?? '') + views.join('');
}

/** One template per kind of file, built once. */
interface Templates {
  readonly fibSlice: Uint8Array;
  readonly epuXml: Uint8Array;
  readonly epuSquareXml: Uint8Array;
  readonly jpeg: Uint8Array;
  readonly fractions: Uint8Array;
  readonly serialEmStack: Uint8Array;
  /** Head and body of the SerialEM mdoc, split around the stack's name on its ImageFile line. */
  readonly mdocBefore: string;
  readonly mdocAfter: string;
}

function templates(): Templates {
  // Thermo/FEI DualBeam slice: INI metadata in tag 34682 (tifffile read_fei_metadata), as the gallery's ASV layout.
  const w = 32;
  const fibSlice = writeTiff({
    littleEndian: true,
    ifds: [{ tags: [...imageTags({ width: w, height: w, bitsPerSample: 8 }), tag.ascii(34682, feiIni({ systemType: 'Helios NanoLab 660' }))], strip: blankStrip(w, w, 8) }],
  });
  // EPU dose-fractionated movie: multi-frame 8-bit TIFF without vendor tags (test/layouts/gallery/cryo.ts tiffMovie).
  const m = 16;
  const fractions = writeTiff({ littleEndian: true, ifds: Array.from({ length: 4 }, () => ({ tags: imageTags({ width: m, height: m, bitsPerSample: 8 }), strip: new Uint8Array(m * m) })) });
  // SerialEM stack: plain MRC, SerialEM's first label; angles live in the mdoc (gallery serialEmStackNoTilts).
  const serialEmStack = writeMrc({ nx: 8, ny: 8, nz: SECTIONS, mode: 1, cella: [8 * 2.7, 8 * 2.7, SECTIONS * 2.7], labels: ['SerialEM: Digitized on Titan Krios 3           12-Mar-19  10:11:12'] });
  const marker = '\u0000STEM\u0000';
  const [mdocBefore, mdocAfter] = mdocText(marker).split(marker) as [string, string];
  return {
    fibSlice,
    epuXml: real('epu/FoilHole_9015883_Data_9017347_6_20250108_154915.xml'),
    epuSquareXml: real('epu/GridSquare_20250108_151151.xml'),
    jpeg: writeJpeg({ width: 64, height: 64, components: 1, jfif: true }),
    fractions,
    serialEmStack,
    mdocBefore,
    mdocAfter,
  };
}

/** Sizes of the templates, for the bench's log. */
export function templateSizes(): Record<string, number> {
  const t = templates();
  return {
    'FIB-SEM slice .tif': t.fibSlice.length,
    'EPU exposure .xml (real)': t.epuXml.length,
    'EPU grid square .xml (real)': t.epuSquareXml.length,
    'EPU .jpg': t.jpeg.length,
    'EPU _fractions.tiff': t.fractions.length,
    'SerialEM .mrc': t.serialEmStack.length,
    'SerialEM .mrc.mdoc': Buffer.byteLength(t.mdocBefore + 'TS_0001' + t.mdocAfter),
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Writes the files of one tree; returns how many. `budget` files are spread over the layouts by SHARE. */
function writeTree(dir: string, budget: number, shape: TreeShape, t: Templates): number {
  let written = 0;
  const put = (rel: string, bytes: Uint8Array | string) => {
    writeFileSync(path.join(dir, rel), bytes);
    written++;
  };
  const tsFiles = shape === 'many-small' ? Math.round(budget * TILT_SERIES_SHARE) : 0;
  const rest = budget - tsFiles;
  const fibFiles = Math.round(rest * SHARE.fib);
  const epuFiles = Math.round(rest * SHARE.epu);
  const semFiles = rest - fibFiles - epuFiles;

  // FIB-SEM: fib-sem/stack_<k>/slice_<00001>.tif, SLICES_PER_STACK per folder.
  for (let i = 0; i < fibFiles; i++) {
    const k = Math.floor(i / SLICES_PER_STACK);
    const sub = `fib-sem/stack_${pad(k + 1, 3)}`;
    if (i % SLICES_PER_STACK === 0) mkdirSync(path.join(dir, sub), { recursive: true });
    put(`${sub}/slice_${pad((i % SLICES_PER_STACK) + 1, 5)}.tif`, t.fibSlice);
  }

  // EPU: Images-Disc1/GridSquare_<id>/GridSquare_<date>_<time>.xml/.jpg and Data/FoilHole_<hole>_Data_<target>_<n>_<date>_<time>.xml/.jpg/_fractions.tiff
  // (names of the smartem-decisions epu-dir-example tree, test/layouts/gallery/cryo.ts epuK3Session).
  let e = 0;
  for (let sq = 0; e < epuFiles; sq++) {
    const square = `epu/Images-Disc1/GridSquare_${8_999_138 + sq * 17}`;
    mkdirSync(path.join(dir, square, 'Data'), { recursive: true });
    const hh = pad(15 + Math.floor(sq / 60) % 9, 2);
    const mm = pad(sq % 60, 2);
    put(`${square}/GridSquare_20250108_${hh}${mm}00.xml`, t.epuSquareXml);
    put(`${square}/GridSquare_20250108_${hh}${mm}00.jpg`, t.jpeg);
    e += 2;
    for (let x = 0; x < EXPOSURES_PER_SQUARE && e < epuFiles; x++) {
      const hole = 9_015_883 + sq * 1000 + Math.floor(x / 4);
      const secs = sq * EXPOSURES_PER_SQUARE + x;
      const time = `${pad(15 + (Math.floor(secs / 3600) % 9), 2)}${pad(Math.floor(secs / 60) % 60, 2)}${pad(secs % 60, 2)}`;
      const stem = `${square}/Data/FoilHole_${hole}_Data_${9_017_347 + (x % 4) * 7}_6_20250108_${time}`;
      put(`${stem}.xml`, t.epuXml);
      e++;
      if (e < epuFiles) {
        put(`${stem}.jpg`, t.jpeg);
        e++;
      }
      if (e < epuFiles) {
        put(`${stem}_fractions.tiff`, t.fractions);
        e++;
      }
    }
  }

  // SerialEM: serialem/session_<k>/stack_<0001>.mrc + stack_<0001>.mrc.mdoc, PAIRS_PER_SESSION pairs per folder.
  for (let i = 0; i < semFiles; i += 2) {
    const k = Math.floor(i / 2 / PAIRS_PER_SESSION);
    const sub = `serialem/session_${pad(k + 1, 3)}`;
    if ((i / 2) % PAIRS_PER_SESSION === 0) mkdirSync(path.join(dir, sub), { recursive: true });
    const stem = `stack_${pad(((i / 2) % PAIRS_PER_SESSION) + 1, 4)}`;
    put(`${sub}/${stem}.mrc`, t.serialEmStack);
    if (i + 1 < semFiles) put(`${sub}/${stem}.mrc.mdoc`, t.mdocBefore + stem + t.mdocAfter);
  }

  // Tilt series, one folder each: tomo/TS_<n>/TS_<n>.mrc + TS_<n>.mrc.mdoc (SerialEM, test/layouts/gallery/cryo.ts).
  for (let i = 0; i < tsFiles; i += 2) {
    const ts = `TS_${pad(i / 2 + 1, 5)}`;
    mkdirSync(path.join(dir, 'tomo', ts), { recursive: true });
    put(`tomo/${ts}/${ts}.mrc`, t.serialEmStack);
    if (i + 1 < tsFiles) put(`tomo/${ts}/${ts}.mrc.mdoc`, t.mdocBefore + ts + t.mdocAfter);
  }
  return written;
}

/** Folder of a generated tree: os.tmpdir()/deposit-assistant-scale-<shape>-<files>. */
export function treeDir(shape: TreeShape | 'deep', files: number): string {
  return path.join(os.tmpdir(), `deposit-assistant-scale-${shape}-${files}`);
}

const MARKER = '.complete';

/**
 * The tree of `shape` with `files` files (the `.complete` marker is one more), created once and reused while its
 * marker exists. An unfinished tree (no marker) is removed and written again.
 */
export function ensureTree(shape: TreeShape, files: number): GeneratedTree {
  const dir = treeDir(shape, files);
  const marker = path.join(dir, MARKER);
  if (existsSync(marker)) return { dir, shape, files: Number(readFileSync(marker, 'utf8')) + 1, createdMs: 0 };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const written = writeTree(dir, files, shape, templates());
  writeFileSync(marker, String(written));
  return { dir, shape, files: written + 1, createdMs: performance.now() - t0 };
}

/**
 * A chain of `levels` nested folders (one-letter names, so 2,000 levels stay under Linux's PATH_MAX of 4096),
 * each holding one FIB-SEM slice TIFF: the "folder depth" row of issue 11 (2,000 levels took 27–76 s).
 */
export function ensureDeepTree(levels: number): GeneratedTree {
  const dir = treeDir('deep', levels);
  const marker = path.join(dir, MARKER);
  if (existsSync(marker)) return { dir, shape: 'deep', files: levels + 1, createdMs: 0 };
  rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  const slice = templates().fibSlice;
  const leaf = path.join(dir, ...Array.from({ length: levels }, () => 'a'));
  mkdirSync(leaf, { recursive: true });
  let d = dir;
  for (let i = 0; i < levels; i++) {
    d = path.join(d, 'a');
    writeFileSync(path.join(d, 'x.tif'), slice);
  }
  writeFileSync(marker, String(levels));
  return { dir, shape: 'deep', files: levels + 1, createdMs: performance.now() - t0 };
}
