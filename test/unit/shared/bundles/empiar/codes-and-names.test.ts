// Tuple strings (docs/empiar.md §3 item 1: exactly "('T9', '')"), the OT text rule of §2.5 ([A-Z0-9 ]+), and
// author names as §1.2 and §4 write them: ('Doe', 'J') for Jane Doe, ('Roe', 'RA') for Richard Alan Roe.
import { describe, expect, it } from 'vitest';
import { otherFormatText, tupleString } from '../../../../../shared/bundles/empiar/codes';
import { authorNames, initialsOf, nameTuple, personOf } from '../../../../../shared/bundles/empiar/people';
import { empiarDirectory, rootBasename } from '../../../../../shared/bundles/empiar/directories';
import { releaseCodeOf } from '../../../../../shared/bundles/empiar/build-deposition';

describe('EMPIAR tuple strings', () => {
  it('are built with single quotes, a comma and one space, and an empty second string (§3 item 1)', () => {
    expect(tupleString({ code: 'T9' }, 'category')).toBe("('T9', '')");
    expect(tupleString({ code: 'T14' }, 'format')).toBe("('T14', '')");
  });
  it('carry OT text in capitals, letters, digits and spaces only for formats and voxel types (§2.5)', () => {
    expect(tupleString({ code: 'OT', text: '16-bit float' }, 'voxel')).toBe("('OT', '16 BIT FLOAT')");
    expect(otherFormatText('.txrm')).toBe('TXRM');
    expect(otherFormatText('--')).toBeNull();
  });
  it('keep an OT category text as written, minus quotes that would end the tuple (§2.4)', () => {
    expect(tupleString({ code: 'OT', text: "FIB-SEM image stack" }, 'category')).toBe("('OT', 'FIB-SEM image stack')");
    expect(tupleString({ code: 'OT', text: "cell's slices" }, 'category')).toBe("('OT', 'cell s slices')");
  });
});

describe('EMPIAR author names', () => {
  it("write Jane Doe as ('Doe', 'J') and Richard Alan Roe as ('Roe', 'RA') (§4)", () => {
    expect(nameTuple({ givenName: 'Jane', familyName: 'Doe' })).toBe("('Doe', 'J')");
    expect(nameTuple({ givenName: 'Richard Alan', familyName: 'Roe' })).toBe("('Roe', 'RA')");
  });
  it('take one initial per part of a hyphenated given name', () => {
    expect(initialsOf('Jean-Pierre')).toBe('JP');
    expect(initialsOf('ying-wen')).toBe('YW');
  });
  it('number authors from 0 and write ORCID iDs bare (§1.2)', () => {
    const names = authorNames([
      { givenName: 'Jane', familyName: 'Doe', orcid: 'https://orcid.org/0000-0002-1825-0097', affiliations: [], corresponding: true, principalInvestigator: true },
      { givenName: 'Richard Alan', familyName: 'Roe', affiliations: [], corresponding: false, principalInvestigator: false },
    ]);
    expect(names).toEqual([
      { name: "('Doe', 'J')", order_id: 0, author_orcid: '0000-0002-1825-0097' },
      { name: "('Roe', 'RA')", order_id: 1 },
    ]);
  });
  it("give a person the first affiliation's organisation, country and address (§1.3)", () => {
    const person = personOf(
      { givenName: 'Jane', familyName: 'Doe', email: 'jane.doe@example.org', affiliations: ['uni', 'inst'], corresponding: true, principalInvestigator: false },
      [
        { id: 'inst', name: 'Example Institute', country: 'DE' },
        { id: 'uni', name: 'Example University', city: 'Cambridge', postcode: 'CB1 1AA', address: '1 Example Road', country: 'GB' },
      ],
    );
    expect(person).toEqual({ first_name: 'Jane', last_name: 'Doe', organization: 'Example University', email: 'jane.doe@example.org', country: 'GB', street: '1 Example Road', town_or_city: 'Cambridge', post_or_zip: 'CB1 1AA' });
  });
});

describe('EMPIAR directories and release codes', () => {
  it('put a fileset under data/<root folder name>/<folder> (§1.4, §6.2)', () => {
    expect(empiarDirectory('/mnt/em_disk', 'sbf')).toBe('data/em_disk/sbf');
    expect(empiarDirectory('/mnt/em_disk/', '.')).toBe('data/em_disk');
    expect(empiarDirectory('D:\\scans\\grid3', 'Data')).toBe('data/grid3/Data');
    expect(rootBasename('/')).toBe('root');
  });
  it('map release policies to RE, HP and HO (§2.1)', () => {
    expect(releaseCodeOf({ policy: 'immediate' })).toBe('RE');
    expect(releaseCodeOf({ policy: 'on-publication' })).toBe('HP');
    expect(releaseCodeOf({ policy: 'hold', until: '2027-06-01' })).toBe('HO');
    expect(releaseCodeOf(undefined)).toBeUndefined();
  });
});
