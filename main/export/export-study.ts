import type { ScanReport } from '../../shared/model/scan-report';
import type { StudyMetadata } from '../../shared/deposit/metadata';
import { renderBundles, type BundleStudy } from '../../shared/bundles/plan-bundles';
import { renderStudyFiles } from '../../shared/bundles/study-files';
import type { Fileset } from '../../shared/model/fileset';
import { writeExport, type WriteExportInput, type WriteExportOutcome } from './write-export';

/** An export of a scanned study: the report, the metadata, and where and how to write it. */
export type ExportStudyInput = Omit<WriteExportInput, 'bundles' | 'studyFiles'> & { readonly metadata: StudyMetadata };

/** The study a report describes, as the bundle renderers take it. */
export function bundleStudyOf(report: ScanReport): BundleStudy<Fileset> {
  return { filesets: report.filesets, study: report.study, roots: report.roots };
}

/**
 * Renders every bundle of the study and its study-level files (README, citations) from the report and the
 * metadata — pure functions in shared/bundles — then writes them with their manifests and pre-flight lint.
 */
export async function exportStudy(input: ExportStudyInput): Promise<WriteExportOutcome> {
  const { metadata, ...rest } = input;
  const study = bundleStudyOf(input.report);
  const bundles = renderBundles(study, metadata);
  const studyFiles = renderStudyFiles(study, metadata, bundles);
  return writeExport({ ...rest, bundles, studyFiles });
}
