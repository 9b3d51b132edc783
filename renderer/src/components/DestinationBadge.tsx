import { DESTINATION_LABELS, type Destination } from '../../../shared/model/destination';

/** A destination as a coloured label. */
export function DestinationBadge({ destination }: { readonly destination: Destination }) {
  return <span className={`badge badge--${destination.toLowerCase()}`}>{DESTINATION_LABELS[destination]}</span>;
}
