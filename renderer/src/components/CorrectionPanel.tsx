import { useState, type FormEvent } from 'react';
import type { FilesetView } from '../../../shared/model/fileset';
import { MODALITY_CATALOG, ModalitySchema, type Modality } from '../../../shared/modality/modalities';
import { DESTINATION_KEYS, destinationKey, destinationKeyLabel, type DestinationKey } from '../../../shared/model/report-selectors';

/** Destinations a user can set: every key except the unnamed omics archive (the archive is chosen with it). */
const SETTABLE_DESTINATIONS = DESTINATION_KEYS.filter((k) => k !== 'OMICS');

/** Props of the correction panel. */
export interface CorrectionPanelProps {
  readonly fileset: FilesetView;
  /** A short name of the fileset for the controls' labels (review items sit side by side). */
  readonly name: string;
  readonly disabled: boolean;
  readonly onSetModality: (modality: Modality) => void;
  readonly onSetDestination: (key: DestinationKey) => void;
  /** Removes your overrides of this fileset; absent when there are none. */
  readonly onReset?: () => void;
  readonly compact?: boolean;
}

/**
 * Set a fileset's modality or destination. Each is a select and a button, not a select alone: with the
 * keyboard a select changes on every arrow press, and every change would re-route the study.
 */
export function CorrectionPanel({ fileset, name, disabled, onSetModality, onSetDestination, onReset, compact = false }: CorrectionPanelProps) {
  const current = destinationKey(fileset.destination, fileset.omicsArchive);
  const [modality, setModality] = useState<Modality>(fileset.modality);
  const [destination, setDestination] = useState<DestinationKey>(current);
  const submitModality = (e: FormEvent) => {
    e.preventDefault();
    if (modality !== fileset.modality) onSetModality(modality);
  };
  const submitDestination = (e: FormEvent) => {
    e.preventDefault();
    if (destination !== current) onSetDestination(destination);
  };
  return (
    <div className={`correct${compact ? ' correct--compact' : ''}`} data-testid="correction-panel">
      <form className="correct__row" onSubmit={submitModality}>
        <label className="correct__label">
          <span>{compact ? 'Modality' : 'Set the modality'}</span>
          <select
            aria-label={`Modality of ${name}`}
            value={modality}
            onChange={(e) => {
              const parsed = ModalitySchema.safeParse(e.target.value);
              if (parsed.success) setModality(parsed.data);
            }}
          >
            {MODALITY_CATALOG.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--small" disabled={disabled || modality === fileset.modality} aria-label={`Set the modality of ${name}`}>
          Set
        </button>
      </form>
      <form className="correct__row" onSubmit={submitDestination}>
        <label className="correct__label">
          <span>{compact ? 'Destination' : 'Or send it to'}</span>
          <select aria-label={`Destination of ${name}`} value={destination} onChange={(e) => setDestination(SETTABLE_DESTINATIONS.find((k) => k === e.target.value) ?? current)}>
            {SETTABLE_DESTINATIONS.map((k) => (
              <option key={k} value={k}>
                {destinationKeyLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--small" disabled={disabled || destination === current} aria-label={`Set the destination of ${name}`}>
          Set
        </button>
      </form>
      {onReset && (
        <button type="button" className="button button--small" disabled={disabled} onClick={onReset}>
          Back to the policy's decision
        </button>
      )}
    </div>
  );
}
