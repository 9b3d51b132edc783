import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats';
import { describe, expect, it } from 'vitest';
import { checkMetadata } from '../../../../shared/deposit/check-metadata';
import { EMPIAR_COUNTRY_CODES, ISO_COUNTRIES, isIsoCountry } from '../../../../shared/deposit/countries';
import { EXAMPLE_METADATA } from '../../../../shared/deposit/example-metadata';
import { EMPTY_METADATA, StudyMetadataSchema, type StudyMetadata } from '../../../../shared/deposit/metadata';
import type { MetadataProblem } from '../../../../shared/deposit/metadata-problem';
import { ARCHIVE_DESTINATIONS } from '../../../../shared/model/destination';
import { BUNDLE_TARGETS } from '../../../../shared/model/bundle';

/**
 * One case per rule of docs/deposit.md §1, each rule's expectation taken from the archive's own rule it
 * restates (docs/empiar.md §1–§3, §7; docs/bia.md §0, §2.2, §4), not from what checkMetadata printed.
 */

const ALL = ARCHIVE_DESTINATIONS;
/** A fixed "today" for the date rules. */
const TODAY = '2026-12-04';

/** The example, changed by `edit` (a deep copy: the example itself is never touched). */
function variant(edit: (m: { -readonly [K in keyof StudyMetadata]: StudyMetadata[K] }) => void): StudyMetadata {
  const copy = structuredClone(EXAMPLE_METADATA) as StudyMetadata;
  edit(copy);
  return copy;
}

function problems(meta: StudyMetadata, targets: readonly (typeof BUNDLE_TARGETS)[number][] = ALL): MetadataProblem[] {
  return checkMetadata(meta, targets, { today: TODAY });
}

/** Problems as `[field, severity, blocks]` rows (docs/design.md, convention 12). */
function rows(meta: StudyMetadata, targets: readonly (typeof BUNDLE_TARGETS)[number][] = ALL): [string, string, string][] {
  return problems(meta, targets).map((p) => [p.field, p.severity, p.blocks.join(',')]);
}

function errorsOf(meta: StudyMetadata): [string, string, string][] {
  return rows(meta).filter((r) => r[1] === 'error');
}

