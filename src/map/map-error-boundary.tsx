/**
 * Keeps a crash inside the map (a rendering bug, an exception in a MapLibre callback that React
 * sees) from taking the page down: the map region stays, says so, and offers Retry, which mounts
 * the map afresh. The error is logged, never swallowed.
 */
import { Component, Fragment, type ReactNode } from 'react';
import type { Strings } from '../i18n/strings.ts';

interface Props {
  strings: Strings;
  /** The map region's accessible name (the same as the map's own). */
  label: string;
  children: ReactNode;
}

export class MapErrorBoundary extends Component<Props, { error: Error | null; attempt: number }> {
  override state = { error: null as Error | null, attempt: 0 };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error(error);
  }

  override render() {
    const t = this.props.strings;
    if (!this.state.error) return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
    return (
      <section className="map" aria-label={this.props.label} aria-busy={false}>
        <div className="map-status map-failure" role="alert">
          <p>
            {t.mapFailed_start} {t.mapStillWorks}
          </p>
          <button
            type="button"
            className="retry-button"
            onClick={() => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }))}
          >
            {t.mapRetry}
          </button>
        </div>
      </section>
    );
  }
}
