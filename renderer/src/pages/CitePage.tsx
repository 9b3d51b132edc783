import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DepositApi } from '../../../shared/ipc/api';
import type { Citations } from '../../../shared/ipc/contract';
import type { ScanReportView } from '../../../shared/model/scan-report';
import { DESTINATION_LABELS } from '../../../shared/model/destination';
import { useMetadataStore } from '../store/metadata-store';
import { engineMetadata } from '../store/engine-metadata';
import { AccessionsForm } from '../components/AccessionsForm';
import { CopyButton } from '../components/CopyButton';
import '../styles/cite.css';

/** Typing pauses this long before main rebuilds the text: a keystroke-by-keystroke rebuild is wasted work. */
const REBUILD_AFTER_MS = 120;

/** How long the status line stays empty between two announcements, so screen readers speak a repeated one. */
const ANNOUNCE_GAP_MS = 50;

/** Words marking a placeholder in the text (shared/bundles/citations/data-availability.ts TO_BE_FILLED), highlighted so it is not missed. */
const PLACEHOLDER_MARK = '[to be filled]';

/** An archive as the page names it: the imaging archives by their labels (BioImage Archive), the rest by name. */
function archiveLabel(archive: string): string {
  return archive === 'EMPIAR' || archive === 'BIA' || archive === 'EMDB' ? DESTINATION_LABELS[archive] : archive;
}

/** A text with its placeholders marked up. */
function Marked({ text }: { readonly text: string }) {
  const parts = text.split(PLACEHOLDER_MARK);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && <mark className="cite__placeholder">{PLACEHOLDER_MARK}</mark>}
        </span>
      ))}
    </>
  );
}

/** One block of text to paste into the paper, with its Copy button. */
function TextBlock({ title, id, copyText, what, onCopied, children }: { readonly title: string; readonly id: string; readonly copyText: string; readonly what: string; readonly onCopied: (m: string) => void; readonly children: ReactNode }) {
  return (
    <section className="cite__block" aria-labelledby={id}>
      <div className="cite__block-head">
        <h3 id={id}>{title}</h3>
        <CopyButton text={copyText} label={`Copy the ${what}`} what={`the ${what}`} onCopied={onCopied} />
      </div>
      {children}
    </section>
  );
}

/**
 * The Cite page: per archive the study deposits in, the data-availability sentence, the methods paragraphs,
 * the facility acknowledgement and the archives' references — built in main by the same code as the export's
 * CITATION.md — with the accessions entered and checked inline, copy to the clipboard, and BibTeX/RIS saved.
 */
