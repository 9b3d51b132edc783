import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactsSchema } from '../../../../shared/formats/facts';
import { contextFromBytes } from '../../../../main/formats/context';
import { MAX_READS, MAX_TOTAL_READ_BYTES } from '../../../../main/formats/detector';
import { lightMicroscopyDetectors } from '../../../../main/formats/families/lm';
import { fixtures } from '../../../fixtures/families/lm';

/** Runs per detector; more than the central property test, and corruption anywhere in the file, not only its head. */
const RUNS = 120;

// The synthetic fixtures are small, so flips reach their metadata blocks, chunk maps and indexes at the end.
const seeds = fixtures.positives.filter((f) => f.origin === 'synthetic').map((f) => ({ name: f.name, bytes: f.bytes() }));

describe('lm detectors on corrupted synthetic files', () => {
  for (const d of lightMicroscopyDetectors) {
    it(`${d.id}: flips and cuts anywhere never throw, stay in budget and give valid facts`, async () => {
      const seed = fc.constantFrom(...seeds);
      const damaged = seed.chain((s) =>
        fc
          .tuple(fc.nat({ max: s.bytes.length }), fc.array(fc.tuple(fc.nat({ max: Math.max(0, s.bytes.length - 1) }), fc.integer({ min: 0, max: 255 })), { maxLength: 24 }))
          .map(([cut, flips]) => {
            const b = s.bytes.slice(0, Math.max(cut, Math.floor(s.bytes.length / 2)));
            for (const [i, v] of flips) if (i < b.length) b[i] = v;
            return { name: s.name, bytes: b };
          }),
      );
      await fc.assert(
        fc.asyncProperty(damaged, async ({ name, bytes }) => {
          const ctx = contextFromBytes(name, bytes);
          const found = await d.detect(ctx);
          expect(ctx.stats.reads).toBeLessThanOrEqual(MAX_READS);
          expect(ctx.stats.bytes).toBeLessThanOrEqual(MAX_TOTAL_READ_BYTES);
          if (found) {
            expect(d.formats).toContain(found.format);
            FactsSchema.parse(found.facts);
            expect(found.evidence.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }
});
