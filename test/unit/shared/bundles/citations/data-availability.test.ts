import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESSION_PATTERNS } from '../../../../../shared/deposit/identifiers';
import { dataAvailability, placeholderAccession } from '../../../../../shared/bundles/citations/data-availability';
import { StudyMetadataSchema, type StudyMetadataInput } from '../../../../../shared/deposit/metadata';
import { createFileset } from '../../../../helpers/factories';

const EMPIAR = createFileset({ id: 'raw', destination: 'EMPIAR', clauseId: 'note-3-3d-em-xray', modality: 'vem-sbf-sem' });
const BIA = createFileset({ id: 'lm', destination: 'BIA', clauseId: 'note-3-other-modalities', modality: 'lm-confocal' });
const EMDB = createFileset({ id: 'map', destination: 'EMDB', clauseId: 'empiar-maps-to-emdb', modality: 'density-map' });
const ENA = createFileset({ id: 'reads', destination: 'OMICS', omicsArchive: 'ENA', clauseId: 'spatial-omics-reads', modality: 'omics-data' });
const NONE = createFileset({ id: 'pacs', destination: 'NONE', clauseId: 'patient-identifiable', modality: 'medical-imaging' });

const meta = (m: StudyMetadataInput = {}) => StudyMetadataSchema.parse(m);
const split = { correlativeSplit: true };
const plain = { correlativeSplit: false };

describe('data-availability statement', () => {
  it('before any accession: one sentence per archive used, with placeholders in the archive’s shape marked "[to be filled]"', () => {
    const da = dataAvailability([EMPIAR, BIA, NONE], split, meta());
    expect(da.sentences.map((s) => s.archive)).toEqual(['EMPIAR', 'BIA', 'BIA']);
    // docs/empiar.md §8: EMPIAR-#####; docs/bia.md §4: S-BIAD<n> (example S-BIAD1492).
    expect(da.text).toContain('under accession code EMPIAR-XXXXX [to be filled].');
    expect(da.text).toContain('under accession number S-BIADXXXX [to be filled].');
    expect(da.text).not.toContain('doi.org');
    expect(da.sentences.filter((s) => s.placeholder)).toHaveLength(2);
    expect(da.problems).toEqual([]);
  });

  it('with accessions: cites them with the DOIs EMPIAR and the BIA mint (10.6019/<accession>) and the EMDB association', () => {
    const da = dataAvailability([EMPIAR, BIA, EMDB], split, meta({ accessions: { empiar: 'EMPIAR-10009', bia: 'S-BIAD1492', emdb: ['EMD-3197'] } }));
    // The wording of docs/empiar.md §8 and docs/bia.md §4.
    expect(da.text).toContain('Raw image data have been deposited in the Electron Microscopy Public Image Archive (EMPIAR; Iudin et al., 2023) under accession code EMPIAR-10009 (https://doi.org/10.6019/EMPIAR-10009), associated with EMDB entry EMD-3197.');
    expect(da.text).toContain('Image data are available in the BioImage Archive (https://www.ebi.ac.uk/bioimage-archive; Hartley et al., 2022) under accession number S-BIAD1492 (https://doi.org/10.6019/S-BIAD1492).');
    expect(da.text).toContain('Electron Microscopy Data Bank (EMDB; wwPDB Consortium, 2024) under accession code EMD-3197.');
    expect(da.text).not.toContain('[to be filled]');
  });

  it('refuses accessions that fail their pattern, says which field, and keeps the placeholder', () => {
    // docs/bia.md §4: the FAQ's "S-BIAD-12345" has a hyphen real accessions lack; docs/empiar.md §3: EMD-123 fails.
    const da = dataAvailability([EMPIAR, BIA, EMDB], split, meta({ accessions: { empiar: 'EMP-10009', bia: 'S-BIAD-12345', emdb: ['EMD-3197', 'EMD-123'] } }));
    expect(da.problems.map((p) => p.field)).toEqual(['accessions.empiar', 'accessions.bia', 'accessions.emdb[1]']);
    expect(da.text).not.toContain('S-BIAD-12345');
    expect(da.text).not.toContain('EMP-10009');
    expect(da.text).not.toContain('EMD-123.');
    expect(da.text).toContain('EMPIAR-XXXXX [to be filled]');
    expect(da.text).toContain('S-BIADXXXX [to be filled]');
    expect(da.text).toContain('EMD-3197');
  });

  it('names the omics archives with their accession, and refuses a PRIDE id without six digits (docs/bia.md §6: PXD……)', () => {
    const da = dataAvailability([ENA], plain, meta({ accessions: { omics: [{ archive: 'ENA', accession: 'PRJEB12345' }, { archive: 'PRIDE', accession: 'PXD12345' }] } }));
    expect(da.sentences[0]!.text).toBe('Sequencing reads have been deposited in the European Nucleotide Archive (ENA) under accession PRJEB12345.');
    // The PRIDE deposit was named, so its sentence stays, with the placeholder instead of the refused id.
    expect(da.sentences[1]!.text).toContain('PRIDE database under accession PXDXXXXXX [to be filled].');
    expect(da.text).not.toContain('PXD12345');
    expect(da.problems.map((p) => p.field)).toEqual(['accessions.omics[1].accession']);
  });

  it('says nothing of data that go to no archive', () => {
    expect(dataAvailability([NONE], plain, meta()).sentences).toEqual([]);
  });

  it('makes placeholders from each archive’s documented example, digits as X', () => {
    expect(placeholderAccession('EMPIAR')).toBe('EMPIAR-XXXXX [to be filled]');
    expect(placeholderAccession('EMDB')).toBe('EMD-XXXXX [to be filled]');
  });

  it('cites an entered EMPIAR accession exactly when it fits the pattern, and otherwise reports it (property)', () => {
    const candidate = fc.oneof(fc.stringMatching(/^EMPIAR-\d{3,7}$/), fc.string({ minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(candidate, (acc) => {
        fc.pre(acc.trim() !== ''); // an empty field is no accession at all
        const da = dataAvailability([EMPIAR], plain, meta({ accessions: { empiar: acc } }));
        const ok = ACCESSION_PATTERNS.EMPIAR.test(acc.trim());
        expect(da.problems.length).toBe(ok ? 0 : 1);
        if (ok) expect(da.text).toContain(`accession code ${acc.trim()} (https://doi.org/10.6019/${acc.trim()})`);
        else expect(da.text).toContain('EMPIAR-XXXXX [to be filled]');
      }),
    );
  });
});
