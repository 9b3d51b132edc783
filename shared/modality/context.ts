import { modalityInfo, modalityLabel, REVIEW_BELOW, DATA_GROUPS, type Modality } from './modalities';
import { isImagingBasedPlatform } from './platforms';
import type { Signals } from './signals';
import { parentDir } from '../layouts/paths';
import type { ModalityResult, Vote } from './types';
import { vote, W } from './weights';

/** SerialEM names tilt-series frames with the tilt angle (`TS_01_003_-6.0.tif`, `name_00993_33.0_Oct08…`). */
const ANGLE_IN_NAME = /_[-+]?\d{1,2}\.\d{1,2}(?=[_.])/;

/** What a context rule adds: votes, and sometimes a new reading of the fileset's own evidence for one modality as evidence for another. */
export interface ContextFinding {
  readonly votes: readonly Vote[];
  readonly relabel?: { readonly from: Modality; readonly to: Modality; readonly why: string };
}

const NONE: ContextFinding = { votes: [] };

/** What the first pass found, by fileset, with the signals it was computed from. */
export interface FirstPass {
  readonly signals: readonly Signals[];
  readonly results: ReadonlyMap<string, ModalityResult>;
}

/** The study around one fileset: what its folder and root hold, found once for all filesets. */
export interface StudyContext {
  /** Confident image data by `root\0directory`. */
  readonly confidentByFolder: ReadonlyMap<string, readonly { readonly pattern: string; readonly modality: Modality }[]>;
  /** Roots holding a confident tilt series (or an mdoc that describes one). */
  readonly rootsWithTiltSeries: ReadonlySet<string>;
  /** Roots holding an EPU session. */
  readonly rootsWithEpu: ReadonlySet<string>;
  /** Folders (`root\0directory`) holding the manifest or transcripts of an imaging-based spatial-omics run. */
  readonly imagingStFolders: ReadonlyMap<string, string>;
}

function key(root: string, dir: string): string {
  return `${root}\0${dir}`;
}

/** Builds the study context from the first pass, in one sweep over the filesets. */
export function studyContext(first: FirstPass): StudyContext {
  const confidentByFolder = new Map<string, { pattern: string; modality: Modality }[]>();
  const rootsWithTiltSeries = new Set<string>();
  const rootsWithEpu = new Set<string>();
  const imagingStFolders = new Map<string, string>();
  for (const s of first.signals) {
    const r = first.results.get(s.f.id);
    if (!r) continue;
    const k = key(s.f.root, s.f.directory);
    if (r.confidence >= REVIEW_BELOW && DATA_GROUPS.has(modalityInfo(r.modality).group) && s.f.kind === 'image') {
      const here = confidentByFolder.get(k);
      if (here) here.push({ pattern: s.f.pattern, modality: r.modality });
      else confidentByFolder.set(k, [{ pattern: s.f.pattern, modality: r.modality }]);
    }
    if ((r.modality === 'cryoet-tilt-series' && r.confidence >= REVIEW_BELOW) || r.supports === 'cryoet-tilt-series') rootsWithTiltSeries.add(s.f.root);
    if (s.layoutKinds.has('epu-session')) rootsWithEpu.add(s.f.root);
    const platform = s.f.facts.omics?.value.platform ?? s.f.facts.spatial?.value.platform;
    if (isImagingBasedPlatform(platform)) imagingStFolders.set(k, platform!);
  }
  return { confidentByFolder, rootsWithTiltSeries, rootsWithEpu, imagingStFolders };
}

/** Image data the first pass could not decide take the most common confident modality of their folder, or of its parent. */
function neighbours(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (r.confidence >= REVIEW_BELOW || (s.f.kind !== 'image' && s.f.kind !== 'container')) return NONE;
  for (let dir: string | undefined = s.f.directory, hops = 0; dir !== undefined && hops < 2; dir = parentDir(dir), hops++) {
    const around = (ctx.confidentByFolder.get(key(s.f.root, dir)) ?? []).filter((n) => n.pattern !== s.f.pattern || dir !== s.f.directory);
    if (around.length === 0) continue;
    const counts = new Map<Modality, number>();
    for (const n of around) counts.set(n.modality, (counts.get(n.modality) ?? 0) + 1);
    const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const example = around.filter((n) => n.modality === best![0]).sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0))[0]!;
    const where = hops === 0 ? 'in the same folder' : 'in the parent folder';
    return { votes: [vote(best![0], W.WEAK, 'neighbour', `${example.pattern} ${where} is ${modalityLabel(best![0])}.`)] };
  }
  return NONE;
}

/** Volumes in a study with tilt series are most likely their tomograms. */
function tomogramsBesideTiltSeries(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (!ctx.rootsWithTiltSeries.has(s.f.root) || s.f.format !== 'mrc' || s.f.facts.emdbId) return NONE;
  const volume = s.arrangement === 'volume' || (s.arrangement === 'image-stack' && s.creator === 'IMOD' && !s.f.facts.tiltAngles);
  if (!volume || r.modality === 'cryoet-tilt-series' || r.modality === 'cryoet-subtomograms') return NONE;
  return { votes: [vote('cryoet-tomograms', W.WEAK, 'study', 'The study holds tilt series; a volume beside them is most likely one of their tomograms.')] };
}

/**
 * Movies whose names carry tilt angles are the frames of tilt series when the study holds tilt series and no
 * single-particle (EPU) session: then the movie evidence itself speaks for the tilt series (tilt images are
 * recorded as dose-fractionated movies too), so it is read that way rather than weighed against it.
 */
function tiltFrames(s: Signals, r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (r.modality !== 'spa-movies' || !ANGLE_IN_NAME.test(s.firstName)) return NONE;
  const named = vote('cryoet-tilt-series', W.WEAK, 'name', `The frame names carry a tilt angle (${s.firstName}), as SerialEM names the frames of tilt series.`);
  if (!ctx.rootsWithTiltSeries.has(s.f.root) || ctx.rootsWithEpu.has(s.f.root)) return { votes: [named] };
  return {
    votes: [named, vote('cryoet-tilt-series', W.WEAK, 'study', 'The study holds tilt series and no single-particle (EPU) session.')],
    relabel: { from: 'spa-movies', to: 'cryoet-tilt-series', why: 'read here as the frames of a tilt series' },
  };
}

/** Images in the output folder of an imaging-based spatial-omics run are its spatial data (morphology images). */
function imagingStImages(s: Signals, _r: ModalityResult, ctx: StudyContext): ContextFinding {
  if (s.f.kind !== 'image' || s.f.facts.omics || s.f.facts.spatial) return NONE;
  const platform = ctx.imagingStFolders.get(key(s.f.root, s.f.directory));
  return platform ? { votes: [vote('spatial-omics-image', W.STRONG, 'neighbour', `An image in the output folder of a ${platform} run: its morphology/spatial image data.`)] } : NONE;
}

/** Rules that read the study around a fileset; they run after every fileset's own rules. */
export const CONTEXT_RULES: readonly ((s: Signals, r: ModalityResult, ctx: StudyContext) => ContextFinding)[] = [neighbours, tomogramsBesideTiltSeries, tiltFrames, imagingStImages];
