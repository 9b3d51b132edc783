import type { Facts } from '../formats/facts';
import type { LayoutFinding, LayoutReader } from './types';
import { ACQUISITION_FACTS, borrowFacts } from './sidecar-facts';
import { baseOf, dirOf, filesetsUnder, within } from './paths';

/** EPU: `EpuSession.dm` marks a session folder; per-image XML in a folder describes the movies beside it (reference/formats.md §7). */
export const epuSessions: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const session of all.filter((f) => f.format === 'epu-session')) {
    const marker = session.files[0]!;
    const layout = { kind: 'epu-session' as const, directory: session.directory, marker };
    for (const member of filesetsUnder(all, session.root, session.directory)) {
      out.push({ filesetId: member.id, layout, evidence: member === session ? [] : [{ source: 'layout', detail: `Inside the EPU session of ${marker}.`, weight: 0.5 }] });
    }
  }
  // Per-image XML lends acquisition facts to the image data of its own folder, session file or not.
  for (const xml of all.filter((f) => f.format === 'epu-xml')) {
    for (const data of all.filter((f) => f.root === xml.root && f.directory === xml.directory && f.kind === 'image')) {
      const borrowed = borrowFacts(xml.facts, ACQUISITION_FACTS, data.facts, xml.files[0]!);
      const movie: Facts = /fractions/i.test(data.pattern) && !data.facts.arrangement && !borrowed.facts.arrangement ? { arrangement: { value: 'movie', provenance: 'layout' } } : {};
      out.push({
        filesetId: data.id,
        facts: { ...borrowed.facts, ...movie },
        evidence: [
          ...borrowed.evidence,
          ...(Object.keys(movie).length > 0 ? [{ source: 'name' as const, detail: 'EPU names dose-fractionated movies *_Fractions.', weight: 0.6 }] : []),
        ],
      });
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
  return out;
};

/** Space Ranger: `outs/spatial/scalefactors_json.json` marks a Visium output folder (reference/formats.md §15). */
export const spaceRangerOuts: LayoutReader = (all) => {
  const out: LayoutFinding[] = [];
  for (const scale of all.filter((f) => f.format === 'visium-scalefactors')) {
    const spatialDir = scale.directory;
    const outs = baseOf(spatialDir) === 'spatial' ? dirOf(spatialDir) : spatialDir;
    const layout = { kind: 'spaceranger-outs' as const, directory: outs, marker: scale.files[0]! };
    for (const member of filesetsUnder(all, scale.root, outs)) {
      const image = member.kind === 'image' && within(member.directory, spatialDir);
      const facts: Facts = image && !member.facts.spatial ? { spatial: { value: { platform: 'Visium', role: 'tissue image' }, provenance: 'layout', source: scale.files[0]! } } : {};
      out.push({ filesetId: member.id, layout, facts, evidence: member === scale ? [] : [{ source: 'layout', detail: `Part of the Space Ranger output folder ${outs}.`, weight: 0.6 }] });
    }
  }
  return out;
};

/** Index files of high-content screening systems; the images below them are the plate's (reference/formats.md §14). */
const HCS_INDEXES = new Set(['opera-index', 'columbus-index', 'yokogawa-mlf', 'yokogawa-mrf', 'cellvoyager', 'metaxpress-htd', 'incell-xdce']);

/** HCS: an index file marks a plate folder; its image files get the plate's facts. */
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
      const borrowed = borrowFacts(index.facts, ACQUISITION_FACTS, images.facts, marker, 'layout');
      const plate: Facts = images.facts.arrangement || borrowed.facts.arrangement ? {} : { arrangement: { value: 'plate', provenance: 'layout', source: marker } };
      out.push({ filesetId: images.id, layout, facts: { ...borrowed.facts, ...plate }, evidence: [{ source: 'layout', detail: `Images of the plate indexed by ${marker}.`, weight: 0.8 }, ...borrowed.evidence] });
    }
  }
  return out;
};

/** Zarr: a store collapsed into one fileset (main/scan/grouper.ts) says so. */
export const zarrStores: LayoutReader = (all) =>
  all
    .filter((f) => (f.format === 'zarr' || f.format === 'ome-zarr') && f.pattern.endsWith('/'))
    .map((f) => {
      const store = f.directory === '.' ? f.pattern.slice(0, -1) : `${f.directory}/${f.pattern.slice(0, -1)}`;
      const marker = f.files.find((p) => dirOf(p) === store) ?? f.files[0]!;
      return { filesetId: f.id, layout: { kind: 'zarr-store' as const, directory: store, marker }, evidence: [{ source: 'layout' as const, detail: `One Zarr store of ${f.files.length} files, read from its root metadata.`, weight: 0.6 }] };
    });
