import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIA_2022, BIOSTUDIES_2018, EMDB_2024, EMPIAR_2023, type JournalReference } from '../../../../../shared/bundles/citations/archive-references';
import { escapeBibtex, renderBibtex, uniqueKeys } from '../../../../../shared/bundles/citations/bibtex';
import { renderRis } from '../../../../../shared/bundles/citations/ris';

/** True when every `{` has its `}` and none closes early; `\x` escapes the next character (TeX). */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The entries of a BibTeX text: type, key and fields (values one brace level deep). */
function entries(bib: string): { type: string; key: string; fields: Record<string, string> }[] {
  return bib
    .split(/\n(?=@)/)
    .filter((e) => e.trim().startsWith('@'))
    .map((e) => {
      const head = /^@(\w+)\{([^,]+),/.exec(e.trim())!;
      const fields: Record<string, string> = {};
      for (const m of e.matchAll(/^\s{2}(\w+) = \{(.*)\},?$/gm)) fields[m[1]!] = m[2]!;
      return { type: head[1]!, key: head[2]!, fields };
    });
}

describe('BibTeX', () => {
  const bib = renderBibtex([EMPIAR_2023, BIA_2022, BIOSTUDIES_2018, EMDB_2024]);

  it('is balanced and has one @article per reference with unique keys', () => {
    expect(balanced(bib)).toBe(true);
    const es = entries(bib);
    expect(es.map((e) => e.type)).toEqual(['article', 'article', 'article', 'article']);
    expect(new Set(es.map((e) => e.key)).size).toBe(4);
  });

  it('carries the fields of EMPIAR’s citation (docs/empiar.md §8)', () => {
    const f = entries(bib)[0]!.fields;
    expect(f).toMatchObject({ journal: 'Nucleic Acids Research', year: '2023', volume: '51', number: 'D1', pages: 'D1503--D1511', doi: '10.1093/nar/gkac1062' });
    expect(f.author!.split(' and ')).toHaveLength(9);
    expect(f.author!.startsWith('Iudin, A. and Korir, P. K.')).toBe(true);
  });

  it('writes a group author in braces and a partial author list with "and others"', () => {
    const es = entries(bib);
    expect(es[3]!.fields.author).toBe('{wwPDB Consortium}');
    expect(es[2]!.fields.author!.endsWith(' and others')).toBe(true);
  });

  it('escapes braces and TeX specials so any title stays balanced', () => {
    const odd: JournalReference = { ...EMPIAR_2023, key: 'odd', title: 'A {weird} title & 50% of #1 costs $5 \\ }{' };
    const text = renderBibtex([odd]);
    expect(balanced(text)).toBe(true);
    expect(text).toContain('\\{weird\\} title \\& 50\\% of \\#1 costs \\$5 \\textbackslash{} \\}\\{');
    fc.assert(fc.property(fc.string(), (s) => balanced(`{${escapeBibtex(s)}}`)));
  });

  it('makes repeated keys unique', () => {
    expect(uniqueKeys(['iudin2023', 'iudin2023', 'hartley2022', 'iudin2023'])).toEqual(['iudin2023', 'iudin2023b', 'hartley2022', 'iudin2023c']);
    const twice = entries(renderBibtex([EMPIAR_2023, EMPIAR_2023]));
    expect(twice[0]!.key).not.toBe(twice[1]!.key);
  });
});

describe('RIS', () => {
  const ris = renderRis([EMPIAR_2023, BIA_2022, EMDB_2024]);
  const lines = ris.split('\n').filter((l) => l !== '');

  it('writes only tag lines: two characters, two spaces, a hyphen, a space (RIS specification)', () => {
    for (const l of lines) expect(l).toMatch(/^[A-Z][A-Z0-9] {2}- /);
  });

  it('opens each record with TY  - JOUR and closes it with ER  - ', () => {
    expect(lines.filter((l) => l === 'TY  - JOUR')).toHaveLength(3);
    expect(lines.filter((l) => l === 'ER  - ')).toHaveLength(3);
    expect(lines[0]).toBe('TY  - JOUR');
    expect(lines[lines.length - 1]).toBe('ER  - ');
  });

  it('carries EMPIAR’s authors, journal, pages and DOI (docs/empiar.md §8)', () => {
    const first = ris.split('ER  - ')[0]!;
    expect(first.match(/^AU {2}- /gm)).toHaveLength(9);
    expect(first).toContain('AU  - Iudin, A\n');
    expect(first).toContain('T2  - Nucleic Acids Research\n');
    expect(first).toContain('PY  - 2023\n');
    expect(first).toContain('VL  - 51\n');
    expect(first).toContain('IS  - D1\n');
    expect(first).toContain('SP  - D1503\n');
    expect(first).toContain('EP  - D1511\n');
    expect(first).toContain('DO  - 10.1093/nar/gkac1062\n');
  });

  it('writes the BIA article number as its start page and no end page (docs/bia.md §4: 167505)', () => {
    const bia = ris.split('ER  - ')[1]!;
    expect(bia).toContain('SP  - 167505\n');
    expect(bia).not.toContain('EP  - ');
    expect(bia).toContain('DO  - 10.1016/j.jmb.2022.167505\n');
  });
});
