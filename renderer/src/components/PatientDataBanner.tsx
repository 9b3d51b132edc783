import { POLICY_CATALOG, clauseHas } from '../../../shared/policy/catalog';
import type { FilesetView } from '../../../shared/model/fileset';
import { formatCount } from '../../../shared/text/units';

/** The catalog's patient clauses (flag `patient`), whose own words the banner quotes (docs/policy.md). */
const PATIENT_CLAUSES = POLICY_CATALOG.filter((c) => clauseHas(c.id, 'patient'));

/**
 * The banner an export with patient-associated data must get past: what the policy says, in its own words,
 * and that these files are never exported — no file, no name, no checksum. Exporting waits for `acknowledged`.
 */
export function PatientDataBanner({ filesets, acknowledged, onAcknowledge }: { readonly filesets: readonly FilesetView[]; readonly acknowledged: boolean; readonly onAcknowledge: (on: boolean) => void }) {
  const patient = filesets.filter((f) => clauseHas(f.clauseId, 'patient'));
  const files = patient.reduce((n, f) => n + f.fileCount, 0);
  const used = PATIENT_CLAUSES.filter((c) => patient.some((f) => f.clauseId === c.id));
  return (
    <section className="export__patient" aria-labelledby="patient-title" data-testid="patient-banner">
      <h3 id="patient-title">Patient-associated data will not be exported</h3>
      <p>
        This study holds {formatCount(patient.length)} {patient.length === 1 ? 'fileset' : 'filesets'} ({formatCount(files)} {files === 1 ? 'file' : 'files'}) of patient-associated data. EMBL-EBI’s policy:
      </p>
      {(used.length > 0 ? used : PATIENT_CLAUSES).map((c) => (
        <blockquote key={c.id} className="export__patient-quote">
          {c.sourceText}
          <footer className="export__patient-source">
            {c.title} ({c.id}), {c.sourceRef}
          </footer>
        </blockquote>
      ))}
      <p>
        They are never exported: the files stay where they are, no bundle lists them, no manifest holds their checksums, and the export names neither their files nor their name patterns: the not-depositable report only counts them, by folder.
      </p>
      <label className="export__patient-ack">
        <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} /> I understand: export the rest of the study without the patient-associated data
      </label>
    </section>
  );
}
