/**
 * Shared machinery of the fuzz tests (issue 12): case generators over real fixture seeds and one checker
 * of the detector contract in main/formats/detector.ts. Each fuzz-<family>.test.ts file runs one family
 * so vitest spreads the families over its workers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FactsSchema } from '../../../shared/formats/facts';
import { formatInfo } from '../../../shared/formats/format-catalog';
import { contextFromBytes } from '../../../main/formats/context';
import { MAX_READS, MAX_TOTAL_READ_BYTES, ReadBudgetError, type DetectContext, type Detector } from '../../../main/formats/detector';
import { FAMILY_TABLE } from '../../fixtures/families';
import type { Family } from '../../fixtures/families/ownership';
import { familiesUnderTest } from './families';

/** Cases every detector must get across the four kinds (issue 12: "at least 10,000 cases per reader"). */
export const MIN_CASES = 10_000;

/**
 * Longest one detect() may take on one in-memory input before it counts as hung. Inputs are at most the
 * largest seed (1.3 MB, the OME-TIFF sample); the slowest path (an HDF5 file opened by h5wasm in its worker)
 * takes a few ms, so 2 s is ~100× headroom for a loaded 2-core CI machine while still catching runaway loops
 * over absurd counts. A truly infinite synchronous loop is caught by vitest's 30 s testTimeout instead.
 */
const HANG_MS = 2000;

/**
 * Most the JS heap plus ArrayBuffer memory may grow over one batch of cases, measured after a full GC at both
 * ends. Every case is independent and retains nothing, so real growth is ~0; 32 MiB allows V8's lazily freed
 * code and fast-check's shrink bookkeeping while catching a per-case leak of ≥ 3 KiB over 10,000 cases.
 */
const RETAINED_BYTES = 32 * 1024 * 1024;

/**
 * Most memory a batch may hold at any sample point above its starting level. MAX_TOTAL_READ_BYTES (16 MiB,
 * main/formats/detector.ts) bounds what a detector may read, so a detector that trusts an absurd count
 * (allocating 0x7FFFFFFF elements) shows up here; 512 MiB leaves room for uncollected garbage between GCs.
 */
const PEAK_BYTES = 512 * 1024 * 1024;

/**
 * Cases between memory samples and event-loop turns (process.memoryUsage() costs ~10 µs). The turn matters:
 * zlib's *Sync calls that fail release their native buffers only in a later tick (seen with Node 20: ~16 KiB
 * per failed gunzipSync held until the loop turns), and a real scan turns the loop on every file read.
 */
const SAMPLE_EVERY = 64;

/**
 * How far into each seed the field overwrites reach ("the first few hundred bytes": MRC's 1024-byte header
 * keeps its counts and offsets in the first 224 bytes, MRC2014 §; NIfTI-1's 348-byte header, TIFF's IFD0
 * offset at byte 4 and its first entries right after). Shrunk for detectors with many seeds, never below 64.
 */
const OVERWRITE_SPAN = 512;
const OVERWRITE_SPAN_MIN = 64;
/** Field overwrite cases a detector gets in total, spread over its seeds. */
const OVERWRITE_BUDGET = 5000;

/**
 * Lengths truncated exhaustively per detector: every length 0…L of each seed, where L is at least 1100 (past
 * MRC's 1024-byte header and NIfTI's 348, DICOM's 132-byte preamble+magic) unless the seeds are many.
 */
const TRUNCATE_BUDGET = 2500;
const TRUNCATE_MIN_SPAN = 128;
/** Random truncations beyond the exhaustive span (fast-check), per detector. */
const TRUNCATE_RANDOM = 300;
/** Bit-flip and byte-overwrite runs per detector (fast-check). */
const FLIP_RUNS = 1200;
/** Random-bytes runs per detector at least; topped up so the detector reaches MIN_CASES. */
const RANDOM_MIN = 1500;
/** Longest random input; past every magic and fixed header the detectors check (HEAD_BYTES is 64 KiB). */
const RANDOM_MAX_LENGTH = 2048;
/** Flips land in the first this-many bytes of a seed (the headers), or anywhere in a small seed. */
const FLIP_SPAN = 8192;

/** Time one detector's whole batch may take (the slowest, HDF5 through h5wasm, needs ~20 s on 2 cores). */
const DETECTOR_TIMEOUT_MS = 120_000;

