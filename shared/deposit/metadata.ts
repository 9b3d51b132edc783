import { z } from 'zod';
import { OmicsArchiveSchema } from '../model/destination';

/**
 * Study metadata, entered once and shared by every archive's bundle (docs/empiar.md §1, §5.2; docs/bia.md
 * §2.2). The schema checks shapes only: what an archive needs of it (a corresponding author with a country
 * for EMPIAR, a licence for the BIA) is said, field by field and archive by archive, by
 * `checkMetadata` (shared/deposit/check-metadata.ts), so an incomplete document still parses and
 * yields drafts that say what is missing.
 */

const Text = z.string().trim().min(1);

/** An organisation people are affiliated with; `id` is what authors' `affiliations` name. */
export const OrganisationSchema = z
  .object({
    id: Text,
    name: Text,
    address: Text.optional(),
    city: Text.optional(),
    postcode: Text.optional(),
    /** ISO 3166-1 alpha-2 code (`GB`, never `UK`: docs/empiar.md §3). */
    country: z.string().trim().optional(),
    /** Research Organization Registry id (`https://ror.org/02catss52` or `02catss52`). */
    ror: Text.optional(),
  })
  .strict();

/** An organisation. */
export type Organisation = z.infer<typeof OrganisationSchema>;

/** One author, in the order of the author list. */
export const AuthorSchema = z
  .object({
    givenName: Text,
    familyName: Text,
    /** ORCID iD, `0000-0002-1825-0097` (with or without `https://orcid.org/`), check digit ISO 7064 MOD 11-2. */
    orcid: z.string().trim().optional(),
    email: z.string().trim().optional(),
    /** Ids of `organisations` this author belongs to, first the main one. */
    affiliations: z.array(Text).default([]),
    /** The corresponding author (exactly one author is, for EMPIAR). */
    corresponding: z.boolean().default(false),
    /** A principal investigator of the study (EMPIAR needs at least one). */
    principalInvestigator: z.boolean().default(false),
  })
  .strict();

/** An author. */
export type Author = z.infer<typeof AuthorSchema>;

/** Licences the archives take: EMPIAR is CC0 only; the BIA offers CC0 (default) and CC BY 4.0 (docs/bia.md §0). */
export const LICENCES = ['CC0', 'CC BY 4.0'] as const;

/** A licence. */
export type Licence = (typeof LICENCES)[number];

/** When the data may be made public. */
export const ReleaseSchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('immediate') }).strict(),
  z.object({ policy: z.literal('on-publication') }).strict(),
  /** Held until a date (ISO `YYYY-MM-DD`); the BIA allows up to 2 years after submission (docs/bia.md §0). */
  z.object({ policy: z.literal('hold'), until: z.iso.date() }).strict(),
]);

/** A release policy. */
export type Release = z.infer<typeof ReleaseSchema>;

/** How far the related publication has come. */
export const PUBLICATION_STATUSES = ['in-preparation', 'submitted', 'preprint', 'in-press', 'published'] as const;

/** The paper the data belong to. */
export const PublicationSchema = z
  .object({
    title: Text,
    status: z.enum(PUBLICATION_STATUSES),
    journal: Text.optional(),
    year: z.number().int().min(1000).max(9999).optional(),
    volume: Text.optional(),
    issue: Text.optional(),
    firstPage: Text.optional(),
    lastPage: Text.optional(),
    doi: z.string().trim().optional(),
    pubmedId: z.string().trim().optional(),
  })
  .strict();

/** A related publication. */
export type Publication = z.infer<typeof PublicationSchema>;

/** One grant. */
export const FundingSchema = z.object({ agency: Text, grantId: Text.optional() }).strict();

/** An organism, by its NCBI Taxonomy name and id (docs/bia.md §2.2: `NCBITaxon_9606`). */
export const OrganismSchema = z.object({ scientificName: Text, ncbiTaxonId: z.number().int().positive() }).strict();

/** An organism. */
export type Organism = z.infer<typeof OrganismSchema>;

/** EMPIAR's `scale` of the imaged object (docs/empiar.md §2.3). */
export const SCALES = ['molecule', 'virus', 'cell', 'tissue', 'organism'] as const;

/** Accessions the archives issued, once known. */
export const AccessionsSchema = z
  .object({
    /** `EMPIAR-10009`. */
    empiar: z.string().trim().optional(),
    /** `S-BIAD1492` (older studies: S-BSST…, S-JCBD…). */
    bia: z.string().trim().optional(),
    /** `EMD-12345`, one per map or tomogram entry. */
    emdb: z.array(z.string().trim()).default([]),
    omics: z.array(z.object({ archive: z.union([OmicsArchiveSchema, z.literal('EGA'), z.literal('BioSamples')]), accession: Text }).strict()).default([]),
  })
  .strict();

/** Accessions. */
export type Accessions = z.infer<typeof AccessionsSchema>;

/** The study metadata document (`--metadata FILE`, JSON or YAML). */
export const StudyMetadataSchema = z
  .object({
    title: z.string().trim().default(''),
    description: z.string().trim().default(''),
    keywords: z.array(Text).default([]),
    authors: z.array(AuthorSchema).default([]),
    organisations: z.array(OrganisationSchema).default([]),
    licence: z.enum(LICENCES).optional(),
    release: ReleaseSchema.optional(),
    publication: PublicationSchema.optional(),
    funding: z.array(FundingSchema).default([]),
    organisms: z.array(OrganismSchema).default([]),
    /** REMBI Biosample: what was imaged (docs/bia.md §2.2). */
    biosample: z.object({ biologicalEntity: Text.optional(), description: Text.optional() }).strict().default({}),
    /** REMBI Specimen: how it was prepared. */
    specimen: z.object({ preparation: Text.optional(), growthProtocol: Text.optional() }).strict().default({}),
    scale: z.enum(SCALES).optional(),
    /** The facility that acquired the data, for the acknowledgement. */
    facility: z.object({ name: Text, acknowledgement: Text.optional() }).strict().optional(),
    accessions: AccessionsSchema.default({ emdb: [], omics: [] }),
  })
  .strict();

/** Study metadata, after defaults. */
export type StudyMetadata = z.infer<typeof StudyMetadataSchema>;

/** Study metadata as written by a person (defaults not yet applied). */
export type StudyMetadataInput = z.input<typeof StudyMetadataSchema>;

/** The empty document: what a bundle is built from before the user has entered anything. */
export const EMPTY_METADATA: StudyMetadata = StudyMetadataSchema.parse({});
