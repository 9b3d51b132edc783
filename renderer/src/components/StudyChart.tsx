import type { DestinationCard, ModalitySummary } from '../../../shared/model/report-selectors';
import { destinationKeyLabel } from '../../../shared/model/report-selectors';
import { modalityLabel } from '../../../shared/modality/modalities';
import { formatBytes, formatCount } from '../../../shared/text/units';

/** One row of a chart: a label, its bytes and files, and the colour class of its bars. */
interface ChartRow {
  readonly key: string;
  readonly label: string;
  readonly bytes: number;
  readonly files: number;
  readonly tone: string;
}

/** Props of the study chart. */
export interface StudyChartProps {
  readonly cards: readonly DestinationCard[];
  readonly modalities: readonly ModalitySummary[];
}

/** Bytes and files per destination and per modality, as tables whose cells carry a bar and the value in words. */
export function StudyChart({ cards, modalities }: StudyChartProps) {
  const byDestination = cards.map((c) => ({ key: c.key, label: destinationKeyLabel(c.key), bytes: c.bytes, files: c.files, tone: c.destination.toLowerCase() }));
  const byModality = modalities.map((m) => ({ key: m.modality, label: modalityLabel(m.modality), bytes: m.bytes, files: m.files, tone: 'accent' }));
  return (
    <div className="study-chart" data-testid="study-chart">
      <BarTable caption="Size and files by destination" head="Destination" rows={byDestination} />
      <BarTable caption="Size and files by modality" head="Modality" rows={byModality} />
    </div>
  );
}

/** A table of bars: one row per label, a size and a files column, each bar scaled to the column's largest value. */
function BarTable({ caption, head, rows }: { readonly caption: string; readonly head: string; readonly rows: readonly ChartRow[] }) {
  const maxBytes = Math.max(1, ...rows.map((r) => r.bytes));
  const maxFiles = Math.max(1, ...rows.map((r) => r.files));
  return (
    <table className="bar-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">Size</th>
          <th scope="col">Files</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className="bar-table__label" title={r.label}>
              {r.label}
            </th>
            <td>
              <Bar share={r.bytes / maxBytes} tone={r.tone} text={formatBytes(r.bytes)} />
            </td>
            <td>
              <Bar share={r.files / maxFiles} tone={r.tone} text={formatCount(r.files)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A bar and its value; the bar is decoration, the value is the text. */
function Bar({ share, tone, text }: { readonly share: number; readonly tone: string; readonly text: string }) {
  return (
    <span className="bar-cell">
      <span className="bar-cell__track" aria-hidden="true">
        <span className={`bar-cell__fill bar-cell__fill--${tone}`} style={{ width: `${Math.max(2, Math.round(share * 100))}%` }} />
      </span>
      <span className="bar-cell__value">{text}</span>
    </span>
  );
}
