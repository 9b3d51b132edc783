import { toNumber, count, MAX_IMAGE_SIDE, MAX_PLATE_SIDE, positive } from '../../kit/numbers';
import { toNanometres } from '../../kit/units';
import { guardDetector, readPrefix } from '../../kit/read';
import { fromHeader } from '../../kit/evidence';
import { printable } from '../../kit/strings';
import { compact, dimensionsFact, headerFact } from '../../kit/facts';
import { blocks, firstText, root, ROOT_WINDOW_BYTES, startsLikeXml, startTags, texts, decodeXml } from '../../kit/xml-scan';
import type { Evidence } from '../../../../shared/model/evidence';
import type { Facts, ImagingMode } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection } from '../../detector';

/**
 * PerkinElmer (Revvity) Harmony and Columbus HCS indexes (docs/formats.md §14). Sources: ome/bioformats
 * OperettaReader.java — Index.idx.xml / Index.ref.xml, root EvaluationInputData in the namespace
 * http://www.perkinelmer.com/PEHH/HarmonyV5 (V6 newer; "isHarmony" tests the xmlns), InstrumentType,
 * PlateRows/PlateColumns, one Image element per plane with Row, Col, FieldID, PlaneID, TimepointID,
 * ChannelID, ChannelName, ImageResolutionX/Y ("resolution stored in meters"), ImageSizeX/Y,
 * MainExcitationWavelength/MainEmissionWavelength (nm), AcquisitionType (NipkowConfocal → spinning-disk
 * confocal, Confocal → laser-scanning confocal, NonConfocal → widefield, getAcquisitionMode);
 * ColumbusReader.java — MeasurementIndex.ColumbusIDX.xml, magic "ColumbusMeasurementIndex", elements
 * ScreenName, PlateName, PlateType, PlateRows, PlateColumns, Measurement (MeasurementID), Reference.
 * HarmonyV6 indexes also list per-channel settings once, in Maps/Map/Entry ChannelID="n" (ChannelName,
 * MainExcitationWavelength, ImageResolutionX, ObjectiveMagnification), as public HarmonyV6 test fixtures show.
 */

/** The Harmony namespace (OperettaReader: isHarmony when the xmlns contains "Harmony"). */
const HARMONY_NS = /perkinelmer\.com\/PEHH\/HarmonyV\d+/i;
/** Image records scanned (a 384-well plate × 9 fields × 4 channels ≈ 14 000); counts past this are from a prefix. */
const MAX_IMAGES = 50_000;
/** Channel map entries (Harmony V6 Maps/Map/Entry) and channels reported. */
const MAX_ENTRIES = 512;
const MAX_CHANNELS = 32;
/** OperettaReader.getAcquisitionMode. */
const ACQUISITION_MODE: Readonly<Record<string, ImagingMode>> = { nipkowconfocal: 'spinning-disk', confocal: 'confocal', nonconfocal: 'widefield' };

interface Channel {
  name?: string;
  excitationNm?: number;
  emissionNm?: number;
}

function channelFrom(body: string): Channel {
  const name = printable(firstText(body, 'ChannelName'));
  const ex = positive(toNumber(firstText(body, 'MainExcitationWavelength')));
  const em = positive(toNumber(firstText(body, 'MainEmissionWavelength')));
  return { ...(name ? { name } : {}), ...(ex ? { excitationNm: ex } : {}), ...(em ? { emissionNm: em } : {}) };
}

function resolutionNm(body: string): number | undefined {
  const r = texts(body, 'ImageResolutionX', 1)[0];
  const v = toNumber(r?.text);
  return v === undefined ? undefined : toNanometres(v, r?.attrs.get('Unit') || 'm');
}

