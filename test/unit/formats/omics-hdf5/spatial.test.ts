import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { CONFIDENCE } from '../../../../main/formats/detector';
import { merscopeTranscriptsDetector, visiumPositionsDetector, visiumScalefactorsDetector, xeniumExperimentDetector } from '../../../../main/formats/families/omics-hdf5/spatial';
import { identify } from '../../../../main/formats/registry';
import { utf8 } from '../../../fixtures/format-fixture';
import { writeMerscopeTranscripts, writeVisiumPositionsV2, writeXeniumExperiment } from '../../../fixtures/writers/omics-hdf5/spatial';

describe('Visium scale factors', () => {
  it('uses microns_per_pixel of Visium HD as read, not derived', async () => {
    const json = { spot_diameter_fullres: 7.3, bin_size_um: 2.0, microns_per_pixel: 0.274, tissue_lowres_scalef: 0.02, fiducial_diameter_fullres: 100, tissue_hires_scalef: 0.2, regist_target_img_scalef: 0.2 };
    const found = await visiumScalefactorsDetector.detect(contextFromBytes('scalefactors_json.json', utf8(JSON.stringify(json))));
    expect(found?.facts.pixelSize?.value).toEqual({ x: 274, y: 274 });
    expect(found?.evidence.map((e) => e.detail).join(' ')).toMatch(/microns_per_pixel = 0.274/);
    expect(found?.facts.header?.value).toMatchObject({ bin_size_um: 2 });
  });

  it('says the standard Visium pixel size is derived from the 55 µm spot', async () => {
    const json = { spot_diameter_fullres: 110, tissue_hires_scalef: 0.15, tissue_lowres_scalef: 0.045, fiducial_diameter_fullres: 177 };
    const found = await visiumScalefactorsDetector.detect(contextFromBytes('scalefactors_json.json', utf8(JSON.stringify(json))));
    expect(found?.facts.pixelSize?.value).toEqual({ x: 500, y: 500 });
    expect(found?.evidence.some((e) => /^Derived, not read/.test(e.detail))).toBe(true);
  });

  it('refuses JSON that is not an object, or too large to be scale factors', async () => {
    expect(await visiumScalefactorsDetector.detect(contextFromBytes('a.json', utf8('[1, 2, 3]')))).toBeNull();
    expect(await visiumScalefactorsDetector.detect(contextFromBytes('a.json', utf8('{"spot_diameter_fullres": 89, "tissue_hires_scalef": '.padEnd(2 * 1024 * 1024, ' '))))).toBeNull();
  });
});

describe('Visium positions', () => {
  it('accepts a quoted v2 table and counts spots in tissue when the file is read whole', async () => {
    const [header, ...rows] = writeVisiumPositionsV2(6).split('\n');
    const quoted = [header!.split(',').map((c) => `"${c}"`).join(','), ...rows.map((r) => r.replace(/^([ACGT]+-1)/, '"$1"'))].join('\n');
    const found = await visiumPositionsDetector.detect(contextFromBytes('tissue_positions.csv', utf8(quoted)));
    expect(found).toMatchObject({ format: 'visium-positions', facts: { header: { value: { spots: 6, inTissue: 2 } } } });
  });

  it('rejects a barcode table with other columns, and a single row of a cut file', async () => {
    expect(await visiumPositionsDetector.detect(contextFromBytes('tissue_positions_list.csv', utf8('AAACAAGTATCTCCCA-1,1,50,102\n')))).toBeNull();
    const one = utf8('AAACAAGTATCTCCCA-1,1,50,102,8000,9000\nAAACAAG');
    // A cut head with one complete row is not enough…
    const big = new Uint8Array(70 * 1024).fill(0x41);
    big.set(one);
    expect(await visiumPositionsDetector.detect(contextFromBytes('tissue_positions_list.csv', big))).toBeNull();
  });
});

describe('Xenium experiment', () => {
  it('reads software, pixel size and run fields', async () => {
    const found = await xeniumExperimentDetector.detect(contextFromBytes('experiment.xenium', utf8(writeXeniumExperiment({ pixelSizeUm: 0.2125 }))));
    expect(found).toMatchObject({ format: 'xenium-experiment', confidence: CONFIDENCE.STRUCTURE, facts: { omics: { value: { kind: 'spatial-transcriptomics', platform: 'Xenium' } }, header: { value: { run_name: 'Run_2024_01', region_name: 'Region_1', morphology_filepath: 'morphology.ome.tif' } } } });
  });

  it('believes Xenium keys without a xenium- version only with the .xenium extension, weakly', async () => {
    const text = utf8(writeXeniumExperiment({ analysisSwVersion: '' }));
    expect(await xeniumExperimentDetector.detect(contextFromBytes('experiment.json', text))).toBeNull();
    expect(await xeniumExperimentDetector.detect(contextFromBytes('experiment.xenium', text))).toMatchObject({ confidence: CONFIDENCE.WEAK });
  });
});

describe('MERSCOPE transcripts', () => {
  it('accepts the cell_id column of segmented output and rejects non-numeric coordinates', async () => {
    const withCells = ',barcode_id,global_x,global_y,global_z,x,y,fov,gene,transcript_id,cell_id\n36,0,154.7,8197.3,0.0,1790.1,303.8,0,HS3ST1,ENST00000002596,-1\n53,0,157.4,8211.9,0.0,1814.6,439.3,0,HS3ST1,ENST00000002596,224295401131100634\n76,0,154.2,8230.8,0.0,1785.8,614.0,0,HS3ST1,ENST00000002596,-1\n';
    expect((await merscopeTranscriptsDetector.detect(contextFromBytes('detected_transcripts.csv', utf8(withCells))))?.format).toBe('merscope-transcripts');
    const bad = writeMerscopeTranscripts(4).replace(/\n\d+,\d+,[\d.]+,/, '\n1,2,abc,');
    expect(await merscopeTranscriptsDetector.detect(contextFromBytes('detected_transcripts.csv', utf8(bad)))).toBeNull();
  });

  it('is found by the registry under any name', async () => {
    expect((await identify(contextFromBytes('region_0.csv', utf8(writeMerscopeTranscripts(10))))).format).toBe('merscope-transcripts');
  });
});
