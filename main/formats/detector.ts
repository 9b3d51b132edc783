import type { Evidence } from '../../shared/model/evidence';
import type { Facts } from '../../shared/formats/facts';
import type { FormatId } from '../../shared/formats/format-catalog';

/**
 * First bytes every detector sees. 64 KiB holds the headers of every format we read (TIFF IFD0 for all
 * samples, docs/formats.md §3; MRC 1024 B; DICOM meta; CZI file header and directory position).
 */
export const HEAD_BYTES = 64 * 1024;

/** Largest single extra read a detector may ask for (the CZI metadata segment, OME-XML far into a TIFF). */
export const MAX_READ_BYTES = 4 * 1024 * 1024;

/** Most bytes all extra reads of one file may add up to. */
export const MAX_TOTAL_READ_BYTES = 16 * 1024 * 1024;

/** Most extra reads for one file (a TIFF chain of IFDs, MRC extended header sections, OLE2 sectors…). */
export const MAX_READS = 512;

/** Below this confidence a detection is not trusted: the file is reported as unknown. */
export const MIN_CONFIDENCE = 0.3;

/** A read outside the budget above; the registry reports it as a problem and keeps what was found. */
export class ReadBudgetError extends Error {}

/** What a detector gets: the file's name and size, its first bytes, and bounded reads of the rest. */
export interface DetectContext {
  /** File name (no folder). */
  readonly name: string;
  /** Lower-case extension as the name pattern splits it (".ome.tiff", ".mrc", ""). */
  readonly ext: string;
  /** Size of the file in bytes. */
  readonly size: number;
  /** The first min(size, HEAD_BYTES) bytes. */
  readonly head: Uint8Array;
  /**
   * Reads up to `length` bytes at `offset` (fewer at the end of the file). Throws `ReadBudgetError` past
   * MAX_READ_BYTES per read, MAX_TOTAL_READ_BYTES or MAX_READS per file.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * A path on disk for libraries that open the file themselves (h5wasm). For in-memory contexts (tests) the
   * bytes are written to a temporary file first.
   */
  localPath(): Promise<string>;
  /** Reads made so far (for tests of boundedness). */
  readonly stats: { readonly reads: number; readonly bytes: number };
}

/** What a detector found: the format, how sure it is, facts with provenance, evidence, and problems. */
export interface Detection {
  readonly format: FormatId;
  /** 0–1; see CONFIDENCE for the scale. */
  readonly confidence: number;
  readonly facts: Facts;
  readonly evidence: readonly Evidence[];
  /** What could not be read, e.g. "truncated: 512 of 1024 header bytes". */
  readonly problems: readonly string[];
}

/**
 * The confidence scale detectors use, so results of different families compare:
 * STRUCTURE — magic and the structure behind it checked (DICM + meta group, ZISRAWFILE + segment header);
 * MAGIC — a distinctive magic number alone; WEAK — a plausibility check without magic (MRC without MAP,
 * Igor version word), to be confirmed by the extension; NAME — only the name supports it.
 */
export const CONFIDENCE = { STRUCTURE: 0.95, MAGIC: 0.85, WEAK: 0.55, NAME: 0.3 } as const;

/**
 * A detector of one format family: a cheap synchronous `sniff` on the first bytes and the name, then an
 * asynchronous `detect` that reads what it needs and returns a detection, or `null` for "not mine".
 * `detect` must never throw: bad bytes give `null` or a detection with problems.
 */
export interface Detector {
  readonly id: string;
  /** Every format id this detector can return (the fixture coverage test checks each has a fixture). */
  readonly formats: readonly FormatId[];
  sniff(ctx: DetectContext): boolean;
  detect(ctx: DetectContext): Promise<Detection | null>;
}

/** Builds a detection; empty facts, evidence and problems by default. */
export function detection(format: FormatId, confidence: number, parts: Partial<Pick<Detection, 'facts' | 'evidence' | 'problems'>> = {}): Detection {
  return { format, confidence, facts: parts.facts ?? {}, evidence: parts.evidence ?? [], problems: parts.problems ?? [] };
}
