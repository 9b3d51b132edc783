import { create } from 'zustand';
import type { DepositApi } from '../../../shared/ipc/api';
import type { MetadataProblem } from '../../../shared/deposit/metadata-problem';
import { StudyMetadataSchema, type StudyMetadataInput } from '../../../shared/deposit/metadata';
import type { Bundle } from '../../../shared/model/bundle';

/**
 * The study metadata as the user is typing it, and what main's checks say of it (metadata:validate). The
 * document is kept as typed (defaults not applied), so a half-filled form is never rewritten under the user.
 */
export interface MetadataState {
  readonly metadata: StudyMetadataInput;
  readonly problems: readonly MetadataProblem[];
  /** Bumped on every edit; a validation answer for an older revision is dropped. */
  readonly revision: number;
  readonly validatedRevision: number;
  readonly error: string | null;
  /** The bundles main built under the document (bundles:build); `null` until the first answer, when the report's own are shown. */
  readonly bundles: readonly Bundle[] | null;
  /** The scan the bundles were built for; bundles of another scan are not shown. */
  readonly bundlesScanId: string | null;
  /** The document did not fit the schema at the last build, so the bundles are those of the last one that did. */
  readonly bundlesStale: boolean;
}

const INITIAL: MetadataState = { metadata: {}, problems: [], revision: 0, validatedRevision: -1, error: null, bundles: null, bundlesScanId: null, bundlesStale: false };

/** The metadata store. */
export const useMetadataStore = create<MetadataState>(() => INITIAL);

/** Replaces the document (a draft reopened, a file loaded); validation follows. */
export function setMetadata(metadata: StudyMetadataInput): void {
  useMetadataStore.setState((s) => ({ metadata, revision: s.revision + 1 }));
}

/** Applies one edit to the document. */
export function updateMetadata(edit: (m: StudyMetadataInput) => StudyMetadataInput): void {
  useMetadataStore.setState((s) => ({ metadata: edit(s.metadata), revision: s.revision + 1 }));
}

/** Asks main what the current document lacks for the archives of `scanId`; stale answers are dropped. */
export async function validateMetadata(api: DepositApi, scanId: string | undefined): Promise<void> {
  const { metadata, revision } = useMetadataStore.getState();
  try {
    const { problems } = await api.metadata.validate(metadata as Record<string, unknown>, scanId);
    if (useMetadataStore.getState().revision === revision) useMetadataStore.setState({ problems, validatedRevision: revision, error: null });
  } catch (err) {
    if (useMetadataStore.getState().revision === revision) useMetadataStore.setState({ error: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Asks main for the bundles (checklists, readiness) under the current document. A document that does not fit
 * the schema yet (an author without a family name) cannot be built from: the bundles of the last one that did
 * stay, marked stale, while the form shows what to fix. Stale answers are dropped.
 */
export async function buildBundles(api: DepositApi, scanId: string): Promise<void> {
  const { metadata, revision } = useMetadataStore.getState();
  const parsed = StudyMetadataSchema.safeParse(metadata);
  if (!parsed.success) {
    useMetadataStore.setState({ bundlesStale: true });
    return;
  }
  try {
    const { bundles } = await api.bundles.build(scanId, parsed.data);
    if (useMetadataStore.getState().revision === revision) useMetadataStore.setState({ bundles, bundlesScanId: scanId, bundlesStale: false });
  } catch (err) {
    if (useMetadataStore.getState().revision === revision) useMetadataStore.setState({ error: err instanceof Error ? err.message : String(err) });
  }
}

/** Forgets the document (between tests). */
export function resetMetadata(): void {
  useMetadataStore.setState(INITIAL, true);
}
