import type { Evidence } from '../model/evidence';
import type { FormatSource } from '../model/fileset';
import type { Facts } from './facts';
import { formatInfo, formatLabel, type FormatId } from './format-catalog';
import type { FileKind } from './file-kind';
import { describeFacts } from './describe-facts';

/** What reading one sampled file of a fileset found. */
export interface SampleResult {
  /** POSIX path relative to the fileset's root. */
  readonly file: string;
  readonly format: FormatId;
  readonly formatSource: FormatSource;
  readonly confidence: number;
  readonly facts: Facts;
  readonly evidence: readonly Evidence[];
  readonly problems: readonly string[];
}

/** A fileset's format, facts and evidence, from its samples. */
export interface FilesetFormat {
  readonly format: FormatId;
  readonly formatSource: FormatSource;
  readonly kind: FileKind;
  readonly confidence: number;
  readonly facts: Facts;
  readonly evidence: Evidence[];
}

/** Problem lines per fileset kept in its evidence; the rest are counted. */
const PROBLEMS_SHOWN = 3;

/**
 * Combines the samples of a fileset: the most common format wins (confidence breaks ties), its first
 * sample gives the facts, and disagreement lowers the confidence and is said in the evidence. Patient
 * data is never averaged away: if any sample is patient-identifiable, the fileset is.
 */
export function aggregateSamples(samples: readonly SampleResult[], fileCount: number, full: boolean): FilesetFormat {
  if (samples.length === 0) {
    return { format: 'unknown', formatSource: 'none', kind: 'unknown', confidence: 0, facts: {}, evidence: [{ source: 'layout', detail: 'No file of this fileset could be read.', weight: 0 }] };
  }
  const byFormat = new Map<FormatId, SampleResult[]>();
  for (const s of samples) byFormat.set(s.format, [...(byFormat.get(s.format) ?? []), s]);
  const ranked = [...byFormat.entries()].sort(
    (a, b) => b[1].length - a[1].length || Math.max(...b[1].map((s) => s.confidence)) - Math.max(...a[1].map((s) => s.confidence)) || (a[0] < b[0] ? -1 : 1),
  );
  const [format, agreeing] = ranked[0]!;
  const lead = agreeing[0]!;
  const agreement = agreeing.length / samples.length;
  const confidence = (agreeing.reduce((n, s) => n + s.confidence, 0) / agreeing.length) * agreement;

  const facts: Facts = { ...lead.facts };
  const identifiable = samples.filter((s) => s.facts.patient?.value.identifiable);
  if (identifiable.length > 0 && !facts.patient?.value.identifiable) {
    const fields = [...new Set(identifiable.flatMap((s) => s.facts.patient!.value.fields))];
    facts.patient = { value: { identifiable: true, fields, deidentified: false }, provenance: 'header', source: identifiable[0]!.file };
  }

  const evidence: Evidence[] = [...lead.evidence];
  const how = full ? 'every file' : samples.length === fileCount ? `all ${fileCount} files` : `${samples.length} of ${fileCount} files (first, last, a spread between, and size outliers)`;
  if (ranked.length === 1) {
    evidence.push({ source: 'layout', detail: `Read ${how}: ${samples.length === 1 ? 'it is' : 'all are'} ${formatLabel(format)}.`, weight: 0.5 });
  } else {
    const mix = ranked.map(([f, list]) => `${list.length} ${formatLabel(f)}`).join(', ');
    evidence.push({ source: 'layout', detail: `Read ${how}: they disagree (${mix}); ${formatLabel(format)} is the most common.`, weight: 0.5 });
    for (const [f, list] of ranked.slice(1)) evidence.push({ source: 'header', detail: `${list[0]!.file} is ${formatLabel(f)}.`, weight: 0.2 });
  }
  const varying = differingFacts(agreeing);
  if (varying.length > 0) {
    evidence.push({ source: 'header', detail: `The files differ in ${varying.join(', ')}; the facts shown are those of ${lead.file}.`, weight: 0.3 });
  }
  if (identifiable.length > 0 && identifiable[0] !== lead) {
    evidence.push({ source: 'header', detail: `${identifiable[0]!.file} carries patient-identifying data.`, weight: 1 });
  }
  const problems = samples.flatMap((s) => s.problems.map((p) => `${s.file}: ${p}`));
  for (const p of problems.slice(0, PROBLEMS_SHOWN)) evidence.push({ source: 'header', detail: p, weight: 0 });
  if (problems.length > PROBLEMS_SHOWN) evidence.push({ source: 'header', detail: `… and ${problems.length - PROBLEMS_SHOWN} more problems reading these files.`, weight: 0 });

  return { format, formatSource: lead.formatSource, kind: formatInfo(format)?.kind ?? 'unknown', confidence, facts, evidence };
}

/** Labels of the facts (raw header fields aside) whose value is not the same in every sample, absence included. */
function differingFacts(samples: readonly SampleResult[]): string[] {
  if (samples.length < 2) return [];
  const lines = samples.map((s) => new Map(describeFacts(s.facts).map((l) => [l.label, l.value])));
  const labels = new Set(lines.flatMap((m) => [...m.keys()]));
  labels.delete('Header');
  return [...labels].filter((label) => new Set(lines.map((m) => m.get(label) ?? '')).size > 1);
}
