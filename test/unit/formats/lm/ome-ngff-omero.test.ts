import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { zarrDetector } from '../../../../main/formats/families/lm/zarr';
import { inferModalities } from '../../../../shared/modality/infer';
import { REVIEW_BELOW } from '../../../../shared/modality/modalities';
import { utf8 } from '../../../fixtures/format-fixture';
import { createFileset } from '../../../helpers/factories';

const json = (v: unknown): Uint8Array => utf8(JSON.stringify(v));

// The NGFF 0.4 specification's "omero" example (ngff.openmicroscopy.org/0.4 §2.4: label "LaminB1", colour
// 0000FF, window 0–1500 of 0–65535), with the second channel of IDR image 6001240 that the spec's
// example is taken from (ome-zarr-py's test data: label "Dapi", colour FFFF00).
const MULTISCALES = [{ version: '0.4', axes: [{ name: 'c', type: 'channel' }, { name: 'y', type: 'space', unit: 'micrometer' }, { name: 'x', type: 'space', unit: 'micrometer' }], datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [1, 0.36, 0.36] }] }] }];
const OMERO = {
  id: 1,
  name: 'example.tif',
  version: '0.4',
  channels: [
    { active: true, coefficient: 1, color: '0000FF', family: 'linear', inverted: false, label: 'LaminB1', window: { end: 1500, max: 65535, min: 0, start: 0 } },
    { active: true, coefficient: 1, color: 'FFFF00', family: 'linear', inverted: false, label: 'Dapi', window: { end: 1500, max: 65535, min: 0, start: 0 } },
  ],
  rdefs: { defaultT: 0, defaultZ: 118, model: 'color' },
};

describe('OME-NGFF omero block', () => {
  it('reads channel labels into the channels fact, and colours and windows into the header', async () => {
    const found = await zarrDetector.detect(contextFromBytes('.zattrs', json({ multiscales: MULTISCALES, omero: OMERO })));
    expect(found?.format).toBe('ome-zarr');
    expect(found?.facts.channels?.value).toEqual([{ name: 'LaminB1' }, { name: 'Dapi' }]);
    expect(found?.facts.header?.value).toMatchObject({ channels: 'LaminB1, Dapi', channelColors: '0000FF, FFFF00', channelWindows: '0–1500 of 0–65535; 0–1500 of 0–65535' });
  });

  it('counts channels without labels and inactive channels, and skips colours that are not 6-digit hex', async () => {
    const omero = { channels: [{ color: 'blue', window: { start: 0, end: 10, min: 0, max: 255 }, active: false }, { color: '00FF00', window: {} }] };
    const found = await zarrDetector.detect(contextFromBytes('.zattrs', json({ multiscales: MULTISCALES, omero })));
    expect(found?.facts.channels?.value).toEqual([{}, {}]);
    expect(found?.facts.header?.value).toMatchObject({ channels: 'channel 0, channel 1', channelColors: '?, 00FF00', channelWindows: '0–10 of 0–255; ?', inactiveChannels: 1 });
  });

  it('the spec example, read and inferred: a DAPI channel makes the OME-Zarr light microscopy', async () => {
    const found = await zarrDetector.detect(contextFromBytes('.zattrs', json({ multiscales: MULTISCALES, omero: OMERO })));
    const f = createFileset({ id: 'z', directory: 'data', pattern: '6001240.zarr', extension: '.zarr', files: ['data/6001240.zarr/.zattrs'], fileCount: 1, format: 'ome-zarr', kind: 'image', facts: found!.facts });
    const r = inferModalities([f]).get('z')!;
    expect(r.modality).toBe('lm-other');
    expect(r.confidence).toBeGreaterThanOrEqual(REVIEW_BELOW);
  });
});