async function detectOpera(ctx: DetectContext): Promise<Detection | null> {
  const start = decodeXml(ctx.head.subarray(0, ROOT_WINDOW_BYTES));
  const r = root(start);
  if (r?.name !== 'EvaluationInputData' || !r.namespaces.some((ns) => HARMONY_NS.test(ns))) return null;
  const { bytes, complete } = await readPrefix(ctx);
  const xml = decodeXml(bytes);
  const images = blocks(xml, 'Image', MAX_IMAGES);
  const rows = new Set<string>();
  const cols = new Set<string>();
  const wells = new Set<string>();
  const fields = new Set<string>();
  const planes = new Set<string>();
  const times = new Set<string>();
  const channels = new Map<string, Channel>();
  const modes = new Set<string>();
  let pixelNm: number | undefined;
  let sizeX: number | undefined;
  let sizeY: number | undefined;
  let magnification: number | undefined;
  const absorb = (body: string, channelId: string | undefined): void => {
    const id = channelId ?? firstText(body, 'ChannelID');
    if (id !== undefined && !channels.has(id) && channels.size < MAX_CHANNELS) channels.set(id, channelFrom(body));
    pixelNm ??= resolutionNm(body);
    sizeX ??= count(toNumber(firstText(body, 'ImageSizeX')), MAX_IMAGE_SIDE);
    sizeY ??= count(toNumber(firstText(body, 'ImageSizeY')), MAX_IMAGE_SIDE);
    magnification ??= positive(toNumber(firstText(body, 'ObjectiveMagnification')));
    const mode = firstText(body, 'AcquisitionType');
    if (mode && modes.size < 8) modes.add(mode);
  };
  blocks(xml, 'Entry', MAX_ENTRIES).forEach((e, i) => absorb(e.body, e.attrs.get('ChannelID') ?? `entry ${i + 1}`));
  for (const { body } of images) {
    const row = firstText(body, 'Row');
    const col = firstText(body, 'Col');
    if (row !== undefined) rows.add(row);
    if (col !== undefined) cols.add(col);
    if (row !== undefined && col !== undefined) wells.add(`${row}:${col}`);
    for (const [set, tag] of [[fields, 'FieldID'], [planes, 'PlaneID'], [times, 'TimepointID']] as const) {
      const v = firstText(body, tag);
      if (v !== undefined) set.add(v);
    }
    absorb(body, undefined);
  }
  const plateRows = count(toNumber(firstText(xml, 'PlateRows')), MAX_PLATE_SIDE);
  const plateCols = count(toNumber(firstText(xml, 'PlateColumns')), MAX_PLATE_SIDE);
  const wellRefs = images.length === 0 ? startTags(xml, 'Well', MAX_IMAGES).filter((a) => a.has('id')).length : 0;
  const partial = !complete || images.length >= MAX_IMAGES;
  const instrument = printable(firstText(xml, 'InstrumentType'));
  const channelList = [...channels.values()].filter((c) => Object.keys(c).length > 0);
  const mode = [...modes].map((m) => ACQUISITION_MODE[m.toLowerCase()]).find((m) => m !== undefined);
  const facts: Facts = {
    arrangement: { value: 'plate', provenance: 'header' },
    instrument: { value: { manufacturer: 'PerkinElmer', ...(instrument ? { model: instrument } : {}) }, provenance: 'header' },
    plate: {
      value: {
        ...(plateRows ? { rows: plateRows } : {}),
        ...(plateCols ? { columns: plateCols } : {}),
        ...(wells.size || wellRefs ? { wells: wells.size || wellRefs } : {}),
        ...(fields.size ? { fields: fields.size } : {}),
      },
      provenance: 'header',
    },
    channels: channelList.length > 0 ? { value: channelList, provenance: 'header' } : undefined,
    pixelSize: pixelNm ? { value: { x: pixelNm, y: pixelNm }, unit: 'nm', provenance: 'header' } : undefined,
    dimensions: dimensionsFact({ x: sizeX, y: sizeY, c: channels.size || undefined, z: planes.size || undefined, t: times.size || undefined }),
    magnification: magnification ? { value: magnification, provenance: 'header' } : undefined,
    imagingMode: mode ? { value: mode, provenance: 'header' } : undefined,
    acquisitionModes: modes.size > 0 ? { value: [...modes], provenance: 'header' } : undefined,
    header: headerFact({ namespace: r.namespaces.find((ns) => HARMONY_NS.test(ns)), plateType: printable(firstText(xml, 'PlateTypeName')), imagesRead: images.length, imagePlateRows: rows.size || undefined, imagePlateColumns: cols.size || undefined }),
  };
  const evidence: Evidence[] = [
    fromHeader(`Harmony index: root EvaluationInputData in namespace ${r.namespaces.find((ns) => HARMONY_NS.test(ns))}${instrument ? `, InstrumentType ${instrument}` : ''}.`, 1),
    fromHeader(`${images.length} image records: ${wells.size} well(s), ${fields.size} field(s), ${channels.size} channel(s)${partial ? ` — counted from the first ${bytes.length} bytes${images.length >= MAX_IMAGES ? ` / ${MAX_IMAGES} records` : ''}, not the whole index` : ''}.`, 0.5),
  ];
  return detection('opera-index', CONFIDENCE.STRUCTURE, {
    facts: compact(facts),
    evidence,
    problems: partial ? [`Plate counts come from a prefix of the index (${bytes.length} of ${ctx.size} bytes${images.length >= MAX_IMAGES ? `, first ${MAX_IMAGES} images` : ''}).`] : [],
  });
}

