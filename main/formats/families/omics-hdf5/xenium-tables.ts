import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type DetectContext, type Detection, type Detector } from '../../detector';
import { completeLines, headIncludes, probedHeadText } from '../../kit/text';

/**
 * 10x Genomics Xenium Onboard Analysis tables, plain or gzip (`cells.csv.gz`, `transcripts.csv.gz`), from the
 * 10x "Understanding Xenium outputs" documentation: the cells table starts "cell_id","x_centroid","y_centroid",
 * "transcript_counts" (then control_probe_counts, …, total_counts, cell_area, nucleus_area …, centroids in µm);
 * the transcripts table "transcript_id","cell_id","overlaps_nucleus","feature_name","x_location","y_location",
 * "z_location","qv" (µm coordinates, Phred quality). Only the head of the gzip stream is inflated (kit/text
 * probedHeadText → gzip-head.ts: 16 KiB in, 256 KiB out at most). docs/formats.md §15.1.
 */
const CELLS_COLUMNS = ['cell_id', 'x_centroid', 'y_centroid', 'transcript_counts'] as const;
const TRANSCRIPTS_COLUMNS = ['transcript_id', 'cell_id', 'overlaps_nucleus', 'feature_name', 'x_location', 'y_location', 'z_location', 'qv'] as const;
/** Data rows checked (a few dozen prove the column pattern). */
const MAX_ROWS = 64;
/** Columns a header may have (Xenium tables have 8–14). */
const MAX_COLUMNS = 64;

type Kind = 'cells' | 'transcripts';

function cells(line: string): string[] {
  return line.split(',', MAX_COLUMNS + 1).map((c) => c.trim().replace(/^"|"$/g, ''));
}

function isNumber(s: string | undefined): boolean {
  return s !== undefined && s !== '' && Number.isFinite(Number(s));
}

function detectTable(ctx: DetectContext, kind: Kind): Detection | null {
  const head = probedHeadText(ctx, true);
  if (!head) return null;
  const lines = completeLines(head.text, head.complete, MAX_ROWS + 1);
  const columns = cells(lines[0] ?? '');
  const expected: readonly string[] = kind === 'cells' ? CELLS_COLUMNS : TRANSCRIPTS_COLUMNS;
  if (columns.length > MAX_COLUMNS || !expected.every((c, i) => columns[i] === c)) return null;
  const rows = lines.slice(1).filter((l) => l !== '').map(cells);
  // Numeric coordinates where the documentation puts them (µm).
  const coords = kind === 'cells' ? [1, 2] : [4, 5, 6];
  const bad = rows.filter((r) => r.length !== columns.length || !coords.every((i) => isNumber(r[i])));
  if (bad.length > 0) return null;
  const facts: Facts = {
    omics: { value: { kind: 'spatial-transcriptomics', platform: 'Xenium' }, provenance: 'header' },
    spatial: { value: { platform: 'Xenium', role: kind }, provenance: 'header' },
    header: { value: { columns: columns.join(','), rowsChecked: rows.length, gzipped: head.gzipped }, provenance: 'header' },
  };
  const format = kind === 'cells' ? 'xenium-cells' : 'xenium-transcripts';
  return detection(format, rows.length > 0 ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
    facts,
    evidence: [
      {
        source: 'header',
        detail: `${head.gzipped ? 'gzip-compressed table whose ' : ''}header starts ${expected.map((c) => `"${c}"`).join(',')}${rows.length ? `, ${rows.length} row(s) with numeric µm coordinates` : ''}: a Xenium ${kind} table (10x Xenium Onboard Analysis).`,
        weight: 1,
      },
    ],
  });
}

/** Cheap check on the raw head: the first column name in plain text, or a gzip stream to inflate. */
function sniffFor(first: string) {
  return (ctx: DetectContext): boolean => (ctx.head[0] === 0x1f && ctx.head[1] === 0x8b) || headIncludes(ctx.head.subarray(0, 64), first);
}

/** Xenium cells table (cells.csv[.gz]): cell centroids and counts. */
export const xeniumCellsDetector: Detector = {
  id: 'xenium-cells',
  formats: ['xenium-cells'],
  sniff: sniffFor('cell_id'),
  detect: (ctx) => Promise.resolve(detectTable(ctx, 'cells')),
};

/** Xenium transcripts table (transcripts.csv[.gz]): decoded transcripts with µm coordinates and quality. */
export const xeniumTranscriptsDetector: Detector = {
  id: 'xenium-transcripts',
  formats: ['xenium-transcripts'],
  sniff: sniffFor('transcript_id'),
  detect: (ctx) => Promise.resolve(detectTable(ctx, 'transcripts')),
};
