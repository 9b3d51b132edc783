// Whole studies through the real engine (walk, readers, layouts, modality inference, policy), flattened to
// [fileset, modality, destination, clause] rows: what a cryo-EM, vEM or light-microscopy expert would say.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../main/scan/run-scan';
import type { ScanReport } from '../../shared/model/scan-report';
import { ScanReportSchema } from '../../shared/model/scan-report';
import { POLICY_CATALOG } from '../../shared/policy/catalog';
import { decideStudy, type PolicyInput, type ScannedFileset } from '../../shared/study/decide-study';
import { makeTree, removeTree } from '../helpers/temp-tree';
import { createFileset } from '../helpers/factories';
import * as studies from '../fixtures/studies/studies';

const made: string[] = [];
afterAll(() => made.forEach(removeTree));

/** Every clause the studies below exercised (as the deciding clause or as a note), for the coverage check at the end. */
const exercised = new Set<string>();

function record(report: ScanReport): ScanReport {
  for (const f of report.filesets) {
    exercised.add(f.clauseId);
    f.policyNotes.forEach((n) => exercised.add(n));
  }
  return report;
}

/** Scans trees as separate roots (one study), under a policy input; the report is schema-checked and recorded. */
async function scan(trees: readonly studies.Tree[], policy: PolicyInput = {}): Promise<{ roots: string[]; report: ScanReport }> {
  const roots = trees.map((t) => makeTree(t));
  made.push(...roots);
  const outcome = await runScan(roots, { policy });
  if (outcome.status !== 'done') throw new Error(`scan ended ${outcome.status}`);
  return { roots, report: record(ScanReportSchema.parse(outcome.report)) };
}

/** Scans roots made earlier again under another policy input (what the app's re-routing does, from scratch). */
async function rescan(roots: readonly string[], policy: PolicyInput): Promise<ScanReport> {
  const outcome = await runScan(roots, { policy });
  if (outcome.status !== 'done') throw new Error(`scan ended ${outcome.status}`);
  return ScanReportSchema.parse(outcome.report);
}

/** One row per fileset: where it is, what it is, where it goes and which clause says so. */
function rows(report: ScanReport): string[][] {
  return report.filesets.map((f) => [
    f.directory === '.' ? f.pattern : `${f.directory}/${f.pattern}`,
    f.modality,
    f.destination === 'OMICS' ? `OMICS:${f.omicsArchive}` : f.destination,
    f.clauseId,
  ]);
}

/** The rows of one study, scanned as one root. */
async function routed(tree: studies.Tree, policy: PolicyInput = {}): Promise<string[][]> {
  return rows((await scan([tree], policy)).report);
}

