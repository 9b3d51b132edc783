import { LICENCES, PUBLICATION_STATUSES, SCALES, type StudyMetadataInput } from '../../../shared/deposit/metadata';
import { updateMetadata, useMetadataStore } from '../store/metadata-store';
import { AuthorsEditor } from './AuthorsEditor';
import { OrganisationsEditor } from './OrganisationsEditor';
import { NO_ITEMS, LinesField, NumberField, ProblemList, SelectField, TextField, fieldId, getIn, setIn, useFieldProblems, type DocPath } from './MetadataFields';

/** How the publication statuses read. */
const STATUS_LABELS: Readonly<Record<(typeof PUBLICATION_STATUSES)[number], string>> = {
  'in-preparation': 'In preparation',
  submitted: 'Submitted',
  preprint: 'Preprint',
  'in-press': 'In press',
  published: 'Published',
};

/** How the scales read (EMPIAR's `scale`, docs/empiar.md §2.3). */
const SCALE_LABELS: Readonly<Record<(typeof SCALES)[number], string>> = { molecule: 'Molecule', virus: 'Virus', cell: 'Cell', tissue: 'Tissue', organism: 'Organism' };

/** Sets a field of an optional object (publication, facility) and drops the object once nothing the user typed is left in it. */
function setInOptional(m: StudyMetadataInput, path: DocPath, value: unknown, keep: (obj: Record<string, unknown>) => boolean): StudyMetadataInput {
  const next = setIn(m, path, value);
  const top = path[0] as keyof StudyMetadataInput;
  const obj = getIn(next, [top]);
  if (obj && typeof obj === 'object' && !keep(obj as Record<string, unknown>)) return setIn(next, [top], undefined);
  return next;
}

/** A publication field: typing into an empty publication starts one "in preparation"; clearing all of it removes it. */
function setPublication(key: string, value: unknown): void {
  updateMetadata((m) => {
    const base = m.publication ? m : setIn(m, ['publication', 'status'], 'in-preparation');
    return setInOptional(base, ['publication', key], value, (p) => Object.keys(p).some((k) => k !== 'status'));
  });
}

function setFacility(key: string, value: unknown): void {
  updateMetadata((m) => setInOptional(m, ['facility', key], value, (f) => Object.keys(f).length > 0));
}

