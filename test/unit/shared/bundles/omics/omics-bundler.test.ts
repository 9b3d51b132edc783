import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omicsBundler } from '../../../../../shared/bundles/omics/omics-bundler';
import type { RenderContext } from '../../../../../shared/bundles/bundler';
import { StudyMetadataSchema, type StudyMetadataInput } from '../../../../../shared/deposit/metadata';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';

let visium: GalleryStudy;
beforeAll(async () => {
  visium = await scanGalleryLayout('space-ranger-visium-outs');
}, 60_000);
afterAll(() => visium?.remove());

function context(metadata: StudyMetadataInput = {}): RenderContext {
  const r = visium.report;
  return { target: 'OMICS', members: r.filesets.filter((f) => f.destination === 'OMICS'), filesets: r.filesets, study: r.study, roots: r.roots, metadata: StudyMetadataSchema.parse(metadata) };
}

/** Paths of a rendered TSV, first column after the root. */
function paths(content: string): string[] {
  const [head, ...rows] = content.trim().split('\n');
  expect(head).toBe('root\tpath\tkind\tplatform\tclause');
  return rows.map((r) => r.split('\t')[1]!).sort();
}

describe('omics bundle of a Space Ranger (Visium) run', () => {
  // The layout's expected rows (10x Space Ranger outputs; docs/bia.md §6): reads and the BAM to ENA, the
  // filtered matrix to ArrayExpress; the spatial/ folder goes to the BIA and is not in this bundle.
  it('lists each archive’s files: ENA the FASTQs and the BAM, ArrayExpress the matrix', () => {
    const files = omicsBundler.render(context());
    expect(files.map((f) => f.path)).toEqual(['omics-submission.md', 'ena-files.tsv', 'arrayexpress-files.tsv']);
    expect(paths(files[1]!.content)).toEqual([
      'V1_Mouse_Brain/fastqs/V1_Mouse_Brain_S1_L001_R1_001.fastq.gz',
      'V1_Mouse_Brain/fastqs/V1_Mouse_Brain_S1_L001_R2_001.fastq.gz',
      'V1_Mouse_Brain/outs/possorted_genome_bam.bam',
    ]);
    expect(paths(files[2]!.content)).toEqual(['V1_Mouse_Brain/outs/filtered_feature_bc_matrix.h5']);
    expect(files.every((f) => !f.content.includes('tissue_hires_image.png'))).toBe(true);
    expect(files[0]!.content).toContain('Submitted with the ArrayExpress submission: Annotare brokers the reads to ENA.');
  });

  it('routes the reads through Annotare, which brokers them to ENA, and links back with Type ena / arrayexpress', () => {
    const items = omicsBundler.checklist(context());
    expect(items.find((i) => i.id === 'omics-ena-submit')!.text).toContain('Annotare, which brokers them to ENA');
    expect(items.find((i) => i.id === 'omics-arrayexpress-submit')!.text).toContain('Annotare');
    expect(items.find((i) => i.id === 'omics-ena-bia-link')!.text).toContain('Type = ena');
    expect(items.find((i) => i.id === 'omics-arrayexpress-bia-link')!.text).toContain('Type = arrayexpress');
    expect(items.find((i) => i.id === 'omics-arrayexpress-submit')!.rule).toBe('spatial-omics-functional-genomics');
  });

  it('ticks an accession once a valid one is entered, and puts it in the link to make', () => {
    const items = omicsBundler.checklist(context({ accessions: { omics: [{ archive: 'ArrayExpress', accession: 'E-MTAB-12345' }, { archive: 'ENA', accession: 'PRJ-1' }] } }));
    expect(items.find((i) => i.id === 'omics-arrayexpress-accession')).toMatchObject({ done: true, evidence: 'Entered: E-MTAB-12345.' });
    expect(items.find((i) => i.id === 'omics-arrayexpress-bia-link')!.evidence).toBe('Link to make: a study link with url = E-MTAB-12345, Type = arrayexpress.');
    expect(items.find((i) => i.id === 'omics-ena-accession')!.done).toBe(false);
  });

  it('asks about EGA when the organism is human (NCBI taxon 9606), not for mouse', () => {
    expect(omicsBundler.checklist(context({ organisms: [{ scientificName: 'Mus musculus', ncbiTaxonId: 10090 }] })).some((i) => i.id === 'omics-human-ega')).toBe(false);
    const human = omicsBundler.checklist(context({ organisms: [{ scientificName: 'Homo sapiens', ncbiTaxonId: 9606 }] })).find((i) => i.id === 'omics-human-ega');
    expect(human!.text).toContain('EGA');
  });
});
