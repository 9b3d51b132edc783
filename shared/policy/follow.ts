import { isArchiveDestination, type Destination } from '../model/destination';
import { conflictClass, modalityLabel, type Modality } from '../modality/modalities';
import { decide, destinationText, where } from './decision';
import { parentDir, within } from '../layouts/paths';
import type { Decision, RouteInput } from './types';

/** Layouts that pair one sidecar with the data it names; the rest (EPU, RELION, Space Ranger, Zarr) mark a folder. */
const PAIRING_LAYOUTS = new Set(['serialem-acquisition', 'imod-tilt-series', 'tia-series', 'skyscan-scan', 'hcs-plate']);

/** How a follower relates to the data a layout links it with, in words. */
const LAYOUT_WORDS: Readonly<Record<string, string>> = {
  'serialem-acquisition': 'that it describes',
  'imod-tilt-series': 'that it describes',
  'tia-series': 'that it describes',
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

function layoutKey(kind: string, directory: string, marker: string): string {
  return PAIRING_LAYOUTS.has(kind) ? `${kind}\0${directory}\0${marker}` : `${kind}\0${directory}`;
}

/** True when data of modality `m` can be what a file that says it supports `supports` describes. */
function compatible(supports: Modality | undefined, m: Modality): boolean {
  if (!supports) return true;
  return conflictClass(supports) === conflictClass(m) || (EM_RAW.has(supports) && EM_RAW.has(m));
}

/** Indexes decided data once, so each follower finds its data without scanning the study again and again. */
export class FollowIndex {
  private readonly byLayout = new Map<string, Followable[]>();
  private readonly byRoot = new Map<string, Followable[]>();

  /** Indexes the decided data filesets. */
  constructor(private readonly all: readonly Followable[]) {
    for (const d of all) {
      for (const l of d.f.layouts) {
        const k = layoutKey(l.kind, l.directory, l.marker);
        this.byLayout.set(k, [...(this.byLayout.get(k) ?? []), d]);
      }
      this.byRoot.set(d.f.root, [...(this.byRoot.get(d.f.root) ?? []), d]);
    }
  }

  /** The data a follower goes with, nearest first: its layout partners, then its folder and each folder above it, then the whole study. */
  candidates(f: RouteInput): { readonly found: readonly Followable[]; readonly how: string } {
    for (const l of f.layouts) {
      const linked = this.byLayout.get(layoutKey(l.kind, l.directory, l.marker)) ?? [];
      if (linked.length > 0) return { found: linked, how: LAYOUT_WORDS[l.kind] ?? `in the same ${l.kind}` };
    }
    const ok = (d: Followable) => compatible(f.supports, d.f.modality);
    const inRoot = (this.byRoot.get(f.root) ?? []).filter(ok);
    for (let dir: string | undefined = f.directory; dir !== undefined; dir = parentDir(dir)) {
      const here = inRoot.filter((d) => within(d.f.directory, dir!));
      if (here.length > 0) return { found: preferArchived(here), how: dir === f.directory ? 'in or below its folder' : dir === '.' ? 'in its scan root' : `under ${dir}` };
    }
    const anywhere = this.all.filter(ok);
    return { found: preferArchived(anywhere), how: 'in the study' };
  }
}

/** Among nearby data, those with an archive decide; data needing review or not depositable count only when nothing else is near. */
function preferArchived(list: readonly Followable[]): readonly Followable[] {
  const archived = list.filter((d) => isArchiveDestination(d.decision.destination));
  return archived.length > 0 ? archived : list;
}

/**
 * The decision of a supporting file (an acquisition record, particle list, processing record or
 * document): it follows the destination of the data it describes. Data going to EMPIAR and EMDB together
 * send their records to EMPIAR (EMDB takes maps only). Data going several other ways, or needing review,
 * leave it to the user; with no data in the study, the file goes where data of the kind it describes go.
 */
export function followDecision(f: RouteInput, index: FollowIndex, routeAs: (m: Modality) => RoutedAs | undefined): Decision {
  const { found, how } = index.candidates(f);
  if (found.length === 0) {
    const asData = f.supports ? routeAs(f.supports) : undefined;
    if (asData && isArchiveDestination(asData.destination)) {
      return decide('supporting-follows-data', f, {
        destination: asData.destination,
        more: `It describes ${modalityLabel(f.supports!)}, which is not in the scanned folders; such data go to ${destinationText(asData.destination)} [${asData.clauseId}], and so does this file.`,
      });
    }
    return decide('review-supporting-unresolved', f, { more: 'No data it could describe were found in the scanned folders.' });
  }
  const dests = new Map<string, Followable>();
  for (const d of found) dests.set(`${d.decision.destination}\0${d.decision.omicsArchive ?? ''}`, d);
  const first = found[0]!;
  const named = (d: Followable) => `${where(d.f)} (${destinationText(d.decision.destination, d.decision.omicsArchive)})`;
  const examples = [...dests.values()].slice(0, 3).map(named).join(', ');
  const evidence = [{ source: 'study' as const, detail: `Goes with ${found.length === 1 ? where(first.f) : `${found.length} filesets`} ${how}: ${examples}.`, weight: 1 }];
  const kinds = new Set(found.map((d) => d.decision.destination));
  if (kinds.has('NONE') && found.some((d) => d.decision.clauseId.startsWith('patient-'))) {
    return decide('supporting-follows-data', f, { destination: 'NONE', evidence, more: `It lies with patient-associated data ${how} and may identify patients itself, so it stays out of every bundle too.` });
  }
  if (dests.size === 1 && isArchiveDestination(first.decision.destination)) {
    return decide('supporting-follows-data', f, {
      destination: first.decision.destination,
      ...(first.decision.omicsArchive ? { omicsArchive: first.decision.omicsArchive } : {}),
      evidence,
      more: `It goes with ${found.length === 1 ? where(first.f) : `the ${found.length} filesets`} ${how}, to ${destinationText(first.decision.destination, first.decision.omicsArchive)}.`,
    });
  }
  if (kinds.size === 1 && kinds.has('EMDB')) {
    return decide('review-supporting-unresolved', f, { evidence, more: `The data ${how} (${examples}) go to EMDB, which takes maps and tomograms, not the files that accompany them.` });
  }
  if (kinds.size === 2 && kinds.has('EMPIAR') && kinds.has('EMDB')) {
    return decide('supporting-follows-data', f, { destination: 'EMPIAR', evidence, more: `The data ${how} go to EMPIAR and EMDB; EMDB takes maps and tomograms only, so their records go with the raw data to EMPIAR.` });
  }
  if (dests.size === 1) return decide('review-supporting-unresolved', f, { evidence, more: `The data ${how} (${examples}) need a decision first.` });
  return decide('review-supporting-unresolved', f, { evidence, more: `The data ${how} go several ways: ${examples}.` });
}
