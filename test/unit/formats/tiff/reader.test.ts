import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { MAX_IFD_ENTRIES, MAX_PAGES_COUNTED, openTiff, parseHeader } from '../../../../main/formats/families/tiff/reader';
import { real } from '../../../fixtures/format-fixture';
import { TYPE, imageTags, tag, writeTiff, type TagSpec } from '../../../fixtures/writers/tiff/tiff';

const open = async (bytes: Uint8Array, name = 'x.tif') => {
  const ctx = contextFromBytes(name, bytes);
  const t = await openTiff(ctx);
  if (!t) throw new Error('not a TIFF');
  return { t, ctx };
};

/** One value of each type, as written and as read back. */
const TYPED: readonly { spec: TagSpec; expected: readonly number[]; bigOnly?: boolean }[] = [
  { spec: { tag: 40001, type: TYPE.BYTE, value: [1, 255, 7] }, expected: [1, 255, 7] },
  { spec: { tag: 40002, type: TYPE.SHORT, value: [65535, 2, 3] }, expected: [65535, 2, 3] },
  { spec: { tag: 40003, type: TYPE.LONG, value: [4294967295, 5] }, expected: [4294967295, 5] },
  { spec: { tag: 40004, type: TYPE.RATIONAL, value: [[1, 4]] }, expected: [0.25] },
  { spec: { tag: 40005, type: TYPE.SBYTE, value: [-3, 4] }, expected: [-3, 4] },
  { spec: { tag: 40006, type: TYPE.UNDEFINED, value: new Uint8Array([9, 8]) }, expected: [9, 8] },
  { spec: { tag: 40007, type: TYPE.SSHORT, value: [-300] }, expected: [-300] },
  { spec: { tag: 40008, type: TYPE.SLONG, value: [-70000, 70000] }, expected: [-70000, 70000] },
  { spec: { tag: 40009, type: TYPE.SRATIONAL, value: [[-3, 4]] }, expected: [-0.75] },
  { spec: { tag: 40010, type: TYPE.FLOAT, value: [1.5] }, expected: [1.5] },
  { spec: { tag: 40011, type: TYPE.DOUBLE, value: [3.37e-9, -2] }, expected: [3.37e-9, -2] },
  { spec: { tag: 40016, type: TYPE.LONG8, value: [2 ** 40 + 3] }, expected: [2 ** 40 + 3], bigOnly: true },
  { spec: { tag: 40017, type: TYPE.SLONG8, value: [-(2 ** 40)] }, expected: [-(2 ** 40)], bigOnly: true },
];

describe('TIFF header', () => {
  it('reads classic and BigTIFF headers in both byte orders, and refuses look-alikes', () => {
    expect(parseHeader(new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0]))).toEqual({ littleEndian: true, bigTiff: false, ifd0: 8 });
    expect(parseHeader(new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]))).toEqual({ littleEndian: false, bigTiff: false, ifd0: 8 });
    expect(parseHeader(new Uint8Array([0x49, 0x49, 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]))).toEqual({ littleEndian: true, bigTiff: true, ifd0: 16 });
    expect(parseHeader(new Uint8Array([0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16]))).toEqual({ littleEndian: false, bigTiff: true, ifd0: 16 });
    expect(parseHeader(new Uint8Array([0x49, 0x49, 43, 0, 4, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]))).toBeNull(); // BigTIFF bytesize must be 8
    expect(parseHeader(new Uint8Array([0x49, 0x49, 41, 0, 8, 0, 0, 0]))).toBeNull();
    expect(parseHeader(new Uint8Array([0x49, 0x49]))).toBeNull();
  });
});

describe('IFD values', () => {
  for (const bigTiff of [false, true]) {
    for (const littleEndian of [true, false]) {
      it(`reads every type back (${bigTiff ? 'BigTIFF' : 'classic'}, ${littleEndian ? 'II' : 'MM'})`, async () => {
        const specs = TYPED.filter((x) => bigTiff || !x.bigOnly);
        const { t } = await open(writeTiff({ bigTiff, littleEndian, ifds: [{ tags: [...imageTags({ width: 3, height: 2 }), ...specs.map((x) => x.spec), tag.ascii(270, 'héllo µm')] }] }));
        for (const x of specs) {
          const got = await t.numbers(x.spec.tag);
          expect(got?.length, `tag ${x.spec.tag}`).toBe(x.expected.length);
          x.expected.forEach((v, i) => expect(got?.[i]).toBeCloseTo(v, 12));
        }
        expect(await t.text(270)).toBe('héllo µm');
        expect(await t.number(256)).toBe(3);
      });
    }
  }

  it('keeps values of up to 4 bytes (classic) or 8 bytes (BigTIFF) inside the entry', async () => {
    const tags = [tag.short(40100, 1, 2), tag.short(40101, 1, 2, 3)];
    const classic = (await open(writeTiff({ ifds: [{ tags }] }))).t;
    expect(classic.entry(40100)?.inline).toBeDefined();
    expect(classic.entry(40101)?.inline).toBeUndefined();
    const big = (await open(writeTiff({ bigTiff: true, ifds: [{ tags }] }))).t;
    expect(big.entry(40101)?.inline).toBeDefined();
    expect(await big.numbers(40101)).toEqual([1, 2, 3]);
  });

  it('reports a value that points past the end of the file', async () => {
    const bytes = writeTiff({ ifds: [{ tags: [tag.ascii(270, 'x'.repeat(100))] }] });
    const { t } = await open(bytes.subarray(0, bytes.length - 50));
    expect((await t.text(270))!.length).toBeLessThan(100);
    expect(t.problems.join(' ')).toMatch(/runs past the end of the file/);
  });

  it('reads only MAX_IFD_ENTRIES of an IFD that claims 65535 entries, and says so', async () => {
    const bytes = writeTiff({ ifds: [{ tags: imageTags({ width: 2, height: 2 }) }] });
    new DataView(bytes.buffer).setUint16(8, 0xffff, true);
    const { t } = await open(bytes);
    expect(t.problems.join(' ')).toMatch(new RegExp(`more than ${MAX_IFD_ENTRIES}`));
    expect(t.problems.join(' ')).toMatch(/cut/);
  });
});

