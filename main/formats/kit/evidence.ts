import type { Evidence } from '../../../shared/model/evidence';
import { CONFIDENCE, type DetectContext } from '../detector';

/** Confidence of a plausibility check (no magic) that the extension confirms: above WEAK, below MAGIC (detector.ts). */
export const WEAK_WITH_EXTENSION = 0.8;

/** Evidence read from the file's own bytes. */
export function fromHeader(detail: string, weight: number): Evidence {
  return { source: 'header', detail, weight };
}

/** Evidence that relies on the file name (it only ever confirms what the bytes say). */
export function fromName(detail: string, weight: number): Evidence {
  return { source: 'name', detail, weight };
}

/** WEAK, or WEAK_WITH_EXTENSION when the file's extension is one of `extensions`. */
export function weakConfidence(ctx: DetectContext, extensions: readonly string[]): number {
  return extensions.includes(ctx.ext) ? WEAK_WITH_EXTENSION : CONFIDENCE.WEAK;
}
