import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bytes } from '../../../../main/formats/kit/bytes';

/** The obvious search: every offset in [from, limit − |needle|], byte by byte. */
function naive(data: Uint8Array, needle: readonly number[], from: number, limit: number): number {
  const end = Math.min(limit, data.length) - needle.length;
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (data[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('Bytes.indexOf', () => {
  it('finds what the byte-by-byte search finds, in views at any offset, with any bounds', () => {
    const alphabet = fc.integer({ min: 0, max: 3 }); // a small alphabet so needles are often found
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }).map((b) => b.map((x) => x % 4)), fc.nat({ max: 8 }), fc.array(alphabet, { maxLength: 5 }), fc.integer({ min: -3, max: 70 }), fc.integer({ min: -3, max: 70 }), (raw, skip, needle, from, limit) => {
        const view = raw.subarray(Math.min(skip, raw.length));
        expect(new Bytes(view).indexOf(needle, from, limit)).toBe(naive(view, needle, from, limit));
      }),
      { numRuns: 5000 },
    );
  });

  it('matches strings as Latin-1 bytes and never matches a character above U+00FF', () => {
    const b = new Bytes(new TextEncoder().encode('xx(Transform "Affine")'));
    expect(b.indexOf('(Transform ')).toBe(2);
    expect(b.indexOf('(Transform ', 3)).toBe(-1);
    expect(b.indexOf('\u0128')).toBe(-1); // Ĩ: its low byte is 0x28 "(", which must not match
    expect(new Bytes(new Uint8Array([0xe9])).indexOf('é')).toBe(0);
  });
});
