import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contextFromBytes } from '../../../../main/formats/context';
import { ReadBudgetError, type DetectContext } from '../../../../main/formats/detector';
import { xrayAfmHcsDetectors } from '../../../../main/formats/families/xray-afm-hcs';
import { fixtures } from '../../../fixtures/families/xray-afm-hcs';

/** Runs per detector; corruptions anywhere in the file (the central property test flips only the first 8 KiB). */
const RUNS = 40;

/** A context that records whether any read went past the budget (the detectors must stop well before). */
function spied(name: string, bytes: Uint8Array): { ctx: DetectContext; overBudget: () => boolean } {
  const ctx = contextFromBytes(name, bytes);
  let over = false;
  return {
    ctx: {
      ...ctx,
      read: async (offset, length) => {
        try {
          return await ctx.read(offset, length);
        } catch (err) {
          if (err instanceof ReadBudgetError) over = true;
          throw err;
        }
      },
    },
    overBudget: () => over,
  };
}

const seeds = fixtures.positives.map((f) => ({ name: f.name, bytes: f.bytes() }));

describe('xray-afm-hcs detectors on corrupted files', () => {
  for (const d of xrayAfmHcsDetectors) {
    it(`${d.id}: corruptions anywhere and truncations never throw or exceed the read budget`, async () => {
      const seed = fc.constantFrom(...seeds);
      const corrupted = seed.chain((s) =>
        fc.array(fc.tuple(fc.nat({ max: s.bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 32 }).map((flips) => {
          const b = s.bytes.slice();
          for (const [i, v] of flips) b[i] = v;
          return { name: s.name, bytes: b };
        }),
      );
      const truncated = seed.chain((s) => fc.nat({ max: s.bytes.length }).map((n) => ({ name: s.name, bytes: s.bytes.subarray(0, n) })));
      await fc.assert(
        fc.asyncProperty(fc.oneof(corrupted, truncated), async ({ name, bytes }) => {
          const { ctx, overBudget } = spied(name, bytes);
          expect(() => d.sniff(ctx)).not.toThrow();
          await d.detect(ctx);
          expect(overBudget()).toBe(false);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
