import type { ScanReport } from '../model/scan-report';
import type { Bundle } from '../model/bundle';

/** What stands in for an override target that names not-depositable data. */
const WITHHELD = '(not-depositable data: name withheld)';

/**
 * The scan report as an export writes it (`report.json`): with the bundles, and without anything that names
 * not-depositable (`NONE`) data — no fileset of theirs (their count, folders and clauses are in the
 * not-depositable bundle), no issue about one of their files, no override target that names them (issue 9:
 * "never a file name or header value of theirs"; docs/design.md, Destinations). Every other fileset is
 * kept whole, so the report still lists every file that is deposited.
 */
export function redactReportForExport(report: ScanReport, bundles: readonly Bundle[]): ScanReport {
  const withheld = report.filesets.filter((f) => f.destination === 'NONE');
  const withheldIds = new Set(withheld.map((f) => f.id));
  const join = (root: string, rel: string) => `${root.replace(/[\\/]+$/, '')}/${rel}`;
  const withheldPaths = new Set<string>();
  // Names long enough to be identifying if they turn up in a message (a pattern such as `*.dcm` is not).
  const withheldNames = new Set<string>();
  for (const f of withheld) {
    withheldNames.add(f.pattern);
    for (const rel of f.files) {
      withheldPaths.add(join(f.root, rel));
      withheldPaths.add(join(f.root, rel).replace(/\//g, '\\'));
      const base = rel.split('/').pop() ?? rel;
      if (base.length >= 4) withheldNames.add(base);
    }
  }
  const names = [...withheldNames].filter((n) => n.length >= 4);
  const mentions = (text: string) => names.some((n) => text.includes(n));
  const aboutWithheld = (p: string) => withheldPaths.has(p) || withheldPaths.has(p.replace(/\\/g, '/')) || mentions(p);
  return {
    ...report,
    bundles: [...bundles],
    filesets: report.filesets.filter((f) => !withheldIds.has(f.id)),
    issues: report.issues.filter((i) => !(i.path !== undefined && aboutWithheld(i.path)) && !mentions(i.message)),
    study: {
      ...report.study,
      overrides: report.study.overrides.map((o) => (o.matched.some((id) => withheldIds.has(id)) || mentions(o.target) ? { ...o, target: WITHHELD, note: mentions(o.note) ? WITHHELD : o.note } : o)),
    },
  };
}
