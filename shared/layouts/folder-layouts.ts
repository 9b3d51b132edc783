import type { Facts } from '../formats/facts';
import type { FormatId } from '../formats/format-catalog';
import type { LayoutFileset, LayoutFinding, LayoutReader } from './types';
import { ACQUISITION_FACTS, borrowFacts } from './sidecars';
import { baseOf, dirOf, filesetsUnder, parentDir, within } from './paths';
import { inFolder } from '../naming/place';

/** EPU: `EpuSession.dm` marks a session folder; everything below it belongs to the session (docs/formats.md §7). Per-exposure XML is paired in sidecars.ts. */
export const epuSessions: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const session of all.filter((f) => f.format === 'epu-session')) {
    const marker = session.files[0]!;
    const layout = { kind: 'epu-session' as const, directory: session.directory, marker };
    for (const member of filesetsUnder(all, session.root, session.directory)) {
      out.push({ filesetId: member.id, layout, evidence: member === session ? [] : [{ source: 'layout', detail: `Inside the EPU session of ${marker}.`, weight: 0.5 }] });
    }
  }
  return out;
};

/** RELION: `default_pipeline.star` marks a project; its top folders are job types (Import, MotionCorr, Refine3D, PostProcess, …). */
export const relionProjects: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const pipeline of all.filter((f) => f.format === 'relion-star' && f.files.some((p) => baseOf(p) === 'default_pipeline.star'))) {
    const marker = pipeline.files.find((p) => baseOf(p) === 'default_pipeline.star')!;
    const project = dirOf(marker);
    const layout = { kind: 'relion-project' as const, directory: project, marker };
    for (const member of filesetsUnder(all, pipeline.root, project)) {
      const inside = project === '.' ? member.directory : member.directory.slice(project.length + 1);
      const job = member.directory === project ? undefined : inside.split('/')[0];
      const facts: Facts = member.facts.processing ? {} : { processing: { value: job ? { tool: 'RELION', kind: job } : { tool: 'RELION' }, provenance: 'layout', source: marker } };
      out.push({ filesetId: member.id, layout, facts, evidence: member === pipeline ? [] : [{ source: 'layout', detail: `Inside the RELION project of ${marker}${job ? `, job folder ${job}` : ''}.`, weight: 0.6 }] });
    }
  }
  out.push(...postProcessMaps(all));
  return out;
};

/**
 * A RELION PostProcess STAR (data_general with _rlnFinalResolution, then data_fsc: the FSC curves of the
 * post-processed map) is written beside the maps it describes: PostProcess writes postprocess.mrc,
 * postprocess_masked.mrc and postprocess.star into its job folder (RELION docs, "Post-processing"; SPA tutorial
 * PostProcess/job012/). It is paired with the volumes of its folder, so it goes where they go (EMDB takes FSC
 * curves with the map). Inside or outside a project: the record's content says what it is.
 */
function postProcessMaps(all: readonly LayoutFileset[]): LayoutFinding[] {
  const out: LayoutFinding[] = [];
  for (const star of all.filter((f) => f.format === 'relion-star' && f.facts.processing?.provenance === 'header' && f.facts.processing.value.kind === 'postprocess')) {
    const marker = star.files[0]!;
    const maps = all.filter((f) => f.root === star.root && f.directory === star.directory && f.kind === 'image' && f.facts.arrangement?.value === 'volume');
    for (const map of maps) {
      const layout = { kind: 'described-by' as const, directory: map.directory, marker };
      out.push({ filesetId: map.id, layout, evidence: [{ source: 'layout', detail: `${marker} holds the FSC curves of the post-processed map in this folder (RELION PostProcess).`, weight: 0.5 }] });
      out.push({ filesetId: star.id, layout, evidence: [{ source: 'layout', detail: `The FSC curves of ${map.pattern}, the RELION PostProcess map beside it.`, weight: 0.5 }] });
    }
  }
  return out;
}

