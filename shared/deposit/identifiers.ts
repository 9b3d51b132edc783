/**
 * Identifiers the archives and journals use: ORCID iDs, archive accessions and the DOIs made from them
 * (docs/empiar.md §1.2, §8; docs/bia.md §4, §6).
 */

/** ORCID iD shape: four blocks of four, the last character a digit or X (docs/empiar.md §1.2). */
const ORCID_SHAPE = /^(\d{4}-){3}\d{3}[\dX]$/;

/**
 * ORCID's check character, ISO 7064 MOD 11-2 over the first 15 digits (ORCID support, "Structure of the
 * ORCID Identifier"): total = (total + digit) × 2 per digit, remainder = total mod 11, result = (12 − remainder)
 * mod 11, written X for 10.
 */
export function orcidCheckCharacter(first15Digits: string): string {
  let total = 0;
  for (const ch of first15Digits) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** An ORCID iD in its bare form (`0000-0002-1825-0097`), from that or its `https://orcid.org/…` address; `null` if not one. */
export function normaliseOrcid(input: string): string | null {
  const bare = input.trim().replace(/^https?:\/\/(www\.)?orcid\.org\//i, '').toUpperCase();
  return ORCID_SHAPE.test(bare) ? bare : null;
}

/** Why an ORCID iD is not valid, in words; `null` when it is. */
export function orcidProblem(input: string): string | null {
  const bare = normaliseOrcid(input);
  if (!bare) return `"${input}" is not an ORCID iD: it has the form 0000-0002-1825-0097 (16 digits in four groups, the last may be X).`;
  const digits = bare.replace(/-/g, '');
  const expected = orcidCheckCharacter(digits.slice(0, 15));
  return digits[15] === expected ? null : `ORCID iD ${bare} has a wrong check digit (${digits[15]}; the first 15 digits give ${expected}): it is mistyped.`;
}

/** Accession kinds the product writes into citations and cross-links. */
export const ACCESSION_KINDS = ['EMPIAR', 'BIA', 'EMDB', 'ENA', 'ArrayExpress', 'PRIDE', 'MetaboLights', 'EGA', 'BioSamples'] as const;

/** An accession kind. */
export type AccessionKind = (typeof ACCESSION_KINDS)[number];

/**
 * Accession patterns: EMPIAR `EMPIAR-` and at least five digits — the schema's `^EMPIAR-\d+$` fixes no
 * width, but accessions are issued as `EMPIAR-#####` (EMPIAR-10009, EMPIAR-13192; docs/empiar.md §8); the
 * BIA `S-BIAD<n>` for new studies and S-BSST/S-JCBD for older ones (docs/bia.md §4); EMDB `EMD-` and at
 * least four digits (docs/empiar.md §3, quirk 7); the omics archives after docs/bia.md §6 (ENA projects,
 * studies, runs; ArrayExpress E-MTAB etc.; PRIDE PXD + 6 digits; MetaboLights MTBLS<n>; EGA studies and
 * datasets; BioSamples SAM…).
 */
export const ACCESSION_PATTERNS: Readonly<Record<AccessionKind, RegExp>> = {
  EMPIAR: /^EMPIAR-\d{5,}$/,
  BIA: /^S-(BIAD|BSST|JCBD)\d+$/,
  EMDB: /^EMD-\d{4,}$/,
  ENA: /^(PRJ(EB|NA|DB)|ERP|SRP|DRP|ERR|SRR|DRR|ERX|SRX|DRX|ERS|SRS|DRS)\d+$/,
  ArrayExpress: /^E-[A-Z]{4}-\d+$/,
  PRIDE: /^PXD\d{6}$/,
  MetaboLights: /^MTBLS\d+$/,
  EGA: /^EGA[SD]\d{11}$/,
  BioSamples: /^SAM(EA|N|D)\d+$/,
};

/** How an accession of each kind looks, for messages. */
export const ACCESSION_EXAMPLES: Readonly<Record<AccessionKind, string>> = {
  EMPIAR: 'EMPIAR-10009',
  BIA: 'S-BIAD1492',
  EMDB: 'EMD-12345',
  ENA: 'PRJEB12345',
  ArrayExpress: 'E-MTAB-12345',
  PRIDE: 'PXD012345',
  MetaboLights: 'MTBLS1234',
  EGA: 'EGAS00001000123',
  BioSamples: 'SAMEA1234567',
};

/** Why an accession does not fit its archive's pattern, in words; `null` when it does. */
export function accessionProblem(kind: AccessionKind, accession: string): string | null {
  return ACCESSION_PATTERNS[kind].test(accession.trim()) ? null : `"${accession}" is not a ${kind} accession: they look like ${ACCESSION_EXAMPLES[kind]}.`;
}

/**
 * The DOI an archive mints for an accession: EMPIAR and the BIA use the EBI prefix 10.6019 followed by the
 * accession (docs/empiar.md §8, docs/bia.md §4). Other archives' DOIs are not derived from the accession
 * here: the accession itself is what a data-availability statement cites for them.
 */
export function accessionDoi(kind: AccessionKind, accession: string): string | null {
  return (kind === 'EMPIAR' || kind === 'BIA') && ACCESSION_PATTERNS[kind].test(accession) ? `10.6019/${accession}` : null;
}

/**
 * A bare DOI (`10.1093/nar/gkac1062`): Crossref's recommended pattern (`/^10.\d{4,9}\/[-._;()/:A-Z0-9]+$/i`,
 * which matches nearly all DOIs issued), with the dot escaped. It accepts a subset of what EMPIAR's citation
 * pattern `^10.[0-9]{4,9}/[-._;()/:A-z0-9]+$` does (docs/empiar.md §1.5), so a DOI it takes passes the schema.
 */
export const DOI_PATTERN = /^10\.[0-9]{4,9}\/[-._;()/:A-Za-z0-9]+$/;
