import type { StudyMetadata } from '../../deposit/metadata';
import { normaliseOrcid, orcidProblem } from '../../deposit/identifiers';
import type { BundleFileset } from '../bundler';
import { fbbiTermFor } from './fbbi';
import { uploadFolderOf, type BiaFileList } from './file-list';
import type { RembiSection } from './rembi';
import type { StudyComponent } from './study-components';

/**
 * The submission RO-Crate (`ro-crate-metadata.json`) of a BIA bundle. No published "BIA submission profile"
 * document was found; the crate follows RO-Crate 1.1 (https://w3id.org/ro/crate/1.1: a metadata descriptor
 * `ro-crate-metadata.json` with `conformsTo` and `about`, a root Dataset `./`, a flat `@graph` of entities
 * cross-referenced by `@id`) and the types and terms of the crates BIA's own ingest reads
 * (BioImage-Archive/bia-integrator `ro-crate-ingest/local-data/EMPIAR-IMAGEPATTERNTEST/ro-crate-metadata.json`
 * at commit b37983c330cfc4862609c2fb8c570a4f2a0bafa0: `bia:Study`, `bia:Dataset`, `bia:FileList` + `csvw:Table`,
 * `bia:BioSample`, `bia:Taxon`, `bia:SpecimenImagingPreparationProtocol`, `bia:ImageAcquisitionProtocol` with
 * `fbbiId`, and the `associated…` links of a dataset). docs/deposit.md §3 says the same.
 *
 * The crate describes the upload area: each scan root is uploaded as a folder (a `Dataset` whose `@id` is the
 * folder name with `/`), the file lists beside them under `file-lists/`; study components are contextual
 * Datasets (`#component-…`) because a component's files may lie in several root folders.
 */

/** The RO-Crate 1.1 context and the BIA terms this crate uses, mapped as BIA's ingest crates map them. */
export const BIA_RO_CRATE_CONTEXT = [
  'https://w3id.org/ro/crate/1.1/context',
  {
    bia: 'http://bia/',
    csvw: 'http://www.w3.org/ns/csvw#',
    obo: 'http://purl.obolibrary.org/obo/',
    associatedBiologicalEntity: { '@id': 'bia:associatedBiologicalEntity' },
    associatedSpecimenImagingPreparationProtocol: { '@id': 'bia:associatedImagingPreparationProtocol' },
    associatedImageAcquisitionProtocol: { '@id': 'bia:associatedImageAcquisitionProtocol' },
    associatedAnnotationMethod: { '@id': 'bia:associatedAnnotationMethod' },
    associatedImageAnalysisMethod: { '@id': 'bia:associatedAnalysisMethod' },
    associatedImageCorrelationMethod: { '@id': 'bia:associatedCorrelationMethod' },
    associationFileMetadata: { '@id': 'bia:associationFileMetadata' },
    biologicalEntityDescription: { '@id': 'bia:biologicalEntityDescription' },
    organismClassification: { '@id': 'bia:organismClassification' },
    scientificName: { '@id': 'bia:scientificName' },
    protocolDescription: { '@id': 'schema:description' },
    growthProtocol: { '@id': 'bia:growthProtocol' },
    imagingInstrumentDescription: { '@id': 'bia:imagingInstrumentDescription' },
    imagingMethodName: { '@id': 'bia:imagingMethodName' },
    fbbiId: { '@id': 'bia:fbbiId' },
    transformationDescription: { '@id': 'bia:transformationDescription' },
    fiducialsUsed: { '@id': 'bia:fiducialsUsed' },
    transformationMatrix: { '@id': 'bia:transformationMatrix' },
    methodType: { '@id': 'bia:annotationMethodType' },
    tableSchema: { '@id': 'csvw:tableSchema' },
    column: { '@id': 'csvw:column' },
    columnName: { '@id': 'csvw:name' },
  },
] as const;

/** A JSON-LD reference to another entity of the graph. */
export interface Ref {
  readonly '@id': string;
}

/** One entity of the flat graph. */
export type CrateEntity = { readonly '@id': string; readonly '@type': string | readonly string[] } & Readonly<Record<string, unknown>>;

/** The crate document. */
export interface RoCrate {
  readonly '@context': typeof BIA_RO_CRATE_CONTEXT;
  readonly '@graph': readonly CrateEntity[];
}

/** The Creative Commons legal code of each licence the BIA offers (docs/bia.md §2.2: the `URL` qualifier of `License`). */
export const LICENCE_URLS = { CC0: 'https://creativecommons.org/publicdomain/zero/1.0/', 'CC BY 4.0': 'https://creativecommons.org/licenses/by/4.0/' } as const;

/** NCBI Taxonomy term IRI (OBO PURL of NCBITaxon, the ontology docs/bia.md §2.2 names). */
function taxonIri(id: number): string {
  return `http://purl.obolibrary.org/obo/NCBITaxon_${id}`;
}

