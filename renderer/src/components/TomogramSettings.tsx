import { useState, type FormEvent } from 'react';
import type { StudyFindings, PolicyOptions } from '../../../shared/policy/types';
import { formatCount } from '../../../shared/text/units';

/** Props of the tomogram settings. */
export interface TomogramSettingsProps {
  readonly tomograms: StudyFindings['tomograms'];
  readonly options: PolicyOptions;
  readonly disabled: boolean;
  readonly onApply: (options: PolicyOptions) => void;
  readonly onOpenPolicy: () => void;
}

/** Policy note 2's thresholds for this study: how many tomograms are "a small number", and how many representatives go to EMDB above it. */
export function TomogramSettings({ tomograms, options, disabled, onApply, onOpenPolicy }: TomogramSettingsProps) {
  const [few, setFew] = useState(String(options.tomogramsFew));
  const [reps, setReps] = useState(String(options.representatives));
  const fewN = Number.parseInt(few, 10);
  const repsN = Number.parseInt(reps, 10);
  const valid = Number.isInteger(fewN) && fewN >= 0 && Number.isInteger(repsN) && repsN >= 1;
  const changed = valid && (fewN !== options.tomogramsFew || repsN !== options.representatives);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (changed) onApply({ tomogramsFew: fewN, representatives: repsN });
  };
  const rule =
    tomograms.rule === 'all-to-emdb'
      ? `all ${formatCount(tomograms.count)} go to EMDB`
      : tomograms.rule === 'representatives-to-emdb'
        ? `${formatCount(tomograms.representatives.length)} representative${tomograms.representatives.length === 1 ? '' : 's'} go to EMDB, the rest to EMPIAR`
        : 'no tomogram to route';
  return (
    <form className="tomo-settings" aria-labelledby="tomo-settings-title" onSubmit={submit} data-testid="tomogram-settings">
      <h3 id="tomo-settings-title">Tomograms (policy note 2)</h3>
      <p data-testid="tomogram-rule">
        {formatCount(tomograms.count)} tomogram{tomograms.count === 1 ? '' : 's'} in the study: {rule}.{' '}
        <button type="button" className="link-button" onClick={onOpenPolicy}>
          Open in policy
        </button>
      </p>
      {tomograms.representatives.length > 0 && (
        <p className="muted tomo-settings__reps">
          Representatives: {tomograms.representatives.map((r) => `${r.file} (${r.chosenBy === 'user' ? 'your choice' : 'by the policy'})`).join(', ')}
        </p>
      )}
      <div className="tomo-settings__fields">
        <label>
          A small number is at most
          <input type="number" min={0} step={1} value={few} onChange={(e) => setFew(e.target.value)} inputMode="numeric" />
          tomograms
        </label>
        <label>
          Above that, send
          <input type="number" min={1} step={1} value={reps} onChange={(e) => setReps(e.target.value)} inputMode="numeric" />
          representatives to EMDB
        </label>
        <button type="submit" className="button button--small" disabled={disabled || !changed}>
          Apply thresholds
        </button>
      </div>
    </form>
  );
}
