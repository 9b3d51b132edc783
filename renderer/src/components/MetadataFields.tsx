import { useState, type ReactNode } from 'react';
import type { StudyMetadataInput } from '../../../shared/deposit/metadata';
import type { MetadataProblem } from '../../../shared/deposit/metadata-problem';
import { fieldPath } from '../../../shared/deposit/parse-metadata';
import { DESTINATION_LABELS } from '../../../shared/model/destination';
import type { BundleTarget } from '../../../shared/model/bundle';
import { updateMetadata, useMetadataStore } from '../store/metadata-store';

/**
 * The building blocks of the study-metadata form: a labelled input bound to one path of the document, with
 * the problems main reports for that path (metadata:validate) shown beside it and linked by
 * aria-describedby. Paths are those of the problems (`authors[1].orcid`), so every problem finds its input.
 */

/** One empty list for every absent list, so a store selector returns the same value each time (a new `[]` would re-render forever). */
export const NO_ITEMS: readonly never[] = [];

/** A path into the document: `['authors', 1, 'orcid']`. */
export type DocPath = readonly (string | number)[];

/** The id of the input for a field path (`authors[1].orcid` → `md-authors-1-orcid`), so a problem can focus its input. */
export function fieldId(field: string): string {
  return `md-${field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

/** The value at `path`, or `undefined`. */
export function getIn(doc: unknown, path: DocPath): unknown {
  let here = doc;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

function setAt(node: unknown, path: DocPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(node) ? [...(node as unknown[])] : [];
    list[head] = setAt(list[head], rest, value);
    return list;
  }
  const obj: Record<string, unknown> = node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...(node as Record<string, unknown>) } : {};
  const next = setAt(obj[head as string], rest, value);
  if (next === undefined) delete obj[head as string];
  else obj[head as string] = next;
  return obj;
}

/** A copy of the document with `value` at `path`; `undefined` removes the key, so a cleared field is absent, not empty text. */
export function setIn(doc: StudyMetadataInput, path: DocPath, value: unknown): StudyMetadataInput {
  return setAt(doc, path, value) as StudyMetadataInput;
}

/** Sets one field of the document as the user typed it. */
export function setField(path: DocPath, value: unknown): void {
  updateMetadata((m) => setIn(m, path, value));
}

/** How the form names each part of a field path, for the summary of what is missing. */
const PART_LABELS: Readonly<Record<string, string>> = {
  title: 'title',
  description: 'description',
  keywords: 'keywords',
  authors: 'authors',
  organisations: 'organisations',
  licence: 'licence',
  release: 'release',
  until: 'hold-until date',
  publication: 'publication',
  funding: 'funding',
  organisms: 'organisms',
  biosample: 'biosample',
  specimen: 'specimen',
  facility: 'facility',
  scale: 'scale',
  accessions: 'accessions',
  givenName: 'given name',
  familyName: 'family name',
  orcid: 'ORCID iD',
  email: 'e-mail',
  affiliations: 'affiliations',
  corresponding: 'corresponding author',
  principalInvestigator: 'principal investigator',
  name: 'name',
  address: 'street address',
  city: 'city',
  postcode: 'postcode',
  country: 'country',
  ror: 'ROR id',
  status: 'status',
  journal: 'journal',
  year: 'year',
  volume: 'volume',
  issue: 'issue',
  firstPage: 'first page',
  lastPage: 'last page',
  doi: 'DOI',
  pubmedId: 'PubMed id',
  agency: 'agency',
  grantId: 'grant id',
  scientificName: 'scientific name',
  ncbiTaxonId: 'NCBI taxon id',
  biologicalEntity: 'biological entity',
  preparation: 'preparation',
  growthProtocol: 'growth protocol',
  acknowledgement: 'acknowledgement',
  id: 'id',
};

/** What each list's items are called: `authors[1]` is "Author 2". */
const ITEM_LABELS: Readonly<Record<string, string>> = { authors: 'Author', organisations: 'Organisation', funding: 'Grant', organisms: 'Organism' };

/** A field path as the form names it: `authors[1].orcid` → "Author 2: ORCID iD", `biosample.biologicalEntity` → "Biosample: biological entity". */
export function fieldLabel(field: string): string {
  if (field === '(document)') return 'The document';
  const parts = [...field.matchAll(/([A-Za-z]+)(?:\[(\d+)\])?/g)].map((m) => ({ key: m[1] ?? '', index: m[2] === undefined ? null : Number(m[2]) }));
  const words = parts.map(({ key, index }) => (index !== null ? `${ITEM_LABELS[key] ?? PART_LABELS[key] ?? key} ${index + 1}` : (PART_LABELS[key] ?? key)));
  const text = words.join(': ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The problems main reports for exactly this field. */
export function useFieldProblems(field: string): readonly MetadataProblem[] {
  const problems = useMetadataStore((s) => s.problems);
  return problems.filter((p) => p.field === field);
}

/** "EMPIAR, BioImage Archive": the archives a problem blocks, as the UI names them. */
export function blocksText(blocks: readonly BundleTarget[]): string {
  return blocks.map((b) => DESTINATION_LABELS[b]).join(', ');
}

/** The problems of one field as a list, with which archives each blocks; `id` is what the input's aria-describedby names. */
export function ProblemList({ id, problems, instant = [] }: { readonly id: string; readonly problems: readonly MetadataProblem[]; readonly instant?: readonly string[] }) {
  // A problem found as the user typed (the ORCID check digit) is shown at once; main's answer says the same words later, once.
  const fromMain = new Set(problems.map((p) => p.message));
  const extra = instant.filter((m) => !fromMain.has(m));
  if (problems.length === 0 && extra.length === 0) return null;
  return (
    <ul id={id} className="field__problems">
      {extra.map((m) => (
        <li key={`instant-${m}`} className="field__problem field__problem--error">
          {m}
        </li>
      ))}
      {problems.map((p) => (
        <li key={`${p.severity}-${p.message}`} className={`field__problem field__problem--${p.severity}`}>
          {p.severity === 'warning' && <strong>Warning: </strong>}
          {p.message}
          {p.blocks.length > 0 && <span className="field__blocks"> Blocks {blocksText(p.blocks)}.</span>}
        </li>
      ))}
    </ul>
  );
}

/** Props shared by the bound inputs. */
interface FieldProps {
  readonly path: DocPath;
  readonly label: string;
  readonly hint?: string;
  /** Shown with the label: the archives need it. */
  readonly required?: boolean;
  /** Problems found in the renderer as the user types (shared/ pure checks), before main answers. */
  readonly instant?: readonly string[];
  readonly className?: string;
}

/** Label, control and problems of one field; `control` gets the input's id and its aria attributes. */
function FieldShell({
  path,
  label,
  hint,
  required,
  instant = [],
  className,
  control,
}: FieldProps & { readonly control: (a: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const field = fieldPath(path);
  const id = fieldId(field);
  const problems = useFieldProblems(field);
  const invalid = instant.length > 0 || problems.some((p) => p.severity === 'error');
  const hintId = hint ? `${id}-hint` : null;
  const hasProblems = problems.length > 0 || instant.length > 0;
  const describedBy = [hintId, hasProblems ? `${id}-problems` : null].filter((x) => x !== null).join(' ') || undefined;
  return (
    <div className={`field${invalid ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required"> (required)</span>}
      </label>
      {control({ id, describedBy, invalid })}
      {hint && (
        <p id={hintId ?? undefined} className="field__hint">
          {hint}
        </p>
      )}
      <ProblemList id={`${id}-problems`} problems={problems} instant={instant} />
    </div>
  );
}

