import type { Facts } from '../../../../shared/formats/facts';
import type { Evidence } from '../../../../shared/model/evidence';
import { CONFIDENCE, detection, type Detection } from '../../detector';
import { valueNumber, valueText } from './h5-access';
import { h5Count, h5path, put, type HeaderFields, type Hdf5Scan } from './hdf5-layout';

/** AnnData groups (scverse/anndata on-disk format, "AnnData" element spec; docs/formats.md §8). */
const ANNDATA_GROUPS = ['X', 'obs', 'var', 'obsm', 'varm', 'obsp', 'varp', 'uns', 'layers', 'raw'] as const;
/** Legacy (anndata < 0.7) files have no encoding-type attribute; X, obs and var plus one more group must be there. */
const LEGACY_ANNDATA_EXTRA = ['uns', 'obsm', 'varm', 'layers'] as const;

function rows(scan: Hdf5Scan, group: string): number | undefined {
  // The dataframe's index column is named by its `_index` attribute (anndata dataframe spec); default "_index".
  const index = valueText(scan.h5.attribute(h5path(group), '_index')) || '_index';
  const shape = scan.h5.shape(h5path(group, index)) ?? scan.h5.shape(h5path(group));
  return h5Count(shape?.[0]);
}

/** AnnData .h5ad: root attrs encoding-type = "anndata" and encoding-version, or the legacy group set. */
export function readAnnData(scan: Hdf5Scan): Detection | null {
  const type = valueText(scan.rootAttrs.get('encoding-type'));
  const version = valueText(scan.rootAttrs.get('encoding-version'));
  const has = (name: string) => scan.root.includes(name);
  const legacy = type === undefined && has('X') && has('obs') && has('var') && LEGACY_ANNDATA_EXTRA.some(has);
  if (type !== 'anndata' && !legacy) return null;
  const groups = ANNDATA_GROUPS.filter(has);
  const header: HeaderFields = { layout: 'AnnData' };
  put(header, 'encodingVersion', version);
  put(header, 'groups', groups.join(', '));
  put(header, 'observations', rows(scan, 'obs'));
  put(header, 'variables', rows(scan, 'var'));
  const evidence: Evidence[] = [
    scan.container,
    legacy
      ? { source: 'header', detail: `HDF5 groups ${groups.join(', ')} without an encoding-type attribute: an AnnData file written before anndata 0.7.`, weight: 0.7 }
      : { source: 'header', detail: `Root attribute encoding-type = "anndata"${version ? `, encoding-version ${version}` : ''}; groups ${groups.join(', ') || '(none)'}.`, weight: 1 },
  ];
  const unsSpatial = scan.h5.kind('/uns/spatial') === 'group';
  const obsmSpatial = scan.h5.kind('/obsm/spatial') !== undefined;
  const facts: Facts = { header: { value: header, provenance: 'header' } };
  if (unsSpatial || obsmSpatial) {
    facts.omics = { value: { kind: 'spatial-transcriptomics' }, provenance: 'header' };
    facts.spatial = { value: { platform: 'AnnData spatial' }, provenance: 'header' };
    evidence.push({
      source: 'header',
      detail: `${[unsSpatial ? 'uns/spatial (images and scale factors per library, as scanpy/squidpy store Visium data)' : '', obsmSpatial ? 'obsm/spatial (spot or cell coordinates)' : ''].filter(Boolean).join(' and ')} present: spatial transcriptomics.`,
      weight: 0.8,
    });
  } else {
    facts.omics = { value: { kind: 'single-cell' }, provenance: 'header' };
    evidence.push({ source: 'header', detail: 'An annotated observations × variables matrix (single-cell omics); no spatial coordinates.', weight: 0.6 });
  }
  return detection('anndata', legacy ? CONFIDENCE.MAGIC : CONFIDENCE.STRUCTURE, { facts, evidence, problems: legacy ? ['No encoding-type attribute: recognised from its groups as a pre-0.7 AnnData file.'] : [] });
}

/** Loom: /matrix dataset with /row_attrs and /col_attrs groups (loompy; LOOM_SPEC_VERSION as root attr or /attrs dataset). */
export function readLoom(scan: Hdf5Scan): Detection | null {
  if (scan.h5.kind('/matrix') !== 'dataset' || scan.h5.kind('/row_attrs') !== 'group' || scan.h5.kind('/col_attrs') !== 'group') return null;
  // Loom ≥ 3.0 keeps global attributes in /attrs (a dataset per attribute); 2.0 keeps them as root attributes.
  const version = valueText(scan.h5.smallValue('/attrs/LOOM_SPEC_VERSION')) ?? valueText(scan.rootAttrs.get('LOOM_SPEC_VERSION'));
  const shape = scan.h5.shape('/matrix');
  const header: HeaderFields = { layout: 'Loom' };
  put(header, 'loomSpecVersion', version);
  put(header, 'genes', h5Count(shape?.[0]));
  put(header, 'cells', h5Count(shape?.[1]));
  put(header, 'layers', scan.root.includes('layers') ? 'yes' : undefined);
  return detection('loom', version ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts: { omics: { value: { kind: 'single-cell' }, provenance: 'header' }, header: { value: header, provenance: 'header' } },
    evidence: [
      scan.container,
      { source: 'header', detail: `Loom layout: /matrix${shape ? ` (${shape.join(' × ')})` : ''} with /row_attrs and /col_attrs${version ? `; LOOM_SPEC_VERSION ${version}` : ''}.`, weight: version ? 1 : 0.8 },
    ],
    problems: version ? [] : ['No LOOM_SPEC_VERSION found; recognised from the Loom groups alone.'],
  });
}

