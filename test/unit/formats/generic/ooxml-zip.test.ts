// OOXML packages and ZIP entry summaries. OOXML: ECMA-376 Part 2 (a package has [Content_Types].xml); the
// application follows from the main part name (ECMA-376 Part 1), else from the extension with less certainty.
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { ooxmlDetector } from '../../../../main/formats/families/generic/ooxml';
import { summariseEntries } from '../../../../main/formats/families/generic/zip';
import { writeZip } from '../../../fixtures/writers/generic/zip';

const u = (s: string) => new TextEncoder().encode(s);

describe('OOXML', () => {
  it('falls back to the extension when the main part has an unusual name', async () => {
    const pkg = writeZip([{ name: '[Content_Types].xml', data: u('<Types/>') }, { name: 'word/document2.xml', data: u('<w:document/>') }]);
    const found = await ooxmlDetector.detect(contextFromBytes('protocol.docm', pkg));
    expect(found).toMatchObject({ format: 'docx', confidence: CONFIDENCE.WEAK });
    expect(found?.problems.join()).toMatch(/extension \.docm/);
  });

  it('is not an OOXML package without [Content_Types].xml', async () => {
    const zip = writeZip([{ name: 'word/document.xml', data: u('<w:document/>') }]);
    expect(await ooxmlDetector.detect(contextFromBytes('fake.docx', zip))).toBeNull();
  });
});

describe('ZIP entry summary', () => {
  it('counts files by extension, leaving out folders and __MACOSX resource forks', () => {
    expect(summariseEntries(['scripts/', 'scripts/segment.py', 'scripts/track.py', 'README.md', '__MACOSX/scripts/._segment.py', 'Makefile'])).toEqual({ files: 4, contains: 'py ×2, (none) ×1, md ×1' });
  });
});
