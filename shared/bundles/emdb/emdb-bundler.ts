import { ACCESSION_PATTERNS } from '../../deposit/identifiers';
import type { BundleFile, ChecklistItem } from '../../model/bundle';
import { modalityInfo } from '../../modality/modalities';
import type { BundleContext, BundleFileset, Bundler, RenderContext } from '../bundler';
import { EMDB_ROLES, emdbFiles, type EmdbFile, type EmdbRole } from './map-roles';

/** Modality groups whose raw images lie behind EMDB maps and tomograms, in EMPIAR (docs/empiar.md §7). */
const RAW_GROUPS: ReadonlySet<string> = new Set(['cryo-em', 'cryo-et', 'microed']);

const ROLE_LABELS: Readonly<Record<EmdbRole, string>> = {
  map: 'map (primary or additional)',
  'half-map': 'half map',
  mask: 'mask',
  fsc: 'FSC curve',
  image: 'image of the map',
  tomogram: 'tomogram',
  other: 'other',
};

function filesOf(files: readonly EmdbFile[], role: EmdbRole): EmdbFile[] {
  return files.filter((f) => f.role === role);
}

function countOf(files: readonly EmdbFile[]): number {
  return files.reduce((n, f) => n + f.count, 0);
}

/** A short list of paths for evidence: the first few, then how many more. */
function listed(files: readonly EmdbFile[], max = 4): string {
  const shown = files.slice(0, max).map((f) => f.path);
  return files.length > max ? `${shown.join(', ')} and ${files.length - max} more` : shown.join(', ');
}

/** The study's EMPIAR filesets that hold raw cryo-EM/ET/MicroED images: the raw data behind the maps. */
function rawDataFilesets(filesets: readonly BundleFileset[]): BundleFileset[] {
  return filesets.filter((f) => f.destination === 'EMPIAR' && RAW_GROUPS.has(modalityInfo(f.modality).group));
}

function validAccessions(list: readonly string[], pattern: RegExp): string[] {
  return list.map((a) => a.trim()).filter((a) => pattern.test(a));
}

/**
 * The EMDB bundle (docs/deposit.md §5): the maps and tomograms the policy routes to EMDB (`empiar-maps-to-emdb`,
 * note 2's tomograms), a OneDep checklist ticked from the files found — primary map, half maps, mask, FSC
 * curve, the image of the map, the tomograms — and the link to the EMPIAR entry of their raw data.
 */
