/**
 * The EMPIAR deposition JSON as the upstream schema declares it (docs/empiar.md §1), for the fields the
 * product writes. Optional fields are left out rather than written as `null` when unknown: the schema
 * types some of them (`town_or_city`, `post_or_zip`) as plain strings, where `null` fails.
 */

/** An author name (docs/empiar.md §1.2): `name` is the tuple string `('Surname', 'INITIALS')`. */
export interface EmpiarAuthorName {
  readonly name: string;
  readonly order_id: number;
  readonly author_orcid?: string;
}

/** A person: the corresponding author or a principal investigator (docs/empiar.md §1.3). */
export interface EmpiarPerson {
  readonly first_name?: string;
  readonly last_name?: string;
  readonly organization?: string;
  readonly email?: string;
  readonly country?: string;
  readonly street?: string;
  readonly town_or_city?: string;
  readonly post_or_zip?: string;
  readonly author_orcid?: string;
}

/** An image set (docs/empiar.md §1.4); every field optional in a draft, the schema's required ones filled in a final file. */
export interface EmpiarImageSet {
  readonly name?: string;
  readonly directory?: string;
  readonly category?: string;
  readonly header_format?: string;
  readonly data_format?: string;
  readonly num_images_or_tilt_series?: number;
  readonly frames_per_image?: number;
  readonly frame_range_min?: number;
  readonly frame_range_max?: number;
  readonly voxel_type?: string;
  readonly pixel_width?: number;
  readonly pixel_height?: number;
  readonly image_width?: number;
  readonly image_height?: number;
  readonly details?: string;
}

/** A citation (docs/empiar.md §1.5). */
export interface EmpiarCitation {
  readonly authors: readonly EmpiarAuthorName[];
  readonly published: boolean;
  readonly j_or_nj_citation: boolean;
  readonly title?: string;
  readonly journal?: string;
  readonly volume?: string;
  readonly issue?: string;
  readonly first_page?: string;
  readonly last_page?: string;
  readonly year?: number;
  readonly doi?: string;
  readonly pubmedid?: string;
}

/** A `{name}` reference to another archive's entry. */
export interface EmpiarReference {
  readonly name: string;
}

/** The deposition document (docs/empiar.md §1.1); a draft may lack required fields, a final file never does. */
export interface EmpiarDeposition {
  readonly title?: string;
  readonly release_date?: string;
  readonly experiment_type?: number;
  readonly scale?: string;
  readonly cross_references?: readonly EmpiarReference[];
  readonly biostudies_references?: readonly EmpiarReference[];
  readonly authors?: readonly EmpiarAuthorName[];
  readonly corresponding_author?: EmpiarPerson;
  readonly principal_investigator?: readonly EmpiarPerson[];
  readonly imagesets?: readonly EmpiarImageSet[];
  readonly citation?: readonly EmpiarCitation[];
}

/**
 * Something the deposition lacks or has wrong that the study (not the metadata document) says: an image-set
 * field the files do not give, an experiment type that needs an EMDB accession. `field` is the JSON path in
 * the deposition (`imagesets[0].voxel_type`) or the metadata field to fill (`accessions.emdb`).
 */
export interface DepositionGap {
  readonly field: string;
  readonly message: string;
  /** EMPIAR would refuse the deposition (or the schema the file) without it. */
  readonly blocking: boolean;
}