describe('cryo-EM and cryo-ET', () => {
  it('single particle: EPU movies and their records to EMPIAR, RELION particles to EMPIAR, the map to EMDB', async () => {
    const data = 'epu/Images-Disc1/GridSquare_8999138/Data/FoilHole_9015883_Data_9017347_#_20250108_154915';
    expect(await routed(studies.spaStudy())).toEqual([
      ['epu/EpuSession.dm', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      [`${data}.xml`, 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      [`${data}_Fractions.mrc`, 'spa-movies', 'EMPIAR', 'row-cryo-em'],
      ['maps/EMD-3197.map', 'density-map', 'EMDB', 'empiar-maps-to-emdb'],
      ['relion/default_pipeline.star', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
      ['relion/Extract/job012/Movies/particles_#.mrcs', 'spa-particles', 'EMPIAR', 'row-cryo-em'],
      ['relion/PostProcess/job030/postprocess.star', 'processing-output', 'EMPIAR', 'supporting-follows-data'],
    ]);
  });

  it('cryo-ET with a small number of tomograms: tilt series and their mdocs to EMPIAR, all tomograms to EMDB', async () => {
    const { report } = await scan([studies.cryoEtStudy(5)]);
    expect(rows(report)).toEqual([
      ['tilt-series/TS_##.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['tilt-series/TS_##.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['tomograms/TS_##_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few'],
    ]);
    expect(report.study.tomograms).toEqual({ count: 5, rule: 'all-to-emdb', representatives: [] });
  });

  it('one tomogram more than "a small number": three representatives spread over the list go to EMDB, the rest to EMPIAR', async () => {
    const { report } = await scan([studies.cryoEtStudy(6)]);
    expect(rows(report)).toEqual([
      ['tilt-series/TS_##.mrc', 'cryoet-tilt-series', 'EMPIAR', 'note-2-tilt-series'],
      ['tilt-series/TS_##.mrc.mdoc', 'supporting-metadata', 'EMPIAR', 'supporting-follows-data'],
      ['tomograms/TS_##_rec.mrc', 'cryoet-tomograms', 'EMPIAR', 'note-2-tomograms-rest'],
      ['tomograms/TS_##_rec.mrc (representatives)', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative'],
    ]);
    const reps = report.filesets.find((f) => f.clauseId === 'note-2-tomograms-representative')!;
    // The middle of each third of TS_01…TS_06: the 2nd, 4th and 6th.
    expect(reps.files).toEqual(['tomograms/TS_02_rec.mrc', 'tomograms/TS_04_rec.mrc', 'tomograms/TS_06_rec.mrc']);
    expect(report.study.tomograms.rule).toBe('representatives-to-emdb');
    expect(report.study.tomograms.representatives.map((r) => [r.file, r.chosenBy, r.filesetId === reps.id])).toEqual([
      ['tomograms/TS_02_rec.mrc', 'policy', true],
      ['tomograms/TS_04_rec.mrc', 'policy', true],
      ['tomograms/TS_06_rec.mrc', 'policy', true],
    ]);
  });

  it('thresholds are options: --tomograms-few 1 --representatives 1 on two tomograms sends one to EMDB; --tomograms-few 2 sends both', async () => {
    const one = await routed(studies.cryoEtStudy(2), { options: { tomogramsFew: 1, representatives: 1 } });
    // One of two: the middle of the run, TS_02.
    expect(one.slice(2)).toEqual([
      ['tomograms/TS_01_rec.mrc', 'cryoet-tomograms', 'EMPIAR', 'note-2-tomograms-rest'],
      ['tomograms/TS_02_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative'],
    ]);
    const both = await routed(studies.cryoEtStudy(2), { options: { tomogramsFew: 2 } });
    expect(both.slice(2)).toEqual([['tomograms/TS_##_rec.mrc', 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few']]);
  });

  it('counts tomograms across every root of the study, and takes the representatives you pick', async () => {
    const { roots, report } = await scan([studies.cryoEtStudy(4), studies.cryoEtStudy(3)]);
    expect(report.study.tomograms.count).toBe(7);
    const tomograms = report.filesets.filter((f) => f.modality === 'cryoet-tomograms');
    expect(tomograms.filter((f) => f.destination === 'EMDB').reduce((n, f) => n + f.fileCount, 0)).toBe(3);
    expect(tomograms.filter((f) => f.destination === 'EMPIAR').reduce((n, f) => n + f.fileCount, 0)).toBe(4);
    // Both roots hold representatives: the picks spread over the whole study, not its first root.
    expect(new Set(tomograms.filter((f) => f.destination === 'EMDB').map((f) => f.root))).toEqual(new Set(roots));

    const picked = path.join(roots[1]!, 'tomograms', 'TS_03_rec.mrc');
    const mine = record(await rescan(roots, { overrides: [{ target: picked, destination: 'EMDB' }] }));
    const emdb = mine.filesets.filter((f) => f.destination === 'EMDB');
    expect(emdb.map((f) => [f.root, f.pattern, f.clauseId, f.overridden])).toEqual([[roots[1], 'TS_03_rec.mrc', 'note-2-tomograms-representative', { destination: 'EMDB' }]]);
    expect(mine.study.tomograms.representatives).toEqual([{ filesetId: emdb[0]!.id, file: 'tomograms/TS_03_rec.mrc', chosenBy: 'user' }]);
    expect(mine.study.overrides[0]).toMatchObject({ target: picked, destination: 'EMDB', note: 'Applied to the file tomograms/TS_03_rec.mrc, now a fileset of its own.' });
  });

  it('subtomograms go to EMPIAR by the cryo-ET row', async () => {
    expect((await routed(studies.subtomogramStudy()))[0]).toEqual(['subtomograms/volumes.mrc', 'cryoet-subtomograms', 'EMPIAR', 'row-cryo-et']);
  });

  it('MicroED diffraction series go to EMPIAR as raw images underpinning a 3D structure', async () => {
    expect(await routed(studies.microEdStudy())).toEqual([['microed/crystal_01/frame_####.dm4', 'microed', 'EMPIAR', 'policy-1-raw-3d-em']]);
  });
});

describe('volume EM, 2D EM and correlative studies', () => {
  it('a 3View SBF-SEM run and an ATUM section series go to EMPIAR', async () => {
    expect(await routed(studies.volumeEmStudy())).toEqual([
      ['atum/wafer1_section_####.tif', 'vem-array-tomography', 'EMPIAR', 'row-volume-em-xm'],
      ['sbf/block_####.dm4', 'vem-sbf-sem', 'EMPIAR', 'row-volume-em-xm'],
    ]);
  });

  it('2D EM alone goes to the BioImage Archive', async () => {
    expect(await routed(studies.em2dStudy())).toEqual([
      ['sem/overview.tif', 'em-2d', 'BIA', 'row-2d-em'],
      ['tem/cell_#.tif', 'em-2d', 'BIA', 'row-2d-em'],
    ]);
  });

  it('correlative with 3D EM: FIB-SEM to EMPIAR, light microscopy and the registration to the BioImage Archive, linked', async () => {
    const { report } = await scan([studies.correlative3dStudy()]);
    expect(rows(report)).toEqual([
      ['fib-sem/slice_####.tif', 'vem-fib-sem', 'EMPIAR', 'note-3-3d-em-xray'],
      ['lm/cell_overview.czi', 'lm-confocal', 'BIA', 'note-3-other-modalities'],
      ['registration/lm_to_em_landmarks.csv', 'correlation', 'BIA', 'note-3-correlation-info'],
    ]);
    expect(report.study).toMatchObject({ correlative: true, correlativeSplit: true, correlationInformation: true });
    for (const f of report.filesets) expect(f.policyNotes).toContain('policy-3-separate-deposits');
  });

  it('correlative across roots: light microscopy in one root, FIB-SEM in another, still split', async () => {
    const tree = studies.correlative3dStudy();
    const lm = { 'lm/cell_overview.czi': tree['lm/cell_overview.czi']! };
    const em = Object.fromEntries(Object.entries(tree).filter(([k]) => k.startsWith('fib-sem/')));
    const { report } = await scan([lm, em]);
    expect(report.filesets.map((f) => f.clauseId)).toEqual(['note-3-other-modalities', 'note-3-3d-em-xray']);
    expect(report.study).toMatchObject({ correlative: true, correlativeSplit: true, correlationInformation: false });
  });

  it('correlative with 2D EM: no split, light and electron microscopy both to the BioImage Archive', async () => {
    const { report } = await scan([studies.correlative2dStudy()]);
    expect(rows(report)).toEqual([
      ['lm/cells.ome.tiff', 'lm-confocal', 'BIA', 'correlative-2d-em'],
      ['tem/cell_#.tif', 'em-2d', 'BIA', 'correlative-2d-em'],
    ]);
    expect(report.study).toMatchObject({ correlative: true, correlativeSplit: false });
  });
});

describe('light microscopy, screening, other imaging', () => {
  it('light microscopy goes to the BioImage Archive; a bare TIFF takes the modality of the light microscopy beside it', async () => {
    expect(await routed(studies.lightMicroscopyStudy())).toEqual([
      ['confocal/experiment.lif', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['confocal/export.tif', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['confocal/spinning.nd2', 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['slides/slide_01.vsi', 'lm-other', 'BIA', 'row-light-microscopy'],
    ]);
  });

  it('a screen: plate images and their index to the BioImage Archive, with the note on screen templates', async () => {
    const { report } = await scan([studies.hcsStudy()]);
    expect(rows(report)).toEqual([
      ['plate1/Index.idx.xml', 'supporting-metadata', 'BIA', 'supporting-follows-data'],
      ['plate1/r02c02f##p01-ch1sk1fk1fl1.tiff', 'hcs', 'BIA', 'row-hcs'],
    ]);
    for (const f of report.filesets) expect(f.policyNotes).toEqual(['policy-2-bia', 'note-1-hcs-templates']);
  });

  it('AFM to the BioImage Archive, X-ray tomography to EMPIAR, clutter nowhere, unknown and mixed-company files to review', async () => {
    expect(await routed(studies.otherStudy())).toEqual([
      ['.DS_Store', 'not-data', 'NONE', 'not-research-data'],
      ['README.md', 'supporting-metadata', 'REVIEW', 'review-supporting-unresolved'],
      ['afm/scan.spm', 'afm', 'BIA', 'row-other-imaging'],
      ['mystery/blob.bin', 'unknown', 'REVIEW', 'review-unknown'],
      ['xray/sample_tomo.txrm', 'hard-xray-tomography', 'EMPIAR', 'row-volume-em-xm'],
    ]);
  });

  it('a picture nothing explains is not routed on a guess', async () => {
    expect(await routed(studies.lonePicture())).toEqual([['misc/photo.png', 'other-imaging', 'REVIEW', 'review-low-confidence']]);
  });
});

describe('spatial omics and omics', () => {
  it('sequencing-based (Visium): images and spatial data to the BioImage Archive, the matrix to ArrayExpress, reads to ENA', async () => {
    const { report } = await scan([studies.visiumStudy()]);
    expect(rows(report)).toEqual([
      ['fastq/sample_S1_L001_R1_001.fastq.gz', 'omics-data', 'OMICS:ENA', 'spatial-omics-reads'],
      ['outs/filtered_feature_bc_matrix.h5', 'omics-data', 'OMICS:ArrayExpress', 'spatial-omics-functional-genomics'],
      ['outs/spatial/scalefactors_json.json', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['outs/spatial/tissue_hires_image.png', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
      ['outs/spatial/tissue_positions_list.csv', 'spatial-omics-image', 'BIA', 'spatial-omics-spatial-data'],
    ]);
    for (const f of report.filesets) expect(f.policyNotes).toContain('spatial-omics-linking');
  });

  it('imaging-based (Xenium): everything stays in the BioImage Archive', async () => {
    const r = await routed(studies.xeniumStudy());
    expect(r.map((x) => [x[0], x[2]])).toEqual([
      ['xenium/experiment.xenium', 'BIA'],
      ['xenium/morphology_focus.ome.tif', 'BIA'],
    ]);
    expect(r[0]![3]).toBe('spatial-omics-imaging-st');
  });

  it('each kind of omics data to its archive: MERSCOPE stays in the BIA, MSI to MetaboLights, spectra to PRIDE, reads to ENA, AnnData to ArrayExpress', async () => {
    expect(await routed(studies.omicsStudy())).toEqual([
      ['merscope/detected_transcripts.csv', 'omics-data', 'BIA', 'spatial-omics-imaging-st'],
      ['msi/brain_section.ibd', 'omics-data', 'OMICS:MetaboLights', 'spatial-omics-metabolomics'],
      ['msi/brain_section.imzML', 'omics-data', 'OMICS:MetaboLights', 'spatial-omics-metabolomics'],
      ['proteomics/run01.mzML', 'omics-data', 'OMICS:PRIDE', 'spatial-omics-proteomics'],
      ['reads/aligned.bam', 'omics-data', 'OMICS:ENA', 'spatial-omics-reads'],
      ['single-cell/adata.h5ad', 'omics-data', 'OMICS:ArrayExpress', 'spatial-omics-functional-genomics'],
    ]);
  });

  it('omics data of a kind no omics archive takes go to the BioImage Archive (synthetic facts: no reader emits such a platform yet)', () => {
    const { sizes, ...rest } = { ...createFileset({ id: 'st', directory: 'st', pattern: 'cells.csv', format: 'csv', kind: 'omics', files: ['st/cells.csv'], fileCount: 1 }), sizes: [10] };
    const scanned: ScannedFileset = {
      ...(({ modality: _m, confidence: _c, destination: _d, clauseId: _id, reason: _r, omicsArchive: _o, overridden: _ov, policyNotes: _n, ...keep }) => keep)(rest),
      sizes,
      facts: { omics: { value: { kind: 'spatial-transcriptomics', platform: 'NovelSeq-ST' }, provenance: 'header' } },
    };
    const decided = decideStudy([scanned]);
    expect(decided.filesets.map((f) => [f.modality, f.destination, f.clauseId])).toEqual([['omics-data', 'BIA', 'spatial-omics-no-archive']]);
    decided.filesets.forEach((f) => [f.clauseId, ...f.policyNotes].forEach((c) => exercised.add(c)));
  });
});

describe('patient data', () => {
  it('identifiable DICOM, de-identified ultrasound and clinical NIfTI are never bundled; a table beside patient data stays out too', async () => {
    const tree = { ...studies.medicalStudy(), 'ct/measurements.csv': 'slice,hu\n1,40\n' };
    const { report } = await scan([tree]);
    expect(rows(report)).toEqual([
      ['ct/CT_small.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
      ['ct/measurements.csv', 'supporting-metadata', 'NONE', 'supporting-follows-data'],
      ['mri/anatomical.nii', 'medical-imaging', 'NONE', 'patient-medical-imaging'],
      // Issue 12, finding 8: a human clinical SOP class (Ultrasound) is locked "whatever the de-identification flags say".
      ['us/deidentified.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
    ]);
    expect(report.study.patientData).toBe(true);
    // No archive bundle; only the report of what was left out, by count (the policy: patient data is not deposited at EBI).
    expect(report.bundles.map((b) => [b.archive, b.filesetIds.length, b.fileCount])).toEqual([['NONE', 4, 4]]);
  });

  it('overrides cannot send identifiable patient data anywhere; a non-patient NIfTI can be re-labelled and is then routed', async () => {
    const { roots, report } = await scan([studies.medicalStudy()], {
      overrides: [
        { target: 'ct/CT_small.dcm', destination: 'BIA', modality: 'other-imaging' },
        { target: 'mri/anatomical.nii', modality: 'other-imaging' },
      ],
    });
    expect(rows(report)).toEqual([
      ['ct/CT_small.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
      ['mri/anatomical.nii', 'other-imaging', 'BIA', 'row-other-imaging'],
      // Issue 12, finding 8: a human clinical SOP class (Ultrasound) is locked "whatever the de-identification flags say".
      ['us/deidentified.dcm', 'medical-imaging', 'NONE', 'patient-identifiable'],
    ]);
    expect(report.study.overrides.map((o) => [o.target, o.matched.length, o.note])).toEqual([
      ['ct/CT_small.dcm', 0, 'Not applied: the data it names are patient-identifiable and cannot be deposited at EBI.'],
      ['mri/anatomical.nii', 1, 'Applied to the fileset mri/anatomical.nii.'],
    ]);
    const nifti = report.filesets.find((f) => f.pattern === 'anatomical.nii')!;
    expect(nifti.overridden).toEqual({ modality: 'other-imaging' });
    expect(nifti.confidence).toBe(1);
    expect(nifti.evidence[0]?.source).toBe('header');
    expect(nifti.evidence.some((e) => e.source === 'user' && e.detail.startsWith('Modality set by you: Other biological imaging (inferred: Patient-associated medical imaging'))).toBe(true);
    expect(roots).toHaveLength(1);
  });
});

describe('overrides', () => {
  it('a destination set by you keeps what the policy would have said; an override that names nothing is reported', async () => {
    const { report } = await scan([studies.lonePicture()], { overrides: [{ target: 'misc/photo.png', destination: 'BIA' }, { target: 'nowhere/else.tif', destination: 'EMPIAR' }] });
    expect(rows(report)).toEqual([['misc/photo.png', 'other-imaging', 'BIA', 'user-override']]);
    expect(report.filesets[0]!.reason).toMatch(/^You set the destination to BioImage Archive\. The policy would send it to Needs review \[review-low-confidence\]: Best guess/);
    expect(report.study.overrides[1]).toEqual({ target: 'nowhere/else.tif', destination: 'EMPIAR', matched: [], note: 'It matched no fileset, file or folder of the scanned folders, so nothing was changed.' });
  });

  it('re-routing is deterministic: the same scan and overrides give the same decisions', async () => {
    const policy: PolicyInput = { options: { tomogramsFew: 2, representatives: 2 }, overrides: [{ target: 'tomograms', modality: 'cryoet-tomograms' }] };
    const { roots, report } = await scan([studies.cryoEtStudy(4)], policy);
    const again = await rescan(roots, policy);
    const decisions = (r: ScanReport) => r.filesets.map((f) => [f.id, f.files, f.modality, f.destination, f.clauseId, f.reason, f.overridden]);
    expect(decisions(again)).toEqual(decisions(report));
    expect(report.filesets.map((f) => [f.pattern, f.clauseId])).toEqual([
      ['TS_##.mrc', 'note-2-tilt-series'],
      ['TS_##.mrc.mdoc', 'supporting-follows-data'],
      ['TS_##_rec.mrc', 'note-2-tomograms-rest'],
      ['TS_##_rec.mrc (representatives)', 'note-2-tomograms-representative'],
    ]);
  });
});

describe('the catalog', () => {
  it('every clause of the catalog was exercised by a study above', () => {
    const missing = POLICY_CATALOG.map((c) => c.id).filter((id) => !exercised.has(id));
    expect(missing).toEqual([]);
  });
});
