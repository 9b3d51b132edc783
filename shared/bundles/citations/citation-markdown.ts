import { formatReference } from './archive-references';
import { TO_BE_FILLED } from './data-availability';
import type { StudyCitations } from './study-citations';

/**
 * `CITATION.md`: the text to paste into the paper — the data-availability statement, a methods paragraph per
 * modality, the facility acknowledgement and the archives' references — with what is still to be filled.
 */
export function citationMarkdown(c: StudyCitations): string {
  const out: string[] = ['# Citing the data of this study', ''];
  out.push('## Data availability', '');
  out.push(c.availability.text || 'No data of this study go to an archive yet.', '');
  const open = c.availability.sentences.filter((s) => s.placeholder).map((s) => s.archive);
  if (open.length > 0) out.push(`Placeholders marked ${TO_BE_FILLED} (${open.join(', ')}): enter the accessions in the study metadata once the archives issue them, and export again.`, '');
  for (const p of c.availability.problems) out.push(`- Not used: \`${p.field}\`: ${p.message}`);
  if (c.availability.problems.length > 0) out.push('');
  out.push('## Methods', '');
  if (c.methods.length === 0) out.push('No imaging data of this study go to an archive.', '');
  for (const m of c.methods) out.push(m.text, '');
  out.push('These paragraphs state only what was read from the files; add sample preparation and processing yourself.', '');
  out.push('## Acknowledgement', '');
  out.push(c.acknowledgement ?? `No imaging facility is named in the study metadata (\`facility\`) ${TO_BE_FILLED}.`, '');
  out.push('## References for the archives', '');
  if (c.references.length === 0) out.push('None.', '');
  c.references.forEach((r, i) => out.push(`${i + 1}. ${formatReference(r)}`));
  out.push('', 'The same references are in `citation.bib` (BibTeX) and `citation.ris` (RIS). Cite each dataset by its accession as well.', '');
  return out.join('\n');
}
