import type { Facts } from '../../../../shared/formats/facts';
import { CONFIDENCE, detection, type Detector } from '../../detector';
import { isGzip } from '../../gzip-head';
import { completeLines, probedHeadText } from '../../kit/text';

/**
 * FASTQ (Cock et al. 2010, "The Sanger FASTQ file format…", Nucleic Acids Res. 38:1767): records of four lines,
 * "@" title, sequence, "+" (optionally the title again), quality of the same length in ASCII 33–126.
 * Multi-line records exist in the spec but no current sequencer writes them; they are not recognised.
 * docs/formats.md §23.
 */
const MAX_RECORDS = 8;
/** Sequence letters: IUPAC codes in either case, "." or "-" for gaps/unknowns, "*" (spec §"Sequence"). */
const SEQUENCE = /^[A-Za-z.*-]*$/;
/** Quality characters: PHRED scores as ASCII 33 ("!") to 126 ("~"). */
const QUALITY = /^[!-~]*$/;
/**
 * Illumina read names since CASAVA 1.8: @instrument:run:flowcell:lane:tile:x:y then " read:filtered:control:index"
 * (Illumina "FASTQ files explained"); recognised to name the platform.
 */
const ILLUMINA_NAME = /^@[^\s:]+:\d+:[^\s:]+:\d+:\d+:\d+:\d+(\s+[12]:[YN]:\d+:\S*)?\s*$/;

interface Parsed {
  readonly records: number;
  readonly lengths: readonly number[];
  readonly illumina: boolean;
}

function parse(lines: readonly string[], wholeFile: boolean): Parsed | null {
  const n = Math.min(Math.floor(lines.length / 4), MAX_RECORDS);
  if (n === 0) return null;
  // A file read whole must be made of whole records (trailing blank lines aside).
  if (wholeFile && lines.length <= MAX_RECORDS * 4 && lines.length % 4 !== 0) return null;
  const lengths: number[] = [];
  let illumina = true;
  for (let r = 0; r < n; r++) {
    const [title, seq, plus, qual] = [lines[4 * r]!, lines[4 * r + 1]!, lines[4 * r + 2]!, lines[4 * r + 3]!];
    if (!title.startsWith('@') || title.length < 2 || !plus.startsWith('+')) return null;
    if (plus.length > 1 && plus.slice(1) !== title.slice(1)) return null;
    if (!SEQUENCE.test(seq) || !QUALITY.test(qual) || seq.length !== qual.length) return null;
    lengths.push(seq.length);
    illumina &&= ILLUMINA_NAME.test(title);
  }
  return { records: n, lengths, illumina };
}

/** FASTQ reads, plain or gzip-compressed (only the first compressed bytes are inflated, by gunzipHead's caps). */
export const fastqDetector: Detector = {
  id: 'fastq',
  formats: ['fastq'],
  sniff: (ctx) => ctx.head[0] === 0x40 /* "@" */ || isGzip(ctx.head),
  async detect(ctx) {
    const head = probedHeadText(ctx, true);
    if (!head || !head.text.startsWith('@')) return null;
    const lines = completeLines(head.text, head.complete, MAX_RECORDS * 4 + 1);
    const parsed = parse(lines, head.complete);
    if (!parsed) return null;
    const min = Math.min(...parsed.lengths);
    const max = Math.max(...parsed.lengths);
    const facts: Facts = {
      omics: { value: { kind: 'sequencing-reads', ...(parsed.illumina ? { platform: 'Illumina' } : {}) }, provenance: 'header' },
      header: { value: { recordsChecked: parsed.records, readLength: min === max ? min : `${min}–${max}`, gzipped: head.gzipped }, provenance: 'header' },
    };
    return detection('fastq', parsed.records >= 2 || head.complete ? CONFIDENCE.STRUCTURE : CONFIDENCE.MAGIC, {
      facts,
      evidence: [
        { source: 'header', detail: `${parsed.records} FASTQ record(s)${head.gzipped ? ' in a gzip stream' : ''}: "@" title, sequence, "+" line and a quality string of the same length (reads of ${min === max ? min : `${min}–${max}`} bases).`, weight: 1 },
        ...(parsed.illumina ? [{ source: 'header' as const, detail: 'Read names follow the Illumina CASAVA 1.8 pattern (instrument:run:flowcell:lane:tile:x:y).', weight: 0.5 }] : []),
      ],
    });
  },
};
