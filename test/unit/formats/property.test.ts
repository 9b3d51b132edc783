import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FactsSchema } from '../../../shared/formats/facts';
import { formatInfo } from '../../../shared/formats/format-catalog';
import { contextFromBytes } from '../../../main/formats/context';
import type { Detection, Detector } from '../../../main/formats/detector';
import { FAMILY_TABLE } from '../../fixtures/families';
import { familiesUnderTest } from './families';

/** Longest a detector may take on one small buffer before it counts as hung. */
const HANG_MS = 3000;
/** Runs per detector and input kind; enough to reach error paths, few enough for CI. */
const RUNS = 60;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${HANG_MS} ms`)), HANG_MS))]);
}

async function exercise(d: Detector, name: string, bytes: Uint8Array): Promise<void> {
  const ctx = contextFromBytes(name, bytes);
  // sniff must not throw; detect must not throw even when sniff would have said no, and must stay in budget.
  expect(() => d.sniff(ctx)).not.toThrow();
  const found: Detection | null = await withTimeout(d.detect(ctx), `${d.id}.detect(${name})`);
  if (found) {
    expect(d.formats).toContain(found.format);
    expect(found.confidence).toBeGreaterThanOrEqual(0);
    expect(found.confidence).toBeLessThanOrEqual(1);
    FactsSchema.parse(found.facts);
  }
}

for (const family of familiesUnderTest()) {
  const { detectors, fixtures } = FAMILY_TABLE[family];
  const seeds = fixtures.positives.map((f) => ({ name: f.name, bytes: f.bytes() }));
  const names = [...new Set([...seeds.map((s) => s.name), ...detectors.flatMap((d) => d.formats.flatMap((f) => (formatInfo(f)?.extensions ?? []).map((e) => `file${e}`)))])];
  if (names.length === 0) names.push('file.bin');

  describe(`${family} detectors on hostile bytes`, () => {
    for (const d of detectors) {
      it(`${d.id}: random bytes never throw, hang or read past the budget`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...names), fc.uint8Array({ maxLength: 4096 }), async (name, bytes) => exercise(d, name, bytes)),
          { numRuns: RUNS },
        );
      });

      if (seeds.length > 0) {
        it(`${d.id}: truncated and corrupted real fixtures never throw, hang or read past the budget`, async () => {
          const seed = fc.constantFrom(...seeds);
          const truncated = seed.chain((s) => fc.nat({ max: s.bytes.length }).map((n) => ({ name: s.name, bytes: s.bytes.subarray(0, n) })));
          const corrupted = seed.chain((s) =>
            fc.array(fc.tuple(fc.nat({ max: Math.max(0, Math.min(s.bytes.length, 8192) - 1) }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }).map((flips) => {
              const b = s.bytes.slice();
              for (const [i, v] of flips) if (i < b.length) b[i] = v;
              return { name: s.name, bytes: b };
            }),
          );
          await fc.assert(fc.asyncProperty(fc.oneof(truncated, corrupted), async ({ name, bytes }) => exercise(d, name, bytes)), { numRuns: RUNS });
        });
      }
    }
  });
}
