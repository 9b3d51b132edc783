import { OMICS_ARCHIVES } from '../../model/destination';
import type { StudyMetadata } from '../../deposit/metadata';
import type { BundleFileset } from '../bundler';
import type { CitedArchive } from './archive-references';

/** The order archives are named in citation text: the imaging archives as the bundles come, then the omics ones. */
export const CITED_ARCHIVE_ORDER: readonly CitedArchive[] = ['EMPIAR', 'BIA', 'EMDB', ...OMICS_ARCHIVES];

/**
 * The archives a study deposits in: those its filesets are routed to (an omics fileset by its named archive),
 * and those the metadata already holds an accession of. NONE and REVIEW are no archive.
 */
export function archivesInStudy(filesets: readonly Pick<BundleFileset, 'destination' | 'omicsArchive'>[], metadata?: StudyMetadata): CitedArchive[] {
  const used = new Set<CitedArchive>();
  for (const f of filesets) {
    if (f.destination === 'EMPIAR' || f.destination === 'BIA' || f.destination === 'EMDB') used.add(f.destination);
    else if (f.destination === 'OMICS' && f.omicsArchive) used.add(f.omicsArchive);
  }
  const acc = metadata?.accessions;
  if (acc?.empiar) used.add('EMPIAR');
  if (acc?.bia) used.add('BIA');
  if (acc && acc.emdb.length > 0) used.add('EMDB');
  for (const o of acc?.omics ?? []) if ((OMICS_ARCHIVES as readonly string[]).includes(o.archive)) used.add(o.archive as CitedArchive);
  return CITED_ARCHIVE_ORDER.filter((a) => used.has(a));
}
