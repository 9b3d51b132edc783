import type { StudyMetadata } from '../../deposit/metadata';
import type { StudyFindings } from '../../policy/types';
import type { BundleFileset } from '../bundler';
import { ARCHIVE_REFERENCES, type CitedArchive, type JournalReference } from './archive-references';
import { archivesInStudy } from './archives-in-study';
import { dataAvailability, type DataAvailability } from './data-availability';
import { methodsParagraphs, type MethodsParagraph } from './methods-paragraph';
import { facilityAcknowledgement } from './acknowledgement';
import { renderBibtex } from './bibtex';
import { renderRis } from './ris';

/** Everything a paper needs about a study's deposits: archives, their references, data availability, methods, acknowledgement. */
export interface StudyCitations {
  readonly archives: readonly CitedArchive[];
  /** The archives' references, each once, in archive order. */
  readonly references: readonly JournalReference[];
  readonly availability: DataAvailability;
  readonly methods: readonly MethodsParagraph[];
  readonly acknowledgement: string | null;
}

/** The citation text of a routed study and its metadata (docs/deposit.md §4). */
export function studyCitations(filesets: readonly BundleFileset[], study: Pick<StudyFindings, 'correlativeSplit'>, metadata: StudyMetadata): StudyCitations {
  const archives = archivesInStudy(filesets, metadata);
  const references = [...new Set(archives.flatMap((a) => ARCHIVE_REFERENCES[a]))];
  return {
    archives,
    references,
    availability: dataAvailability(filesets, study, metadata),
    methods: methodsParagraphs(filesets),
    acknowledgement: facilityAcknowledgement(metadata),
  };
}

/** `citation.bib`: the archives' references as BibTeX. */
export function citationBib(c: StudyCitations): string {
  return renderBibtex(c.references);
}

/** `citation.ris`: the archives' references as RIS. */
export function citationRis(c: StudyCitations): string {
  return renderRis(c.references);
}
