import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DraftStore, draftKeyOf, writeFileAtomic, type DraftContent } from '../../../main/services/draft-store';
import { MAX_LISTED_DRAFTS, StudyDraftSchema } from '../../../shared/drafts/draft';
import { EXAMPLE_METADATA } from '../../../shared/deposit/example-metadata';
import { makeTempDir, removeTree } from '../../helpers/temp-tree';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeTree(dirs.pop()!);
  vi.restoreAllMocks();
});
function tempDir(): string {
  const d = makeTempDir('da-drafts-test-');
  dirs.push(d);
  return d;
}

/** A clock that moves one minute per call, so "last used" order is decided by the order of calls. */
function steppingClock(start = Date.UTC(2026, 11, 4, 9, 0, 0)): () => Date {
  let t = start;
  return () => new Date((t += 60_000));
}

function content(roots: readonly string[], metadata: Record<string, unknown> = { title: 'A study' }): DraftContent {
  return { roots, metadata, options: { tomogramsFew: 5, representatives: 3 }, overrides: [{ target: 'em/sbf', destination: 'BIA' }] };
}

describe('draftKeyOf', () => {
  it('is the same for the same roots in any order, and 32 hex digits', () => {
    const a = draftKeyOf(['/data/lm_disk', '/data/em_disk']);
    expect(a).toBe(draftKeyOf(['/data/em_disk', '/data/lm_disk']));
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(draftKeyOf(['/data/lm_disk']));
  });
});

