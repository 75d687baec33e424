/**
 * Build time, loaded through Vite's SSR module loader (tools/vite/prerender.ts), so it runs the
 * app's own modules with the app's own data module: the first screen of the default view as HTML
 * (React's renderToString of the same tree the page hydrates), and the stills drawn by the one
 * renderer (map/still.ts): the map in that first screen, `fallback.svg` and the social card.
 */
import { readFileSync } from 'node:fs';
import data from 'virtual:policy-data';
import { renderToString } from 'react-dom/server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { AppRoot } from '../app-root.tsx';
import type { FullDataSource } from '../data/records.ts';
import { STRINGS } from '../i18n/strings.ts';
import { type CountryProperties, parseBoundaries } from '../map/boundaries.ts';
import { inkFromCss } from '../map/ink.ts';
import { renderStill, type StillRequest } from '../map/still.ts';
import { boot } from '../state/boot.ts';
import { FIRST_PAINT } from '../state/first-paint.ts';
import { fontMeasure } from './font-measure.ts';

/** The page's stylesheet, where the theme's colours are defined (the stills' ink). */
const BASE_CSS = new URL('../ui/base.css', import.meta.url);

export type Topo = Topology<{ countries: GeometryCollection<CountryProperties> }>;

/** A frame the first screen's map is drawn for, and the widths it is shown at (CSS media query). */
export interface Frame {
  width: number;
  height: number;
  /** Which frame shape (map-view.css shows `narrow` up to 640 px, `wide` from 641 px). */
  name: 'narrow' | 'wide';
}

/** The records are never needed to render the first screen (they load at the reader's first intent). */
const noRecords: FullDataSource = { get: () => ({ status: 'idle' }), subscribe: () => () => {}, load() {} };

/** The default view as the page boots it from a bare address with no language preference. */
function defaultView() {
  return boot(data, '', []);
}

/** What every still of one build shares: the default view, the boundaries, the font and the ink. */
const shared = new WeakMap<Topo, Omit<StillRequest, 'width' | 'height'>>();

/** The default view's still request (the story's first language, the light theme, everything shown). */
function stillRequest(topo: Topo, size: { width: number; height: number }): StillRequest {
  let base = shared.get(topo);
  if (!base) {
    const state = defaultView().store.getState();
    base = {
      data,
      strings: STRINGS[state.lang],
      lang: state.lang,
      theme: 'light',
      activeTypes: state.activeTypes,
      date: state.date,
      selected: state.selected,
      links: state.links,
      boundaries: parseBoundaries(topo),
      measure: fontMeasure(),
      ink: inkFromCss(readFileSync(BASE_CSS, 'utf8'), 'light'),
    };
    shared.set(topo, base);
  }
  return { ...base, ...size };
}

/** The first screen: the page's HTML for the default view, with the map drawn for each frame. */
export function renderFirstScreen(
  topo: Topo,
  frames: readonly Frame[],
): { html: string; lang: string; langs: readonly string[] } {
  const { store, embed, layout } = defaultView();
  const firstPaint = frames
    .map((f) =>
      renderStill({ ...stillRequest(topo, f), part: 'map', idPrefix: `first-${f.name}` }).replace(
        /^<svg /,
        `<svg data-frame="${f.name}" preserveAspectRatio="xMidYMid meet" `,
      ),
    )
    .join('');
  const html = renderToString(
    <AppRoot data={data} records={noRecords} store={store} embed={embed} layout={layout} firstPaint={firstPaint} />,
  );
  if (!html.includes(FIRST_PAINT.mapClass)) throw new Error('prerender: the first screen has no map drawing');
  return { html, lang: store.getState().lang, langs: data.story.languages };
}

/** A still of the default view as a whole document (title, map, legend, credit). */
export function renderDefaultStill(topo: Topo, size: { width: number; height: number }): string {
  return renderStill(stillRequest(topo, size));
}

/** What the page's social tags say: the story's title and dek in its first language, and the card's alt text. */
export function shareText(): { lang: string; title: string; description: string; imageAlt: string } {
  const { lang } = defaultView().store.getState();
  return {
    lang,
    title: data.meta.title[lang],
    description: data.meta.dek[lang],
    imageAlt: STRINGS[lang].socialCardAlt.replace('{title}', data.meta.title[lang]),
  };
}
