// "Never an invalid final file" (issue 9): whatever is missing or wrong in the metadata, the EMPIAR bundle
// writes empiar-deposition.json only when the upstream schema accepts it, and any one of the faults below —
// each a rule of docs/empiar.md §1 (or docs/deposit.md §1) — keeps it a draft with MISSING.md. Also the
// transfer notes of a study whose EMPIAR data lie on two disks (docs/empiar.md §6.2).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { empiarBundler } from '../../../../../shared/bundles/empiar/empiar-bundler';
import { validateEmpiarDeposition } from '../../../../../shared/bundles/empiar/validate';
import type { RenderContext } from '../../../../../shared/bundles/bundler';
import { EXAMPLE_METADATA } from '../../../../../shared/deposit/example-metadata';
import type { StudyMetadata } from '../../../../../shared/deposit/metadata';
import { createFileset, headerFact } from '../../../../helpers/factories';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';

const COMPLETE: StudyMetadata = { ...EXAMPLE_METADATA, accessions: { ...EXAMPLE_METADATA.accessions, emdb: ['EMD-12345'] } };
const first = (m: StudyMetadata, change: Partial<StudyMetadata['authors'][number]>): StudyMetadata => ({ ...m, authors: m.authors.map((a, i) => (i === 0 ? { ...a, ...change } : a)) });
const firstOrg = (m: StudyMetadata, change: Partial<StudyMetadata['organisations'][number]>): StudyMetadata => ({ ...m, organisations: m.organisations.map((o, i) => (i === 0 ? { ...o, ...change } : o)) });

/** Faults EMPIAR refuses, each with the rule it breaks. */
const FAULTS: readonly (readonly [string, (m: StudyMetadata) => StudyMetadata])[] = [
  ['no title (§1.1)', (m) => ({ ...m, title: '' })],
  ['a 9-character title (§1.1: 10–255)', (m) => ({ ...m, title: 'Too short' })],
  ['no release policy (§1.1 release_date required)', (m) => ({ ...m, release: undefined })],
  ['country UK (§1.3, §3 item 2)', (m) => firstOrg(m, { country: 'UK' })],
  ['no country (§1.3)', (m) => firstOrg(m, { country: undefined })],
  ['an e-mail without @ (§1.3 format email)', (m) => first(m, { email: 'josiah.carberry.example.org' })],
  ['an ORCID iD with a wrong check digit (§1.2)', (m) => first(m, { orcid: '0000-0002-1825-0098' })],
  ['no corresponding author (§1.1)', (m) => first(m, { corresponding: false })],
  ['no principal investigator (§1.1)', (m) => first(m, { principalInvestigator: false })],
  ['a digit in a name (§1.2 pattern)', (m) => first(m, { familyName: 'Carberry2' })],
  ['licence CC BY 4.0 (§7: CC0 only)', (m) => ({ ...m, licence: 'CC BY 4.0' })],
  ['no related publication (§1.1 citation required)', (m) => ({ ...m, publication: undefined })],
  ['EMD-123 (§3 item 7)', (m) => ({ ...m, accessions: { ...m.accessions, emdb: ['EMD-123'] } })],
];

let study: GalleryStudy;
beforeAll(async () => {
  study = await scanGalleryLayout('serialem-tilt-series-session');
}, 60_000);
afterAll(() => study.remove());

function contextOf(metadata: StudyMetadata): RenderContext {
  const r = study.report;
  return { target: 'EMPIAR', members: r.filesets.filter((f) => f.destination === 'EMPIAR'), filesets: r.filesets, study: r.study, roots: r.roots, metadata };
}

describe('EMPIAR final file', () => {
  it('is written for complete metadata, and never while any fault is left; when written it is schema-valid', () => {
    fc.assert(
      fc.property(fc.subarray([...FAULTS.keys()]), (faults) => {
        const meta = faults.reduce((m, i) => FAULTS[i]![1](m), COMPLETE);
        const ctx = contextOf(meta);
        const files = empiarBundler.render(ctx);
        const final = files.find((f) => f.path === 'empiar-deposition.json');
        const ready = empiarBundler.checklist(ctx).every((i) => i.done || !i.blocking);
        if (faults.length === 0) {
          expect(final).toBeDefined();
          expect(validateEmpiarDeposition(JSON.parse(final!.content))).toEqual([]);
          expect(ready).toBe(true);
        } else {
          expect(final, faults.map((i) => FAULTS[i]![0]).join('; ')).toBeUndefined();
          expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['empiar-deposition.draft.json', 'MISSING.md']));
          expect(ready).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('EMPIAR transfer notes for two disks', () => {
  it('upload each disk into the same entry: -s until the last, -r ENTRY_ID ENTRY_DIR after the first', () => {
    const movie = { dimensions: headerFact({ x: 16, y: 16, frames: 8 }), pixelSize: { value: { x: 0.1 }, unit: 'nm' as const, provenance: 'header' as const }, header: headerFact({ bitsPerSample: 8 }) };
    const a = createFileset({ id: 'a', root: '/mnt/disk1/session1', directory: 'movies', modality: 'spa-movies', destination: 'EMPIAR', clauseId: 'row-cryo-em', facts: movie });
    const b = createFileset({ id: 'b', root: '/mnt/disk2/session2', directory: 'movies', modality: 'spa-movies', destination: 'EMPIAR', clauseId: 'row-cryo-em', facts: movie });
    const ctx: RenderContext = { target: 'EMPIAR', members: [a, b], filesets: [a, b], study: study.report.study, roots: ['/mnt/disk1/session1', '/mnt/disk2/session2'], metadata: COMPLETE };
    const transfer = empiarBundler.render(ctx).find((f) => f.path === 'TRANSFER.md')!.content;
    expect(transfer).toContain('empiar-depositor -a PATH/TO/ascp -s EMPIAR_TOKEN empiar-deposition.json /mnt/disk1/session1');
    expect(transfer).toContain('empiar-depositor -a PATH/TO/ascp -r ENTRY_ID ENTRY_DIR EMPIAR_TOKEN empiar-deposition.json /mnt/disk2/session2');
    expect(transfer).toContain('`data/session1/movies`');
    expect(transfer).toContain('`data/session2/movies`');
  });
});