/** A named input: the detectors see the name's extension. */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One bad behaviour found by a case: thrown, hung, over budget, or a detection outside the contract. */
export class ContractViolation extends Error {}

function hex(bytes: Uint8Array, max = 96): string {
  const shown = Buffer.from(bytes.subarray(0, max)).toString('hex');
  return bytes.length > max ? `${shown}… (${bytes.length} bytes)` : shown;
}

function fail(d: Detector, what: string, name: string, bytes: Uint8Array, label: string): never {
  throw new ContractViolation(`${d.id}: ${what} [case ${label}; name ${name}; bytes ${hex(bytes)}]`);
}

/**
 * One temp file per worker for detectors that open the file themselves (h5wasm, zarr's store walk):
 * contextFromBytes would make a fresh temp folder per call and never remove it (10,000 folders per detector).
 */
class LocalFile {
  private dir: string | undefined;
  private current: string | undefined;
  private count = 0;
  /**
   * Writes the case's bytes alone in a fresh sub-folder (zarr and n5 walk the file's folder, so it must hold
   * nothing else) and removes the previous case's folder.
   */
  path(name: string, bytes: Uint8Array): string {
    this.dir ??= mkdtempSync(path.join(os.tmpdir(), 'da-fuzz-'));
    if (this.current) rmSync(this.current, { recursive: true, force: true });
    this.current = path.join(this.dir, String(this.count++));
    mkdirSync(this.current);
    const file = path.join(this.current, name.replace(/[\\/]/g, '_') || 'file');
    writeFileSync(file, bytes);
    return file;
  }
  /** Removes the worker's temp folder. */
  cleanup(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.current = undefined;
  }
}

const local = new LocalFile();

/** In-memory context whose localPath() writes to this worker's single temp folder. */
function context(name: string, bytes: Uint8Array): DetectContext {
  const ctx = contextFromBytes(name, bytes);
  let file: string | undefined;
  return {
    name: ctx.name,
    ext: ctx.ext,
    size: ctx.size,
    head: ctx.head,
    read: (offset, length) => ctx.read(offset, length),
    localPath: () => Promise.resolve((file ??= local.path(name, bytes))),
    stats: ctx.stats,
  };
}

/**
 * Runs one case and throws ContractViolation on a break of the contract in main/formats/detector.ts:
 * sniff and detect never throw ("detect must never throw: bad bytes give null or a detection with
 * problems" — a ReadBudgetError from ctx.read included: identify() in registry.ts only catches it as a
 * safety net), a detection's format is one of the detector's, its confidence lies in [0, 1], its facts parse
 * with FactsSchema, the reads stay within MAX_READS / MAX_TOTAL_READ_BYTES, and detect returns within HANG_MS.
 * detect runs even when sniff says no: it must cope with any bytes, not only those its sniff admits.
 */
export async function check(d: Detector, name: string, bytes: Uint8Array, label: string): Promise<void> {
  const ctx = context(name, bytes);
  try {
    d.sniff(ctx);
  } catch (err) {
    fail(d, `sniff threw ${String(err)}`, name, bytes, label);
  }
  const started = performance.now();
  let found;
  try {
    found = await d.detect(ctx);
  } catch (err) {
    fail(d, `detect threw ${err instanceof ReadBudgetError ? 'ReadBudgetError ' : ''}${String(err)}`, name, bytes, label);
  }
  const took = performance.now() - started;
  if (took > HANG_MS) fail(d, `detect took ${took.toFixed(0)} ms (limit ${HANG_MS})`, name, bytes, label);
  const { reads, bytes: read } = ctx.stats;
  if (reads > MAX_READS || read > MAX_TOTAL_READ_BYTES) fail(d, `read past the budget: ${reads} reads, ${read} bytes`, name, bytes, label);
  if (!found) return;
  if (!d.formats.includes(found.format)) fail(d, `returned format ${found.format}, not one of ${d.formats.join(', ')}`, name, bytes, label);
  if (!(found.confidence >= 0 && found.confidence <= 1)) fail(d, `confidence ${found.confidence} outside [0, 1]`, name, bytes, label);
  const facts = FactsSchema.safeParse(found.facts);
  if (!facts.success) fail(d, `facts do not parse: ${JSON.stringify(facts.error.issues).slice(0, 400)}`, name, bytes, label);
  if (!Array.isArray(found.problems) || !Array.isArray(found.evidence)) fail(d, 'problems or evidence is not an array', name, bytes, label);
}

