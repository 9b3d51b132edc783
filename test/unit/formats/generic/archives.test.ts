import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { genericDetectors } from '../../../../main/formats/families/generic';
import { gzipDetector, tarDetector } from '../../../../main/formats/families/generic/archive';
import { zipDetector } from '../../../../main/formats/families/generic/zip';
import { identify } from '../../../../main/formats/registry';
import { utf8 } from '../../../fixtures/format-fixture';
import { concat, latin1 } from '../../../fixtures/writers/generic/crc32';
import { writeGzip } from '../../../fixtures/writers/generic/gzip';
import { writeTar } from '../../../fixtures/writers/generic/tar';
import { writeZip } from '../../../fixtures/writers/generic/zip';

/** Rewrites a writeZip archive as ZIP64: EOCD fields 0xFFFF…, then a ZIP64 EOCD record and locator (APPNOTE §4.3.14–15). */
function asZip64(zip: Uint8Array): Uint8Array {
  const eocdAt = zip.length - 22;
  const v = new DataView(zip.buffer, zip.byteOffset);
  const entries = v.getUint16(eocdAt + 10, true);
  const cdSize = v.getUint32(eocdAt + 12, true);
  const cdOffset = v.getUint32(eocdAt + 16, true);
  const rec = new Uint8Array(56);
  const rv = new DataView(rec.buffer);
  rv.setUint32(0, 0x06064b50, true);
  rv.setBigUint64(4, 44n, true);
  rv.setBigUint64(24, BigInt(entries), true);
  rv.setBigUint64(32, BigInt(entries), true);
  rv.setBigUint64(40, BigInt(cdSize), true);
  rv.setBigUint64(48, BigInt(cdOffset), true);
  const loc = new Uint8Array(20);
  const lv = new DataView(loc.buffer);
  lv.setUint32(0, 0x07064b50, true);
  lv.setBigUint64(8, BigInt(eocdAt), true);
  lv.setUint32(16, 1, true);
  const eocd = zip.slice(eocdAt);
  const ev = new DataView(eocd.buffer);
  ev.setUint16(8, 0xffff, true);
  ev.setUint16(10, 0xffff, true);
  ev.setUint32(12, 0xffffffff, true);
  ev.setUint32(16, 0xffffffff, true);
  return concat([zip.subarray(0, eocdAt), rec, loc, eocd]);
}

describe('ZIP', () => {
  it('reads a central directory far from the head, within the budget', async () => {
    const zip = writeZip([{ name: 'big.bin', data: new Uint8Array(3_000_000) }, { name: 'notes.txt', data: utf8('x') }], 'made by a test');
    const ctx = contextFromBytes('big.zip', zip);
    const found = await zipDetector.detect(ctx);
    expect(found?.facts.header?.value).toMatchObject({ entries: 2, firstEntries: 'big.bin, notes.txt', comment: 'made by a test', zip64: false });
    expect(ctx.stats.reads).toBeLessThanOrEqual(3);
  });

  it('follows the ZIP64 locator to the ZIP64 end-of-central-directory record', async () => {
    const found = await zipDetector.detect(contextFromBytes('z64.zip', asZip64(writeZip([{ name: 'a', data: utf8('1') }, { name: 'b', data: utf8('2') }]))));
    expect(found?.facts.header?.value).toMatchObject({ entries: 2, zip64: true, firstEntries: 'a, b' });
    expect(found?.problems).toEqual([]);
  });

  it('keeps a truncated archive as ZIP with a problem and the first local name', async () => {
    const zip = writeZip([{ name: 'first.tif', data: new Uint8Array(100) }, { name: 'second.tif', data: new Uint8Array(100) }]);
    const found = await zipDetector.detect(contextFromBytes('cut.zip', zip.subarray(0, 150)));
    expect(found).toMatchObject({ format: 'zip', confidence: CONFIDENCE.MAGIC });
    expect(found?.facts.header?.value).toMatchObject({ firstEntries: 'first.tif' });
    expect(found?.problems.join()).toMatch(/end-of-central-directory/);
  });

  it('names ZIP-based containers in the evidence but stays ZIP', async () => {
    const jpk = writeZip([{ name: 'header.properties', data: utf8('x=1') }, { name: 'segments/0/segment-header.properties', data: utf8('y=2') }]);
    const found = await identify(contextFromBytes('curve.zip', jpk), genericDetectors);
    expect(found.format).toBe('zip');
    expect(found.evidence.map((e) => e.detail).join()).toMatch(/JPK force-curve archive/);
    const zarr = await zipDetector.detect(contextFromBytes('t.zarr.zip', writeZip([{ name: '.zgroup', data: utf8('{"zarr_format": 2}') }])));
    expect(zarr?.evidence.map((e) => e.detail).join()).toMatch(/zipped Zarr store/);
  });

  it('recognises an empty archive (only the EOCD record)', async () => {
    const found = await zipDetector.detect(contextFromBytes('empty.zip', writeZip([])));
    expect(found?.facts.header?.value).toMatchObject({ entries: 0 });
  });
});

