import type { FactName, Facts } from '../formats/facts';
import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import { baseOf, dirOf, within } from './paths';
import { borrowFacts, dataStems } from './sidecars';

/**
 * Reconstructions beside the raw data they were made from. A tomogram is named after the radiation it was
 * reconstructed from (EMPIAR's experiment types keep "soft X-ray tomography" and "X-ray tomography" apart from
 * "electron tomography"): an MRC or TIFF volume says nothing of it, the raw scan it came from does. The
 * programs that make them name them after the raw data:
 * - IMOD's etomo writes `<stem>_rec.mrc` (or `<stem>.rec`) beside the tilt series `<stem>.st` / `.mrc`
 *   (IMOD "Tomography Guide": "the final reconstruction … named setname_rec.mrc"); B24 SXT runs it on `.txrm`.
 * - tomopy / tomocupy write `<name>_rec/recon_NNNNN.tiff` for a raw `<name>.h5` (xray-imaging/32id-docs
 *   "Data reconstruction"); Savu and Diamond's pipelines write `<scan>_recon/` (or `…_rec/`) for `<scan>.nxs`.
 * The reconstruction is paired with the raw data of that stem and borrows what the header of the raw data
 * says of the technique (the X-ray imaging mode and energy) where its own header is silent.
 */

/** A reconstruction's name after its raw data's stem: `_rec`, `_recon`, `_full_rec`, `_reconstruction` (IMOD, tomopy, Savu). */
const RECON_SUFFIX = /^(.+?)[_-](?:full[_-])?rec(?:on|onstruction)?$/i;

/** How many folders above a reconstruction folder the raw data may sit (`<scan>_recon/` under `processed/` beside `raw/`). */
export const RAW_SEARCH_LEVELS = 2;

/** What the raw data's header says of the technique, lent to its reconstruction. */
function techniqueFacts(raw: LayoutFileset, source: string): Facts {
  const facts: Record<string, unknown> = {};
  const mode = raw.facts.imagingMode?.value;
  if (mode === 'X-ray CT' || mode === 'soft X-ray') facts['imagingMode'] = { value: mode, provenance: 'layout', source };
  const keV = raw.facts.xrayEnergyKeV;
  if (keV) facts['xrayEnergyKeV'] = { ...keV, provenance: 'layout', source };
  return facts as Facts;
}

/** The stem of the raw data a reconstruction is named after, and the folder under which to look for it. */
function rawStemOf(f: LayoutFileset): { stem: string; under: string; bySameFolder: boolean } | undefined {
  const first = baseOf(f.files[0] ?? f.pattern);
  if (/\.rec$/i.test(first)) return { stem: first.slice(0, -'.rec'.length).toLowerCase(), under: f.directory, bySameFolder: true };
  for (const stem of dataStems(first)) {
    const m = RECON_SUFFIX.exec(stem);
    if (m) return { stem: m[1]!.toLowerCase(), under: f.directory, bySameFolder: true };
  }
  const folder = RECON_SUFFIX.exec(baseOf(f.directory));
  if (folder && f.directory !== '.') {
    let under = f.directory;
    for (let i = 0; i < RAW_SEARCH_LEVELS && under !== '.'; i++) under = dirOf(under);
    return { stem: folder[1]!.toLowerCase(), under, bySameFolder: false };
  }
  return undefined;
}

/** Pairs reconstructions with the X-ray raw data they were made from and lends them its technique facts. Linear in filesets. */
export const reconstructions: LayoutReader = (all) => {
  const rawByStem = new Map<string, LayoutFileset[]>();
  for (const f of all) {
    if ((f.kind !== 'image' && f.kind !== 'container') || Object.keys(techniqueFacts(f, '')).length === 0) continue;
    for (const stem of new Set(f.files.flatMap((p) => dataStems(baseOf(p))))) {
      const k = `${f.root}\0${stem}`;
      const list = rawByStem.get(k);
      if (list) list.push(f);
      else rawByStem.set(k, [f]);
    }
  }
  const out: LayoutFinding[] = [];
  for (const f of all) {
    if (f.kind !== 'image' || f.facts.imagingMode || f.facts.xrayEnergyKeV) continue;
    const want = rawStemOf(f);
    if (!want) continue;
    const candidates = (rawByStem.get(`${f.root}\0${want.stem}`) ?? []).filter((r) => r !== f && (want.bySameFolder ? r.directory === f.directory : within(r.directory, want.under)));
    // Raw data of different techniques under one stem leave the reconstruction undecided.
    if (candidates.length === 0 || new Set(candidates.map((r) => r.facts.imagingMode?.value)).size > 1) continue;
    const raw = candidates[0]!;
    const source = raw.files[0]!;
    const facts = techniqueFacts(raw, source);
    const where = want.bySameFolder ? `its name (${baseOf(f.files[0] ?? f.pattern)})` : `its folder ${baseOf(f.directory)}/`;
    out.push({ filesetId: f.id, facts, evidence: [{ source: 'layout', detail: `A reconstruction of ${source}, named after it by ${where}: it takes the technique of the raw data it was made from.`, weight: 0.7 }] });
  }
  return out;
};

