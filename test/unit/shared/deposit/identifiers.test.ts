import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCESSION_EXAMPLES,
  ACCESSION_KINDS,
  ACCESSION_PATTERNS,
  accessionDoi,
  accessionProblem,
  DOI_PATTERN,
  normaliseOrcid,
  orcidCheckCharacter,
  orcidProblem,
} from '../../../../shared/deposit/identifiers';

/**
 * Identifiers against their issuers' published forms: ORCID's check-digit algorithm (ISO 7064 MOD 11-2,
 * ORCID support "Structure of the ORCID Identifier") and its documented iDs 0000-0002-1825-0097 and
 * 0000-0002-1694-233X; EMPIAR, BIA and EMDB accessions and DOIs (docs/empiar.md §1.1, §8; docs/bia.md §4, §6).
 */

describe('ORCID iDs', () => {
  it('takes ORCID’s documented example iDs, the X one included', () => {
    expect(orcidProblem('0000-0002-1825-0097')).toBeNull();
    expect(orcidProblem('0000-0002-1694-233X')).toBeNull();
    expect(orcidCheckCharacter('000000021825009')).toBe('7');
    expect(orcidCheckCharacter('000000021694233')).toBe('X');
  });

  it('takes the iD as its orcid.org address and with a lower-case x', () => {
    expect(normaliseOrcid('https://orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normaliseOrcid('0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
    expect(orcidProblem('https://orcid.org/0000-0002-1694-233x')).toBeNull();
  });

  it.each(['0000-0002-1825-0096', '0000-0002-1825-0197', '1000-0002-1825-0097', '0000-0002-1694-2330'])('a one-character change of an example (%s) is refused as mistyped', (id) => {
    expect(orcidProblem(id)).toMatch(/wrong check digit/);
  });

  it.each(['0000000218250097', '0000-0002-1825-009', '0000-0002-1825-00977', 'X000-0002-1825-0097', ''])('"%s" is not an ORCID iD at all', (id) => {
    expect(orcidProblem(id)).toMatch(/is not an ORCID iD/);
  });

  it('for any 15 digits, the computed check character makes a valid iD and every other one does not', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { minLength: 15, maxLength: 15 }).map((d) => d.join(''));
    fc.assert(
      fc.property(digits, (first15) => {
        const check = orcidCheckCharacter(first15);
        const id = (last: string) => `${first15.slice(0, 4)}-${first15.slice(4, 8)}-${first15.slice(8, 12)}-${first15.slice(12)}${last}`;
        expect(orcidProblem(id(check))).toBeNull();
        for (const other of '0123456789X') if (other !== check) expect(orcidProblem(id(other))).not.toBeNull();
      }),
    );
  });

  it('is ISO 7064 MOD 11-2: the check character makes the weighted sum of all 16 ≡ 1 (mod 11)', () => {
    // ISO 7064 MOD 11-2 as the standard states it, independently of the iterative form the code uses:
    // Σ a_i · 2^(i) over positions counted from the right (check char at position 1, X = 10) ≡ 1 (mod 11).
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }), (d) => {
        const c = orcidCheckCharacter(d.join(''));
        const all = [...d, c === 'X' ? 10 : Number(c)];
        const sum = all.reduce((s, a, k) => s + a * 2 ** (all.length - k - 1), 0);
        expect(sum % 11).toBe(1);
      }),
    );
  });
});

describe('accessions', () => {
  it.each([
    ['EMPIAR', 'EMPIAR-10009'],
    ['EMPIAR', 'EMPIAR-13192'],
    ['BIA', 'S-BIAD1'],
    ['BIA', 'S-BIAD1492'],
    ['BIA', 'S-BSST429'],
    ['BIA', 'S-BSST729'],
    ['EMDB', 'EMD-1234'],
    ['EMDB', 'EMD-12345'],
    ['ENA', 'PRJEB12345'],
    ['ENA', 'ERR003990'],
    ['ArrayExpress', 'E-MTAB-12345'],
    ['PRIDE', 'PXD012345'],
    ['MetaboLights', 'MTBLS1234'],
    ['EGA', 'EGAS00001000123'],
    ['BioSamples', 'SAMEA728920'],
  ] as const)('%s takes %s', (kind, acc) => {
    expect(accessionProblem(kind, acc)).toBeNull();
  });

  it.each([
    ['EMPIAR', 'EMPIAR-'],
    ['EMPIAR', 'EMPIAR10009'],
    ['BIA', 'S-BIAD-12345'], // the FAQ's example has a hyphen real accessions do not (docs/bia.md §4)
    ['BIA', 'S-BIAD'],
    ['EMDB', 'EMD-123'], // at least four digits (docs/empiar.md §3, quirk 7)
    ['EMDB', 'EMDB-1234'],
    ['PRIDE', 'PXD12345'],
    ['EGA', 'EGAS0001'],
  ] as const)('%s refuses %s, naming the form', (kind, acc) => {
    expect(accessionProblem(kind, acc)).toContain(ACCESSION_EXAMPLES[kind]);
  });

  it('every example fits its own pattern', () => {
    for (const kind of ACCESSION_KINDS) expect(ACCESSION_PATTERNS[kind].test(ACCESSION_EXAMPLES[kind])).toBe(true);
  });

  it('EMPIAR and BIA accessions make 10.6019 DOIs; other archives are cited by accession', () => {
    expect(accessionDoi('EMPIAR', 'EMPIAR-10511')).toBe('10.6019/EMPIAR-10511');
    expect(accessionDoi('BIA', 'S-BIAD2235')).toBe('10.6019/S-BIAD2235');
    expect(accessionDoi('EMDB', 'EMD-12345')).toBeNull();
    expect(accessionDoi('EMPIAR', 'EMPIAR-1')).toBeNull();
  });
});

describe('DOIs (docs/empiar.md §1.5)', () => {
  /** EMPIAR's own citation DOI pattern, as its schema writes it (`A-z` and the unescaped dot included). */
  const EMPIAR_SCHEMA_DOI = /^10.[0-9]{4,9}\/[-._;()/:A-z0-9]+$/u;

  it.each(['10.1093/nar/gkac1062', '10.1016/j.jmb.2022.167505', '10.1038/nmeth.3806', '10.6019/EMPIAR-10511'])('%s is a DOI', (doi) => {
    expect(DOI_PATTERN.test(doi)).toBe(true);
  });

  it.each(['https://doi.org/10.1093/nar/gkac1062', '10.109/x', '10.1093/', '10.1093/nar gkac1062', 'doi:10.1093/nar/gkac1062'])('%s is not', (doi) => {
    expect(DOI_PATTERN.test(doi)).toBe(false);
  });

  it('anything it takes, EMPIAR’s schema takes too', () => {
    const suffix = fc.array(fc.constantFrom(...'-._;()/:abcXYZ019'), { minLength: 1, maxLength: 20 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999999999 }), suffix, (registrant, rest) => {
        const doi = `10.${registrant}/${rest}`;
        if (DOI_PATTERN.test(doi)) expect(EMPIAR_SCHEMA_DOI.test(doi)).toBe(true);
      }),
    );
  });
});
