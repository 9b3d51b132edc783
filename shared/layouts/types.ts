import { z } from 'zod';
import type { FormatId } from '../formats/format-catalog';
import type { Evidence } from '../model/evidence';
import type { Facts } from '../formats/facts';
import type { FileKind } from '../formats/file-kind';

/** Folder layouts the engine recognises across files (docs/design.md "Group": folder-level markers). */
export const LAYOUT_KINDS = [
  'zarr-store',
  'epu-session',
  'relion-project',
  'spaceranger-outs',
  'hcs-plate',
  'tia-series',
  'skyscan-scan',
  'serialem-acquisition',
  'imod-tilt-series',
  'epu-exposure',
  'companion-folder',
  'described-by',
  'section-series',
] as const;

/** A kind of folder layout. */
export type LayoutKind = (typeof LAYOUT_KINDS)[number];

/** A fileset's membership in a layout: which kind, the layout's folder, and the file that marks it (POSIX paths relative to the root). */
export const LayoutRefSchema = z
  .object({
    kind: z.enum(LAYOUT_KINDS),
    directory: z.string().min(1),
    marker: z.string().min(1),
  })
  .strict();

/** A fileset's membership in a layout. */
export type LayoutRef = z.infer<typeof LayoutRefSchema>;

/** What a layout reader sees of a fileset. */
export interface LayoutFileset {
  readonly id: string;
  readonly root: string;
  readonly directory: string;
  readonly pattern: string;
  /** POSIX paths relative to the root. */
  readonly files: readonly string[];
  readonly format: FormatId;
  readonly kind: FileKind;
  readonly facts: Facts;
}

/** What a layout reader found for one fileset: its layout, facts another file gives it, and why. */
export interface LayoutFinding {
  readonly filesetId: string;
  readonly layout?: LayoutRef;
  /** Facts to add where the fileset's own header is silent (provenance `sidecar` or `layout`). */
  readonly facts?: Facts;
  readonly evidence: readonly Evidence[];
}

/** A layout reader: all filesets of a study in, findings out. Pure. */
export type LayoutReader = (filesets: readonly LayoutFileset[]) => LayoutFinding[];
