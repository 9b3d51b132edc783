import type { StudyFindings } from '../policy/types';
import { formatCount } from '../text/units';

/** Representative tomograms named one by one before the rest are counted. */
const REPRESENTATIVES_NAMED = 5;

/** The study-level findings as sentences for people (the CLI's "Study" section and the app's summary). */
export function describeStudy(s: StudyFindings): string[] {
  const lines: string[] = [];
  if (s.correlative) {
    lines.push(
      s.correlativeSplit
        ? 'Correlative study with a 3D EM/X-ray component: the EM/X-ray data go to EMPIAR, the light microscopy and the correlation information to the BioImage Archive (policy note 3).'
        : 'Correlative study whose EM part is 2D: light and electron microscopy both go to the BioImage Archive.',
    );
    if (!s.correlationInformation) lines.push('No registration, transform or landmark file was found: if you have the correlation information, add it; it goes to the BioImage Archive (policy note 3.3).');
  }
  const t = s.tomograms;
  if (t.rule === 'all-to-emdb') lines.push(`${formatCount(t.count)} tomogram${t.count === 1 ? '' : 's'}, at most ${s.options.tomogramsFew} (a "small number"): all go to EMDB (policy note 2).`);
  if (t.rule === 'representatives-to-emdb') {
    const named = t.representatives.slice(0, REPRESENTATIVES_NAMED).map((r) => `${r.file}${r.chosenBy === 'user' ? ' (your choice)' : ''}`);
    const more = t.representatives.length > REPRESENTATIVES_NAMED ? ` and ${formatCount(t.representatives.length - REPRESENTATIVES_NAMED)} more` : '';
    lines.push(
      `${formatCount(t.count)} tomograms, more than ${s.options.tomogramsFew}: ${formatCount(t.representatives.length)} representative${t.representatives.length === 1 ? '' : 's'} go to EMDB (${named.join(', ')}${more}), the rest to EMPIAR (policy note 2).`,
    );
  }
  if (s.patientData) lines.push('Patient-associated medical imaging was found: it cannot be deposited at EBI and is left out of every bundle.');
  for (const o of s.overrides) lines.push(`Your override ${o.target} → ${[o.destination, o.modality].filter(Boolean).join(', ')}: ${o.note}`);
  return lines;
}
