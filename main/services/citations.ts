import type { Citations } from '../../shared/ipc/contract';
import type { StudyMetadata } from '../../shared/deposit/metadata';
import type { ScanReport } from '../../shared/model/scan-report';
import { ARCHIVE_REFERENCES, formatReference } from '../../shared/bundles/citations/archive-references';
import { citationBib, citationRis, studyCitations } from '../../shared/bundles/citations/study-citations';
import { citationMarkdown } from '../../shared/bundles/citations/citation-markdown';
import { bundleStudyOf } from '../export/export-study';

/**
 * The citation text of a scanned study under the metadata entered so far, as the Cite page shows it: the same
 * builders the export's CITATION.md, citation.bib and citation.ris come from (docs/deposit.md §4), so the page
 * and the exported files cannot differ.
 */
export function buildCitations(report: ScanReport, metadata: StudyMetadata): Citations {
  const study = bundleStudyOf(report);
  const c = studyCitations(study.filesets, study.study, metadata);
  return {
    archives: [...c.archives],
    availability: {
      text: c.availability.text,
      sentences: c.availability.sentences.map((s) => ({ archive: s.archive, text: s.text, accessions: [...s.accessions], placeholder: s.placeholder })),
      problems: c.availability.problems.map((p) => ({ ...p, blocks: [...p.blocks] })),
    },
    methods: c.methods.map((m) => ({ modality: m.modality, archive: m.archive, filesetCount: m.filesetCount, text: m.text, empty: m.empty })),
    acknowledgement: c.acknowledgement,
    references: c.references.map((r) => ({ key: r.key, text: formatReference(r), archives: c.archives.filter((a) => ARCHIVE_REFERENCES[a].includes(r)) })),
    bibtex: citationBib(c),
    ris: citationRis(c),
    markdown: citationMarkdown(c),
  };
}
