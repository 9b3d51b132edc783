import type { Evidence } from '../model/evidence';
import { isArchiveDestination } from '../model/destination';
import { DATA_GROUPS, FOLLOWER_GROUPS, MODALITIES, modalityInfo, modalityLabel, REVIEW_BELOW, type Modality, type ModalityGroup } from '../modality/modalities';
import { clause, clauseHas, POLICY_CATALOG_VERSION, type ClauseId } from './catalog';
import { decide, firstByPlace, overrideDecision, where } from './decision';
import { FollowIndex, followDecision, type Followable, type RoutedAs } from './follow';
import { omicsRoute } from './omics';
import { routeTomograms, tiltSeriesStems } from './tomograms';
import { assertNever } from '../assert-never';
import { whatWouldDecide } from '../modality/review-hint';
import { DEFAULT_POLICY_OPTIONS, type Decision, type PolicyOptions, type RoutedFileset, type RouteInput, type StudyRouting } from './types';

/** Groups whose presence beside light microscopy makes a study correlative with 3D EM/X-ray (policy note 3). */
const EM_XM_3D: ReadonlySet<ModalityGroup> = new Set(['volume-em', 'xray', 'cryo-et']);

/** What the study as a whole is, as far as routing needs it. */
interface StudyShape {
  readonly correlative: boolean;
  readonly split: boolean;
  readonly evidence: readonly Evidence[];
}

/**
 * True when a fileset is locked as patient data: no override applies to it (policy row "Patient identifiable imaging data").
 * The reader sets `identifiable` for any identifying field filled or a human clinical SOP class, whatever the
 * de-identification flags say (issue 12, finding 8); a non-human species never locks.
 */
export function isPatientIdentifiable(f: Pick<RouteInput, 'facts'>): boolean {
  return f.facts.patient?.value.identifiable === true && f.facts.species?.value.human !== false;
}

/**
 * True when a file has a patient module of a human (no species stated counts as human: DICOM PS3.3 C.7.1.1 requires
 * Patient Species only for animals) and the user has not set its modality: "Patient associated medical imaging data
 * cannot currently be deposited into any resource at EBI" (policy, Background), even when its identity fields are blank.
 */
function isPatientAssociated(f: RouteInput): boolean {
  return f.facts.patient !== undefined && f.facts.species?.value.human !== false && !f.override?.modality;
}

/** The opening of a locked decision: which fields are filled, or that the class is clinical. */
function lockedOpening(f: RouteInput): string {
  const p = f.facts.patient!.value;
  if (p.fields.length === 0) return 'A human clinical DICOM image: patient data, whatever its de-identification flags say.';
  return `Patient-identifying fields are filled (${p.fields.join(', ')})${p.deidentified ? ', although the file is marked de-identified' : ''}.`;
}

/** The decision a fileset gets before the study is looked at, or what kind of routing it needs. */
function preliminary(f: RouteInput): Decision | 'data' | 'follower' {
  const group = modalityInfo(f.modality).group;
  // Nothing the user sets applies to patient-identifiable data, so the decision carries no override.
  if (isPatientIdentifiable(f)) return decide('patient-identifiable', { ...f, override: undefined }, { opening: lockedOpening(f) });
  if (group === 'not-data') return decide('not-research-data', f);
  if (group === 'unknown') return decide('review-unknown', f, { opening: f.because ?? 'The format of these files was not identified.' });
  if (f.confidence < REVIEW_BELOW && !f.override?.modality) {
    const also = f.alternatives.slice(0, 2).map((a) => `${modalityLabel(a.modality)} (${a.score.toFixed(2)})`);
    // What would decide it, from the alternatives, the strongest evidence and the facts (shared/modality/review-hint.ts).
    const evidence = f.modalityEvidence ?? (f.because ? [{ source: 'header' as const, detail: f.because, weight: 1, supports: f.modality }] : []);
    const hint = whatWouldDecide({ modality: f.modality, alternatives: f.alternatives, facts: f.facts, format: f.format, evidence });
    return decide('review-low-confidence', f, {
      opening: `Best guess ${modalityLabel(f.modality)} at confidence ${f.confidence.toFixed(2)}, below ${REVIEW_BELOW}${also.length ? `; also possible: ${also.join(', ')}` : ''}. ${hint}`,
    });
  }
  if (group === 'medical' || isPatientAssociated(f)) return decide('patient-medical-imaging', f);
  if (FOLLOWER_GROUPS.has(group)) return 'follower';
  return DATA_GROUPS.has(group) ? 'data' : decide('review-unknown', f);
}

