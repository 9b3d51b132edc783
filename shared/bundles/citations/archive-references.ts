import type { OmicsArchive } from '../../model/destination';

/** One author of a reference: family name and initials, as the journal prints them. */
export interface ReferenceAuthor {
  readonly family: string;
  /** Initials without stops (`PK`), as in the Vancouver style the archives' own pages use. */
  readonly initials: string;
}

/**
 * A journal article as data: everything a reference list, BibTeX or RIS needs. `collective` names a group
 * author (the wwPDB Consortium); `etAl` says the source listed only the first authors, so renderers add
 * "et al." rather than inventing the rest.
 */
export interface JournalReference {
  /** Stable key, used as the BibTeX key's stem. */
  readonly key: string;
  readonly authors: readonly ReferenceAuthor[];
  readonly collective?: string;
  readonly etAl: boolean;
  readonly title: string;
  readonly journal: string;
  readonly journalAbbreviation: string;
  readonly year: number;
  readonly volume: string;
  readonly issue?: string;
  readonly firstPage: string;
  readonly lastPage?: string;
  readonly doi: string;
  /** Where the repository records this reference. */
  readonly source: string;
}

/** Archives whose use a study's data-availability text and references speak of. */
export type CitedArchive = 'EMPIAR' | 'BIA' | 'EMDB' | OmicsArchive;

function authors(list: string): ReferenceAuthor[] {
  return list.split(', ').map((a) => {
    const i = a.lastIndexOf(' ');
    return { family: a.slice(0, i), initials: a.slice(i + 1) };
  });
}

/** EMPIAR's citation, the one the "About EMPIAR" page asks for (docs/empiar.md §8). */
export const EMPIAR_2023: JournalReference = {
  key: 'iudin2023empiar',
  authors: authors('Iudin A, Korir PK, Somasundharam S, Weyand S, Cattavitello C, Fonseca N, Salih O, Kleywegt GJ, Patwardhan A'),
  etAl: false,
  title: 'EMPIAR: the Electron Microscopy Public Image Archive',
  journal: 'Nucleic Acids Research',
  journalAbbreviation: 'Nucleic Acids Res',
  year: 2023,
  volume: '51',
  issue: 'D1',
  firstPage: 'D1503',
  lastPage: 'D1511',
  doi: '10.1093/nar/gkac1062',
  source: 'docs/empiar.md §8',
};

/** The BioImage Archive's citation (docs/bia.md §4). */
export const BIA_2022: JournalReference = {
  key: 'hartley2022bioimage',
  authors: authors('Hartley M, Kleywegt GJ, Patwardhan A, Sarkans U, Swedlow JR, Brazma A'),
  etAl: false,
  title: 'The BioImage Archive – Building a Home for Life-Sciences Microscopy Data',
  journal: 'Journal of Molecular Biology',
  journalAbbreviation: 'J Mol Biol',
  year: 2022,
  volume: '434',
  issue: '11',
  firstPage: '167505',
  doi: '10.1016/j.jmb.2022.167505',
  source: 'docs/bia.md §4',
};

/** BioStudies, the database the BIA's submissions live in (docs/bia.md §4; the source lists three authors and "et al."). */
export const BIOSTUDIES_2018: JournalReference = {
  key: 'sarkans2018biostudies',
  authors: authors('Sarkans U, Gostev M, Athar A'),
  etAl: true,
  title: 'The BioStudies database — one stop shop for all data supporting a life sciences study',
  journal: 'Nucleic Acids Research',
  journalAbbreviation: 'Nucleic Acids Res',
  year: 2018,
  volume: '46',
  issue: 'D1',
  firstPage: 'D1266',
  lastPage: 'D1270',
  doi: '10.1093/nar/gkx965',
  source: 'docs/bia.md §4',
};

/** EMDB's current database paper, by the wwPDB Consortium (docs/deposit.md §4.1). */
export const EMDB_2024: JournalReference = {
  key: 'wwpdb2024emdb',
  authors: [],
  collective: 'wwPDB Consortium',
  etAl: false,
  title: 'EMDB—the Electron Microscopy Data Bank',
  journal: 'Nucleic Acids Research',
  journalAbbreviation: 'Nucleic Acids Res',
  year: 2024,
  volume: '52',
  issue: 'D1',
  firstPage: 'D456',
  lastPage: 'D465',
  doi: '10.1093/nar/gkad1019',
  source: 'docs/deposit.md §4.1',
};

/** The paper the "About EMDB" page asks papers to cite (docs/deposit.md §4.1; the page lists the first authors and "et al."). */
export const EMDB_2016: JournalReference = {
  key: 'lawson2016emdatabank',
  authors: authors('Lawson CL, Patwardhan A'),
  etAl: true,
  title: 'EMDataBank unified data resource for 3DEM',
  journal: 'Nucleic Acids Research',
  journalAbbreviation: 'Nucleic Acids Res',
  year: 2016,
  volume: '44',
  firstPage: 'D396',
  lastPage: 'D403',
  doi: '10.1093/nar/gkv1126',
  source: 'docs/deposit.md §4.1',
};

/**
 * The references a paper cites for each archive it deposits in. The omics archives have none here: no
 * source in the repository records their papers, and none is invented (docs/deposit.md §4.1).
 */
export const ARCHIVE_REFERENCES: Readonly<Record<CitedArchive, readonly JournalReference[]>> = {
  EMPIAR: [EMPIAR_2023],
  BIA: [BIA_2022, BIOSTUDIES_2018],
  EMDB: [EMDB_2024, EMDB_2016],
  ENA: [],
  ArrayExpress: [],
  PRIDE: [],
  MetaboLights: [],
};

/** A reference in the Vancouver style the archives' pages use: `Iudin A, … Nucleic Acids Res. 2023;51(D1):D1503–D1511. doi:…`. */
export function formatReference(ref: JournalReference): string {
  const names = ref.collective ? [ref.collective] : ref.authors.map((a) => `${a.family} ${a.initials}`);
  const who = `${names.join(', ')}${ref.etAl ? ', et al' : ''}.`;
  const issue = ref.issue ? `(${ref.issue})` : '';
  const pages = ref.lastPage ? `${ref.firstPage}–${ref.lastPage}` : ref.firstPage;
  const title = /[.?!]$/.test(ref.title) ? ref.title : `${ref.title}.`;
  return `${who} ${title} ${ref.journalAbbreviation}. ${ref.year};${ref.volume}${issue}:${pages}. doi:${ref.doi}`;
}

/** A short in-text citation: `Iudin et al., 2023`, `wwPDB Consortium, 2024`. */
export function inTextCitation(ref: JournalReference): string {
  if (ref.collective) return `${ref.collective}, ${ref.year}`;
  const first = ref.authors[0]?.family ?? '';
  const more = ref.authors.length > 2 || ref.etAl;
  const who = more ? `${first} et al.` : ref.authors.length === 2 ? `${first} and ${ref.authors[1]!.family}` : first;
  return `${who}, ${ref.year}`;
}
