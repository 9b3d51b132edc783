/** How far a bundle is: a progress bar of checklist steps done, the count in words, and whether it is ready. */
export function ReadinessBar({ label, done, total, ready }: { readonly label: string; readonly done: number; readonly total: number; readonly ready: boolean }) {
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  const steps = `${done} of ${total} steps`;
  return (
    <div className="readiness">
      <div
        className={`readiness__track${ready ? ' readiness__track--ready' : ''}`}
        role="progressbar"
        aria-label={`${label} readiness`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${steps}, ${ready ? 'ready' : 'not ready'}`}
      >
        <div className="readiness__fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="readiness__text">{steps}</span>
      <span className={`readiness__state readiness__state--${ready ? 'ready' : 'not-ready'}`}>{ready ? 'Ready' : 'Not ready'}</span>
    </div>
  );
}
