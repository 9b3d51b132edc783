import { z } from 'zod';
import { ProvenanceSchema } from '../model/evidence';

/**
 * One fact: its value, its unit where it has one, where it was read (`header`, `sidecar`, `name`,
 * `layout`), and optionally which file said so (a sidecar's name, for instance).
 */
function fact<T extends z.ZodType>(value: T): ReturnType<typeof unitless<T>>;
function fact<T extends z.ZodType, U extends string>(value: T, unit: U): ReturnType<typeof withUnit<T, U>>;
function fact<T extends z.ZodType, U extends string>(value: T, unit?: U) {
  return unit === undefined ? unitless(value) : withUnit(value, unit);
}

function unitless<T extends z.ZodType>(value: T) {
  return z.object({ value, provenance: ProvenanceSchema, source: z.string().min(1).optional() }).strict();
}

/** The unit is fixed by the fact's name; when a reader states it, it must be the normalised one. */
function withUnit<T extends z.ZodType, U extends string>(value: T, unit: U) {
  return z.object({ value, unit: z.literal(unit).optional(), provenance: ProvenanceSchema, source: z.string().min(1).optional() }).strict();
}

const Positive = z.number().positive();
const Count = z.number().int().nonnegative();

/** Ways of imaging the format engine can read from headers; modality inference builds on them. */
export const IMAGING_MODES = [
  'TEM',
  'STEM',
  'SEM',
  'FIB-SEM',
  'SBF-SEM',
  'diffraction',
  'spectroscopy',
  'widefield',
  'confocal',
  'spinning-disk',
  'multiphoton',
  'light-sheet',
  'super-resolution',
  'TIRF',
  'brightfield',
  'slide-scanner',
  'AFM',
  'X-ray CT',
  'soft X-ray',
  'medical',
] as const;

/** Schema of an imaging mode. */
export const ImagingModeSchema = z.enum(IMAGING_MODES);

/** An imaging mode. */
export type ImagingMode = z.infer<typeof ImagingModeSchema>;

/**
 * How the images of one file are arranged. `image-stack` only says "several images"; the specific
 * arrangements (tilt series, movie, montage, diffraction series) say what the stack is, from the header
 * or from a sidecar that describes the file (shared/formats/fuse-facts.ts decides which wins).
 */
export const ARRANGEMENTS = ['image', 'image-stack', 'volume', 'volume-stack', 'movie', 'tilt-series', 'diffraction-series', 'time-series', 'montage', 'pyramid', 'plate'] as const;

/** Schema of an arrangement. */
export const ArrangementSchema = z.enum(ARRANGEMENTS);

/** How the images of one file are arranged. */
export type Arrangement = z.infer<typeof ArrangementSchema>;

/** Kinds of omics data. */
export const OMICS_KINDS = ['sequencing-reads', 'alignments', 'count-matrix', 'single-cell', 'spatial-transcriptomics', 'mass-spectrometry'] as const;

/**
 * Facts the format engine extracts, by shared name. Every reader uses these names so modality inference
 * reads one vocabulary. Units are normalised: lengths in nm, voltages in kV, angles in degrees.
 */
