import { useId, useState } from 'react';
import { accessionProblem, ACCESSION_EXAMPLES, type AccessionKind } from '../../../shared/deposit/identifiers';
import { OMICS_ARCHIVES } from '../../../shared/model/destination';
import type { StudyMetadataInput } from '../../../shared/deposit/metadata';
import { updateMetadata, useMetadataStore } from '../store/metadata-store';

type AccessionsInput = NonNullable<StudyMetadataInput['accessions']>;
type OmicsKind = (typeof OMICS_KINDS)[number];

/** Archives an omics accession can name: the omics archives, EGA (controlled access) and BioSamples (docs/bia.md §6). */
const OMICS_KINDS = [...OMICS_ARCHIVES, 'EGA', 'BioSamples'] as const;

/** EMDB accessions are typed as one list: separated by commas, semicolons or spaces. */
function splitList(text: string): string[] {
  return text.split(/[\s,;]+/).filter((t) => t !== '');
}

interface OmicsRow {
  readonly key: number;
  readonly archive: OmicsKind;
  readonly accession: string;
}

/** The accessions as the engine reads them: blank fields left out, the rest as typed (main reports any that do not fit). */
function toAccessions(empiar: string, bia: string, emdb: string, omics: readonly OmicsRow[]): AccessionsInput {
  return {
    ...(empiar.trim() ? { empiar: empiar.trim() } : {}),
    ...(bia.trim() ? { bia: bia.trim() } : {}),
    emdb: splitList(emdb),
    omics: omics.filter((o) => o.accession.trim() !== '').map((o) => ({ archive: o.archive, accession: o.accession.trim() })),
  };
}

function problemOf(kind: AccessionKind, value: string): string | null {
  return value.trim() === '' ? null : accessionProblem(kind, value);
}

/** One accession field, checked as it is typed against its archive's pattern (shared/deposit/identifiers.ts). */
function AccessionField({ label, hint, value, problem, onChange }: { readonly label: string; readonly hint: string; readonly value: string; readonly problem: string | null; readonly onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="cite-acc__field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={`cite-acc__input mono${problem ? ' cite-acc__input--invalid' : ''}`}
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={`${id}-hint`} className="cite-acc__hint">
        {hint}
      </span>
      {problem && (
        <span id={`${id}-problem`} className="cite-acc__problem" role="alert">
          {problem} It is left out of the text until corrected.
        </span>
      )}
    </div>
  );
}

/**
 * The accessions the archives issued, entered once they are known: each field checked as typed, and written
 * into the study metadata (`accessions` only) so the citation text, the bundles and the Prepare page see them.
 */
export function AccessionsForm() {
  const initial = useMetadataStore.getState().metadata.accessions ?? {};
  const [empiar, setEmpiar] = useState(initial.empiar ?? '');
  const [bia, setBia] = useState(initial.bia ?? '');
  const [emdb, setEmdb] = useState((initial.emdb ?? []).join(', '));
  const [omics, setOmics] = useState<readonly OmicsRow[]>((initial.omics ?? []).map((o, i) => ({ key: i, archive: o.archive, accession: o.accession })));
  const [nextKey, setNextKey] = useState((initial.omics ?? []).length);

  const write = (e: string, b: string, d: string, o: readonly OmicsRow[]) => updateMetadata((m) => ({ ...m, accessions: toAccessions(e, b, d, o) }));
  const emdbProblems = splitList(emdb)
    .map((a) => accessionProblem('EMDB', a))
    .filter((p): p is string => p !== null);

  return (
    <fieldset className="cite-acc">
      <legend>Accessions</legend>
      <p className="cite-acc__intro">Enter each accession once the archive has issued it; the text on the right follows as you type.</p>
      <AccessionField
        label="EMPIAR accession"
        hint={`Like ${ACCESSION_EXAMPLES.EMPIAR}.`}
        value={empiar}
        problem={problemOf('EMPIAR', empiar)}
        onChange={(v) => {
          setEmpiar(v);
          write(v, bia, emdb, omics);
        }}
      />
      <AccessionField
        label="BioImage Archive accession"
        hint={`Like ${ACCESSION_EXAMPLES.BIA} (older studies: S-BSST…, S-JCBD…).`}
        value={bia}
        problem={problemOf('BIA', bia)}
        onChange={(v) => {
          setBia(v);
          write(empiar, v, emdb, omics);
        }}
      />
      <AccessionField
        label="EMDB accessions"
        hint={`Like ${ACCESSION_EXAMPLES.EMDB}; several separated by commas.`}
        value={emdb}
        problem={emdbProblems.length > 0 ? emdbProblems.join(' ') : null}
        onChange={(v) => {
          setEmdb(v);
          write(empiar, bia, v, omics);
        }}
      />
      <div className="cite-acc__omics">
        <span className="cite-acc__omics-title">Omics accessions</span>
        {omics.map((row, i) => {
          const setRow = (patch: Partial<OmicsRow>) => {
            const next = omics.map((r) => (r.key === row.key ? { ...r, ...patch } : r));
            setOmics(next);
            write(empiar, bia, emdb, next);
          };
          return (
            <div key={row.key} className="cite-acc__omics-row">
              <label className="visually-hidden" htmlFor={`omics-archive-${row.key}`}>
                Archive of omics accession {i + 1}
              </label>
              <select id={`omics-archive-${row.key}`} className="cite-acc__select" value={row.archive} onChange={(e) => setRow({ archive: e.target.value as OmicsKind })}>
                {OMICS_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              <AccessionField label={`Omics accession ${i + 1}`} hint={`Like ${ACCESSION_EXAMPLES[row.archive]}.`} value={row.accession} problem={problemOf(row.archive, row.accession)} onChange={(v) => setRow({ accession: v })} />
              <button
                type="button"
                className="button button--small"
                aria-label={`Remove omics accession ${i + 1}`}
                onClick={() => {
                  const next = omics.filter((r) => r.key !== row.key);
                  setOmics(next);
                  write(empiar, bia, emdb, next);
                }}
              >
                Remove
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setOmics([...omics, { key: nextKey, archive: 'ENA', accession: '' }]);
            setNextKey(nextKey + 1);
          }}
        >
          Add an omics accession
        </button>
      </div>
    </fieldset>
  );
}
