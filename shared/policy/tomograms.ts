import type { Evidence } from '../model/evidence';
import { formatCount } from '../text/units';
import { byPlace, decide, overrideDecision } from './decision';
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

/**
 * Policy note 2 over the whole study: counts the tomogram files of every root; up to `tomogramsFew` all go
 * to EMDB; above that, the representatives go to EMDB (the files you set to EMDB, or else `representatives`
 * files spread over the sorted list) and the rest to EMPIAR. A fileset whose files split both ways gets a
 * part for its representatives.
 */
export function routeTomograms(tomograms: readonly RouteInput[], options: PolicyOptions): { routed: RoutedFileset[]; findings: StudyFindings['tomograms'] } {
  const sets = [...tomograms].sort(byPlace);
  const files: TomogramFile[] = sets.flatMap((f) => f.files.map((file) => ({ fileset: f, file })));
  const count = files.length;
  if (count === 0) return { routed: [], findings: { count: 0, rule: 'none', representatives: [] } };
  const counted: Evidence = { source: 'study', detail: `The study holds ${formatCount(count)} tomogram${count === 1 ? '' : 's'} across all folders; a "small number" is at most ${options.tomogramsFew}.`, weight: 1 };

  if (count <= options.tomogramsFew) {
    const routed = sets.map((f) => {
      const policy = decide('note-2-tomograms-few', f, { evidence: [counted] });
      return { filesetId: f.id, decision: f.override?.destination ? overrideDecision(f, policy) : policy, parts: [] };
    });
    return { routed, findings: { count, rule: 'all-to-emdb', representatives: [] } };
  }

  const userPicked = sets.filter((f) => f.override?.destination === 'EMDB');
  const byUser = userPicked.length > 0;
  const candidates = files.filter((t) => !t.fileset.override?.destination);
  const picked = byUser ? userPicked.flatMap((f) => f.files.map((file) => ({ fileset: f, file }))) : spreadIndices(candidates.length, options.representatives).map((i) => candidates[i]!);
  const pickedByFileset = new Map<string, string[]>();
  for (const p of picked) pickedByFileset.set(p.fileset.id, [...(pickedByFileset.get(p.fileset.id) ?? []), p.file]);
  const how = byUser ? 'you picked them' : `${picked.length} spread evenly over the sorted list; pick your own by setting tomograms to EMDB`;
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