/** A list of small records (funding, organisms) with add and remove. */
function RecordList({
  listKey,
  title,
  itemLabel,
  fields,
  blank,
}: {
  readonly listKey: 'funding' | 'organisms';
  readonly title: string;
  readonly itemLabel: string;
  readonly fields: readonly { readonly key: string; readonly label: string; readonly numeric?: boolean; readonly hint?: string }[];
  readonly blank: Record<string, unknown>;
}) {
  const list = useMetadataStore((s) => (s.metadata[listKey] ?? NO_ITEMS) as readonly unknown[]);
  const problems = useFieldProblems(listKey);
  return (
    <section className="form-section" aria-labelledby={`mdh-${listKey}`}>
      <h3 id={`mdh-${listKey}`}>{title}</h3>
      <ProblemList id={fieldId(listKey)} problems={problems} />
      {list.map((_, i) => (
        <div key={i} className="record">
          <div className="form-grid">
            {fields.map((f) =>
              f.numeric ? (
                <NumberField key={f.key} path={[listKey, i, f.key]} label={`${itemLabel} ${i + 1}: ${f.label}`} hint={f.hint} />
              ) : (
                <TextField key={f.key} path={[listKey, i, f.key]} label={`${itemLabel} ${i + 1}: ${f.label}`} hint={f.hint} />
              ),
            )}
          </div>
          <button type="button" className="button button--small prepare__remove" onClick={() => updateMetadata((m) => ({ ...m, [listKey]: ((m[listKey] ?? []) as unknown[]).filter((__, k) => k !== i) }))}>
            Remove {itemLabel.toLowerCase()} {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button" onClick={() => updateMetadata((m) => ({ ...m, [listKey]: [...((m[listKey] ?? []) as unknown[]), { ...blank }] }))}>
        Add {itemLabel.toLowerCase()}
      </button>
    </section>
  );
}

/** The licence and release choices, as radio groups. */
function RightsSection() {
  const licence = useMetadataStore((s) => s.metadata.licence);
  const release = useMetadataStore((s) => s.metadata.release);
  const licenceProblems = useFieldProblems('licence');
  const releaseProblems = useFieldProblems('release');
  const policy = release?.policy;
  const setRelease = (p: 'immediate' | 'on-publication' | 'hold') =>
    updateMetadata((m) => ({ ...m, release: p === 'hold' ? { policy: 'hold', until: m.release?.policy === 'hold' ? m.release.until : '' } : { policy: p } }));
  return (
    <section className="form-section" aria-labelledby="mdh-rights">
      <h3 id="mdh-rights">Licence and release</h3>
      <fieldset className="field field--group" aria-describedby={licenceProblems.length > 0 ? `${fieldId('licence')}-problems` : undefined}>
        <legend className="field__label">Licence</legend>
        {LICENCES.map((l) => (
          <div key={l} className="field--check">
            <input id={`md-licence-${l.replace(/\W+/g, '-')}`} type="radio" name="md-licence" checked={licence === l} onChange={() => updateMetadata((m) => ({ ...m, licence: l }))} />
            <label htmlFor={`md-licence-${l.replace(/\W+/g, '-')}`}>{l === 'CC0' ? 'CC0 (public domain; all EMPIAR data are CC0)' : 'CC BY 4.0 (attribution)'}</label>
          </div>
        ))}
        <ProblemList id={`${fieldId('licence')}-problems`} problems={licenceProblems} />
      </fieldset>
      <fieldset className="field field--group" aria-describedby={releaseProblems.length > 0 ? `${fieldId('release')}-problems` : undefined}>
        <legend className="field__label">Release</legend>
        {(
          [
            ['immediate', 'As soon as the archive has processed it'],
            ['on-publication', 'When the paper is published'],
            ['hold', 'Hold until a date'],
          ] as const
        ).map(([p, label]) => (
          <div key={p} className="field--check">
            <input id={`md-release-${p}`} type="radio" name="md-release" checked={policy === p} onChange={() => setRelease(p)} />
            <label htmlFor={`md-release-${p}`}>{label}</label>
          </div>
        ))}
        {policy === 'hold' && <TextField path={['release', 'until']} label="Hold until" type="date" onValue={(v) => updateMetadata((m) => ({ ...m, release: { policy: 'hold', until: v } }))} />}
        <ProblemList id={`${fieldId('release')}-problems`} problems={releaseProblems} />
      </fieldset>
    </section>
  );
}

/** The study-metadata form: every field of the document (shared/deposit/metadata.ts), each with main's problems beside it. */
export function MetadataForm() {
  return (
    <form className="metadata-form" aria-label="Study metadata" onSubmit={(e) => e.preventDefault()} noValidate>
      <section className="form-section" aria-labelledby="mdh-study">
        <h3 id="mdh-study">Study</h3>
        <TextField path={['title']} label="Title" required />
        <TextField path={['description']} label="Description" multiline required />
        <LinesField path={['keywords']} label="Keywords" hint="One per line." required />
      </section>
      <AuthorsEditor />
      <OrganisationsEditor />
      <RightsSection />
      <section className="form-section" aria-labelledby="mdh-publication">
        <h3 id="mdh-publication">Publication</h3>
        <div className="form-grid">
          <TextField path={['publication', 'title']} label="Paper title" className="form-grid__wide" onValue={(v) => setPublication('title', v === '' ? undefined : v)} />
          <SelectField
            path={['publication', 'status']}
            label="Status"
            options={PUBLICATION_STATUSES.map((s) => [s, STATUS_LABELS[s]] as const)}
            emptyLabel="— no paper yet —"
            onValue={(v) => updateMetadata((m) => (v === undefined ? setIn(m, ['publication'], undefined) : setIn(m, ['publication', 'status'], v)))}
          />
          <TextField path={['publication', 'journal']} label="Journal" onValue={(v) => setPublication('journal', v === '' ? undefined : v)} />
          <NumberField path={['publication', 'year']} label="Year" onValue={(v) => setPublication('year', v)} />
          <TextField path={['publication', 'volume']} label="Volume" onValue={(v) => setPublication('volume', v === '' ? undefined : v)} />
          <TextField path={['publication', 'issue']} label="Issue" onValue={(v) => setPublication('issue', v === '' ? undefined : v)} />
          <TextField path={['publication', 'firstPage']} label="First page" onValue={(v) => setPublication('firstPage', v === '' ? undefined : v)} />
          <TextField path={['publication', 'lastPage']} label="Last page" onValue={(v) => setPublication('lastPage', v === '' ? undefined : v)} />
          <TextField path={['publication', 'doi']} label="DOI" hint="Bare, e.g. 10.1038/s41592-021-01234-5" onValue={(v) => setPublication('doi', v === '' ? undefined : v)} />
          <TextField path={['publication', 'pubmedId']} label="PubMed id" onValue={(v) => setPublication('pubmedId', v === '' ? undefined : v)} />
        </div>
      </section>
      <RecordList listKey="funding" title="Funding" itemLabel="Grant" fields={[{ key: 'agency', label: 'agency' }, { key: 'grantId', label: 'grant id' }]} blank={{ agency: '' }} />
      <RecordList
        listKey="organisms"
        title="Organisms"
        itemLabel="Organism"
        fields={[
          { key: 'scientificName', label: 'scientific name', hint: 'e.g. Homo sapiens' },
          { key: 'ncbiTaxonId', label: 'NCBI taxon id', numeric: true, hint: 'e.g. 9606 for Homo sapiens' },
        ]}
        blank={{ scientificName: '' }}
      />
      <section className="form-section" aria-labelledby="mdh-sample">
        <h3 id="mdh-sample">Sample</h3>
        <TextField path={['biosample', 'biologicalEntity']} label="Biological entity (what was imaged)" />
        <TextField path={['biosample', 'description']} label="Biosample description" multiline />
        <TextField path={['specimen', 'preparation']} label="Specimen preparation" multiline />
        <TextField path={['specimen', 'growthProtocol']} label="Growth protocol" multiline />
        <SelectField path={['scale']} label="Scale of the imaged object" options={SCALES.map((s) => [s, SCALE_LABELS[s]] as const)} />
      </section>
      <section className="form-section" aria-labelledby="mdh-facility">
        <h3 id="mdh-facility">Imaging facility</h3>
        <TextField path={['facility', 'name']} label="Facility name" onValue={(v) => setFacility('name', v === '' ? undefined : v)} />
        <TextField path={['facility', 'acknowledgement']} label="Acknowledgement wording" multiline onValue={(v) => setFacility('acknowledgement', v === '' ? undefined : v)} />
      </section>
    </form>
  );
}
