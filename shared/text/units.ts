/** Binary prefixes for byte counts; 1 KiB = 1024 B (IEC 80000-13). */
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const KIBI = 1024;

/** A byte count for people: `0 B`, `912 B`, `1.2 MiB`, `3.40 TiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= KIBI && unit < BYTE_UNITS.length - 1) {
    value /= KIBI;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** An integer with thousands separators (`1,234,567`), independent of locale so CLI output is stable. */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A duration for people: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 999.5) return `${Math.round(ms)} ms`; // 999.6 ms is "1.0 s", not "1000 ms"
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
}

/** A per-second rate of `amount` over `ms`, 0 when no time has passed. */
export function perSecond(amount: number, ms: number): number {
  return ms > 0 ? (amount * 1000) / ms : 0;
}
