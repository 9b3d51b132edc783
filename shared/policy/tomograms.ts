import type { Evidence } from '../model/evidence';
import { formatCount } from '../text/units';
import { decide, overrideDecision, sortedByPlace } from './decision';
import type { PolicyOptions, RoutedFileset, RouteInput, StudyFindings } from './types';

/** A tomogram file and the fileset it belongs to. */
interface TomogramFile {
  readonly fileset: RouteInput;
  readonly file: string;
}

/**
 * `k` of `n` items spread evenly: the middle of each of `k` equal runs, so representatives come from the
 * start, middle and end of a collection rather than its first files.
 */
export function spreadIndices(n: number, k: number): number[] {
  const take = Math.min(n, Math.max(0, k));
  return Array.from({ length: take }, (_, i) => Math.floor(((i + 0.5) * n) / take));
}

/** Characters that end a tilt series' stem inside the name of what was made from it (`TS_01` in `TS_01_rec.mrc`). */
const STEM_END = /[._-]/;

/**
 * The tomogram a file is: the tilt series it was reconstructed from, when its name starts with the stem of
 * a tilt series of the study (`TS_01_corrected.mrc` and `TS_01_icecream.mrc` are two reconstructions of one
 * tomogram); the file itself otherwise.
 */
function tomogramKey(root: string, file: string, tiltStems: ReadonlySet<string>): string {
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  let key: string | undefined;
  for (let i = 1; i < name.length; i++) if (STEM_END.test(name[i]!) && tiltStems.has(`${root}\0${name.slice(0, i)}`)) key = name.slice(0, i);
  return key === undefined ? `file\0${root}\0${file}` : `series\0${root}\0${key}`;
}

/** Lower-case stems (names without extension) of the tilt-series files of a study, by root (`root\0stem`). */
export function tiltSeriesStems(tiltSeries: readonly RouteInput[]): Set<string> {
  const out = new Set<string>();
  for (const f of tiltSeries) {
    for (const file of f.files) {
      const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
      const dot = name.indexOf('.');
      out.add(`${f.root}\0${dot > 0 ? name.slice(0, dot) : name}`);
    }
  }
  return out;
}

/**
 * Policy note 2 over the whole study: counts the tomograms of every root — reconstructions of one tilt
 * series (denoised, corrected, another program's) are one tomogram — up to `tomogramsFew` all go to EMDB;
 * above that, the representatives go to EMDB (the files you set to EMDB, or else `representatives`
 * tomograms spread over the sorted list, with every reconstruction of each) and the rest to EMPIAR. A
 * fileset whose files split both ways gets a part for its representatives.
 */
export function routeTomograms(tomograms: readonly RouteInput[], options: PolicyOptions, tiltStems: ReadonlySet<string> = new Set()): { routed: RoutedFileset[]; findings: StudyFindings['tomograms'] } {
  const sets = sortedByPlace(tomograms);
  const files: TomogramFile[] = sets.flatMap((f) => f.files.map((file) => ({ fileset: f, file })));
  if (files.length === 0) return { routed: [], findings: { count: 0, rule: 'none', representatives: [] } };
  const byTomogram = new Map<string, TomogramFile[]>();
  for (const t of files) {
    const k = tomogramKey(t.fileset.root, t.file, tiltStems);
    const list = byTomogram.get(k);
    if (list) list.push(t);
    else byTomogram.set(k, [t]);
  }
  const count = byTomogram.size;
  const versions = files.length > count ? ` (${formatCount(files.length)} files: reconstructions of one tilt series count once)` : '';
  const counted: Evidence = { source: 'study', detail: `The study holds ${formatCount(count)} tomogram${count === 1 ? '' : 's'} across all folders${versions}; a "small number" is at most ${options.tomogramsFew}.`, weight: 1 };

  if (count <= options.tomogramsFew) {
    const routed = sets.map((f) => {
      const policy = decide('note-2-tomograms-few', f, { evidence: [counted] });
      return { filesetId: f.id, decision: f.override?.destination ? overrideDecision(f, policy) : policy, parts: [] };
    });
    return { routed, findings: { count, rule: 'all-to-emdb', representatives: [] } };
  }

  const userPicked = sets.filter((f) => f.override?.destination === 'EMDB');
  const byUser = userPicked.length > 0;
  const candidates = [...byTomogram.values()].map((versions) => versions.filter((t) => !t.fileset.override?.destination)).filter((versions) => versions.length > 0);
  const picked = byUser ? userPicked.flatMap((f) => f.files.map((file) => ({ fileset: f, file }))) : spreadIndices(candidates.length, options.representatives).flatMap((i) => candidates[i]!);
  const pickedByFileset = new Map<string, string[]>();
  for (const p of picked) {
    const list = pickedByFileset.get(p.fileset.id);
    if (list) list.push(p.file);
    else pickedByFileset.set(p.fileset.id, [p.file]);
  }
  const how = byUser ? 'you picked them' : `${Math.min(candidates.length, options.representatives)} spread evenly over the sorted list; pick your own by setting tomograms to EMDB`;
  const chosen: Evidence = { source: 'study', detail: `Representatives for EMDB: ${how}.`, weight: 1 };

  const routed: RoutedFileset[] = sets.map((f) => {
    const reps = pickedByFileset.get(f.id) ?? [];
    const representative = decide('note-2-tomograms-representative', f, {
      evidence: [counted, chosen],
      more: byUser ? 'You picked this one as a representative.' : 'This one was picked as a representative, spread evenly over the sorted tomograms; set your own representatives to EMDB to choose others.',
    });
    if (byUser && f.override?.destination === 'EMDB') return { filesetId: f.id, decision: { ...representative, overridden: { ...representative.overridden, destination: 'EMDB' } }, parts: [] };
    const rest = decide('note-2-tomograms-rest', f, { evidence: [counted, chosen] });
    if (f.override?.destination) return { filesetId: f.id, decision: overrideDecision(f, rest), parts: [] };
    if (reps.length === f.files.length) return { filesetId: f.id, decision: representative, parts: [] };
    return { filesetId: f.id, decision: rest, parts: reps.length > 0 ? [{ files: reps, decision: representative, label: 'representatives' }] : [] };
  });
  const representatives = picked.map((p) => ({ filesetId: p.fileset.id, file: p.file, chosenBy: byUser ? ('user' as const) : ('policy' as const) }));
  return { routed, findings: { count, rule: 'representatives-to-emdb', representatives } };
}