/** A full garbage collection, if V8 lets us have one (flags set at run time; a no-op otherwise). */
const fullGc: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') return () => void gc();
  } catch {
    // fall through: memory growth is then measured without a forced collection, which only overestimates it.
  }
  return () => undefined;
})();

/** Lets the event loop run once (deferred native frees, timers). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Reader bugs the fuzzing found. While one is open, a violation of `detector` whose message matches `matches` is
 * counted, not failed, so the rest of that detector's cases still run, and an `it.fails` replays `reproducer`
 * (it turns red once the reader is fixed). Once `fixed`, violations fail like any other and the reproducer
 * stays as a regression test that must pass.
 */
export interface KnownFinding {
  readonly detector: string;
  readonly matches: RegExp;
  readonly finding: string;
  readonly reproducer: () => Seed;
  readonly fixed?: boolean;
}

/** A reproducer from a family's positive fixture: its bytes, cut to `length` and with `patch` written at `at`. */
export function fixtureCase(family: Family, name: string, edit: { readonly length?: number; readonly at?: number; readonly patch?: readonly number[] }): () => Seed {
  return () => {
    const fixture = FAMILY_TABLE[family].fixtures.positives.find((f) => f.name === name);
    if (!fixture) throw new Error(`no ${family} fixture named ${name}`);
    const bytes = fixture.bytes().slice(0, edit.length);
    if (edit.patch) bytes.set(edit.patch, edit.at ?? 0);
    return { name, bytes };
  };
}

/** Counts a batch's cases and checks its memory: peak while it runs and what it retains at the end. */
export class Batch {
  cases = 0;
  /** Cases that hit a known finding instead of passing. */
  known = 0;
  private readonly start: number;
  private peak = 0;
  constructor(
    private readonly what: string,
    private readonly findings: readonly KnownFinding[] = [],
  ) {
    fullGc();
    this.start = memory();
  }
  /** Runs one case through check() and samples memory now and then. */
  async run(d: Detector, name: string, bytes: Uint8Array, label: string): Promise<void> {
    try {
      await check(d, name, bytes, label);
    } catch (err) {
      if (!(err instanceof ContractViolation && this.findings.some((f) => !f.fixed && f.detector === d.id && f.matches.test(err.message)))) throw err;
      this.known++;
    }
    if (++this.cases % SAMPLE_EVERY === 0) {
      this.peak = Math.max(this.peak, memory() - this.start);
      await turn();
    }
  }
  /** Asserts the memory bounds and returns the number of cases run. */
  async finish(): Promise<number> {
    await turn();
    fullGc();
    const retained = memory() - this.start;
    if (this.peak > PEAK_BYTES) throw new ContractViolation(`${this.what}: memory rose ${(this.peak / 2 ** 20).toFixed(0)} MiB above the start (limit ${PEAK_BYTES / 2 ** 20})`);
    if (retained > RETAINED_BYTES) throw new ContractViolation(`${this.what}: ${(retained / 2 ** 20).toFixed(1)} MiB retained after the batch (limit ${RETAINED_BYTES / 2 ** 20})`);
    return this.cases;
  }
}

/** Applies `edit` to `seed` in place, runs the case, and restores the bytes (no 1 MB copy per case). */
async function mutated(batch: Batch, d: Detector, seed: Seed, at: number, patch: Uint8Array, label: string): Promise<void> {
  const end = Math.min(seed.bytes.length, at + patch.length);
  const saved = seed.bytes.slice(at, end);
  seed.bytes.set(patch.subarray(0, end - at), at);
  try {
    await batch.run(d, seed.name, seed.bytes, label);
  } finally {
    seed.bytes.set(saved, at);
  }
}

