// The layout gallery: study trees as instruments and processing software write them, each with the routing
// an expert wrote from its cited source before the engine was run. Every file must route as its table says;
// the figures (layouts fully right, filesets right, share in review) are printed at the end.
import { afterAll, describe, expect, it } from 'vitest';
import { GALLERY } from './gallery';
import { runLayout, type LayoutOutcome } from './run-layout';

/** The gallery's promise (issue "Routing an expert would sign"): review is a last resort. */
const REVIEW_SHARE_MAX = 0.05;

const outcomes: LayoutOutcome[] = [];

describe('layout gallery', () => {
  it('holds at least 40 layouts, each citing its source, with unique ids', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(40);
    expect(new Set(GALLERY.map((l) => l.id)).size).toBe(GALLERY.length);
    for (const l of GALLERY) {
      expect(l.source, l.id).toMatch(/\S{10,}/);
      expect(l.expected.length, l.id).toBeGreaterThan(0);
    }
  });

  for (const layout of GALLERY) {
    it(`${layout.id}: ${layout.title}`, async () => {
      const outcome = await runLayout(layout);
      outcomes.push(outcome);
      expect(outcome.mismatches, `${layout.id} (${layout.source})`).toEqual([]);
      expect(outcome.closedGaps, `${layout.id}: these known gaps route right now — remove them from knownGaps`).toEqual([]);
    });
  }

  it(`sends at most ${REVIEW_SHARE_MAX * 100}% of the gallery's filesets to review`, () => {
    const filesets = outcomes.reduce((n, o) => n + o.filesets, 0);
    const review = outcomes.reduce((n, o) => n + o.filesetsInReview, 0);
    expect(filesets).toBeGreaterThan(0);
    expect(review / filesets).toBeLessThanOrEqual(REVIEW_SHARE_MAX);
  });
});

afterAll(() => {
  if (outcomes.length === 0) return;
  const filesets = outcomes.reduce((n, o) => n + o.filesets, 0);
  const right = outcomes.reduce((n, o) => n + o.filesetsRight, 0);
  const review = outcomes.reduce((n, o) => n + o.filesetsInReview, 0);
  const fully = outcomes.filter((o) => o.mismatches.length === 0 && o.known.length === 0).length;
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  console.log(
    `Layout gallery: ${fully} of ${outcomes.length} layouts fully right; ${right} of ${filesets} filesets right (${pct(right, filesets)}); ${review} in review (${pct(review, filesets)}).`,
  );
});