export const emdbBundler: Bundler = {
  checklist(ctx: BundleContext): ChecklistItem[] {
    const files = emdbFiles(ctx.members);
    const maps = filesOf(files, 'map');
    const halves = filesOf(files, 'half-map');
    const masks = filesOf(files, 'mask');
    const fsc = filesOf(files, 'fsc');
    const images = filesOf(files, 'image');
    const tomograms = filesOf(files, 'tomogram');
    const hasMaps = maps.length + halves.length + masks.length > 0;
    const items: ChecklistItem[] = [];
    items.push({
      id: 'emdb-onedep',
      text: 'Deposit through the wwPDB OneDep system (https://deposit.wwpdb.org): each map or tomogram is its own EMDB entry, and OneDep asks for its sample, imaging and processing details.',
      rule: 'docs/deposit.md §5.1',
      done: false,
      evidence: null,
      blocking: false,
    });
    if (hasMaps) {
      const primary = countOf(maps);
      items.push({
        id: 'emdb-primary-map',
        text: 'Upload the primary map (MRC/CCP4, gzip or bzip2 allowed) with its voxel size and recommended contour level; further maps (sharpened, other B-factors) go as additional maps.',
        rule: 'docs/deposit.md §5.1',
        done: primary > 0,
        evidence: primary === 0 ? 'No map other than half maps and masks was found.' : primary === 1 ? `Found: ${listed(maps)}.` : `${primary} candidate maps found (${listed(maps)}): choose the primary one, upload the others as additional maps.`,
        blocking: true,
      });
      const halfCount = countOf(halves);
      items.push({
        id: 'emdb-half-maps',
        text: 'Upload the two half maps used for the FSC, unfiltered, unmasked and unsharpened, as the refinement wrote them (mandatory for single-particle, subtomogram-averaging and helical maps).',
        rule: 'docs/deposit.md §5.1',
        done: halfCount >= 2,
        evidence: halfCount === 0 ? 'No half map was found among the files routed to EMDB.' : `${halfCount === 1 ? 'Only one half map' : `${halfCount} half maps`} found: ${listed(halves)}.`,
        blocking: true,
      });
      items.push({
        id: 'emdb-mask',
        text: 'Upload the mask used for the FSC calculation (optional).',
        rule: 'docs/deposit.md §5.1',
        done: masks.length > 0,
        evidence: masks.length > 0 ? `Found: ${listed(masks)}.` : null,
        blocking: false,
      });
      items.push({
        id: 'emdb-fsc',
        text: 'Upload the FSC curve from the half maps that supports the stated resolution (encouraged; OneDep takes it as XML, as the common reconstruction packages write it).',
        rule: 'docs/deposit.md §5.1',
        done: fsc.length > 0,
        evidence: fsc.length > 0 ? `Found: ${listed(fsc)}${fsc.some((f) => !f.path.toLowerCase().endsWith('.xml')) ? ' (not XML: export the curve as XML for OneDep)' : ''}.` : null,
        blocking: false,
      });
    }
    if (tomograms.length > 0) {
      const t = ctx.study.tomograms;
      const rule = t.rule === 'representatives-to-emdb' ? 'note-2-tomograms-representative' : 'note-2-tomograms-few';
      const why = t.rule === 'representatives-to-emdb' ? `${t.representatives.length} representative tomograms of ${t.count} (${t.representatives.some((r) => r.chosenBy === 'user') ? 'chosen by you' : 'spread evenly; set others to EMDB to choose yourself'})` : `all ${t.count} tomograms (a small number)`;
      items.push({
        id: 'emdb-tomograms',
        text: 'Deposit each tomogram routed to EMDB as its own entry (policy note 2).',
        rule,
        done: true,
        evidence: `${countOf(tomograms)} tomogram files go to EMDB: ${why}.`,
        blocking: false,
      });
    }
    items.push({
      id: 'emdb-map-image',
      text: 'Upload an image of each map’s density, 500 × 500 pixels (.png, .jpg).',
      rule: 'docs/deposit.md §5.1',
      done: images.length > 0,
      evidence: images.length > 0 ? `Found: ${listed(images)}.` : 'No image of the map was found: make one in your map viewer.',
      blocking: true,
    });
    const emdb = validAccessions(ctx.metadata.accessions.emdb, ACCESSION_PATTERNS.EMDB);
    items.push({
      id: 'emdb-accession',
      text: 'Enter the EMD accessions OneDep issues in the study metadata (`accessions.emdb`): the EMPIAR entry and the data-availability statement cite them.',
      rule: 'docs/empiar.md §7',
      done: emdb.length > 0,
      evidence: emdb.length > 0 ? `Entered: ${emdb.join(', ')}.` : null,
      blocking: false,
    });
    const raw = rawDataFilesets(ctx.filesets);
    const empiar = validAccessions(ctx.metadata.accessions.empiar ? [ctx.metadata.accessions.empiar] : [], ACCESSION_PATTERNS.EMPIAR);
    items.push({
      id: 'emdb-empiar-link',
      text:
        raw.length > 0
          ? 'Deposit the raw images behind these maps in EMPIAR (experiment type 3) with the EMD accessions as cross-references and release code EP, so they are released with the EMDB entry; tell EMDB the EMPIAR accession.'
          : 'The raw images behind these maps were not among the scanned folders: EMPIAR expects them (experiment type 3, cross-referenced to the EMD accessions).',
      rule: 'docs/deposit.md §5.3',
      done: empiar.length > 0 && emdb.length > 0,
      evidence: empiar.length > 0 ? `EMPIAR accession entered: ${empiar[0]}.` : raw.length > 0 ? `${raw.length} EMPIAR filesets hold the raw data.` : null,
      blocking: false,
    });
    return items;
  },

  render(ctx: RenderContext): BundleFile[] {
    const items = emdbBundler.checklist(ctx);
    const files = emdbFiles(ctx.members);
    const rootLabel = (root: string) => `root ${ctx.roots.indexOf(root) + 1}`;
    const md: string[] = ['# EMDB deposition (OneDep)', ''];
    md.push(`${files.length} files of ${ctx.members.length} filesets go to EMDB. Deposit at https://deposit.wwpdb.org; the checklist follows EMDB's deposition guide (docs/deposit.md §5 in Deposit Assistant).`, '');
    md.push('## Checklist', '');
    for (const i of items) md.push(`- [${i.done ? 'x' : ' '}] ${i.text}${i.blocking ? ' **(required)**' : ''}${i.evidence ? `\n  - ${i.evidence}` : ''}`);
    md.push('');
    md.push('## Files by role', '');
    for (const role of EMDB_ROLES) {
      const of = filesOf(files, role);
      if (of.length === 0) continue;
      md.push(`### ${ROLE_LABELS[role]}`, '');
      for (const f of of) md.push(`- ${ctx.roots.length > 1 ? `${rootLabel(f.root)}: ` : ''}${f.path}${f.count > 1 ? ` (${f.count} files)` : ''}`);
      md.push('');
    }
    const raw = rawDataFilesets(ctx.filesets);
    md.push('## Raw data in EMPIAR', '');
    if (raw.length === 0) md.push('No raw images of these maps were in the scanned folders.', '');
    else {
      md.push('These filesets of the study go to EMPIAR as the raw data behind the maps; cite the EMD accessions in the EMPIAR deposition (`cross_references`) and use release code EP (release with the EMDB entry):', '');
      for (const f of raw) md.push(`- ${ctx.roots.length > 1 ? `${rootLabel(f.root)}: ` : ''}${f.directory === '.' ? f.pattern : `${f.directory}/${f.pattern}`} (${f.fileCount} files)`);
      md.push('');
    }
    const tsv = ['root\tpath\trole\tfileset', ...files.map((f) => [f.root, f.path, f.role, f.filesetId].join('\t'))].join('\n') + '\n';
    return [
      { path: 'onedep-checklist.md', content: md.join('\n') },
      { path: 'emdb-files.tsv', content: tsv },
    ];
  },
};
