import type { ChecklistItem } from '../../model/bundle';
import type { Author, StudyMetadata } from '../../deposit/metadata';
import type { MetadataProblem } from '../../deposit/metadata-problem';
import type { BundleContext } from '../bundler';
import { EXPERIMENT_TYPE_LABELS, RELEASE_CODES, type ReleaseCode } from './codes';
import type { EmpiarBuild } from './build-deposition';
import { describeImageSet } from './image-set';

/** What each release code means (docs/empiar.md §2.1). */
const RELEASE_LABELS: Readonly<Record<ReleaseCode, string>> = {
  RE: 'released once EMPIAR has processed it',
  EP: 'released with the related EMDB entry',
  HP: 'released when the primary citation is published',
  HO: 'held for one year after deposition',
};

function blocking(problems: readonly MetadataProblem[], test: (field: string) => boolean): MetadataProblem[] {
  return problems.filter((p) => p.blocks.includes('EMPIAR') && test(p.field));
}

function messages(list: readonly { readonly message: string }[]): string {
  return list.map((p) => p.message).join(' ');
}

/** Fields of one author and of their first organisation, as the metadata check names them. */
function personFields(meta: StudyMetadata, index: number): (field: string) => boolean {
  const author = meta.authors[index]!;
  const org = meta.organisations.findIndex((o) => o.id === author.affiliations[0]);
  return (field) => field.startsWith(`authors[${index}].`) || field === `authors[${index}]` || (org >= 0 && field.startsWith(`organisations[${org}].`));
}

function personLine(a: Author, meta: StudyMetadata): string {
  const org = meta.organisations.find((o) => o.id === a.affiliations[0]);
  return `${a.givenName} ${a.familyName}${org ? `, ${org.name}${org.country ? ` (${org.country})` : ''}` : ''}${a.email ? `, ${a.email}` : ''}`;
}

/** Decimal byte units, as archives and disks state sizes. */
const BYTE_UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

