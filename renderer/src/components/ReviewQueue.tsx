import type { FilesetView } from '../../../shared/model/fileset';
import type { Modality } from '../../../shared/modality/modalities';
import { displayFolder, reviewQuestion, type DestinationKey } from '../../../shared/model/report-selectors';
import { formatBytes, formatCount } from '../../../shared/text/units';
import { CorrectionPanel } from './CorrectionPanel';

/** Review items listed one by one; the rest are reached through the table's "review only" filter. */
const QUEUE_SHOWN = 25;

/** Props of the review queue. */
export interface ReviewQueueProps {
  readonly items: readonly FilesetView[];
  readonly severalRoots: boolean;
  readonly disabled: boolean;
  readonly onSetModality: (f: FilesetView, modality: Modality) => void;
  readonly onSetDestination: (f: FilesetView, key: DestinationKey) => void;
  readonly onShow: (f: FilesetView) => void;
  readonly onShowAll: () => void;
}

/** What the engine could not decide, first: each fileset in review with the question that would decide it, the missing fact, and quick actions. */
export function ReviewQueue({ items, severalRoots, disabled, onSetModality, onSetDestination, onShow, onShowAll }: ReviewQueueProps) {
  if (items.length === 0) return null;
  return (
    <section className="review-queue" aria-labelledby="review-queue-title" data-testid="review-queue" tabIndex={-1} id="review-queue">
      <h2 id="review-queue-title">
        Needs review first <span className="muted">({formatCount(items.length)})</span>
      </h2>
      <p className="muted review-queue__hint">The policy cannot route these until you say what they are. Everything else is already decided.</p>
      <ol className="review-queue__list">
        {items.slice(0, QUEUE_SHOWN).map((f) => {
          const name = `${displayFolder(f.root, f.directory, severalRoots)}/${f.pattern}`;
          return (
            <li key={f.id} className="review-item" data-testid="review-item">
              <div className="review-item__what">
                <p className="review-item__name mono" title={name}>
                  {name} <span className="muted">· {formatCount(f.fileCount)} file{f.fileCount === 1 ? '' : 's'} · {formatBytes(f.bytes)}</span>
                </p>
                <p className="review-item__question" data-testid="review-question">
                  {reviewQuestion(f)}
                </p>
                <p className="review-item__reason muted">{f.reason}</p>
                <button type="button" className="link-button" onClick={() => onShow(f)} aria-label={`Show the details of ${name}`}>
                  Show details
                </button>
              </div>
              <CorrectionPanel
                key={`${f.id}:${f.modality}:${f.destination}`}
                fileset={f}
                name={name}
                compact
                disabled={disabled}
                onSetModality={(m) => onSetModality(f, m)}
                onSetDestination={(k) => onSetDestination(f, k)}
              />
            </li>
          );
        })}
      </ol>
      {items.length > QUEUE_SHOWN && (
        <button type="button" className="button button--small" onClick={onShowAll}>
          Show all {formatCount(items.length)} in the table
        </button>
      )}
    </section>
  );
}
