import { describe, expect, it } from 'vitest';
import { FORMAT_CATALOG } from '../../../shared/formats/format-catalog';
import { DETECTORS } from '../../../main/formats/registry';
import { FAMILY_TABLE } from '../../fixtures/families';
import { FAMILIES, OWNERSHIP } from '../../fixtures/families/ownership';
import { familiesUnderTest } from './families';

describe('format coverage', () => {
  it('gives every catalog format exactly one owning family', () => {
    const owners = new Map<string, string[]>();
    for (const family of FAMILIES) for (const id of OWNERSHIP[family]) owners.set(id, [...(owners.get(id) ?? []), family]);
    for (const { id } of FORMAT_CATALOG) expect(owners.get(id), id).toHaveLength(1);
    expect([...owners.keys()].sort()).toEqual(FORMAT_CATALOG.map((f) => f.id).sort());
  });

  it('has unique detector ids', () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const family of familiesUnderTest()) {
    const { detectors, fixtures } = FAMILY_TABLE[family];
    const owned = OWNERSHIP[family];

    it(`${family}: detectors declare exactly the formats the family owns`, () => {
      const declared = [...new Set(detectors.flatMap((d) => d.formats))].sort();
      expect(declared).toEqual([...owned].sort());
    });

    it(`${family}: every format has a positive fixture`, () => {
      const covered = new Set(fixtures.positives.map((f) => f.format));
      expect(owned.filter((id) => !covered.has(id))).toEqual([]);
    });
  }
});
