import { z } from 'zod';
import { DestinationSchema, OmicsArchiveSchema, type Destination, type OmicsArchive } from '../model/destination';
import type { Evidence } from '../model/evidence';
import type { Fileset } from '../model/fileset';
import { ModalitySchema, type Modality } from '../modality/modalities';

/**
 * Where a clause comes from: the EBI policy page and the EMPIAR page (both quoted in docs/policy-source.md),
 * EBI's archive guidance gathered in docs/bia.md, or a product rule that docs/design.md states and the
 * clause text explains.
 */
export type ClauseSource = 'ebi-policy' | 'empiar-about' | 'ebi-guidance' | 'product';

/**
 * Kinds of clause callers act on: `patient` (patient data, never bundled), `correlative` (note 3 and the
 * correlative row), `spatial-omics` (the spatial-omics guidance), `linking` (deposits to link), `supporting`
 * (files that follow their data), `review` (the user decides).
 */
export type ClauseFlag = 'patient' | 'correlative' | 'spatial-omics' | 'linking' | 'supporting' | 'review';

/**
 * One clause of the policy as data: what it says, where it says it, when it applies and where it sends
 * data. `route` clauses decide a fileset's destination; `note` clauses are attached to decisions they
 * inform (policy points 1–3, note 1's HCS templates, the correlative row) without deciding one.
 */
export interface PolicyClause {
  /** Stable id, used in reports and tests (`row-light-microscopy`, `note-2-tomograms-few`…). */
  readonly id: string;
  readonly kind: 'route' | 'note';
  /** What the clause is about, for callers that act on a kind of clause (never read meaning from ids). */
  readonly flags?: readonly ClauseFlag[];
  readonly title: string;
  readonly source: ClauseSource;
  /** Where in the source: "Examples table, row 'Light microscopy'", "Note 2", "Image data submission policy, point 3". */
  readonly sourceRef: string;
  /** The source's own words (quoted, trimmed). */
  readonly sourceText: string;
  /** When the clause applies, in words, as the policy page shows it. */
  readonly condition: string;
  /**
   * Where it sends data: an archive, `NONE` or `REVIEW`; `FOLLOWS` for files that go with the data they
   * describe; `USER` for the user's own choice; `null` for notes.
   */
  readonly destination: Destination | 'FOLLOWS' | 'USER' | null;
  /** For `OMICS`: the omics archive. */
  readonly omicsArchive?: OmicsArchive;
  /** The sentence shown to the user for a fileset it decides or informs. */
  readonly sentence: string;
}

/** Thresholds of the policy that are options, with documented defaults. */
export const PolicyOptionsSchema = z
  .object({
    /** Note 2: at most this many tomograms in a study count as "a small number" (all to EMDB). */
    tomogramsFew: z.number().int().nonnegative(),
    /** Note 2: when there are more, this many representative tomograms go to EMDB, the rest to EMPIAR. */
    representatives: z.number().int().positive(),
  })
  .strict();

/** Thresholds of the policy that are options. */
export type PolicyOptions = z.infer<typeof PolicyOptionsSchema>;

/** The defaults: a "small number" of tomograms is up to 5; above that, 3 representatives go to EMDB. */
export const DEFAULT_POLICY_OPTIONS: PolicyOptions = { tomogramsFew: 5, representatives: 3 };

/**
 * A user's override: `target` names a fileset (its id, `directory/pattern` relative to its root, or that
 * path made absolute), a folder (every fileset in it), or one file (relative to its root, or absolute),
 * which is then split into its own fileset. It sets the modality, the destination (with the omics
 * archive for `OMICS`), or both. A tomogram file set to EMDB is picked as a representative (note 2).
 */
export const OverrideSchema = z
  .object({
    target: z.string().min(1).max(32767),
    modality: ModalitySchema.optional(),
    destination: DestinationSchema.optional(),
    omicsArchive: OmicsArchiveSchema.optional(),
  })
  .strict()
  .refine((o) => o.modality !== undefined || o.destination !== undefined, { message: 'An override sets a modality, a destination, or both.' })
  .refine((o) => o.omicsArchive === undefined || o.destination === 'OMICS', { message: 'An omics archive goes with the destination OMICS.' });

/** A user's override. */
export type Override = z.infer<typeof OverrideSchema>;