export const FactsSchema = z
  .object({
    /** Sizes along each axis; `frames` for dose-fractionated movies. */
    dimensions: fact(z.object({ x: Count.optional(), y: Count.optional(), z: Count.optional(), c: Count.optional(), t: Count.optional(), frames: Count.optional() }).strict()).optional(),
    /** Physical pixel (voxel) size, always in nanometres (1 Å = 0.1 nm). */
    pixelSize: fact(z.object({ x: Positive, y: Positive.optional(), z: Positive.optional() }).strict(), 'nm').optional(),
    voltageKV: fact(Positive, 'kV').optional(),
    instrument: fact(z.object({ manufacturer: z.string().min(1).optional(), model: z.string().min(1).optional() }).strict()).optional(),
    /** Acquisition or processing software, with its version when known. */
    software: fact(z.string().min(1)).optional(),
    imagingMode: fact(ImagingModeSchema).optional(),
    tiltAngles: fact(z.object({ min: z.number(), max: z.number(), count: Count }).strict(), 'deg').optional(),
    channels: fact(
      z.array(
        z
          .object({
            name: z.string().min(1).optional(),
            excitationNm: Positive.optional(),
            emissionNm: Positive.optional(),
            fluor: z.string().min(1).optional(),
          })
          .strict(),
      ),
    ).optional(),
    xrayEnergyKeV: fact(Positive, 'keV').optional(),
    plate: fact(z.object({ rows: Count.optional(), columns: Count.optional(), wells: Count.optional(), fields: Count.optional() }).strict()).optional(),
    /**
     * Patient content: `identifiable` (locked out of every archive) when an identifying field is filled, pixels carry burned-in
     * text, or the SOP class is a human clinical one — whatever the de-identification flags say (issue 12, finding 8).
     */
    patient: fact(z.object({ identifiable: z.boolean(), fields: z.array(z.string().min(1)), deidentified: z.boolean() }).strict()).optional(),
    /** The species a DICOM patient module names (Patient Species Description (0010,2201) or Code Sequence (0010,2202), PS3.3 C.7.1.1). */
    species: fact(z.object({ name: z.string().min(1), human: z.boolean() }).strict()).optional(),
    /** The program that wrote the file, as its fingerprint says: SerialEM, EPU, Tomography, RELION, IMOD, EMDB, cryoSPARC, … */
    creator: fact(z.string().min(1)).optional(),
    arrangement: fact(ArrangementSchema).optional(),
    /** Crystallographic space group (MRC ispg 2–230, MicroED). */
    spaceGroup: fact(z.number().int().min(1).max(230)).optional(),
    magnification: fact(Positive).optional(),
    /** Electron dose on the specimen. */
    dose: fact(z.number().nonnegative(), 'e/Å²').optional(),
    /** Camera or detector, e.g. "BioQuantum K3", "Falcon 4", "InLens". */
    detector: fact(z.string().min(1)).optional(),
    /** DICOM Modality (0008,0060): CT, MR, US, SM (slide microscopy), … */
    medicalModality: fact(z.string().min(1)).optional(),
    /** DICOM SOP Class (0008,0016). */
    sopClass: fact(z.object({ uid: z.string().min(1), name: z.string().min(1).optional() }).strict()).optional(),
    /** Light-microscopy acquisition modes as the file names them (OME AcquisitionMode, CZI, …). */
    acquisitionModes: fact(z.array(z.string().min(1))).optional(),
    omics: fact(z.object({ kind: z.enum(OMICS_KINDS), platform: z.string().min(1).optional() }).strict()).optional(),
    /** Spatial-omics platform and this file's role in its bundle. */
    spatial: fact(z.object({ platform: z.string().min(1), role: z.string().min(1).optional() }).strict()).optional(),
    /** Registration or transform between coordinate spaces (correlation information). */
    transform: fact(z.object({ kind: z.string().min(1), dimensions: z.number().int().min(1).max(4).optional() }).strict()).optional(),
    /** A processing output and the tool that made it (RELION job, cryoSPARC dataset, …). */
    processing: fact(z.object({ tool: z.string().min(1), kind: z.string().min(1).optional() }).strict()).optional(),
    /**
     * The series this fileset is one part of, when its images are split over sibling folders (one folder per
     * section, per day, per wafer): how many folders and files the whole series holds.
     */
    series: fact(z.object({ folders: Count, files: Count }).strict()).optional(),
    /** Files a sidecar describes, by name or path relative to the sidecar's folder. */
    describes: fact(z.array(z.string().min(1))).optional(),
    /** EMDB accession the file belongs to (from MRC labels such as ::::EMDATABANK.org::::EMD-3197::::). */
    emdbId: fact(z.string().regex(/^EMD-\d{4,}$/)).optional(),
    /** Format-specific header fields worth showing (MRC mode, ispg, exttyp…); not used for decisions. */
    header: fact(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))).optional(),
  })
  .strict();

/** Facts by shared name. */
export type Facts = z.infer<typeof FactsSchema>;

/** A fact's name. */
export type FactName = keyof Facts;
