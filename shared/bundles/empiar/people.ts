import { normaliseOrcid } from '../../deposit/identifiers';
import type { Author, Organisation, Publication, StudyMetadata } from '../../deposit/metadata';
import type { DepositionGap, EmpiarAuthorName, EmpiarCitation, EmpiarPerson } from './deposition-types';

/** EMPIAR's documented limit on initials in an author tuple, which its pattern does not enforce (docs/empiar.md §1.2). */
const INITIALS_MAX = 20;

/**
 * Initials of given names, one capital per name part ("Richard Alan" → "RA", "Jean-Pierre" → "JP"), as
 * EMPIAR's author tuples write them (`('Chang', 'YW')`, docs/empiar.md §1.2).
 */
export function initialsOf(givenName: string): string {
  return givenName
    .split(/[\s.\-‐]+/u)
    .filter((p) => p !== '')
    .map((p) => [...p][0]!.toLocaleUpperCase('en'))
    .join('');
}

/**
 * An author's EMPIAR name tuple, `('Surname', 'INITIALS')` (docs/empiar.md §1.2). A surname with an
 * apostrophe (O'Brien) is written as it is: the pattern takes it, the tuple is ambiguous, and the metadata
 * check warns about it (docs/empiar.md §3 item 8).
 */
export function nameTuple(author: Pick<Author, 'givenName' | 'familyName'>): string {
  return `('${author.familyName}', '${initialsOf(author.givenName)}')`;
}

/** The author list as EMPIAR takes it: every author in order, `order_id` from 0, the ORCID iD in its bare form. */
export function authorNames(authors: readonly Author[]): EmpiarAuthorName[] {
  return authors.map((a, i) => {
    const orcid = a.orcid ? normaliseOrcid(a.orcid) : null;
    return { name: nameTuple(a), order_id: i, ...(orcid ? { author_orcid: orcid } : {}) };
  });
}

/** Initials EMPIAR would refuse, as gaps (`authors[i].givenName`). */
export function authorNameGaps(authors: readonly Author[]): DepositionGap[] {
  return authors.flatMap((a, i) => {
    const n = [...initialsOf(a.givenName)].length;
    return n > INITIALS_MAX ? [{ field: `authors[${i}].givenName`, blocking: true, message: `"${a.givenName}" gives ${n} initials; EMPIAR takes at most ${INITIALS_MAX}.` }] : [];
  });
}

function organisationOf(author: Author, organisations: readonly Organisation[]): Organisation | undefined {
  const main = author.affiliations[0];
  return main === undefined ? undefined : organisations.find((o) => o.id === main);
}

/**
 * The corresponding author or a principal investigator as an EMPIAR person (docs/empiar.md §1.3), with the
 * organisation, country and address of their first affiliation. Fields the metadata lacks are left out (the
 * metadata check names them); the country is passed as entered so that a wrong one (`UK`) fails visibly.
 */
export function personOf(author: Author, organisations: readonly Organisation[]): EmpiarPerson {
  const org = organisationOf(author, organisations);
  const orcid = author.orcid ? normaliseOrcid(author.orcid) : null;
  return {
    first_name: author.givenName,
    last_name: author.familyName,
    ...(org ? { organization: org.name } : {}),
    ...(author.email ? { email: author.email } : {}),
    ...(org?.country ? { country: org.country } : {}),
    ...(org?.address ? { street: org.address } : {}),
    ...(org?.city ? { town_or_city: org.city } : {}),
    ...(org?.postcode ? { post_or_zip: org.postcode } : {}),
    ...(orcid ? { author_orcid: orcid } : {}),
  };
}

/** The corresponding author (the first so marked) and the principal investigators of the metadata. */
export function peopleOf(meta: StudyMetadata): { readonly corresponding?: EmpiarPerson; readonly investigators: EmpiarPerson[] } {
  const c = meta.authors.find((a) => a.corresponding);
  return {
    ...(c ? { corresponding: personOf(c, meta.organisations) } : {}),
    investigators: meta.authors.filter((a) => a.principalInvestigator).map((a) => personOf(a, meta.organisations)),
  };
}

/**
 * The related publication as EMPIAR's citation (docs/empiar.md §1.5): `published` only once it is, a journal
 * citation unless it is a preprint (inferred: a preprint server is not a journal), the authors as in the
 * author list. Only `published` of the schema's two declarations is sent (docs/empiar.md §3 item 6).
 */
export function citationOf(publication: Publication, authors: readonly EmpiarAuthorName[]): EmpiarCitation {
  const p = publication;
  return {
    authors,
    published: p.status === 'published',
    j_or_nj_citation: p.status !== 'preprint',
    title: p.title,
    ...(p.journal ? { journal: p.journal } : {}),
    ...(p.volume ? { volume: p.volume } : {}),
    ...(p.issue ? { issue: p.issue } : {}),
    ...(p.firstPage ? { first_page: p.firstPage } : {}),
    ...(p.lastPage ? { last_page: p.lastPage } : {}),
    ...(p.year !== undefined ? { year: p.year } : {}),
    ...(p.doi ? { doi: p.doi } : {}),
    ...(p.pubmedId ? { pubmedid: p.pubmedId } : {}),
  };
}
