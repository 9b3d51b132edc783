import { describe, expect, it } from 'vitest';
import { contextFromBytes } from '../../../../main/formats/context';
import { MAX_READS, type Detector } from '../../../../main/formats/detector';
import { cellVoyagerDetector } from '../../../../main/formats/families/xray-afm-hcs/cellvoyager';
import { operaDetector } from '../../../../main/formats/families/xray-afm-hcs/harmony';
import { inCellDetector } from '../../../../main/formats/families/xray-afm-hcs/incell';
import { htdDetector } from '../../../../main/formats/families/xray-afm-hcs/metaxpress';
import { mlfDetector, mrfDetector } from '../../../../main/formats/families/xray-afm-hcs/yokogawa';
import { real, utf8 } from '../../../fixtures/format-fixture';
import { writeHarmonyIndex, writeHtd, writeXdce } from '../../../fixtures/writers/xray-afm-hcs/hcs';

async function run(d: Detector, name: string, bytes: Uint8Array) {
  const ctx = contextFromBytes(name, bytes);
  return { found: await d.detect(ctx), ctx };
}

const BTS = 'http://www.yokogawa.co.jp/BTS/BTSSchema/1.0';

function mlf(records: number, withError = false): Uint8Array {
  const rows: string[] = [`<?xml version="1.0" encoding="utf-8"?>`, `<bts:MeasurementData bts:Version="1.0" xmlns:bts="${BTS}">`];
  if (withError) rows.push('<bts:MeasurementRecord bts:Type="ERR" bts:Row="9" bts:Column="9" bts:FieldIndex="9" bts:ZIndex="1" bts:Ch="1">failed</bts:MeasurementRecord>');
  for (let i = 0; i < records; i++) {
    const well = Math.floor(i / 40);
    rows.push(`<bts:MeasurementRecord bts:Type="IMG" bts:Column="${(well % 24) + 1}" bts:Row="${Math.floor(well / 24) + 1}" bts:TimePoint="1" bts:FieldIndex="${(i % 4) + 1}" bts:ZIndex="${(Math.floor(i / 4) % 5) + 1}" bts:Ch="${(Math.floor(i / 20) % 2) + 1}">plate_A01_T0001F001L01A01Z01C01.tif</bts:MeasurementRecord>`);
  }
  rows.push('</bts:MeasurementData>');
  return utf8(rows.join('\n'));
}

describe('Yokogawa', () => {
  it('skips ERR records when counting', async () => {
    const { found } = await run(mlfDetector, 'MeasurementData.mlf', mlf(80, true));
    expect(found?.facts.plate?.value).toEqual({ rows: 1, columns: 2, wells: 2, fields: 4 });
    expect(found?.facts.header?.value).toMatchObject({ imageRecords: 80, errorRecords: 1 });
  });

  it('counts a long measurement from a prefix and says so', async () => {
    const { found, ctx } = await run(mlfDetector, 'MeasurementData.mlf', mlf(30_000));
    expect(found?.format).toBe('yokogawa-mlf');
    expect(found?.facts.header?.value['countedFromPrefix']).toBe(true);
    expect(found?.evidence.map((e) => e.detail).join(' ')).toMatch(/counted from the first/);
    expect(found?.problems.join(' ')).toMatch(/prefix/);
    expect(ctx.stats.reads).toBeLessThanOrEqual(1);
  });

  it('tells the detail file from the data file', async () => {
    expect((await run(mlfDetector, 'MeasurementDetail.mrf', real('hcs/yokogawa_cv7000/MeasurementDetail.mrf')())).found).toBeNull();
    expect((await run(mrfDetector, 'MeasurementData.mlf', real('hcs/yokogawa_cv7000/MeasurementData.mlf')())).found).toBeNull();
  });
});

describe('Harmony index', () => {
  it('accepts the HarmonyV6 namespace and reads channels from the Maps entries', async () => {
    const v6 = writeHarmonyIndex({ namespace: 'http://www.perkinelmer.com/PEHH/HarmonyV6', instrument: 'Operetta CLS', rows: 16, columns: 24, wells: [[3, 5]], fields: 1, channels: [], resolutionM: 6.5e-7, size: 2160 }).replace(
      '  <Images>',
      '  <Maps><Map><Entry ChannelID="1"><ChannelName>DAPI</ChannelName><MainExcitationWavelength Unit="nm">365</MainExcitationWavelength><MainEmissionWavelength Unit="nm">460</MainEmissionWavelength><AcquisitionType>Confocal</AcquisitionType></Entry></Map></Maps>\n  <Images>',
    );
    const { found } = await run(operaDetector, 'Index.xml', utf8(v6));
    expect(found?.facts.instrument?.value.model).toBe('Operetta CLS');
    expect(found?.facts.channels?.value).toEqual([{ name: 'DAPI', excitationNm: 365, emissionNm: 460 }]);
    expect(found?.facts.imagingMode?.value).toBe('confocal');
  });

  it('reads a UTF-16 index and stays within the read budget on a large plate', async () => {
    const wells = Array.from({ length: 384 }, (_, i) => [Math.floor(i / 24) + 1, (i % 24) + 1] as const);
    const xml = writeHarmonyIndex({ instrument: 'Phenix', rows: 16, columns: 24, wells, fields: 9, channels: [{ name: 'A', excitationNm: 405, emissionNm: 450 }], resolutionM: 3e-7, size: 1080 });
    const bytes = new Uint8Array(2 + 2 * xml.length);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) bytes[2 + 2 * i] = xml.charCodeAt(i);
    const { found, ctx } = await run(operaDetector, 'Index.idx.xml', bytes);
    expect(found?.format).toBe('opera-index');
    expect(found?.facts.plate?.value).toMatchObject({ rows: 16, columns: 24 });
    expect(ctx.stats.reads).toBeLessThan(MAX_READS);
  });
});

describe('other HCS indexes', () => {
  it('reads a Cytell xdce', async () => {
    const { found } = await run(inCellDetector, 'x.xdce', utf8(writeXdce({ application: 'Cytell Cell Imaging System', rows: 4, columns: 6, wells: [[1, 1]], fields: 1, channels: [], pixelUm: 0.65 })));
    expect(found?.facts.instrument?.value.model).toBe('Cytell Cell Imaging System');
  });

  it('reads an HTD with a byte-order mark and no site selection', async () => {
    const htd = writeHtd({ xWells: 24, yWells: 16, selected: [[1, 1]], xSites: 3, ySites: 3, waves: ['w1'], timePoints: 5 }).replace(/"SiteSelection\d+".*\r\n/g, '');
    const { found } = await run(htdDetector, 'p.HTD', utf8(`\uFEFF${htd}`));
    expect(found?.facts.plate?.value).toEqual({ rows: 16, columns: 24, wells: 1, fields: 9 });
    expect(found?.facts.dimensions?.value).toMatchObject({ t: 5, c: 1 });
  });

  it('does not take a generic XML with a FileVersion element for a CellVoyager result', async () => {
    const xml = '<?xml version="1.0"?><Config><FileVersion><Major>1</Major><Miner>0</Miner></FileVersion></Config>';
    expect((await run(cellVoyagerDetector, 'MeasurementResult.xml', utf8(xml))).found).toBeNull();
  });
});
