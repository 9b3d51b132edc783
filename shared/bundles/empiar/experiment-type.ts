import { assertNever } from '../../assert-never';
import { clauseHas } from '../../policy/catalog';
import type { StudyFindings } from '../../policy/types';
import { FOLLOWER_GROUPS, modalityInfo, modalityLabel, type Modality } from '../../modality/modalities';
import type { BundleFileset } from '../bundler';
import { EXPERIMENT_TYPE_LABELS, type ExperimentType } from './codes';

/**
 * True for files that follow the data they describe (mdoc, EPU XML, gain references, STAR and processing
 * files): they are uploaded with their data and listed with it, never an image set of their own
 * (docs/design.md "Destinations and policy clauses"; the policy's `supporting` clauses).
 */
export function isSupportingFileset(f: Pick<BundleFileset, 'clauseId' | 'modality'>): boolean {
  return clauseHas(f.clauseId, 'supporting') || FOLLOWER_GROUPS.has(modalityInfo(f.modality).group);
}

/**
 * The EMPIAR experiment type a modality stands for (docs/empiar.md §2.2, its "Modality (inferred)" column),
 * or `null` where the modality alone does not say (volume EM of an unstated technique, 2D EM, anything the
 * policy does not send to EMPIAR by itself).
 */
export function experimentTypeOfModality(m: Modality): ExperimentType | null {
  switch (m) {
    case 'spa-movies':
    case 'spa-micrographs':
    case 'spa-particles':
    case 'cryoet-tilt-series':
    case 'cryoet-tomograms':
    case 'cryoet-subtomograms':
    case 'density-map':
      return 3;
    case 'microed':
      return 9;
    case 'vem-fib-sem':
      return 5;
    case 'vem-sbf-sem':
      return 4;
    case 'vem-sstem':
      return 13;
    case 'vem-array-tomography':
      return 11;
    case 'soft-xray-tomography':
      return 1;
    case 'hard-xray-tomography':
      return 12;
    case 'vem-other':
    case 'lm-widefield':
    case 'lm-confocal':
    case 'lm-light-sheet':
    case 'lm-super-resolution':
    case 'lm-other':
    case 'em-2d':
    case 'hcs':
    case 'afm':
    case 'other-imaging':
    case 'spatial-omics-image':
    case 'omics-data':
    case 'correlation':
    case 'medical-imaging':
    case 'supporting-metadata':
    case 'processing-output':
    case 'not-data':
    case 'unknown':
      return null;
    default:
      return assertNever(m, 'modality');
  }
}

/** The experiment type chosen for the entry and why, in words the user sees in the checklist. */
export interface ExperimentChoice {
  readonly type: ExperimentType | null;
  readonly reason: string;
  /** Types the EMPIAR data would have one by one, in code order: more than one means the entry spans several. */
  readonly candidates: readonly ExperimentType[];
}

const X_RAY = new Set<Modality>(['soft-xray-tomography', 'hard-xray-tomography']);

function typeLabel(t: ExperimentType): string {
  return `${t} (${EXPERIMENT_TYPE_LABELS[t]})`;
}

/**
 * One experiment type for the EMPIAR entry (EMPIAR takes one per entry: docs/empiar.md §1.1). The policy's
 * reasoning, in order: a correlative study (light microscopy with EM or X-ray data, policy note 3) is
 * deposited as correlative — 8 when its EMPIAR side is X-ray only, 7 otherwise; then 3, raw data behind EMDB
 * structures, which EMPIAR exists for (docs/empiar.md §7); then the type holding most of the bytes, lower code
 * first on a tie. Supporting files do not vote.
 */
export function chooseExperimentType(members: readonly BundleFileset[], study: Pick<StudyFindings, 'correlative'>): ExperimentChoice {
  const data = members.filter((f) => !isSupportingFileset(f));
  const bytes = new Map<ExperimentType, number>();
  const untyped = new Set<Modality>();
  for (const f of data) {
    const t = experimentTypeOfModality(f.modality);
    if (t === null) untyped.add(f.modality);
    else bytes.set(t, (bytes.get(t) ?? 0) + f.bytes);
  }
  const candidates = [...bytes.keys()].sort((a, b) => a - b);
  const several = candidates.length > 1 ? ` Its EMPIAR data would otherwise be types ${candidates.map(typeLabel).join(', ')}; EMPIAR takes one type per entry, so deposit them as separate entries if EMPIAR asks.` : '';

  if (study.correlative && data.length > 0) {
    const xrayOnly = data.every((f) => X_RAY.has(f.modality));
    const type: ExperimentType = xrayOnly ? 8 : 7;
    const what = xrayOnly ? 'X-ray' : 'electron microscopy';
    return { type, candidates, reason: `The study is correlative (light microscopy with ${what} data: policy note 3), so the entry is type ${typeLabel(type)}.${several}` };
  }
  if (candidates.length === 0) {
    const which = [...untyped].map(modalityLabel).join(', ');
    return { type: null, candidates, reason: which ? `EMPIAR's experiment type cannot be told from the data (${which}): choose it on the EMPIAR form.` : 'The EMPIAR bundle holds no image data, only supporting files.' };
  }
  if (candidates.length === 1) {
    const t = candidates[0]!;
    const from = [...new Set(data.filter((f) => experimentTypeOfModality(f.modality) === t).map((f) => modalityLabel(f.modality)))].join(', ');
    return { type: t, candidates, reason: `The EMPIAR data are ${from}: type ${typeLabel(t)} (docs/empiar.md §2.2).` };
  }
  if (bytes.has(3)) return { type: 3, candidates, reason: `Part of the EMPIAR data is the raw data behind EMDB structures, which comes first: type ${typeLabel(3)}.${several}` };
  const [top] = [...candidates].sort((a, b) => (bytes.get(b) ?? 0) - (bytes.get(a) ?? 0) || a - b);
  return { type: top!, candidates, reason: `Type ${typeLabel(top!)} holds most of the EMPIAR data by size.${several}` };
}
