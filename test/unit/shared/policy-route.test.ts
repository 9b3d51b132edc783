import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Facts } from '../../../shared/formats/facts';
import type { LayoutRef } from '../../../shared/layouts/types';
import type { Destination, OmicsArchive } from '../../../shared/model/destination';
import { REVIEW_BELOW, type Modality } from '../../../shared/modality/modalities';
import { POLICY_CATALOG } from '../../../shared/policy/catalog';
import { routeStudy } from '../../../shared/policy/route';
import { spreadIndices } from '../../../shared/policy/tomograms';
import { DEFAULT_POLICY_OPTIONS, type Decision, type PolicyOptions, type RoutedFileset, type RouteInput, type StudyRouting } from '../../../shared/policy/types';

// ---------------------------------------------------------------------------------------------------
// Builders: what the router reads of a fileset, with the modality already inferred.
// ---------------------------------------------------------------------------------------------------

const ROOT = '/study';

function h<T>(value: T): { value: T; provenance: 'header' } {
  return { value, provenance: 'header' };
}

/** Fields of a route input a row may set, plus `count` for a numbered series of files. */
type Extra = Partial<Omit<RouteInput, 'id' | 'modality'>> & { count?: number };

/**
 * A route input `id` of `modality` (confidence 0.9 unless given) in folder `directory` (default `data`):
 * one file `<id>.tif`, or with `count` a numbered series `<id>_01.tif`, `<id>_02.tif`, ….
 */
function ri(id: string, modality: Modality, extra: Extra = {}): RouteInput {
  const { count, ...rest } = extra;
  const root = rest.root ?? ROOT;
  const directory = rest.directory ?? 'data';
  const names = count === undefined ? [`${id}.tif`] : Array.from({ length: count }, (_, i) => `${id}_${String(i + 1).padStart(2, '0')}.tif`);
  return {
    id,
    root,
    directory,
    pattern: count === undefined ? `${id}.tif` : `${id}_##.tif`,
    files: names.map((n) => (directory === '.' ? n : `${directory}/${n}`)),
    format: 'tiff',
    kind: 'image',
    facts: {},
    layouts: [],
    confidence: 0.9,
    alternatives: [],
    ...rest,
    modality,
  };
}

const patient: Facts = { patient: h({ identifiable: true, fields: ['PatientName', 'PatientID'], deidentified: false }), medicalModality: h('CT') };
const omics = (kind: 'sequencing-reads' | 'alignments' | 'count-matrix' | 'single-cell' | 'spatial-transcriptomics' | 'mass-spectrometry', platform?: string): Facts => ({
  omics: h({ kind, ...(platform ? { platform } : {}) }),
});

// Every clause and note any decision of this file cited, to check at the end that the catalog is covered.
const clausesSeen = new Set<string>();
const notesSeen = new Set<string>();

function record(d: Decision): void {
  clausesSeen.add(d.clauseId);
  for (const n of d.notes) notesSeen.add(n);
}

/** Routes a study and records every decision it made. */
function route(inputs: readonly RouteInput[], options: Partial<PolicyOptions> = {}): StudyRouting {
  const r = routeStudy(inputs, options);
  for (const f of r.filesets) {
    record(f.decision);
    for (const p of f.parts) record(p.decision);
  }
  return r;
}

function routed(r: StudyRouting, id: string): RoutedFileset {
  const f = r.filesets.find((x) => x.filesetId === id);
  expect(f, id).toBeDefined();
  return f!;
}

/** A decision as a row: [destination, clause, omics archive or null, notes]. */
function row(d: Decision): [Destination, string, OmicsArchive | null, readonly string[]] {
  return [d.destination, d.clauseId, d.omicsArchive ?? null, d.notes];
}

type Row = readonly [what: string, study: RouteInput[], destination: Destination, clauseId: string, archive: OmicsArchive | null, notes: readonly string[]];

/** Table rows: the first fileset of the study is the subject; the row is its pattern and decision. */
function table(rows: readonly Row[]): void {
  it.each(rows.map(([what, study, d, c, a, n]) => [what, study[0]!.pattern, d, c, a, n, study] as const))('%s: %s → %s [%s]', (_what, pattern, d, c, a, n, study) => {
    const r = route(study);
    expect([pattern, ...row(routed(r, study[0]!.id).decision)]).toEqual([pattern, d, c, a, n]);
  });
}

const EMPIAR_NOTE = ['policy-1-empiar'];
const BIA_NOTE = ['policy-2-bia'];

