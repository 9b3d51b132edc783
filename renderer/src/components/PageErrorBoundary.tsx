import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of the page error boundary. */
export interface PageErrorBoundaryProps {
  /** Changes when another page or study is shown, which clears the error. */
  readonly resetKey: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly resetKey: string;
}

/**
 * Keeps a page's rendering error inside the page: the window, its navigation and the study stay, and the
 * user is told what happened and what to do, instead of facing a blank window.
 */
export class PageErrorBoundary extends Component<PageErrorBoundaryProps, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  /** Records the error so the page is replaced by the message. */
  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  /** A new page or study clears the error. */
  static getDerivedStateFromProps(props: PageErrorBoundaryProps, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for a bug report; the user sees the message below.
    console.error('page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <p className="banner banner--error" role="alert" data-testid="page-error">
        This page could not be shown ({this.state.error.message}). Your study is safe: choose another page above, or scan again. If it
        keeps happening, please report it with the folder layout you scanned.
      </p>
    );
  }
}
