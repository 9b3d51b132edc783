import { describe, expect, it } from 'vitest';
import { fieldPath, parseStudyMetadata } from '../../../../shared/deposit/parse-metadata';
import { EXAMPLE_METADATA } from '../../../../shared/deposit/example-metadata';

/** Schema complaints as field paths and plain words (docs/deposit.md §1.1). */

function problemsOf(input: unknown): [string, string][] {
  const parsed = parseStudyMetadata(input);
  return 'problems' in parsed ? parsed.problems.map((p) => [p.field, p.message]) : [];
}

describe('parseStudyMetadata', () => {
  it('names fields the way problems do', () => {
    expect(fieldPath(['authors', 1, 'orcid'])).toBe('authors[1].orcid');
    expect(fieldPath(['accessions', 'emdb', 0])).toBe('accessions.emdb[0]');
    expect(fieldPath([])).toBe('(document)');
  });

  it('takes the example and a document with nothing in it', () => {
    expect(parseStudyMetadata(EXAMPLE_METADATA)).toEqual({ metadata: EXAMPLE_METADATA });
    expect('metadata' in parseStudyMetadata({})).toBe(true);
  });

  it('says what is wrong where, in words, and blocks every archive', () => {
    const parsed = parseStudyMetadata({
      title: 42,
      authors: [{ givenName: 'Ada' }],
      release: { policy: 'soon' },
      organisations: [{ id: 'u', name: 'U', county: 'GB' }],
    });
    expect('problems' in parsed && parsed.problems.every((p) => p.severity === 'error' && p.blocks.join() === 'EMPIAR,BIA,EMDB,OMICS')).toBe(true);
    expect(problemsOf({ title: 42, authors: [{ givenName: 'Ada' }], release: { policy: 'soon' }, organisations: [{ id: 'u', name: 'U', county: 'GB' }] })).toEqual([
      ['title', 'Should be text, not the number 42.'],
      ['authors[0].familyName', 'Required, but missing: give text here.'],
      ['organisations[0].county', 'There is no field "county" here: check its spelling, or remove it.'],
      ['release.policy', 'Should be one of "immediate", "on-publication", "hold", not the text "soon".'],
    ]);
  });

  it('explains dates, empty names and numbers', () => {
    expect(problemsOf({ release: { policy: 'hold', until: '30/06/2027' } })).toEqual([['release.until', 'The text "30/06/2027" is not a date: write it as YYYY-MM-DD, such as 2027-06-30.']]);
    expect(problemsOf({ authors: [{ givenName: ' ', familyName: 'Doe' }] })).toEqual([['authors[0].givenName', 'Must not be empty.']]);
    expect(problemsOf({ organisms: [{ scientificName: 'Homo sapiens', ncbiTaxonId: 0 }] })).toEqual([['organisms[0].ncbiTaxonId', 'Must be more than 0, not the number 0.']]);
    expect(problemsOf([])).toEqual([['(document)', 'Should be a set of fields (a JSON object or a YAML mapping), not a list.']]);
  });
});