/** Facts of how images were acquired that a conversion keeps from its originals (an export drops the vendor tags). */
const CONVERSION_FACTS: readonly FactName[] = ['voltageKV', 'imagingMode', 'detector', 'instrument', 'magnification', 'xrayEnergyKeV'];

/** File names a conversion is compared on at most (a slice series has hundreds to thousands). */
const MAX_NAMES_COMPARED = 10_000;

function stemsOf(f: LayoutFileset): string[] {
  return f.files.slice(0, MAX_NAMES_COMPARED).map((p) => {
    const name = baseOf(p).toLowerCase();
    const dot = name.indexOf('.');
    return dot > 0 ? name.slice(0, dot) : name;
  });
}

/**
 * Conversions: a folder of images in one format whose file names are, one for one, those of images in
 * another format in the folders beside it (`tiff_export/slice_0001.tif` … beside `day1/slice_0001.dm3` …) is
 * an export of those images — DigitalMicrograph's batch export and Fiji's "Save As" keep the names and drop
 * the vendor tags (Gatan DigitalMicrograph help, "Batch Convert"). The export takes the acquisition facts its
 * own header lost from the originals. Linear in files (names indexed once per parent folder).
 */
export const conversions: LayoutReader = (all) => {
  const byParent = new Map<string, LayoutFileset[]>();
  for (const f of all) {
    if (f.kind !== 'image' || f.directory === '.') continue;
    const k = `${f.root}\0${dirOf(f.directory)}`;
    const list = byParent.get(k);
    if (list) list.push(f);
    else byParent.set(k, [f]);
  }
  const out: LayoutFinding[] = [];
  for (const siblings of byParent.values()) {
    if (siblings.length < 2) continue;
    const owners = new Map<string, LayoutFileset>();
    for (const g of siblings) for (const stem of stemsOf(g)) if (!owners.has(`${g.format}\0${stem}`)) owners.set(`${g.format}\0${stem}`, g);
    // Siblings whose headers keep acquisition facts, by format, with their positions and folders in sibling
    // order: found once per parent folder, not once per sibling (issue 11: 25,000 tilt-series folders side by side).
    const acquired = new Map<string, { readonly pos: number; readonly dir: string }[]>();
    siblings.forEach((g, pos) => {
      if (!(g.facts.voltageKV || g.facts.imagingMode || g.facts.xrayEnergyKeV)) return;
      const list = acquired.get(g.format);
      if (list) list.push({ pos, dir: g.directory });
      else acquired.set(g.format, [{ pos, dir: g.directory }]);
    });
    if (acquired.size === 0) continue;
    for (const f of siblings) {
      if (f.facts.voltageKV || f.facts.imagingMode || f.facts.xrayEnergyKeV) continue;
      const stems = stemsOf(f);
      // Other formats with acquisition facts in another folder, in the order their first such sibling comes.
      const formats = [...acquired]
        .flatMap(([format, list]): [number, string][] => {
          if (format === f.format) return [];
          const first = list.find((e) => e.dir !== f.directory);
          return first ? [[first.pos, format]] : [];
        })
        .sort((a, b) => a[0] - b[0])
        .map(([, format]) => format);
      for (const format of formats) {
        const originals = stems.map((s) => owners.get(`${format}\0${s}`));
        if (originals.some((o) => o === undefined || o.directory === f.directory)) continue;
        const from = [...new Set(originals as LayoutFileset[])];
        const first = from[0]!;
        // Originals that disagree on how they were taken leave the export undecided.
        if (from.some((o) => o.facts.voltageKV?.value !== first.facts.voltageKV?.value || o.facts.imagingMode?.value !== first.facts.imagingMode?.value)) continue;
        const borrowed = borrowFacts(first.facts, CONVERSION_FACTS, f.facts, first.files[0]!, 'layout');
        const folders = [...new Set(from.map((o) => o.directory))].sort();
        out.push({ filesetId: f.id, facts: borrowed.facts, evidence: [{ source: 'layout', detail: `Every file has the name of a ${first.format} image in ${folders.join(', ')}: an export of those images, taken as they were.`, weight: 0.7 }, ...borrowed.evidence] });
        break;
      }
    }
  }
  return out;
};
