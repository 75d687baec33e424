/**
 * The reader's first state, from the address and the browser's languages: the one place that turns
 * a page load into a store. main.tsx boots the page with it; the build's prerender (tools/vite/
 * prerender.ts) boots the default view with it (no query, no language preference), so the HTML it
 * writes is what the page's first render makes of a bare address.
 */

import type { PolicyIndex } from '../data/policy-index.ts';
import { stepSettings, storySteps } from '../data/steps.ts';
import { countryCodes, typeIds } from '../data/story.ts';
import { dateRange } from '../data/timeline.ts';
import { type EmbedLayout, embedLayout } from '../embed/layout.ts';
import { preferredLang } from '../i18n/strings.ts';
import { type AppStore, createAppStore } from './store.ts';
import { fromUrlState, parseUrlState, type UrlState } from './url-state.ts';

export interface Boot {
  store: AppStore;
  /** What the address asked for, as the app understood it (values it ignored are dropped). */
  parsed: UrlState;
  embed: boolean;
  layout: EmbedLayout | undefined;
}

export function boot(data: PolicyIndex, search: string, languages: readonly string[]): Boot {
  const months = dateRange(data);
  const types = typeIds(data);
  const langs = data.story.languages;
  const parsed = parseUrlState(search, {
    months,
    countries: countryCodes(data),
    types,
    langs,
    renamedTypes: data.story.renamedTypes,
    steps: storySteps(data).length,
  });
  const fromUrl = fromUrlState(parsed);
  // `?embed=1&layout=story`: the map and the stepper fill the frame (embed/layout.ts); only the map view.
  const layout = embedLayout(search);
  const store = createAppStore(
    {
      ...fromUrl,
      ...(layout === 'story' ? { view: 'map' as const } : {}),
      lang: fromUrl.lang ?? preferredLang(languages, langs),
    },
    { range: months, types, steps: stepSettings(data) },
  );
  const embed = new URLSearchParams(search).get('embed') === '1';
  return { store, parsed, embed, layout };
}