/** Correlative or not, from the routed data of all roots together. */
function studyShape(data: readonly RouteInput[]): StudyShape {
  const firstOf = (test: (f: RouteInput) => boolean) => firstByPlace(data.filter(test));
  const lm = firstOf((f) => modalityInfo(f.modality).group === 'light');
  const em3d = firstOf((f) => EM_XM_3D.has(modalityInfo(f.modality).group));
  const em2d = firstOf((f) => modalityInfo(f.modality).group === 'em-2d');
  const em = em3d ?? em2d;
  if (!lm || !em) return { correlative: false, split: false, evidence: [] };
  const detail = `Light microscopy (${where(lm)}) and ${em3d ? '3D ' : '2D '}${modalityLabel(em.modality)} (${where(em)}) in one study: a correlative study${em3d ? ' with a 3D EM/X-ray component' : ' whose EM is 2D'}.`;
  return { correlative: true, split: em3d !== undefined, evidence: [{ source: 'study', detail, weight: 1 }] };
}

/** The clause for image data of one group, in a study of this shape (tomograms are routed separately). */
function dataClause(m: Modality, shape: StudyShape): ClauseId {
  const group = modalityInfo(m).group;
  switch (group) {
    case 'map':
      return 'empiar-maps-to-emdb';
    case 'cryo-em':
      return 'row-cryo-em';
    case 'cryo-et':
      return m === 'cryoet-tilt-series' ? 'note-2-tilt-series' : 'row-cryo-et';
    case 'microed':
      return 'policy-1-raw-3d-em';
    case 'volume-em':
    case 'xray':
      return shape.split ? 'note-3-3d-em-xray' : 'row-volume-em-xm';
    case 'light':
      return shape.split ? 'note-3-other-modalities' : shape.correlative ? 'correlative-2d-em' : 'row-light-microscopy';
    case 'em-2d':
      return shape.split ? 'note-3-other-modalities' : shape.correlative ? 'correlative-2d-em' : 'row-2d-em';
    case 'hcs':
      return 'row-hcs';
    case 'other-imaging':
      return 'row-other-imaging';
    case 'spatial-omics':
      return 'spatial-omics-spatial-data';
    case 'correlation':
      return 'note-3-correlation-info';
    // Routed before or elsewhere: omics by their archive, patient data, followers, clutter and the unknown.
    case 'omics':
    case 'medical':
    case 'supporting':
    case 'processing':
    case 'not-data':
    case 'unknown':
      return 'review-unknown';
    default:
      return assertNever(group, 'modality group');
  }
}

/** The decision for one data fileset by its modality and the study's shape. */
function routeData(f: RouteInput, shape: StudyShape): Decision {
  if (modalityInfo(f.modality).group === 'omics') {
    const o = omicsRoute(f.facts);
    return decide(o.clauseId, f, o.detail ? { more: o.detail } : {});
  }
  const id = dataClause(f.modality, shape);
  const correlativeClause = clauseHas(id, 'correlative');
  return decide(id, f, { evidence: correlativeClause ? shape.evidence : [] });
}

/** Note clauses that inform a final decision. */
function notesFor(f: RouteInput, d: Decision, bothArchives: boolean): string[] {
  const notes: string[] = [];
  if (d.destination === 'EMPIAR') notes.push('policy-1-empiar');
  if (d.destination === 'BIA') notes.push('policy-2-bia');
  if (bothArchives && (d.destination === 'EMPIAR' || d.destination === 'BIA')) notes.push('policy-3-separate-deposits');
  if ((f.modality === 'hcs' || f.supports === 'hcs') && d.destination === 'BIA') notes.push('note-1-hcs-templates');
  const group = modalityInfo(f.modality).group;
  if ((group === 'omics' || group === 'spatial-omics' || clauseHas(d.clauseId, 'spatial-omics')) && (d.destination === 'BIA' || d.destination === 'OMICS')) notes.push('spatial-omics-linking');
  return notes;
}

/**
 * Applies the policy to a whole study at once (all roots together): patient data blocked first; then the
 * study's shape (correlative, 3D or 2D EM); then each data fileset by its modality, tomograms by policy
 * note 2 over the whole study; then supporting files, which follow the data they describe; the user's
 * destinations last, each keeping what the policy would have said. Pure and deterministic.
 */
