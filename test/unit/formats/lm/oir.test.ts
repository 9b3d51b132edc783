import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { oirDetector } from '../../../../main/formats/families/lm/oir';
import { writeOir, type OirOptions } from '../../../fixtures/writers/lm/oir';

const options: OirOptions = { width: 8, height: 8, channels: ['CH1'], pixelUm: 0.2 };

describe('Olympus OIR', () => {
  it('reads a multiphoton system (FVMPE-RS) as multiphoton', async () => {
    const found = await oirDetector.detect(contextFromBytes('mp.oir', writeOir({ ...options, system: 'FVMPE-RS' })));
    expect(found?.confidence).toBe(CONFIDENCE.STRUCTURE);
    expect(found?.facts.imagingMode?.value).toBe('multiphoton');
    expect(found?.facts.instrument?.value).toEqual({ manufacturer: 'Olympus', model: 'FVMPE-RS' });
  });

  it('falls back to the first bytes when the block index is gone', async () => {
    const full = writeOir(options);
    const cut = full.subarray(0, full.length - 20);
    const found = await oirDetector.detect(contextFromBytes('cut.oir', cut));
    expect(found?.format).toBe('oir');
    expect(found?.problems.join('\n')).toMatch(/Truncated: the header declares/);
    expect(found?.facts.instrument?.value).toMatchObject({ model: 'FV3000' });
  });

  it('keeps a bare header as OIR on the magic alone', async () => {
    const found = await oirDetector.detect(contextFromBytes('head.oir', writeOir(options).subarray(0, 96)));
    expect(found?.format).toBe('oir');
    expect(found?.confidence).toBe(CONFIDENCE.MAGIC);
    expect(found?.problems.join('\n')).toMatch(/No readable lsmimage:imageProperties/);
  });
});
