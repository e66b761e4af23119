import { Component, type ErrorInfo, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/** A page that fails to load or throws while rendering shows its error, never a blank screen. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Page failed", error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="space-y-3">
        <h1 className="text-xl font-semibold text-red-700">This page failed</h1>
        <pre className="whitespace-pre-wrap rounded bg-red-50 p-3 text-sm text-red-900">
          {this.state.error.message}
        </pre>
        <button type="button" className="text-teal-700 underline" onClick={() => window.location.reload()}>
          Reload
        </button>
      </section>
    );
  }
}
