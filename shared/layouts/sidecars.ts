import type { Evidence } from '../model/evidence';
import type { FormatId } from '../formats/format-catalog';
import type { FactName, Facts } from '../formats/facts';
import { takesLent } from '../formats/fuse-facts';
import { stemKey } from '../naming/name-pattern';
import { inFolder, placeOf as place } from '../naming/place';
import type { LayoutFileset, LayoutFinding, LayoutKind, LayoutReader } from './types';
import { baseOf, dirOf, filesetsUnder, parentDir, within } from './paths';

/**
 * Sidecar pairing, in one place: which files describe which data, found by name the way acquisition and
 * processing software name them (docs/formats.md §24; the formats in §5–§7), and the facts a sidecar lends the data it
 * describes (§24.4). The scan's layout step and the policy's follow rule both read the pairings made here (as
 * layout references shared by the sidecar and its data), so a file that describes data goes where they go.
 */

/** Suffixes software appends to an exposure's stem in the names of its data (EPU `_Fractions`, Falcon `_EER`, RELION/Warp `_frames`; docs/formats.md §24.1). */
const DATA_SUFFIX = /(?:_fractions|_eer|_frames)$/i;

/** A TIA series file `name_N.ser` belongs to `name.emi` (docs/formats.md §1, TIA row; §24.1). */
const TIA_SERIES = /^(.*)_\d+\.ser$/i;

/** The keys a data file answers to: its name without extension(s), with and without the suffixes software adds. */
export function dataStems(name: string): string[] {
  const tia = TIA_SERIES.exec(name);
  if (tia) return [tia[1]!.toLowerCase()];
  const out = new Set<string>();
  let stem = name.toLowerCase();
  // Up to two extensions (`x.ome.tiff`, `x.mrc.eer`); a stem itself never loses its dots past that.
  for (let i = 0; i < 2; i++) {
    const dot = stem.lastIndexOf('.');
    if (dot <= 0) break;
    stem = stem.slice(0, dot);
    out.add(stem);
    out.add(stem.replace(DATA_SUFFIX, ''));
  }
  return [...out];
}

/** How one kind of sidecar names the data it describes. */
interface SidecarRule {
  readonly formats: ReadonlySet<FormatId>;
  readonly layout: LayoutKind;
  /** The data stem a sidecar file's name points at. */
  readonly stem: (name: string) => string;
  /** Whether a data fileset can be what this sidecar describes (tilt angles do not describe a tomogram). */
  readonly accepts: (data: LayoutFileset) => boolean;
  /** Whether data with the same stem elsewhere in the root count (EPU's stems are unique per exposure; TS_01 is not). */
  readonly rootWide: boolean;
  /** How the pairing reads, for the data (`TS_01.mrc.mdoc describes these files`). */
  readonly says: string;
  /** Folders beside the sidecar that hold its data (`X.oif` → `X.oif.files/`; `X.vsi` → `_X_/`). */
  readonly companions?: (name: string) => readonly string[];
  /** What the pairing itself says of the data, beyond the sidecar's facts (EPU's `_Fractions` names a movie). */
  readonly implies?: (data: LayoutFileset, marker: string) => Facts;
}

/** Thumbnails that acquisition software writes beside its data; a sidecar's facts are not theirs. */
const THUMBNAIL_FORMATS: ReadonlySet<FormatId> = new Set<FormatId>(['jpeg', 'png']);

/** A store the scan collapsed into one fileset (`dataset.n5/`, `image.ome.zarr/`): image data held in a folder. */
function isStore(f: LayoutFileset): boolean {
  return f.pattern.endsWith('/') && (f.kind === 'image' || f.kind === 'container');
}

function isImageData(f: LayoutFileset): boolean {
  return (f.kind === 'image' && !THUMBNAIL_FORMATS.has(f.format)) || isStore(f);
}

function notVolume(f: LayoutFileset): boolean {
  const a = f.facts.arrangement?.value;
  return isImageData(f) && a !== 'volume' && a !== 'volume-stack';
}

/** EPU names the dose-fractionated movie of an exposure `<stem>_Fractions` (`_EER` for EER): the record of a movie. */
function epuMovie(data: LayoutFileset, marker: string): Facts {
  return /_(fractions|eer)\./i.test(data.pattern) || data.format === 'eer' ? { arrangement: { value: 'movie', provenance: 'layout', source: marker } } : {};
}

/** Strips the extension and any data suffix, lower-cased: the stem a sidecar name points at. */
function sidecarStem(ext: RegExp): (name: string) => string {
  return (name) => name.replace(ext, '').toLowerCase().replace(/\.(mrc|st|tif|tiff|eer)$/, '').replace(DATA_SUFFIX, '');
}

