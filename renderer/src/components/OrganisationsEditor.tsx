import type { StudyMetadataInput } from '../../../shared/deposit/metadata';
import { ISO_COUNTRIES } from '../../../shared/deposit/countries';
import { updateMetadata, useMetadataStore } from '../store/metadata-store';
import { move } from './AuthorsEditor';
import { NO_ITEMS, ProblemList, SelectField, TextField, fieldId, useFieldProblems } from './MetadataFields';

/** The country choices: ISO 3166-1 codes with their English names, sorted by name (shared/deposit/countries.ts). */
const COUNTRY_OPTIONS: readonly (readonly [string, string])[] = Object.entries(ISO_COUNTRIES)
  .sort((a, b) => a[1].localeCompare(b[1], 'en'))
  .map(([code, name]) => [code, `${name} (${code})`] as const);

/** An id for a new organisation that no other one has; people name organisations by it in their affiliations. */
function newOrganisationId(existing: readonly { readonly id?: unknown }[]): string {
  const taken = new Set(existing.map((o) => o.id));
  for (let n = existing.length + 1; ; n++) if (!taken.has(`org-${n}`)) return `org-${n}`;
}

/** Removes organisation `index` and every affiliation naming it. */
function removeOrganisation(m: StudyMetadataInput, index: number): StudyMetadataInput {
  const orgs = m.organisations ?? [];
  const gone = orgs[index]?.id;
  return {
    ...m,
    organisations: orgs.filter((_, k) => k !== index),
    authors: (m.authors ?? []).map((a) => ({ ...a, affiliations: (a.affiliations ?? []).filter((id) => id !== gone) })),
  };
}

/** The organisations people are affiliated with: name, address and country (an ISO code; EMPIAR needs it for its people). */
export function OrganisationsEditor() {
  const organisations = useMetadataStore((s) => s.metadata.organisations ?? NO_ITEMS);
  const problems = useFieldProblems('organisations');
  return (
    <section className="form-section" aria-labelledby="mdh-organisations">
      <h3 id="mdh-organisations">Organisations</h3>
      <ProblemList id={fieldId('organisations')} problems={problems} />
      <ol className="authors">
        {organisations.map((o, i) => {
          const name = o.name || `Organisation ${i + 1}`;
          return (
            <li key={i} className="author">
              <fieldset className="author__fieldset">
                <legend className="author__legend">
                  {i + 1}. {name}
                </legend>
                <div className="form-grid">
                  <TextField path={['organisations', i, 'name']} label="Name" required className="form-grid__wide" />
                  <TextField path={['organisations', i, 'address']} label="Street address" className="form-grid__wide" />
                  <TextField path={['organisations', i, 'city']} label="City" />
                  <TextField path={['organisations', i, 'postcode']} label="Postcode" />
                  <SelectField path={['organisations', i, 'country']} label="Country" options={COUNTRY_OPTIONS} emptyLabel="— choose a country —" />
                  <TextField path={['organisations', i, 'ror']} label="ROR id" hint="e.g. https://ror.org/02catss52" />
                </div>
                <div className="author__actions">
                  <button type="button" className="button button--small" disabled={i === 0} onClick={() => updateMetadata((m) => ({ ...m, organisations: move(m.organisations ?? [], i, -1) }))} aria-label={`Move ${name} up`}>
                    Move up
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={i === organisations.length - 1}
                    onClick={() => updateMetadata((m) => ({ ...m, organisations: move(m.organisations ?? [], i, 1) }))}
                    aria-label={`Move ${name} down`}
                  >
                    Move down
                  </button>
                  <button type="button" className="button button--small prepare__remove" onClick={() => updateMetadata((m) => removeOrganisation(m, i))} aria-label={`Remove ${name}`}>
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" onClick={() => updateMetadata((m) => ({ ...m, organisations: [...(m.organisations ?? []), { id: newOrganisationId(m.organisations ?? []), name: '' }] }))}>
        Add organisation
      </button>
    </section>
  );
}
