import { destinationLabel, isArchiveDestination, type Destination } from '../model/destination';
import { conflictClass, modalityLabel, type Modality } from '../modality/modalities';
import { decide, placeKey, where } from './decision';
import { clauseHas } from './catalog';
import type { LayoutKind } from '../layouts/types';
import { PAIRING_LAYOUT_KINDS } from '../layouts/sidecars';
import { parentDir } from '../layouts/paths';
import type { Decision, RouteInput } from './types';

/** Layouts that pair sidecars with the data they name, made in the one home of pairing; each pairing is its own group. */
const PAIRING_LAYOUTS = PAIRING_LAYOUT_KINDS;

/** Layouts whose marker file describes what lies beside it (a scan log, a plate index); the rest (EPU, RELION, Space Ranger, Zarr) mark a folder. */
const MARKED_LAYOUTS: ReadonlySet<LayoutKind> = new Set(['skyscan-scan', 'hcs-plate']);

/** How a follower relates to the data a layout links it with, in words. */
const LAYOUT_WORDS: Readonly<Record<LayoutKind, string>> = {
  'serialem-acquisition': 'that it describes',
  'imod-tilt-series': 'that it describes',
  'tia-series': 'that it describes',
  'epu-exposure': 'that it describes',
  'companion-folder': 'that it keeps in its companion folder',
  'described-by': 'that it names',
  'section-series': 'of the same series of sections',
  'skyscan-scan': 'of the same SkyScan scan',
  'hcs-plate': 'of the same plate',
  'epu-session': 'of the same EPU session',
  'relion-project': 'of the same RELION project',
  'spaceranger-outs': 'of the same Space Ranger output',
  'zarr-store': 'of the same Zarr store',
};

/**
 * Raw electron-microscopy data that the same acquisition and processing records describe (movies,
 * micrographs, particles, tilt series, subtomograms, diffraction). Maps and tomograms are not among them:
 * EMDB takes those, not the records of how the raw data were taken.
 */
const EM_RAW: ReadonlySet<Modality> = new Set(['spa-movies', 'spa-micrographs', 'spa-particles', 'cryoet-tilt-series', 'cryoet-subtomograms', 'microed']);

/** Where data of one modality go by the policy, for files whose data are not in the study. */
export interface RoutedAs {
  readonly destination: Destination;
  readonly clauseId: string;
}

/** A decided fileset a follower can follow. */
export interface Followable {
  readonly f: RouteInput;
  readonly decision: Decision;
}

function layoutKey(kind: LayoutKind, directory: string, marker: string): string {
  return PAIRING_LAYOUTS.has(kind) || MARKED_LAYOUTS.has(kind) ? `${kind}\0${directory}\0${marker}` : `${kind}\0${directory}`;
}

/** True when data of modality `m` can be what a file that says it supports `supports` describes. */
function compatible(supports: Modality | undefined, m: Modality): boolean {
  if (!supports) return true;
  return conflictClass(supports) === conflictClass(m) || (EM_RAW.has(supports) && EM_RAW.has(m));
}

