import { assertNever } from '../assert-never';
import type { ArchiveDestination } from '../model/destination';
import type { BundleTarget } from '../model/bundle';
import { EMPIAR_COUNTRY_CODES, countryName, isIsoCountry } from './countries';
import { DOI_PATTERN, accessionProblem, orcidProblem, type AccessionKind } from './identifiers';
import type { Author, StudyMetadata } from './metadata';
import type { MetadataProblem } from './metadata-problem';

/**
 * What each archive needs of the study metadata, field by field (docs/deposit.md §1). Every rule says the
 * field, what is wrong in a researcher's words, and which archives it concerns: an error blocks those of
 * them that are among the targets; a warning blocks none.
 */

/** Options of `checkMetadata`. */
export interface CheckMetadataOptions {
  /**
   * Today as an ISO date (`2026-12-04`), the day the deposition is prepared: release holds are measured from
   * it (docs/deposit.md §1.6). Without it the checks that depend on the date are skipped; `shared/` reads no
   * clock (docs/design.md, convention 6).
   */
  readonly today?: string;
}

/** A rule's finding before it is narrowed to the targets asked about. */
interface Finding {
  readonly field: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly concerns: readonly ArchiveDestination[];
}

/** EMPIAR's `title`: 10–255 characters (docs/empiar.md §1.1). */
const EMPIAR_TITLE_MIN = 10;
const EMPIAR_TITLE_MAX = 255;
/** The BIA's study `Title`: at least 25 characters (docs/bia.md §2.2). */
const BIA_TITLE_MIN = 25;
/** EMPIAR's person names and author surnames: at most 60 characters (docs/empiar.md §1.2, §1.3). */
const EMPIAR_NAME_MAX = 60;
/** Characters EMPIAR's name patterns refuse, `^[^0-9!"£$%^&*()]+$` (docs/empiar.md §1.2, §1.3). */
const EMPIAR_NAME_FORBIDDEN = /[0-9!"£$%^&*()]/u;
/** EMPIAR's `organization`: at most 255 characters (docs/empiar.md §1.3). */
const EMPIAR_ORGANISATION_MAX = 255;
/**
 * EMPIAR's person address fields, by the upstream schema (shared/bundles/empiar/empiar-deposition.schema.json,
 * `corresponding_author`): `street` at most 255 characters, `town_or_city` and `post_or_zip` at most 60.
 */
const EMPIAR_ADDRESS_MAX = { address: 255, city: 60, postcode: 60 } as const;
/** EMPIAR's citation `doi`: at most 80 characters (the upstream schema, `citation[].doi`). */
const EMPIAR_DOI_MAX = 80;
/**
 * A PubMed id: 1–8 digits, within EMPIAR's `pubmedid` pattern `^[0-9]{1,8}((.[0-9]+)?)$` (the upstream
 * schema, `citation[].pubmedid`) without its optional version suffix.
 */
const PUBMED_ID = /^[0-9]{1,8}$/;
/** EMPIAR's citation `title`: at most 255 characters (docs/empiar.md §1.5). */
const EMPIAR_CITATION_TITLE_MAX = 255;
/** EMPIAR's citation `volume`, `first_page`, `last_page`: at most 8 characters (docs/empiar.md §1.5). */
const EMPIAR_CITATION_SHORT_MAX = 8;
/** EMPIAR's `HO` release: one year after deposition (docs/empiar.md §2.1). */
const EMPIAR_HOLD_YEARS = 1;
/** The BIA's release date: up to 2 years after submission (docs/bia.md §0). */
const BIA_HOLD_YEARS = 2;
/**
 * The check Ajv applies to EMPIAR's `format: email` (docs/empiar.md §1.3): ajv-formats 3.0.1
 * `fullFormats.email` (dist/formats.js), copied so that an address this accepts also passes the schema.
 */
const EMAIL_PATTERN = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
/** An ISO calendar date, `YYYY-MM-DD`. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const BOTH: readonly ArchiveDestination[] = ['EMPIAR', 'BIA'];

/** Characters of a string as JSON Schema's `minLength`/`maxLength` count them (code points). */
function length(text: string): number {
  return [...text].length;
}

/** `YYYY-MM-DD` plus whole years, as a string that still orders correctly against other ISO dates. */
function addYears(isoDate: string, years: number): string {
  const m = ISO_DATE.exec(isoDate)!;
  return `${String(Number(m[1]) + years).padStart(4, '0')}-${m[2]}-${m[3]}`;
}

/** How an author is named in messages: "Jane Doe (authors[0])". */
function who(author: Author, index: number): string {
  return `${author.givenName} ${author.familyName} (authors[${index}])`;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** The study's title, description and keywords (docs/deposit.md §1.2). */
function checkStudy(meta: StudyMetadata, out: Finding[]): void {
  const title = meta.title;
  if (title === '') {
    out.push({ field: 'title', severity: 'error', concerns: BOTH, message: 'The study needs a title: it is the first thing EMPIAR and the BioImage Archive show of the entry.' });
  } else {
    const n = length(title);
    if (n < EMPIAR_TITLE_MIN) out.push({ field: 'title', severity: 'error', concerns: ['EMPIAR'], message: `The title is ${n} characters long; EMPIAR needs at least ${EMPIAR_TITLE_MIN}.` });
    if (n > EMPIAR_TITLE_MAX) out.push({ field: 'title', severity: 'error', concerns: ['EMPIAR'], message: `The title is ${n} characters long; EMPIAR takes at most ${EMPIAR_TITLE_MAX}.` });
    if (n < BIA_TITLE_MIN) out.push({ field: 'title', severity: 'error', concerns: ['BIA'], message: `The title is ${n} characters long; the BioImage Archive needs at least ${BIA_TITLE_MIN}: say what was imaged, how, and why.` });
  }
  if (meta.description === '') out.push({ field: 'description', severity: 'error', concerns: ['BIA'], message: 'The study needs a description: the BioImage Archive shows it on the study page.' });
  if (meta.keywords.length === 0) out.push({ field: 'keywords', severity: 'error', concerns: ['BIA'], message: 'Add at least one keyword: the BioImage Archive requires keywords so that the study can be found.' });
}

/** Authors, the corresponding author, principal investigators and their organisations (docs/deposit.md §1.3–§1.4). */
function checkPeople(meta: StudyMetadata, out: Finding[]): void {
  const { authors, organisations } = meta;
  if (authors.length === 0) {
    out.push({ field: 'authors', severity: 'error', concerns: BOTH, message: 'The study needs at least one author: both archives list the people who made the data.' });
  }

  // Organisation ids: each once, so that an affiliation names one organisation.
  const orgIndex = new Map<string, number>();
  organisations.forEach((org, j) => {
    const first = orgIndex.get(org.id);
    if (first === undefined) orgIndex.set(org.id, j);
    else out.push({ field: `organisations[${j}].id`, severity: 'error', concerns: BOTH, message: `Two organisations have the id "${org.id}" (organisations[${first}] and organisations[${j}]): give each its own id, since authors' affiliations name organisations by id.` });
  });

  // People EMPIAR writes in full (corresponding author and principal investigators): their main organisation's country is required.
  const empiarPeopleOf = new Map<number, string[]>();
  const corresponding = authors.flatMap((a, i) => (a.corresponding ? [i] : []));
  const pis = authors.flatMap((a, i) => (a.principalInvestigator ? [i] : []));

  authors.forEach((author, i) => {
    const base = `authors[${i}]`;
    const empiarPerson = author.corresponding || author.principalInvestigator;
    const role = author.corresponding ? 'the corresponding author' : 'a principal investigator';

    for (const [key, value] of [['givenName', author.givenName], ['familyName', author.familyName]] as const) {
      const bad = EMPIAR_NAME_FORBIDDEN.exec(value);
      if (bad) out.push({ field: `${base}.${key}`, severity: 'error', concerns: ['EMPIAR'], message: `"${value}" contains "${bad[0]}": EMPIAR does not accept digits or any of ! " £ $ % ^ & * ( ) in names.` });
      if (length(value) > EMPIAR_NAME_MAX) out.push({ field: `${base}.${key}`, severity: 'error', concerns: ['EMPIAR'], message: `"${value}" is ${length(value)} characters long; EMPIAR takes names of at most ${EMPIAR_NAME_MAX}.` });
    }
    if (author.familyName.includes("'")) {
      out.push({ field: `${base}.familyName`, severity: 'warning', concerns: ['EMPIAR'], message: `EMPIAR writes author names as ('Surname', 'Initials') and the apostrophe in "${author.familyName}" makes that ambiguous: check the name on the EMPIAR entry after deposition.` });
    }

    if (author.orcid !== undefined && author.orcid !== '') {
      const problem = orcidProblem(author.orcid);
      if (problem) out.push({ field: `${base}.orcid`, severity: 'error', concerns: BOTH, message: problem });
    }

    if (present(author.email)) {
      if (!EMAIL_PATTERN.test(author.email)) out.push({ field: `${base}.email`, severity: 'error', concerns: empiarPerson ? BOTH : ['BIA'], message: `"${author.email}" is not an e-mail address (name@example.org).` });
    } else if (empiarPerson) {
      const why = author.corresponding ? 'EMPIAR sends the deposition correspondence there' : 'EMPIAR records an e-mail address for every principal investigator';
      out.push({ field: `${base}.email`, severity: 'error', concerns: ['EMPIAR'], message: `${who(author, i)} is ${role} and needs an e-mail address: ${why}.` });
    }

    author.affiliations.forEach((id, k) => {
      if (!orgIndex.has(id)) out.push({ field: `${base}.affiliations[${k}]`, severity: 'error', concerns: BOTH, message: `"${id}" is not the id of any organisation in organisations: add that organisation or correct the id.` });
    });
    if (empiarPerson) {
      const main = author.affiliations[0];
      if (main === undefined) {
        out.push({ field: `${base}.affiliations`, severity: 'error', concerns: ['EMPIAR'], message: `${who(author, i)} is ${role} and needs an affiliation: EMPIAR records their organisation and its country.` });
      } else {
        const j = orgIndex.get(main);
        if (j !== undefined) empiarPeopleOf.set(j, [...(empiarPeopleOf.get(j) ?? []), `${author.givenName} ${author.familyName}`]);
      }
    }
  });

  if (authors.length > 0 && corresponding.length === 0) {
    out.push({ field: 'authors', severity: 'error', concerns: ['EMPIAR'], message: 'Mark one author as the corresponding author (corresponding: true): EMPIAR needs one, with e-mail, organisation and country.' });
  }
  for (const i of corresponding.slice(1)) {
    out.push({ field: `authors[${i}].corresponding`, severity: 'error', concerns: ['EMPIAR'], message: `EMPIAR takes exactly one corresponding author, and ${who(authors[corresponding[0]!]!, corresponding[0]!)} already is one: unmark ${who(authors[i]!, i)}.` });
  }
  if (authors.length > 0 && pis.length === 0) {
    out.push({ field: 'authors', severity: 'error', concerns: ['EMPIAR'], message: 'Mark at least one author as principal investigator (principalInvestigator: true): EMPIAR needs one, with e-mail, organisation and country.' });
  }

  organisations.forEach((org, j) => {
    if (orgIndex.get(org.id) !== j) return;
    const people = empiarPeopleOf.get(j);
    const field = `organisations[${j}].country`;
    const whose = people ? `it is the organisation of ${people.join(' and ')}, and EMPIAR requires the country of the corresponding author and of each principal investigator` : '';
    const whoseSentence = whose.charAt(0).toUpperCase() + whose.slice(1);
    if (people && length(org.name) > EMPIAR_ORGANISATION_MAX) {
      out.push({ field: `organisations[${j}].name`, severity: 'error', concerns: ['EMPIAR'], message: `The name of ${org.id} is ${length(org.name)} characters long; EMPIAR takes organisation names of at most ${EMPIAR_ORGANISATION_MAX}.` });
    }
    if (people) {
      for (const key of ['address', 'city', 'postcode'] as const) {
        const value = org[key];
        if (value !== undefined && length(value) > EMPIAR_ADDRESS_MAX[key]) out.push({ field: `organisations[${j}].${key}`, severity: 'error', concerns: ['EMPIAR'], message: `The ${key} of ${org.name} is ${length(value)} characters long; EMPIAR takes at most ${EMPIAR_ADDRESS_MAX[key]}.` });
      }
    }
    const country = org.country ?? '';
    if (country === '') {
      if (people) out.push({ field, severity: 'error', concerns: ['EMPIAR'], message: `${org.name} needs a country, as a two-letter ISO 3166-1 code such as GB or DE: ${whose}.` });
      return;
    }
    const problem = countryProblem(country);
    if (problem) out.push({ field, severity: people ? 'error' : 'warning', concerns: people ? ['EMPIAR'] : BOTH, message: people ? `${problem} ${whoseSentence}.` : problem });
  });
}

/** Why a country code will not do, in words; `null` when EMPIAR and ISO both take it (docs/deposit.md §1.4). */
function countryProblem(code: string): string | null {
  const upper = code.toUpperCase();
  if (upper === 'UK') return `"${code}" is not an ISO 3166-1 country code: use GB for the United Kingdom.`;
  if (code !== upper && (isIsoCountry(upper) || EMPIAR_COUNTRY_CODES.has(upper))) return `Write country codes in capitals: "${upper}", not "${code}".`;
  if (upper === 'FX') return '"FX" (Metropolitan France) is a withdrawn code: use FR.';
  if (!isIsoCountry(upper) && !EMPIAR_COUNTRY_CODES.has(upper)) return `"${code}" is not an ISO 3166-1 alpha-2 country code: use two capital letters such as GB, DE or US.`;
  if (!EMPIAR_COUNTRY_CODES.has(upper)) return `EMPIAR's deposition form does not list ${upper} (${countryName(upper)}): ask EMPIAR which code to use.`;
  return null;
}

/** Licence and release (docs/deposit.md §1.5–§1.6). */
function checkRights(meta: StudyMetadata, today: string | undefined, out: Finding[]): void {
  switch (meta.licence) {
    case undefined:
      out.push({ field: 'licence', severity: 'error', concerns: ['BIA'], message: 'Choose a licence: the BioImage Archive needs one, CC0 (its default, and the only one EMPIAR uses) or CC BY 4.0.' });
      break;
    case 'CC0':
      break;
    case 'CC BY 4.0':
      out.push({ field: 'licence', severity: 'error', concerns: ['EMPIAR'], message: 'EMPIAR releases all its data under CC0, so CC BY 4.0 cannot be chosen for data deposited there: choose CC0.' });
      out.push({ field: 'licence', severity: 'warning', concerns: ['BIA'], message: "The BioImage Archive's policy says new submissions are CC0, although its form also offers CC BY 4.0: CC0 is the safe choice." });
      break;
    default:
      assertNever(meta.licence, 'licence');
  }

  const release = meta.release;
  if (release === undefined) {
    out.push({ field: 'release', severity: 'error', concerns: BOTH, message: 'Say when the data may become public: immediately, when the paper is published, or held until a date. EMPIAR and the BioImage Archive both ask.' });
    return;
  }
  switch (release.policy) {
    case 'immediate':
      return;
    case 'on-publication':
      out.push({ field: 'release.policy', severity: 'warning', concerns: ['BIA'], message: 'The BioImage Archive releases on a date, not on publication: when you submit, give a date up to two years ahead, and bring it forward when the paper is out.' });
      return;
    case 'hold': {
      const until = release.until;
      if (today === undefined) {
        out.push({ field: 'release.until', severity: 'warning', concerns: ['EMPIAR'], message: `EMPIAR does not release on a chosen date: a held entry is released one year after deposition, which may differ from ${until}.` });
        return;
      }
      if (until <= today) {
        out.push({ field: 'release.until', severity: 'error', concerns: BOTH, message: `The hold date ${until} is not after today (${today}): choose immediate release or a later date.` });
        return;
      }
      const empiarLimit = addYears(today, EMPIAR_HOLD_YEARS);
      if (until > empiarLimit) {
        out.push({ field: 'release.until', severity: 'error', concerns: ['EMPIAR'], message: `EMPIAR can hold data for one year after deposition, not until ${until}: choose a date up to ${empiarLimit}, or release when the paper is published.` });
      } else {
        out.push({ field: 'release.until', severity: 'warning', concerns: ['EMPIAR'], message: `EMPIAR does not release on a chosen date: a held entry is released one year after deposition (about ${empiarLimit}), later than ${until}; ask EMPIAR to release it earlier if needed.` });
      }
      const biaLimit = addYears(today, BIA_HOLD_YEARS);
      if (until > biaLimit) {
        out.push({ field: 'release.until', severity: 'error', concerns: ['BIA'], message: `The BioImage Archive holds data for at most two years after submission, so ${until} is too late: choose a date up to ${biaLimit} (it can be changed later).` });
      }
      return;
    }
    default:
      assertNever(release, 'release policy');
  }
}

/** The related publication (docs/deposit.md §1.7). */
function checkPublication(meta: StudyMetadata, today: string | undefined, out: Finding[]): void {
  const pub = meta.publication;
  if (!pub) return;
  if (length(pub.title) > EMPIAR_CITATION_TITLE_MAX) out.push({ field: 'publication.title', severity: 'error', concerns: ['EMPIAR'], message: `The publication title is ${length(pub.title)} characters long; EMPIAR's citation takes at most ${EMPIAR_CITATION_TITLE_MAX}.` });
  for (const key of ['volume', 'firstPage', 'lastPage'] as const) {
    const value = pub[key];
    if (value !== undefined && length(value) > EMPIAR_CITATION_SHORT_MAX) out.push({ field: `publication.${key}`, severity: 'error', concerns: ['EMPIAR'], message: `"${value}" is longer than the ${EMPIAR_CITATION_SHORT_MAX} characters EMPIAR's citation takes for it.` });
  }
  if (present(pub.doi) && !DOI_PATTERN.test(pub.doi)) {
    const hint = /^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i.test(pub.doi) ? ' Write it without the address or "doi:" in front.' : '';
    out.push({ field: 'publication.doi', severity: 'error', concerns: BOTH, message: `"${pub.doi}" is not a DOI: DOIs look like 10.1093/nar/gkac1062.${hint}` });
  } else if (present(pub.doi) && length(pub.doi) > EMPIAR_DOI_MAX) {
    out.push({ field: 'publication.doi', severity: 'error', concerns: ['EMPIAR'], message: `The DOI is ${length(pub.doi)} characters long; EMPIAR's citation takes at most ${EMPIAR_DOI_MAX}.` });
  }
  if (present(pub.pubmedId) && !PUBMED_ID.test(pub.pubmedId)) {
    out.push({ field: 'publication.pubmedId', severity: 'error', concerns: BOTH, message: `"${pub.pubmedId}" is not a PubMed id: it is the number PubMed gives the paper (up to 8 digits, such as 34021280), without "PMID".` });
  }
  if (pub.year !== undefined && today !== undefined) {
    const thisYear = Number(today.slice(0, 4));
    if (pub.status === 'published' && pub.year > thisYear) out.push({ field: 'publication.year', severity: 'error', concerns: BOTH, message: `A paper published in ${pub.year} is after this year (${thisYear}): correct the year or the status.` });
    else if (pub.year > thisYear + 1) out.push({ field: 'publication.year', severity: 'error', concerns: BOTH, message: `${pub.year} is more than a year from now: correct the year.` });
  }
  if ((pub.status === 'published' || pub.status === 'in-press') && !present(pub.journal)) {
    out.push({ field: 'publication.journal', severity: 'warning', concerns: BOTH, message: 'Name the journal: the citation of a published or accepted paper needs it.' });
  }
}

/** Organism, biosample and specimen: the REMBI sections the BIA requires (docs/deposit.md §1.8). */
function checkSample(meta: StudyMetadata, out: Finding[]): void {
  if (meta.organisms.length === 0) out.push({ field: 'organisms', severity: 'error', concerns: ['BIA'], message: 'Name the organism the samples come from, with its NCBI Taxonomy id (Homo sapiens, 9606): the BioImage Archive requires it for the biosample.' });
  if (!present(meta.biosample.biologicalEntity)) out.push({ field: 'biosample.biologicalEntity', severity: 'error', concerns: ['BIA'], message: 'Say what was imaged (the biological entity: cells, a tissue, an organelle…): the BioImage Archive requires it for the biosample.' });
  if (!present(meta.specimen.preparation)) out.push({ field: 'specimen.preparation', severity: 'error', concerns: ['BIA'], message: 'Describe how the specimen was prepared (fixation, staining, mounting…): the BioImage Archive requires the sample preparation protocol.' });
}

/** Accessions already issued, each in its archive's form; a wrong one blocks the bundles that cross-link it (docs/deposit.md §1.9). */
function checkAccessions(meta: StudyMetadata, out: Finding[]): void {
  const { accessions } = meta;
  const check = (field: string, kind: AccessionKind, value: string, concerns: readonly ArchiveDestination[]): void => {
    const problem = accessionProblem(kind, value);
    if (problem) out.push({ field, severity: 'error', concerns, message: problem });
  };
  if (present(accessions.empiar)) check('accessions.empiar', 'EMPIAR', accessions.empiar, ['BIA', 'EMDB']);
  if (present(accessions.bia)) check('accessions.bia', 'BIA', accessions.bia, ['EMPIAR', 'OMICS']);
  accessions.emdb.forEach((acc, k) => check(`accessions.emdb[${k}]`, 'EMDB', acc, ['EMPIAR', 'EMDB']));
  accessions.omics.forEach((o, k) => check(`accessions.omics[${k}].accession`, o.archive, o.accession, ['BIA', 'OMICS']));
}

/**
 * Everything wrong with or missing from `meta` for depositing to `targets`, in document order. An error
 * blocks the targets it concerns (a problem of EMPIAR's alone blocks only EMPIAR); a warning blocks none.
 * Problems that concern none of the targets are left out, so `[]` for `['NONE']`.
 */
export function checkMetadata(meta: StudyMetadata, targets: readonly BundleTarget[], options: CheckMetadataOptions = {}): MetadataProblem[] {
  const { today } = options;
  if (today !== undefined && !ISO_DATE.test(today)) throw new RangeError(`checkMetadata: today must be an ISO date (YYYY-MM-DD), not "${today}".`);
  const findings: Finding[] = [];
  checkStudy(meta, findings);
  checkPeople(meta, findings);
  checkRights(meta, today, findings);
  checkPublication(meta, today, findings);
  checkSample(meta, findings);
  checkAccessions(meta, findings);
  const wanted = new Set<BundleTarget>(targets);
  return findings.flatMap((f) => {
    const concerned = f.concerns.filter((a) => wanted.has(a));
    if (concerned.length === 0) return [];
    return [{ field: f.field, message: f.message, severity: f.severity, blocks: f.severity === 'error' ? concerned : [] }];
  });
}
