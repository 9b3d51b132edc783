import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../../shared/formats/format-catalog';
import fc from 'fast-check';
import type { Facts } from '../../../shared/formats/facts';
import type { Fileset } from '../../../shared/model/fileset';
import type { Override } from '../../../shared/policy/types';
import { decideStudy, type DecidedStudy, type ScannedFileset } from '../../../shared/study/decide-study';
import { describeStudy } from '../../../shared/study/describe-study';
import { createFileset } from '../../helpers/factories';

// ---------------------------------------------------------------------------------------------------
// Builders: filesets as the scan finds them, before inference and the policy.
// ---------------------------------------------------------------------------------------------------

const ROOT = '/data/study';

function h<T>(value: T): { value: T; provenance: 'header' } {
  return { value, provenance: 'header' };
}

/** A scanned fileset: createFileset without the decision fields, with one size per file (bytes is their sum). */
function scanned(partial: Partial<Fileset>, sizes?: readonly number[]): ScannedFileset {
  const { modality: _m, confidence: _c, destination: _d, clauseId: _k, reason: _r, omicsArchive: _o, overridden: _v, policyNotes: _n, ...rest } = createFileset(partial);
  const s = sizes ?? rest.files.map((_, i) => 1000 + i);
  return { ...rest, fileCount: rest.files.length, sizes: s, bytes: s.reduce((a, b) => a + b, 0) };
}

/** `count` numbered files in `directory`: `<stem>_01<ext>`, … with pattern `<stem>_##<ext>`. */
function series(id: string, directory: string, stem: string, ext: string, count: number, format: FormatId, facts: Facts, extra: Partial<Fileset> = {}): ScannedFileset {
  const files = Array.from({ length: count }, (_, i) => `${directory}/${stem}_${String(i + 1).padStart(2, '0')}${ext}`);
  return scanned({ id, root: ROOT, directory, pattern: count === 1 ? files[0]!.slice(directory.length + 1) : `${stem}_##${ext}`, extension: ext, files, fileCount: count, format, facts, ...extra });
}

const tomogramFacts: Facts = { header: h({ label: 'tilt: Back-projection' }), arrangement: h('volume' as const), dimensions: h({ x: 1000, y: 1000, z: 200 }), pixelSize: h({ x: 1 }) };
const confocalFacts: Facts = { imagingMode: h('confocal' as const) };
const temFacts: Facts = { imagingMode: h('TEM' as const), voltageKV: h(120), pixelSize: h({ x: 2 }) };
const patientFacts: Facts = { patient: h({ identifiable: true, fields: ['PatientName'], deidentified: false }), medicalModality: h('CT') };

const tomo = (n = 7) => series('tomo', 'tomo', 'cell', '.mrc', n, 'mrc', tomogramFacts);
const lm = () => series('lm', 'lm', 'cells', '.tif', 3, 'tiff', confocalFacts);
const em = () => series('em', 'em', 'sec', '.tif', 2, 'tiff', temFacts);
const dicom = () => series('ct', 'clinical', 'ct', '.dcm', 2, 'dicom', patientFacts);
const png = () => series('png', 'misc', 'pic', '.png', 1, 'png', {});

function byId(d: DecidedStudy, id: string): Fileset {
  const f = d.filesets.find((x) => x.id === id);
  expect(f, `fileset ${id} in ${d.filesets.map((x) => x.id).join(', ')}`).toBeDefined();
  return f!;
}

/** A decided fileset as a row: [id, pattern, files, bytes, modality, destination, clause]. */
function row(f: Fileset): [string, string, number, number, string, string, string] {
  return [f.id, f.pattern, f.fileCount, f.bytes, f.modality, f.destination, f.clauseId];
}

