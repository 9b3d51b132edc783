import { describe, expect, it } from 'vitest';
import { FORMAT_CATALOG, FORMAT_IDS, formatInfo, formatLabel } from '../../../shared/formats/format-catalog';
import { FILE_KINDS } from '../../../shared/formats/file-kind';

describe('format catalog', () => {
  it('has unique, kebab-case ids and ends with unknown', () => {
    const ids = FORMAT_CATALOG.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(FORMAT_IDS.at(-1)).toBe('unknown');
  });

  it('lists lower-case dotted extensions, each owned by one format only', () => {
    const owners = new Map<string, string>();
    for (const f of FORMAT_CATALOG) {
      for (const ext of f.extensions) {
        expect(ext).toMatch(/^\.[a-z0-9][a-z0-9.-]*$/);
        expect(owners.get(ext), `${ext} claimed by ${owners.get(ext)} and ${f.id}`).toBeUndefined();
        owners.set(ext, f.id);
      }
    }
  });

  it('has no extension with more than two dots (splitExtension looks two dots back, no further)', () => {
    for (const f of FORMAT_CATALOG) for (const ext of f.extensions) expect(ext.split('.').length - 1, ext).toBeLessThanOrEqual(2);
  });

  it('uses only known kinds and gives every format a label', () => {
    for (const f of FORMAT_CATALOG) {
      expect(FILE_KINDS).toContain(f.kind);
      expect(formatLabel(f.id)).toBe(f.label);
      expect(formatInfo(f.id)).toBe(f);
    }
    expect(formatLabel('unknown')).toBe('Unknown');
    expect(formatInfo('unknown')).toBeUndefined();
  });
});
