import type { Bundle, ChecklistItem } from '../../../shared/model/bundle';
import { DESTINATION_LABELS } from '../../../shared/model/destination';
import { clauseById } from '../../../shared/policy/catalog';
import { showClause } from '../store/view-store';
import { ReadinessBar } from './ReadinessBar';

/** The rule behind a step: a policy clause opens the policy page at it; a section of the archive notes is named as text. */
function Rule({ rule }: { readonly rule: string }) {
  const clause = clauseById(rule);
  if (!clause) return <span className="checklist__rule muted">Rule: {rule}</span>;
  return (
    <span className="checklist__rule">
      <span className="muted">Policy: {clause.title} </span>
      <button type="button" className="prepare__link" onClick={() => showClause(rule)} aria-label={`Open in policy: ${clause.title}`}>
        Open in policy
      </button>
    </span>
  );
}

function Item({ item }: { readonly item: ChecklistItem }) {
  return (
    <li className={`checklist__item checklist__item--${item.done ? 'done' : 'todo'}`} data-testid={`checklist-item-${item.id}`}>
      <span className="checklist__mark" aria-hidden="true">
        {item.done ? '✓' : item.blocking ? '!' : '○'}
      </span>
      <div className="checklist__body">
        <p className="checklist__text">
          <span className="visually-hidden">{item.done ? 'Done: ' : 'To do: '}</span>
          {item.text}
          {!item.done && item.blocking && <span className="tag tag--blocking">Blocks deposition</span>}
        </p>
        {item.evidence && <p className="checklist__evidence">{item.evidence}</p>}
        <Rule rule={item.rule} />
      </div>
    </li>
  );
}

/** One bundle's checklist: its readiness bar and its steps in order, each ticked with its evidence or marked blocking. */
export function BundleChecklist({ bundle }: { readonly bundle: Bundle }) {
  const label = DESTINATION_LABELS[bundle.archive];
  const titleId = `checklist-${bundle.archive}-title`;
  return (
    <section className={`checklist checklist--${bundle.archive.toLowerCase()}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="checklist__title">
        {label} checklist
      </h3>
      <ReadinessBar label={label} done={bundle.readiness.done} total={bundle.readiness.total} ready={bundle.readiness.ready} />
      <ol className="checklist__items">
        {bundle.checklist.map((item) => (
          <Item key={item.id} item={item} />
        ))}
      </ol>
    </section>
  );
}
