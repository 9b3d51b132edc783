import type { ScanReportView } from '../../../shared/model/scan-report';
import { formatBytes, formatCount } from '../../../shared/text/units';
import { describeStudy } from '../../../shared/study/describe-study';

/** Totals of a finished scan and what the study as a whole is (correlative, patient data, tomograms, your overrides). */
export function ReportSummary({ report }: { readonly report: ScanReportView }) {
  const t = report.totals;
  return (
    <section className="summary" aria-label="Scan summary" data-testid="summary">
      <p className="summary__roots" title={report.roots.join('\n')}>
        {report.roots.join(' · ')}
      </p>
      <p className="summary__totals" data-testid="summary-totals">
        <strong>{formatCount(t.files)}</strong> files · <strong>{formatBytes(t.bytes)}</strong> ·{' '}
        <strong>{formatCount(t.filesets)}</strong> filesets · {formatCount(t.directories)} folders
        {t.errors > 0 && <> · <span className="error">{formatCount(t.errors)} errors</span></>}
      </p>
      {describeStudy(report.study).map((line) => (
        <p key={line} className="summary__study" data-testid="summary-study">
          {line}
        </p>
      ))}
    </section>
  );
}
