import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import { ACQUISITION_FACTS, borrowFacts } from './sidecar-facts';
import { baseOf, dirOf, filesetOfFile, filesetsUnder } from './paths';

/** Sidecar files paired per fileset at most; a folder of thousands of mdocs needs only its first pairs to say what it is. */
const MAX_PAIRS_PER_SIDECAR_FILESET = 64;

/** Files in a folder whose name is `stem` or `stem` plus an extension (`TS_01` → TS_01.mrc, TS_01.st). */
function partners(all: readonly LayoutFileset[], root: string, dir: string, stem: string, exclude: LayoutFileset): string[] {
  return all
    .filter((f) => f !== exclude && f.root === root && f.directory === dir)
    .flatMap((f) => f.files)
    .filter((file) => {
      const name = baseOf(file);
      return name === stem || name.startsWith(`${stem}.`);
    });
}

/** Pairs sidecar files with the data files they describe by name, and lends the data the sidecar's facts. */
function pairByStem(
  sidecarFormat: string,
  kind: 'serialem-acquisition' | 'imod-tilt-series',
  stemOf: (name: string) => string,
): LayoutReader {
  return (all) => {
    const out: LayoutFinding[] = [];
    for (const sidecar of all.filter((f) => f.format === sidecarFormat)) {
      for (const file of sidecar.files.slice(0, MAX_PAIRS_PER_SIDECAR_FILESET)) {
        const dir = dirOf(file);
        const described = sidecar.facts.describes?.value.map((d) => (d.includes('/') ? d : dir === '.' ? d : `${dir}/${d}`)) ?? [];
        const targets = [...new Set([...partners(all, sidecar.root, dir, stemOf(baseOf(file)), sidecar), ...described])]
          .map((p) => filesetOfFile(all, sidecar.root, p))
          .filter((f): f is LayoutFileset => f !== undefined && f !== sidecar);
        for (const data of new Set(targets)) {
          const borrowed = borrowFacts(sidecar.facts, ACQUISITION_FACTS, data.facts, file);
          const layout = { kind, directory: dir, marker: file };
          out.push({ filesetId: data.id, layout, facts: borrowed.facts, evidence: [{ source: 'sidecar', detail: `${file} describes these files (paired by name).`, weight: 0.7 }, ...borrowed.evidence] });
          out.push({ filesetId: sidecar.id, layout, evidence: [{ source: 'layout', detail: `Describes ${data.pattern} in ${data.directory}.`, weight: 0.5 }] });
        }
      }
    }
    return out;
  };
}

/** SerialEM: `stack.mrc.mdoc` (or `stack.mdoc`) describes `stack.mrc` (reference/formats.md §5: pair by basename). */
export const serialEmMdocs: LayoutReader = pairByStem('mdoc', 'serialem-acquisition', (name) => name.replace(/\.mdoc$/i, ''));

/** IMOD: `TS.rawtlt` / `TS.tlt` give the tilt angles of `TS.st` (reference/formats.md §6). */
export const imodTiltFiles: LayoutReader = pairByStem('imod-tilt', 'imod-tilt-series', (name) => name.replace(/\.(raw)?tlt$|\.xtilt$/i, ''));

/** FEI TIA: `name.emi` holds the metadata of `name_1.ser`, `name_2.ser`, … (reference/formats.md §1, TIA row). */
export const tiaSeries: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const emi of all.filter((f) => f.format === 'tia-emi')) {
    for (const file of emi.files.slice(0, MAX_PAIRS_PER_SIDECAR_FILESET)) {
      const stem = baseOf(file).replace(/\.emi$/i, '');
      const dir = dirOf(file);
      for (const ser of all.filter((f) => f.root === emi.root && f.directory === dir && f.format === 'tia-ser' && f.files.some((s) => new RegExp(`^${escape(stem)}_\\d+\\.ser$`, 'i').test(baseOf(s))))) {
        const borrowed = borrowFacts(emi.facts, ACQUISITION_FACTS, ser.facts, file);
        const layout = { kind: 'tia-series' as const, directory: dir, marker: file };
        out.push({ filesetId: ser.id, layout, facts: borrowed.facts, evidence: [{ source: 'sidecar', detail: `${file} holds the metadata of these TIA series.`, weight: 0.7 }, ...borrowed.evidence] });
        out.push({ filesetId: emi.id, layout, evidence: [] });
      }
    }
  }
  return out;
};

/** Bruker SkyScan: a scan folder's `.log` describes its projection (and reconstruction) images (reference/formats.md §12). */
export const skyscanScans: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const log of all.filter((f) => f.format === 'skyscan-log')) {
    const file = log.files[0]!;
    const layout = { kind: 'skyscan-scan' as const, directory: log.directory, marker: file };
    out.push({ filesetId: log.id, layout, evidence: [] });
    for (const images of filesetsUnder(all, log.root, log.directory).filter((f) => f.directory === log.directory && f.kind === 'image')) {
      const borrowed = borrowFacts(log.facts, ACQUISITION_FACTS, images.facts, file);
      out.push({ filesetId: images.id, layout, facts: borrowed.facts, evidence: [{ source: 'sidecar', detail: `In a SkyScan scan folder described by ${file}.`, weight: 0.7 }, ...borrowed.evidence] });
    }
  }
  return out;
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
