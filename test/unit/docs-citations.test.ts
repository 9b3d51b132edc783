import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository carries what it cites: every `docs/<file>.md` a source file names must exist, and every
 * `§N` after it must be a numbered section heading of that file. Citations of the project's working notes
 * outside the repository (the old `reference/…`, `seeds/…`, `DESIGN.md` paths) are refused.
 */

const ROOT = path.join(__dirname, '..', '..');
const THIS_FILE = path.relative(ROOT, __filename).split(path.sep).join('/');

/** Folders and top-level files whose text is checked. */
const SCANNED = ['main', 'shared', 'renderer', 'test', 'scripts', 'bin', 'docs', 'build', 'README.md', 'eslint.config.mjs', 'package.json'];
/** Never descended into: dependencies, build output, vendored real sample files (bytes, not prose). */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-results', 'real']);
const TEXT_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|md|json|yml|yaml|html|css)$/;
/** Larger files are generated data, not prose with citations. */
const MAX_BYTES = 2 * 1024 * 1024;
/** Lines longer than this are cut before matching, so no regex sees unbounded input. */
const MAX_LINE = 4000;

/** `docs/x.md` followed by its section list: `§1`, `§1, §16`, `§5–§14`, `§0.7 and §8`, `§6b`. */
const CITATION = /docs\/([A-Za-z0-9_-]+\.md)((?:\s{0,3}(?:,|and|–|-)?\s{0,3}§\d{1,3}[a-z]?(?:\.\d{1,3})?)*)/g;
const SECTION = /§(\d{1,3}[a-z]?(?:\.\d{1,3})?)/g;
/** Paths of the project's working notes, which a clone of the repository does not have. */
const OUTSIDE = /(?<![\w/.-])(?:(?:\.\.\/)?shared\/)?(?:reference\/(?:formats|bia|empiar|toolchain)\.md|seeds\/[\w.-]+|(?:DESIGN|STYLE)\.md)|\/work\/shared\b/g;

/** The docs/ page that replaced a path of the working notes (the table in docs/README.md). */
function replacementFor(cited: string): string {
  const note = /reference\/(formats|bia|empiar)\.md/.exec(cited);
  if (note) return `docs/${note[1]}.md (same section numbers)`;
  if (cited.includes('seeds/')) return 'docs/policy-source.md';
  if (cited.endsWith('STYLE.md')) return 'docs/design.md, convention N (same numbers)';
  if (cited.endsWith('DESIGN.md')) return 'docs/design.md (same headings)';
  return 'the docs/ page that holds the fact (copy what the code relies on into the repository, with its source)';
}

/** One bad citation, with where it is and what to do about it. */
interface Problem {
  readonly where: string;
  readonly cited: string;
  readonly fix: string;
}

/** Numbered section headings of a Markdown file: `## 5. …` → "5", `### 0.1 …` → "0.1", `## 6b. …` → "6b". */
function sectionNumbers(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const line of markdown.split('\n')) {
    const m = /^#{2,4} (\d{1,3}[a-z]?(?:\.\d{1,3})?)[. ]/.exec(line.slice(0, MAX_LINE));
    if (m) out.add(m[1]!);
  }
  return out;
}

/** The bad citations in one file's text; `docs` maps a docs file name to its section numbers, or is missing it. */
function citationProblems(file: string, text: string, docs: ReadonlyMap<string, ReadonlySet<string>>, checkOutside: boolean): Problem[] {
  const problems: Problem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.slice(0, MAX_LINE);
    const where = `${file}:${i + 1}`;
    for (const m of line.matchAll(CITATION)) {
      const doc = m[1]!;
      const sections = docs.get(doc);
      if (!sections) {
        problems.push({ where, cited: `docs/${doc}`, fix: `docs/${doc} does not exist: cite one of ${[...docs.keys()].map((d) => `docs/${d}`).join(', ')}, or write docs/${doc} (and list it in docs/README.md).` });
        continue;
      }
      for (const s of (m[2] ?? '').matchAll(SECTION)) {
        if (!sections.has(s[1]!)) {
          problems.push({
            where,
            cited: `docs/${doc} §${s[1]}`,
            fix: `docs/${doc} has no section ${s[1]} (its numbered headings: ${[...sections].join(', ')}). Cite the section that holds the fact, or add it there under a numbered heading ("## N. Title" or "### N.M Title") with its specification reference.`,
          });
        }
      }
    }
    if (checkOutside) {
      for (const m of line.matchAll(OUTSIDE)) {
        problems.push({ where, cited: m[0], fix: `${m[0]} is not in this repository: cite ${replacementFor(m[0])} instead (docs/README.md, "Citing", maps every old path).` });
      }
    }
  });
  return problems;
}

