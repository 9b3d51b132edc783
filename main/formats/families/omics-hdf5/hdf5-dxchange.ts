import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { CONFIDENCE, detection, type Detection } from '../../detector';
import { valueNumber, valueText } from './h5-access';
import { positive } from '../../kit/numbers';
import { unitToNm as nmPerUnit } from '../../kit/units';
import { h5Count as count, put, type HeaderFields, type Hdf5Scan } from './hdf5-layout';

/**
 * APS Data Exchange tomography files (data-exchange/dxfile "Data Exchange" definition; dxchange reader.read_aps_32id,
 * read_aps_2bm): root dataset /implements listing the top groups ("exchange:measurement:process"), projections
 * /exchange/data [nProjections, rows, columns] with /exchange/data_white (flats), /exchange/data_dark (darks) and
 * /exchange/theta (angles); instrument under /measurement/instrument: source/name, monochromator/energy (keV in
 * the definition's units table) and detection_system/objective/resolution (µm per pixel). docs/formats.md §8.2.
 */
/** Photon energies accepted, in keV. */
const KEV = { min: 0.01, max: 1000 } as const;

function first(v: ReturnType<Hdf5Scan['h5']['smallValue']>): number | undefined {
  return valueNumber(v);
}

/** A Data Exchange tomography scan: projections, flats, darks and angles under /exchange. */
export function readDxchange(scan: Hdf5Scan): Detection | null {
  if (!scan.root.includes('exchange') || !scan.root.includes('implements')) return null;
  const implementsText = valueText(scan.h5.smallValue('/implements'))?.trim();
  if (!implementsText || !/(^|:)exchange(:|$)/.test(implementsText)) return null;
  const data = scan.h5.shape('/exchange/data');
  if (!data) return null;
  const facts: Facts = { imagingMode: { value: 'X-ray CT', provenance: 'header' } };
  const problems: string[] = [];
  const header: HeaderFields = { layout: 'Data Exchange', implements: implementsText };
  if (data.length === 3) {
    const [n, y, x] = data.map((v) => count(v));
    facts.dimensions = { value: { ...(x ? { x } : {}), ...(y ? { y } : {}) }, provenance: 'header' };
    put(header, 'projections', n);
  }
  put(header, 'flats', scan.h5.shape('/exchange/data_white')?.[0]);
  put(header, 'darks', scan.h5.shape('/exchange/data_dark')?.[0]);
  put(header, 'angles', scan.h5.shape('/exchange/theta')?.[0]);
  const source = valueText(scan.h5.smallValue('/measurement/instrument/source/name'))?.trim();
  put(header, 'source', source);
  const energyPath = '/measurement/instrument/monochromator/energy';
  const e = first(scan.h5.smallValue(energyPath));
  const eUnit = (valueText(scan.h5.attribute(energyPath, 'units')) ?? 'keV').trim().toLowerCase();
  const keV = e === undefined ? undefined : eUnit === 'kev' ? e : eUnit === 'ev' ? e / 1000 : undefined;
  if (keV !== undefined && keV >= KEV.min && keV <= KEV.max) facts.xrayEnergyKeV = { value: Number(keV.toPrecision(6)), unit: 'keV', provenance: 'header' };
  else if (e !== undefined) problems.push(`Monochromator energy ${e} ${eUnit} is not a photon energy we accept: ignored.`);
  const resPath = '/measurement/instrument/detection_system/objective/resolution';
  const res = positive(first(scan.h5.smallValue(resPath)));
  const perUnit = nmPerUnit(valueText(scan.h5.attribute(resPath, 'units')) ?? 'um');
  if (res !== undefined && perUnit !== undefined) {
    const nm = Number((res * perUnit).toPrecision(7));
    facts.pixelSize = { value: { x: nm, y: nm }, unit: 'nm', provenance: 'header' };
  }
  facts.header = { value: header, provenance: 'header' };
  const evidence: Evidence[] = [
    scan.container,
    { source: 'header', detail: `Data Exchange file: /implements = "${implementsText}" and /exchange/data${header['flats'] !== undefined ? ', data_white' : ''}${header['darks'] !== undefined ? ', data_dark' : ''}${header['angles'] !== undefined ? ', theta' : ''}: a tomography scan (projections, flats, darks, angles) as APS beamlines write it.`, weight: 1 },
  ];
  if (source) evidence.push({ source: 'header', detail: `Source: ${source}.`, weight: 0.4 });
  return detection('dxchange', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}