describe('the example document (docs/deposit.md §1.1)', () => {
  it('parses with the schema unchanged and has no errors for any archive', () => {
    expect(StudyMetadataSchema.parse(EXAMPLE_METADATA)).toEqual(EXAMPLE_METADATA);
    expect(errorsOf(EXAMPLE_METADATA)).toEqual([]);
    expect(checkMetadata(EXAMPLE_METADATA, ALL).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('uses ORCID’s public example iD, Homo sapiens 9606, CC0 and release on publication', () => {
    expect(EXAMPLE_METADATA.authors[0]!.orcid).toBe('0000-0002-1825-0097');
    expect(EXAMPLE_METADATA.organisms).toEqual([{ scientificName: 'Homo sapiens', ncbiTaxonId: 9606 }]);
    expect(EXAMPLE_METADATA.licence).toBe('CC0');
    expect(EXAMPLE_METADATA.release).toEqual({ policy: 'on-publication' });
  });
});

describe('the empty document', () => {
  it('lists what each archive needs, and nothing for the NONE bundle', () => {
    expect(errorsOf(EMPTY_METADATA)).toEqual([
      ['title', 'error', 'EMPIAR,BIA'],
      ['description', 'error', 'BIA'],
      ['keywords', 'error', 'BIA'],
      ['authors', 'error', 'EMPIAR,BIA'],
      ['licence', 'error', 'BIA'],
      ['release', 'error', 'EMPIAR,BIA'],
      ['organisms', 'error', 'BIA'],
      ['biosample.biologicalEntity', 'error', 'BIA'],
      ['specimen.preparation', 'error', 'BIA'],
    ]);
    expect(checkMetadata(EMPTY_METADATA, ['NONE'])).toEqual([]);
  });

  it('narrows each problem to the targets asked about', () => {
    expect(errorsOf(EMPTY_METADATA).length).toBeGreaterThan(0);
    // EMDB and the omics archives take nothing of the study description (docs/deposit.md §1).
    expect(checkMetadata(EMPTY_METADATA, ['EMDB', 'OMICS'])).toEqual([]);
    for (const p of checkMetadata(EMPTY_METADATA, ['EMPIAR'])) expect(p.blocks).toEqual(['EMPIAR']);
  });
});

describe('title (EMPIAR 10–255 characters, docs/empiar.md §1.1; BIA at least 25, docs/bia.md §2.2)', () => {
  const titled = (title: string) => variant((m) => (m.title = title));
  it.each([
    ['x'.repeat(9), [['title', 'error', 'EMPIAR'], ['title', 'error', 'BIA']]],
    ['x'.repeat(10), [['title', 'error', 'BIA']]],
    ['x'.repeat(24), [['title', 'error', 'BIA']]],
    ['x'.repeat(25), []],
    ['x'.repeat(255), []],
    ['x'.repeat(256), [['title', 'error', 'EMPIAR']]],
  ].map(([title, expected]) => [(title as string).length, title, expected] as const))('a title of %i characters', (_n, title, expected) => {
    expect(errorsOf(titled(title as string))).toEqual(expected);
  });

  it('counts characters, not UTF-16 units or bytes: 25 × "µ" is long enough for the BIA', () => {
    expect(errorsOf(titled('µ'.repeat(25)))).toEqual([]);
    expect(errorsOf(titled('😀'.repeat(255)))).toEqual([]);
  });
});

describe('description and keywords (BIA, docs/bia.md §2.2)', () => {
  it('blocks only the BIA', () => {
    expect(errorsOf(variant((m) => (m.description = '')))).toEqual([['description', 'error', 'BIA']]);
    expect(errorsOf(variant((m) => (m.keywords = [])))).toEqual([['keywords', 'error', 'BIA']]);
  });
});

describe('authors (docs/empiar.md §1.1–§1.3)', () => {
  it('at least one author, for both archives', () => {
    expect(errorsOf(variant((m) => (m.authors = [])))).toEqual([['authors', 'error', 'EMPIAR,BIA']]);
  });

  it('exactly one corresponding author, for EMPIAR', () => {
    expect(errorsOf(variant((m) => (m.authors = m.authors.map((a) => ({ ...a, corresponding: false })))))).toEqual([['authors', 'error', 'EMPIAR']]);
    const two = variant((m) => (m.authors = m.authors.map((a) => ({ ...a, corresponding: true }))));
    expect(errorsOf(two)).toEqual([['authors[1].corresponding', 'error', 'EMPIAR']]);
    expect(problems(two)[0]!.message).toContain('Josiah Carberry');
  });

  it('the corresponding author needs an e-mail address, for EMPIAR alone', () => {
    const meta = variant((m) => (m.authors = [{ ...m.authors[0]!, email: undefined }, m.authors[1]!]));
    expect(errorsOf(meta)).toEqual([['authors[0].email', 'error', 'EMPIAR']]);
    expect(problems(meta)[0]!.message).toMatch(/e-mail address: EMPIAR sends the deposition correspondence there/);
  });

  it('the corresponding author needs an affiliation whose organisation has a country', () => {
    expect(errorsOf(variant((m) => (m.authors = [{ ...m.authors[0]!, affiliations: [] }, m.authors[1]!])))).toEqual([['authors[0].affiliations', 'error', 'EMPIAR']]);
    const noCountry = variant((m) => (m.organisations = [{ ...m.organisations[0]!, country: undefined }, m.organisations[1]!]));
    expect(errorsOf(noCountry)).toEqual([['organisations[0].country', 'error', 'EMPIAR']]);
    expect(problems(noCountry)[0]!.message).toContain('Example University needs a country');
  });

  it('at least one principal investigator with e-mail, organisation and country', () => {
    expect(errorsOf(variant((m) => (m.authors = m.authors.map((a) => ({ ...a, principalInvestigator: false })))))).toEqual([['authors', 'error', 'EMPIAR']]);
    // The second author's organisation is the DE institute only when it comes first in her affiliations.
    const pi = variant((m) => {
      m.authors = [m.authors[0]!, { ...m.authors[1]!, principalInvestigator: true, email: undefined, affiliations: ['example-institute'] }];
      m.organisations = [m.organisations[0]!, { ...m.organisations[1]!, country: undefined }];
    });
    expect(errorsOf(pi)).toEqual([
      ['authors[1].email', 'error', 'EMPIAR'],
      ['organisations[1].country', 'error', 'EMPIAR'],
    ]);
  });

  it('an EMPIAR person’s address: street up to 255 characters, city and postcode up to 60 (upstream schema)', () => {
    const org = (extra: object) => variant((m) => (m.organisations = [{ ...m.organisations[0]!, ...extra }, m.organisations[1]!]));
    expect(errorsOf(org({ city: 'x'.repeat(60), postcode: 'x'.repeat(60), address: 'x'.repeat(255) }))).toEqual([]);
    expect(errorsOf(org({ city: 'x'.repeat(61), postcode: 'x'.repeat(61), address: 'x'.repeat(256) }))).toEqual([
      ['organisations[0].address', 'error', 'EMPIAR'],
      ['organisations[0].city', 'error', 'EMPIAR'],
      ['organisations[0].postcode', 'error', 'EMPIAR'],
    ]);
  });

  it('the country of an organisation nobody EMPIAR lists in full does not block EMPIAR', () => {
    expect(errorsOf(variant((m) => (m.organisations = [m.organisations[0]!, { ...m.organisations[1]!, country: undefined }])))).toEqual([]);
  });

  it('an affiliation must name an organisation of the document, and organisation ids are unique', () => {
    expect(errorsOf(variant((m) => (m.authors = [m.authors[0]!, { ...m.authors[1]!, affiliations: ['example-university', 'embl'] }])))).toEqual([
      ['authors[1].affiliations[1]', 'error', 'EMPIAR,BIA'],
    ]);
    expect(errorsOf(variant((m) => (m.organisations = [m.organisations[0]!, { ...m.organisations[1]!, id: 'example-university' }])))).toContainEqual([
      'organisations[1].id',
      'error',
      'EMPIAR,BIA',
    ]);
  });
});

describe('names (EMPIAR: at most 60 characters, none of 0-9 ! " £ $ % ^ & * ( ), docs/empiar.md §1.2–§1.3)', () => {
  const named = (familyName: string, givenName = 'Ada') => variant((m) => (m.authors = [m.authors[0]!, { ...m.authors[1]!, familyName, givenName }]));

  it.each(['Example2', 'Ex!ample', 'Ex"ample', 'Ex£ample', 'Ex$ample', 'Ex%ample', 'Ex^ample', 'Ex&ample', 'Ex*ample', 'Ex(ample', 'Ex)ample'])('"%s" is refused by EMPIAR only', (name) => {
    expect(errorsOf(named(name))).toEqual([['authors[1].familyName', 'error', 'EMPIAR']]);
  });

  it('a given name follows the same rule', () => {
    expect(errorsOf(named('Example', 'Ada 2nd'))).toEqual([['authors[1].givenName', 'error', 'EMPIAR']]);
  });

  it('60 characters pass, 61 do not', () => {
    expect(errorsOf(named('x'.repeat(60)))).toEqual([]);
    expect(errorsOf(named('x'.repeat(61)))).toEqual([['authors[1].familyName', 'error', 'EMPIAR']]);
  });

  it('hyphens, spaces and accents are names too', () => {
    expect(errorsOf(named('García-López de la Cruz', 'Zoë'))).toEqual([]);
  });

  it('an apostrophe in a surname is flagged, not refused (docs/empiar.md §3, quirk 8)', () => {
    expect(rows(named("O'Brien"))).toContainEqual(['authors[1].familyName', 'warning', '']);
    expect(errorsOf(named("O'Brien"))).toEqual([]);
  });
});

describe('ORCID iDs (docs/empiar.md §1.2)', () => {
  const withOrcid = (orcid: string) => variant((m) => (m.authors = [{ ...m.authors[0]!, orcid }, m.authors[1]!]));
  it('takes ORCID’s example iD bare or as its address, and refuses a one-digit change for both archives', () => {
    expect(errorsOf(withOrcid('https://orcid.org/0000-0002-1825-0097'))).toEqual([]);
    expect(errorsOf(withOrcid('0000-0002-1825-0098'))).toEqual([['authors[0].orcid', 'error', 'EMPIAR,BIA']]);
    expect(errorsOf(withOrcid('0000-0002-1825'))).toEqual([['authors[0].orcid', 'error', 'EMPIAR,BIA']]);
  });
});

describe('e-mail addresses (EMPIAR `format: email`, docs/empiar.md §1.3)', () => {
  const withEmail = (i: 0 | 1, email: string) => variant((m) => (m.authors = m.authors.map((a, k) => (k === i ? { ...a, email } : a))));
  it('a malformed address blocks EMPIAR only for the people it lists in full', () => {
    expect(errorsOf(withEmail(0, 'josiah.carberry'))).toEqual([['authors[0].email', 'error', 'EMPIAR,BIA']]);
    expect(errorsOf(withEmail(1, 'ada at example.org'))).toEqual([['authors[1].email', 'error', 'BIA']]);
  });

  it('agrees with the check Ajv makes of EMPIAR’s schema (ajv-formats `full` email)', () => {
    const ajvEmail = fullFormats.email as RegExp;
    const samples = ['a@b.co', 'josiah.carberry@example.org', 'first.last+tag@sub.example.ac.uk', 'a@b', 'a@-b.org', 'a..b@example.org', '.a@example.org', 'a@example.org.', 'a b@example.org', 'é@example.org', "o'brien@example.ie"];
    for (const email of samples) {
      const ok = errorsOf(withEmail(1, email)).length === 0;
      expect([email, ok]).toEqual([email, ajvEmail.test(email)]);
    }
  });
});

describe('countries (ISO 3166-1 alpha-2; EMPIAR’s list of 249, docs/empiar.md §1.3)', () => {
  const withCountry = (country: string) => variant((m) => (m.organisations = [{ ...m.organisations[0]!, country }, m.organisations[1]!]));

  it('"UK" is refused with the advice to use GB', () => {
    const meta = withCountry('UK');
    expect(errorsOf(meta)).toEqual([['organisations[0].country', 'error', 'EMPIAR']]);
    expect(problems(meta)[0]!.message).toMatch(/use GB/);
  });

  it.each([
    ['gb', /capitals: "GB"/],
    ['ZZ', /not an ISO 3166-1 alpha-2 country code/],
    ['GBR', /not an ISO 3166-1 alpha-2 country code/],
    ['AX', /EMPIAR's deposition form does not list AX/],
  ])('%s is refused for an EMPIAR person', (code, message) => {
    const meta = withCountry(code);
    expect(errorsOf(meta)).toEqual([['organisations[0].country', 'error', 'EMPIAR']]);
    expect(problems(meta)[0]!.message).toMatch(message);
  });

  it('for an organisation EMPIAR does not list, a bad code is a warning', () => {
    expect(rows(variant((m) => (m.organisations = [m.organisations[0]!, { ...m.organisations[1]!, country: 'UK' }])))).toContainEqual(['organisations[1].country', 'warning', '']);
  });

  it('holds the 249 ISO codes, and EMPIAR’s list is exactly the one in the upstream schema', () => {
    expect(Object.keys(ISO_COUNTRIES)).toHaveLength(249);
    expect(ISO_COUNTRIES['GB']).toBe('United Kingdom');
    expect(isIsoCountry('UK')).toBe(false);
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../../../shared/bundles/empiar/empiar-deposition.schema.json'), 'utf8')) as {
      properties: { corresponding_author: { properties: { country: { enum: string[] } } } };
    };
    const upstream = schema.properties.corresponding_author.properties.country.enum;
    expect([...EMPIAR_COUNTRY_CODES].sort()).toEqual([...upstream].sort());
    expect(upstream).toHaveLength(249);
  });

  it('every ISO code but AX and BQ is accepted for an EMPIAR person', () => {
    for (const code of Object.keys(ISO_COUNTRIES)) {
      const bad = errorsOf(withCountry(code)).length > 0;
      expect([code, bad]).toEqual([code, code === 'AX' || code === 'BQ']);
    }
  });
});

describe('licence (EMPIAR CC0 only, docs/empiar.md §7; BIA CC0 or CC BY 4.0 required, docs/bia.md §0)', () => {
  it('no licence blocks the BIA', () => {
    expect(errorsOf(variant((m) => (m.licence = undefined)))).toEqual([['licence', 'error', 'BIA']]);
  });
  it('CC BY 4.0 blocks EMPIAR, and the BIA only warns', () => {
    const meta = variant((m) => (m.licence = 'CC BY 4.0'));
    expect(errorsOf(meta)).toEqual([['licence', 'error', 'EMPIAR']]);
    expect(rows(meta)).toContainEqual(['licence', 'warning', '']);
    expect(checkMetadata(meta, ['BIA'], { today: TODAY }).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('release (EMPIAR HO = one year after deposition, docs/empiar.md §2.1; BIA up to 2 years, docs/bia.md §0)', () => {
  const hold = (until: string) => variant((m) => (m.release = { policy: 'hold', until }));
  it('a missing release policy blocks both', () => {
    expect(errorsOf(variant((m) => (m.release = undefined)))).toEqual([['release', 'error', 'EMPIAR,BIA']]);
  });
  it.each([
    ['2026-12-04', [['release.until', 'error', 'EMPIAR,BIA']]],
    ['2026-06-30', [['release.until', 'error', 'EMPIAR,BIA']]],
    ['2027-06-30', []],
    ['2027-12-04', []],
    ['2027-12-05', [['release.until', 'error', 'EMPIAR']]],
    ['2028-12-04', [['release.until', 'error', 'EMPIAR']]],
    ['2028-12-05', [['release.until', 'error', 'EMPIAR'], ['release.until', 'error', 'BIA']]],
  ])('held until %s, today being 2026-12-04', (until, expected) => {
    expect(errorsOf(hold(until))).toEqual(expected);
  });
  it('a hold EMPIAR can keep is still a warning: it releases at one year, not on the date', () => {
    expect(rows(hold('2027-06-30'))).toContainEqual(['release.until', 'warning', '']);
  });
  it('without today, no date rule fires', () => {
    expect(checkMetadata(hold('2030-01-01'), ALL).filter((p) => p.severity === 'error')).toEqual([]);
  });
  it('refuses a today that is not an ISO date', () => {
    expect(() => checkMetadata(EXAMPLE_METADATA, ALL, { today: '04/12/2026' })).toThrow(RangeError);
  });
});

describe('publication (EMPIAR citation, docs/empiar.md §1.5)', () => {
  const pub = (extra: Partial<NonNullable<StudyMetadata['publication']>>) => variant((m) => (m.publication = { ...m.publication!, ...extra }));
  it.each(['10.1093/nar/gkac1062', '10.1016/j.jmb.2022.167505', '10.1038/s41592-021-01166-8'])('DOI %s passes', (doi) => {
    expect(errorsOf(pub({ doi }))).toEqual([]);
  });
  it.each(['https://doi.org/10.1093/nar/gkac1062', 'doi:10.1093/nar/gkac1062', '10.12/abc', '10.1093 nar gkac1062'])('DOI %s is refused', (doi) => {
    expect(errorsOf(pub({ doi }))).toEqual([['publication.doi', 'error', 'EMPIAR,BIA']]);
  });
  it('a published paper from a year still to come is wrong', () => {
    expect(errorsOf(pub({ status: 'published', journal: 'J Examples', year: 2027 }))).toEqual([['publication.year', 'error', 'EMPIAR,BIA']]);
    expect(errorsOf(pub({ status: 'published', journal: 'J Examples', year: 2026 }))).toEqual([]);
    expect(errorsOf(pub({ status: 'in-press', journal: 'J Examples', year: 2027 }))).toEqual([]);
  });
  it('a PubMed id is its number (EMPIAR `pubmedid` pattern, upstream schema)', () => {
    expect(errorsOf(pub({ pubmedId: '34021280' }))).toEqual([]);
    expect(errorsOf(pub({ pubmedId: 'PMID 34021280' }))).toEqual([['publication.pubmedId', 'error', 'EMPIAR,BIA']]);
    expect(errorsOf(pub({ pubmedId: '123456789' }))).toEqual([['publication.pubmedId', 'error', 'EMPIAR,BIA']]);
  });
  it('a DOI takes at most 80 characters in EMPIAR’s citation (upstream schema)', () => {
    expect(errorsOf(pub({ doi: `10.1234/${'a'.repeat(72)}` }))).toEqual([]);
    expect(errorsOf(pub({ doi: `10.1234/${'a'.repeat(73)}` }))).toEqual([['publication.doi', 'error', 'EMPIAR']]);
  });
  it('volume and pages take at most 8 characters, the title 255', () => {
    expect(errorsOf(pub({ volume: '123456789' }))).toEqual([['publication.volume', 'error', 'EMPIAR']]);
    expect(errorsOf(pub({ firstPage: 'D1503', lastPage: 'D1511' }))).toEqual([]);
    expect(errorsOf(pub({ title: 'x'.repeat(256) }))).toEqual([['publication.title', 'error', 'EMPIAR']]);
  });
});

describe('biosample and specimen (BIA REMBI sections, docs/bia.md §2.2)', () => {
  it('organism, biological entity and preparation block the BIA only', () => {
    expect(errorsOf(variant((m) => (m.organisms = [])))).toEqual([['organisms', 'error', 'BIA']]);
    expect(errorsOf(variant((m) => (m.biosample = {})))).toEqual([['biosample.biologicalEntity', 'error', 'BIA']]);
    expect(errorsOf(variant((m) => (m.specimen = {})))).toEqual([['specimen.preparation', 'error', 'BIA']]);
  });
});

describe('accessions (docs/empiar.md §8, §3; docs/bia.md §4, §6)', () => {
  const acc = (a: Partial<StudyMetadata['accessions']>) => variant((m) => (m.accessions = { ...m.accessions, ...a }));
  it('accepts accessions in the archives’ forms', () => {
    expect(errorsOf(acc({ empiar: 'EMPIAR-10009', bia: 'S-BSST429', emdb: ['EMD-12345', 'EMD-1234'], omics: [{ archive: 'PRIDE', accession: 'PXD012345' }, { archive: 'EGA', accession: 'EGAS00001000123' }] }))).toEqual([]);
  });
  it.each([
    [{ empiar: 'EMPIAR-1234' }, 'accessions.empiar', 'BIA,EMDB'],
    [{ bia: 'S-BIAD-12345' }, 'accessions.bia', 'EMPIAR,OMICS'],
    [{ emdb: ['EMD-123'] }, 'accessions.emdb[0]', 'EMPIAR,EMDB'],
    [{ omics: [{ archive: 'PRIDE' as const, accession: 'PXD12345' }] }, 'accessions.omics[0].accession', 'BIA,OMICS'],
  ])('%j is refused for the bundles that cross-link it', (a, field, blocks) => {
    expect(errorsOf(acc(a))).toEqual([[field, 'error', blocks]]);
  });
});

describe('every problem', () => {
  it('blocks only targets asked about, warnings none, and says something', () => {
    const metas = [EMPTY_METADATA, variant((m) => (m.licence = 'CC BY 4.0')), variant((m) => (m.release = { policy: 'hold', until: '2031-01-01' }))];
    fc.assert(
      fc.property(fc.constantFrom(...metas), fc.subarray([...BUNDLE_TARGETS]), (meta, targets) => {
        for (const p of checkMetadata(meta, targets, { today: TODAY })) {
          expect(p.message.length).toBeGreaterThan(20);
          if (p.severity === 'warning') expect(p.blocks).toEqual([]);
          else {
            expect(p.blocks.length).toBeGreaterThan(0);
            for (const b of p.blocks) expect(targets).toContain(b);
          }
        }
      }),
    );
  });
});
