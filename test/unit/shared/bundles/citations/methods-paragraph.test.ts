import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPixelSize, methodsParagraphs } from '../../../../../shared/bundles/citations/methods-paragraph';
import { createFileset, headerFact } from '../../../../helpers/factories';
import { scanGalleryLayout, type GalleryStudy } from '../../../../helpers/gallery-study';

describe('methods paragraphs from facts', () => {
  it('writes EM pixel sizes in Å and light-microscopy ones in µm or nm (facts are in nm: shared/formats/facts.ts)', () => {
    expect(formatPixelSize(0.0885, 'cryo-em')).toBe('0.885 Å');
    expect(formatPixelSize(8, 'volume-em')).toBe('80 Å');
    expect(formatPixelSize(108, 'light')).toBe('0.108 µm');
    expect(formatPixelSize(40, 'light')).toBe('40 nm');
  });

  it('writes only the facts present, and channels with their wavelengths', () => {
    const lm = createFileset({
      id: 'lm',
      destination: 'BIA',
      modality: 'lm-confocal',
      facts: { pixelSize: headerFact({ x: 108 }), channels: headerFact([{ name: 'DAPI', excitationNm: 405, emissionNm: 461 }, { name: 'GFP' }]) },
    });
    const [p] = methodsParagraphs([lm]);
    expect(p!.text).toBe('Light microscopy: confocal (BioImage Archive, 1 fileset). Images were acquired at a pixel size of 0.108 µm. Channels: DAPI (excitation 405 nm, emission 461 nm); GFP.');
    expect(p!.text).not.toContain('kV');
  });

  it('asks for what was not read rather than inventing it', () => {
    const [p] = methodsParagraphs([createFileset({ destination: 'EMPIAR', modality: 'vem-fib-sem' })]);
    expect(p!.empty).toBe(true);
    expect(p!.text).toContain('[to be filled]');
  });

  it('never describes data that go to no archive', () => {
    const pacs = createFileset({ destination: 'NONE', modality: 'lm-other', facts: { instrument: headerFact({ model: 'Scanner X' }) } });
    const review = createFileset({ destination: 'REVIEW', modality: 'lm-other' });
    expect(methodsParagraphs([pacs, review])).toEqual([]);
  });
});

describe('methods paragraphs of real gallery studies', () => {
  let epu: GalleryStudy;
  let clem: GalleryStudy;
  beforeAll(async () => {
    epu = await scanGalleryLayout('epu-spa-session-k3-tiff');
    clem = await scanGalleryLayout('clem-two-disks-registration-folder');
  }, 60_000);
  afterAll(() => {
    epu?.remove();
    clem?.remove();
  });

  it('EPU K3 session: the Data XML’s instrument, 300 kV, K3 and 1.056 Å pixels (test/fixtures/real/epu: AccelerationVoltage 300000, pixelSize 1.0558814239614023E-10 m)', () => {
    const ps = methodsParagraphs(epu.report.filesets);
    expect(ps.map((p) => p.modality)).toEqual(['spa-movies']);
    expect(ps[0]!.text).toContain('TITAN52336320');
    expect(ps[0]!.text).toContain('at 300 kV');
    expect(ps[0]!.text).toContain('BioQuantum K3');
    expect(ps[0]!.text).toContain('1.06 Å');
  });

  it('CLEM on two disks: the 3View SBF-SEM run at 1.5 kV and 8 nm (80 Å) pixels, the confocal DAPI/GFP (gallery vem-xray.ts gatan3View(4, 1500, 8), spinning.nd2)', () => {
    const ps = methodsParagraphs(clem.report.filesets);
    const sbf = ps.find((p) => p.modality === 'vem-sbf-sem')!;
    expect(sbf.archive).toBe('EMPIAR');
    expect(sbf.text).toContain('Zeiss Merlin');
    expect(sbf.text).toContain('at 1.5 kV');
    expect(sbf.text).toContain('3View');
    expect(sbf.text).toContain('80 Å');
    const lm = ps.find((p) => p.modality === 'lm-confocal')!;
    expect(lm.archive).toBe('BioImage Archive');
    expect(lm.filesetCount).toBe(2);
    expect(lm.text).toContain('Channels: DAPI; GFP.');
    // Correlation files are not imaging: no paragraph of their own.
    expect(ps.some((p) => p.modality === 'correlation')).toBe(false);
  });
});

describe('methods paragraphs of reconstructions', () => {
  it('gives maps a voxel size, not acquisition settings (RELION Refine3D map at 0.885 Å: gallery relion5-spa-project px)', () => {
    const map = createFileset({ destination: 'EMDB', modality: 'density-map', facts: { pixelSize: headerFact({ x: 0.0885, y: 0.0885, z: 0.0885 }) } });
    expect(methodsParagraphs([map])[0]!.text).toBe('3D cryo-EM density map (EMDB, 1 fileset). The volumes have a voxel size of 0.885 Å.');
  });
});
