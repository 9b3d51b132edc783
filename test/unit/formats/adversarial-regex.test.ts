import { describe, expect, it } from 'vitest';
import { blocks, firstText, startTags, texts } from '../../../main/formats/kit/xml-scan';
import { contextFromBytes } from '../../../main/formats/context';
import { valueText } from '../../../main/formats/families/omics-hdf5/h5-access';
import { parseCzSem } from '../../../main/formats/families/tiff/zeiss-sem';
import { trimTrailingNul, trimTrailingSpaces } from '../../../main/formats/kit/trim';
import { CASES, SIZE_SLACK, SIZES } from '../../fixtures/adversarial-files';

// Issue 12 finding 1: patterns that backtrack quadratically on file content (`/\0+$/`, `/ +$/`, `/[^>]*$/`,
// `\d+\.?\d*` before a failing tail, `\s*` around a lazy run, `/^\s*…/m` over a head of blank lines) blocked the
// scan for seconds on a 64 KB file. Each reader gets crafted inputs of 64 KB and 1 MB (the sizes the issue names)
// and must finish within the bound below.

/** Wall-clock bound per input: the issue measured 9–20 s at 64 KB before the fix; linear readers take milliseconds. */
const BOUND_MS = 500;
/** Milliseconds `f` takes. */
async function timed(f: () => unknown): Promise<number> {
  const start = performance.now();
  await f();
  return performance.now() - start;
}

describe('readers on adversarial inputs finish in linear time (issue 12, finding 1)', () => {
  for (const c of CASES) {
    for (const size of SIZES) {
      it(`${c.what}, ${size / 1024} KiB`, async () => {
        const bytes = c.bytes(size);
        if (!c.compressed) expect(Math.abs(bytes.length - size)).toBeLessThan(SIZE_SLACK);
        const ctx = contextFromBytes(c.name, bytes);
        expect(await timed(async () => (c.detector.sniff(ctx) ? c.detector.detect(ctx) : null))).toBeLessThan(BOUND_MS);
      }, 120_000);
    }
  }

  // Sites reached without a whole file: the CZ_SEM text of a Zeiss SEM TIFF (tag 34118, tifffile read_cz_sem) and
  // the string values h5wasm hands back (h5-access valueText, h5-ops fixed-length strings padded with blanks).
  for (const size of SIZES) {
    it(`Zeiss CZ_SEM value: a long number, a word, then a CR (NUMBER_UNIT), ${size / 1024} KiB`, async () => {
      const czSem = `0\r\n0\r\nAP_WD\r\nWD = ${'1'.repeat(size)} a\rb\r\nAP_MAG\r\nMag = 20.00 K X`;
      let parsed: ReturnType<typeof parseCzSem> | undefined;
      expect(await timed(() => (parsed = parseCzSem(czSem)))).toBeLessThan(BOUND_MS);
      // "Mag = 20.00 K X" is number 20 with unit "K X" (tifffile read_cz_sem splits value and unit the same way).
      expect(parsed?.get('ap_mag')).toMatchObject({ number: 20, unit: 'K X' });
    }, 120_000);

    it(`vendor index XML scans: many unclosed start tags ([^>]* with no > after it), ${size / 1024} KiB`, async () => {
      const unclosed = '<Image '.repeat(Math.floor(size / 7));
      const doc = `<Images><Image id="1">a</Image>${unclosed}`;
      let found: unknown[] = [];
      expect(await timed(() => (found = [startTags(doc, 'Image', 10), texts(doc, 'Image', 10), firstText(doc, 'Image'), blocks(doc, 'Image', 10)]))).toBeLessThan(BOUND_MS);
      // What the complete element before the unclosed tags gives, as an XML reader would read it (XML 1.0 §3.1).
      expect(found).toEqual([[new Map([['id', '1']])], [{ text: 'a', attrs: new Map([['id', '1']]) }], 'a', [{ body: 'a', attrs: new Map([['id', '1']]) }]]);
    }, 120_000);

    it(`HDF5 string values: NULs or blanks then one other character (/\\0+$/, / +$/), ${size / 1024} KiB`, async () => {
      const nuls = `${'\0'.repeat(size)}x`;
      const blanks = `${' '.repeat(size)}x`;
      expect(await timed(() => [valueText(nuls), valueText(nuls.split('')), trimTrailingNul(nuls), trimTrailingSpaces(blanks)])).toBeLessThan(BOUND_MS);
    }, 120_000);
  }
});

describe('linear trims keep what the patterns they replace did', () => {
  // Expected values are what `.replace(/\0+$/, '')` and `.replace(/ +$/, '')` give (ECMA-262 String.prototype.replace).
  it('trimTrailingNul drops only the NULs at the end', () => {
    expect(trimTrailingNul('a\0b\0\0')).toBe('a\0b');
    expect(trimTrailingNul('\0\0')).toBe('');
    expect(trimTrailingNul('ab')).toBe('ab');
    expect(trimTrailingNul('ab\0 ')).toBe('ab\0 ');
  });

  it('trimTrailingSpaces drops only U+0020 at the end', () => {
    expect(trimTrailingSpaces('a b  ')).toBe('a b');
    expect(trimTrailingSpaces('a\t ')).toBe('a\t');
    expect(trimTrailingSpaces('   ')).toBe('');
  });
});
