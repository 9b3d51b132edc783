import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import {
  DRAFT_VERSION,
  DraftKeySchema,
  MAX_DRAFT_BYTES,
  MAX_LISTED_DRAFTS,
  StudyDraftSchema,
  type DraftSummary,
  type StudyDraft,
} from '../../shared/drafts/draft';
import type { Override, PolicyOptions } from '../../shared/policy/types';

/**
 * Drafts of studies on disk: one JSON file per study in a folder of the app's user data
 * (`app.getPath('userData')/drafts`; a temporary folder in tests), named by the study's key. Every write is
 * atomic (a temporary file written, flushed to disk, then renamed over the old one), so a crash or a full
 * disk leaves the previous draft, never half of one. A file that cannot be read is moved aside as
 * `<name>.corrupt-<n>` with a message for the user, never an exception that loses the other drafts (docs/deposit.md §9).
 */

/** What a study's draft holds besides its roots. */
export interface DraftContent {
  readonly roots: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly options: Partial<PolicyOptions>;
  readonly overrides: readonly Override[];
}

/** What saving a draft answered. */
export type SaveDraftResult =
  | { readonly status: 'saved'; readonly key: string; readonly savedAt: string }
  | { readonly status: 'refused'; readonly reason: 'too-large'; readonly message: string };

/** What loading a draft answered. */
export type LoadDraftResult =
  | { readonly status: 'loaded'; readonly draft: StudyDraft }
  | { readonly status: 'missing'; readonly message: string }
  | { readonly status: 'corrupt'; readonly message: string };

/** Options of the store: a clock and the size limit, for tests. */
export interface DraftStoreOptions {
  readonly now?: () => Date;
  /** Largest draft kept, in bytes of its JSON; `MAX_DRAFT_BYTES` unless a test sets less. */
  readonly maxBytes?: number;
}

const DRAFT_FILE = /^([0-9a-f]{32})\.json$/;

/** The key of a study: 32 hex digits of SHA-256 of its absolute roots, sorted, so the order they were dropped in does not matter. */
export function draftKeyOf(roots: readonly string[]): string {
  const sorted = roots.map((r) => path.resolve(r)).sort();
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Writes `text` to `file` atomically: a fresh temporary file beside it, flushed, then renamed over it. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await fsp.open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fsp.rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fsp.rename(temp, file);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    throw err;
  }
  // The rename is durable once the folder itself is flushed; Windows cannot open a folder for that, so it is best effort.
  try {
    const dir = await fsp.open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // not supported here; the rename has still happened
  }
}

/** Drafts of studies, one file per study, written atomically. */
export class DraftStore {
  private readonly now: () => Date;
  private readonly maxBytes: number;

  /** A store over `dir`, created on the first save. */
  constructor(
    private readonly dir: string,
    options: DraftStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxBytes = options.maxBytes ?? MAX_DRAFT_BYTES;
  }

  private fileOf(key: string): string {
    // The key is checked as 32 hex digits, so it can never name a path outside the folder.
    return path.join(this.dir, `${DraftKeySchema.parse(key)}.json`);
  }

