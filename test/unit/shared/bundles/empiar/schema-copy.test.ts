// The repository's copy of EMPIAR's deposition schema (shared/bundles/empiar/empiar-deposition.schema.json,
// empiar-depositor 1.6b30 @ 8f46851, Apache-2.0: SCHEMA-NOTICE.md) compiled the way the product compiles it.
// Expected outcomes are those docs/empiar.md states: §4's minimal example is valid; §3's quirks fail.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPIAR_TOP_LEVEL_KEYS, validateEmpiarDeposition } from '../../../../../shared/bundles/empiar/validate';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '../../../../..');
const example = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/empiar/empiar_minimal_example.json'), 'utf8')) as Record<string, unknown>;

const DELETE = Symbol('delete');

/** The example with the value at `at` (object keys and array indexes) replaced, or deleted. */
function withChange(at: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const doc = structuredClone(example);
  let node = doc as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return doc;
}

describe('the EMPIAR schema copy', () => {
  it('is the upstream file unmodified (the sha256 SCHEMA-NOTICE.md records)', () => {
    const bytes = readFileSync(path.join(repo, 'shared/bundles/empiar/empiar-deposition.schema.json'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('eb01695221038463f7bbafcf62b79da941c53694b1cc347d439744f5d2fb72b7');
  });

  it('accepts the minimal valid deposition of docs/empiar.md §4', () => {
    expect(validateEmpiarDeposition(example)).toEqual([]);
  });

  it('declares the fifteen top-level fields of docs/empiar.md §1.1', () => {
    expect([...EMPIAR_TOP_LEVEL_KEYS].sort()).toEqual(
      ['title', 'release_date', 'experiment_type', 'scale', 'cross_references', 'biostudies_references', 'idr_references', 'empiar_references', 'workflows', 'authors', 'corresponding_author', 'principal_investigator', 'workflow_file', 'imagesets', 'citation'].sort(),
    );
  });

  it.each([
    ['country UK instead of GB (§3 item 2)', ['corresponding_author', 'country'], 'UK', '/corresponding_author/country'],
    ['an EMDB id with three digits (§3 item 7)', ['cross_references', 0, 'name'], 'EMD-123', '/cross_references/0/name'],
    ['scale as the integer 3 (§3 item 3)', ['scale'], 3, '/scale'],
    ['header format T15 (§2.5, §3 item 5)', ['imagesets', 0, 'header_format'], "('T15', '')", '/imagesets/0/header_format'],
    ['voxel type T10 (§2.6, §3 item 5)', ['imagesets', 0, 'voxel_type'], "('T10', '')", '/imagesets/0/voxel_type'],
    ['experiment type 10, which does not exist (§2.2)', ['experiment_type'], 10, '/experiment_type'],
    ['a title of 9 characters (§1.1)', ['title'], 'Too short', '/title'],
    ['workflow_file as an array (§3 item 4)', ['workflow_file'], [{ path: 'a.json' }], '/workflow_file'],
    ['no corresponding author (§1.1)', ['corresponding_author'], DELETE, '/corresponding_author'],
  ] as const)('rejects %s', (_what, at, value, where) => {
    const errors = validateEmpiarDeposition(withChange(at, value));
    expect(errors.map((e) => e.path)).toContain(where);
  });

  it('accepts GB, a four-digit EMDB id and 16-bit float written as OT (§2.6)', () => {
    const doc = withChange(['imagesets', 0, 'voxel_type'], "('OT', '16 BIT FLOAT')");
    expect(validateEmpiarDeposition({ ...doc, cross_references: [{ name: 'EMD-1234' }] })).toEqual([]);
  });
});
