import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { real } from '../../../fixtures/format-fixture';
import { el, encodeElements, writeDicomPart10 } from '../../../fixtures/writers/medical/dicom';
import { writeGzip } from '../../../fixtures/writers/generic/gzip';
import { writeNifti1 } from '../../../fixtures/writers/medical/nifti';

describe('DICOM', () => {
  it('never copies patient values into facts, evidence or problems — only field names', async () => {
    const found = await identify(
      contextFromBytes(
        'x.dcm',
        writeDicomPart10({ sopClass: '1.2.840.10008.5.1.4.1.1.2', elements: [el(0x0010, 0x0010, 'PN', 'Doe^Jane'), el(0x0010, 0x0020, 'LO', 'MRN-99812'), el(0x0010, 0x0030, 'DA', '19700101')] }),
      ),
    );
    const text = JSON.stringify(found);
    expect(text).not.toMatch(/Doe|Jane|MRN-99812|19700101/);
    expect(found.facts.patient?.value).toEqual({ identifiable: true, deidentified: false, fields: ['PatientName', 'PatientID', 'PatientBirthDate'] });
  });

  it('leaves the real samples’ patient names out of the report too', async () => {
    const found = await identify(contextFromBytes('CT_small.dcm', real('dicom/CT_small.dcm')()));
    expect(JSON.stringify(found)).not.toMatch(/CompressedSamples|1CT1/);
  });

  it('says when a TIFF header sits in the preamble', async () => {
    const found = await identify(contextFromBytes('CT_small.dcm', real('dicom/CT_small.dcm')()));
    expect(found.evidence.map((e) => e.detail)).toContain('Its preamble starts with a TIFF header (a dual DICOM/TIFF file); DICOM decides.');
  });

  it('keeps a Part 10 file whose data set is cut as DICOM, with what it could read', async () => {
    const full = writeDicomPart10({ sopClass: '1.2.840.10008.5.1.4.1.1.4', elements: [el(0x0008, 0x0060, 'CS', 'MR'), el(0x0010, 0x0010, 'PN', 'X^Y')] });
    const found = await identify(contextFromBytes('cut.dcm', full.subarray(0, full.length - 3)));
    expect(found.format).toBe('dicom');
  });
});

/** SOP classes of the cases below (PS3.4 Annex B). */
const CT_SOP = '1.2.840.10008.5.1.4.1.1.2';
const WSI_SOP = '1.2.840.10008.5.1.4.1.1.77.1.6';
/** Patient Identity Removed (0012,0062) YES and a De-identification Method (0012,0063), PS3.15 Annex E. */
const MARKED_REMOVED = [el(0x0012, 0x0062, 'CS', 'YES'), el(0x0012, 0x0063, 'LO', 'DICOM PS3.15 E.1-1 Basic Profile')];

/** A Patient Species Code Sequence (0010,2202) of one item holding a code (PS3.3 C.7.1.1, Table 8.8-1 Code Value / Scheme / Meaning). */
function speciesCode(value: string, scheme: string, meaning: string) {
  const inner = encodeElements([el(0x0008, 0x0100, 'SH', value), el(0x0008, 0x0102, 'SH', scheme), el(0x0008, 0x0104, 'LO', meaning)]);
  // Item (FFFE,E000) with an explicit length, then the item's elements (PS3.5 §7.5.1).
  const item = new Uint8Array(8 + inner.length);
  item.set([0xfe, 0xff, 0x00, 0xe0]);
  new DataView(item.buffer).setUint32(4, inner.length, true);
  item.set(inner, 8);
  return { tag: [0x0010, 0x2202] as const, vr: 'SQ', value: item };
}