/** Bytes of `value` (a BigInt) as a `width`-byte field, little- or big-endian. */
function field(value: bigint, width: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(width);
  for (let i = 0; i < width; i++) out[littleEndian ? i : width - 1 - i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}

/**
 * The absurd values written over each field: zero, all ones (−1 signed), the signed maximum and minimum
 * (0x7F…, 0x80…) of the width, and for 4 and 8 bytes also a large positive count (2^30, 2^53 — past any
 * plausible dimension, yet in range of JS integers) — each both endiannesses, duplicates dropped.
 */
function absurdPatches(width: number): Uint8Array[] {
  const bits = BigInt(8 * width);
  const values = [0n, (1n << bits) - 1n, (1n << (bits - 1n)) - 1n, 1n << (bits - 1n)];
  if (width === 4) values.push(1n << 30n);
  if (width === 8) values.push(1n << 53n, 0x7fffffffn);
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (const v of values) {
    for (const le of [true, false]) {
      const p = field(v, width, le);
      const key = hex(p);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(p);
      }
    }
  }
  return out;
}

const WIDTHS = [1, 2, 4, 8] as const;
const PATCHES = WIDTHS.map((w) => ({ width: w, patches: absurdPatches(w) }));
/** Overwrite cases per byte of span: Σ over widths of patches / width. */
const OVERWRITES_PER_BYTE = PATCHES.reduce((s, p) => s + p.patches.length / p.width, 0);

/** Names a detector is tried under: its seeds' names and one file per extension of its formats. */
function namesFor(d: Detector, seeds: readonly Seed[]): string[] {
  const names = new Set(seeds.map((s) => s.name));
  for (const f of d.formats) for (const e of formatInfo(f)?.extensions ?? []) names.add(`file${e}`);
  if (names.size === 0) names.add('file.bin');
  return [...names];
}

/**
 * Largest seed fuzzed whole. Whole-file cases of the 1.3 MB OME-TIFF and 1 MB CZI samples cost ~10 ms each
 * (their XML is parsed every time), 100 s per 10,000 cases; past this size a seed is dropped when the detector
 * has smaller ones, else cut to this many bytes (still past every header and first directory they hold).
 */
const LARGE_SEED = 256 * 1024;

/** The seeds of one detector: its own formats' positive fixtures, else the family's. */
function seedsFor(family: Family, d: Detector): Seed[] {
  const positives = FAMILY_TABLE[family].fixtures.positives;
  const own = positives.filter((f) => d.formats.includes(f.format));
  const all = (own.length > 0 ? own : positives).map((f) => ({ name: f.name, bytes: f.bytes().slice() }));
  const small = all.filter((s) => s.bytes.length <= LARGE_SEED);
  return small.length > 0 ? small : all.map((s) => ({ name: s.name, bytes: s.bytes.slice(0, LARGE_SEED) }));
}

/** Every length 0…span of each seed; the span shrinks with many seeds so the total stays near the budget. */
async function truncations(batch: Batch, d: Detector, seeds: readonly Seed[]): Promise<void> {
  const span = Math.max(TRUNCATE_MIN_SPAN, Math.floor(TRUNCATE_BUDGET / seeds.length) - 1);
  for (const s of seeds) {
    for (let n = 0; n <= Math.min(span, s.bytes.length); n++) await batch.run(d, s.name, s.bytes.subarray(0, n), `truncate ${s.name} to ${n}`);
  }
  const longer = seeds.filter((s) => s.bytes.length > span + 1);
  if (longer.length === 0) return;
  const arb = fc.constantFrom(...longer).chain((s) => fc.integer({ min: span + 1, max: s.bytes.length - 1 }).map((n) => ({ s, n })));
  await fc.assert(
    fc.asyncProperty(arb, async ({ s, n }) => batch.run(d, s.name, s.bytes.subarray(0, n), `truncate ${s.name} to ${n}`)),
    { numRuns: TRUNCATE_RANDOM },
  );
}

/** Zero, all-ones, signed max/min and huge values over every aligned 1/2/4/8-byte field of each seed's head. */
async function overwrites(batch: Batch, d: Detector, seeds: readonly Seed[]): Promise<void> {
  const span = Math.max(OVERWRITE_SPAN_MIN, Math.min(OVERWRITE_SPAN, Math.floor(OVERWRITE_BUDGET / (seeds.length * OVERWRITES_PER_BYTE))));
  for (const s of seeds) {
    for (const { width, patches } of PATCHES) {
      for (let at = 0; at + width <= Math.min(span, s.bytes.length); at += width) {
        for (const p of patches) await mutated(batch, d, s, at, p, `overwrite ${s.name} at ${at} with ${hex(p)}`);
      }
    }
  }
}

