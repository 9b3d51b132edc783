import { describe, expect, it } from 'vitest';
import { FactsSchema } from '../../../shared/formats/facts';
import { contextFromBytes } from '../../../main/formats/context';
import { identify } from '../../../main/formats/registry';
import { FAMILY_TABLE } from '../../fixtures/families';
import { familiesUnderTest } from './families';

// Every fixture goes through the whole registry, so a reader of one family that claims another family's
// file fails here too.
for (const family of familiesUnderTest()) {
  const { positives, falsePositives } = FAMILY_TABLE[family].fixtures;
  describe(`${family} fixtures`, () => {
    it.each(positives.map((f) => [`${f.name} (${f.origin}) → ${f.format}`, f] as const))('%s', async (_label, f) => {
      const found = await identify(contextFromBytes(f.name, f.bytes()));
      expect(found.format, found.problems.join('\n')).toBe(f.format);
      expect(found.formatSource).toBe('bytes');
      expect(() => FactsSchema.parse(found.facts)).not.toThrow();
      if (f.facts) expect(found.facts).toMatchObject(f.facts);
      expect(found.evidence.length).toBeGreaterThan(0);
    });

    it.each(falsePositives.map((f) => [`${f.name}: ${f.note}`, f] as const))('not fooled by %s', async (_label, f) => {
      const found = await identify(contextFromBytes(f.name, f.bytes()));
      expect(f.notFormats).not.toContain(found.format);
      if (f.expectFormat) expect(found.format).toBe(f.expectFormat);
    });
  });
}
