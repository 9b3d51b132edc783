import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODALITY_CATALOG } from '../../shared/modality/modalities';
import { POLICY_CATALOG, POLICY_CATALOG_VERSION } from '../../shared/policy/catalog';
import { escapeMarkdown, POLICY_DOC_COMMAND, renderPolicyMarkdown } from '../../shared/policy/render-markdown';

const DOC = path.join(__dirname, '..', '..', 'docs', 'policy.md');

/** The committed docs/policy.md, or '' when it is missing (the staleness test then says how to write it). */
function committed(): string {
  try {
    return readFileSync(DOC, 'utf8');
  } catch {
    return '';
  }
}

describe('docs/policy.md is generated from the catalog', () => {
  it('is up to date with shared/policy/catalog.ts', () => {
    const fresh = renderPolicyMarkdown();
    const stale = committed() !== fresh;
    // A plain boolean keeps the failure short; the message says what to do.
    expect(stale, `docs/policy.md is stale or missing: run \`${POLICY_DOC_COMMAND}\` and commit docs/policy.md`).toBe(false);
  });

  it('holds every clause with its source reference and its quoted source text', () => {
    const md = renderPolicyMarkdown();
    const missing = POLICY_CATALOG.filter(
      (c) => !md.includes(`### \`${c.id}\``) || !md.includes(escapeMarkdown(c.sourceRef)) || !md.includes(`> ${escapeMarkdown(c.sourceText)}`),
    ).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('names the catalog version, the default thresholds of policy note 2 and every modality id', () => {
    const md = renderPolicyMarkdown();
    // Defaults documented in shared/policy/types.ts (DEFAULT_POLICY_OPTIONS) and the README: 5 and 3.
    expect([md.includes(POLICY_CATALOG_VERSION), md.includes('| `tomogramsFew` | `--tomograms-few` | 5 |'), md.includes('| `representatives` | `--representatives` | 3 |')]).toEqual([true, true, true]);
    expect(MODALITY_CATALOG.filter((m) => !md.includes(`| \`${m.id}\` |`)).map((m) => m.id)).toEqual([]);
  });

  it('product clauses citing docs/design.md quote it faithfully', () => {
    // The design page is the source of these rules, so their quoted words must be on it.
    const design = readFileSync(path.join(__dirname, '..', '..', 'docs', 'design.md'), 'utf8').replace(/`/g, '').replace(/\s+/g, ' ');
    const unquoted = POLICY_CATALOG.filter((c) => c.source === 'product' && c.sourceRef.startsWith('docs/design.md'))
      .filter((c) => c.sourceText.split('…').some((part) => !design.includes(part.trim().replace(/\.$/, '').replace(/\s+/g, ' '))))
      .map((c) => c.id);
    expect(unquoted, 'A product clause quotes words docs/design.md does not say: fix the clause or the page.').toEqual([]);
  });

  it('renders other thresholds when asked, so the page follows the options', () => {
    expect(renderPolicyMarkdown({ tomogramsFew: 9 })).toContain('| `tomogramsFew` | `--tomograms-few` | 9 |');
  });

  it('escapes Markdown punctuation in catalog text', () => {
    expect(escapeMarkdown('._* resource | forks <x>')).toBe('.\\_\\* resource \\| forks \\<x\\>');
  });
});
