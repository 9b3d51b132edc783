import { accessionDoi, accessionProblem, ACCESSION_EXAMPLES, type AccessionKind } from '../../deposit/identifiers';
import type { StudyMetadata } from '../../deposit/metadata';
import type { MetadataProblem } from '../../deposit/metadata-problem';
import type { StudyFindings } from '../../policy/types';
import { assertNever } from '../../assert-never';
import type { BundleFileset } from '../bundler';
import { ARCHIVE_REFERENCES, inTextCitation, type CitedArchive } from './archive-references';
import { archivesInStudy } from './archives-in-study';

/** What marks a placeholder in citation text, so a reader cannot take it for a real accession. */
export const TO_BE_FILLED = '[to be filled]';

/** A placeholder accession in the archive's own shape, digits as X (`EMPIAR-XXXXX`, `S-BIADXXXX`), from its documented example. */
export function placeholderAccession(kind: AccessionKind): string {
  return `${ACCESSION_EXAMPLES[kind].replace(/\d/g, 'X')} ${TO_BE_FILLED}`;
}

/** One archive's sentence of the statement, and whether it still holds a placeholder. */
export interface AvailabilitySentence {
  readonly archive: CitedArchive | 'EGA' | 'BioSamples';
  readonly text: string;
  /** The accessions the sentence cites (only those that fit the archive's pattern). */
  readonly accessions: readonly string[];
  readonly placeholder: boolean;
}

/** A data-availability statement: its sentences, the whole text, and the accessions that were refused. */
export interface DataAvailability {
  readonly sentences: readonly AvailabilitySentence[];
  readonly text: string;
  /** Entered accessions that do not fit their archive's pattern: not used, said here. */
  readonly problems: readonly MetadataProblem[];
}

/** The valid accessions of one kind among those entered, and a problem per invalid one. */
function checked(kind: AccessionKind, fieldOf: (i: number) => string, entered: readonly string[], problems: MetadataProblem[]): string[] {
  const ok: string[] = [];
  entered.forEach((raw, i) => {
    const acc = raw.trim();
    const problem = accessionProblem(kind, acc);
    if (problem) problems.push({ field: fieldOf(i), message: `${problem} It is left out of the data-availability statement until corrected.`, severity: 'error', blocks: [] });
    else ok.push(acc);
  });
  return ok;
}

/** `A`, `A and B`, `A, B and C`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function withDois(kind: AccessionKind, accessions: readonly string[]): string {
  return joinAnd(accessions.map((a) => {
    const doi = accessionDoi(kind, a);
    return doi ? `${a} (https://doi.org/${doi})` : a;
  }));
}

function cite(archive: CitedArchive): string {
  const ref = ARCHIVE_REFERENCES[archive][0];
  return ref ? `; ${inTextCitation(ref)}` : '';
}

/** The accessions to cite for an archive: the valid ones entered, or the placeholder. */
function accessionsFor(kind: AccessionKind, valid: readonly string[]): { readonly list: string; readonly placeholder: boolean } {
  return valid.length > 0 ? { list: withDois(kind, valid), placeholder: false } : { list: placeholderAccession(kind), placeholder: true };
}

/**
 * A data-availability statement for the archives the study uses (docs/deposit.md §4.2): one sentence per
 * archive, after the wording of docs/empiar.md §8 and docs/bia.md §4, citing each accession entered in
 * `metadata.accessions` that fits its archive's pattern, with its DOI where the archive derives one
 * (EMPIAR, BIA: `10.6019/<accession>`). Before an accession is known the sentence carries a placeholder in
 * the archive's shape, marked "[to be filled]"; an accession that fails its pattern is not used and is
 * returned as a problem.
 */