/** A text input bound to a path; an emptied input removes the field. */
export function TextField(props: FieldProps & { readonly type?: 'text' | 'email' | 'date'; readonly multiline?: boolean; readonly autoComplete?: string; readonly onValue?: (v: string) => void }) {
  const value = useMetadataStore((s) => getIn(s.metadata, props.path));
  const text = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  const onChange = (v: string) => (props.onValue ? props.onValue(v) : setField(props.path, v === '' ? undefined : v));
  return (
    <FieldShell
      {...props}
      control={({ id, describedBy, invalid }) =>
        props.multiline ? (
          <textarea id={id} className="field__input field__input--multi" value={text} rows={3} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            id={id}
            className="field__input"
            type={props.type ?? 'text'}
            value={text}
            autoComplete={props.autoComplete ?? 'off'}
            spellCheck={props.type === 'email' ? false : undefined}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    />
  );
}

/** A whole-number input: digits are stored as a number, anything else as typed (main then says what is wrong with it). */
export function NumberField(props: FieldProps & { readonly onValue?: (v: number | string | undefined) => void }) {
  const value = useMetadataStore((s) => getIn(s.metadata, props.path));
  const text = value === undefined ? '' : String(value);
  const toValue = (v: string): number | string | undefined => (v.trim() === '' ? undefined : /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : v);
  return (
    <FieldShell
      {...props}
      control={({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="field__input field__input--short"
          inputMode="numeric"
          value={text}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => (props.onValue ? props.onValue(toValue(e.target.value)) : setField(props.path, toValue(e.target.value)))}
        />
      )}
    />
  );
}

/** A choice among fixed values; the empty choice removes the field. */
export function SelectField(props: FieldProps & { readonly options: readonly (readonly [string, string])[]; readonly emptyLabel?: string; readonly onValue?: (v: string | undefined) => void }) {
  const value = useMetadataStore((s) => getIn(s.metadata, props.path));
  const text = typeof value === 'string' ? value : '';
  const known = props.options.some(([v]) => v === text);
  return (
    <FieldShell
      {...props}
      control={({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="field__input"
          value={text}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => (props.onValue ? props.onValue(e.target.value === '' ? undefined : e.target.value) : setField(props.path, e.target.value === '' ? undefined : e.target.value))}
        >
          <option value="">{props.emptyLabel ?? '— not given —'}</option>
          {/* A value typed elsewhere (a draft, a file) that is not on the list stays visible, so it can be seen and changed. */}
          {!known && text !== '' && <option value={text}>{text} (not on the list)</option>}
          {props.options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A list typed one entry per line (keywords), kept as typed while the user is on it. */
export function LinesField(props: FieldProps) {
  const value = useMetadataStore((s) => getIn(s.metadata, props.path));
  const list = Array.isArray(value) ? value.map(String) : [];
  const parse = (t: string) => t.split('\n').map((x) => x.trim()).filter((x) => x !== '');
  const joined = list.join('\n');
  const [own, setOwn] = useState({ text: joined, seen: joined });
  let text = own.text;
  // A document replaced from outside (a draft reopened) shows its list; the user's own blank lines are kept otherwise.
  if (own.seen !== joined) {
    text = parse(own.text).join('\n') === joined ? own.text : joined;
    setOwn({ text, seen: joined });
  }
  return (
    <FieldShell
      {...props}
      control={({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="field__input field__input--multi"
          rows={3}
          value={text}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            const next = parse(e.target.value);
            setOwn({ text: e.target.value, seen: next.join('\n') });
            setField(props.path, next.length === 0 ? undefined : next);
          }}
        />
      )}
    />
  );
}

/** A yes/no field (corresponding author, principal investigator). */
export function CheckField({ path, label }: { readonly path: DocPath; readonly label: string }) {
  const value = useMetadataStore((s) => getIn(s.metadata, path));
  const field = fieldPath(path);
  const id = fieldId(field);
  const problems = useFieldProblems(field);
  return (
    <div className="field field--check">
      <input id={id} type="checkbox" checked={value === true} aria-describedby={problems.length > 0 ? `${id}-problems` : undefined} onChange={(e) => setField(path, e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      <ProblemList id={`${id}-problems`} problems={problems} />
    </div>
  );
}
