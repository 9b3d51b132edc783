import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_REFERENCES, BIA_2022, BIOSTUDIES_2018, EMDB_2016, EMDB_2024, EMPIAR_2023, formatReference, inTextCitation } from '../../../../../shared/bundles/citations/archive-references';

const ROOT = path.join(__dirname, '..', '..', '..', '..', '..');

describe('archive references', () => {
  it('renders EMPIAR exactly as docs/empiar.md §8 gives it (Iudin et al. 2023, NAR 51(D1):D1503–D1511)', () => {
    expect(formatReference(EMPIAR_2023)).toBe(
      'Iudin A, Korir PK, Somasundharam S, Weyand S, Cattavitello C, Fonseca N, Salih O, Kleywegt GJ, Patwardhan A. EMPIAR: the Electron Microscopy Public Image Archive. Nucleic Acids Res. 2023;51(D1):D1503–D1511. doi:10.1093/nar/gkac1062',
    );
  });

  it('renders the BIA exactly as docs/bia.md §4 gives it (Hartley et al. 2022, J Mol Biol 434(11):167505)', () => {
    expect(formatReference(BIA_2022)).toBe(
      'Hartley M, Kleywegt GJ, Patwardhan A, Sarkans U, Swedlow JR, Brazma A. The BioImage Archive – Building a Home for Life-Sciences Microscopy Data. J Mol Biol. 2022;434(11):167505. doi:10.1016/j.jmb.2022.167505',
    );
  });

  it('renders BioStudies with the three authors docs/bia.md §4 lists and "et al."', () => {
    const text = formatReference(BIOSTUDIES_2018);
    expect(text.startsWith('Sarkans U, Gostev M, Athar A, et al.')).toBe(true);
    expect(text).toContain('Nucleic Acids Res. 2018;46(D1):D1266–D1270. doi:10.1093/nar/gkx965');
  });

  it('renders EMDB as its 2024 paper and the About page give it (docs/deposit.md §4.1)', () => {
    expect(formatReference(EMDB_2024)).toBe('wwPDB Consortium. EMDB—the Electron Microscopy Data Bank. Nucleic Acids Res. 2024;52(D1):D456–D465. doi:10.1093/nar/gkad1019');
    expect(formatReference(EMDB_2016)).toContain('Nucleic Acids Res. 2016;44:D396–D403. doi:10.1093/nar/gkv1126');
  });

  it('cites in text as author–year', () => {
    expect(inTextCitation(EMPIAR_2023)).toBe('Iudin et al., 2023');
    expect(inTextCitation(EMDB_2024)).toBe('wwPDB Consortium, 2024');
  });

  it('records every DOI in the docs section it cites, so the repository carries its source', () => {
    for (const refs of Object.values(ARCHIVE_REFERENCES)) {
      for (const ref of refs) {
        const doc = /docs\/([a-z-]+\.md)/.exec(ref.source)![1]!;
        expect(readFileSync(path.join(ROOT, 'docs', doc), 'utf8')).toContain(ref.doi);
      }
    }
  });
});