export function dataAvailability(filesets: readonly Pick<BundleFileset, 'destination' | 'omicsArchive'>[], study: Pick<StudyFindings, 'correlativeSplit'>, metadata: StudyMetadata): DataAvailability {
  const problems: MetadataProblem[] = [];
  const acc = metadata.accessions;
  const empiar = checked('EMPIAR', () => 'accessions.empiar', acc.empiar ? [acc.empiar] : [], problems);
  const bia = checked('BIA', () => 'accessions.bia', acc.bia ? [acc.bia] : [], problems);
  const emdb = checked('EMDB', (i) => `accessions.emdb[${i}]`, acc.emdb, problems);
  const omics = new Map<AccessionKind, string[]>();
  acc.omics.forEach((o, i) => {
    const ok = checked(o.archive, () => `accessions.omics[${i}].accession`, [o.accession], problems);
    omics.set(o.archive, [...(omics.get(o.archive) ?? []), ...ok]);
  });

  const archives = archivesInStudy(filesets, metadata);
  const sentences: AvailabilitySentence[] = [];
  for (const archive of archives) {
    switch (archive) {
      case 'EMPIAR': {
        const a = accessionsFor('EMPIAR', empiar);
        const linked = emdb.length > 0 ? `, associated with EMDB ${emdb.length > 1 ? 'entries' : 'entry'} ${joinAnd(emdb)}` : '';
        sentences.push({ archive, accessions: empiar, placeholder: a.placeholder, text: `Raw image data have been deposited in the Electron Microscopy Public Image Archive (EMPIAR${cite(archive)}) under accession code ${a.list}${linked}.` });
        break;
      }
      case 'BIA': {
        const a = accessionsFor('BIA', bia);
        sentences.push({ archive, accessions: bia, placeholder: a.placeholder, text: `Image data are available in the BioImage Archive (https://www.ebi.ac.uk/bioimage-archive${cite(archive)}) under accession number ${a.list}.` });
        break;
      }
      case 'EMDB': {
        const a = accessionsFor('EMDB', emdb);
        sentences.push({ archive, accessions: emdb, placeholder: a.placeholder, text: `The 3D maps and tomograms have been deposited in the Electron Microscopy Data Bank (EMDB${cite(archive)}) under accession ${emdb.length > 1 ? 'codes' : 'code'} ${a.list}.` });
        break;
      }
      case 'ENA':
      case 'ArrayExpress':
      case 'PRIDE':
      case 'MetaboLights': {
        const valid = omics.get(archive) ?? [];
        const a = accessionsFor(archive, valid);
        sentences.push({ archive, accessions: valid, placeholder: a.placeholder, text: `${OMICS_WHAT[archive]} have been deposited in ${archive === 'PRIDE' ? 'the PRIDE database' : archive === 'ENA' ? 'the European Nucleotide Archive (ENA)' : archive} under accession ${a.list}.` });
        break;
      }
      default:
        assertNever(archive, 'archive');
    }
  }
  const ega = omics.get('EGA') ?? [];
  if (ega.length > 0) sentences.push({ archive: 'EGA', accessions: ega, placeholder: false, text: `Identifiable human data are available under controlled access from the European Genome-phenome Archive (EGA) under accession ${joinAnd(ega)}.` });
  const samples = omics.get('BioSamples') ?? [];
  if (samples.length > 0) sentences.push({ archive: 'BioSamples', accessions: samples, placeholder: false, text: `The samples are described in BioSamples under accession ${joinAnd(samples)}.` });
  if (study.correlativeSplit && archives.includes('EMPIAR') && archives.includes('BIA')) {
    // docs/bia.md §5.2: the two deposits of a correlative study link to each other.
    sentences.push({ archive: 'BIA', accessions: [], placeholder: false, text: 'The BioImage Archive study holds the light-microscopy data and the information correlating them with the electron or X-ray data, and is linked to the EMPIAR entry.' });
  }
  return { sentences, text: sentences.map((s) => s.text).join(' '), problems };
}

/** What each omics archive holds, as the statement names it (docs/bia.md §6). */
const OMICS_WHAT: Readonly<Record<'ENA' | 'ArrayExpress' | 'PRIDE' | 'MetaboLights', string>> = {
  ENA: 'Sequencing reads',
  ArrayExpress: 'Functional genomics data (expression matrices and processed data)',
  PRIDE: 'Mass-spectrometry proteomics data',
  MetaboLights: 'Metabolomics data',
};