function size(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toPrecision(3)} ${BYTE_UNITS[unit]}`;
}

/**
 * The EMPIAR bundle's ordered checklist (docs/empiar.md §1–§7): each item cites the section or policy clause
 * behind it, is ticked with its evidence when the data or metadata satisfy it, and blocks where EMPIAR would
 * refuse the deposition. Ids are stable; image-set items carry their fileset's id.
 */
export function empiarChecklist(ctx: BundleContext, build: EmpiarBuild): ChecklistItem[] {
  const meta = ctx.metadata;
  const items: ChecklistItem[] = [];
  const { experiment, problems } = build;

  items.push({
    id: 'empiar-experiment-type',
    text: 'Experiment type of the EMPIAR entry',
    rule: 'docs/empiar.md §2.2',
    done: experiment.type !== null,
    evidence: experiment.reason,
    blocking: true,
  });

  if (experiment.type === 3) {
    const emdb = build.deposition.cross_references ?? [];
    const wrong = blocking(problems, (f) => f.startsWith('accessions.emdb'));
    const gap = build.gaps.filter((g) => g.field === 'accessions.emdb');
    items.push({
      id: 'empiar-emdb-accession',
      text: 'Link the EMDB entries these raw data produced (EMD-####)',
      rule: 'docs/empiar.md §7',
      done: emdb.length > 0 && wrong.length === 0,
      evidence: wrong.length > 0 || gap.length > 0 ? messages([...wrong, ...gap]) : `Cross-references ${emdb.map((r) => r.name).join(', ')}.`,
      blocking: true,
    });
  }

  const title = blocking(problems, (f) => f === 'title');
  items.push({
    id: 'empiar-title',
    text: 'Entry title (10–255 characters)',
    rule: 'docs/empiar.md §1.1',
    done: meta.title !== '' && title.length === 0,
    evidence: title.length > 0 ? messages(title) : meta.title !== '' ? `"${meta.title}"` : 'No title entered.',
    blocking: true,
  });

  const ci = meta.authors.findIndex((a) => a.corresponding);
  const ciProblems = ci >= 0 ? blocking(problems, personFields(meta, ci)) : [];
  items.push({
    id: 'empiar-corresponding-author',
    text: 'Corresponding author with e-mail, organisation and country',
    rule: 'docs/empiar.md §1.3',
    done: ci >= 0 && ciProblems.length === 0,
    evidence: ciProblems.length > 0 ? messages(ciProblems) : ci >= 0 ? personLine(meta.authors[ci]!, meta) : 'No author is marked as the corresponding author.',
    blocking: true,
  });

  const pis = meta.authors.flatMap((a, i) => (a.principalInvestigator ? [i] : []));
  const piProblems = pis.length > 0 ? pis.flatMap((i) => blocking(problems, personFields(meta, i))) : [];
  items.push({
    id: 'empiar-principal-investigator',
    text: 'At least one principal investigator with e-mail, organisation and country',
    rule: 'docs/empiar.md §1.3',
    done: pis.length > 0 && piProblems.length === 0,
    evidence: piProblems.length > 0 ? messages([...new Set(piProblems)]) : pis.length > 0 ? pis.map((i) => personLine(meta.authors[i]!, meta)).join('; ') : 'No author is marked as principal investigator.',
    blocking: true,
  });

  const nameGaps = build.gaps.filter((g) => g.field.startsWith('authors['));
  const authorProblems = blocking(problems, (f) => f === 'authors' || /^authors\[\d+\]\.(givenName|familyName|orcid)$/.test(f));
  items.push({
    id: 'empiar-authors',
    text: "Authors as EMPIAR writes them, ('Surname', 'Initials'), with ORCID iDs where known",
    rule: 'docs/empiar.md §1.2',
    done: meta.authors.length > 0 && authorProblems.length === 0 && nameGaps.length === 0,
    evidence: authorProblems.length + nameGaps.length > 0 ? messages([...authorProblems, ...nameGaps]) : meta.authors.length > 0 ? (build.deposition.authors ?? []).map((a) => a.name).join(', ') : 'No authors entered.',
    blocking: true,
  });

  const pubProblems = blocking(problems, (f) => f.startsWith('publication'));
  items.push({
    id: 'empiar-citation',
    text: 'Citation of the related publication (published or not)',
    rule: 'docs/empiar.md §1.5',
    done: meta.publication !== undefined && pubProblems.length === 0,
    evidence: pubProblems.length > 0 ? messages(pubProblems) : meta.publication ? `"${meta.publication.title}" (${meta.publication.status})` : 'No related publication entered.',
    blocking: true,
  });

  items.push({
    id: 'empiar-licence-cc0',
    text: 'Data released under CC0, the only licence EMPIAR uses',
    rule: 'docs/empiar.md §7',
    done: meta.licence === 'CC0',
    evidence: meta.licence === 'CC0' ? 'Licence CC0.' : meta.licence ? `The metadata says ${meta.licence}; EMPIAR releases all its data under CC0.` : 'No licence chosen: EMPIAR releases all data under CC0; choose CC0 to confirm.',
    blocking: meta.licence !== undefined && meta.licence !== 'CC0',
  });

  const code = build.deposition.release_date as ReleaseCode | undefined;
  const releaseProblems = blocking(problems, (f) => f.startsWith('release'));
  items.push({
    id: 'empiar-release',
    text: 'Release code (RE, EP, HP or HO)',
    rule: 'docs/empiar.md §2.1',
    done: code !== undefined && RELEASE_CODES.includes(code) && releaseProblems.length === 0,
    evidence: releaseProblems.length > 0 ? messages(releaseProblems) : code ? `${code}: ${RELEASE_LABELS[code]} (release policy "${meta.release?.policy}").` : 'No release policy entered.',
    blocking: true,
  });

  items.push({
    id: 'empiar-scale',
    text: 'Scale of the imaged object (molecule, virus, cell, tissue, organism)',
    rule: 'docs/empiar.md §2.3',
    done: meta.scale !== undefined,
    evidence: meta.scale ? `${meta.scale} (scale "${build.deposition.scale}")` : 'Optional: not entered.',
    blocking: false,
  });

  build.imageSets.forEach((d, i) => {
    const f = build.data[i]!;
    const blockingGaps = d.gaps.filter((g) => g.blocking);
    const set = d.set;
    const facts = [
      describeImageSet(d, f),
      set.pixel_width !== undefined ? `pixel ${set.pixel_width} × ${set.pixel_height} Å` : null,
      set.image_width !== undefined ? `${set.image_width} × ${set.image_height} px` : null,
      set.frames_per_image !== undefined ? `${set.frames_per_image} frame(s) per image` : null,
      `${set.num_images_or_tilt_series} image(s)`,
    ].filter((x): x is string => x !== null);
    items.push({
      id: `empiar-imageset:${f.id}`,
      text: `Image set ${set.directory ?? f.directory}: category, formats, voxel type, pixel size and dimensions`,
      rule: 'docs/empiar.md §5.1',
      done: d.gaps.length === 0 && d.confirm.length === 0,
      evidence: [...d.gaps.map((g) => g.message), ...d.confirm, `${facts.join('; ')}.`].join(' '),
      blocking: blockingGaps.length > 0,
    });
  });

  items.push({
    id: 'empiar-deposition-file',
    text: "empiar-deposition.json validates against EMPIAR's schema",
    rule: 'docs/empiar.md §1',
    done: build.final,
    evidence: build.final
      ? `Valid against empiar-depositor 1.6b30's schema: ${build.imageSets.length} image set(s), experiment type ${experiment.type} (${EXPERIMENT_TYPE_LABELS[experiment.type!]}).`
      : `Only a draft so far: ${build.problems.filter((p) => p.blocks.includes('EMPIAR')).length + build.gaps.filter((g) => g.blocking).length} blocking item(s) and ${build.schemaErrors.length} schema error(s), listed in MISSING.md.`,
    blocking: true,
  });

  if (ctx.study.correlative) {
    const bia = build.deposition.biostudies_references ?? [];
    items.push({
      id: 'empiar-bia-cross-link',
      text: 'Cross-link the BioImage Archive study holding the light microscopy and correlation data (S-BIAD…)',
      rule: 'policy-3-separate-deposits',
      done: bia.length > 0,
      evidence: bia.length > 0 ? `BioStudies reference ${bia.map((r) => r.name).join(', ')}.` : 'No BioImage Archive accession yet: add it when the BIA issues it, and redeposit with empiar-depositor -r ENTRY_ID ENTRY_DIR.',
      blocking: false,
    });
  }

  const files = ctx.members.reduce((n, f) => n + f.fileCount, 0);
  const bytes = ctx.members.reduce((n, f) => n + f.bytes, 0);
  items.push({
    id: 'empiar-upload',
    text: 'Upload the data with empiar-depositor (Aspera ascp -k3 or Globus, both resume): see TRANSFER.md',
    rule: 'docs/empiar.md §6.2',
    done: false,
    evidence: `${files} file(s), ${size(bytes)}, from ${new Set(ctx.members.map((f) => `${f.root}\u0000${f.directory}`)).size} folder(s).`,
    blocking: false,
  });
  items.push({
    id: 'empiar-thumbnail',
    text: 'Entry thumbnail, at least 400 × 400 pixels (PNG preferred; without one the EMDB image is used)',
    rule: 'docs/empiar.md §5.2',
    done: false,
    evidence: null,
    blocking: false,
  });
  items.push({
    id: 'empiar-submit-12-months',
    text: 'Submit the entry within 12 months of creating it, or it is abandoned and its data deleted',
    rule: 'docs/empiar.md §7',
    done: false,
    evidence: null,
    blocking: false,
  });
  return items;
}