/** Layout kinds that record a pairing made here: each names one sidecar fileset and one data fileset. */
export const PAIRING_LAYOUT_KINDS: ReadonlySet<LayoutKind> = new Set(['serialem-acquisition', 'imod-tilt-series', 'epu-exposure', 'companion-folder', 'described-by', 'tia-series']);

/** Every sidecar the engine pairs by name (docs/formats.md §24.2). */
const SIDECAR_RULES: readonly SidecarRule[] = [
  // SerialEM: `stack.mrc.mdoc` (or `stack.mdoc`) describes `stack.mrc`; a frame-set mdoc its frames (docs/formats.md §5).
  { formats: new Set(['mdoc']), layout: 'serialem-acquisition', stem: sidecarStem(/\.mdoc$/i), accepts: notVolume, rootWide: false, says: 'describes these files' },
  // IMOD / etomo: `TS.rawtlt`, `TS.tlt`, `TS.xf`, `TS.prexf` belong to the tilt series `TS.st` / `TS.mrc` (docs/formats.md §6).
  { formats: new Set(['imod-tilt', 'imod-xf']), layout: 'imod-tilt-series', stem: sidecarStem(/\.(raw)?tlt$|\.xtilt$|\.(pre)?xf$|\.xg$/i), accepts: notVolume, rootWide: false, says: 'gives the tilt angles or alignment of these files' },
  // EPU: `FoilHole_…_Data_…_<date>_<time>.xml` is the record of `…_Fractions.tiff` / `.mrc` / `_EER.eer` (docs/formats.md §7).
  { formats: new Set(['epu-xml']), layout: 'epu-exposure', stem: sidecarStem(/\.xml$/i), accepts: isImageData, rootWide: true, says: 'is the acquisition record of these exposures', implies: epuMovie },
  // Olympus FluoView: `X.oif` keeps its planes in `X.oif.files/` (Bio-Formats FV1000Reader); cellSens: `X.vsi`
  // keeps its pyramids in `_X_/stackNNNNN/frame_t.ets` (Bio-Formats CellSensReader). The folder must stay with it
  // (docs/formats.md §3.2, §10.1, §24.2).
  { formats: new Set(['oif', 'vsi']), layout: 'companion-folder', stem: sidecarStem(/\.(oif|vsi)$/i), accepts: isImageData, rootWide: false, says: 'keeps these files in its companion folder', companions: (name) => [`${name}.files`, `_${name.replace(/\.[^.]+$/, '')}_`] },
  // FEI TIA: `name.emi` holds the metadata of `name_1.ser`, `name_2.ser`, … (docs/formats.md §1, TIA row).
  { formats: new Set(['tia-emi']), layout: 'tia-series', stem: sidecarStem(/\.emi$/i), accepts: (f) => f.format === 'tia-ser', rootWide: false, says: 'holds the metadata of these TIA series' },
];

/** How far below a companion folder a sidecar's data may lie (`_X_/stack1/frame_t.ets` is two levels down). */
const COMPANION_DEPTH = 3;

/**
 * Any other non-image file whose content names the files it describes (its `describes` fact: Direct Electron
 * info files, XDS/DIALS inputs naming their frame template, scan records naming their projections…;
 * docs/formats.md §24.3).
 */
const DESCRIBED_BY: SidecarRule = { formats: new Set(), layout: 'described-by', stem: () => '', accepts: isImageData, rootWide: false, says: 'names these files as the data it describes' };

/** Sidecar files paired per sidecar fileset at most: enough to find every data fileset a folder of sidecars describes. */
const MAX_PAIRED_FILES = 100_000;

/** One pairing: a sidecar fileset describes a data fileset, through this many of its files. */
interface Pairing {
  readonly sidecar: LayoutFileset;
  readonly data: LayoutFileset;
  readonly rule: SidecarRule;
  /** The first sidecar file (in file order) that paired, the marker of the pairing. */
  readonly marker: string;
  files: number;
  /**
   * The data are the frames (movies) of the images the sidecar records, named by it (SerialEM's
   * SubFramePath for each tilt), not those images themselves (docs/formats.md §24.3).
   */
  readonly frames: boolean;
}

/** What a tilt-series record says of the frames of its tilts: movies, of that tilt series, at its sampling. */
function framesFacts(sidecar: Facts, marker: string): Facts {
  const { arrangement: _a, dimensions: _d, describes: _n, header: _h, ...rest } = sidecar;
  const relabelled = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, { ...v, provenance: 'sidecar', source: marker }]));
  return { ...(relabelled as Facts), arrangement: { value: 'movie', provenance: 'sidecar', source: marker } };
}

