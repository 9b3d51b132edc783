import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../main/formats/context';
import { detection, ReadBudgetError, type Detector } from '../../../main/formats/detector';
import { identify } from '../../../main/formats/registry';

const fake = (id: string, format: Parameters<typeof detection>[0], confidence: number, extra: Partial<Detector> = {}): Detector => ({
  id,
  formats: [format],
  sniff: () => true,
  detect: async () => detection(format, confidence, { evidence: [{ source: 'header', detail: id, weight: 1 }] }),
  ...extra,
});

describe('identify', () => {
  it('takes the most confident detection', async () => {
    const r = await identify(contextFromBytes('a.bin', new Uint8Array([1])), [fake('weak', 'tiff', 0.6), fake('strong', 'dicom', 0.95)]);
    expect(r).toMatchObject({ format: 'dicom', formatSource: 'bytes' });
  });

  it('lets the extension break a tie, and only a tie', async () => {
    const tied = [fake('a', 'tiff', 0.8), fake('b', 'mrc', 0.82)];
    expect((await identify(contextFromBytes('x.mrc', new Uint8Array([1])), tied)).format).toBe('mrc');
    expect((await identify(contextFromBytes('x.tif', new Uint8Array([1])), tied)).format).toBe('tiff');
    const clear = [fake('a', 'tiff', 0.9), fake('b', 'mrc', 0.6)];
    expect((await identify(contextFromBytes('x.mrc', new Uint8Array([1])), clear)).format).toBe('tiff');
  });

  it('says when the name disagrees with the bytes', async () => {
    const r = await identify(contextFromBytes('EpuSession.dm', new Uint8Array([1])), [fake('x', 'xml', 0.9)]);
    expect(r.evidence.some((e) => /name suggests Thermo EPU session, but the bytes are XML/.test(e.detail))).toBe(true);
  });

  it('does not call a more specific reading of a generic name a disagreement', async () => {
    const r = await identify(contextFromBytes('.zattrs', new Uint8Array([1])), [fake('x', 'ome-zarr', 0.9)]);
    expect(r.evidence.map((e) => e.detail)).toEqual(['x']);
  });

  it('reports an empty file, and a file nobody recognises, as unknown with reasons', async () => {
    expect(await identify(contextFromBytes('a.tif', new Uint8Array(0)), [fake('a', 'tiff', 0.9)])).toMatchObject({ format: 'unknown', formatSource: 'none', problems: ['Empty file (0 bytes).'] });
    const r = await identify(contextFromBytes('a.tif', new Uint8Array([1])), [fake('a', 'tiff', 0.1)]);
    expect(r).toMatchObject({ format: 'unknown', problems: [expect.stringMatching(/weak candidates: TIFF \(confidence 0\.10\)/)] });
    expect(r.evidence[0]!.detail).toMatch(/not confirmed by the bytes/);
  });

  it('turns a failing or greedy reader into a problem, never an exception', async () => {
    const boom = fake('boom', 'tiff', 0.9, { detect: async () => Promise.reject(new Error('bug')) });
    const greedy = fake('greedy', 'mrc', 0.9, { detect: async () => Promise.reject(new ReadBudgetError('more than 512 reads')) });
    const r = await identify(contextFromBytes('a.bin', new Uint8Array([1])), [boom, greedy, fake('ok', 'png', 0.9)]);
    expect(r.format).toBe('png');
    expect(r.problems).toEqual(['Reader boom failed: bug.', 'Reader greedy stopped: more than 512 reads.']);
  });
});

describe('contextFromBytes', () => {
  it('enforces the read budget', async () => {
    const ctx = contextFromBytes('a.bin', new Uint8Array(100));
    await expect(ctx.read(0, 10)).resolves.toHaveLength(10);
    await expect(ctx.read(95, 10)).resolves.toHaveLength(5);
    await expect(ctx.read(0, 64 * 1024 * 1024)).rejects.toBeInstanceOf(ReadBudgetError);
    await expect(ctx.read(-1, 1)).rejects.toBeInstanceOf(ReadBudgetError);
    expect(ctx.stats.reads).toBe(2);
  });
});