async function detectColumbus(ctx: DetectContext): Promise<Detection | null> {
  const r = root(decodeXml(ctx.head.subarray(0, ROOT_WINDOW_BYTES)));
  if (r?.name !== 'ColumbusMeasurementIndex') return null;
  const { bytes } = await readPrefix(ctx);
  const xml = decodeXml(bytes);
  const rows = count(toNumber(firstText(xml, 'PlateRows')), MAX_PLATE_SIDE);
  const cols = count(toNumber(firstText(xml, 'PlateColumns')), MAX_PLATE_SIDE);
  const measurements = startTags(xml, 'Measurement', MAX_ENTRIES);
  const references = texts(xml, 'Reference', MAX_ENTRIES).length;
  const facts: Facts = {
    arrangement: { value: 'plate', provenance: 'header' },
    software: { value: 'Columbus', provenance: 'header' },
    plate: rows || cols ? { value: { ...(rows ? { rows } : {}), ...(cols ? { columns: cols } : {}) }, provenance: 'header' } : undefined,
    header: headerFact({
      screenName: printable(firstText(xml, 'ScreenName')),
      plateName: printable(firstText(xml, 'PlateName')),
      plateType: printable(firstText(xml, 'PlateType')),
      measurements: measurements.length,
      measurementId: printable(measurements.find((m) => m.has('MeasurementID'))?.get('MeasurementID')),
      referencedIndexes: references,
    }),
  };
  return detection('columbus-index', CONFIDENCE.STRUCTURE, {
    facts: compact(facts),
    evidence: [
      fromHeader(`Root element ColumbusMeasurementIndex (PerkinElmer Columbus export)${rows && cols ? `, plate ${rows} × ${cols}` : ''}, ${references} referenced image index(es).`, 1),
      fromHeader('A Columbus measurement index describes a high-content screening plate.', 0.5),
    ],
  });
}

/** Opera/Operetta/Phenix Harmony Index.idx.xml / Index.xml / Index.ref.xml. */
export const operaDetector = guardDetector({ id: 'opera-index', formats: ['opera-index'], sniff: (ctx) => startsLikeXml(ctx.head), detect: detectOpera });

/** Columbus MeasurementIndex.ColumbusIDX.xml. */
export const columbusDetector = guardDetector({ id: 'columbus-index', formats: ['columbus-index'], sniff: (ctx) => startsLikeXml(ctx.head), detect: detectColumbus });
