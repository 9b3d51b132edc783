// The DICOM variant corpus (test/fixtures/writers/medical/dicom-corpus.ts) through the real format engine: every variant is
// DICOM, with the transfer syntax, SOP class and species it was written with, and locked exactly when issue 12's rule says
// (an identifying field filled anywhere, or a human clinical SOP class). Expected values come from the corpus' own
// statement of what it wrote (PS3.5, PS3.10, PS3.3), never from the reader's output.
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { dicomCorpus, SOP } from '../../../fixtures/writers/medical/dicom-corpus';
import { el, TS, writeDicomPart10 } from '../../../fixtures/writers/medical/dicom';
import { real } from '../../../fixtures/format-fixture';

const corpus = dicomCorpus();

describe('DICOM variant corpus (issue 12, finding 8)', () => {
  it.each(corpus.map((v) => [v.what, v] as const))('%s: identified as DICOM with its SOP class, species and lock', async (_what, v) => {
    const found = await identify(contextFromBytes(v.name, v.bytes));
    expect(found.format).toBe('dicom');
    expect(found.problems).toEqual([]);
    expect(found.facts.sopClass?.value.uid).toBe(v.sopClass);
    expect(found.facts.species?.value).toEqual(v.species);
    expect(found.facts.patient?.value).toEqual({ identifiable: v.identifiable, fields: v.fields, deidentified: v.deidentified });
  });

  it.each(corpus.filter((v) => v.transferSyntax !== null).map((v) => [v.what, v] as const))('%s: names its transfer syntax', async (_what, v) => {
    const found = await identify(contextFromBytes(v.name, v.bytes));
    expect(found.evidence.map((e) => e.detail).join('\n')).toContain(`Transfer Syntax ${v.transferSyntax} `);
  });

  it.each(corpus.map((v) => [v.what, v] as const))('%s: no patient name or ID in anything the reader returns', async (_what, v) => {
    const text = JSON.stringify(await identify(contextFromBytes(v.name, v.bytes)));
    for (const s of v.secrets) expect(text).not.toContain(s);
    // The surname part alone must not leak either (a PN value is split on ^ by some displays, PS3.5 §6.2.1).
    for (const s of v.secrets.filter((x) => x.includes('^'))) expect(text).not.toContain(s.split('^')[1]!);
  });

  it('reads Rows and Columns in the byte order of each transfer syntax (US, PS3.5 §7.3): 4 rows and 6 columns', async () => {
    for (const name of ['ct_explicit_le.dcm', 'ct_implicit_le.dcm', 'ct_explicit_be.dcm', 'ct_deflated.dcm']) {
      const v = corpus.find((c) => c.name === name)!;
      const found = await identify(contextFromBytes(v.name, v.bytes));
      expect(found.facts.dimensions?.value, name).toEqual({ x: 6, y: 4 });
    }
  });

  it('says which data sets had no preamble and no meta, and in which encoding', async () => {
    const details = async (name: string) => (await identify(contextFromBytes(name, corpus.find((c) => c.name === name)!.bytes))).evidence.map((e) => e.detail).join('\n');
    expect(await details('IM000006')).toMatch(/without preamble or meta header, implicit VR little endian/);
    expect(await details('raw_explicit_le.dcm')).toMatch(/without preamble or meta header, explicit VR little endian/);
    expect(await details('raw_explicit_be.dcm')).toMatch(/without preamble or meta header, explicit VR big endian/);
    expect(await details('meta_no_preamble.dcm')).toMatch(/meta group \(0002\) at byte 0/);
  });

  it('the anonymous mouse slide is not locked and is read as a slide scan; the named human slides are locked', async () => {
    const kinds = await Promise.all(
      ['mouse_slide.dcm', 'slide_named.dcm', 'slide_deidentified.dcm'].map(async (name) => {
        const found = await identify(contextFromBytes(name, corpus.find((c) => c.name === name)!.bytes));
        return [found.facts.imagingMode?.value, found.facts.patient?.value.identifiable];
      }),
    );
    expect(kinds).toEqual([
      ['slide-scanner', false],
      ['slide-scanner', true],
      ['slide-scanner', true],
    ]);
  });

  it('a deflated data set that inflates far past the header budget is read to its cut, within bounds (PS3.5 §A.5)', async () => {
    // 32 MiB of zeros after the patient module deflate to ~32 KiB: a small file that would inflate to 32 MiB unbounded.
    const bomb = writeDicomPart10({
      sopClass: SOP.ct,
      transferSyntax: TS.deflatedLE,
      elements: [el(0x0008, 0x0060, 'CS', 'CT'), el(0x0010, 0x0010, 'PN', 'LEAKCHECK^BOMB'), { tag: [0x0009, 0x1010], vr: 'OB', value: new Uint8Array(32 * 1024 * 1024) }],
    });
    expect(bomb.length).toBeLessThan(256 * 1024);
    const started = performance.now();
    const found = await identify(contextFromBytes('bomb.dcm', bomb));
    expect(performance.now() - started).toBeLessThan(2000);
    expect([found.format, found.facts.patient?.value.identifiable]).toEqual(['dicom', true]);
    expect(JSON.stringify(found)).not.toContain('BOMB');
  });

  it('the real big-endian sample without meta (pydicom ExplVR_BigEndNoMeta.dcm) is an RT Ion Plan (PS3.4 Annex B)', async () => {
    // pydicom's test file: (0008,0016) = 1.2.840.10008.5.1.4.1.1.481.8, Modality RTPLAN (test/fixtures/real/SOURCES.md).
    const found = await identify(contextFromBytes('ExplVR_BigEndNoMeta.dcm', real('dicom/ExplVR_BigEndNoMeta.dcm')()));
    expect([found.format, found.facts.sopClass?.value.uid, found.facts.medicalModality?.value]).toEqual(['dicom', '1.2.840.10008.5.1.4.1.1.481.8', 'RTPLAN']);
    expect(found.facts.patient?.value.identifiable).toBe(true);
  });
});