/**
 * Data filesets indexed once: by folder and stem, by stem over the root, and by file name. Keys hold one
 * fileset, or a list when several answer to them (most file names are unique: no one-element list per file
 * of a million-file study, issue 11); the name indexes are built only when a sidecar names files.
 */
class DataIndex {
  private readonly byFolderStem = new Map<string, Entry>();
  private readonly byRootStem = new Map<string, Entry>();
  private names: { readonly byName: Map<string, Entry>; readonly byTemplate: Map<string, Entry> } | undefined;
  private readonly byAncestor = new Map<string, Entry>();
  private readonly data: LayoutFileset[] = [];

  constructor(all: readonly LayoutFileset[]) {
    for (const f of all) {
      if (f.kind !== 'image' && !isStore(f)) continue;
      this.data.push(f);
      for (let dir: string | undefined = f.directory, up = 0; dir !== undefined && up <= COMPANION_DEPTH; dir = parentDir(dir), up++) add(this.byAncestor, `${f.root}\0${dir}`, f);
      const seen = new Set<string>();
      for (const file of f.files) {
        for (const stem of dataStems(baseOf(file))) {
          if (seen.has(stem)) continue;
          seen.add(stem);
          add(this.byFolderStem, `${f.root}\0${f.directory}\0${stem}`, f);
          add(this.byRootStem, `${f.root}\0${stem}`, f);
        }
      }
    }
  }

  private nameIndexes(): { readonly byName: Map<string, Entry>; readonly byTemplate: Map<string, Entry> } {
    if (this.names) return this.names;
    const byName = new Map<string, Entry>();
    const byTemplate = new Map<string, Entry>();
    for (const f of this.data) {
      // A store collapsed into one fileset (an N5 or OME-Zarr folder) answers to its folder's name: SpimData
      // XML names `dataset.n5` in its ImageLoader (bigdataviewer-core XmlIoN5ImageLoader).
      if (isStore(f)) add(byName, `${f.root}\0${f.pattern.slice(0, -1).toLowerCase()}`, f);
      for (const file of f.files) {
        const name = baseOf(file).toLowerCase();
        add(byName, `${f.root}\0${name}`, f);
        add(byTemplate, `${f.root}\0${stemKey(name)}`, f);
      }
    }
    return (this.names = { byName, byTemplate });
  }

  /** Data in the sidecar's folder (else, for root-wide rules, anywhere in the root) whose files answer to `stem`. */
  byStem(root: string, dir: string, stem: string, rootWide: boolean): readonly LayoutFileset[] {
    const here = this.byFolderStem.get(`${root}\0${dir}\0${stem}`);
    if (here || !rootWide) return listOf(here);
    return listOf(this.byRootStem.get(`${root}\0${stem}`));
  }

  /**
   * Data files a sidecar names (its `describes`: a name, or a frame template such as XDS's `frame_????.img`),
   * in its folder, below it, or beside its folder.
   */
  named(root: string, dir: string, described: string): readonly LayoutFileset[] {
    const name = baseOf(described.replace(/\/+$/, ''));
    const template = /[?#*]/.test(name);
    const key = template ? `${root}\0${stemKey(name.toLowerCase().replace(/[?#*]+/g, '0'))}` : `${root}\0${name.toLowerCase()}`;
    const { byName, byTemplate } = this.nameIndexes();
    const found = listOf((template ? byTemplate : byName).get(key));
    const near = parentDir(dir) ?? dir;
    return found.filter((f) => within(f.directory, dir) || within(f.directory, near));
  }

  /** Data at or below a folder (at most COMPANION_DEPTH levels down). */
  under(root: string, dir: string): readonly LayoutFileset[] {
    return listOf(this.byAncestor.get(`${root}\0${dir}`));
  }
}

/** What an index key holds: one fileset, or several in the order they were added. */
type Entry = LayoutFileset | LayoutFileset[];

function listOf(entry: Entry | undefined): readonly LayoutFileset[] {
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
}

function add(map: Map<string, Entry>, key: string, value: LayoutFileset): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, value);
  else if (!Array.isArray(entry)) {
    if (entry !== value) map.set(key, [entry, value]);
  } else if (entry[entry.length - 1] !== value) entry.push(value);
}