/** What the router reads of each fileset: the scan's fields plus the inferred (or user-set) modality. */
export type RouteInput = Pick<Fileset, 'id' | 'root' | 'directory' | 'pattern' | 'files' | 'format' | 'kind' | 'facts' | 'layouts'> & {
  readonly modality: Modality;
  readonly confidence: number;
  /** The strongest evidence for the modality, quoted in the reason. */
  readonly because?: string;
  /** Every vote weighed for and against the modality, for a review reason that names the conflict. */
  readonly modalityEvidence?: readonly Evidence[];
  /** Runner-up modalities when evidence conflicted. */
  readonly alternatives: readonly { readonly modality: Modality; readonly score: number }[];
  /** For supporting files: the modality of the data they describe, when they say it. */
  readonly supports?: Modality;
  /** What the user set for this fileset (a patient-identifiable fileset never carries one). */
  readonly override?: { readonly modality?: Modality; readonly destination?: Destination; readonly omicsArchive?: OmicsArchive };
};

/** A decision for a fileset (or part of one). */
export interface Decision {
  readonly destination: Destination;
  /** The catalog clause that decided; every decision has one (REVIEW has its own clauses). */
  readonly clauseId: string;
  readonly reason: string;
  /** For OMICS: which archive. */
  readonly omicsArchive?: OmicsArchive;
  /** Note clauses that inform this decision (policy points, note 1, linking). */
  readonly notes: readonly string[];
  /** Evidence the policy adds (study-level facts it used: tomogram count, correlative components, the data a file follows). */
  readonly evidence: readonly Evidence[];
  /** What of this decision the user set. */
  readonly overridden?: { readonly modality?: Modality; readonly destination?: Destination };
}

/** Files of a fileset that go elsewhere than the rest: the representative tomograms of note 2. */
export interface DecisionPart {
  /** POSIX paths relative to the fileset's root, a subset of its files. */
  readonly files: readonly string[];
  readonly decision: Decision;
  /** Short label of the part for its pattern, e.g. "representatives". */
  readonly label: string;
}

/** The router's answer for one fileset: a decision for its files, and parts split off with their own. */
export interface RoutedFileset {
  readonly filesetId: string;
  readonly decision: Decision;
  readonly parts: readonly DecisionPart[];
}

/** How an override was taken. */
export const AppliedOverrideSchema = z
  .object({
    target: z.string().min(1),
    modality: ModalitySchema.optional(),
    destination: DestinationSchema.optional(),
    omicsArchive: OmicsArchiveSchema.optional(),
    /** Fileset ids it matched; empty when it matched nothing (the report says so). */
    matched: z.array(z.string().min(1)),
    note: z.string().min(1),
  })
  .strict();

/** How an override was taken. */
export type AppliedOverride = z.infer<typeof AppliedOverrideSchema>;

/** Study-level findings of the policy over all roots together. */
export const StudyFindingsSchema = z
  .object({
    /** Light microscopy together with EM or X-ray data (policy note 3 and table row "Correlative"). */
    correlative: z.boolean(),
    /** The EM/XM part of a correlative study is 3D, so the study splits between EMPIAR and the BIA. */
    correlativeSplit: z.boolean(),
    /** A registration, transform or landmark file was found (note 3.3 wants it in the BIA). */
    correlationInformation: z.boolean(),
    /** Modality ids of the routed data, in catalog order. */
    components: z.array(ModalitySchema),
    tomograms: z
      .object({
        count: z.number().int().nonnegative(),
        rule: z.enum(['none', 'all-to-emdb', 'representatives-to-emdb']),
        /** Tomogram files sent to EMDB as representatives: the fileset they came from and the file (root-relative POSIX). */
        representatives: z.array(z.object({ filesetId: z.string().min(1), file: z.string().min(1), chosenBy: z.enum(['user', 'policy']) }).strict()),
      })
      .strict(),
    /** Patient-associated data was found; those files are never bundled. */
    patientData: z.boolean(),
    options: PolicyOptionsSchema,
    overrides: z.array(AppliedOverrideSchema),
    /** Version of the policy catalog the decisions cite. */
    policyVersion: z.string().min(1),
  })
  .strict();

/** Study-level findings. */
export type StudyFindings = z.infer<typeof StudyFindingsSchema>;

/** The router's whole answer. */
export interface StudyRouting {
  readonly filesets: readonly RoutedFileset[];
  readonly study: Omit<StudyFindings, 'overrides'>;
}
