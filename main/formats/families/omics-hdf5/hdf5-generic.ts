import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { detection, type Detection } from '../../detector';
import { valueNumber, valueText, type H5Value } from './h5-access';
import { positive } from '../../kit/numbers';
import { h5Count, h5path, put, type HeaderFields, type Hdf5Scan } from './hdf5-layout';

/**
 * An HDF5 file without a layout we read as a catalog format: a generic container, below every specific reader
 * (README rule 1) but well above the unknown threshold, since the signature is unambiguous.
 */
export const HDF5_GENERIC = 0.7;
/** Root groups whose NX_class is looked at (a NeXus file has one NXentry, a few at most). */
const MAX_NEXUS_ENTRIES = 8;
/** Root names shown in the header. */
const MAX_LISTED_ROOT = 12;

interface Layout {
  readonly name: string;
  readonly facts: Facts;
  readonly evidence: Evidence;
  readonly header: HeaderFields;
}

/** NeXus: NX_class attributes (NXentry), application definition in <entry>/definition (NXtomo → tomography). */
function nexus(scan: Hdf5Scan): Layout | undefined {
  const entries: { name: string; definition?: string }[] = [];
  for (const name of scan.root.slice(0, MAX_NEXUS_ENTRIES)) {
    const nxClass = valueText(scan.h5.attribute(h5path(name), 'NX_class'));
    if (nxClass !== 'NXentry') continue;
    const definition = valueText(scan.h5.smallValue(h5path(name, 'definition'))) || valueText(scan.h5.attribute(h5path(name), 'definition'));
    entries.push({ name, ...(definition ? { definition } : {}) });
  }
  const rootClass = valueText(scan.rootAttrs.get('NX_class'));
  if (entries.length === 0 && rootClass !== 'NXroot') return undefined;
  const definitions = [...new Set(entries.flatMap((e) => (e.definition ? [e.definition] : [])))];
  const facts: Facts = {};
  const creator = valueText(scan.rootAttrs.get('creator'));
  if (creator) facts.creator = { value: creator, provenance: 'header' };
  const tomo = definitions.some((d) => d.toUpperCase() === 'NXTOMO');
  if (tomo) facts.imagingMode = { value: 'X-ray CT', provenance: 'header' };
  const header: HeaderFields = { layout: 'NeXus' };
  put(header, 'entries', entries.map((e) => e.name).join(', '));
  put(header, 'definitions', definitions.join(', '));
  put(header, 'nexusVersion', valueText(scan.rootAttrs.get('NeXus_version')));
  return {
    name: 'NeXus',
    facts,
    header,
    evidence: {
      source: 'header',
      detail: `NeXus file: ${entries.length > 0 ? `NXentry ${entries.map((e) => e.name).join(', ')}` : 'root NX_class = NXroot'}${definitions.length ? `, application definition ${definitions.join(', ')}` : ''}${tomo ? ' (NXtomo: synchrotron or lab X-ray tomography)' : ''}.`,
      weight: 0.8,
    },
  };
}

/** BigDataViewer HDF5: /s00/resolutions and /t00000/s00/… (bigdataviewer-core Hdf5ImageLoader; docs/formats.md §8). */
function bigDataViewer(scan: Hdf5Scan): Layout | undefined {
  if (!scan.root.includes('s00') || !scan.root.includes('t00000')) return undefined;
  const resolutions = scan.h5.kind('/s00/resolutions') === 'dataset';
  const setups = scan.root.filter((n) => /^s\d{2}$/.test(n)).length;
  const timepoints = scan.root.filter((n) => /^t\d{5}$/.test(n)).length;
  return {
    name: 'BigDataViewer',
    facts: { creator: { value: 'BigDataViewer', provenance: 'header' } },
    header: { layout: 'BigDataViewer HDF5', setups, timepoints },
    evidence: { source: 'header', detail: `BigDataViewer layout: /s00${resolutions ? '/resolutions' : ''} and /t00000 (${setups} setup(s), ${timepoints} time point(s) listed); its SpimData .xml sidecar holds the calibration.`, weight: 0.8 },
  };
}