describe('DICOM patient lock (issue 12, finding 8)', () => {
  it('locks a file marked de-identified that still carries a name, an ID and a birth date', async () => {
    const bytes = writeDicomPart10({ sopClass: WSI_SOP, elements: [el(0x0008, 0x0060, 'CS', 'SM'), el(0x0010, 0x0010, 'PN', 'Doe^Jane'), el(0x0010, 0x0020, 'LO', 'MRN-1'), el(0x0010, 0x0030, 'DA', '19610214'), ...MARKED_REMOVED] });
    const found = await identify(contextFromBytes('slide.dcm', bytes));
    expect(found.facts.patient?.value).toEqual({ identifiable: true, deidentified: true, fields: ['PatientName', 'PatientID', 'PatientBirthDate'] });
  });

  it('locks a human clinical SOP class (CT) whose identity fields are blank and marked removed', async () => {
    const bytes = writeDicomPart10({ sopClass: CT_SOP, elements: [el(0x0008, 0x0060, 'CS', 'CT'), el(0x0010, 0x0010, 'PN', ''), ...MARKED_REMOVED] });
    const found = await identify(contextFromBytes('ct.dcm', bytes));
    expect(found.facts.patient?.value).toEqual({ identifiable: true, deidentified: true, fields: [] });
  });

  it('leaves a blanked human slide unlocked but patient-associated (no species stated means a human patient, PS3.3 C.7.1.1)', async () => {
    const bytes = writeDicomPart10({ sopClass: WSI_SOP, elements: [el(0x0008, 0x0060, 'CS', 'SM'), el(0x0010, 0x0010, 'PN', ''), el(0x0010, 0x0020, 'LO', '')] });
    const found = await identify(contextFromBytes('slide.dcm', bytes));
    expect([found.facts.patient?.value.identifiable, found.facts.species]).toEqual([false, undefined]);
  });

  it('reads Patient Species Description (0010,2201): an animal with an ID is not locked', async () => {
    const bytes = writeDicomPart10({ sopClass: CT_SOP, elements: [el(0x0008, 0x0060, 'CS', 'CT'), el(0x0010, 0x0010, 'PN', 'Mouse^12'), el(0x0010, 0x0020, 'LO', 'M12'), el(0x0010, 0x2201, 'LO', 'Mus musculus')] });
    const found = await identify(contextFromBytes('mouse.dcm', bytes));
    expect([found.facts.species?.value, found.facts.patient?.value.identifiable]).toEqual([{ name: 'Mus musculus', human: false }, false]);
    expect(found.evidence.map((e) => e.detail).join(' ')).not.toMatch(/Mouse\^12|M12/);
  });

  it('reads Patient Species Code Sequence (0010,2202): SNOMED CT 337915000 is Homo sapiens', async () => {
    const human = await identify(contextFromBytes('h.dcm', writeDicomPart10({ sopClass: WSI_SOP, elements: [el(0x0008, 0x0060, 'CS', 'SM'), speciesCode('337915000', 'SCT', 'Homo sapiens')] })));
    const rat = await identify(contextFromBytes('r.dcm', writeDicomPart10({ sopClass: WSI_SOP, elements: [el(0x0008, 0x0060, 'CS', 'SM'), speciesCode('10116', 'NCBITaxon', 'Rattus norvegicus')] })));
    expect([human.facts.species?.value, rat.facts.species?.value]).toEqual([{ name: 'Homo sapiens', human: true }, { name: 'Rattus norvegicus', human: false }]);
  });

  it('opens DICOM inside gzip (.dcm.gz) and locks it', async () => {
    const bytes = writeDicomPart10({ sopClass: CT_SOP, elements: [el(0x0008, 0x0060, 'CS', 'CT'), el(0x0010, 0x0010, 'PN', 'Doe^Jane')] });
    const found = await identify(contextFromBytes('ct.dcm.gz', writeGzip(bytes, { name: 'ct.dcm' })));
    expect([found.format, found.facts.patient?.value.identifiable]).toEqual(['dicom', true]);
    expect(JSON.stringify(found)).not.toMatch(/Doe|Jane/);
  });

  it('opens the real CT sample gzipped', async () => {
    const found = await identify(contextFromBytes('CT_small.dcm.gz', writeGzip(real('dicom/CT_small.dcm')())));
    expect([found.format, found.facts.patient?.value.identifiable]).toEqual(['dicom', true]);
  });
});

describe('NIfTI on corrupt headers', () => {
  it('leaves a negative dimension out, with a problem, instead of reporting it', async () => {
    const bytes = writeNifti1({ dims: [64, 64, 30], pixdim: [1, 1, 1] });
    new DataView(bytes.buffer).setInt16(42, -32704, true); // dim[1]
    const found = await identify(contextFromBytes('brain.nii', bytes));
    expect(found.format).toBe('nifti');
    expect(found.facts.dimensions?.value).toEqual({ y: 64, z: 30 });
    expect(found.problems[0]).toMatch(/not sizes/);
  });
});