export function routeStudy(inputs: readonly RouteInput[], partial: Partial<PolicyOptions> = {}): StudyRouting {
  const options: PolicyOptions = { ...DEFAULT_POLICY_OPTIONS, ...partial };
  const decided = new Map<string, RoutedFileset>();
  const data: RouteInput[] = [];
  const followers: RouteInput[] = [];
  const finish = (f: RouteInput, policy: Decision) => (f.override?.destination ? overrideDecision(f, policy) : policy);

  for (const f of inputs) {
    const pre = preliminary(f);
    if (pre === 'data') data.push(f);
    else if (pre === 'follower') followers.push(f);
    else decided.set(f.id, { filesetId: f.id, decision: pre.clauseId === 'patient-identifiable' ? pre : finish(f, pre), parts: [] });
  }

  const shape = studyShape(data);
  const tomograms = data.filter((f) => f.modality === 'cryoet-tomograms');
  const tomo = routeTomograms(tomograms, options, tiltSeriesStems(data.filter((f) => f.modality === 'cryoet-tilt-series')));
  for (const r of tomo.routed) decided.set(r.filesetId, r);
  for (const f of data) if (f.modality !== 'cryoet-tomograms') decided.set(f.id, { filesetId: f.id, decision: finish(f, routeData(f, shape)), parts: [] });

  const following = new Set(followers);
  const followable: Followable[] = inputs.filter((f) => !following.has(f) && modalityInfo(f.modality).group !== 'not-data').map((f) => ({ f, decision: decided.get(f.id)!.decision }));
  const index = new FollowIndex(followable);
  const routeAs = (m: Modality): RoutedAs | undefined => {
    const c = clause(dataClause(m, shape));
    // EMDB takes maps and tomograms, not the files that accompany them.
    return c.destination === 'EMPIAR' || c.destination === 'BIA' ? { destination: c.destination, clauseId: c.id } : undefined;
  };
  const first = new Map(followers.map((f) => [f.id, followDecision(f, index, routeAs)]));
  // Files no data decide may go with the records beside them that did find their data (an atlas beside a tilt series' mdoc).
  const settled = followers.filter((f) => isArchiveDestination(first.get(f.id)!.destination)).map((f) => ({ f, decision: first.get(f.id)! }));
  // The one index, widened by them (not built again).
  if (settled.length > 0) index.add(settled);
  for (const f of followers) {
    const d = first.get(f.id)!;
    const again = d.clauseId === 'review-supporting-unresolved' && settled.length > 0 ? followDecision(f, index, routeAs) : d;
    decided.set(f.id, { filesetId: f.id, decision: finish(f, again), parts: [] });
  }

  // Policy point 3: a study with data for EMPIAR and other image data deposits them separately, linked.
  const sent = new Set([...decided.values()].flatMap((r) => [r.decision.destination, ...r.parts.map((p) => p.decision.destination)]));
  const bothArchives = sent.has('EMPIAR') && sent.has('BIA');
  // The notes are known only now, so each decision is copied once with its notes; a decision may be shared
  // (tomograms' representatives), so none is changed in place. Each notes array is this fileset's own.
  const filesets: RoutedFileset[] = new Array<RoutedFileset>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const f = inputs[i]!;
    const r = decided.get(f.id)!;
    filesets[i] = {
      filesetId: r.filesetId,
      decision: { ...r.decision, notes: notesFor(f, r.decision, bothArchives) },
      parts: r.parts.length === 0 ? r.parts : r.parts.map((p) => ({ ...p, decision: { ...p.decision, notes: notesFor(f, p.decision, bothArchives) } })),
    };
  }
  const routedData = data.filter((f) => decided.get(f.id)!.decision.destination !== 'REVIEW');
  const present = new Set<Modality>(routedData.map((f) => f.modality));
  return {
    filesets,
    study: {
      correlative: shape.correlative,
      correlativeSplit: shape.split,
      correlationInformation: data.some((f) => modalityInfo(f.modality).group === 'correlation'),
      components: MODALITIES.filter((m) => present.has(m)),
      tomograms: tomo.findings,
      patientData: filesets.some((r) => clauseHas(r.decision.clauseId, 'patient')),
      options,
      policyVersion: POLICY_CATALOG_VERSION,
    },
  };
}
