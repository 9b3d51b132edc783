import type { JournalReference } from './archive-references';

/** One RIS line: a two-character tag, two spaces, a hyphen, a space, the value (RIS format specification). */
function line(tag: string, value: string): string {
  return `${tag}  - ${value.replace(/[\r\n]+/g, ' ')}`;
}

/**
 * References as RIS records (RIS format specification, the tags reference managers exchange): `TY  - JOUR`,
 * one `AU` per author (`Family, Initials`; a group author as its name), `TI` title, `T2` journal, `J2` its
 * abbreviation, `PY` year, `VL` volume, `IS` issue, `SP`/`EP` pages, `DO` DOI, closed by `ER  - `.
 * RIS has no "et al."; only the authors the source lists are written.
 */
export function renderRis(refs: readonly JournalReference[]): string {
  return refs
    .map((r) => {
      const lines = [
        line('TY', 'JOUR'),
        ...(r.collective ? [line('AU', r.collective)] : r.authors.map((a) => line('AU', `${a.family}, ${a.initials}`))),
        line('TI', r.title),
        line('T2', r.journal),
        line('J2', r.journalAbbreviation),
        line('PY', String(r.year)),
        line('VL', r.volume),
        ...(r.issue ? [line('IS', r.issue)] : []),
        line('SP', r.firstPage),
        ...(r.lastPage ? [line('EP', r.lastPage)] : []),
        line('DO', r.doi),
        line('ER', ''),
      ];
      return lines.join('\n') + '\n';
    })
    .join('\n');
}
