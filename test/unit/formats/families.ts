import { FAMILIES, type Family } from '../../fixtures/families/ownership';

/** Families under test: all, or those listed in DA_FAMILY (comma-separated) while one family is being worked on. */
export function familiesUnderTest(): readonly Family[] {
  const only = process.env['DA_FAMILY']?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!only || only.length === 0) return FAMILIES;
  for (const f of only) if (!(FAMILIES as readonly string[]).includes(f)) throw new Error(`DA_FAMILY: unknown family ${f}; known: ${FAMILIES.join(', ')}`);
  return FAMILIES.filter((f) => only.includes(f));
}
