import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { real } from '../../../fixtures/format-fixture';
import { el, writeDicomPart10 } from '../../../fixtures/writers/medical/dicom';
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
