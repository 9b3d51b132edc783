import { Fragment, useState, type ReactNode } from 'react';
import type { FilesetView } from '../../../shared/model/fileset';
import type { DepositApi } from '../../../shared/ipc/api';
import { formatLabel } from '../../../shared/formats/format-catalog';
import { describeFacts } from '../../../shared/formats/describe-facts';
import { formatBytes, formatCount } from '../../../shared/text/units';
import { DestinationBadge } from './DestinationBadge';
import { modalityLabel } from '../../../shared/modality/modalities';
import { clauseById } from '../../../shared/policy/catalog';
import { groupEvidence } from '../../../shared/modality/evidence-groups';
import type { Evidence } from '../../../shared/model/evidence';
import type { AppliedOverride, StudyFindings } from '../../../shared/policy/types';
import { describeOverride } from '../../../shared/model/report-selectors';
import { showClause } from '../store/view-store';

/** Files fetched per "Show more" click. */
const FILES_PAGE = 200;

/** Props of the details panel. */
export interface FilesetDetailsProps {
  readonly api: DepositApi;
  readonly scanId: string;
  readonly fileset: FilesetView;
  /** The overrides that set something of this fileset, with the engine's note on each. */
  readonly overrides: readonly AppliedOverride[];
  /** The study's tomogram rule: tomogram files get a "send to EMDB as a representative" action. */
  readonly tomograms: StudyFindings['tomograms'];
  /** The correction controls for this fileset (modality, destination). */
  readonly correction: ReactNode;
  /** Sends one tomogram file (root-relative) to EMDB as a representative; absent while a re-routing runs. */
  readonly onRepresentative?: (file: string) => void;
}

