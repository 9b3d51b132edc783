// The layout gallery's vocabulary: a study as an instrument or processing program writes it, where the
// layout comes from, and what an expert says each of its files is and where it goes.
import type { Destination, OmicsArchive } from '../../shared/model/destination';
import type { Modality } from '../../shared/modality/modalities';
import type { ClauseId } from '../../shared/policy/catalog';
import type { FileSpec } from '../helpers/temp-tree';

/** A tree spec: POSIX relative path → contents. */
export type Tree = Record<string, FileSpec>;

/** Where a file goes: a destination, or `OMICS:<archive>` for an omics archive. */
export type Where = Exclude<Destination, 'OMICS'> | `OMICS:${OmicsArchive}`;

/**
 * One row of a layout's expected table: a glob over the layout's file paths (`*` within a name, `**` across
 * folders, `?` one character), and the modality, destination and deciding clause of every file it matches.
 * Rows are read in order; a file takes the first row that matches it.
 */
export type ExpectedRow = readonly [glob: string, modality: Modality, where: Where, clause: ClauseId];

/** One study layout of the gallery. */
export interface StudyLayout {
  /** Stable kebab-case id (`epu-spa-session`). */
  readonly id: string;
  /** What it is, in a line. */
  readonly title: string;
  /**
   * The public source the tree and the expected table were written from: an EMPIAR / BioImage Archive /
   * EMDB entry's file listing, or the documented output of the software (with its address).
   */
  readonly source: string;
  /** The files, with real header bytes (real samples or specification-built writers). */
  readonly tree: () => Tree;
  /**
   * Top-level folders of the tree scanned as separate roots of one study (a correlative study whose LM and
   * EM sit on two disks, say). Without it the whole tree is one root. Globs always match paths relative
   * to the tree.
   */
  readonly roots?: readonly string[];
  /** Written from the source, by an expert, before the engine was run. */
  readonly expected: readonly ExpectedRow[];
  /**
   * Files the engine is known to route wrongly still, by glob, with what it lacks. They count as wrong in
   * the gallery's figures; the suite fails when one of them routes right (the gap is closed: remove it).
   */
  readonly knownGaps?: readonly KnownGap[];
}

/** Files of a layout the engine still gets wrong, and why. */
export interface KnownGap {
  readonly glob: string;
  readonly why: string;
}
