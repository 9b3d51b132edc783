import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { CONFIDENCE, detection, type Detection } from '../../detector';
import { valueNumber, valueText } from './h5-access';
import { positive } from '../../kit/numbers';
import { unitToNm as nmPerUnit } from '../../kit/units';
import { h5Count as count, h5path, put, type HeaderFields, type Hdf5Scan } from './hdf5-layout';

/** Root groups looked at for an NXentry (a NeXus file holds one entry, a few at most). */
const MAX_ENTRIES = 8;
/** Children of an NXinstrument looked at for NXdetector / NXsource / NXmonochromator groups. */
const MAX_INSTRUMENT_CHILDREN = 16;
/** Photon energies accepted, in keV (soft X-ray from 0.1 keV to hard X-ray at a few hundred keV). */
const KEV = { min: 0.01, max: 1000 } as const;
/** Setups / time points counted in a BigDataViewer file's root listing (h5-access MAX_CHILDREN bounds the listing). */
const BDV_SETUP = /^s\d{2,}$/;
const BDV_TIMEPOINT = /^t\d{5,}$/;

/** An energy dataset's value in keV from its @units (keV by default, eV, J); undefined when not an energy. */
function keV(value: number | undefined, units: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const u = (units ?? 'keV').trim().toLowerCase();
  const k = u === 'kev' ? value : u === 'ev' ? value / 1000 : u === 'j' ? value / 1.602176634e-16 : undefined;
  return k !== undefined && k >= KEV.min && k <= KEV.max ? Number(k.toPrecision(6)) : undefined;
}

/**
 * NeXus NXtomo raw tomography (nexusformat/definitions applications/NXtomo.nxdl.xml: entry:NXentry with
 * definition = "NXtomo", instrument:NXinstrument holding NXdetector groups with data, x_pixel_size, y_pixel_size
 * and an NXsource with probe/type/name; sample:NXsample rotation_angle). Energy where writers put it: an
 * NXmonochromator `energy` (NeXus base class) or `beam/incident_energy` (ESRF nxtomo, tomoscan), with @units.
 * docs/formats.md §8.1.
 */
export function readNxtomo(scan: Hdf5Scan): Detection | null {
  const entry = scan.root.slice(0, MAX_ENTRIES).find((name) => {
    if (valueText(scan.h5.attribute(h5path(name), 'NX_class')) !== 'NXentry') return false;
    const def = valueText(scan.h5.smallValue(h5path(name, 'definition'))) ?? valueText(scan.h5.attribute(h5path(name), 'definition'));
    return def?.trim().toUpperCase() === 'NXTOMO';
  });
  if (entry === undefined) return null;
  const facts: Facts = {};
  const problems: string[] = [];
  const header: HeaderFields = { layout: 'NeXus NXtomo', entry };
  const evidence: Evidence[] = [scan.container, { source: 'header', detail: `NeXus /${entry} (NX_class NXentry) with definition = "NXtomo": the NeXus application definition for X-ray (or neutron) tomography raw data.`, weight: 1 }];
  const creator = valueText(scan.rootAttrs.get('creator'));
  if (creator) facts.creator = { value: creator, provenance: 'header' };
  const instrument = h5path(entry, 'instrument');
  let probe: string | undefined;
  let energy: number | undefined;
  for (const child of (scan.h5.children(instrument)?.names ?? []).slice(0, MAX_INSTRUMENT_CHILDREN)) {
    const path = h5path(entry, 'instrument', child);
    const nxClass = valueText(scan.h5.attribute(path, 'NX_class'));
    if (nxClass === 'NXdetector' && !facts.pixelSize) {
      const size = (axis: 'x' | 'y'): number | undefined => {
        const p = `${path}/${axis}_pixel_size`;
        const v = positive(valueNumber(scan.h5.smallValue(p)));
        const perUnit = nmPerUnit(valueText(scan.h5.attribute(p, 'units')) ?? 'm');
        return v !== undefined && perUnit !== undefined ? positive(v * perUnit) : undefined;
      };
      const [px, py] = [size('x'), size('y')];
      if (px) facts.pixelSize = { value: { x: Number(px.toPrecision(7)), ...(py ? { y: Number(py.toPrecision(7)) } : {}) }, unit: 'nm', provenance: 'header' };
      const shape = scan.h5.shape(`${path}/data`);
      // NXtomo data are [nFrames, xsize, ysize] (the definition's symbols); writers store frames × rows × columns.
      if (shape && shape.length === 3) {
        const [frames, y, x] = shape.map((n) => count(n));
        facts.dimensions = { value: { ...(x ? { x } : {}), ...(y ? { y } : {}) }, provenance: 'header' };
        put(header, 'frames', frames);
      }
    } else if (nxClass === 'NXsource') {
      probe = valueText(scan.h5.smallValue(`${path}/probe`))?.trim();
      put(header, 'sourceType', valueText(scan.h5.smallValue(`${path}/type`))?.trim());
      put(header, 'sourceName', valueText(scan.h5.smallValue(`${path}/name`))?.trim());
    } else if (nxClass === 'NXmonochromator' && energy === undefined) {
      energy = keV(valueNumber(scan.h5.smallValue(`${path}/energy`)), valueText(scan.h5.attribute(`${path}/energy`, 'units')));
    }
  }
  for (const p of [h5path(entry, 'beam', 'incident_energy'), h5path(entry, 'instrument', 'beam', 'incident_energy')]) {
    if (energy !== undefined) break;
    energy = keV(valueNumber(scan.h5.smallValue(p)), valueText(scan.h5.attribute(p, 'units')));
  }
  put(header, 'probe', probe);
  const neutron = probe !== undefined && /neutron/i.test(probe);
  if (!neutron) facts.imagingMode = { value: 'X-ray CT', provenance: 'header' };
  else evidence.push({ source: 'header', detail: `NXsource probe = "${probe}": neutron tomography, not X-ray.`, weight: 0.8 });
  if (energy !== undefined && !neutron) facts.xrayEnergyKeV = { value: energy, unit: 'keV', provenance: 'header' };
  const angles = scan.h5.shape(h5path(entry, 'sample', 'rotation_angle'));
  put(header, 'rotationAngles', angles && angles.length === 1 ? count(angles[0]) : undefined);
  if (!facts.pixelSize) problems.push('No NXdetector x_pixel_size with a length unit: pixel size not read.');
  facts.header = { value: header, provenance: 'header' };
  return detection('nxtomo', CONFIDENCE.STRUCTURE, { facts, evidence, problems });
}

