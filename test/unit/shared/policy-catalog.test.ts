import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODALITY_CATALOG, REVIEW_BELOW } from '../../../shared/modality/modalities';
import { clause, clauseById, POLICY_CATALOG, POLICY_CATALOG_VERSION, POLICY_URL } from '../../../shared/policy/catalog';
import { clauseDestinationText, policyPage, renderPolicyText } from '../../../shared/policy/render';
import { DEFAULT_POLICY_OPTIONS, type PolicyClause } from '../../../shared/policy/types';
/** The EBI policy page as the product ships it (test/fixtures/policy/SOURCES.md). */
const SEED = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'policy', 'ebi-image-archiving-policy.md'), 'utf8');

const CLAUSES: readonly PolicyClause[] = POLICY_CATALOG;

describe('POLICY_CATALOG: shape', () => {
  it('every clause id is unique', () => {
    const ids = CLAUSES.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(CLAUSES.map((c) => [c.id, c] as const))('%s has a non-empty title, sourceRef, sourceText, condition and sentence', (_id, c) => {
    expect([c.title, c.sourceRef, c.sourceText, c.condition, c.sentence].map((t) => t.trim().length > 0)).toEqual([true, true, true, true, true]);
  });

  it.each(CLAUSES.map((c) => [c.id, c.kind, c] as const))('%s (%s): routes have a destination, notes have null', (_id, kind, c) => {
    if (kind === 'route') expect(c.destination).not.toBeNull();
    else expect(c.destination).toBeNull();
  });

  it('an omics archive is named by OMICS route clauses and only by them', () => {
    expect(CLAUSES.filter((c) => c.omicsArchive !== undefined).map((c) => [c.id, c.destination])).toEqual(CLAUSES.filter((c) => c.destination === 'OMICS').map((c) => [c.id, 'OMICS']));
  });

  it('route clauses come first, notes after', () => {
    const kinds = CLAUSES.map((c) => c.kind);
    expect(kinds.slice(kinds.indexOf('note')).every((k) => k === 'note')).toBe(true);
  });

  it('clause() and clauseById() find clauses by id; an unknown id is undefined', () => {
    expect([clause('row-hcs').title, clauseById('row-hcs')?.title, clauseById('no-such-clause')]).toEqual(['High-content screening goes to the BioImage Archive', 'High-content screening goes to the BioImage Archive', undefined]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The quoted words of the EBI policy must be the policy's words.
//
// Clauses quote the policy two ways: prose (background, spatial-omics section, submission points 1–3,
// notes 1–3) is quoted verbatim, and the Examples table is quoted as "Data type: BioImage Archive ✅,
// EMPIAR ❌ (examples)" sentences that the page shows as an HTML row. Restricting the check to clauses
// whose sourceRef names a note/point/Background/Spatial-omics would skip the table rows, which are where
// destinations are most easily mistyped, so instead each sentence is checked the way it quotes:
// - a table-row sentence is matched to the row of that data type: each archive's mark (✅, ❌ or (✅)) must
//   be the row's mark (or, where the clause quotes the cell's words instead, the words must match), and
//   every accession it cites must be among the row's examples;
// - any other sentence is split at ": " and each piece must occur in the page, after both are normalised:
//   markdown and HTML stripped, ✅/❌ removed, text in parentheses dropped (the clauses add their own
//   asides there, and the page's own asides hold links), whitespace collapsed.
// ---------------------------------------------------------------------------------------------------

const MARK = /\(?[✅❌]\)?/;

function stripMarkup(s: string): string {
  return s
    .replace(/^---[\s\S]*?---/, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*\*/g, '')
    .replace(/^#+\s*/gm, '');
}

function normalise(s: string): string {
  return stripMarkup(s)
    .replace(/[✅❌]/g, ' ')
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,:;])/g, '$1')
    .trim();
}

const PAGE = normalise(SEED);

interface TableRow {
  readonly type: string;
  readonly bia: string;
  readonly empiar: string;
  readonly examples: string;
  readonly notes: string;
}

/** The Examples table of the page: one entry per data row, cells as plain text. */
const TABLE: readonly TableRow[] = [...SEED.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
  .map((m) => [...m[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => stripMarkup(c[1]!).replace(/\s+/g, ' ').trim()))
  .filter((cells) => cells.length === 5 && cells[0] !== 'Data type')
  .map(([type, bia, empiar, examples, notes]) => ({ type: type!, bia: bia!, empiar: empiar!, examples: examples!, notes: notes! }));

/** Sentences of a quote: split after a full stop, not after "e.g." / "i.e." / "etc.". */
function sentences(text: string): string[] {
  return text
    .split(/(?<!\b(?:e\.g|i\.e|etc))\.\s+(?=[A-Z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const TABLE_SENTENCE = /^(.+?): BioImage Archive (.+?), EMPIAR (.+?)\.?$/;

/** Checks one archive's part of a table-row sentence against the row's cell. */
function expectCell(what: string, part: string, cell: string): void {
  const mark = MARK.exec(part)?.[0];
  if (mark !== undefined) {
    expect(`${what}: ${mark}`).toBe(`${what}: ${MARK.exec(cell)?.[0]}`);
    return;
  }
  const words = /\(([^()]*)\)/.exec(part)?.[1] ?? part;
  expect(`${what}: ${words.toLowerCase()}`).toBe(`${what}: ${cell.replace(/[✅❌()]/g, '').trim().toLowerCase()}`);
}

function expectTableRow(id: string, sentence: string): void {
  const m = TABLE_SENTENCE.exec(sentence)!;
  const [, type, bia, empiar] = m;
  const tableRow = TABLE.find((r) => r.type.toLowerCase() === type!.toLowerCase());
  expect(tableRow, `${id}: a table row "${type}"`).toBeDefined();
  expectCell(`${id} BioImage Archive`, bia!, tableRow!.bia);
  expectCell(`${id} EMPIAR`, empiar!, tableRow!.empiar);
  for (const acc of sentence.match(/\b(?:S-BIAD|S-BSST|EMPIAR-)\d+\b/g) ?? []) expect(`${id}: ${tableRow!.examples}`).toContain(acc);
}

function expectProse(id: string, sentence: string): void {
  for (const piece of normalise(sentence).split(/:\s+/)) {
    const p = piece.replace(/[.,;:\s]+$/, '');
    if (p.length === 0) continue;
    expect(PAGE.includes(p), `${id}: "${p}" is not in the policy page`).toBe(true);
  }
}

const EBI = CLAUSES.filter((c) => c.source === 'ebi-policy');

describe('POLICY_CATALOG: ebi-policy clauses quote the policy page', () => {
  it('the fixture is the policy page, and its table has the nine data types', () => {
    expect(SEED).toContain('# Image archiving at EBI');
    expect(TABLE.map((r) => r.type)).toEqual([
      'Light microscopy',
      '2D Electron microscopy',
      'High content screening images',
      'Other imaging, e.g. AFM, ultrasound',
      'cryo-EM',
      'cryo-ET',
      'Volume EM/XM',
      'Correlative microscopy where one component is 3D EM/XM',
      'Patient identifiable imaging data',
    ]);
  });

  it.each(EBI.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const all = sentences(c.sourceText);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      if (TABLE_SENTENCE.test(s)) expectTableRow(id, s);
      else expectProse(id, s);
    }
  });

  it('the check catches a wrong mark, a wrong accession and words not in the policy', () => {
    expect(() => expectTableRow('t', 'Light microscopy: BioImage Archive ❌, EMPIAR ❌.')).toThrow();
    expect(() => expectTableRow('t', 'cryo-EM: BioImage Archive ❌, EMPIAR ✅ (EMPIAR-99999).')).toThrow();
    expect(() => expectProse('t', 'Patient associated medical imaging data can be deposited into EMPIAR.')).toThrow();
    expect(() => expectTableRow('t', 'Light microscopy: BioImage Archive ✅, EMPIAR ❌ (S-BIAD287).')).not.toThrow();
  });

  it('the marks of the table agree with where the catalog routes each data type', () => {
    const dest = (id: string) => clause(id as Parameters<typeof clause>[0]).destination;
    const rows: [string, string][] = [
      ['Light microscopy', 'row-light-microscopy'],
      ['2D Electron microscopy', 'row-2d-em'],
      ['High content screening images', 'row-hcs'],
      ['Other imaging, e.g. AFM, ultrasound', 'row-other-imaging'],
      ['cryo-EM', 'row-cryo-em'],
      ['cryo-ET', 'row-cryo-et'],
      ['Volume EM/XM', 'row-volume-em-xm'],
      ['Patient identifiable imaging data', 'patient-identifiable'],
    ];
    const markOf = (cell: string) => (cell.includes('✅') ? 'yes' : 'no');
    expect(rows.map(([type, id]) => {
      const r = TABLE.find((t) => t.type === type)!;
      return [type, markOf(r.bia), markOf(r.empiar), dest(id)];
    })).toEqual([
      ['Light microscopy', 'yes', 'no', 'BIA'],
      ['2D Electron microscopy', 'yes', 'no', 'BIA'],
      ['High content screening images', 'yes', 'no', 'BIA'],
      ['Other imaging, e.g. AFM, ultrasound', 'yes', 'no', 'BIA'],
      ['cryo-EM', 'no', 'yes', 'EMPIAR'],
      ['cryo-ET', 'no', 'yes', 'EMPIAR'],
      ['Volume EM/XM', 'no', 'yes', 'EMPIAR'],
      ['Patient identifiable imaging data', 'no', 'no', 'NONE'],
    ]);
  });
});

describe('policyPage and renderPolicyText', () => {
  it('the page holds every clause once, routes then notes, and every modality', () => {
    const page = policyPage();
    expect(page.sections.map((s) => s.heading)).toEqual(['Where data go', 'Notes attached to decisions']);
    expect(page.sections.flatMap((s) => s.clauses.map((c) => c.id))).toEqual(CLAUSES.map((c) => c.id));
    expect(page.modalities.map((m) => m.id)).toEqual(MODALITY_CATALOG.map((m) => m.id));
    expect([page.version, page.url]).toEqual([POLICY_CATALOG_VERSION, POLICY_URL]);
    expect(page.thresholds.map((t) => [t.name, t.value])).toEqual([
      ['tomogramsFew', DEFAULT_POLICY_OPTIONS.tomogramsFew],
      ['representatives', DEFAULT_POLICY_OPTIONS.representatives],
      ['reviewBelow', REVIEW_BELOW],
    ]);
  });

  const text = renderPolicyText();

  it.each(CLAUSES.map((c) => [c.id] as const))('the text names clause [%s]', (id) => {
    expect(text).toContain(`[${id}]`);
  });

  it.each(MODALITY_CATALOG.map((m) => [m.id] as const))('the text lists modality %s', (id) => {
    expect(text).toMatch(new RegExp(`^  ${id.replace(/[-]/g, '\\-')}\\s`, 'm'));
  });

  it.each([
    [{}, ['tomogramsFew = 5 (--tomograms-few)', 'representatives = 3 (--representatives)', `reviewBelow = ${REVIEW_BELOW}:`]],
    [{ tomogramsFew: 9 }, ['tomogramsFew = 9', 'representatives = 3']],
    [{ representatives: 1 }, ['tomogramsFew = 5', 'representatives = 1']],
    [{ tomogramsFew: 0, representatives: 12 }, ['tomogramsFew = 0', 'representatives = 12']],
  ] as const)('thresholds %j are stated', (options, wanted) => {
    const t = renderPolicyText(options);
    for (const w of wanted) expect(t).toContain(w);
  });

  it('each clause states where it sends data in words', () => {
    expect(CLAUSES.map((c) => [c.id, clauseDestinationText(c)]).filter(([id]) => ['row-hcs', 'spatial-omics-reads', 'supporting-follows-data', 'user-override', 'policy-2-bia', 'patient-identifiable'].includes(id!))).toEqual([
      ['patient-identifiable', 'Not depositable'],
      ['row-hcs', 'BioImage Archive'],
      ['spatial-omics-reads', 'ENA'],
      ['supporting-follows-data', 'where the data it describes go'],
      ['user-override', 'where you say'],
      ['policy-2-bia', 'note'],
    ]);
    expect(text).toContain('[row-hcs] High-content screening goes to the BioImage Archive → BioImage Archive');
  });

  it('the wrapped clause lines (When, Says, Source, quote) hold at most 100 columns besides their indent', () => {
    const wide = text.split('\n').filter((l) => l.startsWith('    ') && l.trimStart().length > 100);
    expect(wide).toEqual([]);
  });

  it('no line of the policy page is wider than 100 columns', () => {
    expect(text.split('\n').filter((l) => l.length > 100)).toEqual([]);
  });
  
});