describe('tar', () => {
  it('lowers confidence and says so when the header checksum does not add up', async () => {
    const tar = writeTar([{ name: 'a.txt', data: utf8('a') }]);
    tar[0] = 0x62; // "b.txt": the stored checksum no longer fits
    const found = await tarDetector.detect(contextFromBytes('x.tar', tar));
    expect(found?.confidence).toBeLessThan(CONFIDENCE.MAGIC);
    expect(found?.problems.join()).toMatch(/checksum/);
  });

  it('takes the first member name from a pax extended header', async () => {
    const long = `${'deep/'.repeat(30)}image.tif`;
    const record = `path=${long}\n`;
    const pax = latin1(`${record.length + String(record.length + 4).length + 1} ${record}`);
    const tar = writeTar([{ name: 'PaxHeaders/x', data: pax }, { name: 'short.tif', data: new Uint8Array(10) }]);
    tar[156] = 'x'.charCodeAt(0);
    const found = await tarDetector.detect(contextFromBytes('x.tar', tar));
    expect(found?.facts.header?.value).toMatchObject({ firstMember: long.slice(0, 119) + '…', format: 'POSIX ustar (pax)' });
  });

  it('is not fooled by gzip content that is no tar', async () => {
    expect(await tarDetector.detect(contextFromBytes('x.tgz', writeGzip(utf8('hello'))))).toBeNull();
  });
});

describe('gzip', () => {
  it('reads FCOMMENT and flags BGZF (an extra subfield "BC")', async () => {
    const gz = writeGzip(utf8('x'), { name: 'a.bam', comment: 'made here' });
    // Insert FEXTRA with a BC subfield (RFC 1952 §2.3.1.1; SAM/BAM spec §4.1).
    const extra = new Uint8Array([6, 0, 0x42, 0x43, 2, 0, 0, 0]);
    const withExtra = concat([gz.subarray(0, 10), extra, gz.subarray(10)]);
    withExtra[3] = withExtra[3]! | 0x04;
    const found = await gzipDetector.detect(contextFromBytes('a.bam', withExtra));
    expect(found?.facts.header?.value).toMatchObject({ bgzf: true, originalName: 'a.bam', comment: 'made here' });
    expect(found?.confidence).toBeLessThanOrEqual(0.6);
  });

  it('refuses reserved FLG bits', async () => {
    const gz = writeGzip(utf8('x'));
    gz[3] = 0x80;
    expect(await gzipDetector.detect(contextFromBytes('x.gz', gz))).toBeNull();
  });

  it('keeps a stream that does not inflate as gzip with a problem', async () => {
    const found = await gzipDetector.detect(contextFromBytes('x.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff])));
    expect(found?.problems.join()).toMatch(/does not inflate/);
  });
});
