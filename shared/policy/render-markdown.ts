import type { ClauseSource, PolicyClause, PolicyOptions } from './types';
import { clauseDestinationText, policyPage } from './render';

/** Where the repository documents each kind of clause source (docs/README.md lists them). */
export const CLAUSE_SOURCE_DOCS: Readonly<Record<ClauseSource, { readonly label: string; readonly doc: string }>> = {
  'ebi-policy': { label: "EMBL-EBI's policy page “Image archiving at EBI”", doc: 'docs/policy-source.md' },
  'empiar-about': { label: 'the “About EMPIAR” page', doc: 'docs/policy-source.md' },
  'ebi-guidance': { label: "EBI's archive guidance (BIA, ArrayExpress, PRIDE, MetaboLights)", doc: 'docs/bia.md' },
  product: { label: "a product rule of Deposit Assistant's design", doc: 'docs/design.md' },
};

/** The command that regenerates docs/policy.md; the staleness test names it. */
export const POLICY_DOC_COMMAND = 'npm run docs';

/** Escapes the characters CommonMark gives meaning to inside a line (backslash escapes of ASCII punctuation, CommonMark §2.4). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);
}

/** A docs/ file as a link target from docs/policy.md, which lives beside it. */
function page(doc: string): string {
  return doc.slice('docs/'.length);
}

/** One clause as a Markdown subsection. */
function clauseMarkdown(c: PolicyClause): string[] {
  const src = CLAUSE_SOURCE_DOCS[c.source];
  const quoted = c.sourceText
    .split('\n')
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n');
  return [
    `### \`${c.id}\``,
    '',
    `**${escapeMarkdown(c.title)}** → ${escapeMarkdown(clauseDestinationText(c))}`,
    '',
    `- When: ${escapeMarkdown(c.condition)}`,
    `- Says to the user: ${escapeMarkdown(c.sentence)}`,
    `- Source: ${escapeMarkdown(c.sourceRef)} — ${escapeMarkdown(src.label)}, see [${page(src.doc)}](${page(src.doc)}).`,
    '',
    quoted,
    '',
  ];
}

/**
 * The policy page as Markdown (docs/policy.md, written by `npm run docs`): the thresholds, every clause
 * with its source and the source's own words, and the modalities decisions name. Deterministic: no date,
 * no path of the machine that wrote it, so the staleness test can compare it byte for byte.
 */
export function renderPolicyMarkdown(partial: Partial<PolicyOptions> = {}): string {
  const page = policyPage(partial);
  const out: string[] = [
    `# ${escapeMarkdown(page.title)}`,
    '',
    `<!-- Generated from shared/policy/catalog.ts by scripts/write-policy-doc.ts (${POLICY_DOC_COMMAND}). Do not edit by hand. -->`,
    '',
    `Catalog version ${page.version}. The policy itself: <${page.url}>.`,
    'The passages quoted below, with where and when they were read, are in [policy-source.md](policy-source.md).',
    'Every decision the engine makes names one of the route clauses below; the notes are attached to the',
    'decisions they inform. The same page, as text, is what `deposit-assistant policy` prints.',
    '',
    '## Thresholds',
    '',
    '| name | CLI flag | default | meaning |',
    '|---|---|---:|---|',
    ...page.thresholds.map((t) => `| \`${t.name}\` | ${t.flag ? `\`${t.flag}\`` : '—'} | ${t.value} | ${escapeMarkdown(t.meaning)} |`),
    '',
  ];
  for (const s of page.sections) {
    out.push(`## ${escapeMarkdown(s.heading)} (${s.clauses.length})`, '');
    for (const c of s.clauses) out.push(...clauseMarkdown(c));
  }
  out.push(
    `## Modalities (${page.modalities.length})`,
    '',
    'The ids are what `--override TARGET=MODALITY` takes; the group is what the policy routes by.',
    '',
    '| id | label | group |',
    '|---|---|---|',
    ...page.modalities.map((m) => `| \`${m.id}\` | ${escapeMarkdown(m.label)} | \`${m.group}\` |`),
    '',
  );
  return out.join('\n');
}
