import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { count, exactNumber, nonNegativeInt, plausibleCount, positive, toNumber, within } from '../../../../main/formats/kit/numbers';
import { toNanometres, unitToNm } from '../../../../main/formats/kit/units';
import { completeLines, headText, probedHeadText, textOf } from '../../../../main/formats/kit/text';
import { descendants, descendantText, firstDescendant, MAX_XML_MATCHES, numAttr, parseXml } from '../../../../main/formats/kit/xml';
import { readInFile, readOrReport, readRange } from '../../../../main/formats/kit/read';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('the one length-unit table', () => {
  // SI: 1 m = 1e9 nm, 1 mm = 1e6 nm, 1 µm = 1e3 nm, 1 Å = 0.1 nm, 1 pm = 1e-3 nm (BIPM SI Brochure, 9th ed., Table 7;
  // the ångström, 1e-10 m, per ISO 80000-3). Spellings as the formats write them: OME-NGFF 0.4 axes units are
  // UDUNITS-2 names ("micrometer", "angstrom"); OME-XML UnitsLength symbols ("µm", "Å"); Olympus OIR "MICRO_METER";
  // ImageJ "micron".
  it.each([
    ['micrometer', 1e3],
    ['µm', 1e3],
    ['MICRO_METER', 1e3],
    ['micron', 1e3],
    ['angstrom', 0.1],
    ['Å', 0.1],
    ['m', 1e9],
    ['mm', 1e6],
    ['pm', 1e-3],
    ['nanometer', 1],
  ])('%s is %s nm', (unit, nm) => expect(unitToNm(unit)).toBe(nm));

  it('knows no other units and converts only positive lengths', () => {
    expect(unitToNm('furlong')).toBeUndefined();
    expect(unitToNm(undefined)).toBeUndefined();
    expect(toNanometres(undefined, 'nm')).toBeUndefined();
    expect(toNanometres(-1, 'µm')).toBeUndefined();
    expect(toNanometres(0.5, 'micrometer')).toBe(500);
  });
});

describe('number guards', () => {
  it('keep only plausible values', () => {
    expect(positive(0)).toBeUndefined();
    expect(positive(Number.NaN)).toBeUndefined();
    expect(count(0)).toBeUndefined();
    expect(count(3)).toBe(3);
    expect(count(2.5)).toBeUndefined();
    expect(count(11, 10)).toBeUndefined();
    expect(plausibleCount(999_999_999)).toBe(true);
    expect(plausibleCount(1e9)).toBe(false);
    expect(nonNegativeInt(0)).toBe(0);
    expect(nonNegativeInt(2 ** 31)).toBeUndefined();
    expect(within(91, -90, 90)).toBeUndefined();
  });

  it('read a leading number, or only a whole one', () => {
    expect(toNumber(' 1.5e3 nm')).toBe(1500);
    expect(exactNumber('1.5e3 nm')).toBeUndefined();
    expect(exactNumber(' 42 ')).toBe(42);
  });
});

describe('text of the head', () => {
  it('drops a line the bounded read may have cut, and keeps every line of a whole file', () => {
    expect(completeLines('a\nb\nc', false)).toEqual(['a', 'b']);
    expect(completeLines('a\r\nb\n', true)).toEqual(['a', 'b']);
    expect(completeLines('a\rb\rc\r', true, 2)).toEqual(['a', 'b']);
  });

  it('is decoded once per head and refuses binary bytes', () => {
    const ctx = contextFromBytes('a.txt', utf8('\uFEFFhello'));
    const first = headText(ctx);
    expect(first).toEqual({ text: 'hello', encoding: 'UTF-8 with BOM' });
    expect(headText(ctx)).toBe(first);
    expect(textOf(new Uint8Array([0x41, 0, 0x42]))).toBeNull();
    // Only the first 4096 bytes are probed: a NUL after them does not stop a probed read.
    const late = new Uint8Array(5000).fill(0x41);
    late[4500] = 0;
    expect(probedHeadText(contextFromBytes('t.csv', late))?.complete).toBe(true);
    expect(headText(contextFromBytes('t.csv', late))).toBeNull();
  });
});

describe('bounded XML searches', () => {
  const tree = parseXml('<a><b n="1"><c>x</c></b><b n="2"><c> </c><c>y</c></b><d><b n="3"/></d></a>');

  it('find elements in document order', () => {
    expect(descendants(tree ?? undefined, 'b').map((b) => numAttr(b, 'n'))).toEqual([1, 2, 3]);
    expect(numAttr(firstDescendant(tree ?? undefined, 'b'), 'n')).toBe(1);
    expect(descendantText(tree ?? undefined, 'c')).toBe('x');
    expect(descendants(tree ?? undefined, 'b', 2)).toHaveLength(2);
  });

  it('stop at MAX_XML_MATCHES', () => {
    const many = parseXml(`<a>${'<b n="1"/>'.repeat(MAX_XML_MATCHES + 10)}</a>`);
    expect(descendants(many ?? undefined, 'b')).toHaveLength(MAX_XML_MATCHES);
  });
});

describe('bounded reads', () => {
  const bytes = new Uint8Array(100).map((_, i) => i);

  it('never read outside the file and say why a read failed', async () => {
    const ctx = contextFromBytes('x.bin', bytes);
    expect(await readInFile(ctx, 100, 4)).toBeNull();
    expect([...((await readInFile(ctx, 98, 4)) ?? [])]).toEqual([98, 99]);
    const problems: string[] = [];
    expect(await readOrReport(ctx, -1, 4, problems, 'the header')).toBeNull();
    expect(problems).toEqual(['Could not read the header (4 bytes at -1): invalid range -1+4.']);
    expect((await readRange(ctx, 90, 50, problems, 'the tail')).length).toBe(10);
  });
});
