import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Bytes } from '../../../../main/formats/kit/bytes';
import { decodeText, keyValueLines, looksLikeText, parseIni } from '../../../../main/formats/kit/text';
import { toNumber } from '../../../../main/formats/kit/numbers';
import { parseXml, xmlAll, xmlAt, xmlAttr, xmlRootName, xmlText } from '../../../../main/formats/kit/xml';

describe('Bytes', () => {
  const b = new Bytes(new Uint8Array([0x4d, 0x41, 0x50, 0x20, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe]));

  it('reads in either byte order and refuses to read past the end', () => {
    expect(b.u32(4)).toBe(1);
    expect(b.u32(4, false)).toBe(0x01000000);
    expect(b.withEndianness(false).u16(4)).toBe(0x0100);
    expect(b.i16(8)).toBe(-257);
    expect(b.u32(7)).toBeUndefined();
    expect(b.u8(-1)).toBeUndefined();
    expect(b.u8(1.5)).toBeUndefined();
    expect(b.f64(3)).toBeUndefined();
  });

  it('matches magic, finds needles, and reads NUL-terminated text', () => {
    expect(b.startsWith('MAP ')).toBe(true);
    expect(b.startsWith([0x01, 0x00], 4)).toBe(true);
    expect(b.startsWith('MAP', 8)).toBe(false);
    expect(b.indexOf([0xff, 0xfe])).toBe(8);
    expect(b.indexOf('ZZ')).toBe(-1);
    expect(b.ascii(0, 6)).toBe('MAP \u0001');
    expect(b.slice(8, 100)).toHaveLength(2);
  });

  it('never throws on any offset (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: -100, max: 200 }), (data, o) => {
        const v = new Bytes(data);
        expect(() => [v.u8(o), v.u16(o), v.i32(o), v.u64(o), v.f32(o), v.f64(o), v.ascii(o, 8), v.slice(o, 4), v.startsWith('AB', o), v.indexOf('A', o)]).not.toThrow();
      }),
    );
  });
});

describe('text helpers', () => {
  it('decodes UTF-8 and UTF-16 by byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe('a');
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toBe('a');
  });

  it('tells text from binary, allowing a character cut by the read', () => {
    expect(looksLikeText(new TextEncoder().encode('PixelSpacing = 1.5\nVoltage = 300\n'))).toBe(true);
    expect(looksLikeText(new TextEncoder().encode('café'.repeat(10)).subarray(0, 39))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x4d, 0x00, 0x41]))).toBe(false);
    expect(looksLikeText(new Uint8Array(0))).toBe(false);
  });

  it('judges UTF-8 by RFC 3629: a 4-byte character cut anywhere at the end is allowed, a bad byte inside is not', () => {
    const emoji = new TextEncoder().encode('tilt 😀'); // U+1F600 is F0 9F 98 80 (RFC 3629 §3)
    for (let cut = emoji.length - 3; cut <= emoji.length; cut++) expect(looksLikeText(emoji.subarray(0, cut))).toBe(true);
    // A lone continuation byte, an overlong "/" (C0 AF) and a UTF-16 surrogate (ED A0 80) are invalid (RFC 3629 §3, §10).
    for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) expect(looksLikeText(new Uint8Array([0x61, ...bad, 0x62, 0x63, 0x64, 0x65]))).toBe(false);
    // The same bytes asked about twice, through different views, get the same answers.
    const text = new TextEncoder().encode('Voltage = 300\n');
    expect([looksLikeText(text), looksLikeText(text.subarray(0, 4)), looksLikeText(text)]).toEqual([true, true, true]);
  });

  it('parses key = value lines and INI sections', () => {
    expect(keyValueLines('A = 1\nB=two words\n A = 3\nnoise')).toEqual(new Map([['A', '1'], ['B', 'two words']]));
    const ini = parseIni('top=1\n[System]\nScanner=SkyScan1272\n; comment\n[Acquisition]\nSource Voltage (kV)= 100\n');
    expect(ini.get('System')?.get('Scanner')).toBe('SkyScan1272');
    expect(ini.get('Acquisition')?.get('Source Voltage (kV)')).toBe('100');
    expect(ini.get('')?.get('top')).toBe('1');
  });

  it('reads numbers, ignoring trailing units', () => {
    expect(toNumber(' 1.056e-10 m')).toBe(1.056e-10);
    expect(toNumber('-60.00')).toBe(-60);
    expect(toNumber('abc')).toBeUndefined();
    expect(toNumber(undefined)).toBeUndefined();
  });
});

describe('XML helpers', () => {
  const doc = `<?xml version="1.0"?><!-- c --><ns:Root xmlns:ns="urn:x" a="1"><Item k="x">one</Item><Item>two</Item><Deep><Leaf>42</Leaf></Deep></ns:Root>`;

  it('names the root without parsing, skipping declarations and comments', () => {
    expect(xmlRootName(doc)).toBe('Root');
    expect(xmlRootName('not xml')).toBeNull();
  });

  it('walks a parsed tree by path', () => {
    const tree = parseXml(doc);
    expect(xmlAttr(xmlAt(tree!, 'Root'), 'a')).toBe('1');
    expect(xmlAll(tree!, 'Root', 'Item').map(xmlText)).toEqual(['one', 'two']);
    expect(xmlAttr(xmlAt(tree!, 'Root', 'Item'), 'k')).toBe('x');
    expect(xmlText(xmlAt(tree!, 'Root', 'Deep', 'Leaf'))).toBe('42');
    expect(xmlAt(tree!, 'Root', 'Missing', 'Leaf')).toBeUndefined();
  });

  it('returns null for what it cannot parse', () => {
    expect(parseXml('x'.repeat(17 * 1024 * 1024))).toBeNull();
  });
});

describe('hostile text for the shared helpers', () => {
  it('finds an XML root past a prolog, and gives up on 16 000 unterminated comment openers', () => {
    expect(xmlRootName('<!--'.repeat(16_000))).toBeNull();
    expect(xmlRootName(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><!-- c --><x:Root/>`)).toBe('Root');
  });

  it('does not take random bytes behind a UTF-16 byte-order mark for text', () => {
    const noise = new Uint8Array(512).map((_, i) => (i * 97 + 13) % 256);
    noise[0] = 0xff;
    noise[1] = 0xfe;
    expect(looksLikeText(noise)).toBe(false);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, ...Array.from(new TextEncoder().encode('abc')).flatMap((c) => [c, 0])]))).toBe(true);
  });
});
