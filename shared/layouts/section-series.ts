import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import type { FormatId } from '../formats/format-catalog';
import { stemKey } from '../naming/name-pattern';
import { baseOf, dirOf } from './paths';

/**
 * Fewest per-section folders that make a series. Serial-section EM (array tomography, ATUM, ssTEM) images
 * tens to thousands of sections (EMPIAR-10311 ATUM-SEM: hundreds; EMPIAR-10094 ssTEM: tens), one folder each
 * when the tiles of a section are kept together (Zeiss ATLAS 5, FEI MAPS, SerialEM montages per section).
 * docs/formats.md §25.
 */
export const MIN_SECTION_FOLDERS = 3;

/** Folder names that say "one section" or one part of a run (section_001, sec12, S003, slice_0004, wafer1, ribbon2, grid3). */
const SECTION_WORD = /(^|[^a-z])(sections?|sec|s|slices?|serial|wafer|ribbon|grid)[-_ ]?#/i;

/** Imaging modes and formats that say electron microscopy; a series of EM sections is a volume. */
const EM_MODES: ReadonlySet<string> = new Set(['SEM', 'TEM', 'STEM', 'FIB-SEM', 'SBF-SEM']);
const EM_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['zeiss-sem-tiff', 'fei-tiff', 'jeol-tiff', 'gatan-dm', 'gatan-tiff', 'tia-ser', 'olympus-sis-tiff']);

/** Acquisition programs that drive only electron microscopes (SerialEM: "a program for acquiring images on electron microscopes", SerialEM help). */
const EM_CREATORS: ReadonlySet<string> = new Set(['SerialEM']);

function isEm(f: LayoutFileset): boolean {
  const mode = f.facts.imagingMode?.value;
  const creator = f.facts.creator?.value;
  return (mode !== undefined && EM_MODES.has(mode)) || EM_FORMATS.has(f.format) || (creator !== undefined && EM_CREATORS.has(creator));
}

/** Names read from the `describes` lists of acquisition records, at most (a record names one file per section). */
const MAX_DESCRIBED = 100_000;

/**
 * Files an electron-microscope acquisition record names (a SerialEM .idoc lists its single-image TIFFs in
 * `[Image = …]` sections, SerialEM help "Image Metadata Files"): plain TIFFs whose own header says nothing
 * are EM images when the record that names them comes from SerialEM or states an accelerating voltage.
 */
function emRecordsByFile(all: readonly LayoutFileset[]): Set<string> {
  const out = new Set<string>();
  let budget = MAX_DESCRIBED;
  for (const r of all) {
    const named = r.facts.describes?.value;
    if (r.kind === 'image' || !named || !isEm(r)) continue;
    for (const name of named.slice(0, Math.max(0, budget))) out.add(`${r.root}\0${r.directory === '.' ? name : `${r.directory}/${name}`}`);
    budget -= named.length;
  }
  return out;
}

/**
 * File names that say "one physical section" (sec_001.mrc, w01_sec_012.tif, ribbon1_sec003.tif): SerialEM
 * saves one montage per section when sections are imaged one by one (SerialEM help "Montaging"), ATUM-SEM
 * software names images by wafer and section (Kasthuri et al. 2015). Not "slice": FIB-SEM and SBF-SEM name
 * their milled or cut block faces slice_NNNN, and those are no sections.
 */
const SECTION_FILE_WORD = /(^|[^a-z])(sections?|sec|ribbon)[-_ ]?#/i;

/**
 * Serial sections kept one file per section in one folder: a numbered series of electron-microscopy files
 * named as sections, at least MIN_SECTION_FOLDERS of them. The fileset is the series (docs/formats.md §25.2).
 */