/** Text files under the scanned roots, as repository-relative POSIX paths. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    const abs = path.join(ROOT, rel);
    if (!existsSync(abs)) return;
    const st = statSync(abs);
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (!SKIPPED_DIRS.has(name)) visit(rel ? `${rel}/${name}` : name);
    } else if (st.isFile() && TEXT_FILE.test(rel) && st.size <= MAX_BYTES) {
      out.push(rel);
    }
  };
  for (const r of SCANNED) visit(r);
  return out;
}

/** docs/*.md and their numbered sections. */
function docsIndex(): Map<string, Set<string>> {
  const dir = path.join(ROOT, 'docs');
  const out = new Map<string, Set<string>>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) if (name.endsWith('.md')) out.set(name, sectionNumbers(readFileSync(path.join(dir, name), 'utf8')));
  return out;
}

/** One problem per line, as the failure message shows them. */
function report(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.where}: ${p.cited} — ${p.fix}`).join('\n');
}

describe('citations point into the repository (docs/)', () => {
  const docs = docsIndex();

  it('docs/ holds the files the code cites', () => {
    expect([...docs.keys()].filter((d) => ['README.md', 'design.md', 'formats.md', 'empiar.md', 'bia.md', 'policy-source.md', 'policy.md'].includes(d)).sort()).toEqual(
      ['README.md', 'bia.md', 'design.md', 'empiar.md', 'formats.md', 'policy-source.md', 'policy.md'],
    );
  });

  it('every docs/<file>.md §N cited exists, and nothing cites the working notes outside the repository', () => {
    const problems = sourceFiles()
      .filter((f) => f !== THIS_FILE)
      .flatMap((f) => citationProblems(f, readFileSync(path.join(ROOT, f), 'utf8'), docs, !f.startsWith('docs/')));
    expect(problems.length, `Bad citations (fix each as it says):\n${report(problems)}`).toBe(0);
  });

  it('links between docs/ pages resolve', () => {
    const broken: string[] = [];
    for (const name of docs.keys()) {
      const text = readFileSync(path.join(ROOT, 'docs', name), 'utf8');
      for (const m of text.matchAll(/\]\(([A-Za-z0-9_./-]{1,200}\.md)(?:#[\w-]{0,100})?\)/g)) {
        if (!existsSync(path.join(ROOT, 'docs', m[1]!))) broken.push(`docs/${name}: ${m[1]}`);
      }
    }
    expect(broken, 'A docs/ page links to a page that does not exist: fix the link or write the page.').toEqual([]);
  });
});

describe('the citation checker itself', () => {
  const docs = new Map([['formats.md', new Set(['0', '0.1', '1', '5', '6b', '14'])]]);
  const bad = (text: string, outside = true): string[] => citationProblems('x.ts', text, docs, outside).map((p) => p.cited);

  it('accepts existing sections in the forms the code writes them', () => {
    expect(bad('see (docs/formats.md §1, §5 and §0.1; docs/formats.md §5–§14) docs/formats.md §6b docs/formats.md: MRC')).toEqual([]);
  });

  it('reports a missing section, a missing file and paths outside the repository', () => {
    expect(bad('docs/formats.md §2; docs/formats.md §1 and §0.3; docs/nope.md §1')).toEqual(['docs/formats.md §2', 'docs/formats.md §0.3', 'docs/nope.md']);
    expect(bad('(reference/formats.md §3) seeds/empiar-about.txt DESIGN.md /work/shared/x ../shared/reference/bia.md')).toEqual([
      'reference/formats.md',
      'seeds/empiar-about.txt',
      'DESIGN.md',
      '/work/shared',
      '../shared/reference/bia.md',
    ]);
    expect(bad('DESIGN.md', false)).toEqual([]);
  });

  it('reads numbered headings only', () => {
    expect([...sectionNumbers('# Title\n## 0. Intro\n### 0.7 Moving\n## 6b. Formats\n## Notes\n#### 1.2 Deep\n')]).toEqual(['0', '0.7', '6b', '1.2']);
  });
});
