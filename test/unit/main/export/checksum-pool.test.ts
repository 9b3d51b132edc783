import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runChecksums } from '../../../../main/export/checksum-pool';
import { makeTree, removeTree } from '../../../helpers/temp-tree';

// Test vectors: MD5 from RFC 1321 appendix A.5; SHA-256 of "abc" from FIPS 180-2 appendix B.1.
const VECTORS: Array<[string, string, string | null]> = [
  ['', 'd41d8cd98f00b204e9800998ecf8427e', null],
  ['abc', '900150983cd24fb0d6963f7d28e17f72', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0', null],
  ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a', null],
];

let root = '';
afterEach(() => removeTree(root));

function vectorTree(): string[] {
  root = makeTree(Object.fromEntries(VECTORS.map(([text], i) => [`v${i}.txt`, text])));
  return VECTORS.map((_, i) => path.join(root, `v${i}.txt`));
}

describe('runChecksums', () => {
  it.each([
    ['on worker threads', undefined],
    ['on this thread when no worker can start', null],
  ] as const)('gives the published digests %s', async (_how, script) => {
    const files = vectorTree();
    const run = await runChecksums(files.map((p) => ({ path: p })), { algorithms: ['md5', 'sha256'], workers: 2, ...(script === null ? { script } : {}) });
    expect(run.status).toBe('done');
    expect(run.threads).toBe(script === null ? 0 : 2);
    VECTORS.forEach(([text, md5, sha256], i) => {
      const o = run.outcomes[i];
      expect(o?.kind).toBe('hashed');
      if (o?.kind !== 'hashed') return;
      expect(o.digests.md5).toBe(md5);
      if (sha256) expect(o.digests.sha256).toBe(sha256);
      expect(o.size).toBe(text.length);
    });
    expect(run.counts).toMatchObject({ filesDone: 4, hashed: 4, reused: 0, failed: 0, bytesRead: VECTORS.reduce((n, [t]) => n + t.length, 0) });
  });

  it('reports a file that vanished instead of failing the run', async () => {
    const files = vectorTree();
    const run = await runChecksums([{ path: files[1]! }, { path: path.join(root, 'gone.txt') }], { algorithms: ['md5'], workers: 1 });
    expect(run.outcomes.map((o) => o?.kind)).toEqual(['hashed', 'failed']);
    expect(run.outcomes[1]).toMatchObject({ code: 'ENOENT' });
  });

  it('reuses digests whose size and mtime still match, and reads nothing for them', async () => {
    const files = vectorTree();
    const first = await runChecksums(files.map((p) => ({ path: p })), { algorithms: ['md5'] });
    const known = first.outcomes.map((o) => (o && o.kind !== 'failed' ? o : undefined));
    const second = await runChecksums(files.map((p, i) => ({ path: p, known: known[i]! })), { algorithms: ['md5'] });
    expect(second.counts).toMatchObject({ reused: 4, hashed: 0, bytesRead: 0 });
    // Asking for a digest the earlier run did not compute hashes again.
    const third = await runChecksums(files.map((p, i) => ({ path: p, known: known[i]! })), { algorithms: ['md5', 'sha256'] });
    expect(third.counts).toMatchObject({ reused: 0, hashed: 4 });
  });

  it('stops when cancelled, keeping the outcomes of the files finished', async () => {
    root = makeTree(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.bin`, 1000 + i])));
    const controller = new AbortController();
    let finished = 0;
    const run = await runChecksums(
      Array.from({ length: 40 }, (_, i) => ({ path: path.join(root, `f${i}.bin`) })),
      { algorithms: ['md5'], workers: 2, signal: controller.signal, onResult: () => ++finished === 3 && controller.abort() },
    );
    expect(run.status).toBe('cancelled');
    expect(run.outcomes.filter(Boolean)).toHaveLength(3);
  });

  it('reads no byte when no digest is asked, but still gives the size', async () => {
    const files = vectorTree();
    const run = await runChecksums([{ path: files[2]! }], { algorithms: [] });
    expect(run.outcomes[0]).toMatchObject({ kind: 'hashed', size: 14, digests: {} });
    expect(run.counts.bytesRead).toBe(0);
  });
});
