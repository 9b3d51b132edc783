import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { cziDetector, MAX_CZI_XML_BYTES } from '../../../../main/formats/families/lm/czi';
import { identify } from '../../../../main/formats/registry';
import { real } from '../../../fixtures/format-fixture';
import { cziXml, writeCzi, type CziChannel } from '../../../fixtures/writers/lm/czi';

const sample = real('czi/s_1_t_1_c_1_z_1.czi');

function czi(channels: readonly CziChannel[]): Uint8Array {
  return writeCzi({ xml: cziXml({ sizeX: 1024, sizeY: 1024, sizeZ: 30, sizeC: channels.length, channels, pixelMetres: 4.15e-8 }) });
}

describe('Zeiss CZI', () => {
  it('reads the real sample in three reads: segment header, XML — nothing else', async () => {
    const ctx = contextFromBytes('s.czi', sample());
    const found = await cziDetector.detect(ctx);
    expect(found?.confidence).toBe(CONFIDENCE.STRUCTURE);
    expect(ctx.stats.reads).toBeLessThanOrEqual(3);
    expect(found?.facts.detector?.value).toBe('HDCamC11440-22C');
  });

  it('reads Airyscan channels as confocal and says why', async () => {
    const found = await identify(contextFromBytes('a.czi', czi([{ name: 'Ch1', channelType: 'AiryScanSr', acquisitionMode: 'LaserScanningConfocalMicroscopy', fluor: 'AF488', excitation: 488, emission: 520 }])));
    expect(found.format).toBe('czi');
    expect(found.facts.imagingMode?.value).toBe('confocal');
    expect(found.evidence.some((e) => /Airyscan/.test(e.detail))).toBe(true);
    expect(found.facts.channels?.value).toEqual([{ name: 'Ch1', fluor: 'AF488', excitationNm: 488, emissionNm: 520 }]);
    expect(found.facts.pixelSize?.value).toEqual({ x: 41.5, y: 41.5 });
    expect(found.facts.arrangement?.value).toBe('volume');
  });

  it.each([
    ['LaserScanningConfocalMicroscopy', 'confocal'],
    ['SPIM', 'light-sheet'],
    ['MultiPhotonMicroscopy', 'multiphoton'],
    ['WideField', 'widefield'],
    ['SpinningDiskConfocal', 'spinning-disk'],
    ['TotalInternalReflection', 'TIRF'],
  ])('maps AcquisitionMode %s to %s', async (mode, expected) => {
    const found = await identify(contextFromBytes('m.czi', czi([{ name: 'C', acquisitionMode: mode }])));
    expect(found.facts.imagingMode?.value).toBe(expected);
    expect(found.facts.acquisitionModes?.value).toEqual([mode]);
  });

  it('names the most specific mode when channels differ (confocal plus a transmitted-light widefield channel)', async () => {
    const found = await identify(contextFromBytes('m.czi', czi([{ name: 'T-PMT', acquisitionMode: 'WideField' }, { name: 'GFP', acquisitionMode: 'LaserScanningConfocalMicroscopy' }])));
    expect(found.facts.imagingMode?.value).toBe('confocal');
    expect(found.facts.acquisitionModes?.value).toEqual(['WideField', 'LaserScanningConfocalMicroscopy']);
  });

  it('keeps a CZI cut after 100 bytes as CZI, with a truncation problem and magic confidence', async () => {
    const found = await identify(contextFromBytes('cut.czi', sample().subarray(0, 100)));
    expect(found.format).toBe('czi');
    expect(found.confidence).toBe(CONFIDENCE.MAGIC);
    expect(found.problems.join('\n')).toMatch(/Truncated: the metadata segment should start at byte 112192/);
  });

  it('keeps a CZI cut inside its file header as CZI', async () => {
    const found = await identify(contextFromBytes('cut.czi', sample().subarray(0, 40)));
    expect(found.format).toBe('czi');
    expect(found.problems.join('\n')).toMatch(/Truncated/);
  });

  it('says when the metadata XML is too large to read, and reads nothing of it', async () => {
    const ctx = contextFromBytes('big.czi', writeCzi({ xml: '<ImageDocument/>', declaredXmlSize: MAX_CZI_XML_BYTES + 1 }));
    const found = await cziDetector.detect(ctx);
    expect(found?.format).toBe('czi');
    expect(found?.problems.join('\n')).toMatch(/too large to read/);
    expect(ctx.stats.bytes).toBeLessThan(1024);
  });

  it('reports a metadata position that points at something else', async () => {
    const bytes = sample().slice();
    new DataView(bytes.buffer).setBigInt64(92, 544n, true); // the directory segment, not the metadata
    const found = await cziDetector.detect(contextFromBytes('moved.czi', bytes));
    expect(found?.confidence).toBe(CONFIDENCE.MAGIC);
    expect(found?.problems.join('\n')).toMatch(/No ZISRAWMETADATA segment at byte 544 \(found "ZISRAWDIRECTORY"\)/);
  });

  it('does not believe a lying XML size or unparseable XML', async () => {
    const found = await cziDetector.detect(contextFromBytes('bad.czi', writeCzi({ xml: '<ImageDocument><Metadata>', declaredXmlSize: -5 })));
    expect(found?.problems.join('\n')).toMatch(/XML size of -5/);
    const garbled = await cziDetector.detect(contextFromBytes('bad.czi', writeCzi({ xml: 'not xml at all' })));
    expect(garbled?.confidence).toBe(CONFIDENCE.MAGIC);
    expect(garbled?.problems.join('\n')).toMatch(/ImageDocument/);
  });
});