export function CitePage({ api, report }: { readonly api: DepositApi; readonly report: ScanReportView }) {
  const metadataInput = useMetadataStore((s) => s.metadata);
  const { metadata, complete } = useMemo(() => engineMetadata(metadataInput), [metadataInput]);
  const [citations, setCitations] = useState<Citations | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncementText] = useState('');
  const request = useRef(0);
  // The same words twice ("Copied …" after "Copied …") are not spoken again unless the region empties first.
  const announceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const setAnnouncement = (text: string) => {
    setAnnouncementText('');
    if (announceTimer.current) clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => setAnnouncementText(text), ANNOUNCE_GAP_MS);
  };
  useEffect(() => () => {
    if (announceTimer.current) clearTimeout(announceTimer.current);
  }, []);

  useEffect(() => {
    const mine = ++request.current;
    const timer = setTimeout(() => {
      api.citations.build(report.scanId, metadata).then(
        (c) => {
          if (request.current !== mine) return;
          setCitations(c);
          setError(null);
        },
        (err: unknown) => {
          if (request.current === mine) setError(err instanceof Error ? err.message : String(err));
        },
      );
    }, REBUILD_AFTER_MS);
    return () => clearTimeout(timer);
  }, [api, report.scanId, metadata]);

  const save = (name: string, content: string, what: string) => {
    api.saveFile.text(name, content).then(
      (r) => setAnnouncement(r.status === 'saved' ? `Saved ${what} to ${r.path}.` : `${what} not saved: no file was chosen.`),
      (err: unknown) => setAnnouncement(`${what} could not be saved: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  const methodsText = citations ? citations.methods.map((m) => m.text).join('\n\n') : '';
  const referencesText = citations ? citations.references.map((r, i) => `${i + 1}. ${r.text}`).join('\n') : '';
  const open = citations ? citations.availability.sentences.filter((s) => s.placeholder).map((s) => s.archive) : [];

  return (
    <section className="cite" aria-labelledby="page-title">
      <div className="cite__head">
        <h2 id="page-title">Cite</h2>
        <p className="cite__intro">
          Text for your paper, from what the scan read and the study metadata: the same text the export writes to CITATION.md, citation.bib and citation.ris.
          {!complete && ' Parts of the study metadata are not complete yet (see Prepare); the text uses the accessions and facility entered so far.'}
        </p>
      </div>
      <div className="cite__grid">
        <AccessionsForm />
        <div className="cite__texts" aria-busy={citations === null}>
          {error && (
            <p className="banner banner--error" role="alert">
              The citation text could not be built: {error}
            </p>
          )}
          {citations && (
            <>
              <TextBlock title="Data availability" id="cite-availability" copyText={citations.availability.text} what="data-availability statement" onCopied={setAnnouncement}>
                {citations.availability.sentences.length === 0 ? (
                  <p className="muted">No data of this study go to an archive yet.</p>
                ) : (
                  <ul className="cite__sentences" data-testid="availability">
                    {citations.availability.sentences.map((s, i) => (
                      <li key={i}>
                        <span className="cite__archive">{archiveLabel(s.archive)}</span>
                        <p>
                          <Marked text={s.text} />
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
                {open.length > 0 && (
                  <p className="cite__note">
                    Placeholders marked {PLACEHOLDER_MARK} ({open.map(archiveLabel).join(', ')}): enter the accessions once the archives issue them.
                  </p>
                )}
              </TextBlock>

              <TextBlock title="Methods" id="cite-methods" copyText={methodsText} what="methods paragraphs" onCopied={setAnnouncement}>
                {citations.methods.length === 0 ? (
                  <p className="muted">No imaging data of this study go to an archive.</p>
                ) : (
                  <ul className="cite__sentences" data-testid="methods">
                    {citations.methods.map((m, i) => (
                      <li key={i}>
                        <span className="cite__archive">{m.archive}</span>
                        <p>
                          <Marked text={m.text} />
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
                <p className="cite__note">These paragraphs state only what was read from the files; add sample preparation and processing yourself.</p>
              </TextBlock>

              <TextBlock title="Acknowledgement" id="cite-ack" copyText={citations.acknowledgement ?? ''} what="acknowledgement" onCopied={setAnnouncement}>
                {citations.acknowledgement ? <p data-testid="acknowledgement">{citations.acknowledgement}</p> : <p className="muted">No imaging facility is named in the study metadata (Prepare → facility).</p>}
              </TextBlock>

              <TextBlock title="References for the archives" id="cite-refs" copyText={referencesText} what="references" onCopied={setAnnouncement}>
                {citations.references.length === 0 ? (
                  <p className="muted">None.</p>
                ) : (
                  <ol className="cite__refs" data-testid="references">
                    {citations.references.map((r) => (
                      <li key={r.key}>
                        {r.text} <span className="cite__archive">{r.archives.map(archiveLabel).join(', ')}</span>
                      </li>
                    ))}
                  </ol>
                )}
                <div className="cite__actions">
                  <button type="button" className="button button--small" disabled={citations.references.length === 0} onClick={() => save('citation.bib', citations.bibtex, 'BibTeX')}>
                    Save BibTeX…
                  </button>
                  <button type="button" className="button button--small" disabled={citations.references.length === 0} onClick={() => save('citation.ris', citations.ris, 'RIS')}>
                    Save RIS…
                  </button>
                  <CopyButton text={citations.bibtex} label="Copy the BibTeX" what="the BibTeX" onCopied={setAnnouncement} />
                </div>
              </TextBlock>
            </>
          )}
          {!citations && !error && <p className="muted">Building the citation text…</p>}
        </div>
      </div>
      <p className="cite__status" role="status" aria-live="polite" data-testid="cite-status">
        {announcement}
      </p>
    </section>
  );
}
