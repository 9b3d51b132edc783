import { describe, expect, it } from 'vitest';
import { manifestLine, needsEscape } from '../../../../shared/export/manifest-line';
import { parseChecksumList } from '../../../../shared/export/checksum-algorithm';

const text = (u: Uint8Array) => Buffer.from(u).toString('latin1');
const bytes = (s: string) => Buffer.from(s, 'latin1');
// MD5 of the empty input (RFC 1321 appendix A.5).
const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

// Expected lines from the GNU coreutils manual, "cksum output modes" (untagged format): digest, a space, a
// space for text mode, the name; a name with a backslash, newline or carriage return is escaped and its line
// starts with a backslash. The coreutils test tests/cksum/md5sum-newline.pl expects `\<md5>  a\nb` for "a<LF>b".
describe('manifestLine', () => {
  it.each([
    ['a plain name', 'sbf/slice_0001.tif', `${EMPTY_MD5}  sbf/slice_0001.tif\n`],
    ['a space and quotes (no escaping needed)', `it's "x" y.tif`, `${EMPTY_MD5}  it's "x" y.tif\n`],
    ['a newline', 'a\nb', `\\${EMPTY_MD5}  a\\nb\n`],
    ['a backslash', 'x\\y', `\\${EMPTY_MD5}  x\\\\y\n`],
    ['a carriage return', 'a\rb', `\\${EMPTY_MD5}  a\\rb\n`],
  ])('writes %s as coreutils does', (_what, name, line) => {
    expect(text(manifestLine(EMPTY_MD5, bytes(name)))).toBe(line);
  });

  it('keeps bytes that are not UTF-8 as they are (md5sum -c opens those bytes)', () => {
    const name = Uint8Array.from([0x61, 0xff, 0x62]);
    const line = manifestLine(EMPTY_MD5, name);
    expect([...line.slice(-4)]).toEqual([0x61, 0xff, 0x62, 0x0a]);
    expect(needsEscape(name)).toBe(false);
  });
});

describe('parseChecksumList', () => {
  it.each<[string, unknown]>([
    ['md5', ['md5']],
    ['sha256,md5', ['md5', 'sha256']],
    ['MD5, SHA256', ['md5', 'sha256']],
    ['none', []],
  ])('reads %s', (value, expected) => expect(parseChecksumList(value)).toEqual(expected));

  it.each(['sha1', 'md5,crc32', ''])('refuses %j', (value) => expect(parseChecksumList(value)).toHaveProperty('error'));
});
