import { FORMAT_CATALOG } from '../formats/format-catalog';

/** Extensions with two dots that must stay whole (".ome.tiff", ".nii.gz"). */
const COMPOUND_EXTENSIONS: ReadonlySet<string> = new Set(FORMAT_CATALOG.flatMap((f) => f.extensions).filter((e) => e.lastIndexOf('.') > 0));

/** Longest single extension we treat as one (".jpk-qi-image" is 13 characters). */
const MAX_EXTENSION_LENGTH = 16;

/** A file name split into its stem and its lower-cased extension ("" when it has none). */
export interface SplitName {
  readonly stem: string;
  readonly ext: string;
}

/**
 * Splits a file name into stem and extension. Known compound extensions stay whole; an all-digit suffix
 * (".000", ".001" of Nanoscope files) is part of the stem so numbered series collapse; dot-files have no
 * extension.
 */
export function splitExtension(name: string): SplitName {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { stem: name, ext: '' };
  // Runs once per file of a scan: two lookups, not a loop over every known extension.
  const previous = name.lastIndexOf('.', dot - 1);
  if (previous > 0) {
    const compound = name.slice(previous).toLowerCase();
    if (COMPOUND_EXTENSIONS.has(compound)) return { stem: name.slice(0, previous), ext: compound };
  }
  const ext = name.slice(dot).toLowerCase();
  if (ext.length > MAX_EXTENSION_LENGTH || !/[a-z]/.test(ext)) return { stem: name, ext: '' };
  return { stem: name.slice(0, dot), ext };
}

/** Placeholder for a digit run inside a grouping key; cannot occur in a file name on any OS we support. */
const KEY_DIGITS = '\u0000';

const DIGIT_RUN = /\d+/g;

/** The grouping key of a stem: every digit run collapsed to one placeholder, so `slice_0001` ≡ `slice_12`. */
export function stemKey(stem: string): string {
  return stem.replace(DIGIT_RUN, KEY_DIGITS);
}

interface RunStats {
  minWidth: number;
  maxWidth: number;
  first: string;
  constant: boolean;
}

/**
 * Builds the display pattern of a group of names that share a stem key: a digit run that never changes is
 * shown as written, one that varies becomes `#` per digit (`slice_####.tif`), or a single `#` when its
 * width varies (`img_#.tif` for img_1 … img_600).
 */
export class NamePattern {
  private readonly literals: readonly string[];
  private readonly runs: RunStats[] = [];
  private readonly ext: string;

  /** Starts a pattern from the first name of a group. */
  constructor(stem: string, ext: string, originalExt: string) {
    this.literals = stem.split(DIGIT_RUN);
    this.ext = originalExt || ext;
    for (const run of stem.match(DIGIT_RUN) ?? []) {
      this.runs.push({ minWidth: run.length, maxWidth: run.length, first: run, constant: true });
    }
  }

  /** Adds another stem of the same key. */
  add(stem: string): void {
    const runs = stem.match(DIGIT_RUN);
    if (!runs) return;
    for (let i = 0; i < runs.length && i < this.runs.length; i++) {
      const run = runs[i]!;
      const stats = this.runs[i]!;
      if (run.length < stats.minWidth) stats.minWidth = run.length;
      if (run.length > stats.maxWidth) stats.maxWidth = run.length;
      if (stats.constant && run !== stats.first) stats.constant = false;
    }
  }

  /** The pattern as people read it. */
  toString(): string {
    let out = this.literals[0] ?? '';
    for (let i = 0; i < this.runs.length; i++) {
      const r = this.runs[i]!;
      out += r.constant ? r.first : r.minWidth === r.maxWidth ? '#'.repeat(r.minWidth) : '#';
      out += this.literals[i + 1] ?? '';
    }
    return out + this.ext;
  }
}

/** The extension exactly as written in the name (keeps ".TIF" when the key uses ".tif"). */
export function originalExtension(name: string, ext: string): string {
  return ext ? name.slice(name.length - ext.length) : '';
}