/** EMAN2 HDF: /MDF/images/<n> groups with EMAN.apix_x/y/z (Å per pixel) and EMAN.nx/ny/nz attributes. */
function eman2(scan: Hdf5Scan): Layout | undefined {
  const images = scan.root.includes('MDF') ? scan.h5.children('/MDF/images') : undefined;
  if (!images) return undefined;
  const first = images.names.includes('0') ? '0' : images.names[0];
  const attrs = first ? scan.h5.attributes(h5path('MDF', 'images', first)) : new Map<string, H5Value>();
  const facts: Facts = { creator: { value: 'EMAN2', provenance: 'header' } };
  const apix = (axis: string) => positive(valueNumber(attrs.get(`EMAN.apix_${axis}`)));
  const [ax, ay, az] = [apix('x'), apix('y'), apix('z')];
  const n = (axis: string) => h5Count(valueNumber(attrs.get(`EMAN.n${axis}`)));
  const [nx, ny, nz] = [n('x'), n('y'), n('z')];
  // EMAN.apix_* are Å per pixel: 1 Å = 0.1 nm.
  if (ax) facts.pixelSize = { value: { x: ax / 10, ...(ay ? { y: ay / 10 } : {}), ...(az && nz && nz > 1 ? { z: az / 10 } : {}) }, unit: 'nm', provenance: 'header' };
  if (nx || ny) facts.dimensions = { value: { ...(nx ? { x: nx } : {}), ...(ny ? { y: ny } : {}), ...(nz && nz > 1 ? { z: nz } : {}) }, provenance: 'header' };
  return {
    name: 'EMAN2',
    facts,
    header: { layout: 'EMAN2 HDF', images: images.total },
    evidence: { source: 'header', detail: `EMAN2 layout: /MDF/images with ${images.total} image(s)${ax ? `; EMAN.apix_x = ${ax} Å/pixel` : ''}.`, weight: 0.8 },
  };
}

/** Berkeley EMD (NCEM, ncempy/prismatic/py4DSTEM): root attributes version_major/version_minor (rosettasciio emd _api). */
function berkeleyEmd(scan: Hdf5Scan): Layout | undefined {
  const major = valueNumber(scan.rootAttrs.get('version_major'));
  const minor = valueNumber(scan.rootAttrs.get('version_minor'));
  if (major === undefined || minor === undefined) return undefined;
  const writer = scan.root.includes('4DSTEM_simulation') ? 'Prismatic' : scan.root.includes('4DSTEM_experiment') ? 'py4DSTEM' : undefined;
  return {
    name: 'Berkeley EMD',
    facts: writer ? { creator: { value: writer, provenance: 'header' } } : {},
    header: { layout: 'Berkeley EMD', emdVersion: `${major}.${minor}` },
    evidence: { source: 'header', detail: `Berkeley EMD (NCEM) file: root attributes version_major ${major}, version_minor ${minor}${writer ? `, written by ${writer}` : ''}.`, weight: 0.7 },
  };
}

/** Any HDF5 file: the generic container, with the NeXus, BigDataViewer, EMAN2 or Berkeley EMD layout noted when present. */
export function readGenericHdf5(scan: Hdf5Scan, problems: readonly string[] = []): Detection {
  const layout = nexus(scan) ?? bigDataViewer(scan) ?? eman2(scan) ?? berkeleyEmd(scan);
  const header: HeaderFields = { ...(layout?.header ?? {}) };
  put(header, 'rootObjects', scan.rootTotal);
  put(header, 'root', scan.root.slice(0, MAX_LISTED_ROOT).join(', ') + (scan.rootTotal > MAX_LISTED_ROOT ? ', …' : ''));
  const evidence: Evidence[] = [scan.container];
  if (layout) evidence.push(layout.evidence);
  else evidence.push({ source: 'header', detail: `No known layout (AnnData, Loom, 10x, Imaris, Velox, NeXus, BigDataViewer, EMAN2, Berkeley EMD); root holds ${scan.rootTotal} object(s).`, weight: 0.3 });
  return detection('hdf5', HDF5_GENERIC, { facts: { ...(layout?.facts ?? {}), header: { value: header, provenance: 'header' } }, evidence, problems });
}
