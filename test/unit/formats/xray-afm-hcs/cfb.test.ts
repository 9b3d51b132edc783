import { describe, expect, it } from 'vitest';
import CFB from 'cfb';
import { contextFromBytes } from '../../../../main/formats/context';
import { CompoundFile } from '../../../../main/formats/families/xray-afm-hcs/cfb';
import { writeCompoundFile } from '../../../fixtures/writers/xray-afm-hcs/ole2';

function pattern(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

describe('bounded MS-CFB reader', () => {
  it('reads short streams from the mini stream and long ones from the FAT, as the cfb package wrote them', async () => {
    const small = pattern(100, 1);
    const edge = pattern(4095, 2);
    const big = pattern(20000, 3);
    const bytes = writeCompoundFile([
      { path: 'A/small', content: small },
      { path: 'A/edge', content: edge },
      { path: 'B/C/big', content: big },
    ]);
    const ctx = contextFromBytes('x.bin', bytes);
    const cf = CompoundFile.open(ctx)!;
    expect(cf).not.toBeNull();
    expect(await cf.read((await cf.resolve(['A', 'small']))!, 1e6)).toEqual(small);
    expect(await cf.read((await cf.resolve(['a', 'EDGE']))!, 1e6)).toEqual(edge);
    expect(await cf.read((await cf.resolve(['B', 'C', 'big']))!, 1e6)).toEqual(big);
    expect(await cf.read((await cf.resolve(['B', 'C', 'big']))!, 10)).toEqual(big.subarray(0, 10));
    expect(await cf.resolve(['A', 'missing'])).toBeUndefined();
    expect(cf.problems).toEqual([]);
  });

  it('lists every child of a storage with many entries', async () => {
    const streams = Array.from({ length: 300 }, (_, i) => ({ path: `ImageData1/Image${i + 1}`, content: pattern(8, i) }));
    const cf = CompoundFile.open(contextFromBytes('x.bin', writeCompoundFile(streams)))!;
    const storage = (await cf.resolve(['ImageData1']))!;
    const names = (await cf.children(storage)).map((e) => e.name);
    expect(names).toHaveLength(300);
    expect(new Set(names).size).toBe(300);
  });

  it('follows DIFAT sectors for files with more than 109 FAT sectors, within the read budget', async () => {
    // 109 FAT sectors × 128 entries × 512 bytes ≈ 7.1 MB: a longer file needs DIFAT sectors ([MS-CFB] §2.5).
    const tail = pattern(6000, 9);
    const bytes = writeCompoundFile([
      { path: 'Big', content: new Uint8Array(7_600_000) },
      { path: 'Tail', content: tail },
    ]);
    const parsed = CFB.read(Buffer.from(bytes), { type: 'buffer' });
    const tailEntry = parsed.FileIndex.find((e) => e.name === 'Tail') as unknown as { start: number };
    expect(tailEntry.start).toBeGreaterThan(109 * 128);
    const ctx = contextFromBytes('x.bin', bytes);
    const cf = CompoundFile.open(ctx)!;
    expect(await cf.read((await cf.resolve(['Tail']))!, 1e6)).toEqual(tail);
    expect(ctx.stats.reads).toBeLessThan(64);
  });

  it('stops at a FAT chain that loops, with a problem instead of an exception', async () => {
    const bytes = writeCompoundFile([{ path: 'S', content: pattern(9000, 4) }]);
    const parsed = CFB.read(Buffer.from(bytes), { type: 'buffer' });
    const start = (parsed.FileIndex.find((e) => e.name === 'S') as unknown as { start: number }).start;
    // FAT sector 0 is the first DIFAT entry; point FAT[start + 1] back at `start`.
    const fatSector = new DataView(bytes.buffer).getUint32(76, true);
    new DataView(bytes.buffer).setUint32((fatSector + 1) * 512 + (start + 1) * 4, start, true);
    const cf = CompoundFile.open(contextFromBytes('x.bin', bytes))!;
    expect(await cf.read((await cf.resolve(['S']))!, 1e6)).toBeUndefined();
    expect(cf.problems.join(' ')).toMatch(/loops/);
  });

  it('refuses headers that are not [MS-CFB] headers', () => {
    const bytes = writeCompoundFile([{ path: 'S', content: pattern(10, 1) }]);
    bytes[28] = 0; // byte order mark
    expect(CompoundFile.open(contextFromBytes('x.bin', bytes))).toBeNull();
    expect(CompoundFile.open(contextFromBytes('x.bin', new Uint8Array(100)))).toBeNull();
  });

  it('never throws on truncated or corrupted compound files', async () => {
    const bytes = writeCompoundFile([
      { path: 'ImageInfo/A', content: pattern(40, 1) },
      { path: 'ImageInfo/B', content: pattern(5000, 2) },
    ]);
    for (let cut = 512; cut < bytes.length; cut += 256) {
      const cf = CompoundFile.open(contextFromBytes('x.bin', bytes.subarray(0, cut)));
      if (!cf) continue;
      const info = await cf.resolve(['ImageInfo']);
      if (info) for (const e of await cf.children(info)) await cf.read(e, 1e6);
    }
    for (let seed = 0; seed < 200; seed++) {
      const b = bytes.slice();
      for (let k = 0; k < 8; k++) b[(seed * 7919 + k * 104729) % b.length] = (seed * 13 + k) & 0xff;
      const cf = CompoundFile.open(contextFromBytes('x.bin', b));
      if (!cf) continue;
      const root = await cf.root();
      if (root) for (const e of await cf.children(root)) for (const c of await cf.children(e)) await cf.read(c, 1e6);
    }
  });
});
