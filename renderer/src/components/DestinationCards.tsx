import type { DestinationCard } from '../../../shared/model/report-selectors';
import { formatBytes, formatCount } from '../../../shared/text/units';
import { DestinationBadge } from './DestinationBadge';

/** Props of the destination cards. */
export interface DestinationCardsProps {
  readonly cards: readonly DestinationCard[];
  /** Shows the filesets of one card in the table. */
  readonly onShow: (card: DestinationCard) => void;
}

/** One card per destination the study sends data to: filesets, files, size and how ready its bundle is. */
export function DestinationCards({ cards, onShow }: DestinationCardsProps) {
  return (
    <ul className="dest-cards" aria-label="Where the study goes">
      {cards.map((c) => (
        <li key={c.key} className={`dest-card dest-card--${c.destination.toLowerCase()}`} data-testid="destination-card" data-destination={c.key}>
          <h3 className="dest-card__title">
            <DestinationBadge destination={c.destination} omicsArchive={c.omicsArchive} />
          </h3>
          <dl className="dest-card__figures">
            <div>
              <dt>Filesets</dt>
              <dd data-testid="card-filesets">{formatCount(c.filesets)}</dd>
            </div>
            <div>
              <dt>Files</dt>
              <dd data-testid="card-files">{formatCount(c.files)}</dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd data-testid="card-bytes">{formatBytes(c.bytes)}</dd>
            </div>
          </dl>
          <Readiness card={c} />
          <button type="button" className="button button--small dest-card__show" onClick={() => onShow(c)}>
            Show {c.destination === 'REVIEW' ? 'what to decide' : 'in the table'}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The bundle's checklist as a bar with its words; review and patient data say what they are instead. */
function Readiness({ card }: { readonly card: DestinationCard }) {
  if (card.destination === 'REVIEW') return <p className="dest-card__readiness">To decide before anything is deposited.</p>;
  if (card.destination === 'NONE') return <p className="dest-card__readiness">Left out of every bundle.</p>;
  const r = card.readiness;
  if (!r) return <p className="dest-card__readiness muted">No bundle yet.</p>;
  const share = r.total === 0 ? 1 : r.done / r.total;
  return (
    <div className="dest-card__readiness" data-testid="card-readiness">
      <div className="bar" aria-hidden="true">
        <div className="bar__fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p>
        {formatCount(r.done)} of {formatCount(r.total)} steps done · {r.ready ? <strong>ready</strong> : 'not ready yet'}
      </p>
    </div>
  );
}