/** EMPIAR entry page of an accession (docs/empiar.md §8 gives the accession form). */
function empiarUrl(acc: string): string {
  return `https://www.ebi.ac.uk/empiar/${acc}/`;
}

function value(s: RembiSection, name: string): string | undefined {
  return s.fields.find((f) => f.name === name)?.value ?? undefined;
}

const ref = (id: string): Ref => ({ '@id': id });

/** Inputs of the crate. */
export interface RoCrateInput<F extends BundleFileset = BundleFileset> {
  readonly components: readonly StudyComponent<F>[];
  readonly fileLists: readonly BiaFileList[];
  readonly metadata: StudyMetadata;
  readonly sections: readonly RembiSection[];
  /** Bundle path of the file lists (`file-lists/`), so the crate's `@id`s name the files as uploaded. */
  readonly fileListFolder: string;
}

/** Builds the submission crate. */
export function buildRoCrate<F extends BundleFileset>(input: RoCrateInput<F>): RoCrate {
  const m = input.metadata;
  const graph: CrateEntity[] = [];
  const add = (e: CrateEntity) => {
    if (!graph.some((g) => g['@id'] === e['@id'])) graph.push(e);
  };
  const rootParts: Ref[] = [];

  // Upload folders: one per scan root holding files of the bundle.
  const folders = [...new Set(input.components.flatMap((c) => [...c.data, ...c.followers, ...c.correlation, ...c.annotations].map((f) => uploadFolderOf(f.root))))];
  for (const folder of folders) {
    add({ '@id': `${encodeURI(folder)}/`, '@type': 'Dataset', name: folder, description: 'A scanned folder, uploaded as it is.' });
    rootParts.push(ref(`${encodeURI(folder)}/`));
  }

  // People and organisations.
  const authorRefs: Ref[] = [];
  m.authors.forEach((a, i) => {
    const orcid = a.orcid && orcidProblem(a.orcid) === null ? normaliseOrcid(a.orcid) : null;
    const id = orcid ? `https://orcid.org/${orcid}` : `#author-${i + 1}`;
    const affiliations = a.affiliations.filter((o) => m.organisations.some((org) => org.id === o)).map((o) => ref(`#org-${o}`));
    add({ '@id': id, '@type': ['Person', 'bia:Contributor'], name: `${a.givenName} ${a.familyName}`, ...(a.email ? { email: a.email } : {}), ...(affiliations.length > 0 ? { affiliation: affiliations } : {}) });
    authorRefs.push(ref(id));
  });
  for (const o of m.organisations) {
    const address = [o.address, o.city, o.postcode, o.country].filter(Boolean).join(', ');
    add({ '@id': `#org-${o.id}`, '@type': 'Organization', name: o.name, ...(address ? { address } : {}), ...(o.ror ? { identifier: o.ror.startsWith('http') ? o.ror : `https://ror.org/${o.ror}` } : {}) });
  }

  // Biosample, taxa and specimen (one each: docs/bia.md §2.2; the user adds more in the form).
  const biosample = input.sections.find((s) => s.module === 'biosample');
  const specimen = input.sections.find((s) => s.module === 'specimen');
  for (const o of m.organisms) add({ '@id': taxonIri(o.ncbiTaxonId), '@type': 'bia:Taxon', scientificName: o.scientificName, name: o.scientificName });
  if (biosample) {
    add({
      '@id': '#biosample-1',
      '@type': 'bia:BioSample',
      name: biosample.title,
      ...(value(biosample, 'Biological entity') ? { biologicalEntityDescription: value(biosample, 'Biological entity') } : {}),
      organismClassification: m.organisms.map((o) => ref(taxonIri(o.ncbiTaxonId))),
    });
  }
  if (specimen) {
    add({
      '@id': '#specimen-1',
      '@type': 'bia:SpecimenImagingPreparationProtocol',
      name: specimen.title,
      ...(value(specimen, 'Sample preparation protocol') ? { protocolDescription: value(specimen, 'Sample preparation protocol') } : {}),
      ...(value(specimen, 'Growth protocol') ? { growthProtocol: value(specimen, 'Growth protocol') } : {}),
    });
  }

  // Per study component: its protocols, its file lists (File + csvw:Table with their columns) and the Dataset associating them.
  for (const c of input.components) {
    const sec = (module: RembiSection['module']) => input.sections.find((s) => s.componentId === c.id && s.module === module);
    const acq = sec('image-acquisition');
    const term = fbbiTermFor(c.modality, c.data.flatMap((f) => (f.facts.imagingMode ? [f.facts.imagingMode.value] : [])));
    const acqId = `#acquisition-${c.id}`;
    add({
      '@id': acqId,
      '@type': 'bia:ImageAcquisitionProtocol',
      name: acq?.title ?? c.label,
      ...(acq && value(acq, 'Image acquisition parameters') ? { protocolDescription: value(acq, 'Image acquisition parameters') } : {}),
      ...(acq && value(acq, 'Imaging instrument') ? { imagingInstrumentDescription: value(acq, 'Imaging instrument') } : {}),
      ...(term ? { imagingMethodName: [term.name], fbbiId: [`obo:${term.termId}`] } : {}),
    });
    const component: Record<string, unknown> = {
      '@id': `#component-${c.id}`,
      '@type': ['Dataset', 'bia:Dataset'],
      name: c.label,
      associatedBiologicalEntity: biosample ? [ref('#biosample-1')] : [],
      associatedSpecimenImagingPreparationProtocol: specimen ? [ref('#specimen-1')] : [],
      associatedImageAcquisitionProtocol: [ref(acqId)],
    };
    const cor = sec('image-correlation');
    if (cor) {
      const id = `#correlation-${c.id}`;
      add({
        '@id': id,
        '@type': 'bia:ImageCorrelationMethod',
        name: cor.title,
        ...(value(cor, 'Spatial and temporal alignment') ? { transformationDescription: value(cor, 'Spatial and temporal alignment') } : {}),
        ...(value(cor, 'Fiducials used') ? { fiducialsUsed: value(cor, 'Fiducials used') } : {}),
        ...(value(cor, 'Transformation matrix') ? { transformationMatrix: value(cor, 'Transformation matrix') } : {}),
      });
      component['associatedImageCorrelationMethod'] = [ref(id)];
    }
    const an = sec('image-analysis');
    if (an) {
      const id = `#analysis-${c.id}`;
      add({ '@id': id, '@type': 'bia:ImageAnalysisMethod', name: an.title, ...(value(an, 'Image analysis overview') ? { protocolDescription: value(an, 'Image analysis overview') } : {}) });
      component['associatedImageAnalysisMethod'] = [ref(id)];
    }
    const ann = sec('annotation');
    if (ann) {
      const id = `#annotation-${c.id}`;
      add({ '@id': id, '@type': 'bia:AnnotationMethod', name: ann.title, ...(value(ann, 'Annotation Type') ? { methodType: value(ann, 'Annotation Type') } : {}) });
      component['associatedAnnotationMethod'] = [ref(id)];
    }
    const lists = input.fileLists.filter((l) => l.componentId === c.id);
    const listRefs: Ref[] = [];
    for (const l of lists) {
      const id = `${input.fileListFolder}${l.name}`;
      const schemaId = `#schema-${l.name}`;
      const columns = l.header.map((h, i) => {
        const colId = `#column-${l.name}-${i}`;
        add({ '@id': colId, '@type': 'csvw:Column', columnName: h });
        return ref(colId);
      });
      add({ '@id': schemaId, '@type': 'csvw:Schema', column: columns });
      add({ '@id': id, '@type': ['File', 'bia:FileList', 'csvw:Table'], name: l.name, encodingFormat: 'text/tab-separated-values', tableSchema: ref(schemaId), description: `${l.kind === 'annotation' ? 'Annotation file list' : 'File list'} of ${c.label}: ${l.rows.length} file${l.rows.length === 1 ? '' : 's'}.` });
      listRefs.push(ref(id));
      rootParts.push(ref(id));
    }
    component['hasPart'] = listRefs;
    if (listRefs[0]) component['associationFileMetadata'] = listRefs[0];
    add(component as CrateEntity);
  }

  // Links (docs/bia.md §5.2: the EMPIAR entry of a correlative study).
  const mentions: Ref[] = [];
  if (m.accessions.empiar) {
    add({ '@id': empiarUrl(m.accessions.empiar), '@type': 'Dataset', name: `EMPIAR entry ${m.accessions.empiar}`, identifier: m.accessions.empiar });
    mentions.push(ref(empiarUrl(m.accessions.empiar)));
  }

  const licence = m.licence ? LICENCE_URLS[m.licence] : undefined;
  if (licence) add({ '@id': licence, '@type': 'CreativeWork', name: m.licence === 'CC0' ? 'CC0 1.0 Universal' : 'Creative Commons Attribution 4.0 International' });
  const root: CrateEntity = {
    '@id': './',
    '@type': ['Dataset', 'bia:Study'],
    ...(m.title ? { name: m.title } : {}),
    ...(m.description ? { description: m.description } : {}),
    ...(m.release?.policy === 'hold' ? { datePublished: m.release.until } : {}),
    ...(licence ? { license: ref(licence) } : {}),
    ...(m.keywords.length > 0 ? { keywords: m.keywords.join(', ') } : {}),
    ...(authorRefs.length > 0 ? { author: authorRefs } : {}),
    ...(m.accessions.bia ? { identifier: m.accessions.bia } : {}),
    ...(mentions.length > 0 ? { mentions } : {}),
    hasPart: [...rootParts, ...input.components.map((c) => ref(`#component-${c.id}`))],
  };
  const descriptor: CrateEntity = { '@id': 'ro-crate-metadata.json', '@type': 'CreativeWork', conformsTo: ref('https://w3id.org/ro/crate/1.1'), about: ref('./') };
  return { '@context': BIA_RO_CRATE_CONTEXT, '@graph': [descriptor, root, ...graph] };
}
