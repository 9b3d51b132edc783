import { DESTINATION_LABELS } from '../model/destination';
import { MODALITY_CATALOG, REVIEW_BELOW } from '../modality/modalities';
import { wrap } from '../text/wrap';
import { POLICY_CATALOG, POLICY_CATALOG_VERSION, POLICY_URL } from './catalog';
import { DEFAULT_POLICY_OPTIONS, type PolicyClause, type PolicyOptions } from './types';

/** Column at which the policy page wraps. */
const WIDTH = 100;

/** One threshold of the policy as the page shows it. */
export interface PolicyThreshold {
  readonly name: string;
  readonly flag?: string;
  readonly value: number;
  readonly meaning: string;
}

/** The policy as a page: what it is, its thresholds, its clauses by kind, and the modalities decisions name. Used by the CLI and the app. */
export interface PolicyPage {
  readonly title: string;
  readonly version: string;
  readonly url: string;
  readonly thresholds: readonly PolicyThreshold[];
  readonly sections: readonly { readonly heading: string; readonly clauses: readonly PolicyClause[] }[];
  readonly modalities: readonly { readonly id: string; readonly label: string; readonly group: string }[];
}

/** Where a clause sends data, in words. */
export function clauseDestinationText(c: PolicyClause): string {
  switch (c.destination) {
    case null:
      return 'note';
    case 'FOLLOWS':
      return 'where the data it describes go';
    case 'USER':
      return 'where you say';
    case 'OMICS':
      return c.omicsArchive ?? DESTINATION_LABELS.OMICS;
    default:
      return DESTINATION_LABELS[c.destination];
  }
}

/** The policy page under the given thresholds (the defaults where none are given). */
export function policyPage(partial: Partial<PolicyOptions> = {}): PolicyPage {
  const o = { ...DEFAULT_POLICY_OPTIONS, ...partial };
  return {
    title: "EMBL-EBI's image-archiving policy, as Deposit Assistant applies it",
    version: POLICY_CATALOG_VERSION,
    url: POLICY_URL,
    thresholds: [
      { name: 'tomogramsFew', flag: '--tomograms-few', value: o.tomogramsFew, meaning: 'Up to this many tomograms in a study count as "a small number": all go to EMDB (note 2).' },
      { name: 'representatives', flag: '--representatives', value: o.representatives, meaning: 'Above that, this many representative tomograms go to EMDB and the rest to EMPIAR (note 2).' },
      { name: 'reviewBelow', value: REVIEW_BELOW, meaning: 'A modality inferred with less confidence than this is not routed: the fileset needs review.' },
    ],
    sections: [
      { heading: 'Where data go', clauses: POLICY_CATALOG.filter((c) => c.kind === 'route') },
      { heading: 'Notes attached to decisions', clauses: POLICY_CATALOG.filter((c) => c.kind === 'note') },
    ],
    modalities: MODALITY_CATALOG.map((m) => ({ id: m.id, label: m.label, group: m.group })),
  };
}

/** Wraps to the page width, the indent included. */
function para(text: string, indent: string): string {
  return wrap(text, WIDTH - indent.length, indent);
}

/** The policy page as plain text for a terminal (`deposit-assistant policy`), no line wider than 100 columns. */
export function renderPolicyText(partial: Partial<PolicyOptions> = {}): string {
  const page = policyPage(partial);
  const out: string[] = [page.title, para(`Catalog ${page.version}. Source: ${page.url} (each clause quotes it; docs/policy-source.md says which version was read).`, ''), '', 'Thresholds'];
  for (const t of page.thresholds) out.push(para(`${t.name} = ${t.value}${t.flag ? ` (${t.flag})` : ''}: ${t.meaning}`, '  '));
  for (const s of page.sections) {
    out.push('', `${s.heading} (${s.clauses.length})`);
    for (const c of s.clauses) {
      out.push('', para(`[${c.id}] ${c.title} → ${clauseDestinationText(c)}`, '  '));
      out.push(para(`When: ${c.condition}`, '    '));
      out.push(para(`Says: ${c.sentence}`, '    '));
      out.push(para(`Source: ${c.sourceRef}.`, '    '));
      out.push(para(`“${c.sourceText}”`, '      '));
    }
  }
  out.push('', `Modalities (${page.modalities.length}), as ids for --override`);
  for (const m of page.modalities) out.push(`  ${m.id.padEnd(24)} ${m.label}`);
  return `${out.join('\n')}\n`;
}
