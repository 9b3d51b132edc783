/** Files read per fileset beside the first and the last, evenly spread between them. */
export const SAMPLE_SPREAD = 3;
/** Size outliers read per fileset at most (the ones furthest from the median). */
export const SAMPLE_OUTLIERS = 3;
/** A file is a size outlier when it is more than this many times larger or smaller than the median size. */
export const OUTLIER_FACTOR = 2;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Which files of a fileset to read headers from (issue 3 "Rules"): the first, the last, a spread between,
 * and the files whose size stands out from the rest — a different kind of file hiding in a series.
 * Indices are into the fileset's sorted file list, ascending, without repeats. `full` reads every file.
 */
export function sampleIndices(sizes: readonly number[], full = false): number[] {
  const n = sizes.length;
  if (full || n <= 2 + SAMPLE_SPREAD + SAMPLE_OUTLIERS) return sizes.map((_, i) => i);
  const picked = new Set<number>([0, n - 1]);
  for (let k = 1; k <= SAMPLE_SPREAD; k++) picked.add(Math.round((k * (n - 1)) / (SAMPLE_SPREAD + 1)));
  const m = median(sizes);
  const ratio = (s: number) => (m === 0 ? (s === 0 ? 1 : Number.POSITIVE_INFINITY) : s === 0 ? Number.POSITIVE_INFINITY : Math.max(s / m, m / s));
  sizes
    .map((s, i) => ({ i, r: ratio(s) }))
    .filter((x) => x.r > OUTLIER_FACTOR)
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .slice(0, SAMPLE_OUTLIERS)
    .forEach((x) => picked.add(x.i));
  return [...picked].sort((a, b) => a - b);
}
