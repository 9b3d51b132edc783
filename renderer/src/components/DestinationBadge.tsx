import { DESTINATION_LABELS, destinationLabel, type Destination, type OmicsArchive } from '../../../shared/model/destination';

/** A destination as a coloured label; for an omics archive, its name (ENA, ArrayExpress…) when known. */
export function DestinationBadge({ destination, omicsArchive }: { readonly destination: Destination; readonly omicsArchive?: OmicsArchive | null }) {
  const label = destinationLabel(destination, omicsArchive);
  return (
    <span className={`badge badge--${destination.toLowerCase()}`} title={destination === 'OMICS' ? DESTINATION_LABELS.OMICS : undefined}>
      {label}
    </span>
  );
}
