import type { BundleFileset } from '../bundler';
import type { StudyFindings } from '../../policy/types';
import type { StudyMetadata } from '../../deposit/metadata';
import type { ImagingMode } from '../../formats/facts';
import { fbbiTermFor } from './fbbi';
import { formatLabel } from '../../formats/format-catalog';
import { componentFilesets, isGeoJson, type StudyComponent } from './study-components';
import { dimensionsText, pixelSizeUm, uploadFolderOf } from './file-list';

/**
 * The REMBI checklist of a BIA submission: the modules of the BioImages.v5 form (docs/bia.md §2.1–§2.2), each
 * field prefilled from the scan's facts and the study metadata where they say it, otherwise marked missing.
 * The user types the rest into the form; nothing here is guessed.
 */

/** REMBI modules as the BioImages.v5 template names its sections (docs/bia.md §2.2). */
export const REMBI_MODULES = ['study', 'biosample', 'specimen', 'image-acquisition', 'image-correlation', 'image-analysis', 'annotation', 'study-component'] as const;

/** A REMBI module. */
export type RembiModule = (typeof REMBI_MODULES)[number];

/** The template's section title of each module (docs/bia.md §2.2). */
export const REMBI_MODULE_TITLES: Readonly<Record<RembiModule, string>> = {
  study: 'Study',
  biosample: 'Biosample',
  specimen: 'Specimen',
  'image-acquisition': 'Image acquisition',
  'image-correlation': 'Image correlation',
  'image-analysis': 'Image analysis',
  annotation: 'Annotation',
  'study-component': 'Study Component',
};

/** One form field: its PageTab attribute name, the prefilled value (or `null`), whether the template requires it, and where the value came from. */
export interface RembiField {
  readonly name: string;
  readonly value: string | null;
  readonly required: boolean;
  /** What the value was taken from (`metadata.title`, `facts.instrument of lm_disk/confocal/…`); `null` when missing. */
  readonly from: string | null;
}

/** One filled-in section of the form. */
export interface RembiSection {
  readonly module: RembiModule;
  /** The section's `Title` (what Study Component associations name); for the Study, the study title. */
  readonly title: string;
  /** The study component it belongs to; `null` for study-wide sections. */
  readonly componentId: string | null;
  /** Whether the template requires the section (docs/bia.md §2.2: R or D). */
  readonly required: boolean;
  readonly fields: readonly RembiField[];
}

/** BioImages.v5: a study title has at least 25 characters (docs/bia.md §2.2). */
export const MIN_TITLE_LENGTH = 25;

function field(name: string, value: string | null | undefined, required: boolean, from: string | null): RembiField {
  const v = value?.trim() ? value.trim() : null;
  return { name, value: v, required, from: v ? from : null };
}

/** The filesets of a component that were acquired (its data), for acquisition facts. */
function acquired<F extends BundleFileset>(c: StudyComponent<F>): readonly F[] {
  return c.data.length > 0 ? c.data : componentFilesets(c);
}

/** Distinct non-empty strings, in first-seen order. */
function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v.trim() !== ''))];
}

/** A fileset as the upload names it: its root's folder, its folder and its name pattern (docs/bia.md §1.1 rule 5). */
function place(f: BundleFileset): string {
  return `${uploadFolderOf(f.root)}/${f.directory === '.' ? '' : `${f.directory}/`}${f.pattern}`;
}

