import { create } from 'zustand';

/** The pages of a scanned study, in the order a deposition goes through them. */
export const VIEWS = ['study', 'prepare', 'cite', 'export', 'policy'] as const;

/** One page. */
export type View = (typeof VIEWS)[number];

/** Labels of the pages, as the navigation shows them. */
export const VIEW_LABELS: Readonly<Record<View, string>> = {
  study: 'Study',
  prepare: 'Prepare',
  cite: 'Cite',
  export: 'Export',
  policy: 'Policy',
};

/** Which page is shown, and a policy clause to scroll to when the policy page opens from a decision. */
export interface ViewState {
  readonly view: View;
  readonly clauseId: string | null;
}

/** The page store. */
export const useViewStore = create<ViewState>(() => ({ view: 'study', clauseId: null }));

/** Shows a page. */
export function showView(view: View): void {
  useViewStore.setState({ view, clauseId: null });
}

/** Opens the policy page at one clause (from a decision's "why"). */
export function showClause(clauseId: string): void {
  useViewStore.setState({ view: 'policy', clauseId });
}

/** Back to the first page (a new scan). */
export function resetView(): void {
  useViewStore.setState({ view: 'study', clauseId: null }, true);
}