describe('routeStudy: one fileset at a time', () => {
  table([
    ['patient-identifiable facts, even with an override in the input', [ri('ct', 'medical-imaging', { facts: patient, override: { destination: 'BIA' } })], 'NONE', 'patient-identifiable', null, []],
    ['patient-identifiable facts on data inferred as light microscopy', [ri('slide', 'lm-confocal', { facts: patient })], 'NONE', 'patient-identifiable', null, []],
    ['patient-identifiable facts at low confidence', [ri('ct', 'medical-imaging', { facts: patient, confidence: 0.1 })], 'NONE', 'patient-identifiable', null, []],
    ['medical imaging', [ri('mri', 'medical-imaging')], 'NONE', 'patient-medical-imaging', null, []],
    ['medical imaging set by the user to the BIA', [ri('mri', 'medical-imaging', { override: { destination: 'BIA' } })], 'BIA', 'user-override', null, BIA_NOTE],
    ['OS clutter', [ri('ds', 'not-data')], 'NONE', 'not-research-data', null, []],
    ['unknown', [ri('blob', 'unknown', { confidence: 0 })], 'REVIEW', 'review-unknown', null, []],
    ['unknown at high confidence (an opaque ZIP)', [ri('zip', 'unknown', { confidence: 0.55 })], 'REVIEW', 'review-unknown', null, []],
    ['density map', [ri('map', 'density-map')], 'EMDB', 'empiar-maps-to-emdb', null, []],
    ['tilt series', [ri('ts', 'cryoet-tilt-series')], 'EMPIAR', 'note-2-tilt-series', null, EMPIAR_NOTE],
    ['subtomograms', [ri('sub', 'cryoet-subtomograms')], 'EMPIAR', 'row-cryo-et', null, EMPIAR_NOTE],
    ['SPA movies', [ri('mov', 'spa-movies')], 'EMPIAR', 'row-cryo-em', null, EMPIAR_NOTE],
    ['SPA micrographs', [ri('mic', 'spa-micrographs')], 'EMPIAR', 'row-cryo-em', null, EMPIAR_NOTE],
    ['SPA particle stacks', [ri('ptcl', 'spa-particles')], 'EMPIAR', 'row-cryo-em', null, EMPIAR_NOTE],
    ['MicroED', [ri('ed', 'microed')], 'EMPIAR', 'policy-1-raw-3d-em', null, EMPIAR_NOTE],
    ['FIB-SEM alone', [ri('fib', 'vem-fib-sem', { count: 20 })], 'EMPIAR', 'row-volume-em-xm', null, EMPIAR_NOTE],
    ['SBF-SEM alone', [ri('sbf', 'vem-sbf-sem', { count: 20 })], 'EMPIAR', 'row-volume-em-xm', null, EMPIAR_NOTE],
    ['serial-section TEM alone', [ri('sstem', 'vem-sstem', { count: 20 })], 'EMPIAR', 'row-volume-em-xm', null, EMPIAR_NOTE],
    ['array tomography alone', [ri('atum', 'vem-array-tomography', { count: 20 })], 'EMPIAR', 'row-volume-em-xm', null, EMPIAR_NOTE],
    ['volume EM, technique unknown', [ri('vem', 'vem-other', { count: 20 })], 'EMPIAR', 'row-volume-em-xm', null, EMPIAR_NOTE],
    ['soft X-ray tomography', [ri('sxt', 'soft-xray-tomography')], 'EMPIAR', 'row-volume-em-xm', null, EMPIAR_NOTE],
    ['hard X-ray tomography', [ri('uct', 'hard-xray-tomography')], 'EMPIAR', 'row-volume-em-xm', null, EMPIAR_NOTE],
    ['confocal', [ri('conf', 'lm-confocal')], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    ['widefield', [ri('wf', 'lm-widefield')], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    ['light-sheet', [ri('ls', 'lm-light-sheet')], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    ['super-resolution', [ri('sr', 'lm-super-resolution')], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    ['light microscopy', [ri('lm', 'lm-other')], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    ['2D EM', [ri('tem', 'em-2d')], 'BIA', 'row-2d-em', null, BIA_NOTE],
    ['high-content screening', [ri('plate', 'hcs')], 'BIA', 'row-hcs', null, ['policy-2-bia', 'note-1-hcs-templates']],
    ['AFM', [ri('afm', 'afm')], 'BIA', 'row-other-imaging', null, BIA_NOTE],
    ['other imaging', [ri('img', 'other-imaging')], 'BIA', 'row-other-imaging', null, BIA_NOTE],
    ['correlation information without a correlative study', [ri('xf', 'correlation', { kind: 'metadata' })], 'BIA', 'note-3-correlation-info', null, BIA_NOTE],
    ['spatial-omics image', [ri('tissue', 'spatial-omics-image')], 'BIA', 'spatial-omics-spatial-data', null, ['policy-2-bia', 'spatial-omics-linking']],
  ]);
});

describe('routeStudy: omics by facts.omics', () => {
  const o = (id: string, facts: Facts) => ri(id, 'omics-data', { facts, kind: 'omics' });
  table([
    ['sequencing reads', [o('fastq', omics('sequencing-reads'))], 'OMICS', 'spatial-omics-reads', 'ENA', ['spatial-omics-linking']],
    ['read alignments', [o('bam', omics('alignments'))], 'OMICS', 'spatial-omics-reads', 'ENA', ['spatial-omics-linking']],
    ['count matrix', [o('h5', omics('count-matrix'))], 'OMICS', 'spatial-omics-functional-genomics', 'ArrayExpress', ['spatial-omics-linking']],
    ['single-cell data', [o('h5ad', omics('single-cell'))], 'OMICS', 'spatial-omics-functional-genomics', 'ArrayExpress', ['spatial-omics-linking']],
    ['spatial transcriptomics from Visium', [o('visium', omics('spatial-transcriptomics', 'Visium'))], 'OMICS', 'spatial-omics-functional-genomics', 'ArrayExpress', ['spatial-omics-linking']],
    ['spatial transcriptomics with the platform in the spatial fact', [o('visium', { ...omics('spatial-transcriptomics'), spatial: h({ platform: 'Visium' }) })], 'OMICS', 'spatial-omics-functional-genomics', 'ArrayExpress', ['spatial-omics-linking']],
    ['spatial transcriptomics from Xenium (imaging-based)', [o('xenium', omics('spatial-transcriptomics', 'Xenium'))], 'BIA', 'spatial-omics-imaging-st', null, ['policy-2-bia', 'spatial-omics-linking']],
    ['a count matrix from MERSCOPE (imaging-based)', [o('merscope', omics('count-matrix', 'MERSCOPE'))], 'BIA', 'spatial-omics-imaging-st', null, ['policy-2-bia', 'spatial-omics-linking']],
    ['spatial transcriptomics from an unknown platform', [o('foo', omics('spatial-transcriptomics', 'FooSeq'))], 'BIA', 'spatial-omics-no-archive', null, ['policy-2-bia', 'spatial-omics-linking']],
    ['spatial transcriptomics without a platform', [o('anon', omics('spatial-transcriptomics'))], 'BIA', 'spatial-omics-no-archive', null, ['policy-2-bia', 'spatial-omics-linking']],
    ['mass spectrometry', [o('mzml', omics('mass-spectrometry'))], 'OMICS', 'spatial-omics-proteomics', 'PRIDE', ['spatial-omics-linking']],
    ['mass spectrometry with a spatial fact (imzML)', [o('imzml', { ...omics('mass-spectrometry'), spatial: h({ platform: 'imzML' }) })], 'OMICS', 'spatial-omics-metabolomics', 'MetaboLights', ['spatial-omics-linking']],
    ['omics data without omics facts', [o('odd', {})], 'BIA', 'spatial-omics-no-archive', null, ['policy-2-bia', 'spatial-omics-linking']],
    ['mass spectrometry set by the user to MetaboLights', [ri('ms', 'omics-data', { facts: omics('mass-spectrometry'), override: { destination: 'OMICS', omicsArchive: 'MetaboLights' } })], 'OMICS', 'user-override', 'MetaboLights', ['spatial-omics-linking']],
  ]);
});

describe('routeStudy: the review threshold', () => {
  table([
    ['confidence exactly REVIEW_BELOW routes', [ri('conf', 'lm-confocal', { confidence: REVIEW_BELOW })], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    ['confidence just below REVIEW_BELOW needs review', [ri('conf', 'lm-confocal', { confidence: REVIEW_BELOW - 0.001 })], 'REVIEW', 'review-low-confidence', null, []],
    ['a map just below REVIEW_BELOW needs review', [ri('map', 'density-map', { confidence: REVIEW_BELOW - 0.001 })], 'REVIEW', 'review-low-confidence', null, []],
    ['low confidence with the modality set by the user routes', [ri('conf', 'lm-confocal', { confidence: 0.2, override: { modality: 'lm-confocal' } })], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    ['low confidence with the destination set by the user', [ri('conf', 'lm-confocal', { confidence: 0.2, override: { destination: 'EMPIAR' } })], 'EMPIAR', 'user-override', null, EMPIAR_NOTE],
    ['unknown with the destination set by the user', [ri('blob', 'unknown', { confidence: 0, override: { destination: 'BIA' } })], 'BIA', 'user-override', null, BIA_NOTE],
  ]);

  // Issue 12, finding 8: "a human pathology slide whose identity fields were blanked is sent to the BioImage Archive
  // although it is still patient-associated medical imaging"; "an animal study is blocked as patient data".
  it('a blanked human slide (patient module, no species, nothing filled) is patient-associated medical imaging, not BIA', () => {
    const slide: Facts = { patient: h({ identifiable: false, fields: [], deidentified: false }), medicalModality: h('SM'), sopClass: h({ uid: '1.2.840.10008.5.1.4.1.1.77.1.6' }) };
    const d = routed(route([ri('slide', 'lm-other', { facts: slide })]), 'slide').decision;
    expect([d.destination, d.clauseId]).toEqual(['NONE', 'patient-medical-imaging']);
  });

  it('a slide whose patient module names a non-human species routes as what it is', () => {
    const slide: Facts = { patient: h({ identifiable: false, fields: ['PatientID'], deidentified: false }), species: h({ name: 'Mus musculus', human: false }), medicalModality: h('SM') };
    const d = routed(route([ri('slide', 'lm-other', { facts: slide })]), 'slide').decision;
    expect([d.destination, d.clauseId]).toEqual(['BIA', 'row-light-microscopy']);
  });

  it('a blanked human slide set by the user to another modality is routed as that (the clause says how to leave it)', () => {
    const slide: Facts = { patient: h({ identifiable: false, fields: [], deidentified: false }), medicalModality: h('SM') };
    const d = routed(route([ri('slide', 'lm-other', { facts: slide, override: { modality: 'lm-other' } })]), 'slide').decision;
    expect([d.destination, d.clauseId]).toEqual(['BIA', 'row-light-microscopy']);
  });

  it('a patient-identifiable decision reports no override', () => {
    const d = routed(route([ri('ct', 'medical-imaging', { facts: patient, override: { modality: 'lm-other', destination: 'BIA' } })]), 'ct').decision;
    expect([d.destination, d.clauseId, d.overridden]).toEqual(['NONE', 'patient-identifiable', undefined]);
  });
  

  it('the low-confidence reason names the runners-up', () => {
    const r = route([ri('conf', 'lm-confocal', { confidence: 0.4, alternatives: [{ modality: 'em-2d', score: 0.55 }] })]);
    expect(routed(r, 'conf').decision.reason).toContain('2D electron microscopy (0.55)');
  });

  it('a user override keeps what the policy would have said', () => {
    const d = routed(route([ri('map', 'density-map', { override: { destination: 'EMPIAR' } })]), 'map').decision;
    expect([d.clauseId, d.overridden]).toEqual(['user-override', { destination: 'EMPIAR' }]);
    expect(d.reason).toContain('[empiar-maps-to-emdb]');
    expect(d.evidence[0]).toMatchObject({ source: 'user', weight: 1 });
  });
});

describe('routeStudy: correlative studies', () => {
  it('light microscopy, FIB-SEM and a transform: split between the BIA and EMPIAR, with note 3', () => {
    const lm = ri('lm', 'lm-confocal', { directory: 'lm' });
    const fib = ri('fib', 'vem-fib-sem', { directory: 'fib', count: 30 });
    const xf = ri('xf', 'correlation', { directory: 'reg', kind: 'metadata' });
    const r = route([lm, fib, xf]);
    expect([lm, fib, xf].map((f) => [f.pattern, ...row(routed(r, f.id).decision)])).toEqual([
      ['lm.tif', 'BIA', 'note-3-other-modalities', null, ['policy-2-bia', 'policy-3-separate-deposits']],
      ['fib_##.tif', 'EMPIAR', 'note-3-3d-em-xray', null, ['policy-1-empiar', 'policy-3-separate-deposits']],
      ['xf.tif', 'BIA', 'note-3-correlation-info', null, ['policy-2-bia', 'policy-3-separate-deposits']],
    ]);
    expect(r.study).toMatchObject({ correlative: true, correlativeSplit: true, correlationInformation: true, components: ['vem-fib-sem', 'lm-confocal', 'correlation'] });
    expect(routed(r, 'lm').decision.evidence[0]).toMatchObject({ source: 'study' });
  });

  it('light microscopy and 2D EM only: both to the BIA by correlative-2d-em, no separate deposits', () => {
    const lm = ri('lm', 'lm-widefield');
    const em = ri('em', 'em-2d');
    const r = route([lm, em]);
    expect([lm, em].map((f) => [f.pattern, ...row(routed(r, f.id).decision)])).toEqual([
      ['lm.tif', 'BIA', 'correlative-2d-em', null, BIA_NOTE],
      ['em.tif', 'BIA', 'correlative-2d-em', null, BIA_NOTE],
    ]);
    expect(r.study).toMatchObject({ correlative: true, correlativeSplit: false, correlationInformation: false });
  });

  table([
    ['2D EM beside light microscopy and X-ray tomography', [ri('em', 'em-2d'), ri('lm', 'lm-other'), ri('uct', 'hard-xray-tomography')], 'BIA', 'note-3-other-modalities', null, ['policy-2-bia', 'policy-3-separate-deposits']],
    ['X-ray tomography beside light microscopy', [ri('uct', 'hard-xray-tomography'), ri('lm', 'lm-other')], 'EMPIAR', 'note-3-3d-em-xray', null, ['policy-1-empiar', 'policy-3-separate-deposits']],
    ['light microscopy beside cryo-ET tilt series', [ri('lm', 'lm-confocal'), ri('ts', 'cryoet-tilt-series')], 'BIA', 'note-3-other-modalities', null, ['policy-2-bia', 'policy-3-separate-deposits']],
    ['tilt series beside light microscopy keep note 2', [ri('ts', 'cryoet-tilt-series'), ri('lm', 'lm-confocal')], 'EMPIAR', 'note-2-tilt-series', null, ['policy-1-empiar', 'policy-3-separate-deposits']],
    ['a map beside light microscopy and FIB-SEM still goes to EMDB', [ri('map', 'density-map'), ri('lm', 'lm-confocal'), ri('fib', 'vem-fib-sem')], 'EMDB', 'empiar-maps-to-emdb', null, []],
    ['light microscopy beside volume EM that needs review is not correlative', [ri('lm', 'lm-confocal'), ri('fib', 'vem-fib-sem', { confidence: 0.3 })], 'BIA', 'row-light-microscopy', null, BIA_NOTE],
    // Not correlative, but data for EMPIAR and other image data all the same: policy point 3 (deposit separately, link).
    ['HCS beside FIB-SEM is not light microscopy: no split', [ri('plate', 'hcs'), ri('fib', 'vem-fib-sem')], 'BIA', 'row-hcs', null, ['policy-2-bia', 'policy-3-separate-deposits', 'note-1-hcs-templates']],
  ]);
});

describe('routeStudy: supporting files follow their data', () => {
  const serialem = (dir: string, marker: string): LayoutRef => ({ kind: 'serialem-acquisition', directory: dir, marker });
  const mdoc = (id: string, extra: Extra = {}) => ri(id, 'supporting-metadata', { kind: 'metadata', format: 'mdoc', ...extra });
  const layout = serialem('ts', 'ts/TS_01.mrc.mdoc');

  table([
    ['an mdoc sharing a SerialEM layout with its tilt series, beside light microscopy', [mdoc('ts-mdoc', { directory: 'ts', layouts: [layout] }), ri('ts', 'cryoet-tilt-series', { directory: 'ts', layouts: [layout] }), ri('lm', 'lm-confocal', { directory: 'ts' })], 'EMPIAR', 'supporting-follows-data', null, ['policy-1-empiar', 'policy-3-separate-deposits']],
    ['the same mdoc without the layout: data going two ways', [mdoc('ts-mdoc', { directory: 'ts' }), ri('ts', 'cryoet-tilt-series', { directory: 'ts' }), ri('lm', 'lm-confocal', { directory: 'ts' })], 'REVIEW', 'review-supporting-unresolved', null, []],
    ['an mdoc that says it describes a tilt series picks it out of mixed data', [mdoc('ts-mdoc', { directory: 'ts', supports: 'cryoet-tilt-series' }), ri('ts', 'cryoet-tilt-series', { directory: 'ts' }), ri('lm', 'lm-confocal', { directory: 'ts' })], 'EMPIAR', 'supporting-follows-data', null, ['policy-1-empiar', 'policy-3-separate-deposits']],
    ['an mdoc of a tilt series whose data are absent', [mdoc('ts-mdoc', { supports: 'cryoet-tilt-series' })], 'EMPIAR', 'supporting-follows-data', null, EMPIAR_NOTE],
    ['an mdoc of a tilt series whose data are absent, beside unrelated light microscopy', [mdoc('ts-mdoc', { supports: 'cryoet-tilt-series' }), ri('lm', 'lm-confocal', { directory: 'lm' })], 'EMPIAR', 'supporting-follows-data', null, ['policy-1-empiar', 'policy-3-separate-deposits']],
    ['a plate index whose images are absent', [ri('idx', 'supporting-metadata', { kind: 'metadata', supports: 'hcs' })], 'BIA', 'supporting-follows-data', null, ['policy-2-bia', 'note-1-hcs-templates']],
    ['a follower with no data and no supported modality', [ri('readme', 'supporting-metadata', { kind: 'document' })], 'REVIEW', 'review-supporting-unresolved', null, []],
    ['a README beside data going to the BIA and EMPIAR', [ri('readme', 'supporting-metadata', { kind: 'document' }), ri('lm', 'lm-confocal'), ri('mov', 'spa-movies')], 'REVIEW', 'review-supporting-unresolved', null, []],
    ['a README beside data going to EMPIAR and EMDB', [ri('readme', 'supporting-metadata', { kind: 'document' }), ri('mov', 'spa-movies'), ri('map', 'density-map')], 'EMPIAR', 'supporting-follows-data', null, EMPIAR_NOTE],
    ['a README beside patient data', [ri('readme', 'supporting-metadata', { kind: 'document' }), ri('ct', 'medical-imaging', { facts: patient })], 'NONE', 'supporting-follows-data', null, []],
    ['a README beside patient data and light microscopy', [ri('readme', 'supporting-metadata', { kind: 'document' }), ri('ct', 'medical-imaging', { facts: patient }), ri('lm', 'lm-confocal')], 'REVIEW', 'review-supporting-unresolved', null, []],
    ['a README beside data that need review', [ri('readme', 'supporting-metadata', { kind: 'document' }), ri('img', 'other-imaging', { confidence: 0.3 })], 'REVIEW', 'review-supporting-unresolved', null, []],
    ['a README in a subfolder of light microscopy', [ri('readme', 'supporting-metadata', { kind: 'document', directory: 'lm/docs' }), ri('lm', 'lm-confocal', { directory: 'lm' }), ri('mov', 'spa-movies', { directory: 'spa' })], 'BIA', 'supporting-follows-data', null, ['policy-2-bia', 'policy-3-separate-deposits']],
    ['a README in a second root follows the data of the study', [ri('readme', 'supporting-metadata', { kind: 'document', root: '/other' }), ri('lm', 'lm-confocal')], 'BIA', 'supporting-follows-data', null, BIA_NOTE],
    ['a RELION pipeline record beside movies', [ri('pipe', 'processing-output', { kind: 'processing', supports: 'spa-particles' }), ri('mov', 'spa-movies')], 'EMPIAR', 'supporting-follows-data', null, EMPIAR_NOTE],
    ['a follower set by the user', [ri('readme', 'supporting-metadata', { kind: 'document', override: { destination: 'BIA' } }), ri('mov', 'spa-movies')], 'BIA', 'user-override', null, ['policy-2-bia', 'policy-3-separate-deposits']],
    ['a supporting file at low confidence', [ri('readme', 'supporting-metadata', { kind: 'document', confidence: 0.3 }), ri('lm', 'lm-confocal')], 'REVIEW', 'review-low-confidence', null, []],
  ]);

  it('an atlas with no data of its own goes where a settled record beside it goes (second pass)', () => {
    const ts = mdoc('ts-mdoc', { directory: 'cryo-et/TS_01', supports: 'cryoet-tilt-series' });
    const atlas = mdoc('atlas', { directory: 'cryo-et' });
    const r = route([atlas, ts]);
    expect([row(routed(r, 'ts-mdoc').decision), row(routed(r, 'atlas').decision)]).toEqual([
      ['EMPIAR', 'supporting-follows-data', null, EMPIAR_NOTE],
      ['EMPIAR', 'supporting-follows-data', null, EMPIAR_NOTE],
    ]);
  });

  it('a README beside only EMDB data needs review', () => {
    const r = route([ri('readme', 'supporting-metadata', { kind: 'document' }), ri('map', 'density-map')]);
    expect(row(routed(r, 'readme').decision)).toEqual(['REVIEW', 'review-supporting-unresolved', null, []]);
  });

  it('a supporting file of an absent density map does not go to EMDB', () => {
    const r = route([ri('notes', 'supporting-metadata', { kind: 'document', supports: 'density-map' })]);
    expect(routed(r, 'notes').decision.destination).not.toBe('EMDB');
  });
  

  it('OS clutter is nothing a follower can follow', () => {
    const r = route([ri('readme', 'supporting-metadata', { kind: 'document' }), ri('ds', 'not-data')]);
    expect(row(routed(r, 'readme').decision)).toEqual(['REVIEW', 'review-supporting-unresolved', null, []]);
  });

  it('a follower of omics data takes its archive', () => {
    const r = route([ri('readme', 'supporting-metadata', { kind: 'document' }), ri('fastq', 'omics-data', { facts: omics('sequencing-reads') })]);
    expect(row(routed(r, 'readme').decision)).toEqual(['OMICS', 'supporting-follows-data', 'ENA', []]);
  });
});

describe('routeStudy: tomograms (policy note 2)', () => {
  const tomos = (id: string, n: number, extra: Extra = {}) => ri(id, 'cryoet-tomograms', { directory: 'tomo', format: 'mrc', count: n, ...extra });

  /** The files of a routed fileset and its parts, each as [file count, destination, clause]. */
  function shape(f: RoutedFileset): [number, Destination, string][] {
    return [[-1, f.decision.destination, f.decision.clauseId], ...f.parts.map((p): [number, Destination, string] => [p.files.length, p.decision.destination, p.decision.clauseId])];
  }

  it('count == tomogramsFew (default 5): all to EMDB', () => {
    const r = route([tomos('t', DEFAULT_POLICY_OPTIONS.tomogramsFew)]);
    expect(shape(routed(r, 't'))).toEqual([[-1, 'EMDB', 'note-2-tomograms-few']]);
    expect(routed(r, 't').decision.notes).toEqual([]);
    expect(r.study.tomograms).toEqual({ count: 5, rule: 'all-to-emdb', representatives: [] });
  });

  it('reconstructions of one tilt series count as one tomogram: 4 tilt series × 2 reconstructions is a small number, all to EMDB', () => {
    // Note 2 counts tomograms; a cryo-CARE-denoised and an Icecream reconstruction of TS_01 are the same tomogram.
    const tilts = ri('TS', 'cryoet-tilt-series', { directory: 'ts', format: 'mrc', files: ['ts/TS_01.mrc', 'ts/TS_02.mrc', 'ts/TS_03.mrc', 'ts/TS_04.mrc'] });
    const recs = ri('rec', 'cryoet-tomograms', { directory: 'rec', format: 'mrc', files: ['01', '02', '03', '04'].flatMap((n) => [`rec/TS_${n}_corrected.mrc`, `rec/TS_${n}_icecream.mrc`]) });
    const r = route([tilts, recs]);
    expect(r.study.tomograms).toMatchObject({ count: 4, rule: 'all-to-emdb' });
    expect(shape(routed(r, 'rec'))).toEqual([[-1, 'EMDB', 'note-2-tomograms-few']]);
    // Seven tilt series with two reconstructions each are many: the representatives take both versions of each pick.
    const seven = ['01', '02', '03', '04', '05', '06', '07'];
    const many = route([
      ri('TS', 'cryoet-tilt-series', { directory: 'ts', format: 'mrc', files: seven.map((n) => `ts/TS_${n}.mrc`) }),
      ri('rec', 'cryoet-tomograms', { directory: 'rec', format: 'mrc', files: seven.flatMap((n) => [`rec/TS_${n}_a.mrc`, `rec/TS_${n}_b.mrc`]) }),
    ]);
    expect(many.study.tomograms).toMatchObject({ count: 7, rule: 'representatives-to-emdb' });
    const picked = many.study.tomograms.representatives.map((p) => p.file);
    expect(picked).toHaveLength(2 * DEFAULT_POLICY_OPTIONS.representatives);
    const stems = [...new Set(picked.map((file) => file.replace(/_[ab]\.mrc$/, '')))];
    expect(stems).toHaveLength(DEFAULT_POLICY_OPTIONS.representatives);
    expect(picked.sort()).toEqual(stems.flatMap((stem) => [`${stem}_a.mrc`, `${stem}_b.mrc`]).sort());
  });

  it('count == tomogramsFew + 1: `representatives` files spread over the list go to EMDB as a part, the rest to EMPIAR', () => {
    const t = tomos('t', DEFAULT_POLICY_OPTIONS.tomogramsFew + 1);
    const r = route([t]);
    const f = routed(r, 't');
    expect(shape(f)).toEqual([
      [-1, 'EMPIAR', 'note-2-tomograms-rest'],
      [DEFAULT_POLICY_OPTIONS.representatives, 'EMDB', 'note-2-tomograms-representative'],
    ]);
    expect(f.parts[0]!.files).toEqual([t.files[1], t.files[3], t.files[5]]);
    expect(f.parts[0]!.label).toBe('representatives');
    expect(f.decision.notes).toEqual(EMPIAR_NOTE);
    expect(f.parts[0]!.decision.notes).toEqual([]);
    expect(r.study.tomograms.rule).toBe('representatives-to-emdb');
    expect(r.study.tomograms.representatives).toEqual(f.parts[0]!.files.map((file) => ({ filesetId: 't', file, chosenBy: 'policy' })));
  });

  it.each([
    // [tomogramsFew, representatives, tomogram count, rule, representatives picked]
    [2, 1, 2, 'all-to-emdb', 0],
    [2, 1, 3, 'representatives-to-emdb', 1],
    [0, 3, 1, 'representatives-to-emdb', 1],
    [1, 5, 3, 'representatives-to-emdb', 3],
    [10, 2, 10, 'all-to-emdb', 0],
    [10, 2, 11, 'representatives-to-emdb', 2],
  ] as const)('tomogramsFew %i, representatives %i, %i tomograms → %s with %i picked', (tomogramsFew, representatives, count, rule, picked) => {
    const r = route([tomos('t', count)], { tomogramsFew, representatives });
    expect(r.study.options).toEqual({ tomogramsFew, representatives });
    expect([r.study.tomograms.count, r.study.tomograms.rule, r.study.tomograms.representatives.length]).toEqual([count, rule, picked]);
    const f = routed(r, 't');
    const toEmdb = f.decision.destination === 'EMDB' ? count : f.parts.reduce((n, p) => n + (p.decision.destination === 'EMDB' ? p.files.length : 0), 0);
    expect(toEmdb).toBe(rule === 'all-to-emdb' ? count : picked);
  });

  it('tomogramsFew 0 with one tomogram: it is the representative, as the whole fileset', () => {
    const r = route([tomos('t', 1)], { tomogramsFew: 0 });
    expect(shape(routed(r, 't'))).toEqual([[-1, 'EMDB', 'note-2-tomograms-representative']]);
  });

  it('representatives ≥ count: every tomogram is a representative', () => {
    const r = route([tomos('a', 2), tomos('b', 2, { directory: 'tomo2' })], { tomogramsFew: 3, representatives: 4 });
    expect([shape(routed(r, 'a')), shape(routed(r, 'b'))]).toEqual([[[-1, 'EMDB', 'note-2-tomograms-representative']], [[-1, 'EMDB', 'note-2-tomograms-representative']]]);
  });

  it("the user's EMDB picks replace the automatic choice and are reported as chosen by the user", () => {
    const many = tomos('many', 6);
    const pick = tomos('pick', 1, { directory: 'tomo-best', override: { destination: 'EMDB' } });
    const r = route([many, pick]);
    expect([shape(routed(r, 'many')), shape(routed(r, 'pick'))]).toEqual([[[-1, 'EMPIAR', 'note-2-tomograms-rest']], [[-1, 'EMDB', 'note-2-tomograms-representative']]]);
    expect(routed(r, 'pick').decision.overridden).toEqual({ destination: 'EMDB' });
    expect(r.study.tomograms).toEqual({ count: 7, rule: 'representatives-to-emdb', representatives: [{ filesetId: 'pick', file: pick.files[0], chosenBy: 'user' }] });
  });

  it('a tomogram set to EMPIAR by the user is not a candidate for the automatic picks', () => {
    const kept = tomos('kept', 3, { directory: 'a' });
    const moved = tomos('moved', 4, { directory: 'b', override: { destination: 'EMPIAR' } });
    const r = route([kept, moved]);
    expect(row(routed(r, 'moved').decision).slice(0, 2)).toEqual(['EMPIAR', 'user-override']);
    expect(r.study.tomograms.representatives.map((x) => x.filesetId)).toEqual(['kept', 'kept', 'kept']);
    expect(shape(routed(r, 'kept'))).toEqual([[-1, 'EMDB', 'note-2-tomograms-representative']]);
  });

  it('a small number set elsewhere by the user: user-override, rule still all-to-emdb', () => {
    const r = route([tomos('t', 2, { override: { destination: 'EMPIAR' } })]);
    expect(row(routed(r, 't').decision).slice(0, 2)).toEqual(['EMPIAR', 'user-override']);
    expect(r.study.tomograms.rule).toBe('all-to-emdb');
  });

  it('tomograms are counted across roots and picked over the list sorted by root, folder and pattern', () => {
    const b = tomos('b', 3, { root: '/root-b' });
    const a = tomos('a', 3, { root: '/root-a' });
    const r = route([b, a]);
    expect(r.study.tomograms.count).toBe(6);
    // Sorted: a's three files, then b's; the spread picks indices 1, 3, 5.
    expect(r.study.tomograms.representatives.map((x) => [x.filesetId, x.file])).toEqual([
      ['a', a.files[1]],
      ['b', b.files[0]],
      ['b', b.files[2]],
    ]);
  });

  it('tomograms needing review are not counted', () => {
    const r = route([tomos('sure', 5), tomos('unsure', 3, { directory: 'x', confidence: 0.2 })]);
    expect(r.study.tomograms).toEqual({ count: 5, rule: 'all-to-emdb', representatives: [] });
    expect(routed(r, 'unsure').decision.clauseId).toBe('review-low-confidence');
  });

  it('spreadIndices: k of n spread evenly, from the middle of each run', () => {
    expect([spreadIndices(6, 3), spreadIndices(10, 1), spreadIndices(3, 5), spreadIndices(0, 3), spreadIndices(5, 0), spreadIndices(4, -1)]).toEqual([[1, 3, 5], [5], [0, 1, 2], [], [], []]);
  });

  it('property: spreadIndices(n, k) gives min(n, k) distinct, strictly increasing indices in [0, n)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2000 }), fc.nat({ max: 2000 }), (n, k) => {
        const idx = spreadIndices(n, k);
        expect(idx).toHaveLength(Math.min(n, k));
        // Out of range, not an integer, or not above the one before (strictly increasing implies distinct).
        expect(idx.filter((v, i) => !Number.isInteger(v) || v < 0 || v >= n || (i > 0 && v <= idx[i - 1]!))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('routeStudy: study findings', () => {
  it('components list the routed data in catalog order, without data needing review or followers', () => {
    const r = route([ri('lm', 'lm-confocal'), ri('map', 'density-map'), ri('img', 'other-imaging', { confidence: 0.2 }), ri('readme', 'supporting-metadata', { kind: 'document' }), ri('ct', 'medical-imaging')]);
    // Medical imaging is decided before the study is looked at (NONE): it is not a routed component.
    expect(r.study.components).toEqual(['density-map', 'lm-confocal']);
  });

  it('patientData is set by patient-identifiable and medical-imaging decisions only', () => {
    expect([route([ri('ct', 'medical-imaging', { facts: patient })]).study.patientData, route([ri('mri', 'medical-imaging')]).study.patientData, route([ri('lm', 'lm-other')]).study.patientData]).toEqual([true, true, false]);
  });

  it('options default to DEFAULT_POLICY_OPTIONS and partial options are merged', () => {
    expect([route([]).study.options, route([], { representatives: 7 }).study.options]).toEqual([DEFAULT_POLICY_OPTIONS, { tomogramsFew: 5, representatives: 7 }]);
  });
});

describe('routeStudy: determinism', () => {
  const layout: LayoutRef = { kind: 'serialem-acquisition', directory: 'ts', marker: 'ts/TS_01.mrc.mdoc' };
  const fixed: RouteInput[] = [
    ri('lm1', 'lm-confocal', { directory: 'lm' }),
    ri('lm2', 'lm-widefield', { directory: 'lm' }),
    ri('fib', 'vem-fib-sem', { directory: 'fib', count: 12 }),
    ri('em', 'em-2d', { directory: 'em' }),
    ri('xf', 'correlation', { directory: 'reg', kind: 'metadata' }),
    ri('ts', 'cryoet-tilt-series', { directory: 'ts', layouts: [layout] }),
    ri('ts-mdoc', 'supporting-metadata', { directory: 'ts', kind: 'metadata', layouts: [layout], supports: 'cryoet-tilt-series' }),
    ri('tomo-a', 'cryoet-tomograms', { directory: 'tomo/a', count: 4 }),
    ri('tomo-b', 'cryoet-tomograms', { directory: 'tomo/b', count: 4, root: '/study2' }),
    ri('map', 'density-map', { directory: 'maps' }),
    ri('readme', 'supporting-metadata', { directory: '.', kind: 'document' }),
    ri('lm-readme', 'supporting-metadata', { directory: 'lm', kind: 'document' }),
    ri('ct', 'medical-imaging', { directory: 'clinical', facts: patient }),
    ri('ct-notes', 'supporting-metadata', { directory: 'clinical', kind: 'document' }),
    ri('fastq', 'omics-data', { directory: 'seq', facts: omics('sequencing-reads') }),
    ri('odd', 'other-imaging', { directory: 'misc', confidence: 0.3 }),
  ];
  const reference = routeStudy(fixed);
  const permutation = fc.shuffledSubarray(fixed, { minLength: fixed.length, maxLength: fixed.length });

  /** What decides: destinations, clauses, archives, notes and parts (their files included). */
  function decisive(f: RoutedFileset) {
    const d = (x: Decision) => [x.destination, x.clauseId, x.omicsArchive ?? null, x.notes, x.overridden ?? null];
    return [d(f.decision), f.parts.map((p) => [p.files, p.label, d(p.decision)])];
  }

  it('property: a permuted study gets the same decision per id, and the same study findings', () => {
    fc.assert(
      fc.property(permutation, (order) => {
        const r = routeStudy(order);
        expect(r.filesets.map((f) => f.filesetId)).toEqual(order.map((f) => f.id));
        for (const f of fixed) expect([f.id, decisive(routed(r, f.id))]).toEqual([f.id, decisive(routed(reference, f.id))]);
        expect(r.study).toEqual(reference.study);
      }),
      { numRuns: 100 },
    );
  });

  it('property: a permuted study gets exactly the same decisions, reasons and evidence included', () => {
    fc.assert(
      fc.property(permutation, (order) => {
        const r = routeStudy(order);
        for (const f of fixed) expect([f.id, routed(r, f.id)]).toEqual([f.id, routed(reference, f.id)]);
      }),
      { numRuns: 100 },
    );
  });
  
});

describe('catalog coverage', () => {
  it('every route clause of POLICY_CATALOG decided some fileset above', () => {
    const missing = POLICY_CATALOG.filter((c) => c.kind === 'route' && !clausesSeen.has(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it("every note clause of POLICY_CATALOG appeared in some decision's notes above", () => {
    const missing = POLICY_CATALOG.filter((c) => c.kind === 'note' && !notesSeen.has(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('no decision cited a clause the catalog does not hold', () => {
    const known = new Set<string>(POLICY_CATALOG.map((c) => c.id));
    expect([...clausesSeen, ...notesSeen].filter((id) => !known.has(id))).toEqual([]);
  });
});