interface TenxPlatform {
  readonly platform: string;
  readonly why: string;
}

/**
 * The platform behind a 10x matrix, from the pipeline that wrote it (software_version: spaceranger → Visium,
 * xenium → Xenium, cellranger → Chromium) or else from chemistry_description ("Spatial 3' v1" → Visium,
 * "Single Cell …" → Chromium). The pipeline wins: only Space Ranger processes Visium slides.
 */
function tenxPlatform(software: string | undefined, chemistry: string | undefined): TenxPlatform | undefined {
  const sw = software?.toLowerCase() ?? '';
  const chem = chemistry?.toLowerCase() ?? '';
  const chemNote = chemistry ? ` (chemistry_description "${chemistry}")` : '';
  if (sw.startsWith('spaceranger')) return { platform: 'Visium', why: `written by Space Ranger (${software}), the Visium pipeline${chemNote}` };
  if (sw.startsWith('xenium')) return { platform: 'Xenium', why: `written by the Xenium Onboard Analysis (${software})` };
  if (chem.includes('spatial') || chem.includes('visium')) return { platform: 'Visium', why: `chemistry_description "${chemistry}"` };
  if (sw.startsWith('cellranger')) return { platform: 'Chromium', why: `written by Cell Ranger (${software})${chemNote}` };
  if (chem.includes('single cell')) return { platform: 'Chromium', why: `chemistry_description "${chemistry}"` };
  return undefined;
}

/** 10x HDF5 feature-barcode matrix: /matrix/{barcodes,features/…} (Cell Ranger ≥ 3) or /<genome>/{barcodes,genes} (v2). */
export function readTenx(scan: Hdf5Scan): Detection | null {
  let layout: 'v3' | 'v2' | undefined;
  let group = '/matrix';
  if (scan.h5.kind('/matrix/barcodes') === 'dataset' && scan.h5.kind('/matrix/features') === 'group') {
    layout = 'v3';
  } else {
    // Cell Ranger 2: one group per genome with barcodes, genes, gene_names (10x "HDF5 Gene-Barcode Matrix Format" 2.1).
    for (const name of scan.root.slice(0, 8)) {
      if (scan.h5.kind(h5path(name, 'barcodes')) === 'dataset' && scan.h5.kind(h5path(name, 'genes')) === 'dataset') {
        layout = 'v2';
        group = h5path(name);
        break;
      }
    }
  }
  if (!layout) return null;
  const filetype = valueText(scan.rootAttrs.get('filetype'));
  const chemistry = valueText(scan.rootAttrs.get('chemistry_description'));
  const software = valueText(scan.rootAttrs.get('software_version'));
  const libraries = valueText(scan.rootAttrs.get('library_ids'));
  const featureParts = layout === 'v3' ? ['id', 'name', 'feature_type', 'genome'].filter((f) => scan.h5.kind(h5path(group, 'features', f)) === 'dataset') : [];
  const shape = scan.h5.smallValue(h5path(group, 'shape'));
  const features = Array.isArray(shape) ? h5Count(valueNumber(shape)) : undefined;
  const barcodes = h5Count(scan.h5.shape(h5path(group, 'barcodes'))?.[0]);
  const header: HeaderFields = { layout: layout === 'v3' ? '10x feature-barcode matrix' : '10x gene-barcode matrix (Cell Ranger 2)' };
  put(header, 'filetype', filetype);
  put(header, 'chemistry', chemistry);
  put(header, 'libraryIds', libraries);
  put(header, 'matrixVersion', valueNumber(scan.rootAttrs.get('version')));
  put(header, 'features', features);
  put(header, 'barcodes', barcodes);
  const platform = tenxPlatform(software, chemistry);
  const facts: Facts = {
    omics: { value: { kind: 'count-matrix', ...(platform ? { platform: platform.platform } : {}) }, provenance: 'header' },
    header: { value: header, provenance: 'header' },
  };
  if (software) facts.software = { value: software, provenance: 'header' };
  if (platform && (platform.platform === 'Visium' || platform.platform === 'Xenium')) {
    facts.spatial = { value: { platform: platform.platform, role: 'count matrix' }, provenance: 'header' };
  }
  const evidence: Evidence[] = [
    scan.container,
    {
      source: 'header',
      detail:
        layout === 'v3'
          ? `10x layout: /matrix/barcodes and /matrix/features (${featureParts.join(', ') || 'no feature columns'})${filetype ? `; root attribute filetype = "${filetype}"` : ''}.`
          : `10x Cell Ranger 2 layout: ${group}/barcodes and ${group}/genes.`,
      weight: 1,
    },
  ];
  if (platform) evidence.push({ source: 'header', detail: `${platform.platform}: ${platform.why}.`, weight: 0.8 });
  const strong = layout === 'v2' || featureParts.length >= 2 || filetype === 'matrix';
  return detection('tenx-h5', strong ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, { facts, evidence });
}