function sectionFiles(all: readonly LayoutFileset[], seen: ReadonlySet<string>): LayoutFinding[] {
  const out: LayoutFinding[] = [];
  const records = emRecordsByFile(all);
  for (const f of all) {
    if (seen.has(f.id) || f.kind !== 'image' || f.files.length < MIN_SECTION_FOLDERS || !f.pattern.includes('#')) continue;
    if (!isEm(f) && !records.has(`${f.root}\0${f.files[0]!}`)) continue;
    if (!SECTION_FILE_WORD.test(f.pattern.replace(/#+/g, '#'))) continue;
    const marker = f.files[0]!;
    const series = { value: { folders: 1, files: f.files.length }, provenance: 'layout' as const, source: marker };
    out.push({ filesetId: f.id, layout: { kind: 'section-series', directory: f.directory, marker }, facts: { series }, evidence: [{ source: 'layout', detail: `${f.files.length} electron-microscopy files named as numbered sections (${f.pattern}): one series of sections.`, weight: 0.7 }] });
  }
  return out;
}

/**
 * Folders between a section folder and its images: conjugate array tomography keeps each section's
 * modalities in sub-folders (`section_001/SEM/`, `section_001/IF/`; Collman et al. 2015 J Neurosci 35:5792,
 * one folder per section with one per channel/modality below it), SBEMimage nests tiles under grid folders.
 */
export const MAX_LEVELS_BELOW_SECTION = 2;

/**
 * The nearest numbered folder at or above an image folder, within MAX_LEVELS_BELOW_SECTION levels, and the
 * path from it down to the images (`section_001/SEM` → section `section_001`, below `SEM`). A folder with no
 * numbered ancestor that close is its own section (and will not make a series: its name holds no number).
 */
function numberedSection(directory: string): { section: string; below: string } {
  const below: string[] = [];
  for (let dir = directory, level = 0; level <= MAX_LEVELS_BELOW_SECTION && dir !== '.'; dir = dirOf(dir), level++) {
    if (/\d/.test(baseOf(dir))) return { section: dir, below: below.join('/') };
    below.unshift(baseOf(dir));
  }
  return { section: directory, below: '' };
}

/**
 * Serial sections kept one folder per section (`section_001/tile_r1c1.tif`, `section_002/…`): sibling
 * folders whose names differ only in their numbers, each holding image data of one format. When the folder
 * names say "section" or the images are electron micrographs, the folders are one series — a volume
 * (docs/formats.md §25.1) — and each of their filesets carries the layout. Linear in filesets.
 */
export const sectionSeries: LayoutReader = (all) => {
  const groups = new Map<string, LayoutFileset[]>();
  const sectionOf = new Map<string, string>();
  const belowOf = new Map<string, string>();
  for (const f of all) {
    if (f.kind !== 'image' || f.directory === '.') continue;
    const { section, below } = numberedSection(f.directory);
    const parent = dirOf(section);
    const key = `${f.root}\0${parent}\0${stemKey(baseOf(section))}\0${below}\0${f.format}`;
    sectionOf.set(f.id, section);
    belowOf.set(f.id, below);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const out: LayoutFinding[] = [];
  for (const members of groups.values()) {
    const folders = [...new Set(members.map((m) => sectionOf.get(m.id)!))].sort();
    // Numbering that runs on from folder to folder (slice_0001–0006 in day1, slice_0007–0012 in day2) is one
    // run split over folders even in two of them; folders that repeat the same names need more to be a series.
    const names = new Set(members.flatMap((m) => m.files.map(baseOf)));
    const continued = names.size === members.reduce((n, m) => n + m.files.length, 0) && new Set(members.map((m) => m.pattern)).size === 1;
    if (folders.length < (continued ? 2 : MIN_SECTION_FOLDERS)) continue;
    const name = baseOf(folders[0]!);
    // The collapsed name must hold a number (`section_#`), or every sibling would be a "series".
    if (!/\d/.test(name)) continue;
    const named = SECTION_WORD.test(name.replace(/\d+/g, '#'));
    if (!named && !members.every(isEm)) continue;
    const parent = dirOf(folders[0]!);
    const layout = { kind: 'section-series' as const, directory: parent, marker: folders[0]! };
    const below = belowOf.get(members[0]!.id)!;
    const why = `${named ? 'named as sections' : 'holding electron micrographs'}${below ? ` in their ${below}/ sub-folders` : ''}`;
    const files = members.reduce((n, m) => n + m.files.length, 0);
    const series = { value: { folders: folders.length, files }, provenance: 'layout' as const, source: folders[0]! };
    for (const m of members) {
      out.push({ filesetId: m.id, layout, facts: { series }, evidence: [{ source: 'layout', detail: `One of ${folders.length} numbered section folders (${baseOf(folders[0]!)} … ${baseOf(folders[folders.length - 1]!)}) ${why} under ${parent === '.' ? 'the scan root' : parent}: one series of ${files} images.`, weight: 0.7 }] });
    }
  }
  return [...out, ...sectionFiles(all, new Set(out.map((o) => o.filesetId)))];
};
