import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { WEAK_WITH_EXTENSION } from '../../../../main/formats/kit/evidence';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { tomEmDetector } from '../../../../main/formats/families/cryoem/tom-em';
import { identify } from '../../../../main/formats/registry';
import { writeEm } from '../../../fixtures/writers/cryoem/em';

const ctx = (name: string, bytes: Uint8Array) => contextFromBytes(name, bytes);

// The TOM toolbox EM format (tom_emwrite / tom_emheader; Bsoft rwEM.h struct EMhead): byte 0 machine code (6 = PC,
// little-endian), byte 3 data type (5 = float), int32 nx ny nz at 4–15, 80-character comment at 16, voltage (kV) at 96;
// 512 header bytes, then nx·ny·nz voxels.
describe('TOM/Dynamo EM volumes', () => {
  it('reads dimensions, data type, comment and voltage from the 512-byte header when the voxels fill the file', async () => {
    const found = await tomEmDetector.detect(ctx('particle_000001.em', writeEm({ nx: 8, ny: 8, nz: 8, voltageKV: 300, comment: 'dynamo crop' })));
    expect(found?.format).toBe('tom-em');
    expect(found?.confidence).toBe(WEAK_WITH_EXTENSION);
    expect(found?.facts.dimensions?.value).toEqual({ x: 8, y: 8, z: 8 });
    expect(found?.facts.arrangement?.value).toBe('volume');
    expect(found?.facts.voltageKV?.value).toBe(300);
    expect(found?.facts.header?.value).toMatchObject({ machine: 'PC', dataType: 'float', comment: 'dynamo crop' });
  });

  it('is only a weak guess without the .em extension, and leaves an unset voltage out', async () => {
    const found = await tomEmDetector.detect(ctx('volume.bin', writeEm({ nx: 4, ny: 4, nz: 1, dataType: 2 })));
    expect(found?.confidence).toBe(CONFIDENCE.WEAK);
    expect(found?.facts.arrangement?.value).toBe('image');
    expect(found?.facts.voltageKV).toBeUndefined();
    expect(found?.facts.header?.value).toMatchObject({ dataType: 'short' });
  });

  it('refuses a header whose voxels do not fill the file exactly, and unknown codes', async () => {
    const em = writeEm({ nx: 8, ny: 8, nz: 8 });
    expect(await tomEmDetector.detect(ctx('cut.em', em.subarray(0, em.length - 4)))).toBeNull();
    const badType = em.slice();
    badType[3] = 7; // no data type 7 in tom_emheader
    expect(await tomEmDetector.detect(ctx('bad.em', badType))).toBeNull();
  });

  it('is what the registry names a Dynamo particle', async () => {
    expect((await identify(ctx('particle_000001.em', writeEm({ nx: 16, ny: 16, nz: 16 })))).format).toBe('tom-em');
  });
});
