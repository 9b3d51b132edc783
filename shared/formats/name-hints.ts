import { FORMAT_CATALOG, type FormatId } from './format-catalog';
import type { FileKind } from './file-kind';
import { splitExtension } from '../naming/name-pattern';

/** What a file name alone suggests: a format, its usual role, and whether a known name or only the extension said so. */
export interface NameHint {
  readonly format: FormatId;
  readonly kind: FileKind;
  readonly source: 'name' | 'extension';
  readonly because: string;
}

interface NameRule {
  readonly test: RegExp;
  readonly format: FormatId;
  readonly because: string;
}

/**
 * Names that vendors and pipelines write verbatim (docs/formats.md §1). A name is still only a hint:
 * the format engine confirms it from the bytes.
 */
const NAME_RULES: readonly NameRule[] = [
  { test: /^(\.ds_store|thumbs\.db|desktop\.ini|\._.*)$/i, format: 'os-clutter', because: 'an operating-system housekeeping file' },
  { test: /^(epusession|atlas)\.dm$/i, format: 'epu-session', because: 'EPU writes its session as EpuSession.dm / Atlas.dm (XML, not Gatan DM)' },
  { test: /^gridsquare_\d+\.dm$/i, format: 'epu-session', because: 'EPU writes GridSquare_*.dm metadata as XML' },
  { test: /^(foilhole|gridsquare)_\d+.*\.xml$/i, format: 'epu-xml', because: 'EPU names its per-image XML FoilHole_*/GridSquare_*' },
  { test: /_info\.txt$/i, format: 'de-info', because: 'Direct Electron writes *_info.txt beside its movies' },
  { test: /^index(\.idx|\.ref)?\.xml$/i, format: 'opera-index', because: 'Opera/Operetta/Phenix write Index.idx.xml / Index.xml' },
  { test: /^measurementindex\.columbusidx\.xml$/i, format: 'columbus-index', because: 'Columbus writes MeasurementIndex.ColumbusIDX.xml' },
  { test: /^measurementresult\.xml$/i, format: 'cellvoyager', because: 'CellVoyager writes MeasurementResult.xml' },
  { test: /^scalefactors_json\.json$/i, format: 'visium-scalefactors', because: 'Space Ranger writes spatial/scalefactors_json.json' },
  { test: /^tissue_positions(_list)?\.csv$/i, format: 'visium-positions', because: 'Space Ranger writes spatial/tissue_positions*.csv' },
  { test: /^detected_transcripts\.csv$/i, format: 'merscope-transcripts', because: 'MERSCOPE writes detected_transcripts.csv' },
  { test: /^(filtered|raw)_feature_bc_matrix\.h5$/i, format: 'tenx-h5', because: 'Cell/Space Ranger write *_feature_bc_matrix.h5' },
  { test: /^(\.zattrs|\.zgroup|\.zarray|zarr\.json)$/, format: 'zarr', because: 'Zarr writes .zattrs/.zgroup/.zarray (v2) and zarr.json (v3)' },
  { test: /\.log$/i, format: 'text', because: 'a .log file (SkyScan logs are recognised from their content)' },
];

const BY_EXTENSION: ReadonlyMap<string, { format: FormatId; kind: FileKind }> = new Map(
  FORMAT_CATALOG.flatMap((f) => f.extensions.map((ext) => [ext, { format: f.id, kind: f.kind }] as const)),
);

const KIND_BY_FORMAT: ReadonlyMap<string, FileKind> = new Map(FORMAT_CATALOG.map((f) => [f.id, f.kind]));

/** What a file name suggests, or `null` when neither a known name nor a known extension says anything. */
export function hintFromName(name: string): NameHint | null {
  for (const rule of NAME_RULES) {
    if (rule.test.test(name)) {
      return { format: rule.format, kind: KIND_BY_FORMAT.get(rule.format) ?? 'unknown', source: 'name', because: rule.because };
    }
  }
  const { ext } = splitExtension(name);
  const byExt = ext ? BY_EXTENSION.get(ext) : undefined;
  if (!byExt) return null;
  return { ...byExt, source: 'extension', because: `the extension ${ext}` };
}