describe('decideStudy without overrides', () => {
  it('infers and routes every fileset; decision fields come from the router', () => {
    const d = decideStudy([lm(), png(), dicom()]);
    expect(d.filesets.map(row)).toEqual([
      ['lm', 'cells_##.tif', 3, 3003, 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['png', 'pic_01.png', 1, 1000, 'other-imaging', 'REVIEW', 'review-low-confidence'],
      ['ct', 'ct_##.dcm', 2, 2001, 'medical-imaging', 'NONE', 'patient-identifiable'],
    ]);
    expect(byId(d, 'lm')).toMatchObject({ policyNotes: ['policy-2-bia'], omicsArchive: null, overridden: null });
    expect(d.study).toMatchObject({ patientData: true, overrides: [], options: { tomogramsFew: 5, representatives: 3 } });
  });

  it('keeps the scan evidence and adds the modality evidence after it', () => {
    const f = byId(decideStudy([lm()]), 'lm');
    expect(f.evidence[0]).toEqual(createFileset().evidence[0]);
    expect(f.evidence.some((e) => e.supports === 'lm-confocal')).toBe(true);
  });

  it('splits the representative tomograms into <id>~r1 and points study.tomograms at it', () => {
    const t = tomo(7);
    const d = decideStudy([t]);
    const rest = byId(d, 'tomo');
    const reps = byId(d, 'tomo~r1');
    // spreadIndices(7, 3) = [1, 3, 5]
    expect([row(rest), row(reps)]).toEqual([
      ['tomo', 'cell_##.mrc', 4, 1000 + 1002 + 1004 + 1006, 'cryoet-tomograms', 'EMPIAR', 'note-2-tomograms-rest'],
      ['tomo~r1', 'cell_##.mrc (representatives)', 3, 1001 + 1003 + 1005, 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative'],
    ]);
    expect(reps.files).toEqual([t.files[1], t.files[3], t.files[5]]);
    expect(reps.evidence.at(-1)).toMatchObject({ source: 'study', detail: 'Split from cell_##.mrc: representatives.' });
    expect(d.study.tomograms.representatives).toEqual(reps.files.map((file) => ({ filesetId: 'tomo~r1', file, chosenBy: 'policy' })));
  });

  it('a single representative file takes its own name as pattern', () => {
    const d = decideStudy([tomo(3)], { options: { tomogramsFew: 2, representatives: 1 } });
    expect(row(byId(d, 'tomo~r1'))).toEqual(['tomo~r1', 'cell_02.mrc', 1, 1001, 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative']);
    expect(d.study.options).toEqual({ tomogramsFew: 2, representatives: 1 });
  });

  it('a small number of tomograms is not split', () => {
    const d = decideStudy([tomo(5)]);
    expect(d.filesets.map(row)).toEqual([['tomo', 'cell_##.mrc', 5, 5010, 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-few']]);
  });
});

describe('decideStudy: overrides', () => {
  it.each([
    ['fileset id', 'lm'],
    ['dir/pattern', 'lm/cells_##.tif'],
    ['absolute dir/pattern', `${ROOT}/lm/cells_##.tif`],
    ['Windows-style dir\\pattern', 'lm\\cells_##.tif'],
    ['its folder, with a trailing slash', 'lm/'],
  ])('by %s (%s): destination set, policy kept in the reason', (_how, target) => {
    const d = decideStudy([lm(), png()], { overrides: [{ target, destination: 'EMPIAR' }] });
    const f = byId(d, 'lm');
    expect([f.destination, f.clauseId, f.overridden, f.fileCount]).toEqual(['EMPIAR', 'user-override', { destination: 'EMPIAR' }, 3]);
    expect(f.reason).toContain('[row-light-microscopy]');
    expect(d.study.overrides).toEqual([{ target, destination: 'EMPIAR', matched: ['lm'], note: 'Applied to the fileset lm/cells_##.tif.' }]);
    expect(byId(d, 'png').overridden).toBeNull();
  });

  it('by the absolute path of one file: split into <id>~u1 with its size as bytes', () => {
    const l = lm();
    const d = decideStudy([l], { overrides: [{ target: `${ROOT}/${l.files[1]}`, destination: 'EMPIAR' }] });
    expect(d.filesets.map(row)).toEqual([
      ['lm', 'cells_##.tif', 2, 1000 + 1002, 'lm-confocal', 'BIA', 'row-light-microscopy'],
      ['lm~u1', 'cells_02.tif', 1, 1001, 'lm-confocal', 'EMPIAR', 'user-override'],
    ]);
    expect(byId(d, 'lm~u1').files).toEqual([l.files[1]]);
    expect(d.study.overrides[0]).toMatchObject({ matched: ['lm~u1'], note: `Applied to the file ${l.files[1]}, now a fileset of its own.` });
  });

  it('by the relative path of a file of a one-file fileset: no split', () => {
    const p = png();
    const d = decideStudy([p], { overrides: [{ target: p.files[0]!, modality: 'lm-widefield' }] });
    expect(d.filesets.map(row)).toEqual([['png', 'pic_01.png', 1, 1000, 'lm-widefield', 'BIA', 'row-light-microscopy']]);
  });

  it('two files overridden one by one: <id>~u1 and <id>~u2, and a later override on the same file wins', () => {
    const l = lm();
    const d = decideStudy([l], {
      overrides: [
        { target: l.files[0]!, destination: 'EMPIAR' },
        { target: l.files[2]!, destination: 'EMDB' },
        { target: l.files[0]!, destination: 'REVIEW' },
      ],
    });
    // Each split puts the rest where the fileset was and the new part right after it.
    expect(d.filesets.map((f) => [f.id, f.files, f.destination])).toEqual([
      ['lm', [l.files[1]], 'BIA'],
      ['lm~u2', [l.files[2]], 'EMDB'],
      ['lm~u1', [l.files[0]], 'REVIEW'],
    ]);
    expect(d.study.overrides.map((o) => o.matched)).toEqual([['lm~u1'], ['lm~u2'], ['lm~u1']]);
  });

  it('by folder: every fileset in or below it', () => {
    const a = series('a', 'run/a', 'x', '.tif', 2, 'tiff', confocalFacts);
    const b = series('b', 'run/b', 'y', '.tif', 2, 'tiff', confocalFacts);
    const c = series('c', 'runs', 'z', '.tif', 2, 'tiff', confocalFacts);
    const d = decideStudy([a, b, c], { overrides: [{ target: 'run', destination: 'REVIEW' }] });
    expect(d.filesets.map((f) => [f.id, f.destination])).toEqual([
      ['a', 'REVIEW'],
      ['b', 'REVIEW'],
      ['c', 'BIA'],
    ]);
    expect(d.study.overrides[0]).toMatchObject({ matched: ['a', 'b'], note: 'Applied to 2 filesets.' });
  });

  it('an override that matches nothing is reported with matched []', () => {
    const d = decideStudy([lm()], { overrides: [{ target: '/elsewhere/file.tif', destination: 'BIA' }, { target: 'nope', modality: 'afm' }] });
    expect(d.study.overrides.map((o) => [o.target, o.matched])).toEqual([
      ['/elsewhere/file.tif', []],
      ['nope', []],
    ]);
    expect(d.study.overrides[0]!.note).toMatch(/matched no fileset/);
    expect(byId(d, 'lm').overridden).toBeNull();
  });

  it('an override on patient-identifiable data is not applied: the note says so, destination stays NONE', () => {
    const d = decideStudy([dicom()], { overrides: [{ target: 'ct', destination: 'BIA', modality: 'lm-other' }] });
    const f = byId(d, 'ct');
    expect([f.modality, f.destination, f.clauseId, f.overridden]).toEqual(['medical-imaging', 'NONE', 'patient-identifiable', null]);
    expect(d.study.overrides).toEqual([{ target: 'ct', destination: 'BIA', modality: 'lm-other', matched: [], note: 'Not applied: the data it names are patient-identifiable and cannot be deposited at EBI.' }]);
  });

  it('a folder override over patient and other data applies to the others only', () => {
    const other = series('other', 'clinical/notes', 'scan', '.tif', 1, 'tiff', confocalFacts);
    const d = decideStudy([dicom(), other], { overrides: [{ target: 'clinical', destination: 'EMPIAR' }] });
    expect(d.filesets.map((f) => [f.id, f.destination])).toEqual([
      ['ct', 'NONE'],
      ['other', 'EMPIAR'],
    ]);
    expect(d.study.overrides[0]).toMatchObject({ matched: ['other'], note: 'Applied to the fileset clinical/notes/scan_01.tif. Not applied to 1 patient-identifiable fileset.' });
  });

  it('a modality override sets confidence 1, routes by the new modality and keeps the inferred one as evidence', () => {
    const d = decideStudy([png()], { overrides: [{ target: 'png', modality: 'lm-confocal' }] });
    const f = byId(d, 'png');
    expect([f.modality, f.confidence, f.destination, f.clauseId, f.overridden]).toEqual(['lm-confocal', 1, 'BIA', 'row-light-microscopy', { modality: 'lm-confocal' }]);
    expect(f.reason).toMatch(/^You set the modality to Light microscopy: confocal\./);
    expect(f.evidence.find((e) => e.source === 'user')).toMatchObject({ supports: 'lm-confocal', weight: 1 });
    expect(f.evidence.find((e) => e.source === 'user')!.detail).toContain('inferred: Other biological imaging');
  });

  it('modality and destination set together', () => {
    const f = byId(decideStudy([png()], { overrides: [{ target: 'png', modality: 'density-map', destination: 'EMPIAR' }] }), 'png');
    expect([f.modality, f.destination, f.clauseId, f.overridden]).toEqual(['density-map', 'EMPIAR', 'user-override', { modality: 'density-map', destination: 'EMPIAR' }]);
  });

  it('a tomogram file set to EMDB is the user’s representative, split off and chosen by the user', () => {
    const t = tomo(7);
    const d = decideStudy([t], { overrides: [{ target: t.files[6]!, destination: 'EMDB' }] });
    expect(d.filesets.map(row)).toEqual([
      ['tomo', 'cell_##.mrc', 6, 6015, 'cryoet-tomograms', 'EMPIAR', 'note-2-tomograms-rest'],
      ['tomo~u1', 'cell_07.mrc', 1, 1006, 'cryoet-tomograms', 'EMDB', 'note-2-tomograms-representative'],
    ]);
    expect(d.study.tomograms.representatives).toEqual([{ filesetId: 'tomo~u1', file: t.files[6], chosenBy: 'user' }]);
    expect(byId(d, 'tomo~u1').overridden).toEqual({ destination: 'EMDB' });
  });

  it('OMICS with an archive is carried to the fileset', () => {
    const f = byId(decideStudy([png()], { overrides: [{ target: 'png', destination: 'OMICS', omicsArchive: 'PRIDE' }] }), 'png');
    expect([f.destination, f.omicsArchive, f.clauseId]).toEqual(['OMICS', 'PRIDE', 'user-override']);
  });

  it('a file override on patient-identifiable data leaves the fileset whole', () => {
    const c = dicom();
    const d = decideStudy([c], { overrides: [{ target: c.files[0]!, destination: 'BIA' }] });
    expect(d.filesets.map((f) => [f.id, f.fileCount, f.destination])).toEqual([['ct', 2, 'NONE']]);
  });
  
});

describe('describeStudy', () => {
  it('says what the policy found about the study, one sentence each', () => {
    const t = tomo(7);
    const d = decideStudy([t, lm(), dicom()], { overrides: [{ target: 'nope', destination: 'BIA' }] });
    const lines = describeStudy(d.study);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^Correlative study with a 3D EM\/X-ray component/);
    expect(lines[1]).toMatch(/^No registration, transform or landmark file was found/);
    expect(lines[2]).toBe(`7 tomograms, more than 5: 3 representatives go to EMDB (${[t.files[1], t.files[3], t.files[5]].join(', ')}), the rest to EMPIAR (policy note 2).`);
    expect(lines[3]).toMatch(/^Patient-associated medical imaging was found/);
    expect(lines[4]).toBe('Your override nope → BIA: It matched no fileset, file or folder of the scanned folders, so nothing was changed.');
  });

  it('a small number of tomograms, and a 2D correlative study', () => {
    expect(describeStudy(decideStudy([tomo(1)]).study)).toEqual(['1 tomogram, at most 5 (a "small number"): all go to EMDB (policy note 2).']);
    expect(describeStudy(decideStudy([lm(), em()]).study)).toEqual([
      'Correlative study whose EM part is 2D: light and electron microscopy both go to the BioImage Archive.',
      'No registration, transform or landmark file was found: if you have the correlation information, add it; it goes to the BioImage Archive (policy note 3.3).',
    ]);
  });

  it('nothing to say about a plain study', () => {
    expect(describeStudy(decideStudy([lm()]).study)).toEqual([]);
  });
});

describe('decideStudy: property over overrides and thresholds', () => {
  const study: ScannedFileset[] = [
    tomo(8),
    series('tomo2', 'tomo2', 'cell', '.mrc', 3, 'mrc', tomogramFacts),
    lm(),
    em(),
    dicom(),
    png(),
    series('ts', 'ts', 'TS_01', '.mrc', 1, 'mrc', { arrangement: h('tilt-series' as const) }),
  ];
  const all = study.flatMap((f) => f.files.map((file, i) => ({ key: `${f.root}\0${file}`, size: f.sizes[i]! })));
  const totalBytes = all.reduce((n, x) => n + x.size, 0);
  const sizeOf = new Map(all.map((x) => [x.key, x.size]));

  const targets = [
    'tomo',
    'tomo/cell_##.mrc',
    'tomo/cell_02.mrc',
    `${ROOT}/tomo/cell_05.mrc`,
    'tomo2/cell_01.mrc',
    'tomo2',
    'lm',
    'lm/cells_02.tif',
    `${ROOT}/em`,
    'em/sec_01.tif',
    'ct',
    'clinical/ct_01.dcm',
    `${ROOT}/clinical`,
    'misc/pic_01.png',
    ROOT,
    'nowhere/at/all',
  ];
  const override: fc.Arbitrary<Override> = fc
    .record({
      target: fc.constantFrom(...targets),
      modality: fc.option(fc.constantFrom('cryoet-tomograms', 'lm-confocal', 'em-2d', 'density-map', 'unknown') as fc.Arbitrary<Override['modality'] & string>, { nil: undefined }),
      destination: fc.option(fc.constantFrom('EMPIAR', 'BIA', 'EMDB', 'NONE', 'REVIEW') as fc.Arbitrary<Override['destination'] & string>, { nil: undefined }),
    })
    .map((o): Override => ({ target: o.target, ...(o.modality ? { modality: o.modality } : {}), ...(o.destination || !o.modality ? { destination: o.destination ?? 'BIA' } : {}) }));

  it('property: every file in exactly one output fileset, counts and bytes add up, patient data always NONE', () => {
    fc.assert(
      fc.property(fc.array(override, { maxLength: 8 }), fc.nat({ max: 12 }), fc.integer({ min: 1, max: 12 }), (overrides, tomogramsFew, representatives) => {
        const d = decideStudy(study, { overrides, options: { tomogramsFew, representatives } });
        const seen = new Map<string, string>();
        for (const f of d.filesets) {
          expect(f.fileCount).toBe(f.files.length);
          expect(f.bytes).toBe(f.files.reduce((n, file) => n + (sizeOf.get(`${f.root}\0${file}`) ?? Number.NaN), 0));
          for (const file of f.files) {
            const key = `${f.root}\0${file}`;
            expect(seen.get(key), `${file} in ${f.id} and ${seen.get(key)}`).toBeUndefined();
            seen.set(key, f.id);
          }
          if (f.facts.patient?.value.identifiable) expect([f.id, f.destination, f.clauseId]).toEqual([f.id, 'NONE', 'patient-identifiable']);
        }
        expect(seen.size).toBe(all.length);
        expect(d.filesets.reduce((n, f) => n + f.fileCount, 0)).toBe(all.length);
        expect(d.filesets.reduce((n, f) => n + f.bytes, 0)).toBe(totalBytes);
        expect(new Set(d.filesets.map((f) => f.id)).size).toBe(d.filesets.length);
        expect(d.study.overrides).toHaveLength(overrides.length);
        for (const r of d.study.tomograms.representatives) expect(byId(d, r.filesetId).files).toContain(r.file);
      }),
      { numRuns: 200 },
    );
  });
});