  /** Saves a study's draft, replacing the previous one; refused with a reason when it is larger than the limit. */
  async save(content: DraftContent): Promise<SaveDraftResult> {
    const key = draftKeyOf(content.roots);
    const at = this.now().toISOString();
    const draft: StudyDraft = StudyDraftSchema.parse({
      version: DRAFT_VERSION,
      key,
      roots: content.roots.map((r) => path.resolve(r)),
      metadata: content.metadata,
      options: content.options,
      overrides: content.overrides,
      savedAt: at,
      lastUsedAt: at,
    });
    const text = `${JSON.stringify(draft, null, 2)}\n`;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.maxBytes) {
      return {
        status: 'refused',
        reason: 'too-large',
        message: `This draft is ${mebibytes(bytes)}, more than the ${mebibytes(this.maxBytes)} a draft may take, so it was not saved: study metadata typed by a person is a few kilobytes — remove text pasted by mistake (a file's contents in a description, say).`,
      };
    }
    await fsp.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.fileOf(key), text);
    return { status: 'saved', key, savedAt: at };
  }

  /** Moves an unreadable draft aside as `<name>.corrupt-<n>` (the first free n) and says so in words. */
  private async setAside(file: string, why: string): Promise<string> {
    for (let n = 1; ; n++) {
      const aside = `${file}.corrupt-${n}`;
      try {
        await fsp.access(aside);
        continue;
      } catch {
        // free: use it
      }
      try {
        await fsp.rename(file, aside);
        return `A saved draft could not be read (${why}), so it was set aside as ${path.basename(aside)} in ${this.dir}. Your data folders are untouched: scan them again to start a new draft.`;
      } catch (err) {
        return `A saved draft (${path.basename(file)}) could not be read (${why}) nor set aside (${err instanceof Error ? err.message : String(err)}).`;
      }
    }
  }

  /** Reads one draft file: the draft, `null` when there is none, or why it is unusable. */
  private async read(file: string): Promise<StudyDraft | null | { readonly corrupt: string }> {
    let handle;
    try {
      handle = await fsp.open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let text: string;
    try {
      const { size } = await handle.stat();
      if (size > this.maxBytes) return { corrupt: `it is ${mebibytes(size)}, over the ${mebibytes(this.maxBytes)} limit` };
      // Read at most one byte past the limit through the open descriptor, so a file that grows meanwhile cannot make the read unbounded.
      const buffer = Buffer.alloc(Math.min(size, this.maxBytes) + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > this.maxBytes) return { corrupt: `it is over the ${mebibytes(this.maxBytes)} limit` };
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead));
    } catch (err) {
      if (err instanceof TypeError) return { corrupt: 'it is not UTF-8 text' };
      throw err;
    } finally {
      await handle.close();
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { corrupt: 'it is not valid JSON' };
    }
    const parsed = StudyDraftSchema.safeParse(json);
    if (!parsed.success) return { corrupt: 'it is not a draft this version of the app wrote' };
    if (`${parsed.data.key}.json` !== path.basename(file)) return { corrupt: 'its name does not match its content' };
    return parsed.data;
  }

  /** The drafts, most recently used first (at most `MAX_LISTED_DRAFTS`), and a message for each unreadable one set aside. */
  async list(): Promise<{ drafts: DraftSummary[]; notices: string[] }> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { drafts: [], notices: [] };
      throw err;
    }
    const drafts: StudyDraft[] = [];
    const notices: string[] = [];
    for (const name of names.filter((n) => DRAFT_FILE.test(n)).sort()) {
      const file = path.join(this.dir, name);
      const read = await this.read(file);
      if (read === null) continue;
      if ('corrupt' in read) notices.push(await this.setAside(file, read.corrupt));
      else drafts.push(read);
    }
    drafts.sort((a, b) => (a.lastUsedAt < b.lastUsedAt ? 1 : a.lastUsedAt > b.lastUsedAt ? -1 : a.key.localeCompare(b.key)));
    return {
      drafts: drafts.slice(0, MAX_LISTED_DRAFTS).map((d) => ({
        key: d.key,
        roots: d.roots,
        title: typeof d.metadata['title'] === 'string' && d.metadata['title'].trim() !== '' ? d.metadata['title'].trim() : null,
        savedAt: d.savedAt,
        lastUsedAt: d.lastUsedAt,
      })),
      notices,
    };
  }

  /** Opens a draft and marks it used now (it moves to the top of the list); a corrupt one is set aside. */
  async load(key: string): Promise<LoadDraftResult> {
    const file = this.fileOf(key);
    const read = await this.read(file);
    if (read === null) return { status: 'missing', message: 'That draft is no longer saved (it was removed or set aside).' };
    if ('corrupt' in read) return { status: 'corrupt', message: await this.setAside(file, read.corrupt) };
    const draft: StudyDraft = { ...read, lastUsedAt: this.now().toISOString() };
    await writeFileAtomic(file, `${JSON.stringify(draft, null, 2)}\n`);
    return { status: 'loaded', draft };
  }

  /** Removes a draft; false when there was none. */
  async remove(key: string): Promise<boolean> {
    try {
      await fsp.unlink(this.fileOf(key));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }
}
