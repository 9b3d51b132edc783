import { toNumber, count, MAX_PLATE_SIDE, positive } from '../../kit/numbers';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact } from '../../kit/facts';
import { blocks, firstText, startsLikeXml, startTags, decodeXml } from '../../kit/xml-scan';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * Yokogawa CellVoyager CV1000 / CQ1 MeasurementResult.xml (docs/formats.md §14). Source:
 * ome/bioformats CellVoyagerReader.java (reverse-engineered v1.0 files): FileVersion/Major and the
 * misspelt FileVersion/Miner; ObjectiveLens/Magnification; Channels/Channel with IsEnabled, Number,
 * AcquisitionSetting/Camera (EffectiveHorizontalPixels_pixel, HorizonalCellSize_um), Excitation/Name/Value,
 * Emission/Name/Value, Emission/FluorescentProbe/Value; Wells/Well with IsEnabled, Row, Column, Areas/Area/
 * Fields/Field; UsesSameAreaParWell (sic); ZStackConditions/NumberOfSlices; PinholeDisk/PinholeSize_um;
 * Attachment/HolderInfoList/HolderInfo/MountedSampleContainer (xsi:type WellPlate) RowCount/ColumnCount;
 * DimensionsInfo/F Max. The reader does not name the root element, so detection rests on these children.
 */

/** Markers a MeasurementResult.xml carries (CellVoyagerReader.readInfo), besides FileVersion/Miner. */
const MARKERS = ['UsesSameAreaParWell', 'ZStackConditions', 'MountedSampleContainer', 'PinholeDisk', 'DimensionsInfo', 'HolderInfoList'];
/** Documents are tens of KB; cap wells and channels walked. */
const MAX_WELLS = 4096;
const MAX_CHANNELS = 32;

const enabled = (body: string): boolean => firstText(body, 'IsEnabled')?.toLowerCase() === 'true';

async function detectCellVoyager(ctx: DetectContext): Promise<Detection | null> {
  const start = decodeXml(ctx.head);
  if (!/<FileVersion\b[\s\S]{0,200}?<Miner>/.test(start)) return null;
  const { bytes, complete } = await readPrefix(ctx);
  const xml = decodeXml(bytes);
  const markers = MARKERS.filter((m) => xml.includes(`<${m}`));
  if (markers.length === 0) return null;
  const channels = blocks(xml, 'Channel', MAX_CHANNELS)
    .filter((c) => enabled(c.body))
    .map((c) => {
      const ex = printable(/<Excitation\b[\s\S]*?<Value>([^<]*)<\/Value>/.exec(c.body)?.[1]);
      const em = printable(/<Emission\b[\s\S]*?<Name>[\s\S]*?<Value>([^<]*)<\/Value>/.exec(c.body)?.[1]);
      const fluor = printable(/<FluorescentProbe>[\s\S]*?<Value>([^<]*)<\/Value>/.exec(c.body)?.[1]);
      const name = [ex && `Ex ${ex}`, em && `Em ${em}`].filter(Boolean).join(' / ');
      return { ...(name ? { name } : {}), ...(fluor ? { fluor } : {}) };
    });
  const wells = blocks(xml, 'Well', MAX_WELLS).filter((w) => enabled(w.body));
  const container = /<MountedSampleContainer\b[^>]*>([\s\S]*?)<\/MountedSampleContainer>/.exec(xml)?.[1] ?? '';
  const rows = count(toNumber(firstText(container, 'RowCount')), MAX_PLATE_SIDE);
  const cols = count(toNumber(firstText(container, 'ColumnCount')), MAX_PLATE_SIDE);
  const fieldsMax = count(toNumber(startTags(/<DimensionsInfo\b[\s\S]*?<\/DimensionsInfo>/.exec(xml)?.[0] ?? '', 'F', 1)[0]?.get('Max')));
  const magnification = positive(toNumber(/<ObjectiveLens\b[\s\S]*?<Magnification>([^<]*)</.exec(xml)?.[1]));
  const slices = count(toNumber(/<ZStackConditions\b[\s\S]*?<NumberOfSlices>([^<]*)</.exec(xml)?.[1]));
  const spinning = xml.includes('<PinholeDisk');
  const facts: Facts = {
    arrangement: { value: 'plate', provenance: 'header' },
    instrument: { value: { manufacturer: 'Yokogawa', model: 'CellVoyager' }, provenance: 'header' },
    plate: { value: { ...(rows ? { rows } : {}), ...(cols ? { columns: cols } : {}), ...(wells.length ? { wells: wells.length } : {}), ...(fieldsMax ? { fields: fieldsMax } : {}) }, provenance: 'header' },
    channels: channels.length > 0 ? { value: channels, provenance: 'header' } : undefined,
    dimensions: dimensionsFact({ c: channels.length || undefined, z: slices }),
    magnification: magnification ? { value: magnification, provenance: 'header' } : undefined,
    imagingMode: spinning ? { value: 'spinning-disk', provenance: 'header' } : undefined,
    header: headerFact({ fileVersion: `${firstText(xml, 'Major') ?? '?'}.${firstText(xml, 'Miner') ?? '?'}`, pinholeSizeUm: positive(toNumber(firstText(xml, 'PinholeSize_um'))) }),
  };
  return detection('cellvoyager', markers.length >= 2 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: compact(facts),
    evidence: [
      fromHeader(`CellVoyager measurement result: FileVersion with the misspelt <Miner> element and ${markers.join(', ')}.`, 1),
      ...(spinning ? [fromHeader('A PinholeDisk element: the CellVoyager images through a spinning (Nipkow) disk.', 0.3)] : []),
    ],
    problems: complete ? [] : [`Read the first ${bytes.length} of ${ctx.size} bytes only.`],
  });
}

/** CellVoyager CV1000/CQ1 MeasurementResult.xml. */
export const cellVoyagerDetector = guardDetector({ id: 'cellvoyager', formats: ['cellvoyager'], sniff: (ctx) => startsLikeXml(ctx.head), detect: detectCellVoyager });
