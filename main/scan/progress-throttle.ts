/** Progress events per second the UI and CLI are sent at most (issue: "throttled to ≤10/s"). */
export const MAX_PROGRESS_PER_SECOND = 10;

/** Shortest gap between two progress events, from the rate above. */
export const PROGRESS_INTERVAL_MS = 1000 / MAX_PROGRESS_PER_SECOND;

/** Says when the next progress event is due; the clock is injected so tests need no timers. */
export class ProgressThrottle {
  private last = Number.NEGATIVE_INFINITY;

  /** Creates a throttle with the given clock and minimum interval. */
  constructor(
    private readonly now: () => number,
    private readonly intervalMs: number = PROGRESS_INTERVAL_MS,
  ) {}

  /** True (and the interval restarts) when at least one interval has passed since the last `true`. */
  due(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}
