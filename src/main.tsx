// Stylesheets: the base first (theme, page defaults, shared controls). Every other module imports
// its own stylesheet before its other imports, so the bundle's CSS follows the components' nesting
// (tests/unit/styles.test.ts).
import './ui/base.css';
import data, { RECORDS_PATH } from 'virtual:policy-data';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { createFullDataSource, fetchRecords, loadOnIntent } from './data/records.ts';
import { stepSettings, storySteps } from './data/steps.ts';
import { countryCodes, typeIds } from './data/story.ts';
import { dateRange } from './data/timeline.ts';
import { embedLayout } from './embed/layout.ts';
import { startStoryMessages } from './embed/story-messages.ts';
import { preferredLang } from './i18n/strings.ts';
import { startLoadingBoundaries } from './map/boundaries.ts';
import { preloadLibrary } from './map/map-adapter.ts';
import { DataContext, FullDataContext } from './state/data-context.ts';
import { createAppStore, StoreContext } from './state/store.ts';
import { fromUrlState, parseUrlState, replaceAddress, syncUrlWithStore } from './state/url-state.ts';

// The boundaries arrive while React renders, not after (index.html is already downloading them).
startLoadingBoundaries();

const months = dateRange(data);
const types = typeIds(data);
const langs = data.story.languages;
const parsed = parseUrlState(window.location.search, {
  months,
  countries: countryCodes(data),
  types,
  langs,
  renamedTypes: data.story.renamedTypes,
  steps: storySteps(data).length,
});
// The address says what the page shows: values the app ignored are dropped now, not at the first
// change, and an old link's renamed parameters and types take their current names.
replaceAddress(parsed);
const fromUrl = fromUrlState(parsed);
// `?embed=1&layout=story`: the map and the stepper fill the frame (embed/layout.ts); only the map view.
const layout = embedLayout(window.location.search);
const store = createAppStore(
  {
    ...fromUrl,
    ...(layout === 'story' ? { view: 'map' as const } : {}),
    lang: fromUrl.lang ?? preferredLang(navigator.languages ?? [], langs),
  },
  { range: months, types, steps: stepSettings(data) },
);
syncUrlWithStore(store);
const embed = new URLSearchParams(window.location.search).get('embed') === '1';
if (embed) document.documentElement.dataset.embed = '';
if (layout) document.documentElement.dataset.layout = layout;
// Framed: the host page may move the story's steps (`{ type: 'policy-map:step', step: N }`).
if (embed)
  startStoryMessages({
    count: storySteps(data).length,
    current: () => store.getState().step,
    goToStep: (n) => store.getState().goToStep(n),
  });
// Every source, summary and figure comes in a second file, when a reader first reaches for one.
const records = createFullDataSource(() => fetchRecords(data, RECORDS_PATH));
loadOnIntent(document, records);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DataContext.Provider value={data}>
      <FullDataContext.Provider value={records}>
        <StoreContext.Provider value={store}>
          <App embed={embed} layout={layout} />
        </StoreContext.Provider>
      </FullDataContext.Provider>
    </DataContext.Provider>
  </StrictMode>,
);
// MapLibre downloads once the text has painted (so that it shares the network with nothing the
// first paint needs, also in Lighthouse's model of a slow phone), and runs when the map asks for it.
// A page that never paints (a background tab) gets it when the map asks.
if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
  const painted = new PerformanceObserver((list) => {
    if (!list.getEntriesByName('first-contentful-paint').length) return;
    painted.disconnect();
    preloadLibrary();
  });
  painted.observe({ type: 'paint', buffered: true });
}
