import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBundles } from '../../../../../shared/bundles/plan-bundles';
import { renderStudyFiles } from '../../../../../shared/bundles/study-files';
import { StudyMetadataSchema, type StudyMetadataInput } from '../../../../../shared/deposit/metadata';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';

function studyFiles(s: GalleryStudy, m: StudyMetadataInput = {}): Record<string, string> {
  const input = { filesets: s.report.filesets, study: s.report.study, roots: s.report.roots };
  const metadata = StudyMetadataSchema.parse(m);
  return Object.fromEntries(renderStudyFiles(input, metadata, renderBundles(input, metadata)).map((f) => [f.path, f.content]));
}

/** The archive names of the numbered steps of README.md's "What to do next", in order. */
function steps(readme: string): string[] {
  return [...readme.matchAll(/^\d+\. \*\*([^*]+)\*\*/gm)].map((m) => m[1]!);
}

let clem: GalleryStudy;
let relion: GalleryStudy;
beforeAll(async () => {
  clem = await scanGalleryLayout('clem-two-disks-registration-folder');
  relion = await scanGalleryLayout('relion5-spa-project');
}, 120_000);
afterAll(() => {
  clem?.remove();
  relion?.remove();
});

describe('study files: README.md, CITATION.md, citation.bib, citation.ris', () => {
  it('writes the four files', () => {
    expect(Object.keys(studyFiles(clem))).toEqual(['README.md', 'CITATION.md', 'citation.bib', 'citation.ris']);
  });

  it('correlative study: EMPIAR first, then the BIA with its link to the EMPIAR entry (docs/bia.md §5.2)', () => {
    const readme = studyFiles(clem)['README.md']!;
    expect(steps(readme)).toEqual(['EMPIAR', 'BioImage Archive']);
    expect(readme).toContain('study link to the EMPIAR entry (Type empiar)');
    expect(readme).toMatch(/Readiness: \d+ of \d+ checklist items done/);
  });

  it('cryo-EM study: EMDB first, since the EMPIAR entry cites the EMD accessions (docs/empiar.md §7)', () => {
    const readme = studyFiles(relion)['README.md']!;
    expect(steps(readme)).toEqual(['EMDB', 'EMPIAR']);
    // The RELION project has no image of the map (docs/deposit.md §5.1): that blocks the EMDB deposition.
    expect(readme).toContain('Upload an image of each map');
  });

  it('CITATION.md: placeholders before accessions, the DOIs after; the archives’ references', () => {
    const before = studyFiles(clem)['CITATION.md']!;
    expect(before).toContain('EMPIAR-XXXXX [to be filled]');
    expect(before).toContain('S-BIADXXXX [to be filled]');
    expect(before).toContain('Nucleic Acids Res. 2023;51(D1):D1503–D1511. doi:10.1093/nar/gkac1062');
    expect(before).toContain('J Mol Biol. 2022;434(11):167505. doi:10.1016/j.jmb.2022.167505');
    const after = studyFiles(clem, { accessions: { empiar: 'EMPIAR-10847', bia: 'S-BSST729' }, facility: { name: 'Electron Microscopy Core Facility', acknowledgement: 'We thank the EMBL EMCF for support.' } })['CITATION.md']!;
    // docs/bia.md §5.1: S-BSST729 and EMPIAR-10847 are a real correlative pair.
    expect(after).toContain('EMPIAR-10847 (https://doi.org/10.6019/EMPIAR-10847)');
    expect(after).toContain('S-BSST729 (https://doi.org/10.6019/S-BSST729)');
    expect(after).not.toContain('[to be filled].');
    expect(after).toContain('We thank the EMBL EMCF for support.');
  });

  it('citation.bib and citation.ris hold EMPIAR, the BIA and BioStudies for a correlative study, EMPIAR and EMDB for cryo-EM', () => {
    const c = studyFiles(clem);
    expect(c['citation.bib']!.match(/^@article\{/gm)).toHaveLength(3);
    expect(c['citation.ris']!.match(/^TY {2}- JOUR$/gm)).toHaveLength(3);
    const r = studyFiles(relion);
    expect([...r['citation.bib']!.matchAll(/doi = \{([^}]+)\}/g)].map((m) => m[1])).toEqual(['10.1093/nar/gkac1062', '10.1093/nar/gkad1019', '10.1093/nar/gkv1126']);
  });

  it('reports a wrong accession under "Metadata to correct" and leaves it out of the statement', () => {
    const f = studyFiles(clem, { accessions: { bia: 'S-BIAD-12345' } });
    expect(f['README.md']).toContain('## Metadata to correct');
    expect(f['README.md']).toContain('`accessions.bia`');
    expect(f['CITATION.md']).toContain('S-BIADXXXX [to be filled]');
    expect(f['CITATION.md']).not.toContain('accession number S-BIAD-12345');
  });
});
