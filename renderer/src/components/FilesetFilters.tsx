import { useId } from 'react';
import type { DestinationCard, FilesetFilter } from '../../../shared/model/report-selectors';
import { destinationKeyLabel, NO_FILTER, type DestinationKey, type ModalitySummary } from '../../../shared/model/report-selectors';
import { modalityLabel, type Modality } from '../../../shared/modality/modalities';
import { formatCount } from '../../../shared/text/units';

/** Props of the table's filters. */
export interface FilesetFiltersProps {
  readonly filter: FilesetFilter;
  readonly onChange: (filter: FilesetFilter) => void;
  /** Destinations and modalities present in the study: the choices offered. */
  readonly cards: readonly DestinationCard[];
  readonly modalities: readonly ModalitySummary[];
  readonly shown: number;
  readonly total: number;
}

/** Filters of the fileset table: free text, destination, modality and "review only", with how many rows they leave. */
export function FilesetFilters({ filter, onChange, cards, modalities, shown, total }: FilesetFiltersProps) {
  const id = useId();
  const active = filter.text !== '' || filter.destination !== null || filter.modality !== null || filter.reviewOnly;
  return (
    <div className="fs-filters" role="search" aria-label="Filter filesets">
      <div className="fs-filters__field fs-filters__text">
        <label htmlFor={`${id}-text`}>Search</label>
        <input id={`${id}-text`} type="search" value={filter.text} placeholder="folder, name, format, modality…" onChange={(e) => onChange({ ...filter, text: e.target.value })} />
      </div>
      <div className="fs-filters__field">
        <label htmlFor={`${id}-destination`}>Destination</label>
        <select
          id={`${id}-destination`}
          value={filter.destination ?? ''}
          onChange={(e) => onChange({ ...filter, destination: cards.find((c) => c.key === e.target.value)?.key ?? (null as DestinationKey | null) })}
        >
          <option value="">All destinations</option>
          {cards.map((c) => (
            <option key={c.key} value={c.key}>
              {destinationKeyLabel(c.key)}
            </option>
          ))}
        </select>
      </div>
      <div className="fs-filters__field">
        <label htmlFor={`${id}-modality`}>Modality</label>
        <select id={`${id}-modality`} value={filter.modality ?? ''} onChange={(e) => onChange({ ...filter, modality: modalities.find((m) => m.modality === e.target.value)?.modality ?? (null as Modality | null) })}>
          <option value="">All modalities</option>
          {modalities.map((m) => (
            <option key={m.modality} value={m.modality}>
              {modalityLabel(m.modality)}
            </option>
          ))}
        </select>
      </div>
      <label className="fs-filters__check">
        <input type="checkbox" checked={filter.reviewOnly} onChange={(e) => onChange({ ...filter, reviewOnly: e.target.checked })} />
        <span>Review only</span>
      </label>
      {active && (
        <button type="button" className="button button--small" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      )}
      <p className="fs-filters__count" role="status" data-testid="fileset-count">
        {shown === total ? `${formatCount(total)} filesets` : `${formatCount(shown)} of ${formatCount(total)} filesets`}
      </p>
    </div>
  );
}
