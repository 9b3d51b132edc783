import type { StudyMetadataInput } from '../../../shared/deposit/metadata';
import { orcidProblem } from '../../../shared/deposit/identifiers';
import { updateMetadata, useMetadataStore } from '../store/metadata-store';
import { NO_ITEMS, CheckField, ProblemList, TextField, fieldId, useFieldProblems } from './MetadataFields';

type AuthorInput = NonNullable<StudyMetadataInput['authors']>[number];
type OrganisationInput = NonNullable<StudyMetadataInput['organisations']>[number];

/** Moves item `i` of a list by `by` places. */
export function move<T>(list: readonly T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(i, 1);
  out.splice(j, 0, item as T);
  return out;
}

function setAuthors(edit: (authors: AuthorInput[]) => AuthorInput[]): void {
  updateMetadata((m) => ({ ...m, authors: edit([...(m.authors ?? [])]) }));
}

/** The affiliations of one author: a tick per organisation of the document, in the author's order (the first is the main one). */
function Affiliations({ index, author, organisations }: { readonly index: number; readonly author: AuthorInput; readonly organisations: readonly OrganisationInput[] }) {
  const field = `authors[${index}].affiliations`;
  const problems = useFieldProblems(field);
  const id = fieldId(field);
  const chosen = author.affiliations ?? [];
  const toggle = (orgId: string, on: boolean) =>
    setAuthors((list) => list.map((a, k) => (k === index ? { ...a, affiliations: on ? [...chosen.filter((c) => c !== orgId), orgId] : chosen.filter((c) => c !== orgId) } : a)));
  return (
    <fieldset className="field field--group" aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}>
      <legend className="field__label">Affiliations</legend>
      {organisations.length === 0 && <p className="field__hint">Add the organisations below first; then tick the ones this author belongs to.</p>}
      {organisations.map((o, k) => {
        const orgId = typeof o.id === 'string' ? o.id : '';
        const boxId = `${id}-${k}`;
        const position = chosen.indexOf(orgId);
        return (
          <div key={`${orgId}-${k}`} className="field--check">
            <input id={boxId} type="checkbox" checked={position >= 0} disabled={orgId === ''} onChange={(e) => toggle(orgId, e.target.checked)} />
            <label htmlFor={boxId}>
              {o.name || `Organisation ${k + 1} (no name yet)`}
              {position === 0 && chosen.length > 1 && <span className="muted"> — main affiliation</span>}
            </label>
          </div>
        );
      })}
      {chosen.length > 1 && <p className="field__hint">The first one ticked is the main affiliation; untick and tick again to change the order.</p>}
      <ProblemList id={`${id}-problems`} problems={problems} />
    </fieldset>
  );
}

/** One author's card: names, ORCID iD (checked as typed), e-mail, affiliations, roles, and its place in the list. */
function AuthorCard({ index, count, author, organisations }: { readonly index: number; readonly count: number; readonly author: AuthorInput; readonly organisations: readonly OrganisationInput[] }) {
  const name = [author.givenName, author.familyName].filter((x) => x && x.trim() !== '').join(' ') || `Author ${index + 1}`;
  const orcid = typeof author.orcid === 'string' ? author.orcid : '';
  // The check digit is checked here, as each character is typed, by the same pure function main uses.
  const orcidNow = orcid.trim() !== '' ? orcidProblem(orcid) : null;
  return (
    <li className="author">
      <fieldset className="author__fieldset">
        <legend className="author__legend">
          {index + 1}. {name}
        </legend>
        <div className="form-grid">
          <TextField path={['authors', index, 'givenName']} label="Given name" required autoComplete="off" />
          <TextField path={['authors', index, 'familyName']} label="Family name" required autoComplete="off" />
          <TextField path={['authors', index, 'orcid']} label="ORCID iD" hint="16 digits, e.g. 0000-0002-1825-0097" instant={orcidNow ? [orcidNow] : []} />
          <TextField path={['authors', index, 'email']} label="E-mail" type="email" />
        </div>
        <Affiliations index={index} author={author} organisations={organisations} />
        <div className="author__roles">
          <CheckField path={['authors', index, 'corresponding']} label="Corresponding author" />
          <CheckField path={['authors', index, 'principalInvestigator']} label="Principal investigator" />
        </div>
        <div className="author__actions">
          <button type="button" className="button button--small" disabled={index === 0} onClick={() => setAuthors((l) => move(l, index, -1))} aria-label={`Move ${name} up`}>
            Move up
          </button>
          <button type="button" className="button button--small" disabled={index === count - 1} onClick={() => setAuthors((l) => move(l, index, 1))} aria-label={`Move ${name} down`}>
            Move down
          </button>
          <button type="button" className="button button--small prepare__remove" onClick={() => setAuthors((l) => l.filter((_, k) => k !== index))} aria-label={`Remove ${name}`}>
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}

/** The author list, in the order of the paper: add, remove, reorder. */
export function AuthorsEditor() {
  const authors = useMetadataStore((s) => s.metadata.authors ?? NO_ITEMS);
  const organisations = useMetadataStore((s) => s.metadata.organisations ?? NO_ITEMS);
  const problems = useFieldProblems('authors');
  return (
    <section className="form-section" aria-labelledby="mdh-authors">
      <h3 id="mdh-authors">Authors</h3>
      <ProblemList id={fieldId('authors')} problems={problems} />
      <ol className="authors">
        {authors.map((a, i) => (
          <AuthorCard key={i} index={i} count={authors.length} author={a} organisations={organisations} />
        ))}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => setAuthors((l) => [...l, { givenName: '', familyName: '', affiliations: [], corresponding: l.length === 0, principalInvestigator: l.length === 0 }])}
      >
        Add author
      </button>
    </section>
  );
}