/** Space Ranger: `outs/spatial/scalefactors_json.json` marks a Visium output folder (docs/formats.md §15). */
export const spaceRangerOuts: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const scale of all.filter((f) => f.format === 'visium-scalefactors')) {
    const spatialDir = scale.directory;
    const outs = baseOf(spatialDir) === 'spatial' ? dirOf(spatialDir) : spatialDir;
    const layout = { kind: 'spaceranger-outs' as const, directory: outs, marker: scale.files[0]! };
    for (const member of filesetsUnder(all, scale.root, outs)) {
      const image = member.kind === 'image' && within(member.directory, spatialDir);
      const summary = runSummary(member, outs);
      if (summary) {
        // The run's QC summaries describe the sequencing library and its counting, not the tissue images: no
        // layout reference, so they follow the count matrices of their folder (shared/policy/follow.ts).
        const facts: Facts = member.facts.processing ? {} : { processing: { value: { tool: 'Space Ranger', kind: SPACE_RANGER_SUMMARY }, provenance: 'layout', source: scale.files[0]! } };
        out.push({ filesetId: member.id, facts, evidence: [{ source: 'layout', detail: `${summary}: the run summary Space Ranger writes in ${outs}.`, weight: 0.6 }] });
        continue;
      }
      const facts: Facts = image && !member.facts.spatial ? { spatial: { value: { platform: 'Visium', role: 'tissue image' }, provenance: 'layout', source: scale.files[0]! } } : {};
      out.push({ filesetId: member.id, layout, facts, evidence: member === scale ? [] : [{ source: 'layout', detail: `Part of the Space Ranger output folder ${outs}.`, weight: 0.6 }] });
    }
    // `spaceranger count --id=<id>` writes <id>/outs/; the microscope image given to --image/--cytaimage is
    // kept beside it in the run folder: an image there (outside outs/) is most likely the run's tissue image.
    const run = baseOf(outs) === 'outs' ? parentDir(outs) : undefined;
    if (run === undefined) continue;
    for (const member of filesetsUnder(all, scale.root, run).filter((f) => f.kind === 'image' && !within(f.directory, outs) && depthBelow(f.directory, run) <= 1)) {
      out.push({ filesetId: member.id, layout, evidence: [{ source: 'layout', detail: `Beside the Space Ranger output folder ${outs}, in its run folder ${run}.`, weight: 0.4 }] });
    }
  }
  return out;
};

/** The processing kind of Space Ranger's run summaries. */
export const SPACE_RANGER_SUMMARY = 'run summary';

/** Space Ranger's run summaries in outs/ (10x Genomics Space Ranger "Outputs": metrics_summary.csv, web_summary.html). */
const SPACE_RANGER_SUMMARIES: ReadonlySet<string> = new Set(['metrics_summary.csv', 'web_summary.html']);

/** The name of a Space Ranger run summary this fileset is (one file directly in outs/), if it is one. */
function runSummary(f: LayoutFileset, outs: string): string | undefined {
  const name = f.files.length === 1 && f.directory === outs ? baseOf(f.files[0]!) : undefined;
  return name !== undefined && SPACE_RANGER_SUMMARIES.has(name) && f.kind !== 'image' ? name : undefined;
}

/** How many folders `dir` lies below `ancestor` (0 when they are the same). */
function depthBelow(dir: string, ancestor: string): number {
  const rest = ancestor === '.' ? dir : dir.slice(ancestor.length);
  return dir === ancestor ? 0 : rest.split('/').filter(Boolean).length;
}

/** Index files of high-content screening systems; the images below them are the plate's (docs/formats.md §14). */
const HCS_INDEXES: ReadonlySet<FormatId> = new Set<FormatId>(['opera-index', 'columbus-index', 'yokogawa-mlf', 'yokogawa-mrf', 'cellvoyager', 'metaxpress-htd', 'incell-xdce']);

/** What an image an HCS system writes beside the plate's images is, when it is not a screen image. */
export const PLATE_SUPPORT_KINDS = ['thumbnail', 'shading-correction'] as const;

/** A kind of plate support image. */
export type PlateSupportKind = (typeof PLATE_SUPPORT_KINDS)[number];

