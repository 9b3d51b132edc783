import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { HEAD_BYTES } from '../../../../main/formats/detector';
import { genericDetectors } from '../../../../main/formats/families/generic';
import { csvDetector } from '../../../../main/formats/families/generic/csv';
import { jsonDetector } from '../../../../main/formats/families/generic/json';
import { textDetector } from '../../../../main/formats/families/generic/text';
import { xmlDetector } from '../../../../main/formats/families/generic/xml';
import { xmlRoot } from '../../../../main/formats/kit/xml';
import { identify } from '../../../../main/formats/registry';
import { utf8 } from '../../../fixtures/format-fixture';
import { fixtures, noise } from '../../../fixtures/families/generic';

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + 2 * text.length);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

describe('generic text formats stay below the specific readers', () => {
  it('never claims more than 0.5 for XML, JSON, tables or text', async () => {
    for (const f of fixtures.positives) {
      for (const d of genericDetectors.filter((x) => ['generic-xml', 'generic-json', 'generic-csv', 'generic-text'].includes(x.id))) {
        const found = await d.detect(contextFromBytes(f.name, f.bytes()));
        if (found) expect(found.confidence, `${d.id} on ${f.name}`).toBeLessThan(0.6);
      }
    }
  });
});

describe('XML', () => {
  it('finds the root past the declaration, comments, PIs and a DOCTYPE with an internal subset', () => {
    const text = '<?xml version="1.0"?>\n<!-- a <fake> comment -->\n<?pi x?>\n<!DOCTYPE r [ <!ELEMENT r ANY> ]>\n<p:Real xmlns:p="urn:p" a="1">x</p:Real>';
    expect(xmlRoot(text)).toMatchObject({ name: 'Real', prefix: 'p', tag: '<p:Real xmlns:p="urn:p" a="1">', selfClosing: false });
    expect(xmlRoot('<!-- never closed <a>')).toBeNull();
    expect(xmlRoot('text <a>')).toBeNull();
  });

  it('reads a UTF-16 document with a BOM', async () => {
    const found = await identify(contextFromBytes('u16.xml', utf16le('<?xml version="1.0" encoding="UTF-16"?>\r\n<Plate xmlns="urn:x"><Well/></Plate>\r\n')), genericDetectors);
    expect(found.format).toBe('xml');
    expect(found.facts.header?.value).toMatchObject({ root: 'Plate', namespace: 'urn:x', encoding: 'UTF-16' });
  });

  it('says when a whole document does not close its root', async () => {
    const found = await xmlDetector.detect(contextFromBytes('open.xml', utf8('<a><b/>')));
    expect(found?.confidence).toBeLessThan(0.5);
    expect(found?.problems.join()).toMatch(/does not end by closing its root element <a>/);
  });

  it('accepts a self-closing root', async () => {
    const found = await xmlDetector.detect(contextFromBytes('e.xml', utf8('<?xml version="1.0"?>\n<Empty attr="1"/>\n')));
    expect(found?.facts.header?.value).toMatchObject({ root: 'Empty', complete: true });
  });

  it('does not judge completeness when the file is longer than its head', async () => {
    const big = utf8(`<log>${'<line>x</line>\n'.repeat(10_000)}</log>`);
    expect(big.length).toBeGreaterThan(HEAD_BYTES);
    const found = await xmlDetector.detect(contextFromBytes('big.xml', big));
    expect(found?.problems).toEqual([]);
  });
});

describe('JSON', () => {
  it('accepts a document cut by the head read when every token so far is valid', async () => {
    const big = utf8(`{"points": [${Array.from({ length: 20_000 }, (_, i) => `[${i}, ${i * 0.5}]`).join(', ')}], "unit": "um"}`);
    expect(big.length).toBeGreaterThan(HEAD_BYTES);
    const found = await jsonDetector.detect(contextFromBytes('big.json', big));
    expect(found?.facts.header?.value).toMatchObject({ topLevel: 'object', complete: false, keys: 'points' });
  });

  it('reads JSON Lines', async () => {
    const found = await jsonDetector.detect(contextFromBytes('x.jsonl', utf8('{"a": 1}\n{"a": 2}\n{"a": 3}\n')));
    expect(found?.facts.header?.value).toMatchObject({ topLevel: 'JSON Lines', records: 3, keys: 'a' });
  });

  it('refuses invalid JSON, scalars and trailing garbage', async () => {
    for (const text of ['{"a": 01}', "{'a': 1}", '"just a string"', '{"a": 1} x', '[1, 2,, 3]', '{"a" 1}', '[tru]']) {
      expect(await jsonDetector.detect(contextFromBytes('x.json', utf8(text))), text).toBeNull();
    }
  });

  it('handles escapes and nested containers', async () => {
    const found = await jsonDetector.detect(contextFromBytes('x.json', utf8('[{"k": "a\\"b\\u00e9"}, [[], {}], null, -1.5e3]')));
    expect(found?.facts.header?.value).toMatchObject({ topLevel: 'array', complete: true });
  });
});

describe('CSV', () => {
  it('refuses lines with different numbers of fields', async () => {
    expect(await csvDetector.detect(contextFromBytes('x.csv', utf8('a,b,c\n1,2\n3,4,5\n')))).toBeNull();
  });

  it('refuses a single line', async () => {
    expect(await csvDetector.detect(contextFromBytes('x.csv', utf8('a,b,c\n')))).toBeNull();
  });

  it('keeps quoted delimiters inside their field', async () => {
    const found = await csvDetector.detect(contextFromBytes('x.csv', utf8('name;value\n"a;b";1\n"c ""quoted""";2\n')));
    expect(found?.facts.header?.value).toMatchObject({ delimiter: 'semicolon', columns: 2 });
  });

  it('drops the last line of a file longer than its head, which may be cut', async () => {
    const rows = Array.from({ length: 8000 }, (_, i) => `${i},${i * 2},${i * 3}`).join('\n');
    const found = await csvDetector.detect(contextFromBytes('big.csv', utf8(`x,y,z\n${rows}\n`)));
    expect(found?.facts.header?.value).toMatchObject({ columns: 3, headerRow: true });
  });
});

describe('text', () => {
  it('reads UTF-16 text with a BOM and CRLF line endings', async () => {
    const found = await textDetector.detect(contextFromBytes('notes.txt', utf16le('line one\r\nline two\r\n')));
    expect(found?.facts.header?.value).toMatchObject({ encoding: 'UTF-16LE', lines: 2, lineEndings: 'CRLF' });
  });

  it('refuses random bytes behind a UTF-16 byte-order mark', async () => {
    const bytes = noise(8192, 7);
    bytes.set([0xff, 0xfe]);
    expect(await textDetector.detect(contextFromBytes('x.bin', bytes))).toBeNull();
  });

  it('refuses binary bytes', async () => {
    expect(await textDetector.detect(contextFromBytes('x.bin', new Uint8Array([0x41, 0, 0x42, 1, 2, 3])))).toBeNull();
  });
});
