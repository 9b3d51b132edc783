import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { jpegDetector } from '../../../../main/formats/families/generic/jpeg';
import { pdfDetector } from '../../../../main/formats/families/generic/pdf';
import { pngDetector } from '../../../../main/formats/families/generic/png';
import { real } from '../../../fixtures/format-fixture';
import { writeJpeg } from '../../../fixtures/writers/generic/jpeg';
import { writePdf } from '../../../fixtures/writers/generic/pdf';
import { writePng } from '../../../fixtures/writers/generic/png';

describe('PNG', () => {
  it('does not turn the real Visium image’s 78 px/m into a pixel size, and says why', async () => {
    const found = await pngDetector.detect(contextFromBytes('tissue_hires_image.png', real('spatial/visium_1.0.0/spatial/tissue_hires_image.png')()));
    expect(found?.facts.pixelSize).toBeUndefined();
    expect(found?.problems).toEqual([]);
    expect(found?.evidence.map((e) => e.detail).join()).toMatch(/78 pixels per metre .*12\.8 mm per pixel/);
  });

  it('treats 72 dpi (2835 px/m) as a display setting, not a calibration', async () => {
    const found = await pngDetector.detect(contextFromBytes('a.png', writePng({ width: 8, height: 8, phys: { x: 2835, y: 2835, unit: 1 } })));
    expect(found?.facts.pixelSize).toBeUndefined();
    expect(found?.problems).toEqual([]);
    expect(found?.evidence.map((e) => e.detail).join()).toMatch(/72 dpi/);
  });

  it('ignores pHYs without the metre unit (aspect ratio only)', async () => {
    const found = await pngDetector.detect(contextFromBytes('a.png', writePng({ width: 8, height: 8, phys: { x: 1, y: 2, unit: 0 } })));
    expect(found?.facts.pixelSize).toBeUndefined();
    expect(found?.facts.header?.value).toMatchObject({ physUnit: 'unknown (aspect ratio only)' });
  });

  it('keeps a PNG whose IHDR is cut as PNG at magic confidence, with a problem', async () => {
    const found = await pngDetector.detect(contextFromBytes('cut.png', writePng({ width: 8, height: 8 }).subarray(0, 20)));
    expect(found).toMatchObject({ format: 'png', confidence: CONFIDENCE.MAGIC });
    expect(found?.problems.length).toBeGreaterThan(0);
  });

  it('rejects an IHDR with a colour type / bit depth combination the standard forbids', async () => {
    const bytes = writePng({ width: 8, height: 8, colourType: 2, bitDepth: 4 });
    const found = await pngDetector.detect(contextFromBytes('bad.png', bytes));
    expect(found?.confidence).toBe(CONFIDENCE.MAGIC);
    expect(found?.facts.dimensions).toBeUndefined();
  });
});

describe('JPEG', () => {
  it('reads the frame header past the head in a few bounded reads', async () => {
    const ctx = contextFromBytes('big.jpg', writeJpeg({ width: 4000, height: 3000, padding: 300_000 }));
    const found = await jpegDetector.detect(ctx);
    expect(found?.facts.dimensions?.value).toEqual({ x: 4000, y: 3000, c: 3 });
    expect(ctx.stats.reads).toBeLessThanOrEqual(4);
  });

  it('says when there is no frame header before the scan', async () => {
    const full = writeJpeg({ width: 10, height: 10 });
    // Drop the SOF0 segment: SOI APP0 DQT | SOF0 | SOS…
    const sof = full.findIndex((b, i) => b === 0xff && full[i + 1] === 0xc0);
    const len = (full[sof + 2]! << 8) | full[sof + 3]!;
    const noFrame = new Uint8Array([...full.subarray(0, sof), ...full.subarray(sof + 2 + len)]);
    const found = await jpegDetector.detect(contextFromBytes('x.jpg', noFrame));
    expect(found).toMatchObject({ format: 'jpeg', confidence: CONFIDENCE.MAGIC });
    expect(found?.problems.join()).toMatch(/No frame header/);
  });

  it('does not call three bytes FF D8 FF a JPEG', async () => {
    expect(await jpegDetector.detect(contextFromBytes('x.jpg', new Uint8Array([0xff, 0xd8, 0xff])))).toBeNull();
  });

  it('reads EXIF strings stored inline (4 bytes or fewer)', async () => {
    const found = await jpegDetector.detect(contextFromBytes('x.jpg', writeJpeg({ width: 1, height: 1, exif: { make: 'JEO', model: 'X' } })));
    expect(found?.facts.instrument?.value).toEqual({ manufacturer: 'JEO', model: 'X' });
  });
});

describe('PDF', () => {
  it('keeps a PDF without its trailer as PDF at magic confidence, with a problem', async () => {
    const found = await pdfDetector.detect(contextFromBytes('cut.pdf', writePdf({ truncated: true })));
    expect(found).toMatchObject({ format: 'pdf', confidence: CONFIDENCE.MAGIC });
    expect(found?.problems.join()).toMatch(/%%EOF/);
  });

  it('finds a header after leading junk within the first 1024 bytes', async () => {
    const pdf = writePdf();
    const found = await pdfDetector.detect(contextFromBytes('junk.pdf', new Uint8Array([...new Uint8Array(100).fill(0x20), ...pdf])));
    expect(found?.problems.join()).toMatch(/starts at byte 100/);
  });

  it('decodes UTF-16 Info strings and PDF escapes', async () => {
    const found = await pdfDetector.detect(contextFromBytes('u.pdf', writePdf({ producer: '\u00fe\u00ff\u0000A\u0000B', creator: 'Tool \\(v2\\)' })));
    expect(found?.facts.header?.value).toMatchObject({ producer: 'AB', creator: 'Tool (v2)' });
  });

  it('reads only the last 1 KiB of a large PDF for the trailer', async () => {
    const pdf = writePdf();
    const big = new Uint8Array(5_000_000);
    big.set(pdf.subarray(0, 200));
    big.set(pdf.subarray(pdf.length - 50), big.length - 50);
    const ctx = contextFromBytes('big.pdf', big);
    const found = await pdfDetector.detect(ctx);
    expect(found?.confidence).toBe(CONFIDENCE.STRUCTURE);
    expect(ctx.stats).toEqual({ reads: 1, bytes: 1024 });
  });
});