/** Images an HCS system writes beside the screen images, by the index that marks the plate and their names. */
const PLATE_SUPPORT: readonly { readonly indexes: ReadonlySet<FormatId>; readonly kind: PlateSupportKind; readonly tool: string; readonly name: RegExp; readonly says: string }[] = [
  // MetaXpress writes a reduced preview of each site beside it, `<plate>_<well>_s<site>_w<n>_thumb<GUID>.tif`;
  // Bio-Formats MetaxpressTiffReader (HTD plates) leaves paths containing "_thumb" out of each well's files (getTiffFiles).
  {
    indexes: new Set<FormatId>(['metaxpress-htd']),
    kind: 'thumbnail',
    tool: 'MetaXpress',
    name: /_thumb(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\.tiff?$/i,
    says: 'a MetaXpress _thumb preview of a site image',
  },
  // CellVoyager: MeasurementDetail.mrf names each channel's flat-field reference in bts:ShadingCorrectionSource
  // (Bio-Formats CV7000Reader `correctionFile`), "SC_<filter>_<objective>_…_CH<nn>.tif" in the real CV7000
  // .mrf (test/fixtures/real/hcs/yokogawa_cv7000): calibration images, not wells.
  {
    indexes: new Set<FormatId>(['yokogawa-mrf', 'yokogawa-mlf', 'cellvoyager']),
    kind: 'shading-correction',
    tool: 'CellVoyager',
    // Measurement images are `<title>_<well>_T<t>F<field>L<l>A<a>Z<z>C<ch>.tif` (the real .mlf's records), so a
    // title that itself starts "SC_" does not make the wells calibration images.
    name: /^SC_(?![^/]*_[A-Z]{1,2}\d{2}_T\d{4}F\d{3}L\d{2}A\d{2}Z\d{2}C\d{2}\.tiff?$)[^/]*\.tiff?$/i,
    says: 'a CellVoyager shading-correction source image (the flat-field reference the .mrf names per channel)',
  },
];

/** The plate support image rule every file of an image fileset answers to, for a plate marked by this index. */
function plateSupport(index: FormatId, images: LayoutFileset): (typeof PLATE_SUPPORT)[number] | undefined {
  return PLATE_SUPPORT.find((r) => r.indexes.has(index) && images.files.length > 0 && images.files.every((p) => r.name.test(baseOf(p))));
}

/** HCS: an index file marks a plate folder; its image files get the plate's facts (its support images say what they are). */
export const hcsPlates: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  const seen = new Set<string>();
  for (const index of all.filter((f) => HCS_INDEXES.has(f.format))) {
    const marker = index.files[0]!;
    const layout = { kind: 'hcs-plate' as const, directory: index.directory, marker };
    out.push({ filesetId: index.id, layout, evidence: [] });
    for (const images of filesetsUnder(all, index.root, index.directory).filter((f) => f.kind === 'image')) {
      if (seen.has(images.id)) continue;
      seen.add(images.id);
      const support = plateSupport(index.format, images);
      if (support) {
        const facts: Facts = images.facts.processing ? {} : { processing: { value: { tool: support.tool, kind: support.kind }, provenance: 'layout', source: marker } };
        out.push({ filesetId: images.id, layout, facts, evidence: [{ source: 'layout', detail: `Named as ${support.says}, in the plate indexed by ${marker}.`, weight: 0.7 }] });
        continue;
      }
      const borrowed = borrowFacts(index.facts, ACQUISITION_FACTS, images.facts, marker, 'layout');
      const plate: Facts = images.facts.arrangement || borrowed.facts.arrangement ? {} : { arrangement: { value: 'plate', provenance: 'layout', source: marker } };
      out.push({ filesetId: images.id, layout, facts: { ...borrowed.facts, ...plate }, evidence: [{ source: 'layout', detail: `Images of the plate indexed by ${marker}.`, weight: 0.8 }, ...borrowed.evidence] });
    }
  }
  return out;
};

/** Zarr (and N5): a store collapsed into one fileset (main/scan/grouper.ts) says so. */
export const zarrStores: LayoutReader = (all) =>
  all
    .filter((f) => (f.format === 'zarr' || f.format === 'ome-zarr' || f.format === 'n5') && f.pattern.endsWith('/'))
    .map((f) => {
      const store = inFolder(f.directory, f.pattern.slice(0, -1));
      const marker = f.files.find((p) => dirOf(p) === store) ?? f.files[0]!;
      return { filesetId: f.id, layout: { kind: 'zarr-store' as const, directory: store, marker }, evidence: [{ source: 'layout' as const, detail: `One ${f.format === 'n5' ? 'N5 container' : 'Zarr store'} of ${f.files.length} files, read from its root metadata.`, weight: 0.6 }] };
    });