/** Header fields worth naming as instrument or parameter (objective, NA) when a reader recorded them. */
function headerText(f: BundleFileset, key: string): string | undefined {
  const v = f.facts.header?.value[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The instrument a component's data name: manufacturer and model (facts.instrument), detector, objective. */
function instrumentOf<F extends BundleFileset>(c: StudyComponent<F>): { text: string | null; from: string | null } {
  const fs = acquired(c);
  const parts = distinct(
    fs.flatMap((f) => {
      const i = f.facts.instrument?.value;
      return [[i?.manufacturer, i?.model].filter(Boolean).join(' ') || undefined, f.facts.detector ? `detector ${f.facts.detector.value}` : undefined, headerText(f, 'objective') ? `objective ${headerText(f, 'objective')}` : undefined];
    }),
  );
  const src = fs.find((f) => f.facts.instrument || f.facts.detector || headerText(f, 'objective'));
  return { text: parts.length > 0 ? parts.join('; ') : null, from: src ? `facts of ${place(src)}` : null };
}

/** Acquisition parameters the headers state: pixel size, dimensions, channels, voltage, magnification, NA, tilt range. */
function parametersOf<F extends BundleFileset>(c: StudyComponent<F>): { text: string | null; from: string | null } {
  const fs = acquired(c);
  const parts = distinct(
    fs.flatMap((f) => {
      const px = pixelSizeUm(f.facts);
      const ch = (f.facts.channels?.value ?? []).map((x) => [x.name, x.excitationNm ? `ex ${x.excitationNm} nm` : undefined, x.emissionNm ? `em ${x.emissionNm} nm` : undefined].filter(Boolean).join(' ')).filter((s) => s !== '');
      const na = headerText(f, 'objectiveNA') ?? headerText(f, 'objectiveLensNA');
      const tilt = f.facts.tiltAngles?.value;
      return [
        px ? `pixel size ${px} µm` : undefined,
        dimensionsText(f.facts) ? `dimensions ${dimensionsText(f.facts)}` : undefined,
        ch.length > 0 ? `channels ${ch.join(', ')}` : undefined,
        f.facts.voltageKV ? `${f.facts.voltageKV.value} kV` : undefined,
        f.facts.magnification ? `magnification ${f.facts.magnification.value}x` : undefined,
        na ? `NA ${na}` : undefined,
        tilt ? `tilt ${tilt.min}° to ${tilt.max}° (${tilt.count} images)` : undefined,
      ];
    }),
  );
  const src = fs.find((f) => f.facts.pixelSize || f.facts.channels || f.facts.dimensions);
  return { text: parts.length > 0 ? parts.join('; ') : null, from: src ? `facts of ${place(src)}` : null };
}

/** Imaging modes the component's data state in their headers. */
function modesOf<F extends BundleFileset>(c: StudyComponent<F>): ImagingMode[] {
  return acquired(c).flatMap((f) => (f.facts.imagingMode ? [f.facts.imagingMode.value] : []));
}

/** Inputs of the REMBI checklist. */
export interface RembiInput<F extends BundleFileset = BundleFileset> {
  readonly components: readonly StudyComponent<F>[];
  readonly metadata: StudyMetadata;
  readonly study: StudyFindings;
  /** File-list names by component id (`lm-confocal.tsv`), and annotation lists (`lm-confocal-annotations.tsv`). */
  readonly fileLists: ReadonlyMap<string, { readonly list: string; readonly annotations?: string }>;
}

const BIOSAMPLE_TITLE = 'Biosample 1';
const SPECIMEN_TITLE = 'Specimen 1';

/** Every section of the form, prefilled: Study, Biosample, Specimen, then per component its acquisition, correlation, analysis, annotation and Study Component. */
export function rembiSections<F extends BundleFileset>(input: RembiInput<F>): RembiSection[] {
  const m = input.metadata;
  const out: RembiSection[] = [];
  const authors = m.authors.map((a) => `${a.givenName} ${a.familyName}`);
  out.push({
    module: 'study',
    title: m.title || '(untitled)',
    componentId: null,
    required: true,
    fields: [
      field('Title', m.title.length >= MIN_TITLE_LENGTH ? m.title : null, true, 'metadata.title'),
      field('Description', m.description, true, 'metadata.description'),
      field('Keywords', m.keywords.join('; '), true, 'metadata.keywords'),
      field('License', m.licence ?? null, true, 'metadata.licence'),
      field('Author', authors.join('; '), true, 'metadata.authors'),
      field('Funding', m.funding.map((f) => [f.agency, f.grantId].filter(Boolean).join(' ')).join('; '), false, 'metadata.funding'),
      field('Publication', m.publication ? [m.publication.title, m.publication.doi].filter(Boolean).join(', doi:') : null, false, 'metadata.publication'),
      field('Acknowledgements', m.facility?.acknowledgement ?? (m.facility ? `Data were acquired at ${m.facility.name}.` : null), false, 'metadata.facility'),
    ],
  });
  const organisms = m.organisms.map((o) => `${o.scientificName} (NCBITaxon_${o.ncbiTaxonId})`);
  out.push({
    module: 'biosample',
    title: BIOSAMPLE_TITLE,
    componentId: null,
    required: true,
    fields: [
      field('Title', BIOSAMPLE_TITLE, true, 'the label the Study Component associations use'),
      field('Organism', organisms.join('; '), true, 'metadata.organisms'),
      field('Biological entity', m.biosample.biologicalEntity, true, 'metadata.biosample.biologicalEntity'),
      field('Description', m.biosample.description, false, 'metadata.biosample.description'),
    ],
  });
  out.push({
    module: 'specimen',
    title: SPECIMEN_TITLE,
    componentId: null,
    required: true,
    fields: [
      field('Title', SPECIMEN_TITLE, true, 'the label the Study Component associations use'),
      field('Sample preparation protocol', m.specimen.preparation, true, 'metadata.specimen.preparation'),
      field('Growth protocol', m.specimen.growthProtocol, false, 'metadata.specimen.growthProtocol'),
    ],
  });

  for (const c of input.components) {
    const acqTitle = `${c.label} acquisition`;
    const inst = instrumentOf(c);
    const params = parametersOf(c);
    const term = fbbiTermFor(c.modality, modesOf(c));
    out.push({
      module: 'image-acquisition',
      title: acqTitle,
      componentId: c.id,
      required: true,
      fields: [
        field('Title', acqTitle, true, 'the component'),
        field('Imaging instrument', inst.text, true, inst.from),
        field('Image acquisition parameters', params.text, true, params.from),
        field('Imaging method', term ? `${term.name} (${term.termId})` : null, true, term ? `FBbi term of ${c.id} (shared/bundles/bia/fbbi.ts)` : null),
      ],
    });
    const associations = [BIOSAMPLE_TITLE, SPECIMEN_TITLE, acqTitle];
    // Image correlation is for correlative studies (docs/bia.md §5.2); a lone transform elsewhere is listed but not a correlation.
    if (input.study.correlative && c.correlation.length > 0) {
      const corTitle = `${c.label} correlation`;
      const transforms = c.correlation.filter((f) => !/landmark|fiducial|point/i.test(f.facts.transform?.value.kind ?? ''));
      const fiducials = c.correlation.filter((f) => /landmark|fiducial|point/i.test(f.facts.transform?.value.kind ?? ''));
      const kinds = distinct(c.correlation.map((f) => (f.facts.transform ? `${f.facts.transform.value.kind}${f.facts.transform.value.dimensions ? ` (${f.facts.transform.value.dimensions}D)` : ''}` : undefined)));
      out.push({
        module: 'image-correlation',
        title: corTitle,
        componentId: c.id,
        required: true,
        fields: [
          field('Title', corTitle, true, 'the component'),
          field('Spatial and temporal alignment', kinds.length > 0 ? `Registered with: ${kinds.join('; ')}.` : null, true, kinds.length > 0 ? 'facts.transform of the correlation files' : null),
          field('Fiducials used', fiducials.length > 0 ? fiducials.map(place).join('; ') : null, false, 'landmark files found'),
          field('Transformation matrix', transforms.length > 0 ? `In the files ${transforms.map(place).join('; ')}` : null, false, 'transform files found'),
        ],
      });
      associations.push(corTitle);
    }
    const processed = c.followers.filter((f) => f.modality === 'processing-output' || f.facts.processing);
    if (processed.length > 0) {
      const anTitle = `${c.label} analysis`;
      const tools = distinct(processed.map((f) => f.facts.processing?.value.tool));
      out.push({
        module: 'image-analysis',
        title: anTitle,
        componentId: c.id,
        required: false,
        fields: [
          field('Title', anTitle, true, 'the component'),
          field('Image analysis overview', tools.length > 0 ? `Processed with ${tools.join(', ')}.` : null, true, tools.length > 0 ? 'facts.processing of the processing outputs' : null),
        ],
      });
      associations.push(anTitle);
    }
    const lists = input.fileLists.get(c.id);
    if (c.annotations.length > 0) {
      const types = distinct(c.annotations.map((f) => (isGeoJson(f) ? 'geometrical_annotations' : 'segmentation_mask')));
      out.push({
        module: 'annotation',
        title: `${c.label} annotations`,
        componentId: c.id,
        required: false,
        fields: [
          field('Title', `${c.label} annotations`, true, 'the component'),
          field('Annotation Overview', null, true, null),
          field('Annotation Type', types.join('; '), true, 'the annotation files found'),
          field('Annotation Method', null, true, null),
          field('File List', lists?.annotations ?? null, true, 'the annotation file list'),
        ],
      });
    }
    out.push({
      module: 'study-component',
      title: c.label,
      componentId: c.id,
      required: true,
      fields: [
        field('Name', c.label, true, 'the component'),
        field('Description', draftComponentDescription(c), true, 'drafted from the scan (counts, formats, channels): edit it in the form'),
        field('File List', lists?.list ?? null, true, 'the component file list'),
        field('Associations', associations.join(' + '), true, 'the sections above'),
      ],
    });
  }
  return out;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * A first description of a study component from what the scan saw: the imaging method, how many files in
 * which formats, the channels the headers name, and the files that go with them. The user edits it in the form;
 * nothing beyond the scan's facts is said.
 */
export function draftComponentDescription(c: StudyComponent): string {
  const files = c.data.reduce((n, f) => n + f.fileCount, 0);
  const formats = [...new Set(c.data.map((f) => formatLabel(f.format)))].join(', ');
  const channels = [...new Set(c.data.flatMap((f) => (f.facts.channels?.value ?? []).map((ch) => ch.name).filter((n): n is string => n !== undefined)))];
  const parts = [files > 0 ? `${c.label}: ${plural(files, 'image file')}${formats ? ` (${formats})` : ''}` : c.label];
  if (channels.length > 0) parts.push(`channels ${channels.join(', ')}`);
  const correlation = c.correlation.reduce((n, f) => n + f.fileCount, 0);
  if (correlation > 0) parts.push(`with ${plural(correlation, 'registration or landmark file')} that correlate them with the electron or X-ray images deposited elsewhere`);
  const annotations = c.annotations.reduce((n, f) => n + f.fileCount, 0);
  if (annotations > 0) parts.push(`and ${plural(annotations, 'annotation file')}`);
  return `${parts.join('; ')}.`;
}

/** Required fields still missing from a section. */
export function missingFields(s: RembiSection): readonly RembiField[] {
  return s.fields.filter((f) => f.required && f.value === null);
}

/** The checklist as Markdown (`rembi-checklist.md`): per section, each field with its value and where it came from, or MISSING. */
export function renderRembiMarkdown(sections: readonly RembiSection[]): string {
  const lines = [
    '# REMBI checklist for the BioImage Archive',
    '',
    'Fields of the BioImages (REMBI) submission form (docs/bia.md §2.2). Prefilled values come from the scan and',
    'the study metadata; MISSING fields are for you to enter in the form. Check every prefilled value.',
    '',
  ];
  for (const s of sections) {
    const missing = missingFields(s).length;
    lines.push(`## ${REMBI_MODULE_TITLES[s.module]}: ${s.title}${s.required ? '' : ' (optional section)'}`, '');
    lines.push(missing === 0 ? 'All required fields are prefilled.' : `${missing} required field${missing === 1 ? '' : 's'} missing.`, '');
    lines.push('| Field | Value | Source |', '|---|---|---|');
    for (const f of s.fields) {
      const v = f.value === null ? (f.required ? '**MISSING**' : '(optional, empty)') : f.value.replace(/\|/g, '\\|');
      lines.push(`| ${f.name}${f.required ? '' : ' (optional)'} | ${v} | ${f.from ?? ''} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
