/**
 * Renders its children with the full records (src/data/records.ts), downloading them if this is
 * the first view that needs them. Until then it says they are loading; after a failure it says so
 * and offers to try again (only the records are fetched again). One pattern for every view that
 * shows sources: the panel's measures, the table, the overview's rates, a link's sources.
 */
import './with-full-data.css';
import type { ReactNode } from 'react';
import type { PolicyData } from '../data/policy-data.ts';
import { RecordsTimeoutError } from '../data/records.ts';
import { useFullData, useFullDataSource, useStrings } from '../state/data-context.ts';

interface Props {
  children: (data: PolicyData) => ReactNode;
  /**
   * Render nothing until the records are here: for parts of a view that already says so once (a
   * panel's links, under its measures), so it does not say it once per part.
   */
  quiet?: boolean;
}

export function WithFullData({ children, quiet = false }: Props) {
  const state = useFullData();
  const source = useFullDataSource();
  const t = useStrings();
  if (state.status === 'ready') return children(state.data);
  if (quiet) return null;
  if (state.status === 'error')
    return (
      <div className="records-error" role="alert">
        <p>{state.error instanceof RecordsTimeoutError ? t.recordsSlow : t.recordsFailed}</p>
        <button type="button" className="retry-button" onClick={() => source.load()}>
          {t.recordsRetry}
        </button>
      </div>
    );
  return (
    <p className="records-loading" role="status">
      {t.recordsLoading}
    </p>
  );
}
