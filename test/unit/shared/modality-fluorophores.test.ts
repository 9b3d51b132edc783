import { describe, expect, it } from 'vitest';
import { isLightWavelength, lightLabelOf, wavelengthInName } from '../../../shared/modality/fluorophores';

// Names as they appear in the sources: FPbase protein names (fpbase.org/protein/<slug>/), the dye makers'
// product names (Thermo Fisher Molecular Probes, ATTO-TEC, Biotium, Cytiva, Spirochrome, Janelia), OME's
// ContrastMethod enumeration (ome.xsd 2016-06). Channel labels as microscopes write them ("H2B-GFP", "488").

describe('lightLabelOf: fluorescent proteins (FPbase names)', () => {
  it.each([
    ['EGFP', 'EGFP'],
    ['sfGFP', 'sfGFP'],
    ['H2B-GFP', 'GFP'],
    ['mEGFP', 'mEGFP'],
    ['mNeonGreen', 'mNeonGreen'],
    ['mScarlet-I', 'mScarlet-I'],
    ['mScarlet3', 'mScarlet3'],
    ['mCherry', 'mCherry'],
    ['tdTomato', 'tdTomato'],
    ['EYFP', 'EYFP'],
    ['ECFP', 'ECFP'],
    ['EBFP2', 'EBFP2'],
    ['TagRFP', 'TagRFP'],
    ['iRFP713', 'iRFP713'],
    ['miRFP680', 'miRFP680'],
    ['mTurquoise2', 'mTurquoise2'],
    ['mVenus', 'mVenus'],
    ['Dendra2', 'Dendra2'],
    ['mEos3.2', 'mEos3'],
    ['GCaMP6s', 'GCaMP6s'],
  ])('%s is a fluorescent protein', (name, matched) => {
    expect(lightLabelOf(name)).toEqual({ kind: 'fluorescent-protein', matched });
  });
});

describe('lightLabelOf: dyes and stains (makers\u2019 names)', () => {
  it.each([
    ['Alexa Fluor 488', 'Alexa Fluor 488'],
    ['Alexa647', 'Alexa647'],
    ['AF568', 'AF568'],
    ['ATTO 647N', 'ATTO 647N'],
    ['CF568', 'CF568'],
    ['Cy3', 'Cy3'],
    ['Cy5.5', 'Cy5.5'],
    ['DAPI', 'DAPI'],
    ['Hoechst 33342', 'Hoechst 33342'],
    ['FITC', 'FITC'],
    ['TRITC', 'TRITC'],
    ['Texas Red', 'Texas Red'],
    ['DiI', 'DiI'],
    ['MitoTracker Deep Red', 'MitoTracker'],
    ['LysoTracker Green', 'LysoTracker'],
    ['Phalloidin-iFluor 594', 'Phalloidin'],
    ['SiR-actin', 'SiR-actin'],
    ['JF549', 'JF549'],
    ['JF646-HaloTag', 'JF646'],
  ])('%s is a dye', (name, matched) => {
    expect(lightLabelOf(name)).toEqual({ kind: 'dye', matched });
  });
});

describe('lightLabelOf: contrast methods (OME ContrastMethod, reflected light)', () => {
  it.each([
    ['DIC', 'DIC'],
    ['Phase', 'Phase'],
    ['Ph2', 'Ph2'],
    ['Brightfield', 'Brightfield'],
    ['bright-field', 'bright-field'],
    ['Reflection', 'Reflection'],
    ['reflected light', 'reflected light'],
    ['Darkfield', 'Darkfield'],
  ])('%s is a contrast method', (name, matched) => {
    expect(lightLabelOf(name)).toEqual({ kind: 'contrast', matched });
  });
});

describe('lightLabelOf: names that are not light-microscopy labels', () => {
  // Colour words and knock-out labels are not FPbase names; STEM detectors (Velox: HAADF, BF, DF) are EM.
  it.each(['Red', 'Green', 'Orange', 'KO', 'WT', 'Ch1', 'channel 0', 'HAADF', 'BF', 'DF4', 'SE2', 'InLens', 'mask', 'segmentation', 'gfpx'])('%s is none', (name) => {
    expect(lightLabelOf(name)).toBeUndefined();
  });

  it('reads only the first MAX_CHANNEL_NAME_CHARS of a very long name, in linear time', () => {
    const long = `${'x'.repeat(100_000)} DAPI`;
    const t0 = performance.now();
    expect(lightLabelOf(long)).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(100);
  });
});

describe('wavelengthInName and the band of light', () => {
  it.each([
    ['488 nm', 488],
    ['Ex561nm', 561],
    ['Laser 640nm', 640],
    ['488', 488],
    ['Ch 561', 561],
    ['2P 920 nm', 920],
  ])('%s states %d nm', (name, nm) => {
    expect(wavelengthInName(name)).toBe(nm);
  });

  it.each(['Channel 1', '123', '2048', '0.0197 nm', '50 nm'])('%s states no wavelength of light', (name) => {
    expect(wavelengthInName(name)).toBeUndefined();
  });

  it('takes near-UV to two-photon near-infrared as light, electron and X-ray wavelengths not', () => {
    // DAPI is excited at 358 nm (Molecular Probes); Ti:sapphire two-photon lasers reach ~1080 nm.
    expect(isLightWavelength(358)).toBe(true);
    expect(isLightWavelength(1080)).toBe(true);
    // 300 kV electrons: λ = 1.97 pm = 0.00197 nm; Cu Kα X-rays: 0.154 nm.
    expect(isLightWavelength(0.00197)).toBe(false);
    expect(isLightWavelength(0.154)).toBe(false);
  });
});
