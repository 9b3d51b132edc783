import type { JournalReference, ReferenceAuthor } from './archive-references';

/**
 * Characters BibTeX gives a meaning to in a field value, and their escapes: braces delimit groups, `\`
 * starts a command, and `&`, `%`, `#`, `$` are TeX specials (the LaTeX manual's list of special characters).
 */
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '&': '\\&', '%': '\\%', '#': '\\#', $: '\\$' };

/** A field value with BibTeX's special characters escaped, so braces stay balanced whatever the text holds. */
export function escapeBibtex(value: string): string {
  return value.replace(/[\\{}&%#$]/g, (c) => ESCAPES[c]!);
}

/** `Korir, P. K.`: BibTeX's "Last, First" form, initials spelt out with stops. */
function bibtexName(a: ReferenceAuthor): string {
  return `${escapeBibtex(a.family)}, ${[...a.initials].map((c) => `${c}.`).join(' ')}`;
}

/** Keys made unique by a letter suffix, as reference managers do (`key`, `keyb`, `keyc`). */
export function uniqueKeys(stems: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return stems.map((stem) => {
    const clean = stem.replace(/[^A-Za-z0-9:_-]/g, '') || 'ref';
    const n = seen.get(clean) ?? 0;
    seen.set(clean, n + 1);
    return n === 0 ? clean : `${clean}${String.fromCharCode(97 + n)}`;
  });
}

/**
 * References as BibTeX `@article` entries: unique keys, the title in double braces so its capitals are kept,
 * a group author in braces so it is not split into names, "and others" where the source listed only the
 * first authors, page ranges with `--`.
 */
export function renderBibtex(refs: readonly JournalReference[]): string {
  const keys = uniqueKeys(refs.map((r) => r.key));
  return refs
    .map((r, i) => {
      const author = r.collective ? `{${escapeBibtex(r.collective)}}` : [...r.authors.map(bibtexName), ...(r.etAl ? ['others'] : [])].join(' and ');
      const fields: [string, string][] = [
        ['author', author],
        ['title', `{${escapeBibtex(r.title)}}`],
        ['journal', escapeBibtex(r.journal)],
        ['year', String(r.year)],
        ['volume', escapeBibtex(r.volume)],
        ...(r.issue ? ([['number', escapeBibtex(r.issue)]] as [string, string][]) : []),
        ['pages', r.lastPage ? `${escapeBibtex(r.firstPage)}--${escapeBibtex(r.lastPage)}` : escapeBibtex(r.firstPage)],
        ['doi', escapeBibtex(r.doi)],
      ];
      return `@article{${keys[i]},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`;
    })
    .join('\n');
}