/** Finds every pairing of the study, linear in the number of files. */
function pairings(all: readonly LayoutFileset[]): Pairing[] {
  const index = new DataIndex(all);
  const out = new Map<string, Pairing>();
  for (const sidecar of all) {
    const rule = SIDECAR_RULES.find((r) => r.formats.has(sidecar.format)) ?? (sidecar.facts.describes && sidecar.kind !== 'image' ? DESCRIBED_BY : undefined);
    if (!rule) continue;
    // Names the sidecar's own content gives (ImageFile, SubFramePath), from the file whose header was read.
    const described = sidecar.facts.describes?.value ?? [];
    for (const file of sidecar.files.slice(0, MAX_PAIRED_FILES)) {
      const dir = dirOf(file);
      const stem = rule.stem(baseOf(file));
      const byStem = new Set(stem === '' ? [] : index.byStem(sidecar.root, dir, stem, rule.rootWide));
      const targets = new Set(byStem);
      if (file === sidecar.files[0]) for (const name of described) for (const d of index.named(sidecar.root, dir, name)) targets.add(d);
      for (const folder of rule.companions?.(baseOf(file)) ?? []) for (const d of index.under(sidecar.root, inFolder(dir, folder))) targets.add(d);
      for (const data of targets) {
        if (data === sidecar || !rule.accepts(data)) continue;
        const key = `${sidecar.id}\0${data.id}`;
        const p = out.get(key);
        if (p) p.files++;
        else out.set(key, { sidecar, data, rule, marker: file, files: 1, frames: !byStem.has(data) && sidecar.facts.arrangement?.value === 'tilt-series' });
      }
    }
  }
  return [...out.values()];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Pairs sidecars with the data they describe by name and lends the data the sidecar's facts. One finding
 * per pairing of filesets (not per file), so a folder of 2,000 mdocs beside 2,000 stacks adds one layout
 * reference and one evidence line to each side.
 */
export const sidecarPairs: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const p of pairings(all)) {
    const layout = { kind: p.rule.layout, directory: p.data.directory, marker: p.marker };
    const borrowed = borrowFacts(p.frames ? framesFacts(p.sidecar.facts, p.marker) : p.sidecar.facts, ACQUISITION_FACTS, p.data.facts, p.marker);
    const implied = p.rule.implies?.(p.data, p.marker) ?? {};
    const facts: Facts = { ...implied, ...borrowed.facts };
    const who = p.files === 1 ? p.marker : `${plural(p.files, 'file')} of ${place(p.sidecar)} (${p.marker} first)`;
    const says = p.frames ? `names these files as the frames of the tilts it records` : p.rule.says;
    const dataEvidence: Evidence = { source: 'sidecar', detail: `${who} ${says} (paired by name).`, weight: 0.7 };
    out.push({ filesetId: p.data.id, layout, facts, evidence: [dataEvidence, ...borrowed.evidence] });
    out.push({ filesetId: p.sidecar.id, layout, evidence: [{ source: 'layout', detail: `Describes ${place(p.data)}${p.files > 1 ? ` (${plural(p.files, 'file')} paired by name)` : ''}.`, weight: 0.5 }] });
  }
  return out;
};

/** Facts that travel from an acquisition sidecar to the data it describes (docs/formats.md §24.4). */
export const ACQUISITION_FACTS: readonly FactName[] = [
  'voltageKV',
  'pixelSize',
  'tiltAngles',
  'magnification',
  'dose',
  'detector',
  'instrument',
  'imagingMode',
  'creator',
  'xrayEnergyKeV',
  'arrangement',
  'channels',
  'plate',
];

/**
 * The named facts of a sidecar, re-labelled as coming from it, that fusion will take for the data (where
 * its header is silent, or where the sidecar refines it: shared/formats/fuse-facts.ts), with one evidence
 * line naming what was taken.
 */
export function borrowFacts(
  from: Facts,
  names: readonly FactName[],
  data: Facts,
  sidecarFile: string,
  provenance: 'sidecar' | 'layout' = 'sidecar',
): { facts: Facts; evidence: Evidence[] } {
  const facts: Record<string, unknown> = {};
  const taken: string[] = [];
  for (const name of names) {
    const fact = from[name];
    if (!fact || !takesLent(name, data, from)) continue;
    facts[name] = { ...fact, provenance, source: sidecarFile };
    taken.push(name);
  }
  return {
    facts: facts as Facts,
    evidence: taken.length > 0 ? [{ source: provenance, detail: `${taken.join(', ')} taken from ${sidecarFile}, which describes these files.`, weight: 0.6 }] : [],
  };
}

/** Bruker SkyScan: a scan folder's `.log` describes its projection (and reconstruction) images (docs/formats.md §12). */
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
