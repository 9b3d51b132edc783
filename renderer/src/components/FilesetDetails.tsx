import { Fragment, useState } from 'react';
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

/** Files fetched per "Show more" click. */
const FILES_PAGE = 200;

/** Props of the details panel. */
export interface FilesetDetailsProps {
  readonly api: DepositApi;
  readonly scanId: string;
  readonly fileset: FilesetView;
}

/** One fileset explained (mount it with `key={fileset.id}` so its paging restarts per fileset): where it lies, what it is and why it goes where it goes, and its files, paged. */
export function FilesetDetails({ api, scanId, fileset }: FilesetDetailsProps) {
  const [files, setFiles] = useState<readonly string[]>(fileset.sampleFiles);
  const facts = describeFacts(fileset.facts);
  const clause = clauseById(fileset.clauseId);
  const notes = fileset.policyNotes.flatMap((id) => clauseById(id) ?? []);
  const groups = groupEvidence(fileset.modality, fileset.evidence);
  const [error, setError] = useState<string | null>(null);
  const loadMore = async () => {
    try {
      const page = await api.scan.files(scanId, fileset.id, files.length, FILES_PAGE);
      setFiles([...files, ...page.files]);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <aside className="details" aria-label="Fileset details" data-testid="fileset-details">
      <h3 className="details__title mono">{fileset.pattern}</h3>
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
        <details className="details__source" data-testid="fileset-clause-source">
          <summary>What the policy says</summary>
          <blockquote>{clause.sourceText}</blockquote>
          <p className="muted">{clause.sourceRef}</p>
        </details>
      )}
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
                <dd title={`read from the ${f.provenance}`}>{f.value}</dd>
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
        {files.map((f) => (
          <li key={f}>{f}</li>
        ))}
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
