// NeXus NXtomo (nexusformat/definitions NXtomo.nxdl.xml): the NXsource probe says what the beam is; a neutron
// tomography is not X-ray CT. Energy in eV (@units) is converted to keV.
import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { identify } from '../../../../main/formats/registry';
import { writeNxtomo } from '../../../fixtures/writers/omics-hdf5/nxtomo';

describe('NXtomo', () => {
  it('does not call a neutron scan X-ray CT', async () => {
    const found = await identify(contextFromBytes('neutron.nxs', writeNxtomo({ pixelSizeM: 5e-5, energyKeV: 0.025, probe: 'neutron' })));
    expect(found.format).toBe('nxtomo');
    expect(found.facts.imagingMode).toBeUndefined();
    expect(found.facts.xrayEnergyKeV).toBeUndefined();
    expect(found.facts.pixelSize?.value).toEqual({ x: 50000, y: 50000 });
  });
});
