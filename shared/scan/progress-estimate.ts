import type { ScanProgress } from '../ipc/contract';

/** Where the estimate starts counting: the first progress of the reading phase. */
export interface ReadingAnchor {
  readonly elapsedMs: number;
  readonly headersRead: number;
}

/**
 * Least work and time seen before an estimate is given: the walk's length cannot be known in advance (a
 * folder may hold a million files), so only the reading phase, whose total is known, is estimated, and only
 * once its rate has been measured over a second and a few reads (else the first read's latency dominates).
 */
export const ESTIMATE_MIN_MS = 1000;
/** Least header reads measured before an estimate is given (see ESTIMATE_MIN_MS). */
export const ESTIMATE_MIN_READS = 8;

/** The anchor to keep for `progress`: the first reading progress, kept while reading goes on; null outside reading. */
export function nextReadingAnchor(anchor: ReadingAnchor | null, progress: ScanProgress): ReadingAnchor | null {
  if (progress.phase !== 'reading') return null;
  return anchor ?? { elapsedMs: progress.elapsedMs, headersRead: progress.headersRead };
}

/**
 * Milliseconds the scan should still take, extrapolated from the header-reading rate since `anchor`, or
 * `null` when no honest estimate exists (walking or grouping, no headers planned, too little measured yet).
 */
export function estimateRemainingMs(anchor: ReadingAnchor | null, progress: ScanProgress): number | null {
  if (!anchor || progress.phase !== 'reading' || progress.headersTotal === 0) return null;
  const reads = progress.headersRead - anchor.headersRead;
  const ms = progress.elapsedMs - anchor.elapsedMs;
  if (reads < ESTIMATE_MIN_READS || ms < ESTIMATE_MIN_MS) return null;
  const left = Math.max(0, progress.headersTotal - progress.headersRead);
  return (left * ms) / reads;
}

/** An estimate for people: "less than 10 s", else "about" a duration rounded up to 5 s (minutes to the minute past 10 min). */
export function describeRemaining(ms: number): string {
  if (ms < 10_000) return 'less than 10 s';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `about ${Math.ceil(s / 5) * 5} s`;
  const min = Math.floor(s / 60);
  if (min >= 10) return `about ${Math.ceil(s / 60)} min`;
  const rest = Math.ceil((s % 60) / 5) * 5;
  return rest === 60 ? `about ${min + 1} min` : rest === 0 ? `about ${min} min` : `about ${min} min ${String(rest).padStart(2, '0')} s`;
}