describe('page chain', () => {
  const pages = (n: number, strip = 16) => writeTiff({ ifds: Array.from({ length: n }, () => ({ tags: imageTags({ width: 4, height: 4 }), strip: new Uint8Array(strip) })) });

  it('counts every page of a short chain', async () => {
    const { t } = await open(pages(5));
    expect(await t.pages()).toEqual({ count: 5, complete: true });
  });

  it('stops at MAX_PAGES_COUNTED and says the count is a lower bound, reading within the budget', async () => {
    const { t, ctx } = await open(pages(MAX_PAGES_COUNTED + 50, 2048));
    expect(await t.pages()).toEqual({ count: MAX_PAGES_COUNTED, complete: false });
    expect(ctx.stats.reads).toBeLessThanOrEqual(MAX_PAGES_COUNTED);
  });

  it('detects a chain that loops back', async () => {
    const bytes = pages(2);
    const dv = new DataView(bytes.buffer);
    // IFD0 at 8: its next-IFD pointer follows the entries; point IFD1's next pointer back to IFD0.
    const n0 = dv.getUint16(8, true);
    const next0 = dv.getUint32(8 + 2 + n0 * 12, true);
    const n1 = dv.getUint16(next0, true);
    dv.setUint32(next0 + 2 + n1 * 12, 8, true);
    const { t } = await open(bytes);
    expect(await t.pages()).toEqual({ count: 2, complete: false });
    expect(t.problems.join(' ')).toMatch(/loops back to byte 8/);
  });

  it('reports an IFD0 offset outside the file instead of failing', async () => {
    const { t } = await open(writeTiff({ ifd0OffsetOverride: 1_000_000, ifds: [{ tags: imageTags({ width: 2, height: 2 }) }] }));
    expect(t.ifd0).toBeUndefined();
    expect(t.problems[0]).toMatch(/IFD0 offset 1000000 is outside the file/);
  });
});

describe('bounded reads', () => {
  it('reads the real OME-TIFF with IFD0 from the head and one read for its OME-XML', async () => {
    const { t, ctx } = await open(real('tiff/s_1_t_1_c_1_z_1.ome.tiff')(), 's.ome.tiff');
    const xml = await t.text(270);
    expect(xml?.endsWith('</OME>')).toBe(true);
    expect(ctx.stats.reads).toBe(1);
    expect(ctx.stats.bytes).toBeLessThan(300_000);
  });
});

describe('writer (TIFF 6.0 / BigTIFF)', () => {
  it('sorts entries by tag and starts out-of-line values on word boundaries', () => {
    const bytes = writeTiff({ ifds: [{ tags: [tag.ascii(305, 'odd'), tag.ascii(270, 'abcde'), ...imageTags({ width: 2, height: 2 })] }] });
    const dv = new DataView(bytes.buffer);
    const n = dv.getUint16(8, true);
    const entries = Array.from({ length: n }, (_, i) => ({ tag: dv.getUint16(10 + i * 12, true), count: dv.getUint32(14 + i * 12, true), value: dv.getUint32(18 + i * 12, true) }));
    expect(entries.map((e) => e.tag)).toEqual([...entries.map((e) => e.tag)].sort((a, b) => a - b));
    for (const e of entries.filter((x) => x.count > 4 && (x.tag === 270 || x.tag === 305))) expect(e.value % 2).toBe(0);
  });

  it('writes the BigTIFF header as the specification gives it', () => {
    const bytes = writeTiff({ bigTiff: true, littleEndian: false, ifds: [{ tags: [] }] });
    expect([...bytes.subarray(0, 16)]).toEqual([0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16]);
  });
});
