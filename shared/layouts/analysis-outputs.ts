import type { Facts } from '../formats/facts';
import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import { baseOf, filesetsUnder } from './paths';

/**
 * What image-analysis programs leave beside the images they analysed, recognised by the names and table
 * columns the programs write, and recorded as a `processing` fact naming the tool (so the files read as
 * processing output that follows the images):
 * - CellProfiler: pipelines are saved as `.cppipe` (CellProfiler manual, "Saving and loading pipelines";
 *   the file starts "CellProfiler Pipeline: http://www.cellprofiler.org"); ExportToSpreadsheet writes
 *   `<prefix>_Image.csv` (first column ImageNumber), `<prefix>_<Object>.csv` (ImageNumber, ObjectNumber, …) and
 *   `<prefix>_Experiment.csv` (Key, Value rows: CellProfiler_Version, …) (CellProfiler manual, ExportToSpreadsheet).
 * - QuPath: a project folder holds `project.qpproj` (JSON: version, images, …), `classifiers/`, and per image
 *   `data/<n>/{data.qpdata, server.json, summary.json, thumbnail.jpg}` (QuPath documentation, "Projects").
 */

/** The tools whose outputs are recognised here (modality rules read `processing.tool` against this list). */
export const ANALYSIS_TOOLS = ['CellProfiler', 'QuPath'] as const;

/** An image-analysis tool whose outputs are recognised. */
export type AnalysisTool = (typeof ANALYSIS_TOOLS)[number];

/** A single-file fileset's file name. */
function single(f: LayoutFileset): string | undefined {
  return f.files.length === 1 ? baseOf(f.files[0]!) : undefined;
}

/** First column names a table reader found in the header row. */
function firstColumns(f: LayoutFileset): readonly string[] {
  const names = f.facts.header?.value['columnNames'];
  return typeof names === 'string' ? names.split(', ') : [];
}

/** An ExportToSpreadsheet table: `<prefix>_<Table>.csv` whose first column is ImageNumber. */
const EXPORT_NAME = /^(.+)_[^_]+\.csv$/i;

function processing(tool: AnalysisTool, kind: string, source: string): Facts {
  return { processing: { value: { tool, kind }, provenance: 'layout', source } };
}

/** CellProfiler pipelines and ExportToSpreadsheet tables, by folder. */
function cellProfiler(all: readonly LayoutFileset[]): LayoutFinding[] {
  const out: LayoutFinding[] = [];
  const prefixes = new Set<string>();
  for (const f of all) {
    const name = single(f);
    if (!name || f.facts.processing) continue;
    if (f.format === 'text' && /\.cppipe$/i.test(name)) {
      out.push({ filesetId: f.id, facts: processing('CellProfiler', 'pipeline', f.files[0]!), evidence: [{ source: 'extension', detail: 'A .cppipe file: a CellProfiler pipeline.', weight: 0.7 }] });
      continue;
    }
    const prefix = EXPORT_NAME.exec(name)?.[1];
    if (f.format === 'csv' && prefix && firstColumns(f)[0] === 'ImageNumber') {
      prefixes.add(`${f.root}\0${f.directory}\0${prefix.toLowerCase()}`);
      out.push({ filesetId: f.id, facts: processing('CellProfiler', 'measurements', f.files[0]!), evidence: [{ source: 'header', detail: 'A table whose first column is ImageNumber: CellProfiler ExportToSpreadsheet measurements.', weight: 0.7 }] });
    }
  }
  for (const f of all) {
    const name = single(f);
    const prefix = name && /_Experiment\.csv$/i.test(name) ? name.slice(0, -'_Experiment.csv'.length).toLowerCase() : undefined;
    if (!prefix || f.facts.processing || f.format !== 'csv' || !prefixes.has(`${f.root}\0${f.directory}\0${prefix}`)) continue;
    out.push({ filesetId: f.id, facts: processing('CellProfiler', 'experiment', f.files[0]!), evidence: [{ source: 'layout', detail: `The experiment table of the CellProfiler export beside it (${name}).`, weight: 0.6 }] });
  }
  return out;
}

/** A QuPath project: `project.qpproj` marks the folder; everything below it is the project's. */
function quPath(all: readonly LayoutFileset[]): LayoutFinding[] {
  const out: LayoutFinding[] = [];
  for (const project of all.filter((f) => f.format === 'json' && single(f)?.toLowerCase() === 'project.qpproj')) {
    const marker = project.files[0]!;
    for (const member of filesetsUnder(all, project.root, project.directory)) {
      if (member.facts.processing) continue;
      out.push({ filesetId: member.id, facts: processing('QuPath', 'project', marker), evidence: [{ source: 'layout', detail: `Part of the QuPath project ${marker}: annotations and analysis of the images it lists.`, weight: 0.7 }] });
    }
  }
  return out;
}

/** CellProfiler and QuPath outputs. */
export const analysisOutputs: LayoutReader = (all) => [...cellProfiler(all), ...quPath(all)];
