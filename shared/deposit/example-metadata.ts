import type { StudyMetadata } from './metadata';

/**
 * A complete study metadata document that every archive's checks accept (`deposit-assistant metadata
 * --example`; docs/deposit.md §1.1): a correlative light and electron microscopy study of HeLa cells. The
 * people, organisation, facility and funder are fictional; the ORCID iD 0000-0002-1825-0097 is ORCID's
 * public example iD (its fictional holder is Josiah Carberry), and 9606 is the NCBI Taxonomy id of Homo
 * sapiens. Every field is written out, defaults included, so the document is both what a person would write
 * and what the schema yields from it.
 */
export const EXAMPLE_METADATA: StudyMetadata = {
  title: 'Correlative light and volume electron microscopy of mitochondria in HeLa cells',
  description:
    'Live-cell confocal images of HeLa cells expressing a mitochondrial marker, followed by serial block-face ' +
    'scanning electron microscopy of the same cells, with the landmarks and transforms that register the two.',
  keywords: ['correlative light and electron microscopy', 'mitochondria', 'HeLa', 'serial block-face SEM'],
  authors: [
    {
      givenName: 'Josiah',
      familyName: 'Carberry',
      orcid: '0000-0002-1825-0097',
      email: 'josiah.carberry@example.org',
      affiliations: ['example-university'],
      corresponding: true,
      principalInvestigator: true,
    },
    {
      givenName: 'Ada',
      familyName: 'Example',
      email: 'ada.example@example.org',
      affiliations: ['example-university', 'example-institute'],
      corresponding: false,
      principalInvestigator: false,
    },
  ],
  organisations: [
    {
      id: 'example-university',
      name: 'Example University',
      address: '1 Example Road',
      city: 'Exampleton',
      postcode: 'EX1 2AB',
      country: 'GB',
    },
    {
      id: 'example-institute',
      name: 'Example Institute of Cell Biology',
      city: 'Beispielstadt',
      country: 'DE',
    },
  ],
  licence: 'CC0',
  release: { policy: 'on-publication' },
  publication: {
    title: 'Mitochondrial contacts in HeLa cells seen by correlative microscopy',
    status: 'in-preparation',
  },
  funding: [{ agency: 'Example Research Council', grantId: 'ERC-EX-0001' }],
  organisms: [{ scientificName: 'Homo sapiens', ncbiTaxonId: 9606 }],
  biosample: {
    biologicalEntity: 'HeLa cells',
    description: 'HeLa cells transiently expressing a mitochondrially targeted GFP.',
  },
  specimen: {
    preparation:
      'Cells grown on gridded sapphire discs were imaged live by confocal microscopy, high-pressure frozen, ' +
      'freeze-substituted with osmium tetroxide and uranyl acetate, and embedded in Epon resin.',
    growthProtocol: 'DMEM with 10% fetal bovine serum at 37 °C and 5% CO2.',
  },
  scale: 'cell',
  facility: {
    name: 'Example Imaging Facility',
    acknowledgement: 'We thank the Example Imaging Facility for access to its confocal and serial block-face SEM instruments.',
  },
  accessions: { emdb: [], omics: [] },
};