/**
 * BigDataViewer HDF5 (bigdataviewer-core Hdf5ImageLoader / Util.getResolutionsPath…): per setup /sNN/resolutions
 * (double [levels][3]) and /sNN/subdivisions (int [levels][3]); per time point and setup
 * /tNNNNN/sNN/<level>/cells (z, y, x). The calibration lives in the SpimData XML beside it (docs/formats.md §8.3, §10.4).
 */
export function readBdvHdf5(scan: Hdf5Scan): Detection | null {
  const setups = scan.root.filter((n) => BDV_SETUP.test(n));
  const timepoints = scan.root.filter((n) => BDV_TIMEPOINT.test(n));
  const s = setups[0];
  const t = timepoints[0];
  if (s === undefined || t === undefined) return null;
  if (scan.h5.kind(h5path(s, 'resolutions')) !== 'dataset' || scan.h5.kind(h5path(s, 'subdivisions')) !== 'dataset') return null;
  const levels = scan.h5.shape(h5path(s, 'resolutions'));
  const cells = scan.h5.shape(h5path(t, s, '0', 'cells'));
  const facts: Facts = { creator: { value: 'BigDataViewer', provenance: 'header' } };
  if (cells && cells.length === 3) {
    const [z, y, x] = cells.map((n) => count(n));
    facts.dimensions = { value: { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(z ? { z } : {}), ...(timepoints.length > 1 ? { t: timepoints.length } : {}) }, provenance: 'header' };
  }
  const header: HeaderFields = { layout: 'BigDataViewer HDF5 (multiview light microscopy)', setups: setups.length, timepoints: timepoints.length };
  put(header, 'resolutionLevels', levels && levels.length === 2 ? count(levels[0]) : undefined);
  if (scan.rootTotal > scan.root.length) header['listedRootObjects'] = scan.root.length;
  facts.header = { value: header, provenance: 'header' };
  return detection('bdv-hdf5', CONFIDENCE.STRUCTURE, {
    facts,
    evidence: [
      scan.container,
      { source: 'header', detail: `BigDataViewer layout: /${s}/resolutions and /${s}/subdivisions, ${cells ? `/${t}/${s}/0/cells` : `/${t}`} (${setups.length} view setup(s), ${timepoints.length} time point(s)): multiview (light-sheet / BigStitcher) image data; its SpimData .xml sidecar holds the calibration.`, weight: 1 },
    ],
    problems: cells ? [] : [`No /${t}/${s}/0/cells dataset: image size not read.`],
  });
}