/** One fileset explained (mount it with `key={fileset.id}` so its paging restarts per fileset): where it lies, what it is and why it goes where it goes, and its files, paged. */
export function FilesetDetails({ api, scanId, fileset, overrides, tomograms, correction, onRepresentative }: FilesetDetailsProps) {
  // Pages loaded for this version of the fileset; a re-routing (a file split off, say) sends new sample files and starts over.
  const [paged, setPaged] = useState<{ readonly base: readonly string[]; readonly files: readonly string[] }>({ base: fileset.sampleFiles, files: fileset.sampleFiles });
  const files = paged.base === fileset.sampleFiles ? paged.files : fileset.sampleFiles;
  const facts = describeFacts(fileset.facts);
  const clause = clauseById(fileset.clauseId);
  const notes = fileset.policyNotes.flatMap((id) => clauseById(id) ?? []);
  const groups = groupEvidence(fileset.modality, fileset.evidence);
  const [error, setError] = useState<string | null>(null);
  // Above the "small number", the user may choose which tomograms represent the study in EMDB (note 2).
  const isTomograms = fileset.modality === 'cryoet-tomograms' && tomograms.rule === 'representatives-to-emdb';
  const loadMore = async () => {
    try {
      const page = await api.scan.files(scanId, fileset.id, files.length, FILES_PAGE);
      setPaged({ base: fileset.sampleFiles, files: [...files, ...page.files] });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <aside className="details" aria-label="Fileset details" data-testid="fileset-details">
      <h3 className="details__title mono" id="fileset-details-title" tabIndex={-1}>
        {fileset.pattern}
      </h3>
      <p className="details__path" title={fileset.root}>
        {fileset.root}
        {fileset.directory === '.' ? '' : `/${fileset.directory}`}
      </p>
      <dl className="details__facts">
        <dt>Files</dt>
        <dd>
          {formatCount(fileset.fileCount)} · {formatBytes(fileset.bytes)}
        </dd>
        <dt>Format</dt>
        <dd>
          {formatLabel(fileset.format)}{' '}
          <span className="muted">
            ({fileset.formatSource === 'none' ? 'not identified' : `${fileset.formatSource === 'bytes' ? 'read from the file' : `by ${fileset.formatSource}`}, confidence ${fileset.formatConfidence.toFixed(2)}`})
          </span>
        </dd>
        <dt>Headers read</dt>
        <dd data-testid="fileset-sampling">
          {fileset.sampling.full || fileset.sampling.read === fileset.sampling.total
            ? `all ${formatCount(fileset.sampling.total)}`
            : `${formatCount(fileset.sampling.read)} of ${formatCount(fileset.sampling.total)} (a sample)`}
        </dd>
        <dt>Kind</dt>
        <dd>{fileset.kind}</dd>
        <dt>Modality</dt>
        <dd data-testid="fileset-modality">
          {modalityLabel(fileset.modality)}{' '}
          <span className="muted">{fileset.overridden?.modality ? '(set by you)' : `(confidence ${fileset.confidence.toFixed(2)})`}</span>
        </dd>
        <dt>Destination</dt>
        <dd>
          <DestinationBadge destination={fileset.destination} omicsArchive={fileset.omicsArchive} />
          {fileset.overridden?.destination && <span className="muted"> (set by you)</span>}
        </dd>
        <dt>Policy</dt>
        <dd data-testid="fileset-clause">
          {clause ? clause.title : fileset.clauseId} <span className="muted">({fileset.clauseId})</span>
        </dd>
      </dl>
      <p className={`details__reason${fileset.destination === 'REVIEW' ? ' details__reason--review' : fileset.destination === 'NONE' ? ' details__reason--none' : ''}`} data-testid="fileset-reason">
        {fileset.reason}
      </p>
      {clause && (
        <section className="details__source" data-testid="fileset-clause-source" aria-label="What the policy says">
          <h4>What the policy says</h4>
          <blockquote>{clause.sourceText}</blockquote>
          <p className="muted">
            {clause.sourceRef}.{' '}
            <button type="button" className="link-button" onClick={() => showClause(clause.id)}>
              Open in policy
            </button>
          </p>
        </section>
      )}
      {overrides.length > 0 && (
        <section className="details__overrides" data-testid="fileset-overrides" aria-label="Your corrections">
          <h4>Set by you</h4>
          <ul>
            {overrides.map((o, i) => (
              <li key={i}>
                You set {describeOverride(o)}. <span className="muted">{o.note}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="details__correct" aria-label="Correct this fileset">
        <h4>Correct this fileset</h4>
        {correction}
      </section>
      {notes.length > 0 && (
        <ul className="details__notes" data-testid="fileset-notes">
          {notes.map((n) => (
            <li key={n.id} title={n.sourceRef}>
              <strong>{n.title}.</strong> {n.sentence}
            </li>
          ))}
        </ul>
      )}
      {facts.length > 0 && (
        <>
          <h4>Facts</h4>
          <dl className="details__facts-list" data-testid="fileset-facts">
            {facts.map((f) => (
              <Fragment key={f.label}>
                <dt>{f.label}</dt>
                <dd>
                  {f.value} <span className="prov">from the {f.provenance}</span>
                </dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
      <EvidenceSection title={`Why ${modalityLabel(fileset.modality)}`} items={groups.forModality} testId="evidence-for" />
      <EvidenceSection title="Evidence for something else" items={groups.against} testId="evidence-against" showModality />
      <EvidenceSection title="What the policy looked at" items={groups.context} testId="evidence-context" />
      <EvidenceSection title="What was read from the files" items={groups.read} testId="evidence-read" />
      <h4>
        Files <span className="muted">({formatCount(files.length)} of {formatCount(fileset.fileCount)} shown)</span>
      </h4>
      <ul className="details__files mono" data-testid="fileset-files">
        {files.map((f) => {
          const rep = tomograms.representatives.find((r) => r.file === f);
          const canPick = isTomograms && !rep && onRepresentative !== undefined;
          return (
            <li key={f}>
              {f}
              {rep && <span className="tag tag--rep">representative ({rep.chosenBy === 'user' ? 'your choice' : 'by the policy'})</span>}
              {canPick && (
                <button type="button" className="link-button details__rep" onClick={() => onRepresentative(f)} aria-label={`Send ${f} to EMDB as a representative`}>
                  Send to EMDB
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {files.length < fileset.fileCount && (
        <button type="button" className="button button--small" onClick={() => void loadMore()}>
          Show {formatCount(Math.min(FILES_PAGE, fileset.fileCount - files.length))} more
        </button>
      )}
      {error && <p className="error">{error}</p>}
    </aside>
  );
}

/** One group of evidence; nothing when the group is empty. */
function EvidenceSection({ title, items, testId, showModality }: { readonly title: string; readonly items: readonly Evidence[]; readonly testId: string; readonly showModality?: boolean }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="details__evidence" data-testid={testId}>
        {items.map((e, i) => (
          <li key={i} title={`weight ${e.weight.toFixed(2)}`}>
            <span className="tag">{e.source}</span> {showModality && e.supports ? <strong>{modalityLabel(e.supports)}: </strong> : null}
            {e.detail}
          </li>
        ))}
      </ul>
    </>
  );
}