/** Sorts followables by root, folder and pattern (code units), so the examples a reason names never depend on scan order. */
function sortByPlace(list: readonly Followable[]): Followable[] {
  return list
    .map((d) => ({ d, k: placeKey(d.f) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.d);
}

/** True for data blocked as patient data (followers beside it may identify patients too). */
function isPatient(d: Followable): boolean {
  return clauseHas(d.decision.clauseId, 'patient');
}

/** A group of data a follower may go with, summarised once however many followers share it. */
export interface FollowGroup {
  /** Sorted by place. */
  readonly found: readonly Followable[];
  readonly how: string;
  /** One example per distinct destination (and omics archive), in place order. */
  readonly byDestination: ReadonlyMap<string, Followable>;
  readonly kinds: ReadonlySet<string>;
  readonly patient: boolean;
}

const NO_GROUP: FollowGroup = { found: [], how: '', byDestination: new Map(), kinds: new Set(), patient: false };

function group(list: readonly Followable[], how: string): FollowGroup {
  const found = sortByPlace(list);
  const byDestination = new Map<string, Followable>();
  for (const d of found) {
    const k = `${d.decision.destination}\0${d.decision.omicsArchive ?? ''}`;
    if (!byDestination.has(k)) byDestination.set(k, d);
  }
  return { found, how, byDestination, kinds: new Set(found.map((d) => d.decision.destination)), patient: found.some(isPatient) };
}

/**
 * Indexes decided data once, so each follower finds its data without scanning the study: by layout, and by
 * every folder above each fileset; the data a folder offers to a kind of follower are summarised once.
 */
export class FollowIndex {
  private readonly all: Followable[] = [];
  private readonly byLayout = new Map<string, Followable[]>();
  /** By root, then by every folder at or above each fileset. */
  private readonly bySubtree = new Map<string, Map<string, Followable[]>>();
  private readonly groups = new Map<string, FollowGroup>();

  /** Indexes the decided data filesets. */
  constructor(all: readonly Followable[]) {
    this.add(all);
  }

  /**
   * Adds decided filesets (records that found their data, for the files no data decide); they come after
   * those indexed before, as if all had been indexed at once, and the groups are summarised anew.
   */
  add(more: readonly Followable[]): void {
    const push = <K>(map: Map<K, Followable[]>, k: K, d: Followable) => {
      const list = map.get(k);
      if (list) list.push(d);
      else map.set(k, [d]);
    };
    this.groups.clear();
    for (const d of more) {
      this.all.push(d);
      for (const l of d.f.layouts) push(this.byLayout, layoutKey(l.kind, l.directory, l.marker), d);
      let inRoot = this.bySubtree.get(d.f.root);
      if (!inRoot) this.bySubtree.set(d.f.root, (inRoot = new Map()));
      for (let dir: string | undefined = d.f.directory; dir !== undefined; dir = parentDir(dir)) push(inRoot, dir, d);
    }
  }

  /**
   * The data a follower goes with, nearest first: every data fileset it was paired with by name, then the
   * partners of its folder layouts, then its folder and each folder above it, then the whole study.
   */
  candidates(f: RouteInput): FollowGroup {
    const pairs = f.layouts.filter((l) => PAIRING_LAYOUTS.has(l.kind));
    if (pairs.length > 0) {
      const keys = pairs.map((l) => layoutKey(l.kind, l.directory, l.marker));
      const paired = this.cached(`pairs\0${keys.join('\0')}`, () => {
        const linked = [...new Set(keys.flatMap((k) => this.byLayout.get(k) ?? []))];
        return linked.length === 0 ? NO_GROUP : group(nearby(linked), 'that it describes');
      });
      if (paired.found.length > 0) return paired;
    }
    for (const l of f.layouts) {
      if (PAIRING_LAYOUTS.has(l.kind)) continue;
      const k = layoutKey(l.kind, l.directory, l.marker);
      const linked = this.byLayout.get(k);
      if (linked) return this.cached(`layout\0${k}`, () => group(nearby(linked), LAYOUT_WORDS[l.kind]));
    }
    const ok = (d: Followable) => compatible(f.supports, d.f.modality);
    for (let dir: string | undefined = f.directory; dir !== undefined; dir = parentDir(dir)) {
      const here = this.cached(`dir\0${f.root}\0${dir}\0${f.supports ?? ''}`, () => {
        const list = (this.bySubtree.get(f.root)?.get(dir) ?? []).filter(ok);
        return list.length === 0 ? NO_GROUP : group(nearby(list), dir === f.directory ? 'in or below its folder' : dir === '.' ? 'in its scan root' : `under ${dir}`);
      });
      if (here.found.length > 0) return here;
    }
    return this.cached(`study\0${f.supports ?? ''}`, () => group(nearby(this.all.filter(ok)), 'in the study'));
  }

  private cached(key: string, make: () => FollowGroup): FollowGroup {
    let g = this.groups.get(key);
    if (!g) {
      g = make();
      this.groups.set(key, g);
    }
    return g;
  }
}

/** Among nearby data, those with an archive or blocked as patient data decide; data needing review or OS clutter count only when nothing else is near. */
function nearby(list: readonly Followable[]): readonly Followable[] {
  const telling = list.filter((d) => isArchiveDestination(d.decision.destination) || isPatient(d));
  return telling.length > 0 ? telling : list;
}

/**
 * The decision of a supporting file (an acquisition record, particle list, processing record or
 * document): it follows the destination of the data it describes. Data going to EMPIAR and EMDB together
 * send their records to EMPIAR; maps alone (EMDB) take the files of their map deposition with them. Beside patient data only, it stays
 * out too; beside patient data and other data, or data going several ways, or needing review, the user
 * chooses. With no data in the study, the file goes where data of the kind it describes go.
 */
export function followDecision(f: RouteInput, index: FollowIndex, routeAs: (m: Modality) => RoutedAs | undefined): Decision {
  const g = index.candidates(f);
  const { found, how, byDestination, kinds } = g;
  if (found.length === 0) {
    const asData = f.supports ? routeAs(f.supports) : undefined;
    if (asData) {
      return decide('supporting-follows-data', f, {
        destination: asData.destination,
        more: `It describes ${modalityLabel(f.supports!)}, which is not in the scanned folders; such data go to ${destinationLabel(asData.destination)} [${asData.clauseId}], and so does this file.`,
      });
    }
    return decide('review-supporting-unresolved', f, { more: 'No data it could describe were found in the scanned folders.' });
  }
  const first = found[0]!;
  const named = (d: Followable) => `${where(d.f)} (${destinationLabel(d.decision.destination, d.decision.omicsArchive)})`;
  const examples = [...byDestination.values()].slice(0, 3).map(named).join(', ');
  const evidence = [{ source: 'study' as const, detail: `Goes with ${found.length === 1 ? where(first.f) : `${found.length} filesets`} ${how}: ${examples}.`, weight: 1 }];
  if (g.patient) {
    return found.every(isPatient)
      ? decide('supporting-follows-data', f, { destination: 'NONE', evidence, more: `It lies with patient-associated data ${how} and may identify patients itself, so it stays out of every bundle too.` })
      : decide('review-supporting-unresolved', f, { evidence, more: `It lies with patient-associated data and with other data ${how} (${examples}): check that it identifies no patient, then choose where it goes.` });
  }
  if (kinds.size === 1 && kinds.has('EMDB')) {
    // A map deposition at EMDB (OneDep) takes the map's half maps, masks, FSC curves, images and header with
    // it (docs/empiar.md: EMDB holds the maps); documents and a tomogram's records it does not take.
    if (f.kind !== 'document' && found.every((d) => d.f.modality === 'density-map')) {
      return decide('supporting-follows-data', f, { destination: 'EMDB', evidence, more: `It goes with the map${found.length > 1 ? 's' : ''} ${how} to EMDB, whose map deposition takes half maps, masks, FSC curves and images with the map.` });
    }
    return decide('review-supporting-unresolved', f, { evidence, more: `The data ${how} (${examples}) go to EMDB, which takes the tomograms themselves, not the files that accompany them: keep this file with the raw data (EMPIAR) or leave it out.` });
  }
  if (byDestination.size === 1 && isArchiveDestination(first.decision.destination)) {
    return decide('supporting-follows-data', f, {
      destination: first.decision.destination,
      ...(first.decision.omicsArchive ? { omicsArchive: first.decision.omicsArchive } : {}),
      evidence,
      more: `It goes with ${found.length === 1 ? where(first.f) : `the ${found.length} filesets`} ${how}, to ${destinationLabel(first.decision.destination, first.decision.omicsArchive)}.`,
    });
  }
  if (kinds.size === 2 && kinds.has('EMPIAR') && kinds.has('EMDB')) {
    return decide('supporting-follows-data', f, { destination: 'EMPIAR', evidence, more: `The data ${how} go to EMPIAR and EMDB; EMDB takes maps and tomograms only, so their records go with the raw data to EMPIAR.` });
  }
  if (byDestination.size === 1) return decide('review-supporting-unresolved', f, { evidence, more: `The data ${how} (${examples}) need a decision first.` });
  return decide('review-supporting-unresolved', f, { evidence, more: `The data ${how} go several ways: ${examples}.` });
}