describe('DraftStore', () => {
  it('saves and loads a study: roots, metadata as typed, options and overrides', async () => {
    const dir = tempDir();
    const store = new DraftStore(path.join(dir, 'drafts'), { now: steppingClock() });
    const saved = await store.save(content(['/data/lm_disk', '/data/em_disk'], EXAMPLE_METADATA as unknown as Record<string, unknown>));
    expect(saved).toMatchObject({ status: 'saved', key: draftKeyOf(['/data/em_disk', '/data/lm_disk']) });
    if (saved.status !== 'saved') throw new Error('not saved');
    const loaded = await store.load(saved.key);
    expect(loaded.status).toBe('loaded');
    if (loaded.status !== 'loaded') throw new Error('not loaded');
    expect(loaded.draft.roots).toEqual(['/data/lm_disk', '/data/em_disk']);
    expect(loaded.draft.metadata).toEqual(EXAMPLE_METADATA);
    expect(loaded.draft.overrides).toEqual([{ target: 'em/sbf', destination: 'BIA' }]);
    // Opening marks it used later than it was saved.
    expect(loaded.draft.lastUsedAt > loaded.draft.savedAt).toBe(true);
  });

  it('writes atomically: a temporary file flushed and renamed, nothing left beside the draft', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('keeps the previous draft whole when a write fails before the rename', async () => {
    const dir = tempDir();
    const store = new DraftStore(dir, { now: steppingClock() });
    const first = await store.save(content(['/data/a'], { title: 'First title' }));
    if (first.status !== 'saved') throw new Error('not saved');
    const before = readFileSync(path.join(dir, `${first.key}.json`), 'utf8');
    // The rename is the commit point: when it fails, the old file must be untouched and the temporary one gone.
    const fsp = (await import('node:fs')).promises;
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(store.save(content(['/data/a'], { title: 'Second title' }))).rejects.toThrow('disk full');
    expect(readFileSync(path.join(dir, `${first.key}.json`), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual([`${first.key}.json`]);
  });

  it('lists drafts by last use, most recent first, with their titles', async () => {
    const store = new DraftStore(tempDir(), { now: steppingClock() });
    const a = await store.save(content(['/data/a'], { title: 'Study A' }));
    const b = await store.save(content(['/data/b'], { title: '' }));
    const c = await store.save(content(['/data/c'], { title: 'Study C' }));
    if (a.status !== 'saved' || b.status !== 'saved' || c.status !== 'saved') throw new Error('not saved');
    expect((await store.list()).drafts.map((d) => d.key)).toEqual([c.key, b.key, a.key]);
    await store.load(a.key); // reopening A makes it the most recent
    const { drafts, notices } = await store.list();
    expect(drafts.map((d) => [d.key, d.title])).toEqual([
      [a.key, 'Study A'],
      [c.key, 'Study C'],
      [b.key, null],
    ]);
    expect(notices).toEqual([]);
  });

  it('shows at most MAX_LISTED_DRAFTS recent studies', async () => {
    const store = new DraftStore(tempDir(), { now: steppingClock() });
    for (let i = 0; i < MAX_LISTED_DRAFTS + 3; i++) await store.save(content([`/data/s${i}`]));
    const { drafts } = await store.list();
    expect(drafts).toHaveLength(MAX_LISTED_DRAFTS);
    expect(drafts[0]!.roots).toEqual([`/data/s${MAX_LISTED_DRAFTS + 2}`]);
  });

  it('sets a corrupt draft aside as .corrupt-<n> with a message, and keeps listing the others', async () => {
    const dir = tempDir();
    const store = new DraftStore(dir, { now: steppingClock() });
    const good = await store.save(content(['/data/good']));
    const bad = await store.save(content(['/data/bad']));
    if (good.status !== 'saved' || bad.status !== 'saved') throw new Error('not saved');
    const badFile = path.join(dir, `${bad.key}.json`);
    writeFileSync(badFile, '{"version": 1, "key": "trunc');
    writeFileSync(`${badFile}.corrupt-1`, 'an earlier casualty');
    const { drafts, notices } = await store.list();
    expect(drafts.map((d) => d.key)).toEqual([good.key]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('not valid JSON');
    expect(notices[0]).toContain(`${bad.key}.json.corrupt-2`);
    expect(existsSync(badFile)).toBe(false);
    expect(readFileSync(`${badFile}.corrupt-2`, 'utf8')).toBe('{"version": 1, "key": "trunc');
    // Once set aside it is not reported again.
    expect((await store.list()).notices).toEqual([]);
  });

  it('sets aside a draft of the wrong shape when it is opened, and says so', async () => {
    const dir = tempDir();
    const store = new DraftStore(dir);
    const key = draftKeyOf(['/data/x']);
    writeFileSync(path.join(dir, `${key}.json`), JSON.stringify({ version: 99, key }));
    const loaded = await store.load(key);
    expect(loaded.status).toBe('corrupt');
    if (loaded.status !== 'corrupt') throw new Error('not corrupt');
    expect(loaded.message).toContain('set aside');
    expect(existsSync(path.join(dir, `${key}.json.corrupt-1`))).toBe(true);
    expect(await store.load(key)).toMatchObject({ status: 'missing' });
  });

  it('refuses a draft over the size limit with the reason, and writes nothing', async () => {
    const dir = tempDir();
    const store = new DraftStore(dir, { maxBytes: 64 * 1024 });
    const result = await store.save(content(['/data/big'], { title: 'Big', description: 'x'.repeat(100 * 1024) }));
    expect(result).toMatchObject({ status: 'refused', reason: 'too-large' });
    if (result.status !== 'refused') throw new Error('not refused');
    expect(result.message).toContain('more than the 0.1 MiB');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sets aside a draft file over the size limit without reading it whole', async () => {
    const dir = tempDir();
    const store = new DraftStore(dir, { maxBytes: 1024 });
    const key = draftKeyOf(['/data/huge']);
    writeFileSync(path.join(dir, `${key}.json`), ' '.repeat(4096));
    const { notices } = await store.list();
    expect(notices[0]).toContain('over the 0.0 MiB limit');
    expect(existsSync(path.join(dir, `${key}.json.corrupt-1`))).toBe(true);
  });

  it('never names a file outside its folder: keys are 32 hex digits', async () => {
    const store = new DraftStore(tempDir());
    await expect(store.load('../../etc/passwd')).rejects.toThrow();
    await expect(store.remove('../x')).rejects.toThrow();
  });

  it('removes a draft; removing it again says there was none', async () => {
    const store = new DraftStore(tempDir());
    const saved = await store.save(content(['/data/r']));
    if (saved.status !== 'saved') throw new Error('not saved');
    expect(await store.remove(saved.key)).toBe(true);
    expect(await store.remove(saved.key)).toBe(false);
    expect((await store.list()).drafts).toEqual([]);
  });

  it('lists nothing, and fails nothing, before the folder exists', async () => {
    expect(await new DraftStore(path.join(tempDir(), 'not-yet')).list()).toEqual({ drafts: [], notices: [] });
  });

  it('writes files the schema reads back', async () => {
    const dir = tempDir();
    const store = new DraftStore(dir);
    const saved = await store.save(content(['/data/s']));
    if (saved.status !== 'saved') throw new Error('not saved');
    expect(StudyDraftSchema.safeParse(JSON.parse(readFileSync(path.join(dir, `${saved.key}.json`), 'utf8'))).success).toBe(true);
  });
});
