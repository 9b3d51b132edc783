import { toNumber, count, MAX_IMAGE_SIDE, MAX_PLATE_SIDE } from '../../kit/numbers';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact, pixelSizeFact } from '../../kit/facts';
import { root, ROOT_WINDOW_BYTES, startsLikeXml, startTags, decodeXml } from '../../kit/xml-scan';
import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * Yokogawa CellVoyager CV7000/CV8000 measurement files (docs/formats.md §14). Source: ome/bioformats
 * CV7000Reader.java — MeasurementDetail.mrf: `bts:MeasurementDetail` (BeginTime, EndTime; the real sample
 * also has TargetSystem, RowCount, ColumnCount, FieldCount, ZCount, TimePointCount, ReleaseNumber) with
 * `bts:MeasurementChannel` Ch, HorizontalPixelDimension / VerticalPixelDimension (µm), CameraNumber;
 * MeasurementData.mlf: one `bts:MeasurementRecord` per image with Type (IMG, or ERR for a failed
 * acquisition, skipped), Row, Column, TimePoint, FieldIndex, ZIndex, Ch (1-based). Namespace
 * http://www.yokogawa.co.jp/BTS/BTSSchema/1.0 (both real samples in test/fixtures/real/hcs/yokogawa_cv7000).
 */

const BTS_NS = 'http://www.yokogawa.co.jp/BTS/BTSSchema/1.0';
/** Records counted from an .mlf: a full 384-well plate with z-stacks writes ~10⁶; past this the counts are from a prefix. */
const MAX_RECORDS = 100_000;
const MAX_CHANNELS = 32;

function isBts(ctx: DetectContext, name: string): ReturnType<typeof root> {
  const r = root(decodeXml(ctx.head.subarray(0, ROOT_WINDOW_BYTES)));
  return r?.name === name && r.namespaces.includes(BTS_NS) ? r : null;
}

async function detectMrf(ctx: DetectContext): Promise<Detection | null> {
  const r = isBts(ctx, 'MeasurementDetail');
  if (!r) return null;
  const { bytes } = await readPrefix(ctx);
  const xml = decodeXml(bytes);
  const channels = startTags(xml, 'MeasurementChannel', MAX_CHANNELS);
  const first = channels[0];
  const system = printable(r.attrs.get('TargetSystem'));
  const rows = count(toNumber(r.attrs.get('RowCount')), MAX_PLATE_SIDE);
  const cols = count(toNumber(r.attrs.get('ColumnCount')), MAX_PLATE_SIDE);
  const facts: Facts = {
    arrangement: { value: 'plate', provenance: 'header' },
    instrument: { value: { manufacturer: 'Yokogawa', ...(system ? { model: system } : {}) }, provenance: 'header' },
    plate: rows || cols ? { value: { ...(rows ? { rows } : {}), ...(cols ? { columns: cols } : {}) }, provenance: 'header' } : undefined,
    channels: channels.length > 0 ? { value: channels.map((c) => ({ name: `Ch${c.get('Ch') ?? '?'}${c.has('CameraNumber') ? ` (camera ${c.get('CameraNumber')})` : ''}` })), provenance: 'header' } : undefined,
    pixelSize: first ? pixelSizeFact(toNumber(first.get('HorizontalPixelDimension')), toNumber(first.get('VerticalPixelDimension')), undefined, 'um') : undefined,
    dimensions: dimensionsFact({ x: count(toNumber(first?.get('HorizontalPixels')), MAX_IMAGE_SIDE), y: count(toNumber(first?.get('VerticalPixels')), MAX_IMAGE_SIDE), c: channels.length || undefined }),
    header: headerFact({
      releaseNumber: printable(r.attrs.get('ReleaseNumber')),
      fieldCount: count(toNumber(r.attrs.get('FieldCount'))),
      zCount: count(toNumber(r.attrs.get('ZCount'))),
      timePointCount: count(toNumber(r.attrs.get('TimePointCount'))),
      beginTime: printable(r.attrs.get('BeginTime')),
    }),
  };
  return detection('yokogawa-mrf', CONFIDENCE.STRUCTURE, {
    facts: compact(facts),
    evidence: [
      fromHeader(`Yokogawa measurement detail: root bts:MeasurementDetail in ${BTS_NS}${system ? `, TargetSystem "${system}"` : ''}, ${channels.length} measurement channel(s).`, 1),
      fromHeader('CellVoyager CV7000/CV8000 systems are high-content screening (plate) microscopes.', 0.5),
    ],
  });
}

async function detectMlf(ctx: DetectContext): Promise<Detection | null> {
  if (!isBts(ctx, 'MeasurementData')) return null;
  const { bytes, complete } = await readPrefix(ctx);
  const records = startTags(decodeXml(bytes), 'MeasurementRecord', MAX_RECORDS);
  const sets = { Row: new Set<string>(), Column: new Set<string>(), FieldIndex: new Set<string>(), ZIndex: new Set<string>(), Ch: new Set<string>(), TimePoint: new Set<string>() };
  const wells = new Set<string>();
  let images = 0;
  let errors = 0;
  for (const rec of records) {
    if (rec.get('Type') !== 'IMG') {
      errors++;
      continue;
    }
    images++;
    for (const [k, set] of Object.entries(sets)) {
      const v = rec.get(k);
      if (v !== undefined) set.add(v);
    }
    const row = rec.get('Row');
    const col = rec.get('Column');
    if (row !== undefined && col !== undefined) wells.add(`${row}:${col}`);
  }
  const partial = !complete || records.length >= MAX_RECORDS;
  const size = (s: Set<string>): number | undefined => s.size || undefined;
  const facts: Facts = {
    arrangement: { value: 'plate', provenance: 'header' },
    instrument: { value: { manufacturer: 'Yokogawa' }, provenance: 'header' },
    plate: images > 0 ? { value: { rows: sets.Row.size, columns: sets.Column.size, wells: wells.size, fields: sets.FieldIndex.size }, provenance: 'header' } : undefined,
    dimensions: dimensionsFact({ z: size(sets.ZIndex), c: size(sets.Ch), t: size(sets.TimePoint) }),
    header: headerFact({ imageRecords: images, errorRecords: errors || undefined, countedFromPrefix: partial }),
  };
  return detection('yokogawa-mlf', CONFIDENCE.STRUCTURE, {
    facts: compact(facts),
    evidence: [
      fromHeader(`Yokogawa measurement data: root bts:MeasurementData in ${BTS_NS} with ${images} image record(s).`, 1),
      fromHeader(
        `Acquired rows, columns, wells and fields are the distinct Row, Column, (Row, Column) and FieldIndex values of the image records${partial ? ` — counted from the first ${records.length} records in ${bytes.length} of ${ctx.size} bytes, not the whole file` : ''}.`,
        0.4,
      ),
    ],
    problems: partial ? [`Plate counts come from a prefix of the measurement data (${records.length} records).`] : [],
  });
}

/** Yokogawa CV7000/CV8000 MeasurementDetail.mrf. */
export const mrfDetector = guardDetector({ id: 'yokogawa-mrf', formats: ['yokogawa-mrf'], sniff: (ctx) => startsLikeXml(ctx.head), detect: detectMrf });

/** Yokogawa CV7000/CV8000 MeasurementData.mlf. */
export const mlfDetector = guardDetector({ id: 'yokogawa-mlf', formats: ['yokogawa-mlf'], sniff: (ctx) => startsLikeXml(ctx.head), detect: detectMlf });
