/**
 * The whole tree with its providers — the data, the full records' source, the store — as the page
 * renders it (main.tsx) and as the build prerenders it (tools/prerender-entry.tsx): one tree, so
 * hydration finds exactly what the build wrote.
 */
import { StrictMode } from 'react';
import { App } from './app.tsx';
import type { PolicyIndex } from './data/policy-index.ts';
import type { FullDataSource } from './data/records.ts';
import type { EmbedLayout } from './embed/layout.ts';
import { DataContext, FullDataContext } from './state/data-context.ts';
import { type AppStore, StoreContext } from './state/store.ts';

export interface RootProps {
  data: PolicyIndex;
  records: FullDataSource;
  store: AppStore;
  embed: boolean;
  layout: EmbedLayout | undefined;
  /** The build's drawing of the map, shown until the live map answers (map-view.tsx). */
  firstPaint?: string;
}

export function AppRoot({ data, records, store, embed, layout, firstPaint }: RootProps) {
  return (
    <StrictMode>
      <DataContext.Provider value={data}>
        <FullDataContext.Provider value={records}>
          <StoreContext.Provider value={store}>
            <App embed={embed} layout={layout} svgFirst firstPaint={firstPaint} />
          </StoreContext.Provider>
        </FullDataContext.Provider>
      </DataContext.Provider>
    </StrictMode>
  );
}
