import { FILESET_VIEW_SAMPLE, type FilesetView } from './fileset';
import { REPORT_VIEW_ISSUES, type ScanReport, type ScanReportView } from './scan-report';

/** The UI's view of a report: each fileset keeps its first files, the issue list is capped; nothing else changes. */
export function toReportView(report: ScanReport, scanId: string): ScanReportView {
  const filesets: FilesetView[] = report.filesets.map(({ files, ...rest }) => ({
    ...rest,
    sampleFiles: files.slice(0, FILESET_VIEW_SAMPLE),
  }));
  return {
    ...report,
    scanId,
    filesets,
    issues: report.issues.slice(0, REPORT_VIEW_ISSUES),
    issuesOmitted: Math.max(0, report.issues.length - REPORT_VIEW_ISSUES),
  };
}
