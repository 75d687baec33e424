// Stylesheets: the base first (theme, page defaults, shared controls). Every other module imports
// its own stylesheet before its other imports, so the bundle's CSS follows the components' nesting
// (tests/unit/styles.test.ts).
import './ui/base.css';
import data, { RECORDS_PATH } from 'virtual:policy-data';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { AppRoot } from './app-root.tsx';
import { createFullDataSource, fetchRecords, loadOnIntent } from './data/records.ts';
import { storySteps } from './data/steps.ts';
import { startStoryMessages } from './embed/story-messages.ts';
import { startLoadingBoundaries } from './map/boundaries.ts';
import { boot } from './state/boot.ts';
import { FIRST_PAINT, firstPaintFits } from './state/first-paint.ts';
import { replaceAddress, syncUrlWithStore } from './state/url-state.ts';

// The boundaries arrive while React renders, not after (index.html is already downloading them).
startLoadingBoundaries();

const { store, parsed, embed, layout } = boot(data, window.location.search, navigator.languages ?? []);
// The address says what the page shows: values the app ignored are dropped now, not at the first
// change, and an old link's renamed parameters and types take their current names.
replaceAddress(parsed);
syncUrlWithStore(store);
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
// The build wrote the default view into the page (tools/vite/prerender.ts): React takes it over as
// it is when this reader's view is that view; else the page renders afresh (index.html's first
// script kept the prerender hidden meanwhile: the reader never sees another view's content).
if (firstPaintFits(root, store.getState(), { embed, layout })) {
  const firstPaint = root.querySelector(`.${FIRST_PAINT.mapClass}`)?.innerHTML;
  hydrateRoot(root, <AppRoot {...{ data, records, store, embed, layout, firstPaint }} />, {
    onRecoverableError: (error) => console.error(error),
  });
} else {
  root.replaceChildren();
  delete document.documentElement.dataset[FIRST_PAINT.staleKey];
  createRoot(root).render(<AppRoot {...{ data, records, store, embed, layout }} />);
}