/** Random bit flips and byte overwrites in each seed's head (fast-check, reproducible from its seed). */
async function flips(batch: Batch, d: Detector, seeds: readonly Seed[]): Promise<void> {
  const edit = fc.oneof(
    fc.record({ bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ byte: fc.integer({ min: 0, max: 255 }) }),
  );
  const arb = fc
    .constantFrom(...seeds.filter((s) => s.bytes.length > 0))
    .chain((s) => fc.tuple(fc.constant(s), fc.array(fc.tuple(fc.nat({ max: Math.min(s.bytes.length, FLIP_SPAN) - 1 }), edit), { minLength: 1, maxLength: 8 })));
  await fc.assert(
    fc.asyncProperty(arb, async ([s, edits]) => {
      const saved = edits.map(([i]) => [i, s.bytes[i] ?? 0] as const);
      for (const [i, e] of edits) s.bytes[i] = 'bit' in e ? (s.bytes[i] ?? 0) ^ (1 << e.bit) : e.byte;
      try {
        await batch.run(d, s.name, s.bytes, `flip ${s.name} ${JSON.stringify(edits)}`);
      } finally {
        for (const [i, v] of saved.reverse()) s.bytes[i] = v;
      }
    }),
    { numRuns: FLIP_RUNS },
  );
}

/** Random bytes, and random bytes behind a seed's first bytes (so the magic passes and the parser runs). */
async function randomBytes(batch: Batch, d: Detector, seeds: readonly Seed[], names: readonly string[], runs: number): Promise<void> {
  const pure = fc.record({ name: fc.constantFrom(...names), bytes: fc.uint8Array({ maxLength: RANDOM_MAX_LENGTH }) });
  const arbs = [pure];
  if (seeds.length > 0) {
    arbs.push(
      fc
        .constantFrom(...seeds)
        .chain((s) => fc.record({ name: fc.constant(s.name), keep: fc.nat({ max: Math.min(s.bytes.length, 64) }), tail: fc.uint8Array({ maxLength: RANDOM_MAX_LENGTH }) }).map(({ name, keep, tail }) => {
          const b = new Uint8Array(keep + tail.length);
          b.set(s.bytes.subarray(0, keep));
          b.set(tail, keep);
          return { name, bytes: b };
        })),
    );
  }
  await fc.assert(fc.asyncProperty(fc.oneof(...arbs), async ({ name, bytes }) => batch.run(d, name, bytes, 'random')), { numRuns: runs });
}

/** Registers the fuzz tests of one family: per detector, the four kinds of hostile input, ≥ MIN_CASES in all. */
export function fuzzFamily(family: Family, findings: readonly KnownFinding[] = []): void {
  if (!familiesUnderTest().includes(family)) return;
  afterAll(() => local.cleanup());
  describe(`${family} detectors under fuzzing`, () => {
    for (const d of FAMILY_TABLE[family].detectors) {
      it(`${d.id}: ${MIN_CASES}+ hostile inputs never throw, hang, leak or read past the budget`, async () => {
        const seeds = seedsFor(family, d);
        const names = namesFor(d, seeds);
        const batch = new Batch(d.id, findings);
        await truncations(batch, d, seeds);
        await overwrites(batch, d, seeds);
        await flips(batch, d, seeds);
        await randomBytes(batch, d, seeds, names, Math.max(RANDOM_MIN, MIN_CASES - batch.cases));
        expect(await batch.finish()).toBeGreaterThanOrEqual(MIN_CASES);
      }, DETECTOR_TIMEOUT_MS);
    }
    for (const f of findings) {
      const d = FAMILY_TABLE[family].detectors.find((x) => x.id === f.detector);
      // Open: fails today, and turns red once the reader is fixed (mark it fixed then). Fixed: a regression test.
      (f.fixed ? it : it.fails)(`${f.detector}: ${f.fixed ? 'fixed finding stays fixed' : 'known finding'} — ${f.finding}`, async () => {
        if (!d) throw new Error(`no detector ${f.detector}`);
        const { name, bytes } = f.reproducer();
        await check(d, name, bytes, 'reproducer');
      });
    }
  });
}
